package compose

import (
	"math"

	"github.com/handbill/handbill/internal/typeset"
)

// inkClear is the least space kept between the ink of two lines of a
// helpline entry that stand closer than their boxes, as a share of the
// smaller line's size.
const inkClear = 0.15

// standing is a helpline entry's text set at a scale: each piece's
// paragraph and the baselines of its lines, in points from the entry's
// top, and the entry's height.
type standing struct {
	paras  []*typeset.Para
	bases  [][]float64
	height float64
	ok     bool // every word fits its width
}

// stand sets the entry's pieces at scale t and stands their lines one
// under the other: at their role's leading, further apart as far as
// their boxes where the ink of one would otherwise come within inkClear
// of the other's (a Nastaliq stroke rising beside the number above it,
// not under it, takes no room from it), and innerGap more between two
// pieces. A line whose ink stays inside its leading (Latin, Bengali and
// Gurmukhi helplines) stands as its box says; only lines whose ink
// reaches past their leading (Nastaliq's) come closer than their boxes,
// and never so close that two glyphs' ink boxes come within inkClear.
func (e *entry) stand(t float64) standing {
	key, keyed := e.standKey(t)
	if st, ok := e.stood[key]; keyed && ok {
		return st
	}
	st := e.standLines(t)
	if keyed {
		if e.stood == nil {
			e.stood = map[standKey]standing{}
		}
		e.stood[key] = st
	}
	return st
}

// standKey is what an entry's standing depends on besides its text: each
// piece's size and width (fitting tries the same ones many times over).
type standKey [2 * maxPieces]float64

// maxPieces is the most pieces an entry has: name, number line, purpose
// and web address (helplineweb.go).
const maxPieces = 4

// standKey returns the key of the entry's standing at scale t, false
// when it has more pieces than a key holds.
func (e *entry) standKey(t float64) (standKey, bool) {
	var k standKey
	if len(e.ps) > maxPieces {
		return k, false
	}
	for i, pc := range e.ps {
		size := pc.sizeAt(t)
		k[2*i], k[2*i+1] = size, pc.widthFor(float64(e.text.W), size)
	}
	return k, true
}

// standLines is stand without the cache.
func (e *entry) standLines(t float64) standing {
	st := standing{ok: true}
	w := float64(e.text.W)
	var prev *standLine
	y := 0.0
	for i, pc := range e.ps {
		size := pc.sizeAt(t)
		pw := pc.widthFor(w, size)
		para := e.wrap(i, size, pw)
		st.ok = st.ok && !para.Overfull
		nomUp, nomDown := pc.shaped.Nominal(size, pc.leading)
		bases := make([]float64, len(para.Lines))
		for k := range para.Lines {
			cur := &standLine{s: e.s, line: para.Lines[k], size: size, nomUp: nomUp, nomDown: nomDown}
			if e.rtl { // flush right: x from its right end
				cur.dx = -cur.line.Width
			}
			switch {
			case prev == nil:
				y = cur.line.Ascent
			case k == 0: // the first line of the next piece
				y += prev.below(cur, innerGap*prev.size)
			default:
				y += prev.below(cur, 0)
			}
			bases[k] = y
			prev = cur
		}
		st.paras, st.bases = append(st.paras, para), append(st.bases, bases)
	}
	if prev != nil {
		st.height = y + prev.line.Descent
	}
	return st
}

// wrap returns piece i of the entry wrapped at size in width, its number
// line flush with its column (figuresFlush); the same paragraph for the
// same size and width, which stand's callers ask for many times over.
func (e *entry) wrap(i int, size, width float64) *typeset.Para {
	key := wrapKey{i, size, width}
	if para, ok := e.wrapped[key]; ok {
		return para
	}
	pc := e.ps[i]
	para := e.s.Wrap(pc.shaped, size, width, pc.leading)
	if pc.id == CallMessage {
		figuresFlush(para, e.rtl)
	}
	if e.wrapped == nil {
		e.wrapped = map[wrapKey]*typeset.Para{}
	}
	e.wrapped[key] = para
	return para
}

// wrapKey is a piece of an entry (its index) at a size in a width.
type wrapKey struct {
	piece       int
	size, width float64
}

// standPlain is stand without wrapping, for an entry whose lines all
// stand at their leading (no line's ink reaches past it: Latin, Bengali,
// Gurmukhi), where each line is as tall as its box and Measure counts
// them; false for an entry it cannot stand so. Its paras are nil.
func (e *entry) standPlain(t float64) (standing, bool) {
	st := standing{ok: true}
	w := float64(e.text.W)
	y, prevDown, prevSize := 0.0, 0.0, 0.0
	for i, pc := range e.ps {
		size := pc.sizeAt(t)
		pw := pc.widthFor(w, size)
		up, down := pc.shaped.LineBox(size, pw, pc.leading)
		nomUp, nomDown := pc.shaped.Nominal(size, pc.leading)
		if up > nomUp || down > nomDown {
			return standing{}, false
		}
		h, over := pc.shaped.Measure(size, pw, pc.leading)
		st.ok = st.ok && !over
		n := int(math.Round(h / (up + down)))
		bases := make([]float64, n)
		for k := range bases {
			switch {
			case i == 0 && k == 0:
				y = up
			case k == 0:
				y += prevDown + innerGap*prevSize + up
			default:
				y += up + down
			}
			bases[k] = y
		}
		if n > 0 {
			prevDown, prevSize = down, size
		}
		st.bases = append(st.bases, bases)
	}
	st.height = y + prevDown
	return st, true
}

// measured is the entry stood at scale t for its height and baselines:
// standPlain where it can, else stand.
func (e *entry) measured(t float64) standing {
	if st, ok := e.standPlain(t); ok {
		return st
	}
	return e.stand(t)
}

// standLine is a line being stood under another (an entry's, a
// headline's): its line, size, box before it grows to its ink, where its
// left end stands across (dx, from an origin common to the lines), and
// its glyphs' ink (inkBoxes, read when first needed).
type standLine struct {
	s              *typeset.Setter
	line           typeset.Line
	size           float64
	nomUp, nomDown float64
	dx             float64
	ink            []typeset.InkBox
	read           bool
}

// inkBoxes is the line's glyphs' ink, x from the lines' common origin
// (an entry's start side: a right-to-left line is flush right, so x is
// from its right end, negative).
func (l *standLine) inkBoxes() []typeset.InkBox {
	if !l.read {
		l.ink, l.read = l.s.Ink(l.line, l.size), true
		for i := range l.ink {
			l.ink[i].Left += l.dx
			l.ink[i].Right += l.dx
		}
	}
	return l.ink
}

// below is how far under l's baseline next's stands, gap more than their
// boxes or their leading would put it (see stand). Where the boxes are
// no taller than the leading, the ink is not read.
func (l *standLine) below(next *standLine, gap float64) float64 {
	box := l.line.Descent + gap + next.line.Ascent
	nominal := l.nomDown + gap + next.nomUp
	if box <= nominal {
		return box
	}
	clear := max(gap, inkClear*min(l.size, next.size))
	need := math.Inf(-1)
	for _, a := range l.inkBoxes() {
		for _, b := range next.inkBoxes() {
			if a.Right+clear > b.Left && b.Right+clear > a.Left {
				need = max(need, a.Bottom-b.Top)
			}
		}
	}
	return max(nominal, min(box, need+clear))
}
