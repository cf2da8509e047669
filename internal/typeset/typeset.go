// Package typeset turns a paragraph of text into positioned glyph lines.
// Every string — Latin too — takes one path: bidi runs and script/font
// itemisation (go-text Segmenter), shaping (go-text's HarfBuzz port), and
// UAX #14 line breaking (go-text LineWrapper; Thai, Lao, Khmer and Myanmar
// words found by dictionary, words.go; a body paragraph's last line
// takes words from the line before until it holds two words and twelve
// characters, three in Chinese and Japanese, widow.go;
// headings broken by word or phrase and balanced, display.go), then lines
// are measured and placed, in one width or a Frame's (frame.go: lines
// beside an inset narrower, as under a drop cap). It sits after fonts and before compose in the
// pipeline.
//
// A paragraph is shaped once at a reference size of 1000 units per em and
// re-wrapped for each trial size while fitting: glyph positions scale
// linearly (no hinting), so fitting costs wraps, not shapes. A Setter also
// keeps the paragraphs it has shaped: a build sets the same message in
// several layouts and two editions, and a shaped paragraph is never
// changed once made, so the second layout wraps what the first shaped.
package typeset

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/segmenter"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"

	"github.com/handbill/handbill/internal/fonts"
	"github.com/handbill/handbill/internal/page"
)

// em is the reference size paragraphs are shaped at, in shaper units.
const em = 1000

// Setter shapes and wraps paragraphs. It holds reusable buffers and is not
// safe for concurrent use: use one per goroutine.
type Setter struct {
	shaper  shaping.HarfbuzzShaper
	seg     shaping.Segmenter
	wrapper shaping.LineWrapper
	reg     *fonts.Registry
	breaks  segmenter.Segmenter
	runs    []shaping.Output
	glyphs  []shaping.Glyph
	// go-text faces cache per glyph and are not safe for concurrent use:
	// each Setter shapes with its own face over each shared parsed font.
	local map[*font.Face]*font.Face  // registry face → this setter's face
	back  map[*font.Face]*fonts.Face // this setter's face → registry face
	// shaped holds the paragraphs this setter has shaped, by text and
	// style; it is emptied when it reaches maxShaped entries, so a
	// long-running server's setters stay bounded.
	shaped map[shapeKey]*Shaped
}

// shapeKey is what a shaped paragraph depends on: its text and style (the
// Fontmap is one per registry, language and weight).
type shapeKey struct {
	text  string
	style Style
}

// maxShaped bounds a Setter's shaped paragraphs: the bundled campaign has
// about 700 distinct (message, locale, weight) paragraphs.
const maxShaped = 4096

// NewSetter returns a Setter resolving faces through reg.
func NewSetter(reg *fonts.Registry) *Setter {
	return &Setter{reg: reg, local: map[*font.Face]*font.Face{}, back: map[*font.Face]*fonts.Face{}, shaped: map[shapeKey]*Shaped{}}
}

// face returns this setter's own go-text face for a registry face.
func (s *Setter) face(f *fonts.Face) *font.Face {
	if lf, ok := s.local[f.Face]; ok {
		return lf
	}
	lf := font.NewFace(f.Face.Font)
	s.local[f.Face], s.back[lf] = lf, f
	return lf
}

// localFonts resolves runes like a fonts.Fontmap, to the setter's own
// faces, with one rule of its own: a character every script shares
// (punctuation, digits, the danda, combining marks: Unicode script Common
// or Inherited) takes the face of the text it sits in when that face has
// it, so a Bengali danda comes from the Bengali font and an Arabic comma
// from the Urdu one, not from the first font in the chain that has it.
// The shaper asks for runes in logical order, so that face is the one of
// the last rune with a script of its own. So an Arabic, Persian or Urdu
// line's full stops and commas are not a Latin-font run in its middle.
type localFonts struct {
	s    *Setter
	m    *fonts.Fontmap
	prev *font.Face
}

func (l *localFonts) ResolveFace(r rune) *font.Face {
	shared := sharedScript(r)
	if shared && l.prev != nil {
		if _, ok := l.prev.NominalGlyph(r); ok {
			return l.prev
		}
	}
	f := l.m.Find(r)
	if f == nil {
		f = l.m.Primary()
	}
	if f == nil {
		return nil
	}
	lf := l.s.face(f)
	if !shared {
		l.prev = lf
	}
	return lf
}

