package typeset

import "unicode"

// A helpline's number line ("Call 0800 1111", "0800 1111 ملائیں",
// "请拨打0800 1111") is what a reader dials from. Set as body text, it
// broke wherever UAX #14 lets it: "Zadzwoń pod / numer / 0800 1111",
// "0800 1111 پر / کال کریں", "0800 1111 / নম্বরে কল করুন". A paragraph of
// Style.Dial breaks, if at all, only between its words and its number:
// dialGlue keeps every other break out with the hidden glue display type
// uses (a word joiner the source text does not hold), so the line is one
// line, or the words over the number, or the number over the words. Where
// the words alone are wider than the box, the paragraph is set as body
// text is (Shaped.loose), as an overwide heading is.

// dialGlue returns the indices i of text, in increasing order, before
// which a number line must not break: after a space, between two
// ideographs, kana or Hangul syllables, and inside a suffix hyphened to
// the number (suffixEnd), except at the edges of the number (the longest
// run of digits and the no-break spaces between them, bindDigitGroups,
// with its suffix). Nil when text holds no digit.
func dialGlue(text []rune) []int {
	from, to := numberSpan(text)
	if from == to {
		return nil
	}
	end := suffixEnd(text, to)
	var out []int
	for i := 1; i < len(text); i++ {
		a, b := text[i-1], text[i]
		edge := i == from || i == end || i == end+1 && unicode.IsSpace(a)
		inside := i > from && i < to
		if edge || inside {
			continue
		}
		if unicode.IsSpace(a) || single(a) && single(b) || i > to && i < end {
			out = append(out, i)
		}
	}
	return out
}

// suffixEnd returns where a suffix joined to the number by a hyphen ends
// (Bengali "0800 1111-এ", "to 0800 1111", Welsh "999-ar"): at the next
// space or the end of text. The suffix goes with the number, as the
// number's own word, so the line never breaks after its hyphen ("0800
// 1111- / এ কল করুন"). to when the number has none.
func suffixEnd(text []rune, to int) int {
	if to >= len(text) || text[to] != '-' && text[to] != '\u2010' {
		return to
	}
	j := to + 1
	for j < len(text) && !unicode.IsSpace(text[j]) {
		j++
	}
	return j
}

// numberSpan returns the runes [from, to) of the longest run of digits
// in text, with the no-break spaces between its groups; from == to when
// there is none.
func numberSpan(text []rune) (from, to int) {
	for i := 0; i < len(text); {
		if !unicode.IsDigit(text[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(text) && (unicode.IsDigit(text[j]) || text[j] == noBreakSpace && j+1 < len(text) && unicode.IsDigit(text[j+1])) {
			j++
		}
		if j-i > to-from {
			from, to = i, j
		}
		i = j
	}
	return from, to
}
