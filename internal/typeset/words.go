package typeset

import (
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
)

// Thai, Lao, Khmer and Myanmar are written without spaces between words,
// and UAX #14 gives their letters the class SA (complex context): a line
// may break only between words, and finding words needs a dictionary.
// go-text's segmenter resolves SA to AL (rule LB1), so on its own it never
// breaks inside a run of such letters. The typesetter therefore finds the
// words itself, by dictionary maximal matching, and marks each word
// boundary with U+200B ZERO WIDTH SPACE before shaping: UAX #14 breaks
// after ZW (LB8), so the LineWrapper and Measure's segments get the same
// opportunities from the same text. The inserted spaces are dropped again
// from the glyph runs and their source text, so they never reach a page.
//
// A word boundary is never put inside a syllable cluster: never before a
// combining mark, and never where a script's own rules (thai.go,
// southeast.go) join two letters, such as after a Khmer coeng or a Myanmar
// stacker, or before a Myanmar consonant killed by an asat. A run is split
// only by the dictionary; the edges of a run (a space, punctuation, a
// U+200B or U+2060 the translator typed) are left to UAX #14, so a typed
// ZERO WIDTH SPACE still breaks and a typed WORD JOINER still binds.
//
// The word lists and their licences are in thaidict/ and dict/ (see the
// README in each); wordList is their only reader.

// wordList is a sorted list of words, read once from its embedded file.
type wordList struct {
	once   sync.Once
	file   func() []byte // the embedded file: one word a line, # comments
	gz     bool          // the file is gzip-compressed
	words  []string      // sorted (byte order)
	maxLen int           // longest word, in runes
	err    error
}

// load returns the words and the longest word's length in runes. A word
// list that cannot be read is a build defect (the file is embedded), so
// load panics with the reason rather than break lines silently wrong.
func (d *wordList) load() ([]string, int) {
	d.once.Do(func() {
		data := d.file()
		if d.gz {
			var err error
			if data, err = gunzip(data); err != nil {
				d.err = err
				return
			}
		}
		var w []string
		for _, l := range strings.Split(string(data), "\n") {
			l = strings.TrimSpace(l)
			if l != "" && l[0] != '#' {
				w = append(w, l)
			}
		}
		if !slices.IsSorted(w) {
			slices.Sort(w)
		}
		n := 0
		for _, s := range w {
			n = max(n, len([]rune(s)))
		}
		d.words, d.maxLen = w, n
	})
	if d.err != nil {
		panic("typeset: embedded word list: " + d.err.Error())
	}
	return d.words, d.maxLen
}

