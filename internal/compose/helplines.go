package compose

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/qr"
	"github.com/handbill/handbill/internal/typeset"
)

// qrGap is the space between a QR code and its text; rowGap is the gutter
// between entries side by side, wide enough that text extraction (poppler)
// sees three columns, not one line.
const (
	qrGap  = 3 * geom.MM
	rowGap = 9 * geom.MM
)

// The call to action, in proportions: a helpline's number line is set at
// numberScale times the largest body size the layout allows (and on a
// poster at least posterNumber per A4 width, readable from a corridor), the
// primary helpline's at primaryScale times that, its name at primaryName
// times the others'; a purpose line is at most purposeChars characters of
// its own text long on average and at most purposeMax where the block has
// the room (fitPurposes), on a poster at least minPurpose (a leaflet's is
// its small role, read in the hand). Between the lines of one entry there is innerGap times the size
// of the line above.
const (
	numberScale  = 1.5
	numberMin    = 1.2
	posterNumber = 28 * geom.Pt(1)
	primaryScale = 1.5
	primaryName  = 1.25
	minPurpose   = 12 * geom.Pt(1)
	purposeChars = 54.0
	purposeMax   = 60
	purposeCost  = 0.95
	innerGap     = 0.1
)

// helplines draws the helpline panel: per helpline a QR code that dials it,
// its name, "Call <number>", what it is for and its web address when it
// gives one (helplineweb.go), the primary helpline
// (campaign.Block.Primary, else campaign.Campaign.Primary) first and
// largest. In a row, entries sit side by side with the code above the
// text; in a column, entries stack with the code at the start side, its
// modules' top level with the name's, and name, number and purpose in one
// column beside it, so the code is next to its number. Every entry's text
// is set at one common scale so the panel reads evenly. It returns the
// panel as a list for the structure (structure.go), nil when nothing was
// drawn.
func (j *job) helplines(p *page.Page, b *campaign.Block) []*page.Element {
	primary := b.Primary
	if primary == "" {
		primary = j.c.Campaign.Primary
	}
	hls := primaryFirst(j.c.Campaign.Helplines, primary)
	n := len(hls)
	if n == 0 {
		return nil
	}
	entries := make([]*entry, n)
	for i, hl := range hls {
		e := &entry{hl: hl, primary: primary != "" && hl.ID == primary, s: j.s, rtl: j.rtl}
		if !j.frame(e, b, i, n) {
			return nil
		}
		j.pieces(e, b)
		entries[i] = e
	}
	j.webBesideNames(entries, b) // helplineweb.go
	j.fitPurposes(entries, b)
	oneLineCalls(entries)
	var t float64
	var foot footing // what follows a column (helplinefoot.go)
	if b.Arrange != campaign.Row {
		foot.capsDown, foot.followed = j.under(b)
	}
	if b.Arrange == campaign.Row {
		t = j.fitRow(entries, b)
	} else {
		t = j.fitColumn(entries, b, foot)
	}
	settle(entries, b, b.QRSize, t, foot)
	list := &page.Element{Role: page.RoleList}
	for _, e := range entries {
		if item := j.drawEntry(p, b, e, t); item != nil {
			list.Add(item)
		}
	}
	if len(list.Kids) == 0 {
		return nil
	}
	return []*page.Element{list}
}

// primaryFirst returns the helplines with the one whose id is primary
// first and the others in their order; as they are when primary is "".
func primaryFirst(hls []campaign.Helpline, primary string) []campaign.Helpline {
	out := make([]campaign.Helpline, 0, len(hls))
	for _, hl := range hls {
		if hl.ID == primary {
			out = append(out, hl)
		}
	}
	for _, hl := range hls {
		if hl.ID != primary {
			out = append(out, hl)
		}
	}
	return out
}

