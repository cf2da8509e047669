package build_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/typeset"
)

// The layout rules of issue 27 that the bundled layouts follow, measured
// on the composed display list of every layout in every locale (the sizes
// and positions the PDF draws: TestClearPrintSizes ties the two).
const (
	numberOverBody = 1.5           // a helpline number over the largest body text of its document
	posterNumberA4 = 28.0          // points, least number size on a poster, per A4 width
	leafletBodyMin = 12.0          // points, leaflet body text
	leafletBodyMax = 14.0          //
	measureMin     = 35            // characters, a full body line's mean (Latin script)
	measureMax     = 60            //
	fieldClear     = 6 * geom.MM   // text from a colour field's edge beside it
	holeMax        = 0.25          // most of a leaflet panel's height left empty below its content
	ruleSlack      = 0.05          // points, rounding
	fieldSlack     = 0.3 * geom.MM // ink extents are estimated (ctaCapTop, ctaDescender)
)

// helplineBoxes are the helplines blocks' boxes of each page of lay.
func helplineBoxes(lay *campaign.Layout, rtl bool) [][]geom.Rect {
	out := make([][]geom.Rect, len(lay.Pages))
	for pi, pg := range lay.Pages {
		for _, b := range boxesOf(lay, pg, campaign.HelplinesBlock, rtl) {
			out[pi] = append(out[pi], b.Rect)
		}
	}
	return out
}

// copyRuns calls f with every run of campaign copy (a run with a role)
// of doc and whether it is inside a helplines block.
func copyRuns(lay *campaign.Layout, doc *page.Doc, rtl bool, f func(pi int, v *page.Text, inHelplines bool)) {
	hb := helplineBoxes(lay, rtl)
	for pi, p := range doc.Pages {
		for _, it := range p.Items {
			if v, ok := it.(*page.Text); ok && v.TypeRole != "" {
				f(pi, v, containsAny(hb[pi], geom.Rect{X: v.X, Y: v.Y, W: 0.1, H: 0.1}))
			}
		}
	}
}

// TestNumbersOverBody measures every helpline number line against the
// largest body text of its document outside the helplines: at least 1.5×
// it, and on a poster at least 28 pt per A4 width, in every document
// (Urdu's Nastaliq too).
func TestNumbersOverBody(t *testing.T) {
	c, _, _ := loadBundled(t)
	eachDoc(t, func(name string, lay *campaign.Layout, loc string, res *compose.Result) {
		body, least := 0.0, math.Inf(1)
		copyRuns(lay, res.Doc, compose.IsRTL(loc), func(_ int, v *page.Text, in bool) {
			switch {
			case !in && v.TypeRole == string(campaign.Body):
				body = max(body, float64(v.Apparent()))
			case in && isNumberLine(c, v.Source):
				least = min(least, float64(v.Apparent()))
			}
		})
		want := numberOverBody * body
		if lay.Kind == campaign.Poster {
			want = max(want, posterNumberA4*float64(lay.Size.W/(210*geom.MM)))
		}
		switch {
		case math.IsInf(least, 1):
			t.Errorf("%s: no helpline number drawn", name)
		case least < want-ruleSlack:
			t.Errorf("%s: a helpline number at %.1f pt, want at least %.1f pt (%.1f× the %.1f pt body)", name, least, want, numberOverBody, body)
		}
	})
}

// isNumberLine reports whether a run holds one of the campaign's numbers.
func isNumberLine(c *campaign.Campaign, s string) bool {
	s = strings.ReplaceAll(s, "\u00a0", " ")
	return slices.ContainsFunc(c.Helplines, func(hl campaign.Helpline) bool { return strings.Contains(s, hl.Number) })
}

