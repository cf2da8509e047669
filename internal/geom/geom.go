// Package geom holds the units every later stage shares: lengths in PDF
// points, rectangles on the trim page and colours. It sits at the bottom of
// the pipeline (campaign → … → export) and imports nothing internal.
//
// Coordinates: the origin is the top-left corner of the trim box, x grows to
// the right and y grows downwards, all in points (1/72 in). Exporters flip y.
package geom

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Pt is a length in PDF points (1/72 inch).
type Pt float64

// Unit sizes in points.
const (
	Point Pt = 1
	MM    Pt = 72 / 25.4
	CM    Pt = 72 / 2.54
	Inch  Pt = 72
)

// MM returns the length in millimetres.
func (p Pt) MM() float64 { return float64(p / MM) }

// MMString formats p in millimetres with at most one decimal: "210 mm",
// "0.5 mm".
func (p Pt) MMString() string {
	return strings.TrimSuffix(fmt.Sprintf("%.1f", p.MM()), ".0") + " mm"
}

// String formats the length in millimetres when it is a whole number of
// tenths of a millimetre, else in points; the result parses back with
// ParseLength.
func (p Pt) String() string {
	mm := p.MM()
	if r := math.Round(mm*10) / 10; math.Abs(r-mm) < 1e-6 {
		return strconv.FormatFloat(r, 'f', -1, 64) + "mm"
	}
	return strconv.FormatFloat(math.Round(float64(p)*100)/100, 'f', -1, 64) + "pt"
}

// ParseLength reads a length with a unit: "12pt", "3.5mm", "1cm", "0.5in".
// A bare number is an error: the unit is never guessed.
func ParseLength(s string) (Pt, error) {
	t := strings.TrimSpace(s)
	units := []struct {
		suffix string
		size   Pt
	}{{"mm", MM}, {"cm", CM}, {"pt", Point}, {"in", Inch}}
	for _, u := range units {
		if num, ok := strings.CutSuffix(t, u.suffix); ok {
			v, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, fmt.Errorf("expected a length like \"12pt\" or \"3mm\", found %q", s)
			}
			return Pt(v) * u.size, nil
		}
	}
	if _, err := strconv.ParseFloat(t, 64); err == nil {
		return 0, fmt.Errorf("expected a length with a unit (mm, cm, pt or in) like \"12pt\", found %q", s)
	}
	return 0, fmt.Errorf("expected a length like \"12pt\" or \"3mm\", found %q", s)
}

// XY is a position in points (y down, like every coordinate here).
type XY struct{ X, Y Pt }

// Size is a page or box size.
type Size struct{ W, H Pt }

// Rect is a box: X, Y of the top-left corner, width and height.
type Rect struct{ X, Y, W, H Pt }

// Right returns the x of the right edge.
func (r Rect) Right() Pt { return r.X + r.W }

// Bottom returns the y of the bottom edge.
func (r Rect) Bottom() Pt { return r.Y + r.H }

// Scale multiplies every coordinate by k.
func (r Rect) Scale(k float64) Rect {
	return Rect{r.X * Pt(k), r.Y * Pt(k), r.W * Pt(k), r.H * Pt(k)}
}

// MirrorX reflects the box across the vertical centre line of a page of
// width w (used for right-to-left layouts).
func (r Rect) MirrorX(w Pt) Rect { return Rect{w - r.X - r.W, r.Y, r.W, r.H} }

// Inset shrinks the box by d on every side.
func (r Rect) Inset(d Pt) Rect { return Rect{r.X + d, r.Y + d, r.W - 2*d, r.H - 2*d} }

// Contains reports whether o lies inside r (with a small tolerance for
// floating point).
func (r Rect) Contains(o Rect) bool {
	const eps = 0.01
	return o.X >= r.X-eps && o.Y >= r.Y-eps && o.Right() <= r.Right()+eps && o.Bottom() <= r.Bottom()+eps
}

// Paper sizes by name (portrait).
var Paper = map[string]Size{
	"A3":     {297 * MM, 420 * MM},
	"A4":     {210 * MM, 297 * MM},
	"A5":     {148 * MM, 210 * MM},
	"DL":     {99 * MM, 210 * MM},
	"Letter": {8.5 * Inch, 11 * Inch},
}

// Color is a named colour with its process CMYK values (0–1 each) and its RGB
// values (0–1 each) for screen output. Spot, when set, names an ink of its
// own (a Separation colour space in print, "All" for registration); CMYK is
// then the ink's alternate for proofs and screens.
type Color struct {
	Name string
	CMYK [4]float64
	RGB  [3]float64
	Spot string
}

// PureK reports whether c is 100% process black and nothing else: the
// black plate only, no spot ink.
func (c Color) PureK() bool {
	return c.Spot == "" && c.CMYK == [4]float64{0, 0, 0, 1}
}

// Black is 100% process black (K only), the colour for body text and QR codes.
var Black = Color{Name: "black", CMYK: [4]float64{0, 0, 0, 1}, RGB: [3]float64{0, 0, 0}}

// ParseHex reads "#rrggbb".
func ParseHex(s string) ([3]float64, error) {
	var c [3]float64
	t, ok := strings.CutPrefix(strings.TrimSpace(s), "#")
	if !ok || len(t) != 6 {
		return c, fmt.Errorf("expected an RGB colour like \"#1d3366\", found %q", s)
	}
	v, err := strconv.ParseUint(t, 16, 32)
	if err != nil {
		return c, fmt.Errorf("expected an RGB colour like \"#1d3366\", found %q", s)
	}
	c[0] = float64(v>>16&0xff) / 255
	c[1] = float64(v>>8&0xff) / 255
	c[2] = float64(v&0xff) / 255
	return c, nil
}

// Hex formats RGB as "#rrggbb".
func Hex(c [3]float64) string {
	return fmt.Sprintf("#%02x%02x%02x", int(math.Round(c[0]*255)), int(math.Round(c[1]*255)), int(math.Round(c[2]*255)))
}

// CMYKToRGB is the naive device conversion, used only when a palette gives
// no RGB value (and a warning says so).
func CMYKToRGB(k [4]float64) [3]float64 {
	return [3]float64{(1 - k[0]) * (1 - k[3]), (1 - k[1]) * (1 - k[3]), (1 - k[2]) * (1 - k[3])}
}
