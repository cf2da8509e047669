package typeset

import "unicode"

// noBreakSpace is U+00A0 NO-BREAK SPACE.
const noBreakSpace = '\u00a0'

// bindDigitGroups makes each space between two digits a no-break space, in
// place, and returns text. A translator who types a phone number ("call
// Childline free on 0800 1111") types an ordinary space between its
// groups: the line could break there, and in right-to-left text the
// Unicode Bidirectional Algorithm orders the groups right to left, so the
// number reads "1111 0800". A no-break space cannot end a line (UAX #14
// class GL) and between two digits takes their direction (UAX #9 rule W4:
// a common separator between two numbers joins them), so the groups stay
// one left-to-right number. The run's source text spells it as a space
// again (see Wrap), as the text layer expects.
func bindDigitGroups(text []rune) []rune {
	for i := 1; i+1 < len(text); i++ {
		if text[i] == ' ' && unicode.IsDigit(text[i-1]) && unicode.IsDigit(text[i+1]) {
			text[i] = noBreakSpace
		}
	}
	return text
}

// maxBoundDigits is the longest number shortNumbers keeps with the word
// before it: an emergency number (999, 112, 101), an age (18), a count
// (3 codes).
const maxBoundDigits = 4

// shortNumbers returns, in order, where a short number (at most
// maxBoundDigits digits, of any script, not the first group of a longer
// grouped number) follows a word and a space: glue the typesetter
// inserts there (insertBreaks: a hidden word joiner after the space), so
// that "always call / 999" and "under / 18" never break and a number
// never starts a line without the word that says what it is. The text,
// and the text layer, keep their ordinary space.
func shortNumbers(text []rune) []int {
	var at []int
	for i := 1; i+1 < len(text); i++ {
		if text[i] != ' ' || !unicode.IsLetter(text[i-1]) || !unicode.IsDigit(text[i+1]) {
			continue
		}
		j := i + 1
		for j < len(text) && unicode.IsDigit(text[j]) {
			j++
		}
		grouped := j+1 < len(text) && (text[j] == ' ' || text[j] == noBreakSpace) && unicode.IsDigit(text[j+1])
		if j-(i+1) <= maxBoundDigits && !grouped && (j == len(text) || !unicode.IsLetter(text[j])) {
			at = append(at, i+1)
		}
	}
	return at
}