// sharedScript reports whether r belongs to no script of its own.
func sharedScript(r rune) bool {
	s := language.LookupScript(r)
	return s == language.Common || s == language.Inherited
}

// Style is how a paragraph is set.
type Style struct {
	Fonts *fonts.Fontmap
	Lang  string // BCP 47
	RTL   bool   // paragraph base direction
	// Display sets a heading, headline or strapline: broken where a
	// reader would and balanced (display.go).
	Display bool
	// Dial sets a helpline's number line: broken, if at all, only between
	// its words and its number (dial.go).
	Dial bool
	// Head is the paragraph's run-in head (runin.go): its first
	// characters set in other fonts, the bold of Fonts.
	Head Head
}

// MissingError reports characters no configured font can draw.
type MissingError struct {
	Runes []rune
}

func (e *MissingError) Error() string {
	parts := make([]string, len(e.Runes))
	for i, r := range e.Runes {
		parts[i] = fmt.Sprintf("U+%04X %q", r, r)
	}
	return "no configured font can draw " + strings.Join(parts, ", ")
}

// Shaped is a paragraph shaped at the reference size, ready to wrap. It
// also keeps what fitting needs to count lines without wrapping: the width
// of each UAX #14 segment and the paragraph's ink and leading.
type Shaped struct {
	text []rune
	runs []shaping.Output
	back map[*font.Face]*fonts.Face // the shaping setter's faces
	// hidden counts the word breaks the typesetter inserted into text
	// (words.go): nil when none, else hidden[i] is how many precede text[i].
	hidden []int
	style  Style
	// loose is the paragraph shaped with body text's breaks, for a display
	// paragraph whose glue (display.go) leaves a word wider than the box;
	// nil otherwise.
	loose *Shaped
	segs  []segment
	words [][2]int // each segment's runes without its trailing white space
	// inkUp and inkDown are the highest and lowest ink of any glyph, in
	// shaper units; ratio is the ascender share of the line box and lead
	// the largest leading of the faces used.
	inkUp, inkDown, ratio, lead float64
	// headUp and headDown are the ink of the run-in head's glyphs (zero
	// without a head): only the lines the head is on grow to it.
	headUp, headDown float64
	// padL and padR are how far, in shaper units, the ink of a word may
	// reach past the left and right ends of its advance (hang.go): every
	// line keeps that room inside the width, so no ink leaves the box.
	padL, padR float64
}

// segment is text between two line-break opportunities.
type segment struct {
	width     float64 // advance, shaper units
	trail     float64 // advance of its trailing white space
	hang      float64 // advance the wrapper does not count when a line ends after it
	mandatory bool    // a line must end after it
}

// Shape itemises and shapes text. It fails with a *MissingError when a
// character cannot be drawn by any configured font. The result is shared
// with later calls for the same text and style and must not be changed.
func (s *Setter) Shape(text string, st Style) (*Shaped, error) {
	key := shapeKey{text: text, style: st}
	if sh, ok := s.shaped[key]; ok {
		return sh, nil
	}
	sh, err := s.shape(text, st)
	if err != nil {
		return nil, err
	}
	if len(s.shaped) >= maxShaped {
		clear(s.shaped)
	}
	s.shaped[key] = sh
	return sh, nil
}

func (s *Setter) shape(text string, st Style) (*Shaped, error) {
	if err := st.missing(text); err != nil {
		return nil, err
	}
	runes := bindDigitGroups(normalizeControls([]rune(text)))
	breaks := wordBreaks(runes)
	numbers := shortNumbers(runes)
	var glue []int
	if st.Display {
		glue = displayGlue(runes, st.Lang)
	}
	if st.Dial {
		// The number may start a line of its own, short or not.
		from, _ := numberSpan(runes)
		numbers = slices.DeleteFunc(numbers, func(i int) bool { return i == from })
		glue = append(glue, dialGlue(runes)...)
	}
	sh := s.shapeRunes(st, insertBreaks(runes, breaks, numbers))
	if len(glue) > 0 {
		glue = slices.Compact(slices.Sorted(slices.Values(append(glue, numbers...))))
		tight := s.shapeRunes(st, insertBreaks(runes, breaks, glue))
		tight.loose = sh
		return tight, nil
	}
	return sh, nil
}