// frame gives entry i of n its code and text areas: in a row its share of
// the width, in a column the whole box (stackColumn places it). It reports
// false, with an error, when no text fits beside the codes.
func (j *job) frame(e *entry, b *campaign.Block, i, n int) bool {
	box, q := b.Box, b.QRSize // mirrored when drawn
	if b.Arrange == campaign.Row {
		w := (box.W - rowGap*geom.Pt(n-1)) / geom.Pt(n)
		x := box.X + geom.Pt(i)*(w+rowGap)
		e.code = geom.Rect{X: x, Y: box.Y, W: q, H: q}
		e.text = geom.Rect{X: x, Y: box.Y + q + qrGap/2, W: w, H: box.H - q - qrGap/2}
	} else {
		e.code = geom.Rect{X: box.X, Y: box.Y, W: q, H: q}
		e.text = geom.Rect{X: box.X + q + qrGap, Y: box.Y, W: box.W - q - qrGap, H: box.H}
	}
	if e.text.W <= 0 || e.text.H <= 0 {
		j.errorf(b.File, b.Line, "block "+b.Name, "%s: no room for helpline text beside %s QR codes", j.lay.Name, q)
		return false
	}
	return true
}

// numberSizes is the apparent size range of a helpline's number line (the
// primary's is primaryScale times it): from numberScale times the largest
// body text the document sets (the layout's least body size when it sets
// none), so a number is 1.5× the body text in every language, to
// numberScale times the layout's largest body size; on a poster at least
// posterNumber scaled by the poster's width to A4's. A layout whose
// helplines do not fit at the least needs a larger box, not smaller
// numbers.
func (j *job) numberSizes() (lo, hi geom.Pt) {
	body := j.lay.Type[campaign.Body]
	lo = numberScale * max(body.Min, geom.Pt(j.body))
	hi = max(lo, numberScale*body.Max)
	if j.lay.Kind == campaign.Poster {
		floor := posterNumber * j.lay.Size.W / (210 * geom.MM)
		lo, hi = max(lo, floor), max(hi, floor)
	}
	return lo, hi
}

// relaxNumbers lowers the number lines' least size when the entries do
// not fit the block even at their least sizes: to the largest that fits,
// down to numberMin times the layout's least body size, the primary's
// staying primaryScale times the others'. A number under 1.5× the body is
// a shortfall of room the layout should give (the build tests list where
// it happens), not an overflow that stops the build.
func (j *job) relaxNumbers(entries []*entry, b *campaign.Block) {
	if j.fitsAtLeast(entries, b) {
		return
	}
	body := j.lay.Type[campaign.Body]
	var calls []*piece
	var low, high []float64
	for _, e := range entries {
		if pc := e.callPiece(); pc != nil {
			k := 1.0
			if e.primary {
				k = primaryScale
			}
			calls, low, high = append(calls, pc), append(low, float64(numberMin*body.Min)*k/pc.ink), append(high, pc.min)
		}
	}
	set := func(s float64) {
		for i, pc := range calls {
			pc.min = min(high[i], low[i]+s*(high[i]-low[i]))
		}
	}
	set(0)
	if !j.fitsAtLeast(entries, b) {
		return // the overflow is reported at the least sizes
	}
	lo, hi := 0.0, 1.0
	for hi-lo > 0.01 {
		mid := (lo + hi) / 2
		set(mid)
		if j.fitsAtLeast(entries, b) {
			lo = mid
		} else {
			hi = mid
		}
	}
	set(lo)
}

// fitPurposes sets each purpose at its tight measure (at most purposeMax
// characters a line) where the block holds it so with its numbers at
// least purposeCost of the size the loose measures leave them (the call
// to action comes first), else at its loose one
// (purposeChars on average), which a script's narrow characters can run
// past purposeMax (a purpose that needs a third line at purposeMax where
// the block has no room for one). The numbers are relaxed to fit
// (relaxNumbers) either way.
func (j *job) fitPurposes(entries []*entry, b *campaign.Block) {
	calls := map[*piece]float64{} // each number line's least size as set
	for _, e := range entries {
		if pc := e.callPiece(); pc != nil {
			calls[pc] = pc.min
		}
	}
	relax := func() {
		for pc, m := range calls {
			pc.min = m
		}
		j.relaxNumbers(entries, b)
	}
	relax()
	loose := map[*piece]float64{}
	for pc := range calls {
		loose[pc] = pc.min
	}
	for _, e := range entries {
		pc := e.purposePiece()
		if pc == nil || e.tight >= e.loose {
			continue
		}
		pc.measure = e.tight
		relax()
		ok := j.fitsAtLeast(entries, b)
		for c, m := range loose {
			ok = ok && c.min >= purposeCost*m-0.001
		}
		if !ok {
			pc.measure = e.loose
		}
	}
	relax()
}

