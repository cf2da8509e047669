package pdf

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestXMPPacket parses the packet as XML and reads back each property the
// standards ask for.
func TestXMPPacket(t *testing.T) {
	date := time.Date(2026, 11, 27, 9, 30, 0, 0, time.FixedZone("", 3600))
	m := xmpMeta{Title: "پہلے سوچیں & <send>", Lang: "ur", Author: "Cumbria Police", Subject: "title – poster-a4 – ur",
		Keywords: "sexting, poster-a4, ur", Creator: "handbill test", Producer: "handbill test", Date: date,
		DocumentID: xmpID("doc"), InstanceID: xmpID("doc", "v1"), UA: true, X4: true}
	p := m.packet()
	if !bytes.HasPrefix(p, []byte("<?xpacket begin=\"\ufeff\"")) || !bytes.HasSuffix(p, []byte(`<?xpacket end="w"?>`)) {
		t.Fatal("packet is not wrapped in xpacket processing instructions")
	}
	got := map[string]string{}
	dec := xml.NewDecoder(bytes.NewReader(p))
	var path []string
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() == "EOF" {
				break
			}
			t.Fatalf("packet is not XML: %v", err)
		}
		switch v := tok.(type) {
		case xml.StartElement:
			path = append(path, v.Name.Space+" "+v.Name.Local)
			for _, a := range v.Attr {
				if a.Name.Local == "lang" && len(path) > 0 {
					got[strings.Join(path, "/")+"@lang"] += a.Value + ";"
				}
			}
		case xml.EndElement:
			path = path[:len(path)-1]
		case xml.CharData:
			if s := strings.TrimSpace(string(v)); s != "" && len(path) > 0 {
				got[path[len(path)-1]] += s + ";"
			}
		}
	}
	const (
		rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
		dc  = "http://purl.org/dc/elements/1.1/"
	)
	want := map[string]string{
		rdf + " li":                                       "پہلے سوچیں & <send>;title – poster-a4 – ur;Cumbria Police;ur;",
		dc + " format":                                    "application/pdf;",
		"http://ns.adobe.com/pdf/1.3/ Producer":           "handbill test;",
		"http://ns.adobe.com/pdf/1.3/ Trapped":            "False;",
		"http://ns.adobe.com/xap/1.0/ CreateDate":         "2026-11-27T09:30:00+01:00;",
		"http://ns.adobe.com/xap/1.0/ CreatorTool":        "handbill test;",
		"http://www.aiim.org/pdfua/ns/id/ part":           "1;",
		"http://www.npes.org/pdfx/ns/id/ GTS_PDFXVersion": "PDF/X-4;",
		"http://ns.adobe.com/xap/1.0/mm/ RenditionClass":  "default;",
		"http://ns.adobe.com/xap/1.0/mm/ VersionID":       "1;",
		"http://ns.adobe.com/xap/1.0/mm/ DocumentID":      xmpID("doc") + ";",
		"http://ns.adobe.com/xap/1.0/mm/ InstanceID":      xmpID("doc", "v1") + ";",
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s = %q, want %q", k, got[k], w)
		}
	}
	uuid := regexp.MustCompile(`^uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	if id := xmpID("doc"); !uuid.MatchString(id) || id == xmpID("doc", "v1") || id != xmpID("doc") {
		t.Errorf("xmpID(doc) = %q: want a version 8 UUID, the same for the same input and different for another", id)
	}

	screen := xmpMeta{Title: "t", Lang: "en-GB", UA: true}.packet()
	for _, s := range []string{"pdfxid", "Trapped", "RenditionClass"} {
		if bytes.Contains(screen, []byte(s)) {
			t.Errorf("a packet that does not claim PDF/X-4 has %s", s)
		}
	}
}
