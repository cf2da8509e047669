package artwork

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// Drawing is an SVG file read into paths, in its own user units (y down)
// with every transform applied. Colours are RGB values named by their hex
// form ("#1d3263"); Place maps them onto a layout's palette.
type Drawing struct {
	Source  string
	ViewBox geom.Rect // the user-unit area that is drawn
	Paths   []*page.Path
	// At is where in the file each path's element starts, by index of
	// Paths, for errors about what it paints (Drawing.OffPalette).
	At []Pos
}

// Pos is a line and column of an SVG file, counted from 1.
type Pos struct{ Line, Col int }

const svgNS = "http://www.w3.org/2000/svg"

// refused are the SVG elements out of scope, with why: they would draw
// something handbill cannot put on a plate as the file means it, or reach
// outside the file.
var refused = map[string]string{
	"text":             "text in a logo is not supported: convert the text to outlines (paths)",
	"tspan":            "text in a logo is not supported: convert the text to outlines (paths)",
	"textPath":         "text in a logo is not supported: convert the text to outlines (paths)",
	"filter":           "filters are not supported: they have no vector form in print",
	"mask":             "masks are not supported: flatten the artwork",
	"clipPath":         "clipping paths are not supported: flatten the artwork",
	"linearGradient":   "gradients are not supported: fill with flat palette colours",
	"radialGradient":   "gradients are not supported: fill with flat palette colours",
	"meshgradient":     "gradients are not supported: fill with flat palette colours",
	"pattern":          "patterns are not supported: fill with flat palette colours",
	"script":           "scripts are not allowed in artwork",
	"image":            "embedded or linked images are not supported: place the raster as its own image block",
	"use":              "references (use) are not supported: expand them into paths",
	"symbol":           "symbols are not supported: expand them into paths",
	"marker":           "markers are not supported: expand them into paths",
	"foreignObject":    "foreign objects are not supported",
	"style":            "style sheets are not supported: use presentation attributes or style=\"…\"",
	"a":                "links are not supported in artwork",
	"switch":           "switch is not supported",
	"svg":              "nested svg elements are not supported: flatten the artwork",
	"animate":          "animation is not supported",
	"animateTransform": "animation is not supported",
	"animateMotion":    "animation is not supported",
	"set":              "animation is not supported",
}

// style is the inherited painting state.
type style struct {
	fill, stroke *[3]float64 // nil: none
	width        float64
	evenOdd      bool
	join         page.Join
	cap          page.Cap
	miter        float64
	hidden       bool
	m            matrix
}

// svgParser walks an SVG file's elements.
type svgParser struct {
	file     string
	src      []byte
	d        *Drawing
	stack    []style
	skip     int  // depth inside an element whose content is not drawn
	rootSeen bool // the <svg> root has been read
}

// ParseSVG reads SVG data into a drawing. Out-of-scope features are errors
// that name the file, the line and the element.
func ParseSVG(file string, src []byte) (*Drawing, error) {
	p := &svgParser{file: file, src: src, d: &Drawing{Source: file}}
	dec := xml.NewDecoder(bytes.NewReader(src))
	dec.Strict = true
	for {
		off := dec.InputOffset()
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, p.errAt(off, "", "not well-formed XML: %v", err)
		}
		if err := p.token(tok, off); err != nil {
			return nil, err
		}
	}
	if !p.rootSeen {
		return nil, p.errAt(0, "", "expected an <svg> root element, found none")
	}
	if len(p.d.Paths) == 0 {
		return nil, p.errAt(0, "", "expected something drawn, found no filled or stroked shape")
	}
	return p.d, nil
}

// token reads one XML token, which starts at byte offset off.
func (p *svgParser) token(tok xml.Token, off int64) error {
	switch t := tok.(type) {
	case xml.StartElement:
		return p.start(t, off)
	case xml.EndElement:
		if p.skip > 0 {
			p.skip--
		} else if len(p.stack) > 0 {
			p.stack = p.stack[:len(p.stack)-1]
		}
	case xml.Directive:
		if bytes.Contains(bytes.ToUpper(t), []byte("ENTITY")) {
			return p.errAt(off, "", "entity declarations are not allowed in artwork")
		}
	case xml.ProcInst:
		if t.Target == "xml-stylesheet" {
			return p.errAt(off, "", "external style sheets are not allowed in artwork")
		}
	}
	return nil
}

// start reads an element's start tag: the root, an element drawn, or one
// whose content is skipped.
func (p *svgParser) start(t xml.StartElement, off int64) error {
	if p.skip > 0 {
		p.skip++
		return nil
	}
	if !p.rootSeen {
		p.rootSeen = true
		if t.Name.Local != "svg" || t.Name.Space != svgNS {
			return p.errAt(off, "", "expected an <svg> root element in the SVG namespace, found <%s>", t.Name.Local)
		}
		return p.root(t, off)
	}
	drawn, err := p.element(t, off)
	if err != nil {
		return err
	}
	if !drawn {
		p.skip = 1
	}
	return nil
}

