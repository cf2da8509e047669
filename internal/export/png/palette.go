package png

import (
	"cmp"
	"image"
	"image/color"
	"maps"
	"slices"
)

// Palette images: a page of flat colour (a poster: a few inks, white
// paper, black text) has a few thousand colours, nearly all of them the
// anti-aliased edges of glyphs and boxes; its 256 most frequent colours
// cover some 98% of its pixels. Written as an 8-bit palette PNG, each
// pixel the nearest of those colours, the bundled A4 poster's 900-pixel
// preview is 62 KB instead of 177 KB, and the edges it changes move by a
// shade. A page that 256 colours cannot hold (a photograph, a gradient)
// is written in full colour.

// paletteCover is the least share of a page's pixels its 256 most
// frequent colours must cover for it to be written with a palette.
const paletteCover = 0.95

// paletted returns img with at most 256 colours, its most frequent ones
// (ties broken by colour, so the same page gives the same bytes), each
// pixel the nearest of them; ok is false when they cover less than
// paletteCover of the pixels. img is opaque.
func paletted(img *image.RGBA) (out *image.Paletted, ok bool) {
	b := img.Bounds()
	// Pixels come in runs of one colour (paper, ink, a band): a run is
	// counted once in the map, which took most of the time pixel by pixel.
	count := map[uint32]int{}
	run, n := uint32(0), 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := img.Pix[img.PixOffset(b.Min.X, y):img.PixOffset(b.Max.X, y)]
		for i := 0; i < len(row); i += 4 {
			c := uint32(row[i])<<16 | uint32(row[i+1])<<8 | uint32(row[i+2])
			if c != run && n > 0 {
				count[run] += n
				n = 0
			}
			run = c
			n++
		}
	}
	if n > 0 {
		count[run] += n
	}
	colors := slices.SortedFunc(maps.Keys(count), func(a, b uint32) int {
		return cmp.Or(cmp.Compare(count[b], count[a]), cmp.Compare(a, b))
	})
	colors = colors[:min(len(colors), 256)]
	covered := 0
	for _, c := range colors {
		covered += count[c]
	}
	if float64(covered) < paletteCover*float64(b.Dx()*b.Dy()) {
		return nil, false
	}
	pal := make(color.Palette, len(colors))
	for i, c := range colors {
		pal[i] = color.RGBA{uint8(c >> 16), uint8(c >> 8), uint8(c), 255}
	}
	index := make(map[uint32]uint8, len(count))
	for c := range count {
		index[c] = uint8(nearest(colors, c))
	}
	out = image.NewPaletted(b, pal)
	last, at := uint32(1<<24), uint8(0) // no colour: the first pixel looks up
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := img.Pix[img.PixOffset(b.Min.X, y):img.PixOffset(b.Max.X, y)]
		dst := out.Pix[out.PixOffset(b.Min.X, y):]
		for i := 0; i < len(row); i += 4 {
			if c := uint32(row[i])<<16 | uint32(row[i+1])<<8 | uint32(row[i+2]); c != last {
				last, at = c, index[c]
			}
			dst[i/4] = at
		}
	}
	return out, true
}

// nearest returns the index of the colour of pal nearest c (squared
// distance in RGB), the first of equals.
func nearest(pal []uint32, c uint32) int {
	best, bestD := 0, -1
	for i, p := range pal {
		d := 0
		for _, sh := range []uint{16, 8, 0} {
			v := int(c>>sh&0xff) - int(p>>sh&0xff)
			d += v * v
		}
		if bestD < 0 || d < bestD {
			best, bestD = i, d
		}
	}
	return best
}
