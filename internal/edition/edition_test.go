package edition

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/messages"
	"github.com/handbill/handbill/internal/page"
)

var (
	mm   = geom.MM
	ink  = geom.Color{Name: "ink", CMYK: [4]float64{0, 0, 0, 1}}
	pale = geom.Color{Name: "pale", CMYK: [4]float64{0.1, 0.04, 0, 0}, RGB: [3]float64{0.9, 0.93, 0.97}}
)

// TestPrintItems checks the print edition's changes to the art: bleed on
// the edges a fill touches, rich black only for large solid K areas, no
// links.
func TestPrintItems(t *testing.T) {
	p := &page.Page{Size: geom.Size{W: 148 * mm, H: 210 * mm}, Items: []page.Item{
		&page.Fill{Rect: geom.Rect{X: 0, Y: 0, W: 148 * mm, H: 60 * mm}, Color: ink},            // top band, all K, large
		&page.Fill{Rect: geom.Rect{X: 10 * mm, Y: 70 * mm, W: 50 * mm, H: 10 * mm}, Color: ink}, // thin K rule: stays K
		&page.Fill{Rect: geom.Rect{X: 74 * mm, Y: 100 * mm, W: 74 * mm, H: 110 * mm}, Color: pale},
		&page.Link{Rect: geom.Rect{X: 10 * mm, Y: 10 * mm, W: 10 * mm, H: 10 * mm}, URI: "tel:101"},
	}}
	pr := campaign.DefaultPrint
	pr.RichBlack = geom.Color{Name: "rich black", CMYK: [4]float64{0.6, 0.4, 0.4, 1}}
	out := printItems(p, pr)
	if len(out) != 3 {
		t.Fatalf("%d items, want the three fills without the link", len(out))
	}
	want := []struct {
		r     geom.Rect
		color string
	}{
		{geom.Rect{X: -3 * mm, Y: -3 * mm, W: 154 * mm, H: 63 * mm}, "rich black"},
		{geom.Rect{X: 10 * mm, Y: 70 * mm, W: 50 * mm, H: 10 * mm}, "ink"},
		{geom.Rect{X: 74 * mm, Y: 100 * mm, W: 77 * mm, H: 113 * mm}, "pale"},
	}
	for i, w := range want {
		f := out[i].(*page.Fill)
		if !near(f.Rect, w.r) || f.Color.Name != w.color {
			t.Errorf("fill %d: %v in %s, want %v in %s", i, f.Rect.Scale(1/float64(mm)), f.Color.Name, w.r.Scale(1/float64(mm)), w.color)
		}
	}
	if p.Items[0].(*page.Fill).Rect.X != 0 {
		t.Error("printItems changed the composed page")
	}
}

func near(a, b geom.Rect) bool {
	d := func(x, y geom.Pt) bool { return x-y < 0.001 && y-x < 0.001 }
	return d(a.X, b.X) && d(a.Y, b.Y) && d(a.W, b.W) && d(a.H, b.H)
}

func TestParse(t *testing.T) {
	for in, want := range map[string]string{"print": "print", "screen": "screen", "both": "print screen"} {
		eds, err := Parse(in)
		var got []string
		for _, e := range eds {
			got = append(got, string(e))
		}
		if err != nil || strings.Join(got, " ") != want {
			t.Errorf("%q: %v %v", in, got, err)
		}
	}
	if _, err := Parse("pdfx"); err == nil || err.Error() != `--edition: expected print, screen or both, found "pdfx"` {
		t.Errorf("pdfx: %v", err)
	}
}

// TestSourceVersionLeavesOutSiteWords: the source version of a print
// changes with a message a document draws, not with the site's own words,
// nor with the order of the file.
func TestSourceVersionLeavesOutSiteWords(t *testing.T) {
	msg := func(s string) *i18n.Message { return &i18n.Message{Other: s} }
	sum := func(ms map[string]*i18n.Message) string {
		h := sha256.New()
		writeMessages(h, &messages.File{Path: "locales/pl.toml", Messages: ms})
		return hex.EncodeToString(h.Sum(nil))
	}
	base := sum(map[string]*i18n.Message{"title": msg("Pomyśl"), "site.print": msg("Drukuj")})
	if got := sum(map[string]*i18n.Message{"title": msg("Pomyśl"), "site.print": msg("Wydrukuj")}); got != base {
		t.Error("a site message changed the source version")
	}
	if got := sum(map[string]*i18n.Message{"title": msg("Pomyśl!"), "site.print": msg("Drukuj")}); got == base {
		t.Error("a poster message left the source version as it was")
	}
	if got := sum(map[string]*i18n.Message{"title": msg("Pomyśl"), "site.print": msg("Drukuj"), "strapline": msg("")}); got == base {
		t.Error("a new message left the source version as it was")
	}
}
