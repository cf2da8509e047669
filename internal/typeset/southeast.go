package typeset

import _ "embed"

// Lao, Khmer and Myanmar are broken into words by dictionary (words.go),
// with ICU's word lists (dict/README.md says where they came from;
// dict/LICENSE is their licence). A list is decompressed and read the
// first time a paragraph holds its script, so a build without these
// scripts pays nothing for them.

var (
	//go:embed dict/laodict.txt.gz
	laoWordFile []byte
	//go:embed dict/khmerdict.txt.gz
	khmerWordFile []byte
	//go:embed dict/burmesedict.txt.gz
	myanmarWordFile []byte
)

var laoScript = &spaceless{
	name:   "Lao",
	letter: func(r rune) bool { return r >= 0x0e81 && r <= 0x0ecf || r >= 0x0edc && r <= 0x0edf },
	joined: func(run []rune, i int) bool { return laoNoBreakBefore(run[i]) || laoNoBreakAfter(run[i-1]) },
	repeat: func(r rune) bool { return r == 'ໆ' || r == 'ຯ' },
	dict:   &wordList{file: func() []byte { return laoWordFile }, gz: true},
}

// laoNoBreakBefore reports whether r belongs to the letter before it
// though it is not a combining mark: the following vowels ະ າ ຳ, ໆ
// (repetition) and ຯ (abbreviation).
func laoNoBreakBefore(r rune) bool {
	return r == 0x0eb0 || r == 0x0eb2 || r == 0x0eb3 || r == 0x0ec6 || r == 0x0eaf
}

// laoNoBreakAfter reports whether r must not end a word: the leading
// vowels ເ ແ ໂ ໃ ໄ, written before the consonant they follow in speech.
func laoNoBreakAfter(r rune) bool { return r >= 0x0ec0 && r <= 0x0ec4 }

// Khmer coeng (U+17D2) writes the consonant after it below the one
// before: the two are one cluster.
const khmerCoeng = '\u17d2'

var khmerScript = &spaceless{
	name: "Khmer",
	// Class SA: letters, vowels and signs, ៗ, ៜ and ៝ (not digits, the
	// riel sign or the punctuation ។ ៕ ៖ ...).
	letter: func(r rune) bool { return r >= 0x1780 && r <= 0x17d3 || r == 0x17d7 || r == 0x17dc || r == 0x17dd },
	joined: func(run []rune, i int) bool { return run[i-1] == khmerCoeng || run[i] == 'ៗ' },
	repeat: func(r rune) bool { return r == 'ៗ' },
	dict:   &wordList{file: func() []byte { return khmerWordFile }, gz: true},
}

// Myanmar's stacker (U+1039) writes the consonant after it below the one
// before; the asat (U+103A) kills a consonant's vowel, so the consonant
// closes the syllable before it.
const (
	myanmarStacker  = '\u1039'
	myanmarAsat     = '\u103a'
	myanmarDotBelow = '\u1037'
)

var myanmarScript = &spaceless{
	name: "Myanmar",
	// Class SA: letters, medials, vowels and signs (not the digits
	// U+1040–U+1049 nor the punctuation ၊ ။ and U+104C–U+104F).
	letter: func(r rune) bool {
		return r >= 0x1000 && r <= 0x103f || r >= 0x1050 && r <= 0x108f || r >= 0x109a && r <= 0x109f
	},
	joined: myanmarJoined,
	repeat: func(rune) bool { return false },
	dict:   &wordList{file: func() []byte { return myanmarWordFile }, gz: true},
}

// myanmarJoined reports whether a boundary before run[i] would split a
// syllable: after the stacker, or before a consonant killed by the asat,
// directly or after a dot below ("ကျွန်" ends with န်, "မြင့်" with င့်);
// an asat after a vowel sign (ော်) leaves the consonant the syllable's
// first.
func myanmarJoined(run []rune, i int) bool {
	if run[i-1] == myanmarStacker {
		return true
	}
	k := i + 1
	if k < len(run) && run[k] == myanmarDotBelow {
		k++
	}
	return k < len(run) && run[k] == myanmarAsat
}
