package typeset

import (
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// Chinese and Japanese break between any two characters, so a paragraph
// can end with a line of one character: "Cumbria儿童保护中" over "心", the
// last character of a word alone. Korean body text, too, may break between
// two syllables ("생각하세" over "요", "보호 센" over "터"). Typesetters do
// not leave it so. When the last line holds a single ideograph, kana or
// Hangul syllable (with any punctuation after it) and the line before ends
// with two of them, or with a Hangul syllable that starts a word, the last
// of those moves down to keep it company. The number of lines stays the
// same, so Measure, which counts lines, still agrees with Wrap.

// cjk reports whether r is an ideograph or kana: a character that stands
// on its own between break opportunities.
func cjk(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo)
}

// single reports whether r stands on its own between break
// opportunities: an ideograph, kana or Hangul syllable.
func single(r rune) bool { return cjk(r) || hangul(r) }

// loneLast reports whether line (runes from, to) holds one ideograph or
// kana and nothing else but punctuation and trailing white space.
func loneLast(text []rune, from, to int) bool {
	n := 0
	for i := from; i < to; i++ {
		switch r := text[i]; {
		case single(r):
			n++
			if i != from {
				return false // punctuation may follow the character, not precede it
			}
		case unicode.IsPunct(r) || unicode.IsSpace(r):
		default:
			return false
		}
	}
	return n == 1
}

// lineRunes returns the text range a line covers.
func lineRunes(l shaping.Line) (from, to int) {
	from, to = l[0].Runes.Offset, l[0].Runes.Offset+l[0].Runes.Count
	for _, o := range l[1:] {
		from, to = min(from, o.Runes.Offset), max(to, o.Runes.Offset+o.Runes.Count)
	}
	return from, to
}

// leftToRight reports whether every run of the line is set left to right.
func leftToRight(l shaping.Line) bool {
	for _, o := range l {
		if o.Direction != di.DirectionLTR {
			return false
		}
	}
	return true
}

// mayMoveDown reports whether text[i], the last character of a line,
// may move down to keep a lone last character company: an ideograph, kana
// or syllable after another one, or a Hangul syllable that starts a word
// ("보호 센 / 터" is set "보호 / 센터").
func mayMoveDown(text []rune, i int) bool {
	return single(text[i]) && (single(text[i-1]) || hangul(text[i]) && unicode.IsSpace(text[i-1]))
}

// keepCompany moves the last character of the line before a lone last
// ideograph down to it (see above), when the last line then still fits
// maxW. It changes lines in place.
func keepCompany(lines []shaping.Line, text []rune, maxW fixed.Int26_6) {
	n := len(lines)
	pt, ok := loneLastLine(lines, text)
	if !ok {
		return
	}
	o := lastRun(lines[n-2], pt)
	cut := len(o.Glyphs)
	for cut > 0 && o.Glyphs[cut-1].TextIndex() >= pt-1 {
		cut--
	}
	if cut == 0 || cut == len(o.Glyphs) || o.Runes.Count < 2 {
		return // the character shares a glyph with the one before, or is a run alone
	}
	moved := advance(o.Glyphs[cut:])
	var width fixed.Int26_6
	for _, r := range lines[n-1] {
		width += r.Advance
	}
	if width+moved > maxW {
		return
	}
	down := *o
	down.Glyphs = o.Glyphs[cut:len(o.Glyphs):len(o.Glyphs)]
	down.Runes = shaping.Range{Offset: pt - 1, Count: 1}
	down.Advance = moved
	down.VisualIndex = 0
	o.Glyphs = o.Glyphs[:cut:cut]
	o.Runes.Count--
	o.Advance -= moved
	last := make(shaping.Line, 0, len(lines[n-1])+1)
	last = append(last, down)
	for _, r := range lines[n-1] {
		r.VisualIndex++
		last = append(last, r)
	}
	lines[n-1] = last
}

// loneLastLine reports whether the last of lines, set left to right like
// the line before, holds one ideograph alone that the line before can
// spare a character to (its last character, at pt-1 where the last line
// starts at pt, may move down: mayMoveDown).
func loneLastLine(lines []shaping.Line, text []rune) (pt int, ok bool) {
	n := len(lines)
	if n < 2 || len(lines[n-1]) == 0 || len(lines[n-2]) == 0 || !leftToRight(lines[n-1]) || !leftToRight(lines[n-2]) {
		return 0, false
	}
	lf, lt := lineRunes(lines[n-1])
	pf, pt := lineRunes(lines[n-2])
	ok = pt == lf && pt-pf >= 3 && loneLast(text, lf, lt) && mayMoveDown(text, pt-1)
	return pt, ok
}

// lastRun is the run of line that holds its last character (which ends at
// rune pt): the logically last run.
func lastRun(line shaping.Line, pt int) *shaping.Output {
	k := len(line) - 1
	for i, o := range line {
		if o.Runes.Offset+o.Runes.Count == pt {
			k = i
		}
	}
	return &line[k]
}

// advance is the sum of the glyphs' advances.
func advance(gs []shaping.Glyph) fixed.Int26_6 {
	var w fixed.Int26_6
	for _, g := range gs {
		w += g.Advance
	}
	return w
}
