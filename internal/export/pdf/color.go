package pdf

import (
	"fmt"
	"math"
	"sort"

	"github.com/go-pdf/fpdf"

	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// inks is how one document writes colours: process CMYK (print) or RGB
// (screen), and in CMYK the Separation colour space of each spot ink the
// document uses.
type inks struct {
	mode  ColorMode
	spots map[string]int // spot name → fpdf's colour space number (/CSn)
}

// newInks registers the document's spot inks with pdf in name order, so
// that their colour space numbers (fpdf numbers them as they are added)
// and the canonical file order agree from run to run.
func newInks(pdf *fpdf.Fpdf, doc *page.Doc, mode ColorMode) (*inks, error) {
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
	names := make([]string, 0, len(alt))
	for n := range alt {
		names = append(names, n)
	}
	sort.Strings(names)
	for i, n := range names {
		a := pct(alt[n])
		pdf.AddSpotColor(n, a[0], a[1], a[2], a[3])
		in.spots[n] = i + 1
	}
	if err := pdf.Error(); err != nil {
		return nil, fmt.Errorf("spot inks: %w", err)
	}
	return in, nil
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// pct returns CMYK as whole percentages, as fpdf stores a spot ink's
// alternate.
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
