package build_test

import (
	"bytes"
	"os"
	"path/filepath"
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

// TestHelplineWeb renders both editions of every bundled layout in every
// bundled locale and checks each helpline that gives a web address
// (url:): pdftotext reads its label (www.childline.org.uk) in both
// editions, inside its unit (after its own number, with no other
// helpline's number between), its words inside a helplines block and
// clear of every other run (Urdu's A4 sets it after the name, on the
// name's line); the screen edition has one link to the
// address over the label's words, in a Link structure element with the
// words and alternative text naming the label; the print edition has no
// link and prints the words.
func TestHelplineWeb(t *testing.T) {
	testtool.Need(t, "pdftotext")
	c, cat, reg := loadBundled(t)
	var webs []campaign.Helpline
	for _, hl := range c.Helplines {
		if hl.URL != "" {
			webs = append(webs, hl)
		}
	}
	if len(webs) == 0 {
		t.Fatal("no bundled helpline gives a web address")
	}
	pairs, err := build.Pairs(c, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	cmp := build.Composer(c, cat, reg, build.Options{Creator: "handbill test"})
	s := typeset.NewSetter(reg)
	path := filepath.Join(t.TempDir(), "x.pdf")
	for _, p := range pairs {
		_, docs, err := build.RenderEditions(cmp, s, p, edition.All)
		if err != nil {
			t.Fatalf("%s %s: %v", p.Layout.Name, p.Locale, err)
		}
		for _, d := range docs {
			name := p.Layout.Name + " " + p.Locale + " " + string(d.Edition)
			if d.Err != nil {
				t.Errorf("%s: %v", name, d.Err)
				continue
			}
			if err := os.WriteFile(path, d.PDF, 0o644); err != nil {
				t.Fatal(err)
			}
			text := readable(string(testtool.Run(t, "pdftotext", path, "-")))
			for _, hl := range webs {
				checkWebInUnit(t, name, text, c.Helplines, hl)
				checkWebLink(t, name, d.Doc, d.PDF, hl, d.Edition == edition.Screen)
				checkWebPlace(t, name, p.Layout, d.Doc, hl, compose.IsRTL(p.Locale))
			}
		}
	}
}

// checkWebPlace checks the drawn words of hl's web label are inside a
// helplines block and that their ink (estimated as the rules tests do,
// inkOf) overlaps no other text: set after a name on its line, the label
// keeps clear of it.
func checkWebPlace(t *testing.T, name string, lay *campaign.Layout, doc *page.Doc, hl campaign.Helpline, rtl bool) {
	t.Helper()
	hb := helplineBoxes(lay, rtl)
	for pi, p := range doc.Pages {
		for _, it := range p.Items {
			w, ok := it.(*page.Text)
			if !ok || !isWebRun(hl, w) {
				continue
			}
			if !containsAny(hb[pi], geom.Rect{X: w.X + geom.Pt(w.Width()/2), Y: w.Y, W: 0.1, H: 0.1}) {
				t.Errorf("%s: %q at (%.1f, %.1f) mm is outside the helplines blocks", name, w.Source, w.X.MM(), w.Y.MM())
			}
			for _, o := range p.Items {
				v, ok := o.(*page.Text)
				if ok && !isWebRun(hl, v) && overlaps(inkOf(w), inkOf(v)) {
					t.Errorf("%s: %q at %s overlaps %q at %s", name, w.Source, rectMM(inkOf(w)), v.Source, rectMM(inkOf(v)))
				}
			}
		}
	}
}

// isWebRun reports whether v is a run of hl's web label.
func isWebRun(hl campaign.Helpline, v *page.Text) bool {
	return len(v.Source) > 2 && strings.Contains(hl.WebLabel(), strings.TrimSpace(v.Source))
}

// readable is pdftotext's text without white space and the bidirectional
// marks it adds around right-to-left lines.
func readable(s string) string {
	return noSpace(strings.Map(func(r rune) rune {
		if r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069' || r == '\u200e' || r == '\u200f' {
			return -1
		}
		return r
	}, s))
}

// checkWebInUnit checks text reads hl's web label after hl's number with
// no other helpline's number between them.
func checkWebInUnit(t *testing.T, name, text string, all []campaign.Helpline, hl campaign.Helpline) {
	t.Helper()
	web := noSpace(hl.WebLabel())
	at := strings.Index(text, web)
	if at < 0 {
		t.Errorf("%s: pdftotext does not read %q", name, hl.WebLabel())
		return
	}
	own := strings.LastIndex(text[:at], noSpace(hl.Number))
	if own < 0 {
		t.Errorf("%s: pdftotext reads %q before %s's number %s", name, hl.WebLabel(), hl.ID, hl.Number)
		return
	}
	for _, o := range all {
		if o.ID != hl.ID && strings.Contains(text[own:at], noSpace(o.Number)) {
			t.Errorf("%s: pdftotext reads %s's number %s between %s's number and its web address", name, o.ID, o.Number, hl.ID)
		}
	}
}

// checkWebLink checks the links to hl's web address: in the screen
// edition exactly one, over the label's drawn words, in a Link element
// holding them with alternative text that names the label; in the print
// edition none.
func checkWebLink(t *testing.T, name string, doc *page.Doc, pdf []byte, hl campaign.Helpline, screen bool) {
	t.Helper()
	links, words := webItems(doc, hl)
	if len(words) == 0 {
		t.Errorf("%s: %s's web address is not drawn", name, hl.ID)
	}
	if !screen {
		if len(links) != 0 || bytes.Contains(pdf, []byte(hl.URL)) {
			t.Errorf("%s: the print edition links to %s", name, hl.URL)
		}
		return
	}
	if len(links) != 1 || !bytes.Contains(pdf, []byte("/URI ("+hl.URL+")")) {
		t.Errorf("%s: %d links to %s, want 1 (and its /URI in the PDF)", name, len(links), hl.URL)
		return
	}
	l := links[0]
	for _, w := range words {
		base := geom.Rect{X: w.X + geom.Pt(w.Width()/2), Y: w.Y - 0.3*w.Size, W: 0.1, H: 0.1}
		if !l.Rect.Contains(base) {
			t.Errorf("%s: the link to %s at %s does not cover %q at (%.1f, %.1f) mm", name, hl.URL, rectMM(l.Rect), w.Source, w.X.MM(), w.Y.MM())
		}
	}
	if !strings.Contains(l.Alt, hl.WebLabel()) {
		t.Errorf("%s: the link to %s has alternative text %q, want it to name %s", name, hl.URL, l.Alt, hl.WebLabel())
	}
	checkLinkElement(t, name, doc, l, hl)
}

// webItems are the links of doc to hl's web address and the runs drawn
// of its label.
func webItems(doc *page.Doc, hl campaign.Helpline) (links []*page.Link, words []*page.Text) {
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			switch v := it.(type) {
			case *page.Link:
				if v.URI == hl.URL {
					links = append(links, v)
				}
			case *page.Text:
				if isWebRun(hl, v) {
					words = append(words, v)
				}
			}
		}
	}
	return links, words
}

