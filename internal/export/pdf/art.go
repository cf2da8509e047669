package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"strings"
	"sync"

	"codeberg.org/go-pdf/fpdf"

	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// writePath writes a vector path in trim coordinates (y flipped with the
// trim height h), filled and/or stroked in the edition's inks.
func writePath(b *strings.Builder, p *page.Path, h float64, ink *inks) {
	b.WriteString("q")
	if p.Fill != nil {
		b.WriteString(" " + ink.fill(*p.Fill))
	}
	if p.Stroke != nil {
		fmt.Fprintf(b, " %s %s w %d j %d J", ink.stroke(*p.Stroke), num(float64(p.Width)), p.Join, p.Cap)
		if p.Join == page.MiterJoin {
			fmt.Fprintf(b, " %s M", num(max(p.MiterLimit, 1)))
		}
	}
	pt := func(q geom.XY) string { return num(float64(q.X)) + " " + num(h-float64(q.Y)) }
	for _, s := range p.Segs {
		switch s.Op {
		case page.MoveTo:
			b.WriteString("\n" + pt(s.P[0]) + " m")
		case page.LineTo:
			b.WriteString(" " + pt(s.P[0]) + " l")
		case page.CubicTo:
			b.WriteString(" " + pt(s.P[0]) + " " + pt(s.P[1]) + " " + pt(s.P[2]) + " c")
		case page.Close:
			b.WriteString(" h")
		}
	}
	b.WriteString(" " + paintOp(p) + " Q\n")
}

// paintOp is the operator that paints a path: fill (nonzero or even-odd),
// stroke, or both.
func paintOp(p *page.Path) string {
	switch {
	case p.Fill != nil && p.Stroke != nil && p.EvenOdd:
		return "B*"
	case p.Fill != nil && p.Stroke != nil:
		return "B"
	case p.Fill != nil && p.EvenOdd:
		return "f*"
	case p.Fill != nil:
		return "f"
	}
	return "S"
}

// rasters draws a document's raster images through fpdf's image API,
// which embeds each raster once however often it is placed (as an image
// XObject fpdf names and lists in the page resources, which the update
// keeps): a JPEG as its file's bytes, so a CMYK JPEG passes through
// unchanged; a PNG re-encoded as an 8-bit, non-interlaced PNG, which is
// what fpdf reads (it writes an alpha channel as a soft mask).
type rasters struct {
	f     *fpdf.Fpdf
	names map[*page.Raster]string
}

func newRasters(f *fpdf.Fpdf) *rasters { return &rasters{f: f, names: map[*page.Raster]string{}} }

// fpdfType is fpdf's name of a raster format.
var fpdfType = map[string]string{"jpeg": "JPG", "png": "PNG"}

// register hands r to fpdf once and returns the name it is known by.
func (rs *rasters) register(r *page.Raster) (string, error) {
	if name, ok := rs.names[r]; ok {
		return name, nil
	}
	var data []byte
	switch r.Format {
	case "jpeg":
		data = r.Data
	case "png":
		var err error
		if data, err = png8(r); err != nil {
			return "", fmt.Errorf("image %s: %w", r.Source, err)
		}
	default:
		return "", fmt.Errorf("image %s: format %q has no PDF form", r.Source, r.Format)
	}
	name := fmt.Sprintf("img%d", len(rs.names)+1)
	rs.f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: fpdfType[r.Format]}, bytes.NewReader(data))
	if err := rs.f.Error(); err != nil {
		return "", fmt.Errorf("image %s: %w", r.Source, err)
	}
	rs.names[r] = name
	return name, nil
}

// draw writes image im, clipped to its clip box, into the page's content:
// what b holds so far goes to fpdf first, then fpdf's own image operators,
// so the content keeps its order. The page content is translated by the
// page's margin m and fpdf places images from the media box's top, so the
// image's top is at y + 2m in fpdf's terms.
func (rs *rasters) draw(b *strings.Builder, im *page.Image, h, m float64) error {
	name, err := rs.register(im.Raster)
	if err != nil {
		return err
	}
	fmt.Fprintf(b, "q %s re W n\n", rect(im.Clip, h))
	rs.f.RawWriteStr(b.String())
	b.Reset()
	r := im.Rect
	rs.f.ImageOptions(name, float64(r.X), float64(r.Y)+2*m, float64(r.W), float64(r.H), false,
		fpdf.ImageOptions{ImageType: fpdfType[im.Raster.Format], AllowNegativePosition: true}, 0, "")
	if err := rs.f.Error(); err != nil {
		return fmt.Errorf("image %s: %w", im.Raster.Source, err)
	}
	b.WriteString("Q\n")
	return nil
}

var pngCache sync.Map // *page.Raster → *pngEntry

type pngEntry struct {
	once sync.Once
	data []byte
	err  error
}

// png8 returns a raster's pixels as an 8-bit PNG (grey when the image is
// grey and opaque, else RGB, with alpha when it has transparent pixels),
// encoded once per process: the print and screen editions share it.
func png8(r *page.Raster) ([]byte, error) {
	v, _ := pngCache.LoadOrStore(r, &pngEntry{})
	e := v.(*pngEntry)
	e.once.Do(func() { e.data, e.err = encodePNG8(r) })
	return e.data, e.err
}

func encodePNG8(r *page.Raster) ([]byte, error) {
	src := r.Pixels
	var img image.Image
	switch {
	case r.Model == page.Gray && !r.Alpha:
		g := image.NewGray(src.Bounds())
		draw.Draw(g, g.Bounds(), src, src.Bounds().Min, draw.Src)
		img = g
	default:
		n := image.NewNRGBA(src.Bounds())
		draw.Draw(n, n.Bounds(), src, src.Bounds().Min, draw.Src)
		img = n
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
