package typeset

import _ "embed"

// Thai is broken into words by dictionary (words.go). Its word list is
// libthai's break dictionary (LGPL-2.1+; source, licence and what the LGPL
// asks of a binary that embeds it in thaidict/README.md and
// thaidict/COPYING).

//go:embed thaidict/words.txt
var thaiWordFile []byte

var thaiScript = &spaceless{
	name:   "Thai",
	letter: isThaiLetter,
	joined: func(run []rune, i int) bool { return thaiNoBreakBefore(run[i]) || thaiNoBreakAfter(run[i-1]) },
	repeat: func(r rune) bool { return r == 'ๆ' || r == 'ฯ' },
	dict:   &wordList{file: func() []byte { return thaiWordFile }},
}

// zwsp is U+200B ZERO WIDTH SPACE, the break opportunity inserted between
// words.
const zwsp = '\u200b'

// isThaiLetter reports whether r is a Thai character of line-break class
// SA: letters, vowels, tone marks, ๆ and ฯ (not digits, ฿ or ๚ ๛).
func isThaiLetter(r rune) bool {
	return r >= 0x0e01 && r <= 0x0e3a || r >= 0x0e40 && r <= 0x0e4e
}

// thaiNoBreakBefore reports whether a break before r would split a
// character cluster or detach a word's ending: combining vowels and tone
// marks, the following vowels ะ า ำ ๅ, ๆ (repetition) and ฯ (abbreviation).
func thaiNoBreakBefore(r rune) bool {
	switch {
	case r == 0x0e31, r >= 0x0e34 && r <= 0x0e3a, r >= 0x0e47 && r <= 0x0e4e: // above and below marks
		return true
	case r == 0x0e30, r == 0x0e32, r == 0x0e33, r == 0x0e45, r == 0x0e46, r == 0x0e2f:
		return true
	}
	return false
}

// thaiNoBreakAfter reports whether r must not end a word: the leading
// vowels เ แ โ ใ ไ, written before the consonant they follow in speech.
func thaiNoBreakAfter(r rune) bool { return r >= 0x0e40 && r <= 0x0e44 }
