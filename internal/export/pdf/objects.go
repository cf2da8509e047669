package pdf

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// putPage writes the new version of page object n: fpdf's entries (the
// MediaBox unless the page inherits it from the page tree, the shared
// resources, the content stream) less its
// transparency group, plus the TrimBox and BleedBox of a print page and
// the page's link annotations, each an indirect object (ISO 32000-1
// Table 30).
func putPage(u *update, b *base, n, i int, p *page.Page, links []*page.Link, content []byte, c *conformance) error {
	old, err := b.dictObject(n)
	if err != nil {
		return err
	}
	m := float64(p.Margin)
	annots := make([]int, len(links))
	for i, l := range links {
		annots[i] = u.alloc()
		// Link rectangles are in trim coordinates, y down; the media box
		// has its origin m below and left of the trim.
		x0, y1 := float64(l.Rect.X)+m, float64(p.Size.H-l.Rect.Y)+m
		x1, y0 := x0+float64(l.Rect.W), y1-float64(l.Rect.H)
		a := dict{}.with("Type", name("Annot")).with("Subtype", name("Link")).with("Rect", rectangle(x0, y0, x1, y1)).
			with("Border", array{0, 0, 0}).with("F", 4).with("A", dict{}.with("S", name("URI")).with("URI", ascii(l.URI)))
		u.object(annots[i], c.annotEntries(a, l, annots[i]))
	}
	// handbill's content stream, when it wrote one, follows fpdf's
	// (its graphics-state prefix) in the page's /Contents array.
	contents := old.get("Contents")
	if content != nil {
		if contents == nil {
			return fmt.Errorf("reading fpdf's output: page object %d has no /Contents", n)
		}
		cs := u.alloc()
		u.stream(cs, nil, content, true)
		contents = array{contents, ref(cs)}
	}
	d := old.without("Group", "Annots", "TrimBox", "BleedBox", "StructParents", "Tabs", "Contents").ifWith(contents != nil, "Contents", contents)
	d = c.pageEntries(d, i, len(links) > 0)
	if p.Margin > 0 {
		bl := float64(p.Bleed)
		d = d.with("TrimBox", rectangle(m, m, m+float64(p.Size.W), m+float64(p.Size.H))).
			with("BleedBox", rectangle(m-bl, m-bl, m+float64(p.Size.W)+bl, m+float64(p.Size.H)+bl))
	}
	u.object(n, d.ifWith(len(annots) > 0, "Annots", refs(annots)))
	return nil
}

// putOutline writes the document outline, one entry per page that names
// a bookmark, and returns its object number (0 when there is none).
func putOutline(u *update, doc *page.Doc, pages []int) int {
	var items []int // page indexes
	for i, p := range doc.Pages {
		if p.Bookmark != "" {
			items = append(items, i)
		}
	}
	if len(items) == 0 {
		return 0
	}
	root := u.alloc()
	nums := make([]int, len(items))
	for k := range items {
		nums[k] = u.alloc()
	}
	for k, i := range items {
		d := dict{}.with("Title", pdfText(doc.Pages[i].Bookmark)).with("Parent", ref(root))
		if k > 0 {
			d = d.with("Prev", ref(nums[k-1]))
		}
		if k+1 < len(nums) {
			d = d.with("Next", ref(nums[k+1]))
		}
		u.object(nums[k], d.with("Dest", array{ref(pages[i]), name("Fit")}))
	}
	u.object(root, dict{}.with("Type", name("Outlines")).with("First", ref(nums[0])).with("Last", ref(nums[len(nums)-1])).with("Count", len(nums)))
	return root
}

// infoDict returns the document information dictionary (ISO 32000-1
// §14.3.3) with dates that carry their time zone.
func infoDict(doc *page.Doc, c *conformance) dict {
	var d dict
	for _, f := range []struct {
		key name
		val string
	}{
		{"Title", doc.Title}, {"Subject", doc.Subject}, {"Author", doc.Author},
		{"Keywords", doc.Keywords}, {"Creator", doc.Creator}, {"Producer", doc.Creator},
	} {
		d = d.withText(f.key, f.val)
	}
	date := ascii(pdfDate(doc.Date))
	return c.infoEntries(d).with("CreationDate", date).with("ModDate", date)
}

// pdfDate formats t as a PDF date (ISO 32000-1 §7.9.4, D:YYYYMMDDHHmmSSOHH'mm)
// with its offset from UT: D:20261129120000Z00'00, D:20261129120000+01'00.
func pdfDate(t time.Time) string {
	s := "D:" + t.Format("20060102150405")
	_, off := t.Zone()
	sign := byte('+')
	switch {
	case off == 0:
		sign = 'Z'
	case off < 0:
		sign, off = '-', -off
	}
	return fmt.Sprintf("%s%c%02d'%02d", s, sign, off/3600, off%3600/60)
}

// putCatalog writes the new version of the catalog: fpdf's entries (the
// page tree, /Lang, output intents, metadata), less a /Names tree that
// holds nothing (fpdf always writes an empty /EmbeddedFiles, which
// Ghostscript reports as damage), plus the PDF version the file conforms
// to and the outline.
func putCatalog(u *update, b *base, outline int, ver string, extra func(dict) (dict, error)) error {
	old, err := b.dictObject(b.root)
	if err != nil {
		return err
	}
	drop := []name{"Version", "Outlines", "PageMode", "StructTreeRoot", "MarkInfo", "ViewerPreferences", "Metadata", "OutputIntents"}
	if emptyNames(old.get("Names")) {
		drop = append(drop, "Names")
	}
	d, err := extra(old.without(drop...))
	if err != nil {
		return err
	}
	d = d.with("Version", name(ver))
	if outline != 0 {
		d = d.with("Outlines", ref(outline)).with("PageMode", name("UseOutlines"))
	}
	u.object(b.root, d)
	return nil
}

// emptyNames reports whether a catalog's /Names dictionary holds only
// name trees with no names.
func emptyNames(v any) bool {
	d, ok := v.(dict)
	if !ok {
		return false
	}
	for _, e := range d {
		tree, ok := e.val.(dict)
		if !ok || len(tree) != 1 {
			return false
		}
		if a, ok := tree.get("Names").(array); !ok || len(a) != 0 {
			return false
		}
	}
	return true
}

// textString writes s as a PDF text string: a literal in plain ASCII, else
// UTF-16BE with a byte order mark (ISO 32000-1 §7.9.2.2).
func textString(s string) string {
	for _, r := range s {
		if r < ' ' || r > '~' {
			return utf16Hex(s)
		}
	}
	return literal(s)
}

// literal writes an ASCII string as a PDF literal string.
func literal(s string) string {
	var b bytes.Buffer
	b.WriteByte('(')
	for _, c := range []byte(s) {
		switch {
		case c == '(' || c == ')' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c < ' ' || c > '~':
			fmt.Fprintf(&b, "\\%03o", c)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte(')')
	return b.String()
}

// rect formats a rectangle in PDF coordinates (y up) on a page of height h.
func rect(r geom.Rect, h float64) string {
	return num(float64(r.X)) + " " + num(h-float64(r.Y)-float64(r.H)) + " " + num(float64(r.W)) + " " + num(float64(r.H))
}

// num formats a number with at most three decimals and no trailing zeros.
func num(v float64) string {
	s := strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}

// exact formats a scale factor with six decimals (no trailing zeros): a
// module size rounded to three would shift a code's last module by up to
// its count in thousandths of a point.
func exact(v float64) string {
	return strconv.FormatFloat(math.Round(v*1e6)/1e6, 'f', -1, 64)
}
