package build_test

import (
	"image"
	"os"
	"path/filepath"
	"testing"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/fonts"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/testtool"
	"github.com/handbill/handbill/internal/typeset"
)

// TestBlackOverprints separates the English A4 poster's print edition with
// Ghostscript's tiffsep, overprint simulated (-dOverprint=/enable). The QR
// codes and the black helpline text sit on the pale panel (C10 M4): where
// black overprints, the cyan plate stays solid under them, with no white
// halo for misregistration to show; the black plate still carries every
// module. The large brand-colour fill is not black, so nothing overprints
// it; rich black is never set to overprint (edition.go keeps it a fill).
func TestBlackOverprints(t *testing.T) {
	c, cat, reg := loadBundled(t)
	cmp := build.Composer(c, cat, reg, build.Options{Creator: "handbill test", Date: c.Date})
	path, doc := renderPDF(t, cmp, reg, c, "poster-a4", "en-GB", edition.Print)
	const dpi = 100
	plates := testtool.Plates(t, path, dpi, "-dOverprint=/enable")
	pg := doc.Doc.Pages[0]
	px := func(v float64) int { return int(v * dpi / 72) }
	codes := 0
	for _, it := range pg.Items {
		sq, ok := it.(*page.Squares)
		if !ok || sq.Payload == "" {
			continue
		}
		codes++
		// The code's modules, a pixel inside its edges, in media pixels.
		r := image.Rect(px(float64(sq.Bounds.X+pg.Margin))+2, px(float64(sq.Bounds.Y+pg.Margin))+2,
			px(float64(sq.Bounds.X+sq.Bounds.W+pg.Margin))-2, px(float64(sq.Bounds.Y+sq.Bounds.H+pg.Margin))-2)
		cyan, black := plates["Cyan"], plates["Black"]
		lo, hi := 255, 0
		dark := 0
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				v := int(cyan.GrayAt(x, y).Y)
				lo, hi = min(lo, v), max(hi, v)
				if black.GrayAt(x, y).Y > 200 {
					dark++
				}
			}
		}
		// The pale panel is 10% cyan: 25 or 26 of 255 everywhere.
		if lo < 20 || hi > 31 {
			t.Errorf("QR code %s: cyan plate from %d to %d under the code, want the panel's 10%% (≈25) throughout: black knocks out", sq.Payload, lo, hi)
		}
		if dark < r.Dx()*r.Dy()/5 {
			t.Errorf("QR code %s: %d of %d pixels on the black plate, want the modules", sq.Payload, dark, r.Dx()*r.Dy())
		}
	}
	if codes != 3 {
		t.Fatalf("%d QR codes, want 3", codes)
	}
}

// renderPDF renders one edition of layout in locale with a fresh setter
// and writes it to a temporary file: its path, and the document.
func renderPDF(t *testing.T, cmp *compose.Composer, reg *fonts.Registry, c *campaign.Campaign, layout, locale string, ed edition.Edition) (string, *build.Document) {
	t.Helper()
	pairs, err := build.Pairs(c, []string{layout}, []string{locale})
	if err != nil {
		t.Fatal(err)
	}
	_, docs, err := build.RenderEditions(cmp, typeset.NewSetter(reg), pairs[0], []edition.Edition{ed})
	if err != nil || docs[0].Err != nil {
		t.Fatal(err, docs[0].Err)
	}
	path := filepath.Join(t.TempDir(), build.FileName(c.ID, pairs[0], ed))
	if err := os.WriteFile(path, docs[0].PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, docs[0]
}
