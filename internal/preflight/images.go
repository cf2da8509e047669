package preflight

import (
	"fmt"
	"math"
	"sort"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// Effective resolution a raster needs at its placed size in the print
// edition: below MinPPI is an error, below GoodPPI a warning.
const (
	MinPPI  = 150
	GoodPPI = 300
)

// ImageCheck is one placed raster as preflight measured it.
type ImageCheck struct {
	Source string  `json:"source"`
	Block  string  `json:"block"`
	PPI    float64 `json:"ppi"`    // effective pixels per inch at the placed size
	Colour string  `json:"colour"` // grey, RGB or CMYK
	Placed string  `json:"placed"` // "80 × 60 mm"
}

// images lists the rasters placed in doc.
func images(doc *page.Doc) []ImageCheck {
	out := []ImageCheck{}
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			im, ok := it.(*page.Image)
			if !ok {
				continue
			}
			c := ImageCheck{Source: im.Raster.Source, PPI: math.Round(im.PPI()), Colour: im.Raster.Model.String(),
				Placed: im.Rect.W.MMString() + " × " + im.Rect.H.MMString()}
			if im.Figure != nil {
				c.Block = im.Figure.Block
			}
			out = append(out, c)
		}
	}
	return out
}

// PrintArtProblems are what the print edition refuses or warns about in
// placed artwork: rasters below MinPPI (an error) or GoodPPI (a warning) at
// their placed size, RGB rasters (a warning: the print shop converts them
// without the campaign's say), and vector artwork in a colour that is not
// in the layout's palette (an error naming the nearest palette colour).
func PrintArtProblems(doc *page.Doc, lay *campaign.Layout) diag.List {
	var l diag.List
	off := map[string]bool{} // source + colour, reported once
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			switch v := it.(type) {
			case *page.Image:
				l = append(l, rasterProblems(v, lay)...)
			case *page.Path:
				for _, c := range []*geom.Color{v.Fill, v.Stroke} {
					if c == nil || inPalette(lay, *c) {
						continue
					}
					if k := figureName(v.Figure) + " " + c.Name; !off[k] {
						off[k] = true
						l.Add(offPalette(lay, v.Figure, *c))
					}
				}
			}
		}
	}
	return l
}

func rasterProblems(im *page.Image, lay *campaign.Layout) diag.List {
	var l diag.List
	where, name := figureWhere(im.Figure)
	file, line := blockAt(lay, im.Figure)
	ppi := im.PPI()
	placed := fmt.Sprintf("%s × %s", im.Rect.W.MMString(), im.Rect.H.MMString())
	need := fmt.Sprintf("%d×%d pixels", int(math.Ceil(float64(im.Rect.W/geom.Inch)*GoodPPI)), int(math.Ceil(float64(im.Rect.H/geom.Inch)*GoodPPI)))
	switch {
	case ppi < MinPPI:
		l.Add(diag.Diagnostic{Severity: diag.Error, File: file, Line: line, Path: where,
			Msg:  fmt.Sprintf("%s is %d×%d pixels, %.0f ppi at its placed size (%s): below the %d ppi a print needs", name, im.Raster.Width, im.Raster.Height, ppi, placed, MinPPI),
			Hint: fmt.Sprintf("use a file of at least %s for this box, or make the box smaller", need)})
	case ppi < GoodPPI:
		l.Add(diag.Diagnostic{Severity: diag.Warning, File: file, Line: line, Path: where,
			Msg:  fmt.Sprintf("%s is %.0f ppi at its placed size (%s): below the %d ppi print shops ask for, it may look soft", name, ppi, placed, GoodPPI),
			Hint: fmt.Sprintf("a file of %s prints sharp", need)})
	}
	if im.Raster.Model == page.RGB {
		l.Add(diag.Diagnostic{Severity: diag.Warning, File: file, Line: line, Path: where,
			Msg:  fmt.Sprintf("%s is an RGB image: the print shop converts it to CMYK with their own profile, and colours may shift", name),
			Hint: "supply a CMYK JPEG separated for the print shop's press"})
	}
	return l
}

// figureName names artwork in a message: its file and the block that
// placed it.
func figureName(f *page.Figure) string {
	if f == nil {
		return "artwork"
	}
	return fmt.Sprintf("%s (block %q)", f.Source, f.Block)
}

// figureWhere is the field path and the file name of a figure for a
// diagnostic: "block photo" and "assets/photo.png".
func figureWhere(f *page.Figure) (path, src string) {
	if f == nil {
		return "", "artwork"
	}
	return "block " + f.Block, f.Source
}

// blockAt is where the block that placed a figure is written: its file
// (the layout's, or the base layout's it extends) and line; the layout's
// file and no line when the figure names no block of it.
func blockAt(lay *campaign.Layout, f *page.Figure) (file string, line int) {
	if f == nil || f.Block == "" {
		return lay.File, 0
	}
	for _, pg := range lay.Pages {
		for _, b := range pg.Blocks {
			if b.Name == f.Block && b.File != "" {
				return b.File, b.Line
			}
		}
	}
	return lay.File, 0
}

// inPalette reports whether c is one of the layout's palette colours.
func inPalette(lay *campaign.Layout, c geom.Color) bool {
	p, ok := lay.Palette[c.Name]
	return ok && p == c
}

// offPalette reports a vector colour that is not in the palette, with the
// palette colour nearest to it.
func offPalette(lay *campaign.Layout, fig *page.Figure, c geom.Color) diag.Diagnostic {
	where, src := figureWhere(fig)
	names := make([]string, 0, len(lay.Palette))
	for n := range lay.Palette {
		names = append(names, n)
	}
	sort.Strings(names)
	best, bestD := "", math.Inf(1)
	for _, n := range names {
		p := lay.Palette[n].RGB
		// A weighted RGB distance, close enough to pick a neighbour.
		d := 2*sq(p[0]-c.RGB[0]) + 4*sq(p[1]-c.RGB[1]) + 3*sq(p[2]-c.RGB[2])
		if d < bestD {
			best, bestD = n, d
		}
	}
	file, line := blockAt(lay, fig)
	d := diag.Diagnostic{Severity: diag.Error, File: file, Line: line, Path: where,
		Msg: fmt.Sprintf("%s uses colour %s, which is not in the layout's palette, so it has no inks of its own", src, geom.Hex(c.RGB))}
	if best != "" {
		d.Msg += fmt.Sprintf("; the nearest palette colour is %q (%s)", best, geom.Hex(lay.Palette[best].RGB))
		d.Hint = fmt.Sprintf("recolour the artwork to %s, or add %s to the palette with the CMYK the print shop should use", geom.Hex(lay.Palette[best].RGB), geom.Hex(c.RGB))
	}
	return d
}

func sq(v float64) float64 { return v * v }

// imagesSummary is the command line's word on placed rasters.
func imagesSummary(ims []ImageCheck) string {
	if len(ims) == 0 {
		return "no raster images"
	}
	low := ims[0]
	for _, im := range ims {
		if im.PPI < low.PPI {
			low = im
		}
	}
	return fmt.Sprintf("%d %s, lowest %.0f ppi (%s)", len(ims), diag.Plural(len(ims), "raster image", "raster images"), low.PPI, low.Source)
}