// fitsAtLeast reports whether the block's entries fit it at their least
// sizes: a column stacked, a row's each in its share.
func (j *job) fitsAtLeast(entries []*entry, b *campaign.Block) bool {
	if b.Arrange != campaign.Row {
		for _, e := range entries {
			if !e.valid {
				return true // reported where it is found
			}
		}
		h, ok := columnHeight(entries, b.QRSize, 0)
		return ok && h <= float64(b.Box.H)+0.01
	}
	for _, e := range entries {
		if h, ok := e.heightAt(0); e.valid && (!ok || h > float64(e.text.H)+0.01) {
			return false
		}
	}
	return true
}

// pieces renders and shapes an entry's name, number line and purpose.
func (j *job) pieces(e *entry, b *campaign.Block) {
	path := fmt.Sprintf("%s.helplines[%s]", b.Name, e.hl.ID)
	body, heading, small := j.lay.Type[campaign.Body], j.lay.Type[campaign.Heading], j.lay.Type[campaign.Small]
	nameK, numK := 1.0, 1.0
	if e.primary {
		nameK, numK = primaryName, primaryScale
	}
	numLo, numHi := j.numberSizes()
	numLo, numHi = numLo*geom.Pt(numK), numHi*geom.Pt(numK)
	purpose := small.Min
	if j.lay.Kind == campaign.Poster {
		purpose = max(minPurpose, small.Min)
	}
	parts := []struct {
		id       string
		data     map[string]any
		role     campaign.Role
		min, max geom.Pt
		color    geom.Color
		leading  float64
		measure  float64 // longest line in characters of the text (0: the column)
	}{
		{e.hl.NameMessage, nil, campaign.Body, body.Min * geom.Pt(nameK), body.Max * geom.Pt(nameK), b.Color, body.Leading, 0},
		{CallMessage, map[string]any{"Number": keepTogether(e.hl.Number)}, campaign.Heading, numLo, numHi, b.NumberColor, heading.Leading, 0},
		{e.hl.PurposeMessage, nil, campaign.Small, purpose, max(purpose, small.Max), b.Color, small.Leading, purposeChars},
	}
	e.valid = true
	for _, pt := range parts {
		text := j.text(pt.id, pt.data, nil, b.File, b.Line, path)
		if text == "" {
			e.valid = false
			continue
		}
		switch pt.id {
		case e.hl.NameMessage:
			e.name = text
			text = bindHyphens(text)
		case CallMessage:
			e.call = text
		}
		role := pt.role
		if role == campaign.Body {
			role = campaign.Heading // helpline names are set bold, at body size
		}
		// A helpline's name is its entry's heading: display type
		// (Korean "Cumbria 아동 보호 센터" never breaks "센 / 터").
		sh, _, ok := j.shape(pt.id, text, role, pt.id == e.hl.NameMessage, b.File, b.Line, path)
		if !ok {
			e.valid = false
			continue
		}
		// A helpline's lines are short phrases: their boxes are their
		// role's leading grown to their own ink, not the script's
		// tallest stack (typeset.Shaped.OwnInk).
		sh = sh.OwnInk()
		k := j.c.Fonts.InkScale(sh.Main())
		measure := 0.0 // in ems
		if pt.measure > 0 {
			measure = pt.measure * j.emPerChar(sh, text)
			e.loose, e.tight = measure, j.atMostChars(sh, measure, purposeMax)
		}
		e.ps = append(e.ps, &piece{shaped: sh, min: float64(pt.min) / k, max: float64(pt.max) / k, leading: pt.leading, color: pt.color, id: pt.id, role: pt.role, measure: measure, ink: k})
	}
	j.webPiece(e, b, purpose, max(purpose, small.Max)) // helplineweb.go
}

// emPerChar is a shaped text's average advance per character, in ems:
// its width set on one line over its character count (Latin about 0.5,
// Nastaliq and Gurmukhi less, Chinese 1).
func (j *job) emPerChar(sh *typeset.Shaped, text string) float64 {
	const size = 100.0
	w := 0.0
	for _, ln := range j.s.Wrap(sh, size, math.Inf(1), 1).Lines {
		w += ln.Width
	}
	return w / size / float64(max(1, utf8.RuneCountInString(text)))
}

