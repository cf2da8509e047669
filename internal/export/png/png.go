// Package png rasterises a page.Doc in pure Go: glyph outlines come from the
// font programs the display list carries (parsed with go-text), and glyphs,
// filled boxes and QR squares are filled with golang.org/x/image/vector's
// anti-aliasing rasteriser. It is an exporter, the last stage of the
// pipeline beside export/pdf, and reads only the display list (page, geom).
//
// It makes the download site's previews and thumbnails and `handbill build
// --previews`, and serves tests as an oracle that needs no outside tool. It
// draws what a PDF viewer draws for the same page: white paper, items in
// drawing order, each glyph filled on its own with the nonzero rule, colours
// from each colour's RGB values (the screen values, also for documents
// exported in CMYK). Links and fold lines are not printed, so they are not
// drawn.
//
// By default the image is the trim box: what the reader sees, and what a
// preview shows. Options.Media draws the whole media box of a print
// edition instead: the art running into the bleed, the printer's marks and
// the slug, as a PDF viewer shows the print PDF.
//
// Coordinates follow geom: points from the top-left of the trim box, y down.
// A pixel covers 72/DPI points; pixel (0, 0) is the top-left corner of the
// box drawn.
package png

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	stdpng "image/png"
	"io"
	"math"
	"sync"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"golang.org/x/image/vector"

	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// DefaultDPI is the resolution used when Options gives neither DPI nor
// Width: a CSS pixel per 1/96 inch.
const DefaultDPI = 96

// Options chooses the raster size. Width, when positive, is the width of
// the image in pixels and wins over DPI; the height follows the page's
// proportions.
type Options struct {
	DPI   float64 // pixels per inch
	Width int     // pixels across the box drawn
	// Media draws the media box (the trim grown by the page's Margin, with
	// bleed, marks and slug) instead of the trim box.
	Media bool
	// Fonts, when set, gives the fonts its caller has parsed already (the
	// typesetter's): glyph outlines are read from them instead of from a
	// second parse of each font's data.
	Fonts Parsed
	// Palette makes Export write a page of flat colour with its 256 most
	// frequent colours, a third of the bytes (palette.go); a page they
	// cannot hold is written in full colour all the same.
	Palette bool
}

// Parsed finds the parsed font of a page.Font (fonts.Registry is one).
type Parsed interface {
	// ParsedFont returns f parsed, or nil when it has not been.
	ParsedFont(f *page.Font) *font.Font
}

// box returns the part of p drawn, in trim coordinates.
func (o Options) box(p *page.Page) geom.Rect {
	if o.Media {
		return p.Bounds(p.Margin)
	}
	return p.Bounds(0)
}

// scale returns pixels per point for a page of size sz.
func (o Options) scale(sz geom.Size) (float64, error) {
	switch {
	case o.Width > 0:
		if sz.W <= 0 {
			return 0, fmt.Errorf("page width %.2fpt: expected a positive width", float64(sz.W))
		}
		return float64(o.Width) / float64(sz.W), nil
	case o.DPI < 0 || math.IsNaN(o.DPI) || math.IsInf(o.DPI, 0):
		return 0, fmt.Errorf("dpi %v: expected a positive resolution", o.DPI)
	case o.DPI == 0:
		return DefaultDPI / 72.0, nil
	}
	return o.DPI / 72, nil
}

// maxPixels bounds the raster (about 400 MB of RGBA) so a typo in a DPI
// cannot exhaust memory.
const maxPixels = 100 << 20

// Size returns the pixel size Page gives a box of size sz.
func Size(sz geom.Size, opt Options) (image.Point, error) {
	s, err := opt.scale(sz)
	if err != nil {
		return image.Point{}, err
	}
	// Partly covered pixels at the right and bottom edges count, as
	// poppler counts them.
	w := int(math.Ceil(float64(sz.W)*s - 1e-6))
	if opt.Width > 0 {
		w = opt.Width
	}
	h := int(math.Ceil(float64(sz.H)*s - 1e-6))
	if w < 1 || h < 1 || w*h > maxPixels {
		return image.Point{}, fmt.Errorf("page %.2fx%.2fpt at %.1f px/pt is %dx%d pixels; expected between 1x1 and %d pixels", float64(sz.W), float64(sz.H), s, w, h, maxPixels)
	}
	return image.Pt(w, h), nil
}

