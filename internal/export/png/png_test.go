package png_test

import (
	"bytes"
	"cmp"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	stdpng "image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/export/pdf"
	hpng "github.com/handbill/handbill/internal/export/png"
	"github.com/handbill/handbill/internal/fonts"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/messages"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/testtool"
	"github.com/handbill/handbill/internal/typeset"
)

// sample composes layout in locale from the bundled campaign.
func sample(t testing.TB, layout, locale string) *page.Doc {
	t.Helper()
	s := loadSample(t)
	pairs, err := build.Pairs(s.c, []string{layout}, []string{locale})
	if err != nil {
		t.Fatal(err)
	}
	cmp := build.Composer(s.c, s.cat, s.reg, build.Options{Creator: "handbill test", Date: time.Unix(0, 0).UTC()})
	res := cmp.Compose(typeset.NewSetter(s.reg), pairs[0].Layout, locale)
	if res.Diags.HasErrors() {
		t.Fatalf("%s %s: %v", layout, locale, res.Diags.Err())
	}
	return res.Doc
}

type bundled struct {
	c   *campaign.Campaign
	cat *messages.Catalog
	reg *fonts.Registry
}

var (
	sampleOnce sync.Once
	sampleData bundled
	sampleErr  error
)

func loadSample(t testing.TB) bundled {
	t.Helper()
	sampleOnce.Do(func() {
		c, cat, reg, err := testtool.LoadBundled()
		if err != nil {
			sampleErr = err
			return
		}
		sampleData = bundled{c, cat, reg}
	})
	if sampleErr != nil {
		t.Fatal(sampleErr)
	}
	return sampleData
}

var (
	red  = geom.Color{Name: "red", RGB: [3]float64{1, 0, 0}}
	blue = geom.Color{Name: "blue", RGB: [3]float64{0, 0, 1}}
)

func at(img *image.RGBA, x, y int) color.RGBA { return img.RGBAAt(x, y) }

func TestFillCoversItsPixelsOnly(t *testing.T) {
	// 72 dpi: one pixel per point.
	p := &page.Page{Size: geom.Size{W: 20, H: 10}, Items: []page.Item{&page.Fill{Rect: geom.Rect{X: 5, Y: 2, W: 10, H: 5}, Color: red}}}
	img, err := hpng.Page(p, hpng.Options{DPI: 72})
	if err != nil {
		t.Fatal(err)
	}
	if got := img.Bounds().Size(); got != image.Pt(20, 10) {
		t.Fatalf("size %v, want 20x10", got)
	}
	white := color.RGBA{255, 255, 255, 255}
	for y := 0; y < 10; y++ {
		for x := 0; x < 20; x++ {
			want := white
			if x >= 5 && x < 15 && y >= 2 && y < 7 {
				want = color.RGBA{255, 0, 0, 255}
			}
			if got := at(img, x, y); got != want {
				t.Fatalf("pixel %d,%d = %v, want %v", x, y, got, want)
			}
		}
	}
}

func TestHalfCoveredPixelIsBlended(t *testing.T) {
	p := &page.Page{Size: geom.Size{W: 4, H: 4}, Items: []page.Item{&page.Fill{Rect: geom.Rect{X: 0, Y: 0, W: 1.5, H: 4}, Color: geom.Black}}}
	img, err := hpng.Page(p, hpng.Options{DPI: 72})
	if err != nil {
		t.Fatal(err)
	}
	if got := at(img, 0, 1); got != (color.RGBA{0, 0, 0, 255}) {
		t.Errorf("covered pixel %v, want black", got)
	}
	if got := at(img, 1, 1).R; got < 120 || got > 135 {
		t.Errorf("half-covered pixel red=%d, want about 128", got)
	}
}

// Touching squares (QR modules) are one path: the shared edge, which falls
// inside a pixel, must come out fully covered, not as a lighter seam.
func TestTouchingSquaresLeaveNoSeam(t *testing.T) {
	sq := &page.Squares{Color: blue, Rects: []geom.Rect{{X: 0, Y: 0, W: 2.5, H: 4}, {X: 2.5, Y: 0, W: 2.5, H: 4}}}
	p := &page.Page{Size: geom.Size{W: 6, H: 4}, Items: []page.Item{sq}}
	img, err := hpng.Page(p, hpng.Options{DPI: 72})
	if err != nil {
		t.Fatal(err)
	}
	if got := at(img, 2, 1); got != (color.RGBA{0, 0, 255, 255}) {
		t.Errorf("pixel on the shared edge %v, want solid blue", got)
	}
}