// TestLeafletBody measures every leaflet's body text outside the
// helplines: 12 to 14 pt, and in a Latin-script locale its full lines
// (each wider than three quarters of its block: not a paragraph's short
// last line) 35 to 60 characters long on average over the document.
func TestLeafletBody(t *testing.T) {
	docs := map[string]*lineMeasure{}
	var names []string
	eachPage(t, func(name string, lay *campaign.Layout, pg campaign.Page, p *page.Page, rtl bool) {
		if lay.Kind != campaign.Leaflet {
			return
		}
		doc := strings.Join(strings.Fields(name)[:2], " ")
		if docs[doc] == nil {
			docs[doc] = &lineMeasure{}
			names = append(names, doc)
		}
		for _, b := range pg.Blocks {
			if b.Kind != campaign.TextBlock || b.Below != "" {
				continue // a callout's box spans the text it follows
			}
			box := b.Box
			if rtl {
				box = box.MirrorX(lay.Size.W)
			}
			measureBody(t, name, b.Name, p, box, docs[doc])
		}
	})
	for _, doc := range names {
		if m := docs[doc]; m.lines > 0 {
			if mean := float64(m.chars) / float64(m.lines); mean < measureMin || mean > measureMax {
				t.Errorf("%s: full body lines of %.1f characters on average, want %d–%d", doc, mean, measureMin, measureMax)
			}
		}
	}
}

// measureBody checks the body lines drawn in box against the leaflet
// sizes and adds the full ones to m (lines -1: a script not measured in
// characters).
func measureBody(t *testing.T, name, block string, p *page.Page, box geom.Rect, m *lineMeasure) {
	t.Helper()
	for _, l := range bodyLines(p, box) {
		if l.size < leafletBodyMin-ruleSlack || l.size > leafletBodyMax+ruleSlack {
			t.Errorf("%s: block %s: body at %.1f pt, want %.0f–%.0f pt", name, block, l.size, leafletBodyMin, leafletBodyMax)
		}
		if m.lines >= 0 && !isLatin(l.text) {
			m.lines = -1
		}
		if m.lines >= 0 && l.right-l.left >= 0.75*float64(box.W) {
			m.chars += utf8.RuneCountInString(strings.TrimSpace(l.text))
			m.lines++
		}
	}
}

// lineMeasure counts a document's full body lines and their characters.
type lineMeasure struct{ chars, lines int }

// bodyLines are the body lines drawn inside box, with their extents.
func bodyLines(p *page.Page, box geom.Rect) []ctaLine {
	var lines []ctaLine
	for _, it := range p.Items {
		v, ok := it.(*page.Text)
		if !ok || v.TypeRole != string(campaign.Body) || !box.Contains(geom.Rect{X: v.X, Y: v.Y, W: 0.1, H: 0.1}) {
			continue
		}
		x0, x1 := float64(v.X), float64(v.X)+v.Width()
		if k := len(lines); k > 0 && math.Abs(lines[k-1].base-float64(v.Y)) < 0.5 {
			l := &lines[k-1]
			l.text += v.Source
			l.left, l.right = min(l.left, x0), max(l.right, x1)
			continue
		}
		lines = append(lines, ctaLine{base: float64(v.Y), size: float64(v.Apparent()), left: x0, right: x1, text: v.Source})
	}
	return lines
}

func isLatin(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) && !unicode.Is(unicode.Latin, r) {
			return false
		}
	}
	return true
}

// TestFieldClearance measures every run of copy against the edges of the
// colour fields on its page (the draft band aside): where a run sits
// beside an edge that is not the trim's — along it, within its length —
// its ink keeps at least 6 mm from it, on either side.
func TestFieldClearance(t *testing.T) {
	eachPage(t, func(name string, lay *campaign.Layout, pg campaign.Page, p *page.Page, rtl bool) {
		var fields []geom.Rect
		for _, it := range p.Items {
			if f, ok := it.(*page.Fill); ok && f.Color.Name != "draft-band" {
				fields = append(fields, f.Rect)
			}
		}
		seen := map[string]bool{}
		for _, it := range p.Items {
			v, ok := it.(*page.Text)
			if !ok || v.TypeRole == "" {
				continue
			}
			ink := inkOf(v)
			for _, f := range fields {
				if d, edge := nearestEdge(ink, f, lay.Size); d < float64(fieldClear-fieldSlack) {
					key := fmt.Sprintf("%s %s", edge, v.Source)
					if !seen[key] {
						seen[key] = true
						t.Errorf("%s: %q is %.1f mm from the %s edge of the field at %s, want at least %.0f mm", name, v.Source, d/float64(geom.MM), edge, rectMM(f), fieldClear.MM())
					}
				}
			}
		}
	})
}

