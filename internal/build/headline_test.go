package build_test

import (
	"math"
	"testing"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// The headline's measures (issue 27): on a poster its box is about a
// quarter of the page's height, and it is at least posterLead times any
// other text outside the helplines (the strapline, the section heads:
// those are at most half of it); on a leaflet's cover panel at least
// coverLead times the panel's other text. It wraps to at most three lines.
const (
	posterLead    = 2.5
	coverLead     = 2.0
	headlineShare = 0.25
	headlineSlack = 0.05 // "about": 20–30% of the page's height
	headlineLines = 3
)

// TestHeadlineHierarchy composes every bundled layout in every bundled
// locale and measures each page's headline block as drawn.
func TestHeadlineHierarchy(t *testing.T) {
	eachPage(t, func(name string, lay *campaign.Layout, pg campaign.Page, p *page.Page, rtl bool) {
		checkHeadline(t, name, lay, pg, p, rtl)
	})
}

// checkHeadline checks the headline block of one page, if it has one.
func checkHeadline(t *testing.T, name string, lay *campaign.Layout, pg campaign.Page, p *page.Page, rtl bool) {
	t.Helper()
	head, skip := headlineBoxes(lay, pg, rtl)
	if head.H == 0 {
		return
	}
	lead := coverLead
	if lay.Kind == campaign.Poster {
		lead = posterLead
		if share := float64(head.H / lay.Size.H); math.Abs(share-headlineShare) > headlineSlack {
			t.Errorf("%s: the headline's box is %.0f%% of the page's height, want about %.0f%%", name, 100*share, 100*headlineShare)
		}
	}
	panel := panelRect(lay, pg, head)
	size, other := 0.0, 0.0
	var otherText string
	baselines := map[int]bool{}
	for _, it := range p.Items {
		v, ok := it.(*page.Text)
		if !ok || v.TypeRole == "" {
			continue
		}
		at := geom.Rect{X: v.X, Y: v.Y, W: 0.1, H: 0.1}
		switch {
		case head.Contains(at):
			size = max(size, float64(v.Apparent()))
			baselines[int(math.Round(float64(v.Y)))] = true
		case !panel.Contains(at) || containsAny(skip, at):
		case float64(v.Apparent()) > other:
			other, otherText = float64(v.Apparent()), v.Source
		}
	}
	if len(baselines) > headlineLines {
		t.Errorf("%s: the headline takes %d lines, more than %d", name, len(baselines), headlineLines)
	}
	if other > 0 && size < lead*other-0.01 {
		t.Errorf("%s: the headline at %.1f pt is %.2f× the next-largest text (%q, %.1f pt), want at least %.1f×", name, size, size/other, otherText, other, lead)
	}
}

// headlineBoxes returns the box of pg's block named headline (zero when
// it has none) and its helplines blocks' boxes, mirrored for a
// right-to-left locale.
func headlineBoxes(lay *campaign.Layout, pg campaign.Page, rtl bool) (head geom.Rect, skip []geom.Rect) {
	for _, b := range boxesOf(lay, pg, campaign.TextBlock, rtl) {
		if b.Name == "headline" {
			head = b.Rect
		}
	}
	for _, b := range boxesOf(lay, pg, campaign.HelplinesBlock, rtl) {
		skip = append(skip, b.Rect) // the call to action has its own scale
	}
	return head, skip
}

// panelRect is the panel of pg (between its folds, mirrored with the
// page) that holds r; the whole page when it has no folds.
func panelRect(lay *campaign.Layout, pg campaign.Page, r geom.Rect) geom.Rect {
	x0, x1 := geom.Pt(0), lay.Size.W
	for _, f := range pg.Folds {
		for _, x := range []geom.Pt{f, lay.Size.W - f} {
			if x <= r.X {
				x0 = max(x0, x)
			} else if x >= r.Right() {
				x1 = min(x1, x)
			}
		}
	}
	return geom.Rect{X: x0, Y: 0, W: x1 - x0, H: lay.Size.H}
}

func containsAny(rs []geom.Rect, at geom.Rect) bool {
	for _, r := range rs {
		if r.Contains(at) {
			return true
		}
	}
	return false
}

// TestSpaceAroundHeadings measures every text block of every bundled
// layout in every bundled locale as drawn: where a heading follows other
// text in a block, the space above it (from the ink of the line before to
// its capitals) is at least twice the space below it (to the capitals of
// the line after).
func TestSpaceAroundHeadings(t *testing.T) {
	eachPage(t, func(name string, lay *campaign.Layout, pg campaign.Page, p *page.Page, rtl bool) {
		for _, box := range boxesOf(lay, pg, campaign.TextBlock, rtl) {
			lines := blockLines(p, box.Rect)
			for i := 1; i+1 < len(lines); i++ {
				if lines[i].role != string(campaign.Heading) || lines[i-1].role == string(campaign.Heading) || lines[i+1].role == string(campaign.Heading) {
					continue
				}
				above := lines[i].top() - lines[i-1].bottom()
				below := lines[i+1].top() - lines[i].bottom()
				if above < 2*below-0.01 {
					t.Errorf("%s: block %s: %.1f mm above the heading %q, %.1f mm below it: want at least twice", name, box.Name, above/float64(geom.MM), lines[i].text, below/float64(geom.MM))
				}
			}
		}
	})
}

// blockLines are the lines of text drawn inside box, by baseline, top
// down (ctaLine: the same measure of ink).
func blockLines(p *page.Page, box geom.Rect) []ctaLine {
	var lines []ctaLine
	for _, it := range p.Items {
		v, ok := it.(*page.Text)
		if !ok || v.TypeRole == "" || !box.Contains(geom.Rect{X: v.X, Y: v.Y, W: 0.1, H: 0.1}) {
			continue
		}
		if k := len(lines); k > 0 && math.Abs(lines[k-1].base-float64(v.Y)) < 0.5 {
			lines[k-1].text += v.Source
			continue
		}
		lines = append(lines, ctaLine{base: float64(v.Y), size: float64(v.Apparent()), role: v.TypeRole, text: v.Source})
	}
	return lines
}

// TestBottomMargin measures every page of every bundled layout in every
// bundled locale as drawn: the space between the lowest text's ink and
// the trim's foot is at least the page's side margin (the least space
// between a text box and the left or right trim edge), and on a poster at
// least posterFoot.
func TestBottomMargin(t *testing.T) {
	eachPage(t, func(name string, lay *campaign.Layout, pg campaign.Page, p *page.Page, rtl bool) {
		low := 0.0
		for _, it := range p.Items {
			if v, ok := it.(*page.Text); ok && v.TypeRole != "" {
				low = max(low, float64(v.Y)+ctaDescender*float64(v.Apparent()))
			}
		}
		foot := float64(lay.Size.H) - low
		want := footMargin(lay, pg, rtl)
		if foot < want-float64(geom.MM) {
			t.Errorf("%s: %.1f mm below the lowest text, want at least %.1f mm (the side margin)", name, foot/float64(geom.MM), want/float64(geom.MM))
		}
	})
}

// footMargin is the least space TestBottomMargin wants between a page's
// lowest text and the trim's foot, in points: the page's side margin
// (the least space between a text box and the left or right trim edge),
// and on a poster at least posterFoot.
func footMargin(lay *campaign.Layout, pg campaign.Page, rtl bool) float64 {
	side := lay.Size.W
	for _, box := range boxesOf(lay, pg, campaign.TextBlock, rtl) {
		side = min(side, box.X, lay.Size.W-box.Right())
	}
	if lay.Kind == campaign.Poster {
		return float64(max(side, posterFoot))
	}
	return float64(side)
}

// posterFoot is the least bottom margin of a poster.
const posterFoot = 10 * geom.MM

// TestSpaceAboveBlockHeadings measures, on every page of every bundled
// layout in every bundled locale, the heading that opens a text block
// against the text of another block above it in the same column (the
// A5's strapline over "Get help"): the space above the heading is at
// least twice the space between it and the block's next line, as inside
// a block (TestSpaceAroundHeadings). Text in another colour field (a
// strapline in the poster's band over the help heading on the pale
// field) is set apart by the field's edge and not counted.
func TestSpaceAboveBlockHeadings(t *testing.T) {
	eachPage(t, func(name string, lay *campaign.Layout, pg campaign.Page, p *page.Page, rtl bool) {
		boxes := boxesOf(lay, pg, campaign.TextBlock, rtl)
		fields := boxesOf(lay, pg, campaign.RectBlock, rtl)
		field := func(x, y float64) int { // the topmost field under a point, -1 for the paper
			at := -1
			for i, f := range fields {
				if f.Rect.Contains(geom.Rect{X: geom.Pt(x), Y: geom.Pt(y), W: 0.1, H: 0.1}) {
					at = i
				}
			}
			return at
		}
		for _, box := range boxes {
			lines := blockLines(p, box.Rect)
			k := 0
			for k < len(lines) && lines[k].role == string(campaign.Heading) {
				k++
			}
			if k == 0 || k == len(lines) {
				continue // no heading first, or nothing under it
			}
			below := lines[k].top() - lines[k-1].bottom()
			top := lines[0].top()
			home := field(float64(box.Rect.X)+1, lines[0].base)
			above, over := math.Inf(1), ""
			for _, other := range boxes {
				if other.Name == box.Name || other.Rect.X >= box.Rect.X+box.Rect.W || box.Rect.X >= other.Rect.X+other.Rect.W {
					continue
				}
				for _, l := range blockLines(p, other.Rect) {
					if gap := top - l.bottom(); l.base < lines[0].base && gap < above && field(float64(other.Rect.X)+1, l.base) == home {
						above, over = gap, l.text
					}
				}
			}
			if !math.IsInf(above, 1) && above < 2*below-0.01 {
				t.Errorf("%s: block %s: %.1f mm above the heading %q (under %q), %.1f mm below it: want at least twice", name, box.Name, above/float64(geom.MM), lines[0].text, over, below/float64(geom.MM))
			}
		}
	})
}