func TestLaterItemsPaintOver(t *testing.T) {
	p := &page.Page{Size: geom.Size{W: 4, H: 4}, Items: []page.Item{
		&page.Fill{Rect: geom.Rect{W: 4, H: 4}, Color: red},
		&page.Fill{Rect: geom.Rect{X: 2, W: 2, H: 4}, Color: blue},
		&page.Link{Rect: geom.Rect{W: 4, H: 4}, URI: "tel:999"},
	}}
	img, err := hpng.Page(p, hpng.Options{DPI: 72})
	if err != nil {
		t.Fatal(err)
	}
	if got := at(img, 0, 0); got != (color.RGBA{255, 0, 0, 255}) {
		t.Errorf("left %v, want red", got)
	}
	if got := at(img, 3, 3); got != (color.RGBA{0, 0, 255, 255}) {
		t.Errorf("right %v, want blue (drawn later); links draw nothing", got)
	}
}

// A print page: art bleeds past the trim, a crop mark sits in the margin.
// The trim box shows neither the bleed nor the mark; the media box shows
// both, shifted by the margin.
func TestMediaBoxShowsBleedAndMarks(t *testing.T) {
	p := &page.Page{Size: geom.Size{W: 20, H: 20}, Bleed: 3, Margin: 10,
		Items: []page.Item{&page.Fill{Rect: geom.Rect{X: -3, Y: -3, W: 13, H: 26}, Color: red}},
		Marks: []page.Mark{{X1: -10, Y1: 25.5, X2: -4, Y2: 25.5, Width: 1, Color: geom.Black}},
	}
	trim, err := hpng.Page(p, hpng.Options{DPI: 72})
	if err != nil {
		t.Fatal(err)
	}
	if got := trim.Bounds().Size(); got != image.Pt(20, 20) {
		t.Fatalf("trim box %v, want 20x20", got)
	}
	if got := at(trim, 0, 0); got != (color.RGBA{255, 0, 0, 255}) {
		t.Errorf("trim corner %v, want red", got)
	}
	media, err := hpng.Page(p, hpng.Options{DPI: 72, Media: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := media.Bounds().Size(); got != image.Pt(40, 40) {
		t.Fatalf("media box %v, want 40x40", got)
	}
	for _, c := range []struct {
		x, y int
		want color.RGBA
	}{
		{7, 7, color.RGBA{255, 0, 0, 255}},       // bleed
		{6, 6, color.RGBA{255, 255, 255, 255}},   // outside the bleed
		{2, 35, color.RGBA{0, 0, 0, 255}},        // crop mark, half a point each side of y=35.5
		{2, 33, color.RGBA{255, 255, 255, 255}},  // beside it
		{7, 35, color.RGBA{255, 255, 255, 255}},  // past its end (butt cap)
		{25, 25, color.RGBA{255, 255, 255, 255}}, // right of the art
	} {
		if got := at(media, c.x, c.y); got != c.want {
			t.Errorf("media pixel %d,%d = %v, want %v", c.x, c.y, got, c.want)
		}
	}
	bad := *p
	bad.Margin = 1
	if _, err := hpng.Page(&bad, hpng.Options{}); err == nil {
		t.Error("a margin smaller than the bleed: no error")
	}
}

func TestSizeFollowsDPIOrWidth(t *testing.T) {
	a4 := geom.Paper["A4"]
	for _, tc := range []struct {
		opt  hpng.Options
		want image.Point
	}{
		// A4 is 595.28 × 841.89 points; partly covered pixels count.
		{hpng.Options{DPI: 72}, image.Pt(596, 842)},
		{hpng.Options{}, image.Pt(794, 1123)}, // 96 dpi
		{hpng.Options{DPI: 150}, image.Pt(1241, 1754)},
		{hpng.Options{Width: 300, DPI: 600}, image.Pt(300, 425)},
	} {
		got, err := hpng.Size(a4, tc.opt)
		if err != nil {
			t.Fatal(err)
		}
		if got != tc.want {
			t.Errorf("Size(A4, %+v) = %v, want %v", tc.opt, got, tc.want)
		}
	}
}

func TestBadSizesAreErrors(t *testing.T) {
	a4 := geom.Paper["A4"]
	for _, opt := range []hpng.Options{{DPI: -1}, {DPI: math.NaN()}, {DPI: 1e6}} {
		if _, err := hpng.Size(a4, opt); err == nil {
			t.Errorf("Size(A4, %+v): no error", opt)
		}
		if _, err := hpng.Page(&page.Page{Size: a4}, opt); err == nil {
			t.Errorf("Page(A4, %+v): no error", opt)
		}
	}
	doc := &page.Doc{Title: "empty", Pages: []*page.Page{{Size: a4}}}
	if _, err := hpng.Export(doc, 1, hpng.Options{}); err == nil || !strings.Contains(err.Error(), "page 2 does not exist") {
		t.Errorf("Export of a missing page: %v", err)
	}
}

func TestMissingGlyphIsAnError(t *testing.T) {
	doc := sample(t, "poster-a4", "en-GB")
	var run *page.Text
	for _, it := range doc.Pages[0].Items {
		if tx, ok := it.(*page.Text); ok {
			run = tx
			break
		}
	}
	bad := *run
	bad.Glyphs = []page.Glyph{{ID: 65000}}
	p := &page.Page{Size: geom.Size{W: 100, H: 100}, Items: []page.Item{&bad}}
	_, err := hpng.Page(p, hpng.Options{})
	if err == nil || !strings.Contains(err.Error(), "glyph 65000") {
		t.Fatalf("drawing glyph 65000 of %s: %v, want an error naming the glyph", run.Font.Name, err)
	}
	bad.Font = &page.Font{Name: "Broken", Data: []byte("not a font")}
	if _, err := hpng.Page(p, hpng.Options{}); err == nil || !strings.Contains(err.Error(), "font Broken") {
		t.Fatalf("drawing with a broken font: %v, want an error naming it", err)
	}
}

// blur returns img smoothed by two passes of a 3×3 box filter (about a
// Gaussian of one pixel). It evens out what two correct rasterisers may
// differ in — anti-aliasing, hinting, a baseline snapped to a pixel — but
// not a shape that is missing, misplaced or of another colour.
func blur(img *image.RGBA) *image.RGBA {
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	src := img
	for range 2 {
		// Separable: across, then down; edges average what they have.
		tmp := image.NewRGBA(img.Bounds())
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				box3(tmp.Pix[tmp.PixOffset(x, y):], src.Pix, func(k int) (int, bool) {
					return src.PixOffset(x+k, y), x+k >= 0 && x+k < w
				})
			}
		}
		dst := image.NewRGBA(img.Bounds())
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				box3(dst.Pix[dst.PixOffset(x, y):], tmp.Pix, func(k int) (int, bool) {
					return tmp.PixOffset(x, y+k), y+k >= 0 && y+k < h
				})
			}
		}
		src = dst
	}
	return src
}

