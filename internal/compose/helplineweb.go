package compose

import (
	"math"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/typeset"
)

// A helpline's web address (campaign.Helpline.URL, issue 27: "an optional
// web address per helpline") is the last line of its unit, under the
// purpose, in the unit's column and at the purpose's sizes: the address as
// a reader reads it (campaign.Helpline.WebLabel, "www.childline.org.uk"),
// shaped alone as the issuer lock-up's address is, so that in a
// right-to-left document it keeps its left-to-right order while the unit
// is mirrored. In the structure it is a paragraph holding a Link, in the
// screen edition a link to the address; the print edition drops the link
// (edition) and prints the words.

// webID is the id a helpline's web address is reported under, as the
// lock-up's is publisher.url.
func webID(hl campaign.Helpline) string { return "helplines." + hl.ID + ".url" }

// webPiece adds the helpline's web address to its entry as a line of the
// small role from lo to hi (the purpose's range); nothing when it has none
// or the entry's own text did not set.
func (j *job) webPiece(e *entry, b *campaign.Block, lo, hi geom.Pt) {
	web := e.hl.WebLabel()
	if web == "" || !e.valid {
		return
	}
	small := j.lay.Type[campaign.Small]
	pc := j.issuerPiece(b, webID(e.hl), web, campaign.Small, small.Bold, lo, hi, small.Leading)
	if pc == nil {
		e.valid = false // shapeStyle reported why
		return
	}
	// As the unit's other lines: its box is its own ink (OwnInk).
	pc.shaped = pc.shaped.OwnInk()
	e.ps = append(e.ps, pc)
}

// webLink makes el, the paragraph of the entry's line placed from top to
// bottom with its items from n0 on, a link to the helpline's site when
// that line is its web address; el as it is otherwise.
func (j *job) webLink(p *page.Page, e *entry, pc *piece, el *page.Element, n0 int, top, bottom float64) *page.Element {
	if pc.id != webID(e.hl) {
		return el
	}
	return linkParagraph(p, el, n0, top, bottom, e.hl.URL, e.name+": "+e.hl.WebLabel())
}

// linkParagraph adds a link to uri over the text items of p from n0 on,
// set from top to bottom, and returns the paragraph el of those items as a
// paragraph holding a Link element (the words and the link annotation),
// alt its alternative text.
func linkParagraph(p *page.Page, el *page.Element, n0 int, top, bottom float64, uri, alt string) *page.Element {
	link := &page.Link{Rect: inkRect(p.Items[n0:], top, bottom), URI: uri, Alt: alt}
	p.Items = append(p.Items, link)
	return (&page.Element{Role: page.RoleP}).Add((&page.Element{Role: page.RoleLink, Kids: el.Kids}).Add(link))
}

// webBesideNames moves the web addresses from their own lines to their
// names' lines, after the names, where lines of their own would cost the
// block: where it does not hold them even with its numbers relaxed, or
// holds them only with smaller numbers than without them (fitPurposes;
// the call to action comes first). Urdu's units, whose Nastaliq lines
// stand 1.9 em apart, fill the A4 poster's, A5 leaflet's and DL's
// helplines blocks without them. The address moves only where it fits
// beside every name at the names' largest sizes; otherwise its line stays.
func (j *job) webBesideNames(entries []*entry, b *campaign.Block) {
	webs := map[*entry]*piece{}
	for _, e := range entries {
		if w := e.webLine(); w != nil {
			webs[e] = w
		}
	}
	if len(webs) == 0 {
		return
	}
	fits, with := j.trialNumbers(entries, b)
	for e := range webs {
		e.ps = e.ps[:len(e.ps)-1]
	}
	_, without := j.trialNumbers(entries, b)
	cost := !fits
	for pc, m := range without {
		cost = cost || with[pc] < m-0.001
	}
	for e, w := range webs {
		e.ps = append(e.ps, w)
	}
	if !cost {
		return
	}
	for e := range webs {
		if !j.webFitsBeside(e) {
			return
		}
	}
	for e, w := range webs {
		e.web, e.ps = w, e.ps[:len(e.ps)-1]
	}
}

// trialNumbers fits the block's purposes and numbers (fitPurposes) and
// reports whether its entries then fit at their least sizes and the least
// size each number line got; the pieces' sizes are put back.
func (j *job) trialNumbers(entries []*entry, b *campaign.Block) (bool, map[*piece]float64) {
	mins := map[*piece]float64{}
	for _, e := range entries {
		for _, pc := range e.ps {
			mins[pc] = pc.min
		}
	}
	j.fitPurposes(entries, b)
	fits := j.fitsAtLeast(entries, b)
	calls := map[*piece]float64{}
	for _, e := range entries {
		if pc := e.callPiece(); pc != nil {
			calls[pc] = pc.min
		}
	}
	for pc, m := range mins {
		pc.min = m
	}
	return fits, calls
}

// webLine is the entry's web address when it is the last line of its
// unit, nil otherwise.
func (e *entry) webLine() *piece {
	if n := len(e.ps); e.valid && n > 1 && e.ps[n-1].id == webID(e.hl) {
		return e.ps[n-1]
	}
	return nil
}

// webBeside is the least space between a name and the web address beside
// it, in ems of the name's size.
const webBeside = 1.0

// webFitsBeside reports whether the entry's web address fits on its
// name's last line, webBeside apart: the name at its largest size, the
// address at its least (placeWebBeside sets it smaller than its scale
// gives where the name leaves less room).
func (j *job) webFitsBeside(e *entry) bool {
	name, web := e.ps[0], e.webLine()
	w := float64(e.text.W)
	np := j.s.Wrap(name.shaped, name.max, w, name.leading)
	if len(np.Lines) == 0 {
		return false
	}
	return np.Lines[len(np.Lines)-1].Width+webBeside*name.max+oneLine(j.s, web, web.min) <= w
}

// oneLine is the width of the piece set on one line at size.
func oneLine(s *typeset.Setter, pc *piece, size float64) float64 {
	w := 0.0
	for _, ln := range s.Wrap(pc.shaped, size, math.Inf(1), pc.leading).Lines {
		w = max(w, ln.Width)
	}
	return w
}

// placeWebBeside sets the entry's web address at scale t on the last line
// of its name, whose baseline is base: after the name, webBeside apart,
// the two baselines level; it returns the address's paragraph.
func (j *job) placeWebBeside(p *page.Page, e *entry, name *piece, base, t float64) *page.Element {
	web := e.web
	lines := name.para.Lines
	off := geom.Pt(lines[len(lines)-1].Width + webBeside*name.para.Size)
	box := j.box(geom.Rect{X: e.text.X + off, Y: e.text.Y, W: e.text.W - off, H: e.text.H})
	size := web.sizeAt(t)
	if w := oneLine(j.s, web, size); w > float64(box.W) {
		size = max(web.min, size*float64(box.W)/w)
	}
	j.wrapPiece(web, size, float64(box.W))
	y := base - web.para.Lines[0].Ascent
	n0 := len(p.Items)
	bottom := j.place(p, web.para, web.role, web.color, box, campaign.Start, y)
	return j.webLink(p, e, web, element(page.RoleP, p, n0), n0, y, bottom)
}