// errAt makes an error at byte offset off of the file.
func (p *svgParser) errAt(off int64, elem, format string, args ...any) error {
	at := p.pos(off)
	msg := fmt.Sprintf(format, args...)
	if elem != "" {
		msg = "<" + elem + ">: " + msg
	}
	return &Error{File: p.file, Line: at.Line, Col: at.Col, Msg: msg}
}

// pos is the line and column of the token that starts at byte offset off
// (or after the white space there).
func (p *svgParser) pos(off int64) Pos {
	line, col := 1, 1
	for _, c := range p.src[:min(int(off), len(p.src))] {
		if c == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	// The offset is where the token starts, or the whitespace before it.
	for int(off) < len(p.src) && strings.IndexByte(" \t\r\n", p.src[off]) >= 0 {
		if p.src[off] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		off++
	}
	return Pos{Line: line, Col: col}
}

// root reads the <svg> element: its viewBox or width and height, and the
// painting defaults it sets.
func (p *svgParser) root(t xml.StartElement, off int64) error {
	st := style{fill: &[3]float64{}, width: 1, miter: 4, m: identity}
	var w, h float64
	for _, a := range t.Attr {
		switch a.Name.Local {
		case "viewBox":
			v, err := numbers(a.Value)
			if err != nil || len(v) != 4 || v[2] <= 0 || v[3] <= 0 {
				return p.errAt(off, "svg", "viewBox: expected four numbers \"x y width height\" with a positive size, found %q", a.Value)
			}
			p.d.ViewBox = geom.Rect{X: geom.Pt(v[0]), Y: geom.Pt(v[1]), W: geom.Pt(v[2]), H: geom.Pt(v[3])}
		case "width", "height":
			v, err := svgLength(a.Value)
			if err != nil {
				return p.errAt(off, "svg", "%s: %v", a.Name.Local, err)
			}
			if a.Name.Local == "width" {
				w = v
			} else {
				h = v
			}
		case "preserveAspectRatio":
			if a.Value != "xMidYMid meet" && a.Value != "xMidYMid" {
				return p.errAt(off, "svg", "preserveAspectRatio %q is not supported: handbill fits artwork into its box by the block's fit and align", a.Value)
			}
		}
	}
	if p.d.ViewBox.W == 0 {
		if w <= 0 || h <= 0 {
			return p.errAt(off, "svg", "expected a viewBox, or a width and height, to know the drawing's size")
		}
		p.d.ViewBox = geom.Rect{W: geom.Pt(w), H: geom.Pt(h)}
	}
	st, err := p.paint(st, t, "svg", off)
	if err != nil {
		return err
	}
	p.stack = append(p.stack, st)
	return nil
}

// svgLength reads a width or height: a number with an optional px, pt, mm,
// cm or in unit (the value only matters for its proportions).
func svgLength(s string) (float64, error) {
	t := strings.TrimSpace(s)
	for _, u := range []string{"px", "pt", "mm", "cm", "in"} {
		t = strings.TrimSuffix(t, u)
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || v <= 0 || math.IsInf(v, 0) {
		return 0, fmt.Errorf("expected a positive length like \"120\" or \"30mm\", found %q", s)
	}
	return v, nil
}

// element handles one element below the root. It returns false when the
// element's content is not drawn (metadata, editors' own elements).
func (p *svgParser) element(t xml.StartElement, off int64) (bool, error) {
	name := t.Name.Local
	if t.Name.Space != svgNS {
		return false, nil // an editor's own element (Inkscape, Illustrator): never drawn
	}
	if why, ok := refused[name]; ok {
		return false, p.errAt(off, name, "%s", why)
	}
	switch name {
	case "title", "desc", "metadata":
		return false, nil
	case "defs":
		// Nothing in defs is drawn unless referenced, and references are
		// refused; an element in it is refused where it appears.
	case "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon":
	default:
		return false, p.errAt(off, name, "element not supported in artwork: expected paths, basic shapes and groups")
	}
	parent := p.stack[len(p.stack)-1]
	st, err := p.paint(parent, t, name, off)
	if err != nil {
		return false, err
	}
	p.stack = append(p.stack, st)
	if name == "g" || name == "defs" || st.hidden {
		return true, nil
	}
	segs, err := shape(name, attrs(t))
	if err != nil {
		return false, p.errAt(off, name, "%v", err)
	}
	if p.add(segs, st) {
		p.d.At = append(p.d.At, p.pos(off))
	}
	return true, nil
}

func attrs(t xml.StartElement) map[string]string {
	m := map[string]string{}
	for _, a := range t.Attr {
		if a.Name.Space == "" {
			m[a.Name.Local] = a.Value
		}
	}
	return m
}

// add records a shape's segments, transformed to the root's user units,
// as a path painted with st, and reports whether it paints anything.
func (p *svgParser) add(segs []seg, st style) bool {
	if len(segs) == 0 || (st.fill == nil && (st.stroke == nil || st.width <= 0)) {
		return false
	}
	path := &page.Path{EvenOdd: st.evenOdd, Join: st.join, Cap: st.cap, MiterLimit: st.miter}
	for _, s := range segs {
		ps := page.Seg{}
		switch s.op {
		case 'M':
			ps.Op = page.MoveTo
		case 'L':
			ps.Op = page.LineTo
		case 'C':
			ps.Op = page.CubicTo
		case 'Z':
			ps.Op = page.Close
		}
		for i, q := range s.p[:ps.Op.Points()] {
			x, y := st.m.apply(q.x, q.y)
			ps.P[i] = geom.XY{X: geom.Pt(x), Y: geom.Pt(y)}
		}
		path.Segs = append(path.Segs, ps)
	}
	if st.fill != nil {
		c := rgbColor(*st.fill)
		path.Fill = &c
	}
	if st.stroke != nil && st.width > 0 {
		c := rgbColor(*st.stroke)
		path.Stroke = &c
		path.Width = geom.Pt(st.width * st.m.scale())
	}
	p.d.Paths = append(p.d.Paths, path)
	return true
}

// rgbColor is an SVG colour before it is matched to a palette: named by
// its hex form, with the naive CMYK of its RGB.
func rgbColor(c [3]float64) geom.Color {
	k := 1 - max(c[0], c[1], c[2])
	cmyk := [4]float64{0, 0, 0, 1}
	if k < 1 {
		cmyk = [4]float64{(1 - c[0] - k) / (1 - k), (1 - c[1] - k) / (1 - k), (1 - c[2] - k) / (1 - k), k}
	}
	return geom.Color{Name: geom.Hex(c), RGB: c, CMYK: cmyk}
}

// shape returns the segments of a basic shape or path.
func shape(name string, a map[string]string) ([]seg, error) {
	num := func(k string) (float64, error) {
		v, ok := a[k]
		if !ok {
			return 0, nil
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "px")), 64)
		if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return 0, fmt.Errorf("%s: expected a number in user units, found %q", k, v)
		}
		return f, nil
	}
	var v [6]float64
	keys := map[string][]string{
		"rect": {"x", "y", "width", "height", "rx", "ry"}, "circle": {"cx", "cy", "r"},
		"ellipse": {"cx", "cy", "rx", "ry"}, "line": {"x1", "y1", "x2", "y2"},
	}[name]
	for i, k := range keys {
		f, err := num(k)
		if err != nil {
			return nil, err
		}
		v[i] = f
	}
	b := &pathBuilder{}
	switch name {
	case "path":
		segs, err := parsePath(a["d"])
		if err != nil {
			return nil, fmt.Errorf("d: %w", err)
		}
		return segs, nil
	case "rect":
		_, hasRX := a["rx"]
		_, hasRY := a["ry"]
		roundedRect(b, v[0], v[1], v[2], v[3], v[4], v[5], hasRX, hasRY)
	case "circle":
		ellipse(b, v[0], v[1], v[2], v[2])
	case "ellipse":
		ellipse(b, v[0], v[1], v[2], v[3])
	case "line":
		b.move(pt{v[0], v[1]})
		b.line(pt{v[2], v[3]})
	case "polyline", "polygon":
		n, err := numbers(a["points"])
		if err != nil || len(n)%2 != 0 || len(n) < 4 {
			return nil, fmt.Errorf("points: expected pairs of numbers \"x,y x,y …\", found %q", a["points"])
		}
		b.move(pt{n[0], n[1]})
		for i := 2; i < len(n); i += 2 {
			b.line(pt{n[i], n[i+1]})
		}
		if name == "polygon" {
			b.close()
		}
	}
	return b.segs, nil
}

