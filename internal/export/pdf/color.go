package pdf

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// inks is how one document writes colours: process CMYK (print) or RGB
// (screen), and in CMYK the Separation colour space of each spot ink the
// document uses.
type inks struct {
	mode  ColorMode
	spots map[string]int // spot name → colour space number (/CSn)
	names []string       // spot names in colour space order
	alt   map[string][4]float64
}

// newInks finds the document's spot inks and numbers their colour spaces
// in name order, so the same document always writes the same bytes.
func newInks(doc *page.Doc, mode ColorMode) (*inks, error) {
	in := &inks{mode: mode, spots: map[string]int{}}
	if mode != CMYK {
		return in, nil
	}
	alt := map[string][4]float64{}
	note := func(c geom.Color) error {
		if c.Spot == "" {
			return nil
		}
		if a, ok := alt[c.Spot]; ok && a != c.CMYK {
			return fmt.Errorf("spot ink %q is given two CMYK alternates (%v and %v)", c.Spot, pct(a), pct(c.CMYK))
		}
		alt[c.Spot] = c.CMYK
		return nil
	}
	var err error
	each := func(items []page.Item) {
		for _, it := range items {
			switch v := it.(type) {
			case *page.Fill:
				err = firstErr(err, note(v.Color))
			case *page.Squares:
				err = firstErr(err, note(v.Color))
			case *page.Text:
				err = firstErr(err, note(v.Color))
			case *page.Path:
				for _, c := range []*geom.Color{v.Fill, v.Stroke} {
					if c != nil {
						err = firstErr(err, note(*c))
					}
				}
			}
		}
	}
	for _, p := range doc.Pages {
		each(p.Items)
		each(p.Slug)
		for _, m := range p.Marks {
			err = firstErr(err, note(m.Color))
		}
	}
	if err != nil {
		return nil, err
	}
	for n := range alt {
		in.names = append(in.names, n)
	}
	sort.Strings(in.names)
	for i, n := range in.names {
		in.spots[n] = i + 1
	}
	in.alt = alt
	return in, nil
}

// colorSpaces returns the /ColorSpace resource entries: a Separation
// colour space per spot ink (ISO 32000-1 §8.6.6.4) with its CMYK
// alternate as a linear tint transform. "All" is registration colour: it
// prints on every plate.
func (in *inks) colorSpaces() dict {
	var d dict
	for i, n := range in.names {
		a := pct(in.alt[n])
		tint := dict{}.with("FunctionType", 2).with("Domain", array{0, 1}).with("C0", array{0, 0, 0, 0}).
			with("C1", array{number(float64(a[0]) / 100), number(float64(a[1]) / 100), number(float64(a[2]) / 100), number(float64(a[3]) / 100)}).
			with("N", 1)
		d = d.with(name(fmt.Sprintf("CS%d", i+1)), array{name("Separation"), name(escapeName(n)), name("DeviceCMYK"), tint})
	}
	return d
}

// escapeName writes s as the characters of a PDF name: anything outside
// the printable ASCII regular characters as #XX (ISO 32000-1 §7.3.5).
func escapeName(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c > ' ' && c < 0x7F && !strings.ContainsRune("()<>[]{}/%#", rune(c)) {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "#%02X", c)
		}
	}
	return b.String()
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// pct returns CMYK as whole percentages, the precision a spot ink's
// alternate is given in.
func pct(c [4]float64) [4]byte {
	var b [4]byte
	for i, v := range c {
		b[i] = byte(math.Round(math.Max(0, math.Min(1, v)) * 100))
	}
	return b
}

// fill returns the operators that set the fill colour.
func (in *inks) fill(c geom.Color) string { return in.set(c, false) }

// stroke returns the operators that set the stroke colour.
func (in *inks) stroke(c geom.Color) string { return in.set(c, true) }

func (in *inks) set(c geom.Color, stroke bool) string {
	op := func(fill, strk string) string {
		if stroke {
			return strk
		}
		return fill
	}
	if in.mode == RGB {
		return fmt.Sprintf("%s %s %s %s", num(c.RGB[0]), num(c.RGB[1]), num(c.RGB[2]), op("rg", "RG"))
	}
	if n, ok := in.spots[c.Spot]; ok && c.Spot != "" {
		return fmt.Sprintf("/CS%d %s 1 %s", n, op("cs", "CS"), op("scn", "SCN"))
	}
	return fmt.Sprintf("%s %s %s %s %s", num(c.CMYK[0]), num(c.CMYK[1]), num(c.CMYK[2]), num(c.CMYK[3]), op("k", "K"))
}
