package check

import (
	"fmt"
	"strings"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// artProblems finds, in one composed layout, vector artwork (a campaign
// mark, a partner's logo) that would not be seen on what it is placed on:
// none of its fill and stroke colours reaches the campaign's contrast for
// large text (WCAG 2.x asks 3:1 of graphics, as of large text) against the
// fill under the middle of its box. A white logo on a pale panel is
// reported with its ratio; a mark with one strong colour passes. Raster
// images are not judged.
func artProblems(acc campaign.Access, lay *campaign.Layout, doc *page.Doc) []Problem {
	var out []Problem
	for _, p := range doc.Pages {
		seen := map[*page.Figure]bool{}
		for i, it := range p.Items {
			path, ok := it.(*page.Path)
			if !ok || path.Figure == nil || seen[path.Figure] {
				continue
			}
			fig := path.Figure
			seen[fig] = true
			bg := fillAt(p.Items[:i], fig.Box.X+fig.Box.W/2, fig.Box.Y+fig.Box.H/2)
			best, col := bestContrast(p.Items[i:], fig, bg)
			if best >= acc.ContrastLarge {
				continue
			}
			file, line := blockAt(lay, fig.Block)
			out = append(out, Problem{Severity: Warning, Kind: KindContrast, File: file, Line: line, Layout: lay.Name, Block: fig.Block,
				Text: fmt.Sprintf("%s (block %s) on %s: its most visible colour, %s, has contrast %.2f:1, below %g:1: it may not be seen",
					fig.Source, fig.Block, colourName(bg), colourName(col), best, acc.ContrastLarge),
				Hint: "use a variant of the artwork in a colour that stands out from this background, or place it on another fill"})
		}
	}
	return out
}

// blockAt is where the layout's block name is written (in the layout or
// the base it extends), or the layout's file.
func blockAt(lay *campaign.Layout, name string) (string, int) {
	for _, pg := range lay.Pages {
		for _, b := range pg.Blocks {
			if b.Name == name && b.File != "" {
				return b.File, b.Line
			}
		}
	}
	return lay.File, 0
}

// bestContrast returns the highest contrast with bg of the fills and
// strokes of fig's paths among items, and that colour.
func bestContrast(items []page.Item, fig *page.Figure, bg geom.Color) (float64, geom.Color) {
	best, col := 0.0, bg
	for _, it := range items {
		path, ok := it.(*page.Path)
		if !ok || path.Figure != fig {
			continue
		}
		for _, c := range []*geom.Color{path.Fill, path.Stroke} {
			if c != nil {
				if r := Contrast(*c, bg); r > best {
					best, col = r, *c
				}
			}
		}
	}
	return best, col
}

// fillAt returns the colour of the last fill among items that covers the
// point (x, y), or paper.
func fillAt(items []page.Item, x, y geom.Pt) geom.Color {
	for i := len(items) - 1; i >= 0; i-- {
		if f, ok := items[i].(*page.Fill); ok && f.Rect.X <= x && x <= f.Rect.X+f.Rect.W && f.Rect.Y <= y && y <= f.Rect.Y+f.Rect.H {
			return f.Color
		}
	}
	return paper
}

// colourName names a colour by its palette name and hex value, or by its
// hex value when it has no name (a colour written in an SVG file).
func colourName(c geom.Color) string {
	if c.Name == "" {
		return strings.TrimSuffix(strings.TrimPrefix(hexName(c), " ("), ")")
	}
	return hexName(c)
}