func roundedRect(b *pathBuilder, x, y, w, h, rx, ry float64, hasRX, hasRY bool) {
	if w <= 0 || h <= 0 {
		return
	}
	switch {
	case hasRX && !hasRY:
		ry = rx
	case hasRY && !hasRX:
		rx = ry
	}
	rx, ry = min(max(rx, 0), w/2), min(max(ry, 0), h/2)
	if rx == 0 || ry == 0 {
		b.move(pt{x, y})
		b.line(pt{x + w, y})
		b.line(pt{x + w, y + h})
		b.line(pt{x, y + h})
		b.close()
		return
	}
	b.move(pt{x + rx, y})
	b.line(pt{x + w - rx, y})
	b.arc(rx, ry, 0, false, true, pt{x + w, y + ry})
	b.line(pt{x + w, y + h - ry})
	b.arc(rx, ry, 0, false, true, pt{x + w - rx, y + h})
	b.line(pt{x + rx, y + h})
	b.arc(rx, ry, 0, false, true, pt{x, y + h - ry})
	b.line(pt{x, y + ry})
	b.arc(rx, ry, 0, false, true, pt{x + rx, y})
	b.close()
}

func ellipse(b *pathBuilder, cx, cy, rx, ry float64) {
	if rx <= 0 || ry <= 0 {
		return
	}
	b.move(pt{cx + rx, cy})
	b.arc(rx, ry, 0, false, true, pt{cx, cy + ry})
	b.arc(rx, ry, 0, false, true, pt{cx - rx, cy})
	b.arc(rx, ry, 0, false, true, pt{cx, cy - ry})
	b.arc(rx, ry, 0, false, true, pt{cx + rx, cy})
	b.close()
}