// box3 writes into out the average of the pixels at offsets at(-1..1) of
// pix that exist.
func box3(out, pix []uint8, at func(int) (int, bool)) {
	var sum [3]int
	n := 0
	for k := -1; k <= 1; k++ {
		if i, ok := at(k); ok {
			sum[0] += int(pix[i])
			sum[1] += int(pix[i+1])
			sum[2] += int(pix[i+2])
			n++
		}
	}
	out[0], out[1], out[2], out[3] = uint8(sum[0]/n), uint8(sum[1]/n), uint8(sum[2]/n), 255
}

// glyphDiff is the difference of two images around one glyph.
type glyphDiff struct {
	run  *page.Text
	i    int     // glyph index in the run
	mean float64 // mean absolute difference, 0–255, over RGB
}

// glyphDiffs compares a and b (blurred) around every glyph of p: in the
// glyph's advance (at least 0.3 em) from an em above the baseline to 0.35
// em below, at s pixels per point.
func glyphDiffs(p *page.Page, a, b *image.RGBA, s float64) []glyphDiff {
	var out []glyphDiff
	for _, it := range p.Items {
		t, ok := it.(*page.Text)
		if !ok {
			continue
		}
		em := float64(t.Size)
		for gi, g := range t.Glyphs {
			x0 := float64(t.X) + g.X
			y := float64(t.Y) + g.Y
			r := image.Rect(int(x0*s), int((y-em)*s), int((x0+max(g.Advance, 0.3*em))*s)+1, int((y+0.35*em)*s)+1).Intersect(a.Bounds())
			sum, n := 0, 0
			for yy := r.Min.Y; yy < r.Max.Y; yy++ {
				for xx := r.Min.X; xx < r.Max.X; xx++ {
					i := a.PixOffset(xx, yy)
					for c := 0; c < 3; c++ {
						d := int(a.Pix[i+c]) - int(b.Pix[i+c])
						sum += max(d, -d)
					}
					n += 3
				}
			}
			if n > 0 {
				out = append(out, glyphDiff{t, gi, float64(sum) / float64(n)})
			}
		}
	}
	return out
}

