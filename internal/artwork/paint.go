package artwork

import (
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/handbill/handbill/internal/page"
)

// Error is a problem in an artwork file, at a line and column of it when
// the file is text (SVG).
type Error struct {
	File      string
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// paint returns the painting state of an element from its parent's: its
// presentation attributes, then its style="…" declarations (which win),
// then its transform.
func (p *svgParser) paint(st style, t xml.StartElement, name string, off int64) (style, error) {
	label := name
	var transform string
	var props [][2]string
	for _, a := range t.Attr {
		switch {
		case a.Name.Local == "href":
			return st, p.errAt(off, name, "references to other files or elements (href) are not allowed in artwork")
		case a.Name.Space != "":
			continue // xmlns, an editor's own attributes
		case a.Name.Local == "id":
			label = fmt.Sprintf("%s id=%q", name, a.Value)
		case a.Name.Local == "transform":
			transform = a.Value
		case a.Name.Local == "style":
			for _, decl := range strings.Split(a.Value, ";") {
				k, v, ok := strings.Cut(decl, ":")
				if ok {
					props = append(props, [2]string{strings.TrimSpace(k), strings.TrimSpace(v)})
				}
			}
			continue
		default:
			props = append([][2]string{{a.Name.Local, strings.TrimSpace(a.Value)}}, props...)
		}
	}
	// Presentation attributes were put first, style declarations after.
	for _, kv := range props {
		if err := st.set(kv[0], kv[1]); err != nil {
			return st, p.errAt(off, label, "%s: %v", kv[0], err)
		}
	}
	if transform != "" {
		m, err := parseTransform(transform)
		if err != nil {
			return st, p.errAt(off, label, "transform: %v", err)
		}
		st.m = st.m.mul(m)
	}
	return st, nil
}

// set applies one painting property. Properties that do not change what
// is painted are ignored.
func (st *style) set(k, v string) error {
	switch k {
	case "fill", "stroke", "stroke-width", "fill-rule":
		return st.setPaint(k, v)
	case "stroke-linejoin", "stroke-linecap", "stroke-miterlimit":
		return st.setLine(k, v)
	case "display":
		st.hidden = st.hidden || v == "none"
	case "visibility":
		st.hidden = v == "hidden" || v == "collapse"
	}
	return refusedProperty(k, v)
}

// setPaint applies fill, stroke, stroke-width or fill-rule.
func (st *style) setPaint(k, v string) error {
	switch k {
	case "fill", "stroke":
		c, err := parseColor(v)
		if err != nil {
			return err
		}
		if k == "fill" {
			st.fill = c
		} else {
			st.stroke = c
		}
	case "stroke-width":
		f, err := strconv.ParseFloat(strings.TrimSuffix(v, "px"), 64)
		if err != nil || f < 0 || math.IsInf(f, 0) {
			return fmt.Errorf("expected a width in user units, found %q", v)
		}
		st.width = f
	case "fill-rule":
		switch v {
		case "nonzero":
			st.evenOdd = false
		case "evenodd":
			st.evenOdd = true
		default:
			return fmt.Errorf("expected nonzero or evenodd, found %q", v)
		}
	}
	return nil
}

// setLine applies a stroke's join, cap or miter limit.
func (st *style) setLine(k, v string) error {
	switch k {
	case "stroke-linejoin":
		j, ok := map[string]page.Join{"miter": page.MiterJoin, "round": page.RoundJoin, "bevel": page.BevelJoin}[v]
		if !ok {
			return fmt.Errorf("expected miter, round or bevel, found %q", v)
		}
		st.join = j
	case "stroke-linecap":
		c, ok := map[string]page.Cap{"butt": page.ButtCap, "round": page.RoundCap, "square": page.SquareCap}[v]
		if !ok {
			return fmt.Errorf("expected butt, round or square, found %q", v)
		}
		st.cap = c
	case "stroke-miterlimit":
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 1 {
			return fmt.Errorf("expected a number of at least 1, found %q", v)
		}
		st.miter = f
	}
	return nil
}

// refusedProperty refuses a property whose value asks for what handbill
// does not print: transparency, filters, masks, clipping, dashes,
// markers, blending.
func refusedProperty(k, v string) error {
	switch k {
	case "opacity", "fill-opacity", "stroke-opacity":
		f, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
		if strings.HasSuffix(v, "%") {
			f /= 100
		}
		if err != nil || f != 1 {
			return fmt.Errorf("only opacity 1 is supported (transparency does not separate onto plates predictably), found %q", v)
		}
	case "filter", "mask", "clip-path", "stroke-dasharray", "marker", "marker-start", "marker-mid", "marker-end":
		if v != "none" && v != "" {
			return fmt.Errorf("not supported in artwork, found %q", v)
		}
	case "mix-blend-mode":
		if v != "normal" {
			return fmt.Errorf("blending is not supported in artwork, found %q", v)
		}
	}
	return nil
}

// namedColors are the CSS colour keywords of HTML 4, the ones logos use.
var namedColors = map[string]string{
	"black": "#000000", "white": "#ffffff", "red": "#ff0000", "lime": "#00ff00", "blue": "#0000ff",
	"yellow": "#ffff00", "cyan": "#00ffff", "aqua": "#00ffff", "magenta": "#ff00ff", "fuchsia": "#ff00ff",
	"silver": "#c0c0c0", "gray": "#808080", "grey": "#808080", "maroon": "#800000", "olive": "#808000",
	"green": "#008000", "purple": "#800080", "teal": "#008080", "navy": "#000080", "orange": "#ffa500",
}

// parseColor reads a paint: none (nil), #rgb, #rrggbb, rgb(r, g, b) or a
// basic colour keyword.
func parseColor(v string) (*[3]float64, error) {
	s := strings.ToLower(strings.TrimSpace(v))
	if s == "none" {
		return nil, nil
	}
	if hex, ok := namedColors[s]; ok {
		s = hex
	}
	switch {
	case strings.HasPrefix(s, "url("):
		return nil, fmt.Errorf("paint servers (gradients, patterns) are not supported: fill with a flat palette colour, found %q", v)
	case s == "currentcolor":
		return nil, fmt.Errorf("currentColor is not supported: write the colour, found %q", v)
	case strings.HasPrefix(s, "#") && len(s) == 4:
		s = "#" + string([]byte{s[1], s[1], s[2], s[2], s[3], s[3]})
	case strings.HasPrefix(s, "rgb(") && strings.HasSuffix(s, ")"):
		parts := strings.Split(s[4:len(s)-1], ",")
		if len(parts) != 3 {
			break
		}
		var c [3]float64
		for i, part := range parts {
			part = strings.TrimSpace(part)
			scale := 255.0
			if t, ok := strings.CutSuffix(part, "%"); ok {
				part, scale = t, 100
			}
			f, err := strconv.ParseFloat(part, 64)
			if err != nil || f < 0 || f > scale {
				return nil, fmt.Errorf("expected a colour like \"#1d3263\" or \"rgb(29, 50, 99)\", found %q", v)
			}
			c[i] = math.Round(f/scale*255) / 255
		}
		return &c, nil
	}
	if len(s) == 7 && s[0] == '#' {
		if n, err := strconv.ParseUint(s[1:], 16, 32); err == nil {
			c := [3]float64{float64(n>>16&0xff) / 255, float64(n>>8&0xff) / 255, float64(n&0xff) / 255}
			return &c, nil
		}
	}
	return nil, fmt.Errorf("expected a colour like \"#1d3263\", \"rgb(29, 50, 99)\", a basic colour name or none, found %q", v)
}

// matrix is an affine transform [a b c d e f]: x' = a·x + c·y + e,
// y' = b·x + d·y + f, as SVG writes it.
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// mul returns m then n: n is applied first (SVG's transform nesting).
func (m matrix) mul(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[2]*n[1], m[1]*n[0] + m[3]*n[1],
		m[0]*n[2] + m[2]*n[3], m[1]*n[2] + m[3]*n[3],
		m[0]*n[4] + m[2]*n[5] + m[4], m[1]*n[4] + m[3]*n[5] + m[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// scale is the factor a stroke width grows by: the square root of the
// area scale, exact for uniform scales and rotations.
func (m matrix) scale() float64 { return math.Sqrt(math.Abs(m[0]*m[3] - m[1]*m[2])) }

// parseTransform reads a transform list: matrix, translate, scale, rotate,
// skewX and skewY, applied right to left.
func parseTransform(s string) (matrix, error) {
	m := identity
	rest := strings.TrimSpace(s)
	for rest != "" {
		open := strings.IndexByte(rest, '(')
		closing := strings.IndexByte(rest, ')')
		if open < 0 || closing < open {
			return m, fmt.Errorf("expected functions like \"translate(10 20) scale(2)\", found %q", s)
		}
		fn := strings.TrimSpace(rest[:open])
		args, err := numbers(rest[open+1 : closing])
		if err != nil {
			return m, fmt.Errorf("%s: %w", fn, err)
		}
		t, err := transformFunc(fn, args)
		if err != nil {
			return m, err
		}
		m = m.mul(t)
		rest = strings.TrimLeft(rest[closing+1:], " \t\r\n,")
	}
	return m, nil
}

func transformFunc(fn string, a []float64) (matrix, error) {
	bad := func(want string) (matrix, error) {
		return identity, fmt.Errorf("%s: expected %s, found %d numbers", fn, want, len(a))
	}
	switch fn {
	case "matrix":
		if len(a) != 6 {
			return bad("6 numbers")
		}
		return matrix{a[0], a[1], a[2], a[3], a[4], a[5]}, nil
	case "translate":
		switch len(a) {
		case 1:
			return matrix{1, 0, 0, 1, a[0], 0}, nil
		case 2:
			return matrix{1, 0, 0, 1, a[0], a[1]}, nil
		}
		return bad("1 or 2 numbers")
	case "scale":
		switch len(a) {
		case 1:
			return matrix{a[0], 0, 0, a[0], 0, 0}, nil
		case 2:
			return matrix{a[0], 0, 0, a[1], 0, 0}, nil
		}
		return bad("1 or 2 numbers")
	case "rotate":
		if len(a) != 1 && len(a) != 3 {
			return bad("an angle, or an angle and a centre")
		}
		r := a[0] * math.Pi / 180
		rot := matrix{math.Cos(r), math.Sin(r), -math.Sin(r), math.Cos(r), 0, 0}
		if len(a) == 3 {
			return matrix{1, 0, 0, 1, a[1], a[2]}.mul(rot).mul(matrix{1, 0, 0, 1, -a[1], -a[2]}), nil
		}
		return rot, nil
	case "skewX", "skewY":
		if len(a) != 1 {
			return bad("an angle")
		}
		t := math.Tan(a[0] * math.Pi / 180)
		if fn == "skewX" {
			return matrix{1, 0, t, 1, 0, 0}, nil
		}
		return matrix{1, t, 0, 1, 0, 0}, nil
	}
	return identity, fmt.Errorf("expected matrix, translate, scale, rotate, skewX or skewY, found %q", fn)
}