// shapeRunes shapes text with the characters the typesetter inserted
// (see insertBreaks).
func (s *Setter) shapeRunes(st Style, ins insertion) *Shaped {
	runes, hidden := ins.text, ins.hidden
	if len(runes) == 0 { // nothing to shape: go-text's shaper fails on it
		return &Shaped{style: st, ratio: 0.8}
	}
	dir := di.DirectionLTR
	if st.RTL {
		dir = di.DirectionRTL
	}
	in := shaping.Input{Text: runes, RunStart: 0, RunEnd: len(runes), Direction: dir, Size: fixed.I(em), Language: language.NewLanguage(st.Lang)}
	out := &Shaped{text: runes, hidden: hidden, style: st, back: s.back}
	m := st.Fonts
	switch head := st.Head.end(hidden, len(runes)); {
	case head == len(runes):
		m = st.Head.Fonts
	case head > 0: // the head in its fonts, then the rest
		in.RunEnd = head
		s.shapeRange(out, in, st.Head.Fonts)
		in.RunStart, in.RunEnd = head, len(runes)
	}
	s.shapeRange(out, in, m)
	out.measure(&s.breaks)
	return out
}

// shapeRange itemises the runes of in between RunStart and RunEnd with
// the faces of m and appends the shaped runs to out.
func (s *Setter) shapeRange(out *Shaped, in shaping.Input, m *fonts.Fontmap) {
	for _, p := range s.seg.Split(in, &localFonts{s: s, m: m}) {
		o := s.shaper.Shape(p)
		hideControls(&o, in.Text)
		out.runs = append(out.runs, o)
	}
}

// measure computes the segment widths and the paragraph's ink and leading.
func (sh *Shaped) measure(seg *segmenter.Segmenter) {
	adv := sh.inkAndAdvances()
	start, hang := sh.clusters()
	seg.Init(sh.text)
	it := seg.LineIterator()
	var sg segment
	var words [][2]int // each segment's runes without its trailing white space
	from := 0
	for it.Next() {
		l := it.Line()
		var cur segment
		trailing := true
		for i := len(l.Text) - 1; i >= 0; i-- {
			a := adv[l.Offset+i]
			cur.width += a
			if trailing && unicode.IsSpace(l.Text[i]) {
				cur.trail += a
			} else {
				trailing = false
			}
		}
		if trailing { // all white space: the trail goes on from the merged part before
			cur.trail = sg.trail + cur.width
		}
		end := l.Offset + len(l.Text) // the wrapper skips a break inside a cluster
		sg.width += cur.width
		sg.trail = cur.trail
		if end < len(sh.text) && start[end] == start[end-1] {
			continue
		}
		sg.hang = hang[start[end-1]]
		sg.mandatory = l.IsMandatoryBreak
		sh.segs = append(sh.segs, sg)
		to := end
		for to > from && unicode.IsSpace(sh.text[to-1]) {
			to--
		}
		words = append(words, [2]int{from, to})
		sg, from = segment{}, end
	}
	sh.words = words
	sh.padL, sh.padR = sh.inkPad(words)
	sh.lead = 0
	for _, o := range sh.runs {
		if f := sh.faceOf(o); f != nil {
			if a, d := f.Ascent, -f.Descent; a+d > 0 {
				sh.ratio = max(sh.ratio, a/(a+d))
			}
			sh.lead = max(sh.lead, f.Family.Leading)
		}
	}
	if sh.ratio == 0 {
		sh.ratio = 0.8
	}
}

