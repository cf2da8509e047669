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
