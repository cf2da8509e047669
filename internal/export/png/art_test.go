package png_test

import (
	"image"
	"image/color"
	"testing"

	hpng "github.com/handbill/handbill/internal/export/png"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

func square(x, y, s float64, ccw bool) []page.Seg {
	pts := []geom.XY{{X: geom.Pt(x), Y: geom.Pt(y)}, {X: geom.Pt(x + s), Y: geom.Pt(y)}, {X: geom.Pt(x + s), Y: geom.Pt(y + s)}, {X: geom.Pt(x), Y: geom.Pt(y + s)}}
	if ccw {
		pts[1], pts[3] = pts[3], pts[1]
	}
	segs := []page.Seg{{Op: page.MoveTo, P: [3]geom.XY{pts[0]}}}
	for _, q := range pts[1:] {
		segs = append(segs, page.Seg{Op: page.LineTo, P: [3]geom.XY{q}})
	}
	return append(segs, page.Seg{Op: page.Close})
}

// TestPathsAndImages draws a path of two nested squares with each fill
// rule, a stroked open line with a miter corner, and a raster with alpha
// clipped to a box, at 72 dpi (a pixel per point), and reads pixels back.
func TestPathsAndImages(t *testing.T) {
	nested := append(square(10, 10, 40, false), square(20, 20, 20, false)...)
	photo := image.NewNRGBA(image.Rect(0, 0, 6, 1)) // three opaque blue pixels, three transparent
	for x := range 3 {
		photo.Set(x, 0, color.NRGBA{0, 0, 255, 255})
	}
	p := &page.Page{Size: geom.Size{W: 200, H: 100}, Items: []page.Item{
		&page.Path{Segs: nested, Fill: &red},
		&page.Path{Segs: nested, Fill: &red, EvenOdd: true},
		&page.Path{Segs: []page.Seg{
			{Op: page.MoveTo, P: [3]geom.XY{{X: 110, Y: 90}}},
			{Op: page.LineTo, P: [3]geom.XY{{X: 110, Y: 60}}},
			{Op: page.CubicTo, P: [3]geom.XY{{X: 120, Y: 60}, {X: 130, Y: 60}, {X: 140, Y: 60}}},
		}, Stroke: &red, Width: 6, Join: page.MiterJoin, MiterLimit: 4},
		&page.Image{Raster: &page.Raster{Width: 6, Height: 1, Pixels: photo}, Rect: geom.Rect{X: 150, Y: 10, W: 60, H: 30}, Clip: geom.Rect{X: 155, Y: 10, W: 35, H: 30}},
	}}
	// The even-odd copy is moved right by 50pt.
	eo := p.Items[1].(*page.Path)
	eo.Segs = append(square(60, 10, 40, false), square(70, 20, 20, false)...)
	img, err := hpng.Page(p, hpng.Options{DPI: 72})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		x, y int
		c    color.RGBA
		what string
	}{
		{15, 15, redPx, "nonzero outer ring"},
		{30, 30, redPx, "nonzero inner square (same direction: filled)"},
		{65, 15, redPx, "even-odd outer ring"},
		{80, 30, whitePx, "even-odd inner square (a hole)"},
		{110, 75, redPx, "stroke on the vertical line"},
		{108, 58, redPx, "miter corner outside the turn"},
		{125, 60, redPx, "stroke on the curve"},
		{125, 66, whitePx, "beyond the stroke's half width"},
		{160, 25, bluePx, "opaque half of the raster"},
		{187, 25, whitePx, "transparent half of the raster shows the paper"},
		{152, 25, whitePx, "opaque raster clipped to its box"},
	}
	for _, w := range want {
		if got := img.RGBAAt(w.x, w.y); got != w.c {
			t.Errorf("%s: pixel %d,%d is %v, want %v", w.what, w.x, w.y, got, w.c)
		}
	}
}

var (
	redPx   = color.RGBA{255, 0, 0, 255}
	whitePx = color.RGBA{255, 255, 255, 255}
	bluePx  = color.RGBA{0, 0, 255, 255}
)
