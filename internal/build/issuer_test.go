package build_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/testtool"
	"github.com/handbill/handbill/internal/typeset"
)

// lockupClear is the least space between the issuer lock-up's ink and a
// trim edge at its side, or the edge of a colour field beside it.
const lockupClear = 6 * geom.MM

// TestIssuerLockup renders the screen edition of every bundled layout in
// every bundled locale and measures its issuer lock-up (blocks of kind
// issuer) as drawn: every document has one, whose bold words are the
// publisher's name in the locale, over its web address; its ink keeps 6
// mm from the trim's sides and from the edges of the colour fields
// beside it, and the bottom margin of TestBottomMargin; nothing else
// drawn on the page (text, QR codes, artwork) overlaps it; and pdftotext
// reads the name and the address back from the PDF.
func TestIssuerLockup(t *testing.T) {
	testtool.Need(t, "pdftotext")
	c, cat, reg := loadBundled(t)
	pairs, err := build.Pairs(c, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	cmp := build.Composer(c, cat, reg, build.Options{Creator: "handbill test"})
	s := typeset.NewSetter(reg)
	web := c.Publisher.WebLabel()
	dir := t.TempDir()
	for _, p := range pairs {
		name := p.Layout.Name + " " + p.Locale
		_, docs, err := build.RenderEditions(cmp, s, p, []edition.Edition{edition.Screen})
		if err != nil || docs[0].Err != nil {
			t.Errorf("%s: %v %v", name, err, docs)
			continue
		}
		who, err := compose.PublisherName(c, cat, p.Locale)
		if err != nil {
			t.Fatal(err)
		}
		d := docs[0]
		if n := checkLockups(t, name, p.Layout, d.Doc, who, web, compose.IsRTL(p.Locale)); n == 0 {
			t.Errorf("%s: no issuer lock-up drawn", name)
		}
		path := filepath.Join(dir, "x.pdf")
		if err := os.WriteFile(path, d.PDF, 0o644); err != nil {
			t.Fatal(err)
		}
		text := noSpace(string(testtool.Run(t, "pdftotext", path, "-")))
		for _, w := range []string{who, web} {
			if !strings.Contains(text, noSpace(w)) {
				t.Errorf("%s: pdftotext does not read %q from the PDF", name, w)
			}
		}
	}
}

// checkLockups checks every issuer lock-up of doc and returns how many
// it found drawn.
func checkLockups(t *testing.T, name string, lay *campaign.Layout, doc *page.Doc, who, web string, rtl bool) int {
	t.Helper()
	n := 0
	for pi, pg := range lay.Pages {
		for _, box := range boxesOf(lay, pg, campaign.IssuerBlock, rtl) {
			at := name + " " + pg.Name + " " + box.Name
			ink, bold, rest, ok := lockupInk(doc.Pages[pi], box)
			if !ok {
				continue
			}
			n++
			if bold != who || rest != web {
				t.Errorf("%s: the lock-up reads %q over %q, want %q over %q", at, bold, rest, who, web)
			}
			checkLockupRoom(t, at, lay, pg, doc.Pages[pi], ink, rtl)
			checkLockupAlone(t, at, doc.Pages[pi], box, ink)
		}
	}
	return n
}

// lockupInk is the ink of the lock-up drawn in box (its runs' estimated
// ink and its logo), the text of its bold runs and of the others; false
// when nothing is drawn there.
func lockupInk(p *page.Page, box namedBox) (ink geom.Rect, bold, rest string, ok bool) {
	for _, it := range p.Items {
		var r geom.Rect
		switch v := it.(type) {
		case *page.Text:
			if v.TypeRole == "" || !box.Contains(geom.Rect{X: v.X, Y: v.Y, W: 0.1, H: 0.1}) {
				continue
			}
			r = inkOf(v)
			if strings.Contains(v.Font.Name, "Bold") {
				bold += strings.ReplaceAll(v.Source, "\u2060", "")
			} else {
				rest += v.Source
			}
		case *page.Path:
			if v.Figure == nil || v.Figure.Block != box.Name {
				continue
			}
			r = v.Bounds()
		default:
			continue
		}
		if !ok {
			ink, ok = r, true
		}
		ink = unionRect(ink, r)
	}
	return ink, bold, rest, ok
}

// checkLockupRoom checks the lock-up's ink against the trim's sides and
// foot and the colour fields beside it.
func checkLockupRoom(t *testing.T, at string, lay *campaign.Layout, pg campaign.Page, p *page.Page, ink geom.Rect, rtl bool) {
	t.Helper()
	if left, right := ink.X, lay.Size.W-ink.Right(); min(left, right) < lockupClear-fieldSlack {
		t.Errorf("%s: the lock-up is %.1f mm from the left and %.1f mm from the right trim edge, want at least %.0f mm", at, left.MM(), right.MM(), lockupClear.MM())
	}
	if foot, want := float64(lay.Size.H-ink.Bottom()), footMargin(lay, pg, rtl); foot < want-float64(geom.MM) {
		t.Errorf("%s: the lock-up is %.1f mm from the foot, want at least %.1f mm", at, foot/float64(geom.MM), want/float64(geom.MM))
	}
	for _, it := range p.Items {
		if f, ok := it.(*page.Fill); ok && f.Color.Name != "draft-band" {
			if d, edge := nearestEdge(ink, f.Rect, lay.Size); d < float64(lockupClear-fieldSlack) {
				t.Errorf("%s: the lock-up is %.1f mm from the %s edge of the field at %s, want at least %.0f mm", at, d/float64(geom.MM), edge, rectMM(f.Rect), lockupClear.MM())
			}
		}
	}
}

// checkLockupAlone checks that nothing else drawn on the page overlaps
// the lock-up's ink: other copy, QR codes, other artwork.
func checkLockupAlone(t *testing.T, at string, p *page.Page, box namedBox, ink geom.Rect) {
	t.Helper()
	for _, it := range p.Items {
		var r geom.Rect
		what := ""
		switch v := it.(type) {
		case *page.Text:
			if v.TypeRole == "" || box.Contains(geom.Rect{X: v.X, Y: v.Y, W: 0.1, H: 0.1}) {
				continue
			}
			r, what = inkOf(v), "text "+v.Source
		case *page.Squares:
			r, what = v.Bounds, "QR code "+v.Payload
		case *page.Path:
			if v.Figure == nil || v.Figure.Block == box.Name {
				continue
			}
			r, what = v.Bounds(), "artwork "+v.Figure.Source
		case *page.Image:
			r, what = v.Rect, "image"
		default:
			continue
		}
		if overlaps(r, ink) {
			t.Errorf("%s: %s at %s overlaps the lock-up at %s", at, what, rectMM(r), rectMM(ink))
		}
	}
}

func overlaps(a, b geom.Rect) bool {
	return a.X < b.Right() && b.X < a.Right() && a.Y < b.Bottom() && b.Y < a.Bottom()
}

func unionRect(a, b geom.Rect) geom.Rect {
	x0, y0 := min(a.X, b.X), min(a.Y, b.Y)
	return geom.Rect{X: x0, Y: y0, W: max(a.Right(), b.Right()) - x0, H: max(a.Bottom(), b.Bottom()) - y0}
}

// TestSourceVersionHasPublisherLogo: the issuer's logo is a file of its
// own, not the campaign file, so the source version a build keeps a
// document by follows it.
func TestSourceVersionHasPublisherLogo(t *testing.T) {
	c, cat, _ := loadBundled(t)
	lay := c.Layouts[0]
	var mark *campaign.Image
	for _, b := range lay.Pages[0].Blocks {
		if b.Image != nil {
			mark = b.Image
		}
	}
	if mark == nil {
		t.Fatalf("%s has no image block to borrow a logo from", lay.Name)
	}
	without, err := edition.SourceVersion(c, cat, lay, "en-GB")
	if err != nil {
		t.Fatal(err)
	}
	withLogo := *c
	pub := *c.Publisher
	pub.Logo = mark
	withLogo.Publisher = &pub
	with, err := edition.SourceVersion(&withLogo, cat, lay, "en-GB")
	if err != nil {
		t.Fatal(err)
	}
	if with == without {
		t.Errorf("a publisher logo left the source version at %s", without)
	}
}

// TestIssuerLogoInPDF renders the art card with an issuer lock-up added
// (artWithIssuer), in English and Urdu: the screen edition passes
// uaRules (the logo a Figure with its alternative text, the address's
// link in a Link element), its structure tree reads the logo's Figure,
// then the name, then the address in a Link, and pdftotext reads the
// name in the locale's words and the address.
func TestIssuerLogoInPDF(t *testing.T) {
	testtool.Need(t, "qpdf", "pdfinfo", "pdftotext")
	dir := artWithIssuer(t)
	_, cat, _ := testtool.Art(t, dir)
	lockup := regexp.MustCompile(`  Figure\n(    ""\n)+  P \(block\)\n(    .*\n)+  P \(block\)\n    Link \(inline\)\n      "www\.testshire\.example"\n`)
	for _, loc := range []string{"en-GB", "ur"} {
		path := writeDoc(t, editionOf(t, renderArt(t, dir, loc), edition.Screen))
		p := readObjects(t, path)
		for _, r := range uaRules {
			if strings.HasPrefix(r.what, "a list ") {
				continue // the card has no helplines, so no list
			}
			if why := r.check(p); why != "" {
				t.Errorf("%s: rule %s (%s): %s", loc, r.id, r.what, why)
			}
		}
		who, err := cat.Text(loc, "publisher.name", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		tree := string(testtool.Run(t, "pdfinfo", "-struct-text", path))
		if !lockup.MatchString(tree) {
			t.Errorf("%s: the structure tree has no Figure, P, P > Link of the lock-up:\n%s", loc, tree)
		}
		text := noSpace(string(testtool.Run(t, "pdftotext", path, "-")))
		for _, w := range []string{who, "www.testshire.example"} {
			if !strings.Contains(text, noSpace(w)) {
				t.Errorf("%s: pdftotext does not read %q", loc, w)
			}
		}
	}
}

// artWithIssuer is a copy of the art card's campaign whose publisher has
// its name as a message (translated in Urdu) and a logo (a partner's
// drawing standing in), and whose card has an issuer block between the
// emergency line and the partners strip.
func artWithIssuer(t *testing.T) string {
	t.Helper()
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(testtool.ArtDir(t), name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	edit := func(name, old, new string) []byte {
		s := read(name)
		if !strings.Contains(s, old) {
			t.Fatalf("%s no longer holds %q: update this test", name, old)
		}
		return []byte(strings.Replace(s, old, new, 1))
	}
	return artCopy(t, map[string][]byte{
		"campaign.yaml": edit("campaign.yaml", "partners:\n", "publisher:\n  name: {message: publisher.name}\n  url: https://www.testshire.example/\n"+
			"  logo: {src: assets/partner-a.svg, alt: publisher.logo}\npartners:\n"),
		"layouts/card.yaml": edit("layouts/card.yaml", "      - kind: partners\n", "      - kind: issuer\n        name: issuer\n"+
			"        box: [10mm, 158mm, 128mm, 16mm]\n        color: ink\n        size: [12pt, 16pt]\n      - kind: partners\n"),
		"locales/en-GB.toml": []byte(read("locales/en-GB.toml") + "\"publisher.name\" = \"Testshire Police\"\n\"publisher.logo\" = \"Testshire Police logo\"\n"),
		"locales/ur.toml":    []byte(read("locales/ur.toml") + "\"publisher.name\" = \"ٹیسٹ شائر پولیس\"\n\"publisher.logo\" = \"ٹیسٹ شائر پولیس کا لوگو\"\n"),
	})
}