// gunzip returns the decompressed contents of a gzip file, read into a
// buffer of the size its trailer gives (ISIZE, the size modulo 2³²).
func gunzip(data []byte) ([]byte, error) {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if n := len(data); n >= 4 {
		buf.Grow(int(binary.LittleEndian.Uint32(data[n-4:])) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(zr); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// spaceless is a script written without spaces between words: which
// characters belong to its runs, where a word may not start or end, and
// its word list.
type spaceless struct {
	name string
	// letter reports whether r is one of the script's characters of
	// line-break class SA: the letters a run of words is made of.
	letter func(r rune) bool
	// joined reports whether a word boundary before run[i] would split a
	// syllable cluster (i is never 0 or len(run)).
	joined func(run []rune, i int) bool
	// repeat reports whether r belongs to the word before it, as Thai ๆ
	// (repetition) and ฯ (abbreviation) do.
	repeat func(r rune) bool
	dict   *wordList
}

// spacelessScripts are the scripts broken by dictionary.
var spacelessScripts = []*spaceless{thaiScript, laoScript, khmerScript, myanmarScript}

// scriptOf returns the spaceless script r is a letter of, or nil.
func scriptOf(r rune) *spaceless {
	if r < 0x0e00 || r > 0x17ff {
		return nil
	}
	for _, s := range spacelessScripts {
		if s.letter(r) {
			return s
		}
	}
	return nil
}

// combining reports whether r is a combining mark, which never starts a
// word.
func combining(r rune) bool { return unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me) }

// mayBreak reports whether a word may start at i of run (and the previous
// one end there).
func (sc *spaceless) mayBreak(run []rune, i int) bool {
	return i == 0 || i == len(run) || !combining(run[i]) && !sc.joined(run, i)
}

// wordBreaks returns the indices i of text, in increasing order, before
// which a line may break because text[i-1] and text[i] end and start two
// words of a spaceless script. Boundaries at the edges of a run of its
// letters are left to UAX #14.
func wordBreaks(text []rune) []int {
	var out []int
	for i := 0; i < len(text); {
		sc := scriptOf(text[i])
		if sc == nil {
			i++
			continue
		}
		j := i
		for j < len(text) && sc.letter(text[j]) {
			j++
		}
		for _, b := range sc.wordBounds(text[i:j]) {
			out = append(out, i+b)
		}
		i = j
	}
	return out
}

// wordBounds splits a run of letters into words and returns the interior
// word boundaries (indices into run). It chooses, among the ways to cover
// the run with dictionary words and unknown stretches that start and end
// at cluster boundaries, one with the fewest letters in unknown stretches,
// then the fewest pieces (maximal matching). Consecutive unknown stretches
// are kept as one piece, so a word missing from the dictionary is never
// broken inside.
func (sc *spaceless) wordBounds(run []rune) []int {
	n := len(run)
	if n < 2 {
		return nil
	}
	words, maxLen := sc.dict.load()
	s := string(run)
	off := make([]int, n+1) // byte offset of each rune in s
	for i, b := 0, 0; i < n; i++ {
		off[i] = b
		b += len(string(run[i]))
		off[i+1] = b
	}
	ok := func(i int) bool { return sc.mayBreak(run, i) }
	best := make(wordPath, n+1)
	best[0].reached = true
	for i := 0; i < n; i++ {
		if !best[i].reached || !ok(i) {
			continue
		}
		lo := 0 // a longer key sorts after a shorter one: search on from there
		for j := i + 1; j <= n && j-i <= maxLen; j++ {
			key := s[off[i]:off[j]]
			k := lo + sort.SearchStrings(words[lo:], key)
			lo = k
			if k == len(words) || !strings.HasPrefix(words[k], key) {
				break // no longer word starts with key
			}
			if words[k] != key {
				continue
			}
			e := j
			for e < n && sc.repeat(run[e]) {
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
	return best.bounds(n)
}

// wordPath holds, for each index of a run, the best way found to cover the
// run up to it: the letters in unknown stretches, the pieces, and where
// the last piece starts.
type wordPath []struct {
	unknown, pieces int
	from            int
	known           bool
	reached         bool
}

// relax offers the piece from i to j (a dictionary word when known).
func (best wordPath) relax(i, j int, known bool) {
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

// bounds returns the interior boundaries of the best cover of a run of n
// letters, in increasing order, with a run of unknown pieces merged into
// one.
func (best wordPath) bounds(n int) []int {
	var out []int
	for j := n; j > 0; {
		st := best[j]
		i := st.from
		for !st.known && i > 0 && !best[i].known {
			i = best[i].from
		}
		if i > 0 {
			out = append(out, i)
		}
		j = i
	}
	slices.Reverse(out)
	return out
}

// insertion is a paragraph's text with the characters the typesetter
// inserted: hidden is nil when there are none, else hidden[i] is the
// number of inserted characters before index i of text (len(text)+1), so
// that hidden[i+1] > hidden[i] marks an inserted one at i.
type insertion struct {
	text   []rune
	hidden []int
}

// insertBreaks returns text with a ZERO WIDTH SPACE before each index of
// breaks (word boundaries, words.go) and a WORD JOINER before each index
// of glue (display.go); both are in increasing order. text is not
// changed.
func insertBreaks(text []rune, breaks, glue []int) insertion {
	if len(breaks)+len(glue) == 0 {
		return insertion{text: text}
	}
	n := len(breaks) + len(glue)
	out := make([]rune, 0, len(text)+n)
	hidden := make([]int, 0, len(text)+n+1)
	k := 0 // characters inserted so far
	for i, r := range text {
		for len(breaks) > 0 && breaks[0] == i || len(glue) > 0 && glue[0] == i {
			c := wordJoiner
			if len(breaks) > 0 && breaks[0] == i {
				c, breaks = zwsp, breaks[1:]
			} else {
				glue = glue[1:]
			}
			out = append(out, c)
			hidden = append(hidden, k)
			k++
		}
		out = append(out, r)
		hidden = append(hidden, k)
	}
	hidden = append(hidden, k)
	return insertion{text: out, hidden: hidden}
}

// inserted reports whether text[i] is a character the typesetter
// inserted.
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
