package pdf

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// TestPNGDownsampled: a PNG is embedded at no more than MaxPPI at its
// placed size (a 4000-pixel image placed 20 mm wide is embedded 237 pixels
// wide, its colour kept), and at its own size when that is less.
func TestPNGDownsampled(t *testing.T) {
	src := image.NewRGBA(image.Rect(0, 0, 4000, 2000))
	for i := range src.Pix {
		src.Pix[i] = []uint8{200, 100, 50, 255}[i%4]
	}
	r := &page.Raster{Source: "big.png", Format: "png", Width: 4000, Height: 2000, Model: page.RGB, Pixels: src}
	for _, c := range []struct {
		w, h         geom.Pt
		wantW, wantH int
	}{
		{20 * geom.MM, 10 * geom.MM, 237, 119},
		{400 * geom.MM, 200 * geom.MM, 4000, 2000},
	} {
		data, err := png8(embedSize(r, geom.Rect{W: c.w, H: c.h}))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != c.wantW || b.Dy() != c.wantH {
			t.Errorf("placed %v×%v: embedded %d×%d, want %d×%d", c.w, c.h, b.Dx(), b.Dy(), c.wantW, c.wantH)
		}
		if got := color.NRGBAModel.Convert(img.At(c.wantW/2, c.wantH/2)).(color.NRGBA); got != (color.NRGBA{200, 100, 50, 255}) {
			t.Errorf("placed %v×%v: centre pixel %v", c.w, c.h, got)
		}
	}
}