// Page rasterises one page onto white paper.
func Page(p *page.Page, opt Options) (*image.RGBA, error) {
	if p.Margin < p.Bleed || p.Bleed < 0 {
		return nil, fmt.Errorf("page %q: margin %s is less than the bleed %s", p.Name, p.Margin, p.Bleed)
	}
	box := opt.box(p)
	sz := geom.Size{W: box.W, H: box.H}
	s, err := opt.scale(sz)
	if err != nil {
		return nil, err
	}
	px, err := Size(sz, opt)
	if err != nil {
		return nil, err
	}
	img := image.NewRGBA(image.Rectangle{Max: px})
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	r := &raster{dst: img, s: s, ox: -float64(box.X), oy: -float64(box.Y), fonts: opt.Fonts}
	if err := r.items(p.Items); err != nil {
		return nil, fmt.Errorf("page %q: %w", p.Name, err)
	}
	if opt.Media {
		for _, m := range p.Marks {
			r.mark(m)
		}
		if err := r.items(p.Slug); err != nil {
			return nil, fmt.Errorf("page %q slug: %w", p.Name, err)
		}
	}
	return img, nil
}

func (r *raster) items(items []page.Item) error {
	for i, it := range items {
		switch v := it.(type) {
		case *page.Fill:
			r.rects([]geom.Rect{v.Rect}, v.Color)
		case *page.Squares:
			r.rects(v.Rects, v.Color)
		case *page.Text:
			if err := r.text(v); err != nil {
				return fmt.Errorf("item %d: %w", i, err)
			}
		case *page.Path:
			r.path(v)
		case *page.Image:
			if err := r.image(v); err != nil {
				return fmt.Errorf("item %d: %w", i, err)
			}
		case *page.Link:
			// not printed
		default:
			return fmt.Errorf("item %d: unknown item %T", i, it)
		}
	}
	return nil
}

// mark strokes a printer's mark with butt caps, dashed when Dash is set
// (dashes and gaps Dash long, starting with a dash), as the PDF exporter
// writes it.
func (r *raster) mark(m page.Mark) {
	x1, y1, x2, y2 := float64(m.X1), float64(m.Y1), float64(m.X2), float64(m.Y2)
	l := math.Hypot(x2-x1, y2-y1)
	if l == 0 || m.Width <= 0 {
		return
	}
	ux, uy := (x2-x1)/l, (y2-y1)/l
	nx, ny := -uy*float64(m.Width)/2, ux*float64(m.Width)/2
	var quads [][4][2]float64
	step, on := l, l
	if m.Dash > 0 {
		step, on = 2*float64(m.Dash), float64(m.Dash)
	}
	for t := 0.0; t < l; t += step {
		e := min(t+on, l)
		ax, ay, bx, by := x1+ux*t, y1+uy*t, x1+ux*e, y1+uy*e
		quads = append(quads, [4][2]float64{{ax + nx, ay + ny}, {bx + nx, by + ny}, {bx - nx, by - ny}, {ax - nx, ay - ny}})
	}
	r.polys(quads, m.Color)
}

// polys fills quadrilaterals (in points) as one path.
func (r *raster) polys(qs [][4][2]float64, c geom.Color) {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, q := range qs {
		for _, p := range q {
			x0, y0 = min(x0, p[0]), min(y0, p[1])
			x1, y1 = max(x1, p[0]), max(y1, p[1])
		}
	}
	a := r.area(r.px(x0), r.py(y0), r.px(x1), r.py(y1))
	if a.Empty() {
		return
	}
	r.z.Reset(a.Dx(), a.Dy())
	ax, ay := float64(a.Min.X), float64(a.Min.Y)
	for _, q := range qs {
		for i, p := range q {
			x, y := float32(r.px(p[0])-ax), float32(r.py(p[1])-ay)
			if i == 0 {
				r.z.MoveTo(x, y)
			} else {
				r.z.LineTo(x, y)
			}
		}
		r.z.ClosePath()
	}
	r.z.Draw(r.dst, a, rgba(c), image.Point{})
}

