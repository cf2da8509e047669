package page

import (
	"fmt"
	"image"
	"strings"

	"github.com/handbill/handbill/internal/geom"
)

// Figure is a piece of placed artwork: a logo's paths or a raster image.
// Items drawn for one figure share its pointer, so an exporter can group
// them (a Figure with alternative text in a tagged PDF, or an artifact when
// Alt is empty) and a check can name the file and block they came from.
type Figure struct {
	Source string    // the campaign file, "assets/mark.svg"
	Block  string    // the layout block that placed it
	Alt    string    // alternative text in the document's language; "" for a decorative figure
	Box    geom.Rect // the block's box on the page (mirrored for right-to-left)
}

// Op is a path segment's operator.
type Op uint8

// Path segment operators.
const (
	MoveTo  Op = iota // start a subpath at P[0]
	LineTo            // a straight line to P[0]
	CubicTo           // a cubic Bézier curve through controls P[0], P[1] to P[2]
	Close             // a straight line back to the subpath's start
)

// Points returns how many of a segment's points the operator uses.
func (o Op) Points() int {
	switch o {
	case MoveTo, LineTo:
		return 1
	case CubicTo:
		return 3
	}
	return 0
}

// Seg is one segment of a path, in trim coordinates (points, y down).
type Seg struct {
	Op Op
	P  [3]geom.XY
}

// Join is how a stroke turns a corner.
type Join uint8

// Line joins, as PDF numbers them.
const (
	MiterJoin Join = iota
	RoundJoin
	BevelJoin
)

// Cap is how a stroke ends an open subpath.
type Cap uint8

// Line caps, as PDF numbers them.
const (
	ButtCap Cap = iota
	RoundCap
	SquareCap
)

// Path is a vector shape: subpaths of straight and cubic segments, filled
// and/or stroked in named colours. A path has at least one of Fill and
// Stroke.
type Path struct {
	Segs       []Seg
	Fill       *geom.Color // nil: not filled
	EvenOdd    bool        // fill with the even-odd rule instead of nonzero winding
	Stroke     *geom.Color // nil: not stroked
	Width      geom.Pt     // stroke width
	Join       Join
	Cap        Cap
	MiterLimit float64 // ratio of miter length to stroke width, as in PDF (≥ 1)
	Figure     *Figure
}

// Bounds returns the box around the path's points (control points
// included), not counting the stroke's width.
func (p *Path) Bounds() geom.Rect {
	if len(p.Segs) == 0 {
		return geom.Rect{}
	}
	x0, y0, x1, y1 := geom.Pt(1e300), geom.Pt(1e300), geom.Pt(-1e300), geom.Pt(-1e300)
	for _, s := range p.Segs {
		for _, q := range s.P[:s.Op.Points()] {
			x0, y0, x1, y1 = min(x0, q.X), min(y0, q.Y), max(x1, q.X), max(y1, q.Y)
		}
	}
	if x0 > x1 {
		return geom.Rect{}
	}
	return geom.Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}

// ColorModel is the colour space a raster's samples are in.
type ColorModel uint8

// Raster colour models.
const (
	Gray ColorModel = iota
	RGB
	CMYK
)

func (m ColorModel) String() string {
	return [...]string{"grey", "RGB", "CMYK"}[m]
}

// Raster is a decoded raster image, shared by every document and page that
// places it: exporters may cache what they derive from it by pointer (so
// it is embedded once per document however often it is placed), and it is
// never changed once made.
type Raster struct {
	Source string // the campaign file, "assets/photo.jpg"
	Format string // "png" or "jpeg"
	Data   []byte // the file as read, for exporters that pass it through (a CMYK JPEG stays as it is)
	Width  int    // pixels
	Height int
	Model  ColorModel
	Alpha  bool        // the image has transparent pixels
	Pixels image.Image // the decoded samples
}

// Image draws a raster scaled into Rect, showing only what falls inside
// Clip (a fit: cover image is larger than its box).
type Image struct {
	Raster *Raster
	Rect   geom.Rect
	Clip   geom.Rect
	Figure *Figure
}

// PPI returns the image's effective resolution at its placed size: the
// smaller of its horizontal and vertical pixels per inch.
func (im *Image) PPI() float64 {
	if im.Rect.W <= 0 || im.Rect.H <= 0 {
		return 0
	}
	return min(float64(im.Raster.Width)/float64(im.Rect.W/geom.Inch), float64(im.Raster.Height)/float64(im.Rect.H/geom.Inch))
}

func (*Path) item()  {}
func (*Image) item() {}

func dumpFigure(f *Figure) string {
	if f == nil {
		return ""
	}
	return fmt.Sprintf(" figure=%s:%s alt=%q", f.Block, f.Source, f.Alt)
}

func dumpPath(b *strings.Builder, v *Path) {
	b.WriteString("path")
	if v.Fill != nil {
		rule := "nonzero"
		if v.EvenOdd {
			rule = "evenodd"
		}
		fmt.Fprintf(b, " fill=%s/%s", v.Fill.Name, rule)
	}
	if v.Stroke != nil {
		fmt.Fprintf(b, " stroke=%s w=%.2f join=%d cap=%d", v.Stroke.Name, v.Width, v.Join, v.Cap)
	}
	fmt.Fprintf(b, " %s n=%d%s\n   ", rect(v.Bounds()), len(v.Segs), dumpFigure(v.Figure))
	for _, s := range v.Segs {
		switch s.Op {
		case MoveTo:
			fmt.Fprintf(b, " M%.2f,%.2f", s.P[0].X, s.P[0].Y)
		case LineTo:
			fmt.Fprintf(b, " L%.2f,%.2f", s.P[0].X, s.P[0].Y)
		case CubicTo:
			fmt.Fprintf(b, " C%.2f,%.2f,%.2f,%.2f,%.2f,%.2f", s.P[0].X, s.P[0].Y, s.P[1].X, s.P[1].Y, s.P[2].X, s.P[2].Y)
		case Close:
			b.WriteString(" Z")
		}
	}
	b.WriteByte('\n')
}

func dumpImage(b *strings.Builder, v *Image) {
	r := v.Raster
	fmt.Fprintf(b, "image %s clip=%s %s %s %dx%d alpha=%v %.0fppi%s\n", rect(v.Rect), rect(v.Clip), r.Format, r.Model, r.Width, r.Height, r.Alpha, v.PPI(), dumpFigure(v.Figure))
}
