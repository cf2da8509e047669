package png

import (
	"image"
	"image/color"
	"testing"
)

// A flat page (two inks, white paper, an anti-aliased edge between them)
// keeps its colours in a palette, every pixel within a shade of what was
// drawn; a gradient of 65,536 colours is left in full colour.
func TestPaletted(t *testing.T) {
	flat := flatPage()
	p, ok := paletted(flat)
	if !ok {
		t.Fatal("a flat page was not written with a palette")
	}
	if len(p.Palette) > 256 {
		t.Errorf("%d colours in the palette", len(p.Palette))
	}
	for y := range 300 {
		for x := range 400 {
			r0, g0, b0, _ := flat.At(x, y).RGBA()
			r1, g1, b1, _ := p.At(x, y).RGBA()
			if d := max(diff(r0, r1), diff(g0, g1), diff(b0, b1)); d > 2 {
				t.Fatalf("pixel (%d, %d) moved by %d", x, y, d)
			}
		}
	}
	again, _ := paletted(flat)
	for i := range p.Palette {
		if p.Palette[i] != again.Palette[i] {
			t.Fatal("the same page gave another palette")
		}
	}
	grad := image.NewRGBA(image.Rect(0, 0, 256, 256))
	for y := range 256 {
		for x := range 256 {
			grad.Set(x, y, color.RGBA{uint8(x), uint8(y), 128, 255})
		}
	}
	if _, ok := paletted(grad); ok {
		t.Error("a gradient of 65,536 colours was written with a palette")
	}
}

// flatPage is 400×300 pixels: a navy band, an edge of 256 shades ten
// rows deep, a yellow strip on white paper.
func flatPage() *image.RGBA {
	flat := image.NewRGBA(image.Rect(0, 0, 400, 300))
	for y := range 300 {
		for x := range 400 {
			c := color.RGBA{255, 255, 255, 255}
			switch {
			case y < 100:
				c = color.RGBA{0x1d, 0x32, 0x63, 255}
			case y < 110:
				v := uint8(x * 255 / 399)
				c = color.RGBA{v, v, 255 - v/2, 255}
			case x < 50:
				c = color.RGBA{0xfb, 0xb8, 0, 255}
			}
			flat.Set(x, y, c)
		}
	}
	return flat
}

// diff is |a−b| in 8-bit steps of two 16-bit channel values.
func diff(a, b uint32) int {
	d := int(a>>8) - int(b>>8)
	return max(d, -d)
}