// inkOf is the estimated ink of a run: its advance, from the capitals'
// top to the descenders (Latin proportions).
func inkOf(v *page.Text) geom.Rect {
	size := float64(v.Size)
	return geom.Rect{X: v.X, Y: geom.Pt(float64(v.Y) - ctaCapTop*size), W: geom.Pt(v.Width()), H: geom.Pt((ctaCapTop + ctaDescender) * size)}
}

// nearestEdge is the distance from ink to the nearest edge of field that
// it sits beside (overlapping the edge's length), leaving out edges on or
// outside the trim; +Inf when there is none.
func nearestEdge(ink, f geom.Rect, size geom.Size) (float64, string) {
	best, which := math.Inf(1), ""
	const on = 0.5 * geom.MM
	across := ink.X < f.Right() && ink.Right() > f.X  // beside a top or bottom edge
	along := ink.Y < f.Bottom() && ink.Bottom() > f.Y // beside a left or right edge
	for _, e := range []struct {
		name   string
		at     geom.Pt
		inside bool // the edge is inside the trim
		beside bool
		dist   geom.Pt
	}{
		{"top", f.Y, f.Y > on, across, absPt(edgeGap(ink.Y, ink.Bottom(), f.Y))},
		{"bottom", f.Bottom(), f.Bottom() < size.H-on, across, absPt(edgeGap(ink.Y, ink.Bottom(), f.Bottom()))},
		{"left", f.X, f.X > on, along, absPt(edgeGap(ink.X, ink.Right(), f.X))},
		{"right", f.Right(), f.Right() < size.W-on, along, absPt(edgeGap(ink.X, ink.Right(), f.Right()))},
	} {
		if e.inside && e.beside && float64(e.dist) < best {
			best, which = float64(e.dist), e.name
		}
	}
	return best, which
}

// edgeGap is the distance from the span lo–hi to the line at; 0 when the
// span crosses it.
func edgeGap(lo, hi, at geom.Pt) geom.Pt {
	switch {
	case at <= lo:
		return lo - at
	case at >= hi:
		return at - hi
	}
	return 0
}

func absPt(p geom.Pt) geom.Pt { return geom.Pt(math.Abs(float64(p))) }

func rectMM(r geom.Rect) string {
	return fmt.Sprintf("[%.0f, %.0f, %.0f, %.0f] mm", r.X.MM(), r.Y.MM(), r.W.MM(), r.H.MM())
}

// TestNoHoles measures every leaflet panel — each text block of a group,
// set from the top of its box — as drawn: below its last line, either a
// callout's field takes the room or at most a quarter of the box's
// height is left empty.
func TestNoHoles(t *testing.T) {
	eachPage(t, func(name string, lay *campaign.Layout, pg campaign.Page, p *page.Page, rtl bool) {
		if lay.Kind != campaign.Leaflet {
			return
		}
		for _, b := range pg.Blocks {
			if b.Kind != campaign.TextBlock || b.Group == "" {
				continue
			}
			box := b.Box
			if rtl {
				box = box.MirrorX(lay.Size.W)
			}
			low := contentBottom(p, box)
			if empty := float64(box.Bottom()) - low; empty > holeMax*float64(box.H) {
				t.Errorf("%s: panel %s: %.0f mm of its %.0f mm empty below its content (%.0f%%), want at most %.0f%%", name, b.Name, empty/float64(geom.MM), box.H.MM(), 100*empty/float64(box.H), 100*holeMax)
			}
		}
	})
}

