package build_test

import (
	"math"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// The measures of the call to action (issue 27), on the page as drawn:
// a text line's ink is taken from its baseline up capTop and down
// descender times its size (Latin proportions, the same for every unit).
const (
	ctaPrimary    = 1.5           // the primary's number over any other's
	ctaColumn     = 4 * geom.MM   // most difference between the starts of a purpose line and its number line (side bearings, Nastaliq overhang)…
	ctaColumnEm   = 0.4           // …or this share of the number line's size, where that is more: an overhang grows with the type (Urdu's measured 0.39 em on the A3)
	ctaPurposeMin = 12.0          // points, least purpose size on a poster
	ctaPurposeMax = 60            // characters, longest purpose line
	ctaQRNear     = 8 * geom.MM   // most space between a code's modules and its number line
	ctaTopLevel   = 1.5 * geom.MM // most difference between a code's top and its name's capitals
	ctaCapTop     = 0.72
	ctaDescender  = 0.22
)

// ctaLine is one line of a helpline unit: its runs, baseline and extent.
type ctaLine struct {
	runs        []*page.Text
	base, size  float64 // points
	left, right float64
	role        string
	text        string
}

func (l ctaLine) top() float64    { return l.base - ctaCapTop*l.size }
func (l ctaLine) bottom() float64 { return l.base + ctaDescender*l.size }

// ctaUnit is one helpline as drawn: its code's modules and its lines.
type ctaUnit struct {
	payload string
	code    geom.Rect // the modules, quiet zone excluded
	lines   []ctaLine
}

// ctaUnits finds the helpline units of page p: each QR code and the text
// runs drawn after it inside the helplines block's box, grouped into
// lines by baseline.
func ctaUnits(p *page.Page, box geom.Rect) []ctaUnit {
	var units []ctaUnit
	for _, it := range p.Items {
		switch v := it.(type) {
		case *page.Squares:
			if v.Payload == "" {
				continue
			}
			units = append(units, ctaUnit{payload: v.Payload, code: modules(v.Rects)})
		case *page.Text:
			n := len(units)
			if n == 0 || v.Y < box.Y || v.Y > box.Bottom() || v.X < box.X-1 || v.X > box.Right()+1 {
				continue
			}
			u := &units[n-1]
			w := v.Width()
			if k := len(u.lines); k > 0 && math.Abs(u.lines[k-1].base-float64(v.Y)) < 0.5 {
				l := &u.lines[k-1]
				l.runs = append(l.runs, v)
				l.left, l.right = min(l.left, float64(v.X)), max(l.right, float64(v.X)+w)
				l.text += v.Source
				continue
			}
			u.lines = append(u.lines, ctaLine{runs: []*page.Text{v}, base: float64(v.Y), size: float64(v.Apparent()),
				left: float64(v.X), right: float64(v.X) + w, role: v.TypeRole, text: v.Source})
		}
	}
	return slices.DeleteFunc(units, func(u ctaUnit) bool { return len(u.lines) == 0 })
}

// TestCallToAction composes every bundled layout in every bundled locale
// and measures its helplines as drawn (the sizes and positions the PDF
// draws: TestClearPrintSizes ties the two): the primary helpline first,
// its number at least 1.5× every other's; on posters purposes at least
// 12 pt; purpose lines starting where the number line starts; each code
// level with its name's capitals and within 8 mm of its number line;
// purpose lines at most 60 characters of their own script, in every
// locale.
func TestCallToAction(t *testing.T) {
	c, _, _ := loadBundled(t)
	if c.Primary == "" {
		t.Fatal("the bundled campaign names no primary helpline")
	}
	eachPage(t, func(name string, lay *campaign.Layout, pg campaign.Page, p *page.Page, rtl bool) {
		for _, box := range boxesOf(lay, pg, campaign.HelplinesBlock, rtl) {
			checkUnits(t, name, c, lay, ctaUnits(p, box.Rect), rtl)
		}
	})
}

// namedBox is a block's name and its box as drawn.
type namedBox struct {
	Name string
	geom.Rect
}

// boxesOf returns the boxes of pg's blocks of kind, mirrored for a
// right-to-left locale.
func boxesOf(lay *campaign.Layout, pg campaign.Page, kind campaign.BlockKind, rtl bool) []namedBox {
	var out []namedBox
	for _, b := range pg.Blocks {
		if b.Kind != kind {
			continue
		}
		box := b.Box
		if rtl {
			box = box.MirrorX(lay.Size.W)
		}
		out = append(out, namedBox{b.Name, box})
	}
	return out
}

// eachPage composes every bundled layout in every bundled locale and calls
// f with each page as drawn, named "LAYOUT LOCALE PAGE".
func eachPage(t *testing.T, f func(name string, lay *campaign.Layout, pg campaign.Page, p *page.Page, rtl bool)) {
	t.Helper()
	eachDoc(t, func(name string, lay *campaign.Layout, loc string, res *compose.Result) {
		for pi, pg := range lay.Pages {
			f(name+" "+pg.Name, lay, pg, res.Doc.Pages[pi], compose.IsRTL(loc))
		}
	})
}

// checkUnits checks the measures of TestCallToAction on one block's units.
func checkUnits(t *testing.T, name string, c *campaign.Campaign, lay *campaign.Layout, units []ctaUnit, rtl bool) {
	t.Helper()
	if len(units) != len(c.Helplines) {
		t.Errorf("%s: found %d helpline units, want %d", name, len(units), len(c.Helplines))
		return
	}
	nums := make([]ctaLine, len(units))
	for i, u := range units {
		hl := helplineOf(c, u.payload)
		if i == 0 && hl.ID != c.Primary {
			t.Errorf("%s: the first helpline is %q, want the primary %q", name, hl.ID, c.Primary)
		}
		nl := slices.IndexFunc(u.lines, func(l ctaLine) bool {
			return strings.Contains(strings.ReplaceAll(l.text, "\u00a0", " "), hl.Number)
		})
		if nl < 0 {
			t.Errorf("%s: %s: no line holds the number %q", name, hl.ID, hl.Number)
			return
		}
		nums[i] = u.lines[nl]
		checkUnitLines(t, name+" "+hl.ID, lay, u, nl, rtl)
	}
	for i := 1; i < len(units); i++ {
		if nums[0].size < ctaPrimary*nums[i].size-0.01 {
			t.Errorf("%s: the primary number is %.1f pt, not %.1f× the next (%.1f pt)", name, nums[0].size, ctaPrimary, nums[i].size)
		}
	}
}

// checkUnitLines checks one unit: number and purpose sizes, purpose
// lines' length and column, the code's distance and level.
func checkUnitLines(t *testing.T, name string, lay *campaign.Layout, u ctaUnit, nl int, rtl bool) {
	t.Helper()
	num := u.lines[nl]
	longest := 0 // characters of its longest purpose line
	poster := lay.Kind == campaign.Poster
	start := func(l ctaLine) float64 {
		if rtl {
			return l.right
		}
		return l.left
	}
	for _, l := range u.lines[nl+1:] {
		if l.role != string(campaign.Small) {
			continue
		}
		if poster && l.size < ctaPurposeMin-0.01 {
			t.Errorf("%s: purpose at %.1f pt, below %.0f pt", name, l.size, ctaPurposeMin)
		}
		longest = max(longest, utf8.RuneCountInString(strings.TrimSpace(l.text)))
		if math.Abs(start(l)-start(num)) > max(float64(ctaColumn), ctaColumnEm*num.size) {
			t.Errorf("%s: purpose line starts %.1f mm from the number line's start", name, math.Abs(start(l)-start(num))/float64(geom.MM))
		}
	}
	if longest > ctaPurposeMax {
		t.Errorf("%s: purpose line of %d characters, more than %d", name, longest, ctaPurposeMax)
	}
	gap := num.left - float64(u.code.Right())
	if rtl || u.code.X > geom.Pt(num.right) {
		gap = float64(u.code.X) - num.right
	}
	if gap > float64(ctaQRNear) {
		t.Errorf("%s: the code is %.1f mm from its number line, more than %.0f mm", name, gap/float64(geom.MM), ctaQRNear.MM())
	}
	if d := math.Abs(float64(u.code.Y) - u.lines[0].top()); d > float64(ctaTopLevel) {
		t.Errorf("%s: the code's top is %.1f mm off its name's capitals", name, d/float64(geom.MM))
	}
}

// helplineOf returns the campaign's helpline whose code encodes payload.
func helplineOf(c *campaign.Campaign, payload string) campaign.Helpline {
	for _, hl := range c.Helplines {
		if hl.Payload() == payload {
			return hl
		}
	}
	return campaign.Helpline{}
}

// modules is the rectangle the modules of a code cover.
func modules(rs []geom.Rect) geom.Rect {
	x0, y0, x1, y1 := rs[0].X, rs[0].Y, rs[0].Right(), rs[0].Bottom()
	for _, r := range rs[1:] {
		x0, y0, x1, y1 = min(x0, r.X), min(y0, r.Y), max(x1, r.Right()), max(y1, r.Bottom())
	}
	return geom.Rect{X: x0, Y: y0, W: x1 - x0, H: y1 - y0}
}

// ctaInside is the most share of the space between two units that the
// space between two lines inside a unit may take (issue 27: "space inside
// a unit at most half the space between units").
const ctaInside = 0.5

// TestUnitSpacing composes every bundled layout in every bundled locale
// and measures each helplines block's units as drawn (lines from their
// descenders to their capitals, in Latin proportions as in
// TestCallToAction): the most space between two lines of a unit at most
// half the least space between two units (from the lower of a unit's code
// and last line to the higher of the next unit's code and first line), in
// every document: Nastaliq's and the Indic scripts' taller lines too.
func TestUnitSpacing(t *testing.T) {
	eachPage(t, func(name string, lay *campaign.Layout, pg campaign.Page, p *page.Page, rtl bool) {
		for _, box := range boxesOf(lay, pg, campaign.HelplinesBlock, rtl) {
			units := ctaUnits(p, box.Rect)
			if len(units) < 2 {
				continue
			}
			inside, between := unitSpaces(units)
			if inside > ctaInside*between+0.01 {
				t.Errorf("%s %s: %.1f mm between two lines of a unit, more than %.1f× the %.1f mm between units",
					name, box.Name, inside/float64(geom.MM), ctaInside, between/float64(geom.MM))
			}
		}
	})
}

// unitSpaces are the most space between two lines inside a unit (from a
// line's descenders to the next line's capitals) and the least space
// between two units (+Inf when there is one unit).
func unitSpaces(units []ctaUnit) (inside, between float64) {
	between = math.Inf(1)
	for i, u := range units {
		for k := 1; k < len(u.lines); k++ {
			inside = max(inside, u.lines[k].top()-u.lines[k-1].bottom())
		}
		if i > 0 {
			between = min(between, u.top()-units[i-1].bottom())
		}
	}
	return inside, between
}

// top is the higher of a unit's code and its first line's capitals.
func (u ctaUnit) top() float64 { return min(float64(u.code.Y), u.lines[0].top()) }

// bottom is the lower of a unit's code and its last line's descenders.
func (u ctaUnit) bottom() float64 {
	return max(float64(u.code.Bottom()), u.lines[len(u.lines)-1].bottom())
}