// inkAndAdvances sets the paragraph's ink (inkUp, inkDown; headUp and
// headDown for the run-in head's glyphs) and returns the advance of each
// rune, on a cluster's first rune, in shaper units.
func (sh *Shaped) inkAndAdvances() []float64 {
	adv := make([]float64, len(sh.text))
	head := sh.style.Head.end(sh.hidden, len(sh.text))
	for _, o := range sh.runs {
		up, down := &sh.inkUp, &sh.inkDown
		if o.Runes.Offset < head {
			up, down = &sh.headUp, &sh.headDown
		}
		for _, g := range o.Glyphs {
			if g.TextIndex() >= 0 && g.TextIndex() < len(adv) {
				adv[g.TextIndex()] += f26(g.Advance)
			}
			top := f26(g.YOffset + g.YBearing)
			*up = max(*up, top)
			*down = max(*down, -(top + f26(g.Height)))
		}
	}
	return adv
}

func (sh *Shaped) faceOf(o shaping.Output) *fonts.Face { return sh.back[o.Face] }

// lineBox returns the ascent and descent of every line of the paragraph
// at size with the role's leading: the nominal box is leading×size (the
// script's own leading when larger) split as the fonts' ascender and
// descender are, grown wherever the paragraph's ink reaches further, so no
// glyph crosses its box or touches the next line, and lines sit evenly.
// A line a run-in head is on (head) grows to the head's ink too: a bold
// Nastaliq head reaches higher than its regular text, and only its own
// line makes room for it.
func (sh *Shaped) lineBox(size, leading float64, head bool) (up, down float64) {
	k := size / em
	lead := max(leading, sh.lead)
	inkUp, inkDown := sh.inkUp, sh.inkDown
	if head {
		inkUp, inkDown = max(inkUp, sh.headUp), max(inkDown, sh.headDown)
	}
	return max(lead*size*sh.ratio, inkUp*k), max(lead*size*(1-sh.ratio), inkDown*k)
}

// Measure returns the height the paragraph takes at size in width, and
// whether a segment (a word) is wider than the width, by counting lines
// greedily over the UAX #14 segments without building them. It agrees with
// Wrap, which fitting calls once at the chosen size.
func (sh *Shaped) Measure(size, width, leading float64) (height float64, overfull bool) {
	return sh.MeasureFrame(size, Plain(width), leading)
}

// MeasureFrame is Measure with each line as wide as the frame f gives
// it (frame.go). It agrees with WrapFrame.
func (sh *Shaped) MeasureFrame(size float64, f Frame, leading float64) (height float64, overfull bool) {
	sh = sh.pick(size, f.narrowest())
	lines, _, overfull, heads := sh.count(size, leading, f)
	return sh.height(lines, heads, size, leading), overfull
}

// count returns the number of lines the paragraph takes at size in the
// frame f with leading, the number of segments on its last line, whether
// a line is wider than its width, and how many lines hold some of the
// run-in head, as Wrap breaks it.
func (sh *Shaped) count(size, leading float64, f Frame) (lines, last int, overfull bool, heads int) {
	lw := sh.lineWidths(size, leading, f)
	k := size / em
	pad := (sh.padL + sh.padR) * k
	width := lw.points()
	maxW := (width - pad) / k
	line, trail := 0.0, 0.0
	segs := 0
	held := false
	// end closes a line as Wrap judges it: its advance less the white
	// space that ends it, which is the last segment's trail only. A
	// segment of no advance after a space (a lone combining mark, a ZWJ)
	// makes that space count, as it does on the page.
	end := func() {
		if (line-trail)*k+pad > width+0.01 {
			overfull = true
		}
		lines++
		last = segs
		line, trail, segs = 0, 0, 0
		if !f.plain() {
			lw.down(held)
			width = lw.points()
			maxW = (width - pad) / k
		}
		held = false
	}
	for i, sg := range sh.segs {
		w := sg.width - sg.hang
		if segs > 0 && line+w > maxW+1e-6 {
			end()
		}
		if segs == 0 && sh.words[i][0] < lw.head {
			heads++
			held = true
		}
		line += sg.width
		trail = sg.trail
		segs++
		if sg.mandatory {
			end()
		}
	}
	if segs > 0 {
		end()
	}
	return lines, last, overfull, heads
}

// Overwide returns the first word (text between two break opportunities,
// without its trailing white space) that is wider than width points at
// size on a line of its own, with the width it needs there in points (its
// advance and the room its ink may take, as Measure counts it); ok is
// false when every word fits.
func (sh *Shaped) Overwide(size, width float64) (word string, need float64, ok bool) {
	return sh.pick(size, width).overwide(size, width)
}

