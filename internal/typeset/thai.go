package typeset

import (
	_ "embed"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Thai is written without spaces between words, and UAX #14 gives its
// letters the class SA (complex context): a line may break only between
// words, and finding words needs a dictionary. go-text's segmenter resolves
// SA to AL (rule LB1), so on its own it never breaks inside a run of Thai
// letters. The typesetter therefore finds Thai words itself, by dictionary
// maximal matching, and marks each word boundary with U+200B ZERO WIDTH
// SPACE before shaping: UAX #14 breaks after ZW (LB8), so the LineWrapper
// and Measure's segments get the same opportunities from the same text. The
// inserted spaces are dropped again from the glyph runs and their source
// text, so they never reach a page.
//
// The word list is libthai's break dictionary (LGPL-2.1+; source, licence
// and what the LGPL asks of a binary that embeds it in thaidict/README.md
// and thaidict/COPYING). thaiWords is the only reader of it.

//go:embed thaidict/words.txt
var thaiWordFile string

var thaiDict struct {
	once   sync.Once
	words  []string // sorted
	maxLen int      // longest word, in runes
}

func thaiWords() ([]string, int) {
	thaiDict.once.Do(func() {
		w := strings.Split(strings.TrimSpace(thaiWordFile), "\n")
		if !slices.IsSorted(w) {
			slices.Sort(w)
		}
		n := 0
		for _, s := range w {
			n = max(n, len([]rune(s)))
		}
		thaiDict.words, thaiDict.maxLen = w, n
	})
	return thaiDict.words, thaiDict.maxLen
}

// zwsp is U+200B ZERO WIDTH SPACE, the break opportunity inserted between
// Thai words.
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

// thaiBreaks returns the indices i of text, in increasing order, before
// which a line may break because text[i-1] and text[i] end and start two
// Thai words. Boundaries at the edges of a Thai run are left to UAX #14.
func thaiBreaks(text []rune) []int {
	var out []int
	for i := 0; i < len(text); {
		if !isThaiLetter(text[i]) {
			i++
			continue
		}
		j := i
		for j < len(text) && isThaiLetter(text[j]) {
			j++
		}
		for _, b := range thaiWordBounds(text[i:j]) {
			out = append(out, i+b)
		}
		i = j
	}
	return out
}

// thaiWordBounds splits a run of Thai letters into words and returns the
// interior word boundaries (indices into run). It chooses, among the ways
// to cover the run with dictionary words and unknown stretches that start
// and end at cluster boundaries, one with the fewest letters in unknown
// stretches, then the fewest pieces (maximal matching). Consecutive unknown
// stretches are kept as one piece, so a word missing from the dictionary is
// never broken inside.
func thaiWordBounds(run []rune) []int {
	n := len(run)
	if n < 2 {
		return nil
	}
	words, maxLen := thaiWords()
	s := string(run) // every Thai letter is 3 bytes in UTF-8
	off := func(i int) int { return 3 * i }
	ok := func(i int) bool { return thaiMayBreak(run, i) }
	best := make(thaiPath, n+1)
	best[0].reached = true
	for i := 0; i < n; i++ {
		if !best[i].reached || !ok(i) {
			continue
		}
		for j := i + 1; j <= n && j-i <= maxLen; j++ {
			key := s[off(i):off(j)]
			k := sort.SearchStrings(words, key)
			if k == len(words) || !strings.HasPrefix(words[k], key) {
				break // no longer word starts with key
			}
			if words[k] != key {
				continue
			}
			// ๆ (repeat the word) and ฯ (abbreviation) belong to it.
			e := j
			for e < n && (run[e] == 'ๆ' || run[e] == 'ฯ') {
				e++
			}
			if ok(e) {
				best.relax(i, e, true)
			}
		}
		j := i + 1
		for !ok(j) {
			j++
		}
		best.relax(i, j, false)
	}
	var bounds []int
	for j := n; j > 0; {
		st := best[j]
		// Merge a run of unknown pieces into one.
		i := st.from
		for !st.known && i > 0 && !best[i].known {
			i = best[i].from
		}
		if i > 0 {
			bounds = append(bounds, i)
		}
		j = i
	}
	slices.Reverse(bounds)
	return bounds
}

// thaiMayBreak reports whether a word may start at i of run (and the
// previous one end there).
func thaiMayBreak(run []rune, i int) bool {
	return i == 0 || i == len(run) || !thaiNoBreakBefore(run[i]) && !thaiNoBreakAfter(run[i-1])
}

// thaiPath holds, for each index of a run, the best way found to cover the
// run up to it: the letters in unknown stretches, the pieces, and where
// the last piece starts.
type thaiPath []struct {
	unknown, pieces int
	from            int
	known           bool
	reached         bool
}

// relax offers the piece from i to j (a dictionary word when known).
func (best thaiPath) relax(i, j int, known bool) {
	c := best[j]
	c.unknown, c.pieces, c.from, c.known, c.reached = best[i].unknown, best[i].pieces+1, i, known, true
	if !known {
		c.unknown += j - i
	}
	b := &best[j]
	if !b.reached || c.unknown < b.unknown || c.unknown == b.unknown && c.pieces < b.pieces {
		*b = c
	}
}

// insertThaiBreaks returns text with a ZERO WIDTH SPACE at every Thai word
// boundary, and hidden: nil when nothing was inserted, else hidden[i] is
// the number of inserted characters before index i of the new text (len
// n+1), so that hidden[i+1] > hidden[i] marks an inserted one at i.
func insertThaiBreaks(text []rune) ([]rune, []int) {
	b := thaiBreaks(text)
	if len(b) == 0 {
		return text, nil
	}
	out := make([]rune, 0, len(text)+len(b))
	hidden := make([]int, 0, len(text)+len(b)+1)
	last := 0
	for k, i := range b {
		for _, r := range text[last:i] {
			out = append(out, r)
			hidden = append(hidden, k)
		}
		out = append(out, zwsp)
		hidden = append(hidden, k)
		last = i
	}
	for _, r := range text[last:] {
		out = append(out, r)
		hidden = append(hidden, len(b))
	}
	hidden = append(hidden, len(b))
	return out, hidden
}

// inserted reports whether text[i] is a break the typesetter inserted.
func (sh *Shaped) inserted(i int) bool {
	return sh.hidden != nil && i >= 0 && i+1 < len(sh.hidden) && sh.hidden[i+1] > sh.hidden[i]
}

// source returns the paragraph's text[off:off+n] without inserted breaks.
func (sh *Shaped) source(off, n int) string {
	if sh.hidden == nil || sh.hidden[off] == sh.hidden[off+n] {
		return string(sh.text[off : off+n])
	}
	var b strings.Builder
	for i := off; i < off+n; i++ {
		if !sh.inserted(i) {
			b.WriteRune(sh.text[i])
		}
	}
	return b.String()
}

// cluster maps a glyph's cluster index in the paragraph's text to an index
// in the source of a run starting at off (see source).
func (sh *Shaped) cluster(c, off int) int {
	if sh.hidden == nil || c < off || c >= len(sh.text) {
		return c - off
	}
	return c - off - (sh.hidden[c] - sh.hidden[off])
}