func worstGlyph(ds []glyphDiff) glyphDiff {
	return slices.MaxFunc(ds, func(a, b glyphDiff) int { return cmp.Compare(a.mean, b.mean) })
}

// diff compares two images of one size: the mean absolute difference over
// all channels (0–255) and the share of pixels whose largest channel
// difference is over 64 (clearly visible).
func diff(a, b *image.RGBA) (mean, share float64) {
	var sum, over int
	n := a.Bounds().Dx() * a.Bounds().Dy()
	for i := 0; i < len(a.Pix); i += 4 {
		m := 0
		for c := 0; c < 3; c++ {
			d := int(a.Pix[i+c]) - int(b.Pix[i+c])
			sum += max(d, -d)
			m = max(m, d, -d)
		}
		if m > 64 {
			over++
		}
	}
	return float64(sum) / float64(3*n), float64(over) / float64(n)
}

// diffImage shows where two images differ by more than 64 in some
// channel: red where ours is darker, blue where poppler's is, on a faint
// copy of ours.
func diffImage(a, b *image.RGBA) *image.RGBA {
	out := image.NewRGBA(a.Bounds())
	for i := 0; i < len(a.Pix); i += 4 {
		m, sum := 0, 0
		for c := 0; c < 3; c++ {
			d := int(a.Pix[i+c]) - int(b.Pix[i+c])
			sum += d
			m = max(m, d, -d)
		}
		g := uint8(192 + int(a.Pix[i+1])/4)
		out.Pix[i], out.Pix[i+1], out.Pix[i+2], out.Pix[i+3] = g, g, g, 255
		if m > 64 {
			if sum < 0 {
				out.Pix[i], out.Pix[i+1], out.Pix[i+2] = 255, 0, 0
			} else {
				out.Pix[i], out.Pix[i+1], out.Pix[i+2] = 0, 0, 255
			}
		}
	}
	return out
}

func toRGBA(img image.Image) *image.RGBA {
	out := image.NewRGBA(img.Bounds())
	draw.Draw(out, out.Bounds(), img, img.Bounds().Min, draw.Src)
	return out
}

// The oracle: poppler's rendering of the PDF exporter's output for the
// same display list, at 200 dpi. pdftocairo (poppler's Cairo back end) is
// used rather than pdftoppm (its Splash back end), which snaps glyphs to
// the pixel grid more coarsely: against pdftoppm the worst glyph differs
// by up to 23, against pdftocairo by up to 14 (measured on the cases
// below with poppler 22.02), where every error tried in
// TestPopplerComparisonCatchesErrors scores at least 19.
const (
	oracleDPI    = 200
	maxGlyphDiff = 16.0  // per glyph, blurred, mean over RGB of 0–255
	maxPageMean  = 3.5   // whole page, unblurred (measured 1.2–2.5)
	maxPageShare = 0.025 // of pixels differing by more than 64 (measured 0.75–1.7%)
)