// atMostChars narrows measure (in ems) until no line of sh wrapped to it
// is longer than most characters: a measure of average advances lets a
// line of narrow characters run longer (Urdu's purposes reached 64).
func (j *job) atMostChars(sh *typeset.Shaped, measure float64, most int) float64 {
	const size = 100.0
	for range 20 {
		longest := 0
		for _, ln := range j.s.Wrap(sh, size, measure*size, 1).Lines {
			var b strings.Builder
			for _, r := range ln.Runs {
				b.WriteString(r.Source)
			}
			longest = max(longest, utf8.RuneCountInString(strings.TrimSpace(b.String())))
		}
		if longest <= most {
			break
		}
		measure *= 0.97
	}
	return measure
}

// fitRow is the largest scale at which every entry of a row fits its
// share of the box: the smallest any entry needs.
func (j *job) fitRow(entries []*entry, b *campaign.Block) float64 {
	t := 1.0
	for _, e := range entries {
		if !e.valid {
			continue
		}
		te, h, ok := fitEntry(e)
		j.measureEntry(b, e.hl.ID, e, h, float64(e.text.H))
		if !ok {
			j.overflow(b, h, float64(e.text.H), e.ps)
			e.valid = false
			continue
		}
		t = min(t, te)
	}
	return t
}

// fitColumn is the largest scale at which a column's entries, each as
// tall as its text or its code, stacked leastGap apart, fit the box's
// height, with the room at its foot when a text block follows it
// (footRoom); it reports the overflow when they do not fit at the
// smallest sizes.
func (j *job) fitColumn(entries []*entry, b *campaign.Block, foot footing) float64 {
	for _, e := range entries {
		if !e.valid {
			return 0
		}
	}
	have := float64(b.Box.H)
	fits := func(t float64) bool {
		h, ok := columnHeight(entries, b.QRSize, t)
		return ok && h+foot.room(entries, b.QRSize, t, have) <= have+0.01
	}
	need, wide := columnHeight(entries, b.QRSize, 0)
	if j.c.MeasureRoom {
		r := Room{Layout: j.lay.Name, Block: b.Name, File: b.File, Line: b.Line, Have: have, Need: need, Overfull: !wide}
		for _, e := range entries {
			for _, pc := range e.ps {
				r.Messages = append(r.Messages, pc.id)
				r.Sizes = append(r.Sizes, geom.Pt(pc.min))
			}
		}
		j.res.Rooms = append(j.res.Rooms, r)
	}
	if !fits(0) {
		var all []*piece
		for _, e := range entries {
			all = append(all, e.ps...)
			e.valid = false
		}
		j.overflow(b, need, have, all)
		return 0
	}
	if fits(1) {
		return 1
	}
	return largestFit(0, 1, fits)
}

// columnHeight is the height of a column of entries at scale t: each entry
// as tall as its text or its code, leastGap between them; false when a
// word does not fit its width.
func columnHeight(entries []*entry, q geom.Pt, t float64) (float64, bool) {
	total := leastGap(entries, q, t) * float64(len(entries)-1)
	wide := true
	for _, e := range entries {
		h, ok := e.heightAt(t)
		wide = wide && ok
		total += max(h, float64(q))
	}
	return total, wide
}

// unitGap is the space wanted between two units of a column at scale
// t: twice the most space between two lines inside an entry
// (innerSpace), plus a millimetre, so an entry reads as one unit.
func unitGap(entries []*entry, t float64) float64 {
	inner := 0.0
	for _, e := range entries {
		inner = max(inner, e.innerSpace(t))
	}
	return 2*inner + float64(geom.MM)
}

// leastGap is the least space between the boxes of two entries of a
// column at scale t: what leaves unitGap between the units as
// TestUnitSpacing measures them, from the lower of a unit's code and
// its last line's descenders to the higher of the next unit's code and
// its first line's capitals. The room an entry's box holds above its
// first capitals (a Nastaliq name's strokes rise 1.4 em) and below its
// last descenders counts toward it; a code reaching below its entry's
// box counts against it; the boxes stay a millimetre apart at least.
func leastGap(entries []*entry, q geom.Pt, t float64) float64 {
	want := unitGap(entries, t)
	least := float64(geom.MM)
	for i := 1; i < len(entries); i++ {
		least = max(least, want-entries[i-1].roomBelow(q, t)-entries[i].roomAbove(t))
	}
	return least
}

