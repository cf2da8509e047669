package pdf

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"math"
	"strings"
	"sync"

	"codeberg.org/go-pdf/fpdf"
	xdraw "golang.org/x/image/draw"

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
	names map[embedded]string
}

func newRasters(f *fpdf.Fpdf) *rasters { return &rasters{f: f, names: map[embedded]string{}} }

// embedded is a raster at the pixel size it is embedded at.
type embedded struct {
	r    *page.Raster
	w, h int
}

// MaxPPI is the highest resolution a PNG is embedded at, at its placed
// size: what print needs. A larger image is downsampled to it first, so
// a 40-megapixel PNG placed 30 mm wide costs its decoded pixels once, not
// a full-size copy per edition (a 154 KB file just under the pixel limit
// cost 847 MB per PDF). A JPEG is embedded as it is written.
const MaxPPI = 300

// embedSize is the pixel size raster r is embedded at, placed in rect:
// its own, or less, to MaxPPI.
func embedSize(r *page.Raster, rect geom.Rect) embedded {
	w := min(r.Width, int(math.Ceil(float64(rect.W/geom.Inch)*MaxPPI)))
	h := min(r.Height, int(math.Ceil(float64(rect.H/geom.Inch)*MaxPPI)))
	if r.Format != "png" {
		w, h = r.Width, r.Height
	}
	return embedded{r: r, w: max(w, 1), h: max(h, 1)}
}

// fpdfType is fpdf's name of a raster format.
var fpdfType = map[string]string{"jpeg": "JPG", "png": "PNG"}

// register hands r to fpdf once and returns the name it is known by.
func (rs *rasters) register(e embedded) (string, error) {
	if name, ok := rs.names[e]; ok {
		return name, nil
	}
	r := e.r
	var data []byte
	switch r.Format {
	case "jpeg":
		data = r.Data
	case "png":
		var err error
		if data, err = png8(e); err != nil {
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
	rs.names[e] = name
	return name, nil
}

// draw writes image im, clipped to its clip box, into the page's content:
// what b holds so far goes to fpdf first, then fpdf's own image operators,
// so the content keeps its order. The page content is translated by the
// page's margin m and fpdf places images from the media box's top, so the
// image's top is at y + 2m in fpdf's terms.
func (rs *rasters) draw(b *strings.Builder, im *page.Image, h, m float64) error {
	name, err := rs.register(embedSize(im.Raster, im.Rect))
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

var pngCache sync.Map // embedded → *pngEntry

type pngEntry struct {
	once sync.Once
	data []byte
	err  error
}

// png8 returns a raster's pixels at e's size as an 8-bit PNG (grey when
// the image is grey and opaque, else RGB, with alpha when it has
// transparent pixels), encoded once per process: the print and screen
// editions share it.
func png8(e embedded) ([]byte, error) {
	v, _ := pngCache.LoadOrStore(e, &pngEntry{})
	pe := v.(*pngEntry)
	pe.once.Do(func() { pe.data, pe.err = encodePNG8(e) })
	return pe.data, pe.err
}

func encodePNG8(e embedded) ([]byte, error) {
	r, src := e.r, e.r.Pixels
	bounds := image.Rect(0, 0, e.w, e.h)
	var img draw.Image
	if r.Model == page.Gray && !r.Alpha {
		img = image.NewGray(bounds)
	} else {
		img = image.NewNRGBA(bounds)
	}
	if e.w == r.Width && e.h == r.Height {
		draw.Draw(img, bounds, src, src.Bounds().Min, draw.Src)
	} else {
		xdraw.CatmullRom.Scale(img, bounds, src, src.Bounds(), xdraw.Src, nil)
	}
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