// poppler renders page i (from 0) of data with pdftocairo.
func poppler(t *testing.T, data []byte, i int) (*image.RGBA, []byte) {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "doc.pdf")
	if err := os.WriteFile(in, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "p")
	testtool.Run(t, "pdftocairo", "-png", "-singlefile", "-f", fmt.Sprint(i+1), "-l", fmt.Sprint(i+1), "-r", fmt.Sprint(oracleDPI), in, out)
	f, err := os.ReadFile(out + ".png")
	if err != nil {
		t.Fatal(err)
	}
	img, err := stdpng.Decode(bytes.NewReader(f))
	if err != nil {
		t.Fatal(err)
	}
	return toRGBA(img), f
}

// The PNG exporter draws what poppler draws from the PDF of the same
// display list, in Latin, Arabic, Bengali, Gurmukhi, Chinese and Cyrillic
// on posters and leaflets.
func TestMatchesPoppler(t *testing.T) {
	testtool.Slow(t)
	testtool.Need(t, "pdftocairo")
	for _, tc := range []struct{ layout, locale string }{
		{"poster-a4", "en-GB"},
		{"poster-a4", "ar"},
		{"poster-a4", "bn"},
		{"poster-a4", "pa"},
		{"poster-a4", "zh-Hans"},
		{"leaflet-a5", "uk"},
		{"leaflet-dl", "pl"},
	} {
		t.Run(tc.layout+"-"+tc.locale, func(t *testing.T) {
			doc := sample(t, tc.layout, tc.locale)
			data, err := pdf.Export(doc, pdf.Options{Color: pdf.RGB})
			if err != nil {
				t.Fatal(err)
			}
			for i, p := range doc.Pages {
				ours, err := hpng.Page(p, hpng.Options{DPI: oracleDPI})
				if err != nil {
					t.Fatal(err)
				}
				theirs, raw := poppler(t, data, i)
				if theirs.Bounds().Size() != ours.Bounds().Size() {
					t.Fatalf("page %d: poppler made %v, we made %v", i+1, theirs.Bounds().Size(), ours.Bounds().Size())
				}
				mean, share := diff(ours, theirs)
				gd := glyphDiffs(p, blur(ours), blur(theirs), oracleDPI/72.0)
				w := worstGlyph(gd)
				t.Logf("page %d: mean difference %.2f, %.2f%% of pixels over 64; worst of %d glyphs %.1f (glyph %d of %q)",
					i+1, mean, 100*share, len(gd), w.mean, w.i, w.run.Source)
				if mean > maxPageMean || share > maxPageShare || w.mean > maxGlyphDiff {
					keep := filepath.Join(os.TempDir(), fmt.Sprintf("handbill-png-%s-%s-%d", tc.layout, tc.locale, i+1))
					os.WriteFile(keep+"-ours.png", encode(t, ours), 0o644)
					os.WriteFile(keep+"-poppler.png", raw, 0o644)
					os.WriteFile(keep+"-diff.png", encode(t, diffImage(ours, theirs)), 0o644)
					t.Errorf("page %d differs from poppler: mean %.2f (bound %.1f), %.2f%% of pixels (bound %.1f%%), worst glyph %.1f (bound %.0f); images in %s-*.png",
						i+1, mean, maxPageMean, 100*share, 100*maxPageShare, w.mean, maxGlyphDiff, keep)
				}
			}
		})
	}
}