// roomAbove is the height of the entry's box above its first line's
// capitals at scale t, where its code's top is too (levelCode).
func (e *entry) roomAbove(t float64) float64 {
	st := e.measured(t)
	for i, bases := range st.bases {
		if len(bases) > 0 {
			pc := e.ps[i]
			return max(0, bases[0]-capHeight*(pc.min+t*(pc.max-pc.min))*pc.ink)
		}
	}
	return 0
}

// roomBelow is the height of the entry's box (its text or its code q,
// the taller) below the lower of its last line's descenders and its
// code's bottom at scale t; negative where the code, level with the
// first capitals, reaches below the box.
func (e *entry) roomBelow(q geom.Pt, t float64) float64 {
	st := e.measured(t)
	bottom := e.roomAbove(t) + float64(q)
	for i := len(st.bases) - 1; i >= 0; i-- {
		if n := len(st.bases[i]); n > 0 {
			pc := e.ps[i]
			bottom = max(bottom, st.bases[i][n-1]+descender*(pc.min+t*(pc.max-pc.min))*pc.ink)
			break
		}
	}
	return max(st.height, float64(q)) - bottom
}

// innerSpace is the most space between two consecutive lines of the entry
// at scale t, from a line's descenders to the next line's capitals
// (descender and capHeight times their apparent sizes, as the build's
// TestUnitSpacing measures the page), with the lines where stand puts
// them: a script whose lines stand taller (Nastaliq's stacks) opens the
// space between entries as much as it opens the space inside them.
func (e *entry) innerSpace(t float64) float64 {
	st := e.measured(t)
	most := 0.0
	prevBase, prevApp := math.NaN(), 0.0
	for i, pc := range e.ps {
		if i >= len(st.bases) {
			break
		}
		app := pc.sizeAt(t) * pc.ink
		for _, base := range st.bases[i] {
			if !math.IsNaN(prevBase) {
				most = max(most, base-capHeight*app-prevBase-descender*prevApp)
			}
			prevBase, prevApp = base, app
		}
	}
	return most
}

// settle places the entries of a block in its box once their scale t is
// known (stackColumn, alignRow); foot is what follows a column.
func settle(entries []*entry, b *campaign.Block, q geom.Pt, t float64, foot footing) {
	if b.Arrange == campaign.Row {
		alignRow(entries, b, q, t)
	} else {
		stackColumn(entries, b, q, t, foot)
	}
}

// textHeights are the entries' text heights at scale t, in points, and
// false when an entry is invalid or does not set.
func textHeights(entries []*entry, t float64) ([]float64, bool) {
	hs := make([]float64, len(entries))
	for i, e := range entries {
		if !e.valid {
			return nil, false
		}
		h, ok := e.heightAt(t)
		if !ok {
			return nil, false
		}
		hs[i] = h
	}
	return hs, true
}

// stackColumn stacks a column's entries, each as tall as what it holds
// (its text, or its code when that is taller), with equal gaps between
// them: the height left over shared out, but no less than leastGap, so
// that the space inside an entry stays at most half the space between
// entries, and no more than twice unitGap; the stack is placed in the box
// by the block's valign. When a text block follows the column, its foot
// keeps foot's room and is shared out as one more gap, so that the
// line under it stands at least as far from the last unit as the units
// from each other where the box has the room. It leaves the entries as
// they are when one is invalid.
func stackColumn(entries []*entry, b *campaign.Block, q geom.Pt, t float64, foot footing) {
	n := len(entries)
	hs, ok := textHeights(entries, t)
	if !ok {
		return
	}
	used := make([]geom.Pt, n)
	total := geom.Pt(0)
	for i := range entries {
		used[i] = max(geom.Pt(hs[i]), q)
		total += used[i]
	}
	least, want := geom.Pt(leastGap(entries, q, t)), geom.Pt(unitGap(entries, t))
	room := geom.Pt(foot.room(entries, q, t, float64(b.Box.H)))
	gap := least
	if n > 1 {
		share := (b.Box.H - total - room) / geom.Pt(n-1)
		if foot.followed {
			share = min(share, (b.Box.H-total)/geom.Pt(n))
		}
		gap = max(least, min(share, 2*want))
	}
	total += gap*geom.Pt(n-1) + room
	y := b.Box.Y + geom.Pt(float64(b.Box.H-total)*alignY(b.VAlign))
	for i, e := range entries {
		e.text.Y, e.text.H, e.code.Y = y, used[i], y
		y += used[i] + gap
	}
}