// checkLinkElement checks l is in a Link structure element that holds
// hl's label as its words.
func checkLinkElement(t *testing.T, name string, doc *page.Doc, l *page.Link, hl campaign.Helpline) {
	t.Helper()
	el := linkElement(doc.Structure, l)
	if el == nil {
		t.Errorf("%s: the link to %s is in no Link structure element", name, hl.URL)
		return
	}
	var said strings.Builder
	for _, k := range el.Kids {
		if v, ok := k.(*page.Text); ok {
			said.WriteString(v.Source)
		}
	}
	if noSpace(said.String()) != noSpace(hl.WebLabel()) {
		t.Errorf("%s: the Link element of %s holds %q, want %q", name, hl.URL, said.String(), hl.WebLabel())
	}
}

// linkElement is the Link element of els (at any depth) that holds l.
func linkElement(els []*page.Element, l *page.Link) *page.Element {
	for _, el := range els {
		for _, k := range el.Kids {
			switch v := k.(type) {
			case *page.Link:
				if v == l && el.Role == page.RoleLink {
					return el
				}
			case *page.Element:
				if found := linkElement([]*page.Element{v}, l); found != nil {
					return found
				}
			}
		}
	}
	return nil
}

// wantLinks is how many links a bundled screen edition has: one per
// helpline's QR code, the issuer's web address and each helpline's.
func wantLinks(c *campaign.Campaign) int {
	n := len(c.Helplines) + 1
	for _, hl := range c.Helplines {
		if hl.URL != "" {
			n++
		}
	}
	return n
}