// Export rasterises page i (from 0) of doc and encodes it as PNG.
func Export(doc *page.Doc, i int, opt Options) ([]byte, error) {
	if i < 0 || i >= len(doc.Pages) {
		return nil, fmt.Errorf("document %q has %d pages; page %d does not exist", doc.Title, len(doc.Pages), i+1)
	}
	img, err := Page(doc.Pages[i], opt)
	if err != nil {
		return nil, fmt.Errorf("document %q: %w", doc.Title, err)
	}
	var out image.Image = img
	if opt.Palette {
		if p, ok := paletted(img); ok {
			out = p
		}
	}
	var buf bytes.Buffer
	if err := Encode(&buf, out); err != nil {
		return nil, fmt.Errorf("document %q: %w", doc.Title, err)
	}
	return buf.Bytes(), nil
}

// Encode writes img as a PNG. Opaque images (every page is) are written
// as 8-bit RGB without alpha.
func Encode(w io.Writer, img image.Image) error {
	enc := stdpng.Encoder{CompressionLevel: stdpng.DefaultCompression}
	if err := enc.Encode(w, img); err != nil {
		return fmt.Errorf("encoding png: %w", err)
	}
	return nil
}

// raster draws items onto dst at s pixels per point; (ox, oy) in points
// moves trim coordinates to the box drawn.
type raster struct {
	fonts  Parsed // may be nil
	dst    *image.RGBA
	s      float64
	ox, oy float64
	z      vector.Rasterizer
}

// px and py convert trim coordinates (points) to pixels.
func (r *raster) px(x float64) float64 { return (x + r.ox) * r.s }
func (r *raster) py(y float64) float64 { return (y + r.oy) * r.s }

func rgba(c geom.Color) *image.Uniform {
	b := func(v float64) uint8 { return uint8(math.Round(min(max(v, 0), 1) * 255)) }
	return image.NewUniform(color.RGBA{b(c.RGB[0]), b(c.RGB[1]), b(c.RGB[2]), 255})
}

// area returns the pixel rectangle covering [x0,x1]×[y0,y1] (pixels),
// clipped to the image.
func (r *raster) area(x0, y0, x1, y1 float64) image.Rectangle {
	a := image.Rect(int(math.Floor(x0)), int(math.Floor(y0)), int(math.Ceil(x1)), int(math.Ceil(y1)))
	return a.Intersect(r.dst.Bounds())
}

// rects fills rectangles (in points) as one path, so that touching
// rectangles such as QR modules leave no seam.
func (r *raster) rects(rs []geom.Rect, c geom.Color) {
	qs := make([][4][2]float64, len(rs))
	for i, q := range rs {
		x0, y0, x1, y1 := float64(q.X), float64(q.Y), float64(q.Right()), float64(q.Bottom())
		qs[i] = [4][2]float64{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}
	}
	if len(qs) > 0 {
		r.polys(qs, c)
	}
}

