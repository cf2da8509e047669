package pdf

import (
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// tagDoc is a one-page document with a decorative fill, a title, a QR code
// in a link and a paragraph with an English run.
func tagDoc(withLink bool) (*page.Doc, map[string]page.Item) {
	fill := &page.Fill{Rect: geom.Rect{W: 10, H: 10}}
	title := &page.Text{Source: "Think"}
	sq := &page.Squares{Payload: "tel:101"}
	link := &page.Link{URI: "tel:101", Alt: "QR code: call 101"}
	en := &page.Text{Source: "Childline", Lang: "en-GB"}
	items := []page.Item{fill, title, sq}
	if withLink {
		items = append(items, link)
	}
	items = append(items, en)
	figure := (&page.Element{Role: page.RoleFigure, Alt: "QR code: call 101"}).Add(sq)
	doc := &page.Doc{Pages: []*page.Page{{Items: items}}, Structure: []*page.Element{
		(&page.Element{Role: page.RoleH1}).Add(title),
		(&page.Element{Role: page.RoleLink}).Add(figure, link),
		(&page.Element{Role: page.RoleP}).Add(en),
	}}
	return doc, map[string]page.Item{"fill": fill, "title": title, "sq": sq, "link": link, "en": en}
}

func TestTagger(t *testing.T) {
	if newTagger(&page.Doc{Pages: []*page.Page{{}}}) != nil {
		t.Error("a document without structure is tagged")
	}
	doc, it := tagDoc(true)
	tg := newTagger(doc)
	for _, c := range []struct{ name, want string }{
		{"fill", "/Artifact BMC\n"},
		{"title", "/H1 <</MCID 0>> BDC\n"},
		{"sq", "/Figure <</MCID 1>> BDC\n"},
		{"en", "/P <</MCID 2 /Lang (en-GB)>> BDC\n"},
	} {
		if got := tg.open(it[c.name]); got != c.want {
			t.Errorf("open(%s) = %q, want %q", c.name, got, c.want)
		}
		if c.name == "en" {
			// A word that needs ActualText is a sequence of its own,
			// here in a Span element whose ActualText is "if" (as a
			// right-to-left word's is in reading order).
			if got, want := tg.spanOpen("fi", "if"), " EMC /Span <</MCID 3 /Lang (en-GB) /ActualText <FEFF00660069>>> BDC"; got != want {
				t.Errorf("spanOpen = %q, want %q", got, want)
			}
			if got, want := tg.spanClose(), " EMC /P <</MCID 4 /Lang (en-GB)>> BDC"; got != want {
				t.Errorf("spanClose = %q, want %q", got, want)
			}
		}
		if got := tg.close(); got != "EMC\n" {
			t.Errorf("close = %q", got)
		}
	}
	var untagged *tagger
	if untagged.open(it["en"]) != "" || untagged.close() != "" || untagged.spanOpen("fi", "if") != " /Span <</ActualText <FEFF00660069>>> BDC" || untagged.spanClose() != " EMC" {
		t.Error("an untagged document gets marked content other than ActualText spans")
	}
	if _, ok := untagged.annotKey(it["link"].(*page.Link)); ok {
		t.Error("a link of an untagged document has a parent-tree key")
	}
	if k, ok := tg.annotKey(it["link"].(*page.Link)); !ok || k != 1 {
		t.Errorf("link's parent-tree key %d %v, want 1 (after page 0)", k, ok)
	}
	next := 10
	alloc := func() int { next++; return next }
	objs := tg.objects(alloc, []int{3}, map[*page.Link]int{it["link"].(*page.Link): 7})
	got := map[int]string{}
	for _, o := range objs {
		got[o.num] = inline(o.body)
	}
	// 11 root, 12 Document, 13 parent tree, 14 H1, 15 Link, 16 Figure, 17 P,
	// 18 the word's Span, in its place among the P's sequences
	want := map[int]string{
		11: "<</Type /StructTreeRoot /K 12 0 R /ParentTree 13 0 R /ParentTreeNextKey 2>>",
		12: "<</Type /StructElem /S /Document /P 11 0 R /K [14 0 R 15 0 R 17 0 R]>>",
		13: "<</Nums [0 [14 0 R 16 0 R 17 0 R 18 0 R 17 0 R] 1 15 0 R]>>",
		14: "<</Type /StructElem /S /H1 /P 12 0 R /Pg 3 0 R /K [0]>>",
		15: "<</Type /StructElem /S /Link /P 12 0 R /K [16 0 R <</Type /OBJR /Obj 7 0 R /Pg 3 0 R>>]>>",
		16: "<</Type /StructElem /S /Figure /P 15 0 R /Pg 3 0 R /Alt (QR code: call 101) /K [1]>>",
		17: "<</Type /StructElem /S /P /P 12 0 R /Pg 3 0 R /K [2 18 0 R 4]>>",
		18: "<</Type /StructElem /S /Span /P 17 0 R /Pg 3 0 R /ActualText <FEFF00690066> /K [3]>>",
	}
	for n, w := range want {
		if got[n] != w {
			t.Errorf("object %d:\n got %s\nwant %s", n, got[n], w)
		}
	}
	if len(objs) != len(want) {
		t.Errorf("%d objects, want %d", len(objs), len(want))
	}

	// Without the link (the print edition), the Link element gives way to
	// its Figure.
	doc, it = tagDoc(false)
	tg = newTagger(doc)
	for _, name := range []string{"fill", "title", "sq", "en"} {
		tg.open(it[name])
		tg.close()
	}
	next = 10
	objs = tg.objects(alloc, []int{3}, nil)
	var all []string
	for _, o := range objs {
		all = append(all, inline(o.body))
	}
	s := strings.Join(all, "\n")
	if strings.Contains(s, "/Link") || strings.Contains(s, "OBJR") || !strings.Contains(s, "/ParentTreeNextKey 1>>") ||
		!strings.Contains(s, "<</Type /StructElem /S /Figure /P 12 0 R") {
		t.Errorf("structure without the link:\n%s", s)
	}
	if _, ok := tg.annotKey(it["link"].(*page.Link)); ok {
		t.Error("a link that is on no page has a parent-tree key")
	}
}
