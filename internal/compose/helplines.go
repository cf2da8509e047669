package compose

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/qr"
)

// qrGap is the space between a QR code and its text, and between stacked
// entries; rowGap is the gutter between entries side by side, wide enough
// that text extraction (poppler) sees three columns, not one line.
const (
	qrGap  = 3 * geom.MM
	rowGap = 9 * geom.MM
)

// helplines draws the helpline panel: per helpline a QR code that dials it,
// its name, "Call <number>" and what it is for. In a row, entries sit side
// by side with the code above the text; in a column, entries stack with the
// code at the end side. Every entry's text is set at one common scale so
// the panel reads evenly. It returns the panel as a list for the
// structure (structure.go), nil when nothing was drawn.
func (j *job) helplines(p *page.Page, b *campaign.Block) []*page.Element {
	hls := j.c.Campaign.Helplines
	n := len(hls)
	if n == 0 {
		return nil
	}
	box := b.Box // mirrored per entry below
	q := b.QRSize
	entries := make([]*entry, n)
	for i, hl := range hls {
		e := &entry{hl: hl}
		if b.Arrange == campaign.Row {
			w := (box.W - rowGap*geom.Pt(n-1)) / geom.Pt(n)
			x := box.X + geom.Pt(i)*(w+rowGap)
			e.code = geom.Rect{X: x, Y: box.Y, W: q, H: q}
			e.text = geom.Rect{X: x, Y: box.Y + q + qrGap/2, W: w, H: box.H - q - qrGap/2}
		} else {
			h := (box.H - qrGap*geom.Pt(n-1)) / geom.Pt(n)
			y := box.Y + geom.Pt(i)*(h+qrGap)
			// Text first, code at the end side: the reader meets the name and
			// number before the code, and text extraction and OCR keep the
			// text clear of the code's modules.
			e.text = geom.Rect{X: box.X, Y: y, W: box.W - q - qrGap, H: h}
			e.code = geom.Rect{X: box.X + box.W - q, Y: y, W: q, H: q}
			if q > h {
				j.errorf(b.File, b.Line, "block "+b.Name, "%s: qr_size %s is taller than each helpline's share of the box (%s)", j.lay.Name, q, h)
			}
		}
		if e.text.W <= 0 || e.text.H <= 0 {
			j.errorf(b.File, b.Line, "block "+b.Name, "%s: no room for helpline text beside %s QR codes", j.lay.Name, q)
			return nil
		}
		path := fmt.Sprintf("%s.helplines[%d]", b.Name, i)
		body, heading, small := j.lay.Type[campaign.Body], j.lay.Type[campaign.Heading], j.lay.Type[campaign.Small]
		parts := []struct {
			id      string
			data    map[string]any
			role    campaign.Role
			min     geom.Pt
			max     geom.Pt
			color   geom.Color
			leading float64
		}{
			{hl.NameMessage, nil, campaign.Body, body.Min, body.Max, b.Color, body.Leading},
			{"helpline.call", map[string]any{"Number": strings.ReplaceAll(hl.Number, " ", "\u00a0")}, campaign.Heading, body.Min * 1.2, min(body.Max*1.5, heading.Max), b.NumberColor, heading.Leading},
			{hl.PurposeMessage, nil, campaign.Small, small.Min, small.Max, b.Color, small.Leading},
		}
		e.valid = true
		for _, pt := range parts {
			text := j.text(pt.id, pt.data, nil, b.File, b.Line, path)
			if text == "" {
				e.valid = false
				continue
			}
			switch pt.id {
			case hl.NameMessage:
				e.name = text
			case CallMessage:
				e.call = text
			}
			role := pt.role
			if role == campaign.Body {
				role = campaign.Heading // helpline names are set bold, at body size
			}
			sh, _, ok := j.shape(pt.id, text, role, false, b.File, b.Line, path)
			if !ok {
				e.valid = false
				continue
			}
			k := j.c.Fonts.InkScale(sh.Main())
			e.ps = append(e.ps, &piece{shaped: sh, min: float64(pt.min) / k, max: float64(pt.max) / k, leading: pt.leading, color: pt.color, id: pt.id, role: pt.role})
		}
		entries[i] = e
	}
	oneLineCalls(entries)
	if b.Arrange != campaign.Row {
		shareColumn(entries, b.Box, q)
	}
	// One scale for all entries: the smallest any entry needs.
	t := 1.0
	for _, e := range entries {
		if !e.valid {
			continue
		}
		sp := e.split(b.Arrange, q)
		te, h, ok := j.fitEntry(sp)
		j.measureEntry(b, e.hl.ID, sp)
		if !ok {
			j.overflow(b, h, float64(e.text.H), e.ps)
			e.valid = false
			continue
		}
		t = min(t, te)
	}
	settle(entries, b, q, t)
	list := &page.Element{Role: page.RoleList}
	for _, e := range entries {
		payload := e.hl.Payload()
		if err := qr.CheckPayload(payload); err != nil {
			j.res.Diags.Add(diag.Diagnostic{Severity: diag.Error, File: j.c.Campaign.File, Path: "helplines." + e.hl.ID, Msg: fmt.Sprintf("helpline %q cannot be dialled: %v", e.hl.ID, err)})
			continue
		}
		code := j.box(e.code)
		sq, mod, err := qr.Draw(payload, code.X, code.Y, code.W, geom.Black)
		if err != nil {
			j.errorf(b.File, b.Line, "block "+b.Name, "helpline %q: %v", e.hl.ID, err)
			continue
		}
		if mod < j.lay.QRModule-0.001 {
			j.errorf(b.File, b.Line, "block "+b.Name, "%s: helpline %q: QR modules are %.2fmm, below this layout's minimum of %.2fmm", j.lay.Name, e.hl.ID, mod.MM(), j.lay.QRModule.MM())
		}
		alt := j.qrAlt(b, e.hl, e.name, e.call)
		link := &page.Link{Rect: code, URI: payload, Alt: alt}
		p.Items = append(p.Items, sq, link)
		body := &page.Element{Role: page.RoleListBody}
		list.Add((&page.Element{Role: page.RoleListItem}).Add(body))
		if e.valid {
			j.placeEntry(p, body, e.split(b.Arrange, q), t)
		}
		figure := (&page.Element{Role: page.RoleFigure, Alt: alt}).Add(sq)
		body.Add((&page.Element{Role: page.RoleLink}).Add(figure, link))
	}
	if len(list.Kids) == 0 {
		return nil
	}
	return []*page.Element{list}
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

// shareColumn gives the stacked entries of a column heights by need: each
// what its text takes at the smallest sizes, plus an equal share of the
// height left over, so a helpline with a longer purpose gets the room. It
// leaves the equal shares when an entry is invalid or the needs do not fit
// (fitting then reports the overflow).
func shareColumn(entries []*entry, box geom.Rect, q geom.Pt) {
	n := len(entries)
	needs := make([]float64, n)
	total := float64(qrGap) * float64(n-1)
	for i, e := range entries {
		if !e.valid {
			return
		}
		h, ok := e.split("column", q).heightAt(0)
		if !ok {
			return
		}
		needs[i] = max(h, float64(q))
		total += needs[i]
	}
	if total > float64(box.H) {
		return
	}
	slack := (float64(box.H) - total) / float64(n)
	y := box.Y
	for i, e := range entries {
		h := geom.Pt(needs[i] + slack)
		e.text.Y, e.text.H, e.code.Y = y, h, y
		y += h + qrGap
	}
}

// settle places the entries of a block in its box once their scale t is
// known (stackColumn, alignRow).
func settle(entries []*entry, b *campaign.Block, q geom.Pt, t float64) {
	if b.Arrange == campaign.Row {
		alignRow(entries, b, q, t)
	} else {
		stackColumn(entries, b, q, t)
	}
}

// textHeights are the entries' text heights at scale t, in points, and
// false when an entry is invalid or does not set.
func textHeights(entries []*entry, arrange campaign.Arrangement, q geom.Pt, t float64) ([]float64, bool) {
	hs := make([]float64, len(entries))
	for i, e := range entries {
		if !e.valid {
			return nil, false
		}
		h, ok := e.split(arrange, q).heightAt(t)
		if !ok {
			return nil, false
		}
		hs[i] = h
	}
	return hs, true
}

// stackColumn closes up a column whose entries would leave a band of
// empty panel between them. shareColumn spreads the box's spare height
// over the entries; a band below an entry's text at scale t may be at most
// half the shortest entry's height. Past that (two helplines in a box
// drawn for three), the entries are sized to what they hold (their text,
// or their code when that is taller), stacked that most apart (plus
// qrGap), and the stack is placed in the box by the block's valign. A sole
// entry is always sized to what it holds and placed by valign. It leaves
// the entries as they are when one is invalid.
func stackColumn(entries []*entry, b *campaign.Block, q geom.Pt, t float64) {
	n := len(entries)
	hs, ok := textHeights(entries, campaign.Column, q, t)
	if !ok {
		return
	}
	used := make([]geom.Pt, n)
	var band geom.Pt
	for i, e := range entries {
		used[i] = max(geom.Pt(hs[i]), q)
		if i < n-1 {
			band = max(band, e.text.H-used[i])
		}
	}
	most := slices.Min(used) / 2
	if band <= most && n > 1 {
		return // spread as shareColumn left them
	}
	gap := qrGap + most
	total := gap * geom.Pt(n-1)
	for _, u := range used {
		total += u
	}
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
	hs, ok := textHeights(entries, campaign.Row, q, t)
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

// oneLineCalls keeps the number lines ("Call 0333 240 1727") whole: where
// a number line would wrap at the top of its range, every entry's number
// line grows only to the largest size at which the longest of them still
// fits on one line, so all numbers stay one size. An entry whose number
// line wraps even at the bottom of its range keeps its range (it wraps;
// check reports the room). Names grow no larger than the number lines.
func oneLineCalls(entries []*entry) {
	limit := math.Inf(1)
	for _, e := range entries {
		if pc := e.callPiece(); pc != nil {
			if s, ok := pc.oneLineMax(float64(e.text.W)); ok {
				limit = min(limit, s)
			}
		}
	}
	for _, e := range entries {
		pc := e.callPiece()
		if pc == nil {
			continue
		}
		pc.max = max(pc.min, min(pc.max, limit))
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
	code  geom.Rect // QR area, quiet zone included (unmirrored)
	text  geom.Rect // where its text starts: below the code in a row, beside it in a column
	ps    []*piece  // name, number line, purpose
	hl    campaign.Helpline
	name  string // the helpline's name in the locale's words
	call  string // its number line
	valid bool
}

// split is an entry's text in two parts: head beside the code (or below
// it, in a row) and tail across the whole entry below both, so a long
// purpose is not squeezed into the column beside a code.
type split struct {
	head, tail   []*piece
	headW, tailW float64 // widths, points
	x, tailX, y  float64 // unmirrored left edges and top, points
	beside       float64 // height of the code beside the head (0 in a row)
	height       float64 // the height the entry may take
}

// split divides e's text: in a column the name and number sit beside the
// code and the purpose runs below across the entry's full width; in a row
// all of it sits below the code in one column.
func (e *entry) split(arrange campaign.Arrangement, q geom.Pt) split {
	sp := split{head: e.ps, headW: float64(e.text.W), x: float64(e.text.X), y: float64(e.text.Y), height: float64(e.text.H)}
	if arrange == campaign.Row || len(e.ps) < 3 {
		return sp
	}
	sp.head, sp.tail = e.ps[:2], e.ps[2:]
	sp.tailW, sp.tailX = float64(e.text.W+q+qrGap), float64(e.text.X)
	sp.beside = float64(q)
	return sp
}

// heightAt is the entry's height at scale t and whether every line fits
// its width.
func (sp split) heightAt(t float64) (float64, bool) {
	h, ok := measureAt(sp.head, t, sp.headW)
	if len(sp.tail) == 0 {
		return h, ok
	}
	th, ok2 := measureAt(sp.tail, t, sp.tailW)
	return max(h, sp.beside) + float64(qrGap)/2 + th, ok && ok2
}

// fitEntry finds the largest scale t in [0,1] at which the entry fits its
// height; when nothing fits, the height returned is what the smallest sizes
// need.
func (j *job) fitEntry(sp split) (float64, float64, bool) {
	if h, ok := sp.heightAt(1); ok && h <= sp.height+0.01 {
		return 1, h, true
	}
	if h, ok := sp.heightAt(0); !ok || h > sp.height+0.01 {
		return 0, h, false
	}
	lo, hi := 0.0, 1.0
	for hi-lo > 0.005 {
		mid := (lo + hi) / 2
		if h, ok := sp.heightAt(mid); ok && h <= sp.height+0.01 {
			lo = mid
		} else {
			hi = mid
		}
	}
	h, _ := sp.heightAt(lo)
	return lo, h, true
}

// measureEntry records the room of a helpline entry (see measure), as
// fitEntry judges it: head and tail at the smallest sizes.
func (j *job) measureEntry(b *campaign.Block, id string, sp split) {
	if !j.c.MeasureRoom {
		return
	}
	r := Room{Layout: j.lay.Name, Block: b.Name + "[" + id + "]", File: b.File, Line: b.Line, Have: sp.height}
	for _, pc := range slices.Concat(sp.head, sp.tail) {
		r.Messages = append(r.Messages, pc.id)
		r.Sizes = append(r.Sizes, geom.Pt(pc.min))
	}
	h, ok := sp.heightAt(0)
	r.Need, r.Overfull = h, !ok
	j.res.Rooms = append(j.res.Rooms, r)
}

// placeEntry sets an entry's text at scale t, draws it and adds its
// paragraphs to body.
func (j *job) placeEntry(p *page.Page, body *page.Element, sp split, t float64) {
	draw := func(ps []*piece, x, w, y float64) float64 {
		j.wrapAt(ps, t, w)
		tb := j.box(geom.Rect{X: geom.Pt(x), Y: geom.Pt(y), W: geom.Pt(w), H: geom.Pt(sp.height)})
		for _, pc := range ps {
			n0 := len(p.Items)
			y = j.place(p, pc.para, pc.role, pc.color, tb, campaign.Start, y)
			y += gap(pc.para) * 0.5
			body.Add(element(page.RoleP, p, n0))
		}
		return y
	}
	y := draw(sp.head, sp.x, sp.headW, sp.y)
	if len(sp.tail) > 0 {
		draw(sp.tail, sp.tailX, sp.tailW, max(y, sp.y+sp.beside+float64(qrGap)/2))
	}
}