func (sh *Shaped) overwide(size, width float64) (word string, need float64, ok bool) {
	k := size / em
	pad := (sh.padL + sh.padR) * k
	for i, sg := range sh.segs {
		if w := (sg.width-sg.trail)*k + pad; w > width+0.01 {
			r := sh.words[i]
			return sh.source(r[0], r[1]-r[0]), w, true
		}
	}
	return "", 0, false
}

// Run is a piece of a line in one face and direction, glyphs in visual
// order, X relative to the run's start in points.
type Run struct {
	Face   *fonts.Face
	Glyphs []page.Glyph
	Width  float64
	Source string
	RTL    bool
	X      float64 // offset of the run from the line start
	// Order is the run's place in its line in logical (reading) order;
	// Line.Runs are in visual order.
	Order int
}

// Line is one wrapped line.
type Line struct {
	Runs    []Run
	Width   float64 // advance width in points
	Ascent  float64 // above the baseline, points
	Descent float64 // below the baseline, points (positive)
	Height  float64 // line box height, points
	// Indent is the room kept before the line at the paragraph's start
	// edge, in points: the left in a left-to-right paragraph, the right
	// in a right-to-left one (a Frame's Indent beside its inset, else 0).
	// The line is set in the frame's width less it.
	Indent float64
	// SpaceAfter says the line ends where the text had white space, which
	// the wrapper trimmed: a word break the page does not draw and the
	// text layer must keep (false at a hyphen and in CJK or Thai text).
	SpaceAfter bool
}

// Para is a paragraph set at a size and width.
type Para struct {
	Lines    []Line
	Height   float64
	Size     float64
	Overfull bool // some line is wider than the width (a word that cannot fit)
	RTL      bool
}

// Wrap breaks the shaped paragraph into lines no wider than width points at
// size points, with line height leading×size, raised where the faces used
// (Nastaliq, Indic scripts) have a larger leading or where the ink of the
// line reaches beyond it. The runs' faces come from sh, so s need not be
// the Setter that shaped it.
func (s *Setter) Wrap(sh *Shaped, size, width, leading float64) *Para {
	return s.WrapFrame(sh, size, Plain(width), leading)
}

// WrapFrame is Wrap with each line as wide as the frame f gives it
// (frame.go): the lines it narrows have their Indent set.
func (s *Setter) WrapFrame(sh *Shaped, size float64, f Frame, leading float64) *Para {
	sh = sh.pick(size, f.narrowest())
	k := size / em
	dir := di.DirectionLTR
	if sh.style.RTL {
		dir = di.DirectionRTL
	}
	// The wrapper's own trim zeroes the visually last glyph of a line when
	// it has no ink, which in a right-to-left paragraph may be a space at
	// the logical start of a left-to-right run; trimTrailingSpace trims by
	// logical order instead.
	cfg := shaping.WrapConfig{Direction: dir, BreakPolicy: shaping.Never, DisableTrailingWhitespaceTrim: true}
	p := &Para{Size: size, RTL: sh.style.RTL}
	if len(sh.runs) == 0 {
		return p // an empty paragraph has no lines, as Measure counts
	}
	widths := f.limited(sh.balance(size, leading, f))
	lines := s.wrapFrame(sh, cfg, sh.lineWidths(size, leading, widths))
	lines = s.fillLastLine(sh, cfg, sh.lineWidths(size, leading, widths), lines)
	lw := sh.lineWidths(size, leading, widths)
	lw.skip(lines[:len(lines)-1])
	keepCompany(lines, sh.text, lw.next())
	head, heads := sh.style.Head.end(sh.hidden, len(sh.text)), 0
	at := sh.lineWidths(size, leading, f) // where each line is: beside the inset or not
	for _, ln := range lines {
		ordered := make([]shaping.Output, len(ln))
		order := make([]int, len(ln))
		for i, o := range ln {
			ordered[o.VisualIndex] = o
			order[o.VisualIndex] = i
		}
		var L Line
		pen := sh.padL * k
		for _, o := range ordered {
			face := sh.back[o.Face]
			r := Run{Face: face, RTL: o.Direction.Progression() == di.TowardTopLeft, X: pen, Order: order[o.VisualIndex]}
			// No-break spaces keep phone numbers whole on the page; the text
			// layer gets plain spaces, as the message was written.
			r.Source = strings.ReplaceAll(sh.source(o.Runes.Offset, o.Runes.Count), "\u00a0", " ")
			x := 0.0
			r.Glyphs = make([]page.Glyph, 0, len(o.Glyphs))
			for _, g := range o.Glyphs {
				adv := f26(g.Advance) * k
				if sh.inserted(g.TextIndex()) { // an inserted word break: not drawn
					x += adv
					continue
				}
				r.Glyphs = append(r.Glyphs, page.Glyph{ID: uint16(g.GlyphID), X: x + f26(g.XOffset)*k, Y: -f26(g.YOffset) * k, Advance: adv, Cluster: sh.cluster(g.TextIndex(), o.Runes.Offset)})
				x += adv
			}
			r.Width = x
			pen += x
			L.Runs = append(L.Runs, r)
		}
		w, space := trimTrailingSpace(&L)
		L.Width, L.SpaceAfter = w+(sh.padL+sh.padR)*k, space
		if at.beside() {
			L.Indent = f.Indent
		}
		if L.Width > at.points()+0.01 {
			p.Overfull = true
		}
		held := holdsHead(ln, head)
		if held {
			heads++
		}
		L.Ascent, L.Descent = sh.lineBox(size, leading, held)
		L.Height = L.Ascent + L.Descent
		at.down(held)
		p.Lines = append(p.Lines, L)
	}
	p.Height = sh.height(len(p.Lines), heads, size, leading)
	return p
}