// The comparison is not blind: a run moved by a point (half a point
// across), drawn in the wrong colour, missing, or with one wrong glyph,
// breaks its bound. (Sub-point moves of 46pt headline type do not: 2% of
// the glyph's size is under the noise.)
func TestPopplerComparisonCatchesErrors(t *testing.T) {
	testtool.Slow(t)
	testtool.Need(t, "pdftocairo")
	doc := sample(t, "poster-a4", "en-GB")
	data, err := pdf.Export(doc, pdf.Options{Color: pdf.RGB})
	if err != nil {
		t.Fatal(err)
	}
	theirs, _ := poppler(t, data, 0)
	theirs = blur(theirs)
	p := doc.Pages[0]
	var runs []int
	for i, it := range p.Items {
		if _, ok := it.(*page.Text); ok {
			runs = append(runs, i)
		}
	}
	// The title, the first run of body text, and two further runs.
	body := slices.IndexFunc(runs, func(i int) bool { return p.Items[i].(*page.Text).TypeRole == "body" })
	if body < 0 {
		t.Fatal("the poster has no run of body text")
	}
	for _, k := range []int{0, body, len(runs) / 2, len(runs) - 1} {
		idx := runs[k]
		orig := p.Items[idx].(*page.Text)
		headline := orig.Size > 30
		mutants := []struct {
			name   string
			change func(*page.Text)
			small  bool // too small to see on headline type
		}{
			{"moved down 1pt", func(m *page.Text) { m.Y++ }, true},
			{"moved right 0.5pt", func(m *page.Text) { m.X += 0.5 }, true},
			{"red", func(m *page.Text) { m.Color = red }, false},
			{"missing", func(m *page.Text) { m.Glyphs = nil }, false},
			{"one wrong glyph", func(m *page.Text) {
				m.Glyphs = slices.Clone(m.Glyphs)
				g := &m.Glyphs[len(m.Glyphs)/2]
				if g.ID == m.Glyphs[0].ID {
					g = &m.Glyphs[1]
				}
				g.ID = m.Glyphs[0].ID
			}, false},
		}
		for _, mu := range mutants {
			if headline && mu.small {
				continue
			}
			m := *orig
			mu.change(&m)
			q := *p
			q.Items = slices.Clone(p.Items)
			q.Items[idx] = &m
			ours, err := hpng.Page(&q, hpng.Options{DPI: oracleDPI})
			if err != nil {
				t.Fatal(err)
			}
			// Measure where the original run is.
			w := worstGlyph(glyphDiffs(&page.Page{Items: []page.Item{orig}}, blur(ours), theirs, oracleDPI/72.0))
			if w.mean <= maxGlyphDiff {
				t.Errorf("%q %s: worst glyph differs by %.1f, within the bound %.0f", orig.Source, mu.name, w.mean, maxGlyphDiff)
			}
		}
	}
}

func encode(t testing.TB, img image.Image) []byte {
	var b bytes.Buffer
	if err := hpng.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// Every QR code in the PNG exporter's image decodes, with a Go decoder, to
// the payload the display list says it encodes.
func TestQRCodesDecode(t *testing.T) {
	testtool.Slow(t)
	for _, tc := range []struct{ layout, locale string }{{"poster-a4", "en-GB"}, {"poster-a4", "ar"}, {"leaflet-a5", "bn"}} {
		t.Run(tc.layout+"-"+tc.locale, func(t *testing.T) {
			doc := sample(t, tc.layout, tc.locale)
			n := 0
			for _, p := range doc.Pages {
				const dpi = 150
				data, err := hpng.Export(&page.Doc{Title: doc.Title, Pages: []*page.Page{p}}, 0, hpng.Options{DPI: dpi})
				if err != nil {
					t.Fatal(err)
				}
				img, err := stdpng.Decode(bytes.NewReader(data)) // through the encoder, as served
				if err != nil {
					t.Fatal(err)
				}
				for _, it := range p.Items {
					sq, ok := it.(*page.Squares)
					if !ok {
						continue
					}
					n++
					b := sq.Bounds.Scale(dpi / 72.0)
					crop := img.(interface {
						SubImage(image.Rectangle) image.Image
					}).SubImage(image.Rect(int(b.X)-2, int(b.Y)-2, int(b.Right())+2, int(b.Bottom())+2))
					bmp, err := gozxing.NewBinaryBitmapFromImage(crop)
					if err != nil {
						t.Fatal(err)
					}
					res, err := qrcode.NewQRCodeReader().Decode(bmp, nil)
					if err != nil {
						t.Errorf("QR code for %q at %v: %v", sq.Payload, sq.Bounds, err)
						continue
					}
					if res.GetText() != sq.Payload {
						t.Errorf("QR code decodes to %q, want %q", res.GetText(), sq.Payload)
					}
				}
			}
			if n == 0 {
				t.Fatalf("%s has no QR codes", tc.layout)
			}
		})
	}
}

// BenchmarkPoster rasterises the A4 poster at preview size (900 px wide)
// and encodes it, as the download site does for each preview.
func BenchmarkPoster(b *testing.B) {
	for _, loc := range []string{"en-GB", "bn"} {
		doc := sample(b, "poster-a4", loc)
		b.Run(loc, func(b *testing.B) {
			for b.Loop() {
				if _, err := hpng.Export(doc, 0, hpng.Options{Width: 900}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
