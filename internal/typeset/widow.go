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
// two syllables ("생각하세" over "요"). Typesetters do not leave it so.
// When the last line holds a single ideograph, kana or Hangul syllable
// (with any punctuation after it) and the line before ends with two of
// them, the last of those moves down to keep it company. The number of
// lines stays the same, so Measure, which counts lines, still agrees with
// Wrap.

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

// keepCompany moves the last character of the line before a lone last
// ideograph down to it (see above), when the last line then still fits
// maxW. It changes lines in place.
func keepCompany(lines []shaping.Line, text []rune, maxW fixed.Int26_6) {
	n := len(lines)
	if n < 2 || len(lines[n-1]) == 0 || len(lines[n-2]) == 0 || !leftToRight(lines[n-1]) || !leftToRight(lines[n-2]) {
		return
	}
	lf, lt := lineRunes(lines[n-1])
	pf, pt := lineRunes(lines[n-2])
	if pt != lf || pt-pf < 3 || !loneLast(text, lf, lt) || !single(text[pt-1]) || !single(text[pt-2]) {
		return
	}
	prev := lines[n-2]
	k := len(prev) - 1 // the run holding the line's last character: logically last
	for i, o := range prev {
		if o.Runes.Offset+o.Runes.Count == pt {
			k = i
		}
	}
	o := &prev[k]
	cut := len(o.Glyphs)
	for cut > 0 && o.Glyphs[cut-1].TextIndex() >= pt-1 {
		cut--
	}
	if cut == 0 || cut == len(o.Glyphs) || o.Runes.Count < 2 {
		return // the character shares a glyph with the one before, or is a run alone
	}
	var moved fixed.Int26_6
	for _, g := range o.Glyphs[cut:] {
		moved += g.Advance
	}
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
