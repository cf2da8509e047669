package typeset

import (
	"unicode"
)

// Display type — a heading, a headline, a strapline (Style.Display) — is
// broken where a reader would, not wherever UAX #14 allows:
//
//   - Korean breaks at spaces only, never between two syllables (CSS
//     word-break: keep-all);
//   - Japanese and Chinese break between phrases (budoux.go), not between
//     any two characters; a Chinese phrase of one ideograph stays with the
//     phrases beside it ("发送前， / 先想一想", not "发送前，先 / 想一想");
//   - a word joined by a hyphen ("Gândește-te") is not broken after it;
//   - in every script, when the last line would hold one word (or one
//     phrase) alone, the lines are balanced (CSS text-wrap: balance): the
//     paragraph is wrapped in the narrowest width that still sets it in as
//     many lines, so "Look in on your neighbours this / winter" becomes
//     "Look in on your / neighbours this winter".
//
// Breaks are kept out by a hidden U+2060 WORD JOINER between the two
// characters (UAX #14 LB11), inserted and hidden as words.go inserts its
// breaks. A word or phrase may be wider than the box even at the smallest
// size: then the paragraph is set as body text is (Shaped.loose), as CSS
// lets an overlong word break anywhere. Balancing keeps the line count,
// and the choice between the two settings is made by the same test in
// Measure and Wrap, so the size fitting chooses is the size drawn.

// hangul reports whether r is a Hangul syllable or jamo.
func hangul(r rune) bool { return unicode.Is(unicode.Hangul, r) }

// phraseChar reports whether r is a character that UAX #14 lets a line
// break before or after without a space, inside a Japanese or Chinese
// phrase: an ideograph, kana, the prolonged sound mark ー, or a Latin
// letter or digit beside one ("SNSで", "18歳").
func phraseChar(r rune) bool {
	return cjk(r) || r == 'ー' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

// displayGlue returns the indices i of text, in increasing order, before
// which a display paragraph must not break although UAX #14 may: between
// two Hangul syllables, inside a Japanese or Chinese phrase, and after a
// hyphen between two letters.
func displayGlue(text []rune, lang string) []int {
	var starts []bool
	if m := phraseModelFor(lang); m != nil && hasCJK(text) {
		starts = m.phraseStarts(text)
	}
	var out []int
	for i := 1; i < len(text); i++ {
		if glued(text, i, starts) {
			out = append(out, i)
		}
	}
	return out
}

// glued reports whether a display paragraph must not break before
// text[i]; starts are the phrase starts of Japanese or Chinese text, nil
// for other languages.
func glued(text []rune, i int, starts []bool) bool {
	a, b := text[i-1], text[i]
	switch {
	case hangul(a) && hangul(b):
		return true
	case starts != nil && !starts[i] && (cjk(a) || cjk(b)) && phraseChar(a) && phraseChar(b):
		return true
	case a == '-' || a == '\u2010': // "Gândește-te" stays whole
		return i >= 2 && unicode.IsLetter(text[i-2]) && unicode.IsLetter(b)
	}
	return false
}

// hasCJK reports whether text holds an ideograph or kana.
func hasCJK(text []rune) bool {
	for _, r := range text {
		if cjk(r) {
			return true
		}
	}
	return false
}

// pick returns the setting of the paragraph to use at size in width: the
// display setting, or the loose one (body text's breaks) when a word or
// phrase of the display setting is wider than width. Measure, Wrap and
// Overwide all pick by this one test.
func (sh *Shaped) pick(size, width float64) *Shaped {
	if sh.loose != nil {
		if _, _, over := sh.overwide(size, width); over {
			return sh.loose
		}
	}
	return sh
}

// Loosened reports whether the paragraph at size in width is set with
// body text's breaks because a word or phrase of its display setting is
// wider than width (see pick): a heading broken inside a phrase. Fitting
// uses it to prefer a smaller size that keeps the phrases whole.
func (sh *Shaped) Loosened(size, width float64) bool {
	return sh.pick(size, width) != sh
}

// balance returns the most a line of a display paragraph may take at
// size in the frame f with leading: when its last line would hold one
// word (one segment) alone, the narrowest width that sets it in as many
// lines without a word wider than its line, to within 0.05pt (lines
// narrower than that keep their own width); else the frame's width.
func (sh *Shaped) balance(size, leading float64, f Frame) float64 {
	n, last, over, _ := sh.count(size, leading, f)
	if !sh.style.Display || n < 2 || last != 1 || over {
		return f.Width
	}
	lo, hi := 0.0, f.Width // hi sets n lines, lo does not
	for hi-lo > 0.05 {
		mid := (lo + hi) / 2
		if m, _, o, _ := sh.count(size, leading, f.limited(mid)); m == n && !o {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi
}