// alignRow places a row of entries in the box by the block's valign: the
// codes and the tallest entry's text at scale t, moved down together by
// the height none of them uses.
func alignRow(entries []*entry, b *campaign.Block, q geom.Pt, t float64) {
	hs, ok := textHeights(entries, t)
	if !ok {
		return
	}
	dy := geom.Pt((float64(b.Box.H-q-qrGap/2) - slices.Max(hs)) * alignY(b.VAlign))
	if dy <= 0 {
		return
	}
	for _, e := range entries {
		e.code.Y += dy
		e.text.Y += dy
		e.text.H -= dy
	}
}

// drawEntry draws an entry's QR code and text and returns its list item,
// nil when its code cannot be drawn.
func (j *job) drawEntry(p *page.Page, b *campaign.Block, e *entry, t float64) *page.Element {
	payload := e.hl.Payload()
	if err := qr.CheckPayload(payload); err != nil {
		j.res.Diags.Add(diag.Diagnostic{Severity: diag.Error, File: j.c.Campaign.File, Path: "helplines." + e.hl.ID, Msg: fmt.Sprintf("helpline %q cannot be dialled: %v", e.hl.ID, err)})
		return nil
	}
	body := &page.Element{Role: page.RoleListBody}
	var texts []page.Item
	if e.valid {
		n0 := len(p.Items)
		top := j.placeEntry(p, body, e, t)
		texts = slices.Clone(p.Items[n0:])
		p.Items = p.Items[:n0]
		if b.Arrange != campaign.Row {
			e.code.Y = j.levelCode(e, payload, top)
		}
	}
	code := j.box(e.code)
	sq, mod, err := qr.Draw(payload, code.X, code.Y, code.W, geom.Black)
	if err != nil {
		j.errorf(b.File, b.Line, "block "+b.Name, "helpline %q: %v", e.hl.ID, err)
		return nil
	}
	if mod < j.lay.QRModule-0.001 {
		j.errorf(b.File, b.Line, "block "+b.Name, "%s: helpline %q: QR modules are %.2fmm, below this layout's minimum of %.2fmm", j.lay.Name, e.hl.ID, mod.MM(), j.lay.QRModule.MM())
	}
	alt := j.qrAlt(b, e.hl, e.name, e.call)
	link := &page.Link{Rect: code, URI: payload, Alt: alt}
	// The code first in content order, then the text, as before.
	p.Items = append(p.Items, sq, link)
	p.Items = append(p.Items, texts...)
	figure := (&page.Element{Role: page.RoleFigure, Alt: alt}).Add(sq)
	body.Add((&page.Element{Role: page.RoleLink}).Add(figure, link))
	return (&page.Element{Role: page.RoleListItem}).Add(body)
}

// levelCode returns the y of an entry's code (quiet zone included) that
// puts the top of its modules level with capTop, the top of the name's
// capitals.
func (j *job) levelCode(e *entry, payload string, capTop float64) geom.Pt {
	m, err := qr.Matrix(payload)
	if err != nil {
		return e.code.Y // drawEntry's qr.Draw reports it
	}
	quiet := e.code.W * qr.QuietZone / geom.Pt(len(m)+2*qr.QuietZone)
	return geom.Pt(capTop) - quiet
}

// qrAlt is the alternative text of a helpline's QR code: QRAltMessage with
// the helpline's name and number when the source locale has it, else the
// name and the number line, in the locale's words either way.
func (j *job) qrAlt(b *campaign.Block, hl campaign.Helpline, name, call string) string {
	if src := j.c.Catalog.File(j.c.Catalog.Source); src != nil && src.Messages[QRAltMessage] != nil {
		alt := j.text(QRAltMessage, map[string]any{"Name": name, "Number": hl.Number}, nil, b.File, b.Line, "block "+b.Name)
		if alt != "" {
			return alt
		}
	}
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(name), ".") + ". " + call)
}