// text fills each glyph of a run.
func (r *raster) text(t *page.Text) error {
	if t.Font == nil {
		return fmt.Errorf("text %q has no font", t.Source)
	}
	f, err := outlinesOf(t.Font, r.fonts)
	if err != nil {
		return err
	}
	src := rgba(t.Color)
	k := float64(t.Size) / f.upem // points per font unit
	for _, g := range t.Glyphs {
		o, err := f.glyph(g.ID)
		if err != nil {
			return fmt.Errorf("text %q: %w", t.Source, err)
		}
		if len(o.segs) == 0 {
			continue // a space
		}
		// Glyph origin in pixels; font units are y up.
		gx := r.px(float64(t.X) + g.X)
		gy := r.py(float64(t.Y) + g.Y)
		ks := k * r.s
		a := r.area(gx+float64(o.x0)*ks, gy-float64(o.y1)*ks, gx+float64(o.x1)*ks, gy-float64(o.y0)*ks)
		if a.Empty() {
			continue
		}
		r.z.Reset(a.Dx(), a.Dy())
		bx, by := gx-float64(a.Min.X), gy-float64(a.Min.Y)
		pt := func(p ot.SegmentPoint) (float32, float32) {
			return float32(bx + float64(p.X)*ks), float32(by - float64(p.Y)*ks)
		}
		open := false
		for _, sg := range o.segs {
			switch sg.Op {
			case ot.SegmentOpMoveTo:
				if open {
					r.z.ClosePath()
				}
				r.z.MoveTo(pt(sg.Args[0]))
				open = true
			case ot.SegmentOpLineTo:
				r.z.LineTo(pt(sg.Args[0]))
			case ot.SegmentOpQuadTo:
				ax, ay := pt(sg.Args[0])
				bx, by := pt(sg.Args[1])
				r.z.QuadTo(ax, ay, bx, by)
			case ot.SegmentOpCubeTo:
				ax, ay := pt(sg.Args[0])
				bx, by := pt(sg.Args[1])
				cx, cy := pt(sg.Args[2])
				r.z.CubeTo(ax, ay, bx, by, cx, cy)
			}
		}
		if open {
			r.z.ClosePath()
		}
		r.z.Draw(r.dst, a, src, image.Point{})
	}
	return nil
}

// outline is one glyph's path in font units with its control-point bounds.
type outline struct {
	segs           []ot.Segment
	x0, y0, x1, y1 float32
}

// fontOutlines is what the exporter derives from a page.Font, once per
// process: a face (a font's caches; the font itself parsed here, or shared
// with the caller that parsed it) and the outlines of the glyphs drawn so
// far.
type fontOutlines struct {
	once sync.Once
	err  error
	name string
	face *font.Face
	upem float64

	mu     sync.Mutex // guards face and glyphs
	glyphs map[uint16]*outline
}

var cache sync.Map // *page.Font → *fontOutlines

// outlinesOf returns the exporter's state for f, made on first use from
// the font parsed gives, or from f's data when it gives none.
func outlinesOf(f *page.Font, parsed Parsed) (*fontOutlines, error) {
	v, _ := cache.LoadOrStore(f, &fontOutlines{})
	fo := v.(*fontOutlines)
	fo.once.Do(func() {
		fo.name = f.Name
		var face *font.Face
		if parsed != nil {
			if ft := parsed.ParsedFont(f); ft != nil {
				face = font.NewFace(ft)
			}
		}
		if face == nil {
			var err error
			if face, err = font.ParseTTF(bytes.NewReader(f.Data)); err != nil {
				fo.err = fmt.Errorf("font %s: %w", f.Name, err)
				return
			}
		}
		if face.Upem() == 0 {
			fo.err = fmt.Errorf("font %s: units per em is 0", f.Name)
			return
		}
		fo.face, fo.upem, fo.glyphs = face, float64(face.Upem()), map[uint16]*outline{}
	})
	return fo, fo.err
}

// glyph returns the outline of glyph id. A glyph the font has no outline
// for (a bitmap or SVG-only glyph, or an id past the end) is an error:
// drawing nothing would hide it.
func (f *fontOutlines) glyph(id uint16) (*outline, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if o, ok := f.glyphs[id]; ok {
		return o, nil
	}
	data, ok := f.face.GlyphDataOutline(font.GID(id))
	if !ok {
		return nil, fmt.Errorf("font %s: glyph %d has no outline (it is missing, or a bitmap or SVG glyph, which are not supported)", f.name, id)
	}
	o := &outline{segs: data.Segments}
	if len(o.segs) > 0 {
		o.x0, o.y0 = float32(math.Inf(1)), float32(math.Inf(1))
		o.x1, o.y1 = float32(math.Inf(-1)), float32(math.Inf(-1))
		for i := range o.segs {
			for _, p := range o.segs[i].ArgsSlice() {
				o.x0, o.y0 = min(o.x0, p.X), min(o.y0, p.Y)
				o.x1, o.y1 = max(o.x1, p.X), max(o.y1, p.Y)
			}
		}
	}
	f.glyphs[id] = o
	return o, nil
}
