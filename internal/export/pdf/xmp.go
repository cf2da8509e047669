package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/xml"
	"fmt"
	"strings"
	"time"
)

// xmpMeta is what a document's XMP metadata packet says (ISO 16684-1; the
// /Metadata stream of the catalog, ISO 32000-1 §14.3.2). It repeats the
// Info dictionary — PDF/X-4 (ISO 15930-7 §6.7.2) and PDF/UA-1 (ISO
// 14289-1 §7.1) require the two to agree — and adds the claims a
// validator looks for: pdfuaid:part for PDF/UA-1, pdfxid:GTS_PDFXVersion
// for PDF/X-4.
type xmpMeta struct {
	Title    string // dc:title (x-default), in Lang
	Lang     string // dc:language
	Author   string // dc:creator
	Subject  string // dc:description
	Keywords string // pdf:Keywords
	Creator  string // xmp:CreatorTool
	Producer string // pdf:Producer
	Date     time.Time
	// DocumentID names the document across versions and InstanceID this
	// version (xmpMM, "uuid:…"); see xmpID.
	DocumentID, InstanceID string
	UA                     bool // claim PDF/UA-1
	X4                     bool // claim PDF/X-4; also writes pdf:Trapped False
}

// xmpID returns a URN-formatted UUID (RFC 9562 version 8, "custom") made
// from a SHA-256 of parts, so that the same input always gives the same id
// and rebuilds stay byte-identical.
func xmpID(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		fmt.Fprintf(h, "%d:%s\n", len(p), p)
	}
	s := h.Sum(nil)[:16]
	s[6] = s[6]&0x0f | 0x80 // version 8
	s[8] = s[8]&0x3f | 0x80 // variant 10
	return fmt.Sprintf("uuid:%x-%x-%x-%x-%x", s[0:4], s[4:6], s[6:8], s[8:10], s[10:16])
}

// xmpDate formats t as an XMP date with its time zone (ISO 16684-1 §8.2.1.6,
// ISO 8601), such as 2026-11-27T00:00:00Z.
func xmpDate(t time.Time) string {
	return t.Format("2006-01-02T15:04:05Z07:00")
}

// packet returns the XMP packet: UTF-8, wrapped in the xpacket processing
// instructions with padding so that a tool can edit it in place, as ISO
// 16684-1 §7.3 recommends.
func (m xmpMeta) packet() []byte {
	var b bytes.Buffer
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">` + "\n")
	b.WriteString(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` + "\n")
	b.WriteString(`<rdf:Description rdf:about=""` +
		"\n  " + `xmlns:dc="http://purl.org/dc/elements/1.1/"` +
		"\n  " + `xmlns:pdf="http://ns.adobe.com/pdf/1.3/"` +
		"\n  " + `xmlns:xmp="http://ns.adobe.com/xap/1.0/"` +
		"\n  " + `xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"`)
	if m.UA {
		b.WriteString("\n  " + `xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"`)
	}
	if m.X4 {
		b.WriteString("\n  " + `xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/"`)
	}
	b.WriteString(">\n")
	el := func(name, value string) {
		if value != "" {
			fmt.Fprintf(&b, "  <%s>%s</%s>\n", name, esc(value), name)
		}
	}
	if m.Title != "" {
		// One x-default item (ISO 16684-1 §8.2.2.4); dc:language says
		// which language it is in. pdf.js (5.6) reads dc:title as the
		// text of the whole rdf:Alt, and its viewer prefers it to /Title:
		// a second item in the document's language read as the title
		// twice over.
		fmt.Fprintf(&b, "  <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", esc(m.Title))
	}
	if m.Subject != "" {
		fmt.Fprintf(&b, "  <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", esc(m.Subject))
	}
	if m.Author != "" {
		fmt.Fprintf(&b, "  <dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", esc(m.Author))
	}
	if m.Lang != "" {
		fmt.Fprintf(&b, "  <dc:language><rdf:Bag><rdf:li>%s</rdf:li></rdf:Bag></dc:language>\n", esc(m.Lang))
	}
	b.WriteString("  <dc:format>application/pdf</dc:format>\n")
	el("pdf:Keywords", m.Keywords)
	el("pdf:Producer", m.Producer)
	if m.X4 {
		el("pdf:Trapped", "False")
	}
	el("xmp:CreatorTool", m.Creator)
	if !m.Date.IsZero() {
		d := xmpDate(m.Date)
		el("xmp:CreateDate", d)
		el("xmp:ModifyDate", d)
		el("xmp:MetadataDate", d)
	}
	el("xmpMM:DocumentID", m.DocumentID)
	el("xmpMM:InstanceID", m.InstanceID)
	if m.X4 {
		// PDF/X-4 requires a version and a rendition class (ISO 15930-7
		// §6.7.2.2): this file is version 1 of its rendition "default".
		el("xmpMM:VersionID", "1")
		el("xmpMM:RenditionClass", "default")
		el("pdfxid:GTS_PDFXVersion", "PDF/X-4")
	}
	if m.UA {
		el("pdfuaid:part", "1")
	}
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n")
	pad := strings.Repeat(strings.Repeat(" ", 99)+"\n", 20)
	b.WriteString(pad)
	b.WriteString(`<?xpacket end="w"?>`)
	return b.Bytes()
}

// esc escapes s for XML character data and attribute values.
func esc(s string) string {
	var b strings.Builder
	if err := xml.EscapeText(&b, []byte(s)); err != nil {
		panic(err) // strings.Builder never fails to write
	}
	return b.String()
}