// contentBottom is the lowest point of the copy drawn in box and of the
// fields that start inside it (a callout's).
func contentBottom(p *page.Page, box geom.Rect) float64 {
	low := float64(box.Y)
	for _, it := range p.Items {
		switch v := it.(type) {
		case *page.Text:
			if v.TypeRole != "" && box.Contains(geom.Rect{X: v.X, Y: v.Y, W: 0.1, H: 0.1}) {
				low = max(low, float64(inkOf(v).Bottom()))
			}
		case *page.Fill:
			if v.Rect.Y > box.Y && v.Rect.Y < box.Bottom() && v.Rect.X < box.Right() && v.Rect.Right() > box.X {
				low = max(low, float64(v.Rect.Bottom()))
			}
		}
	}
	return low
}

// The A3 poster's own hierarchy (issue 27): what is read from afar grows
// more than the 1.41 of the A4's width, what is read up close less.
const (
	a3HeadlineGrowth = 1.3 // least A3 headline over the A4's, in a locale
	a3SmallGrowth    = 1.2 // most A3 purpose lines over the A4's
)

// TestA3OwnHierarchy composes the A4 and A3 posters in every bundled
// locale and compares them as drawn: the A3's headline at least 1.3× the
// A4's, its helplines' purpose lines (read up close, before calling) at
// most 1.2× the A4's, so the A3 is not the A4 scaled (1.41× everything).
func TestA3OwnHierarchy(t *testing.T) {
	c, cat, reg := loadBundled(t)
	cmp := compose.Composer{Campaign: c, Catalog: cat, Fonts: reg}
	s := typeset.NewSetter(reg)
	var a4, a3 *campaign.Layout
	for _, lay := range c.Layouts {
		switch lay.Name {
		case "poster-a4":
			a4 = lay
		case "poster-a3":
			a3 = lay
		}
	}
	if a4 == nil || a3 == nil {
		t.Fatal("the bundled campaign has no poster-a4 or poster-a3")
	}
	for _, loc := range c.Locales {
		var head, small [2]float64
		for i, lay := range []*campaign.Layout{a4, a3} {
			res := cmp.Compose(s, lay, loc.Tag)
			if err := res.Diags.Err(); err != nil {
				t.Fatalf("%s %s: %v", lay.Name, loc.Tag, err)
			}
			head[i], small[i] = headlineAndSmall(lay, res.Doc.Pages[0], compose.IsRTL(loc.Tag))
		}
		if g := head[1] / head[0]; g < a3HeadlineGrowth {
			t.Errorf("%s: the A3 headline is %.2f× the A4's (%.1f over %.1f pt), want at least %.1f×", loc.Tag, g, head[1], head[0], a3HeadlineGrowth)
		}
		if g := small[1] / small[0]; g > a3SmallGrowth {
			t.Errorf("%s: the A3's purpose lines are %.2f× the A4's (%.1f over %.1f pt), want at most %.1f×", loc.Tag, g, small[1], small[0], a3SmallGrowth)
		}
	}
}

// headlineAndSmall are the apparent sizes of the largest text in the
// headline block and of the largest small text (purpose lines) in the
// helplines blocks of p.
func headlineAndSmall(lay *campaign.Layout, p *page.Page, rtl bool) (head, small float64) {
	var box geom.Rect
	for _, b := range boxesOf(lay, lay.Pages[0], campaign.TextBlock, rtl) {
		if b.Name == "headline" {
			box = b.Rect
		}
	}
	hb := helplineBoxes(lay, rtl)[0]
	for _, it := range p.Items {
		v, ok := it.(*page.Text)
		if !ok {
			continue
		}
		at := geom.Rect{X: v.X, Y: v.Y, W: 0.1, H: 0.1}
		switch {
		case box.Contains(at):
			head = max(head, float64(v.Apparent()))
		case v.TypeRole == string(campaign.Small) && containsAny(hb, at):
			small = max(small, float64(v.Apparent()))
		}
	}
	return head, small
}