// height is the height of lines lines, heads of them holding the run-in
// head, at size with leading. Every line but a head's has the same box:
// the height is counted as lines × box, as Measure and Wrap both count
// it, so the two agree to the last bit (a sum line by line drifts from
// the product at a leading such as 1.49).
func (sh *Shaped) height(lines, heads int, size, leading float64) float64 {
	up, down := sh.lineBox(size, leading, false)
	h := float64(lines-heads) * (up + down)
	if heads > 0 {
		hUp, hDown := sh.lineBox(size, leading, true)
		h += float64(heads) * (hUp + hDown)
	}
	return h
}

// trimTrailingSpace returns the line width without the advance of the
// white space that ends it in logical order (the wrapper keeps it in the
// runs) and whether there was any, and removes those glyphs and
// characters from the runs: from the
// logically last run, and from the one before it when that was all white
// space. The logically last run may be anywhere on the line: leftmost in a
// right-to-left paragraph, or a left-to-right run at the end of a line of
// one.
func trimTrailingSpace(l *Line) (float64, bool) {
	w, space := 0.0, false
	byOrder := make([]int, len(l.Runs))
	for i, r := range l.Runs {
		w += r.Width
		if r.Order >= 0 && r.Order < len(byOrder) {
			byOrder[r.Order] = i
		}
	}
	for k := len(byOrder) - 1; k >= 0; k-- {
		v := byOrder[k]
		r := &l.Runs[v]
		src := []rune(r.Source)
		cut := len(src)
		for cut > 0 && unicode.IsSpace(src[cut-1]) {
			cut--
		}
		if cut == len(src) {
			break
		}
		space = true
		var trimmed float64
		kept := r.Glyphs[:0]
		for _, g := range r.Glyphs {
			if g.Cluster >= cut {
				trimmed += g.Advance
				continue
			}
			kept = append(kept, g)
		}
		if r.RTL { // the trimmed glyphs were leftmost
			for i := range kept {
				kept[i].X -= trimmed
			}
		}
		r.Glyphs = kept
		r.Width -= trimmed
		r.Source = string(src[:cut])
		for i := v + 1; i < len(l.Runs); i++ {
			l.Runs[i].X -= trimmed
		}
		w -= trimmed
		if cut > 0 {
			break
		}
	}
	return w, space
}

func f26(v fixed.Int26_6) float64 { return float64(v) / 64 }