// oneLineCalls keeps the number lines ("Call 0333 240 1727") whole: where
// a number line would wrap at the top of its range, every entry's number
// line is capped at the same share of its top size, the largest at which
// each of them still fits on one line, so the numbers keep their
// proportions (the primary's primaryScale times the others'). An entry
// whose number line wraps even at the bottom of its range keeps its range
// (it wraps; check reports the room). Names grow no larger than the number
// lines.
func oneLineCalls(entries []*entry) {
	share := 1.0
	for _, e := range entries {
		if pc := e.callPiece(); pc != nil {
			if s, ok := pc.oneLineMax(float64(e.text.W)); ok {
				share = min(share, s/pc.max)
			}
		}
	}
	for _, e := range entries {
		pc := e.callPiece()
		if pc == nil {
			continue
		}
		pc.max = max(pc.min, pc.max*share)
		// The name stays no larger than the number line: the number is
		// what the reader acts on.
		for _, name := range e.ps {
			if name.id == e.hl.NameMessage {
				name.max = max(name.min, min(name.max, pc.max))
			}
		}
	}
}

// callPiece returns the entry's number line, nil when it has none.
func (e *entry) callPiece() *piece {
	if !e.valid {
		return nil
	}
	for _, pc := range e.ps {
		if pc.id == CallMessage {
			return pc
		}
	}
	return nil
}

// purposePiece is the entry's purpose piece, nil when it has none.
func (e *entry) purposePiece() *piece {
	for _, pc := range e.ps {
		if pc.id == e.hl.PurposeMessage {
			return pc
		}
	}
	return nil
}

