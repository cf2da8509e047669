package typeset

import (
	"slices"
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

// A paragraph's last line holds at least two words and twelve characters
// (letters, their marks and digits; Chinese and Japanese: three), so that no
// word or short phrase ends a paragraph alone ("Think before you / send",
// "always call / 999."). Where the last line is shorter, words move down
// from the line before, one at a time, while the paragraph keeps its
// number of lines (so Measure, which counts lines, still agrees), the
// line before keeps two words (bareLine), and the run-in head stays on
// the lines it was on. Where the line before cannot give enough, the last
// line takes what it can. Display type (headings) is balanced instead
// (display.go).
//
// Korean is written with spaces between its words (eojeol), so its last
// line holds two of them and twelve letters too, a Hangul syllable
// counting as two (it is about an em wide, a Latin letter about half
// that): six syllables. Words move down whole, at the space before them,
// although Korean body text may break between any two syllables.

// minLastLetters and minLastWords are what a last line holds at least;
// minLastCJK is the count for a line of Chinese or Japanese; a Hangul
// syllable counts as hangulLetters letters.
const (
	minLastLetters = 12
	minLastWords   = 2
	minLastCJK     = 3
	hangulLetters  = 2
)

// shortLine reports whether the line (runes from, to of the shaped text)
// is too short to end a paragraph.
func (sh *Shaped) shortLine(from, to int) bool {
	letters, ideographs, syllables := 0, 0, 0
	for _, r := range sh.text[from:to] {
		switch {
		case hangul(r):
			syllables++
		case cjk(r):
			ideographs++
		case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r):
			letters++ // an Indic vowel sign or virama counts, as a character of its own
		}
	}
	switch {
	case ideographs > 0:
		return ideographs+syllables+letters < minLastCJK
	case syllables > 0:
		return letters+hangulLetters*syllables < minLastLetters || sh.spacedWords(from, to) < minLastWords
	}
	return letters < minLastLetters || sh.wordsIn(from, to) < minLastWords
}

// spacedWords counts the words of runes from, to of the shaped text that
// white space separates and that hold a letter or digit: Korean's eojeol,
// which its break opportunities (between any two syllables) do not mark.
func (sh *Shaped) spacedWords(from, to int) int {
	n, in := 0, false
	for _, r := range sh.text[from:to] {
		switch {
		case unicode.IsSpace(r):
			in = false
		case !in && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			in = true
			n++
		}
	}
	return n
}

// lastWordStart returns where the last space-separated word of runes
// from, to of the shaped text starts; from when the runes hold one word.
func (sh *Shaped) lastWordStart(from, to int) int {
	for to > from && unicode.IsSpace(sh.text[to-1]) {
		to--
	}
	for i := to - 1; i > from; i-- {
		if unicode.IsSpace(sh.text[i-1]) {
			return i
		}
	}
	return from
}

// hangulIn reports whether runes from, to of the shaped text hold a
// Hangul syllable.
func (sh *Shaped) hangulIn(from, to int) bool { return slices.ContainsFunc(sh.text[from:to], hangul) }

// bareLine reports whether a line (runes from, to) holds fewer than two
// words (Chinese, Japanese: three characters; Korean: two words between
// spaces): a line before the last may be shorter than a last line must
// be, not that short.
func (sh *Shaped) bareLine(from, to int) bool {
	switch {
	case slices.ContainsFunc(sh.text[from:to], cjk):
		return sh.shortLine(from, to)
	case sh.hangulIn(from, to):
		return sh.spacedWords(from, to) < minLastWords
	}
	return sh.wordsIn(from, to) < minLastWords
}

// wordsIn counts the segments (text between two break opportunities)
// that start in runes from, to and hold a letter or digit.
func (sh *Shaped) wordsIn(from, to int) int {
	n := 0
	for _, w := range sh.words {
		if w[0] < from || w[0] >= to {
			continue
		}
		for _, r := range sh.text[w[0]:w[1]] {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				n++
				break
			}
		}
	}
	return n
}

// fillLastLine returns lines with words moved down to a last line that
// is too short (see above), as many as the rule needs or the line before
// can give, or lines as they are when no move keeps the rules. lines must not be used by the wrapper again: the lines returned
// are rewrapped from fresh copies of the runs, each line in the width lw
// gives it from the top (lw is not moved): the number of lines and the
// lines the head is on stay, so each line keeps its width.
func (s *Setter) fillLastLine(sh *Shaped, cfg shaping.WrapConfig, lw *lineWidths, lines []shaping.Line) []shaping.Line {
	n := len(lines)
	if n < 2 || sh.style.Display {
		return lines
	}
	if f, t := lineRunes(lines[n-1]); !sh.shortLine(f, t) {
		return lines
	}
	head := sh.style.Head.end(sh.hidden, len(sh.text))
	heads := headLines(lines, head)
	best := lines
	for range 6 { // each try moves at least one word down
		pf, pt := lineRunes(best[n-2])
		limit := sh.advance(pf, pt) - 1
		if sh.hangulIn(pf, pt) { // a Korean word moves down whole
			limit = sh.advance(pf, sh.lastWordStart(pf, pt))
		}
		if limit <= 0 {
			break
		}
		at := *lw // each try wraps from the top
		got := s.wrapLines(sh, cfg, &at, n-2, limit)
		if len(got) != n || headLines(got, head) != heads {
			break
		}
		if pf, pt := lineRunes(got[n-2]); sh.bareLine(pf, pt) {
			break // the line before would hold one word in turn
		}
		best = got
		if f, t := lineRunes(got[n-1]); !sh.shortLine(f, t) {
			break
		}
	}
	return best
}

// advance is the advance of runes from, to of the shaped text without
// the white space that ends them, in the wrapper's units.
func (sh *Shaped) advance(from, to int) fixed.Int26_6 {
	for to > from && unicode.IsSpace(sh.text[to-1]) {
		to--
	}
	var w fixed.Int26_6
	for _, o := range sh.runs {
		for _, g := range o.Glyphs {
			if i := g.TextIndex(); i >= from && i < to {
				w += g.Advance
			}
		}
	}
	return w
}

// headLines counts the lines that hold some of a run-in head ending at
// rune head.
func headLines(lines []shaping.Line, head int) int {
	n := 0
	for _, ln := range lines {
		if holdsHead(ln, head) {
			n++
		}
	}
	return n
}
