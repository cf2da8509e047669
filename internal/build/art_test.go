package build_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/edition"
	hpng "github.com/handbill/handbill/internal/export/png"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/testtool"
	"github.com/handbill/handbill/internal/typeset"
)

// artCopy copies testtool's art campaign to a temporary folder and writes
// files over it (path → content).
func artCopy(t *testing.T, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(testtool.ArtDir(t))); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// renderArt renders the art card of the campaign in dir, in locale loc,
// in every edition.
func renderArt(t *testing.T, dir, loc string) []*build.Document {
	t.Helper()
	c, cat, reg := testtool.Art(t, dir)
	pairs, err := build.Pairs(c, []string{"card"}, []string{loc})
	if err != nil {
		t.Fatal(err)
	}
	cmp := build.Composer(c, cat, reg, build.Options{Creator: "handbill test", Date: c.Date})
	_, docs, err := build.RenderEditions(cmp, typeset.NewSetter(reg), pairs[0], edition.All)
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

func pngOf(t *testing.T, w, h int, c color.Color) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		r, g, b, a := c.RGBA()
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = uint8(r>>8), uint8(g>>8), uint8(b>>8), uint8(a>>8)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestArtPreflight checks what the print edition says about placed
// artwork: a photo too coarse for its box is an error naming the file and
// block with the pixels it needs, a soft one a warning, and an SVG colour
// that is not in the palette an error naming the colour and the nearest
// palette colour. The screen edition minds none of them.
func TestArtPreflight(t *testing.T) {
	cases := []struct {
		name  string
		files map[string][]byte
		want  string
		err   bool
	}{
		{"low resolution", map[string][]byte{"assets/photo.png": pngOf(t, 400, 266, color.White)},
			`assets/photo.png is 400×266 pixels, 79 ppi at its placed size (128 mm × 85.1 mm): below the 150 ppi a print needs`, true},
		{"soft", map[string][]byte{"assets/photo.png": pngOf(t, 1000, 666, color.White)},
			`assets/photo.png is 198 ppi at its placed size (128 mm × 85.2 mm): below the 300 ppi print shops ask for`, false},
		{"off palette", map[string][]byte{"assets/mark.svg": []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#203570"/></svg>`)},
			`assets/mark.svg uses colour #203570, which is not in the layout's palette, so it has no inks of its own; the nearest palette colour is "brand" (#1d3263)`, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			docs := renderArt(t, artCopy(t, tc.files), "en-GB")
			for _, d := range docs {
				var found bool
				for _, p := range d.Preflight.Problems {
					found = found || strings.Contains(p.Msg, tc.want) && strings.HasPrefix(p.Path, "block ")
				}
				switch {
				case d.Edition == edition.Print && !found:
					t.Errorf("print preflight: %v, want %q", d.Preflight.Problems, tc.want)
				case d.Edition == edition.Print && tc.err != (d.Err != nil):
					t.Errorf("print edition error %v, want an error: %v", d.Err, tc.err)
				case d.Edition == edition.Screen && found:
					t.Errorf("screen preflight reports %q", tc.want)
				}
			}
		})
	}
}

// writeDoc writes an edition's PDF into a temporary folder.
func writeDoc(t *testing.T, d *build.Document) string {
	t.Helper()
	if d.Err != nil {
		t.Fatalf("%s edition: %v", d.Edition, d.Err)
	}
	path := filepath.Join(t.TempDir(), string(d.Edition)+".pdf")
	if err := os.WriteFile(path, d.PDF, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func editionOf(t *testing.T, docs []*build.Document, ed edition.Edition) *build.Document {
	t.Helper()
	for _, d := range docs {
		if d.Edition == ed {
			return d
		}
	}
	t.Fatalf("no %s edition", ed)
	return nil
}

// TestArtPDFLooksLikePNG renders the art card's screen edition (an SVG
// mark, a cover-fitted photo, partner logos with an even-odd ring and a
// round-capped stroke) with poppler and compares it with the PNG
// exporter's drawing of the same display list: the two must agree on all
// but anti-aliased edges, in English and in Urdu (mirrored, its own photo).
func TestArtPDFLooksLikePNG(t *testing.T) {
	testtool.Need(t, "pdftoppm")
	for _, loc := range []string{"en-GB", "ur"} {
		d := editionOf(t, renderArt(t, testtool.ArtDir(t), loc), edition.Screen)
		path := writeDoc(t, d)
		out := filepath.Join(t.TempDir(), "p")
		testtool.Run(t, "pdftoppm", "-r", "50", "-png", "-singlefile", path, out)
		f, err := os.Open(out + ".png")
		if err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		want, err := hpng.Page(d.Doc.Pages[0], hpng.Options{DPI: 50})
		if err != nil {
			t.Fatal(err)
		}
		if got.Bounds().Size() != want.Bounds().Size() {
			t.Fatalf("%s: poppler %v, PNG exporter %v", loc, got.Bounds().Size(), want.Bounds().Size())
		}
		bad := 0
		b := want.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r1, g1, b1, _ := got.At(x, y).RGBA()
				r2, g2, b2, _ := want.At(x, y).RGBA()
				if max(absDiff(r1, r2), absDiff(g1, g2), absDiff(b1, b2)) > 80<<8 {
					bad++
				}
			}
		}
		if frac := float64(bad) / float64(b.Dx()*b.Dy()); frac > 0.01 {
			t.Errorf("%s: %.1f%% of pixels differ between poppler and the PNG exporter", loc, frac*100)
		}
	}
}

func absDiff(a, b uint32) uint32 {
	if a > b {
		return a - b
	}
	return b - a
}

// TestArtPlates separates the art card's print edition with Ghostscript:
// the SVG mark and the partner logos put ink only on the process plates,
// and every pixel inside them carries the inks of one of the palette's
// colours (or none, for paper), so an SVG prints in the campaign's inks.
func TestArtPlates(t *testing.T) {
	d := editionOf(t, renderArt(t, testtool.ArtDir(t), "en-GB"), edition.Print)
	path := writeDoc(t, d)
	const dpi = 100
	pl := testtool.Plates(t, path, dpi)
	for name := range pl {
		if !slices.Contains([]string{"Cyan", "Magenta", "Yellow", "Black"}, name) {
			t.Errorf("plate %q: want only the process plates", name)
		}
	}
	c, _, _ := testtool.Art(t, testtool.ArtDir(t))
	palette := c.Layouts[0].Palette
	var inks [][4]float64
	for _, col := range palette {
		inks = append(inks, col.CMYK)
	}
	p := d.Doc.Pages[0]
	k := dpi / 72.0
	seen := map[[4]int]int{}
	for _, it := range p.Items {
		path, ok := it.(*page.Path)
		if !ok {
			continue
		}
		r := path.Bounds()
		x0, y0 := int((float64(r.X+p.Margin))*k)+1, int((float64(r.Y+p.Margin))*k)+1
		x1, y1 := int((float64(r.Right()+p.Margin))*k)-1, int((float64(r.Bottom()+p.Margin))*k)-1
		for y := y0; y < y1; y++ {
			for x := x0; x < x1; x++ {
				var v [4]int
				for i, name := range []string{"Cyan", "Magenta", "Yellow", "Black"} {
					v[i] = int(pl[name].GrayAt(x, y).Y)
				}
				seen[v]++
				if !onePaletteInk(v, inks) {
					t.Fatalf("pixel %d,%d inside %s has inks C%d M%d Y%d K%d (of 255), which are no palette colour's", x, y, path.Figure.Source, v[0], v[1], v[2], v[3])
				}
			}
		}
	}
	if len(seen) < 3 {
		t.Errorf("the artwork shows %d ink mixes, want at least accent, brand and paper: %v", len(seen), seen)
	}
}

// onePaletteInk reports whether plate values v (0–255) are the inks of one
// palette colour, within rounding.
func onePaletteInk(v [4]int, inks [][4]float64) bool {
	for _, c := range inks {
		ok := true
		for i := range v {
			ok = ok && math.Abs(float64(v[i])-c[i]*255) <= 3
		}
		if ok {
			return true
		}
	}
	return false
}

// TestCMYKJPEGPassesThrough places a CMYK JPEG in the print edition: its
// bytes are in the PDF unchanged, it is embedded once though placed twice,
// and Ghostscript separates its left half (C0 M100 Y100 K0) onto the
// magenta and yellow plates and its right half (C100) onto cyan.
func TestCMYKJPEGPassesThrough(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(testtool.ArtDir(t), "layouts", "card.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	// The photo block shows the 40×30 px JPEG in a 3×2.25 mm box (339 ppi),
	// and a second block shows it again.
	lay := strings.Replace(string(src), "box: [10mm, 48mm, 128mm, 80mm]\n        src: {default: assets/photo.png, ur: assets/photo-ur.png}",
		"box: [10mm, 48mm, 3mm, 2.25mm]\n        src: assets/cmyk.jpg", 1)
	lay = strings.Replace(lay, "      - kind: partners", `      - kind: image
        name: again
        box: [20mm, 48mm, 3mm, 2.25mm]
        src: assets/cmyk.jpg
        alt: ""
      - kind: partners`, 1)
	if lay == string(src) {
		t.Fatal("the card layout changed: update this test")
	}
	dir := artCopy(t, map[string][]byte{"layouts/card.yaml": []byte(lay)})
	d := editionOf(t, renderArt(t, dir, "en-GB"), edition.Print)
	jpg, err := os.ReadFile(filepath.Join(dir, "assets", "cmyk.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	if d.Err != nil {
		t.Fatal(d.Err)
	}
	if n := bytes.Count(d.PDF, jpg); n != 1 {
		t.Errorf("the JPEG's bytes are in the PDF %d times, want once, unchanged", n)
	}
	if n := bytes.Count(d.PDF, []byte("/Subtype /Image")); n != 1 {
		t.Errorf("%d image objects, want 1 for a raster placed twice", n)
	}
	// 600 dpi puts 70 pixels across the 3 mm image; under -short, 300
	// still puts 8 inside each half's sampling point.
	dpi := 600
	if testing.Short() {
		dpi = 300
	}
	pl := testtool.Plates(t, writeDoc(t, d), dpi)
	k := float64(dpi) / 72
	p := d.Doc.Pages[0]
	at := func(xmm, ymm float64) [4]int {
		x := int((xmm*float64(geom.MM) + float64(p.Margin)) * k)
		y := int((ymm*float64(geom.MM) + float64(p.Margin)) * k)
		var v [4]int
		for i, name := range []string{"Cyan", "Magenta", "Yellow", "Black"} {
			v[i] = int(pl[name].GrayAt(x, y).Y)
		}
		return v
	}
	if v := at(10.6, 49); v[0] > 10 || v[1] < 245 || v[2] < 245 || v[3] > 10 {
		t.Errorf("left half of the JPEG separates to C%d M%d Y%d K%d, want C0 M255 Y255 K0", v[0], v[1], v[2], v[3])
	}
	if v := at(12.4, 49); v[0] < 245 || v[1] > 10 || v[2] > 10 || v[3] > 10 {
		t.Errorf("right half of the JPEG separates to C%d M%d Y%d K%d, want C255 M0 Y0 K0", v[0], v[1], v[2], v[3])
	}
}