// oneLineMax returns the largest size in the piece's range at which it
// sets on one line in width, and false when it wraps even at its minimum.
func (pc *piece) oneLineMax(width float64) (float64, bool) {
	oneLine := func(size float64) bool {
		h, over := pc.shaped.Measure(size, width, pc.leading)
		one, _ := pc.shaped.Measure(size, math.Inf(1), pc.leading)
		return !over && h <= one+0.01
	}
	if oneLine(pc.max) {
		return pc.max, true
	}
	if !oneLine(pc.min) {
		return 0, false
	}
	lo, hi := pc.min, pc.max
	for hi-lo > 0.05 {
		if mid := (lo + hi) / 2; oneLine(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo, true
}

// entry is one helpline's place in the panel.
type entry struct {
	code    geom.Rect // QR area, quiet zone included (unmirrored)
	text    geom.Rect // where its text goes: below the code in a row, beside it in a column
	ps      []*piece  // name, number line, purpose, web address (when it has one)
	hl      campaign.Helpline
	name    string // the helpline's name in the locale's words
	call    string // its number line
	primary bool   // the helpline to call first: set first and largest
	valid   bool
	s       *typeset.Setter // the job's, to set its lines (stand)
	rtl     bool
	stood   map[standKey]standing // stand's results
	wrapped map[wrapKey]*typeset.Para
	web     *piece // its web address when set beside its name (webBesideNames), not in ps
	// loose and tight are its purpose's measures in ems: purposeChars
	// average characters, and that narrowed to purposeMax characters on
	// its longest line (fitPurposes).
	loose, tight float64
}

// heightAt is the entry's text height at scale t, its lines stood as
// stand stands them, and whether every word fits the width.
func (e *entry) heightAt(t float64) (float64, bool) {
	st := e.measured(t)
	return st.height, st.ok
}

// fitEntry finds the largest scale t in [0,1] at which the entry fits its
// height; when nothing fits, the height returned is what the smallest sizes
// need.
func fitEntry(e *entry) (float64, float64, bool) {
	have := float64(e.text.H) + 0.01
	if h, ok := e.heightAt(1); ok && h <= have {
		return 1, h, true
	}
	if h, ok := e.heightAt(0); !ok || h > have {
		return 0, h, false
	}
	lo := largestFit(0, 1, func(m float64) bool { h, ok := e.heightAt(m); return ok && h <= have })
	h, _ := e.heightAt(lo)
	return lo, h, true
}

// measureEntry records the room of a helpline entry in a row (see
// measure): need is its height at the smallest sizes.
func (j *job) measureEntry(b *campaign.Block, id string, e *entry, need, have float64) {
	if !j.c.MeasureRoom {
		return
	}
	r := Room{Layout: j.lay.Name, Block: b.Name + "[" + id + "]", File: b.File, Line: b.Line, Have: have, Need: need}
	for _, pc := range e.ps {
		r.Messages = append(r.Messages, pc.id)
		r.Sizes = append(r.Sizes, geom.Pt(pc.min))
	}
	_, ok := e.heightAt(0)
	r.Overfull = !ok
	j.res.Rooms = append(j.res.Rooms, r)
}

// placeEntry sets an entry's text at scale t in its text area, its lines
// where stand stands them, draws it, adds its paragraphs to body and
// returns the top of the first line's capitals (for levelCode), in points.
func (j *job) placeEntry(p *page.Page, body *page.Element, e *entry, t float64) float64 {
	top := float64(e.text.Y)
	capTop := top
	st := e.stand(t)
	for i, pc := range e.ps {
		para := st.paras[i]
		pc.para, pc.size, pc.width = para, para.Size, pc.widthFor(float64(e.text.W), para.Size)
		if len(para.Lines) == 0 {
			continue
		}
		if i == 0 {
			capTop = top + st.bases[0][0] - capHeight*para.Size
		}
		// A narrower measure keeps to the start side, beside the code
		// (mirrored with the rest).
		tb := j.box(geom.Rect{X: e.text.X, Y: e.text.Y, W: geom.Pt(pc.width), H: e.text.H})
		n0 := len(p.Items)
		y := top + st.bases[i][0] - para.Lines[0].Ascent
		bottom := j.place(p, standAt(para, st.bases[i], y-top), pc.role, pc.color, tb, campaign.Start, y)
		body.Add(j.webLink(p, e, pc, element(page.RoleP, p, n0), n0, y, bottom))
		if i == 0 && e.web != nil {
			body.Add(j.placeWebBeside(p, e, pc, top+st.bases[0][len(st.bases[0])-1], t))
		}
	}
	return capTop
}

// standAt returns a copy of para whose lines place (which puts each
// baseline its line's ascent below the line above's top and the next
// line's top its height below) sets on bases, from y0, the top of its
// first line, both from the same origin.
func standAt(para *typeset.Para, bases []float64, y0 float64) *typeset.Para {
	out := *para
	out.Lines = slices.Clone(para.Lines)
	y := y0
	for k := range out.Lines {
		l := &out.Lines[k]
		l.Ascent = bases[k] - y
		l.Height = l.Ascent
		if k == len(out.Lines)-1 {
			l.Height += l.Descent
		}
		l.Descent = l.Height - l.Ascent
		y += l.Height
	}
	return &out
}

// figuresFlush moves each line of a number line that starts with the
// number itself flush to the start of its box: the typesetter keeps room
// on every line for the ink of the paragraph's most overhanging word
// (Nastaliq's first letters sweep about 0.4 em past their advance), but
// figures do not overhang, and that room would stand between the number
// and its code (issue 27: the QR at most 8 mm from its number; Urdu's
// was 9-15 mm). The room at the other end stays.
func figuresFlush(para *typeset.Para, rtl bool) {
	for i := range para.Lines {
		l := &para.Lines[i]
		if len(l.Runs) == 0 {
			continue
		}
		adv := 0.0
		for _, r := range l.Runs {
			adv += r.Width
		}
		padL := l.Runs[0].X
		padR := l.Width - padL - adv
		switch {
		case rtl && padR > 0 && figures(l.Runs[len(l.Runs)-1].Source):
			l.Width -= padR
		case !rtl && padL > 0 && figures(l.Runs[0].Source):
			for k := range l.Runs {
				l.Runs[k].X -= padL
			}
			l.Width -= padL
		}
	}
}

// figures reports whether s is a phone number as printed: digits in any
// script, with spaces, plus signs, hyphens and brackets.
func figures(s string) bool {
	s = strings.TrimSpace(s)
	for _, r := range s {
		if !unicode.IsDigit(r) && !unicode.IsSpace(r) && !strings.ContainsRune("+-()\u2011", r) {
			return false
		}
	}
	return s != ""
}

// capHeight is the height of capitals as a share of the size: Latin's,
// which the other scripts' heads come close to; descender is Latin's
// depth of descenders.
const (
	capHeight = 0.72
	descender = 0.22
)
