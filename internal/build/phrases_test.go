package build_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/typeset"
)

// TestCJKHeadingBreaks measures every heading (and every other display
// paragraph: a helpline's name) of every bundled layout in every Chinese
// or Japanese locale as drawn, lines by baseline: each line break between
// two ideographs or kana is after punctuation, or at a phrase boundary of
// BudouX's model (typeset.PhraseStarts) that leaves no phrase of one
// ideograph at the end or start of a line (the zh-Hans DL's "发送前，先 /
// 想一想": the model's "先" cut from the "想一想" it belongs to; a phrase
// ends at punctuation too).
func TestCJKHeadingBreaks(t *testing.T) {
	breaks := 0
	eachDoc(t, func(name string, _ *campaign.Layout, loc string, res *compose.Result) {
		if typeset.PhraseStarts([]rune("一"), loc) == nil {
			return
		}
		for _, el := range allElements(res.Doc.Structure) {
			lines, display := paragraphLines(el)
			if !display || len(lines) < 2 {
				continue
			}
			for k := 1; k < len(lines); k++ {
				breaks++
				if why := badPhraseBreak(lines, k, loc); why != "" {
					t.Errorf("%s: %q breaks %s", name, strings.Join(lines, " / "), why)
				}
			}
		}
	})
	if breaks == 0 {
		t.Fatal("no heading of two lines in a Chinese or Japanese locale: nothing measured")
	}
}

// badPhraseBreak says why the break before lines[k] of a display
// paragraph in lang is not where a reader would break, "" when it is.
func badPhraseBreak(lines []string, k int, lang string) string {
	text := []rune(strings.Join(lines, ""))
	i := len([]rune(strings.Join(lines[:k], "")))
	if !cjkLetter(text[i-1]) || !cjkLetter(text[i]) {
		return "" // after punctuation or a space, or beside a Latin word: UAX #14's breaks
	}
	starts := typeset.PhraseStarts(text, lang)
	switch {
	case !starts[i]:
		return "inside a phrase of the model"
	case one(text, starts, i-1):
		return "after a phrase of one character"
	case one(text, starts, i):
		return "before a phrase of one character"
	}
	return ""
}

// cjkLetter reports whether r is an ideograph or kana.
func cjkLetter(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// one reports whether the phrase holding text[i] holds one ideograph or
// kana and nothing else; a phrase ends at punctuation too ("擔心？請 /
// 免費撥打" leaves "請" alone at a line's end).
func one(text []rune, starts []bool, i int) bool {
	bound := func(j int) bool { return starts[j] || unicode.IsPunct(text[j-1]) }
	from, to := i, i+1
	for from > 0 && !bound(from) {
		from--
	}
	for to < len(text) && !bound(to) {
		to++
	}
	return to-from == 1 && !unicode.IsPunct(text[i])
}

// allElements returns every element of the structure trees els, at any
// depth.
func allElements(els []*page.Element) []*page.Element {
	var out []*page.Element
	for _, el := range els {
		el.Walk(func(e *page.Element, _ int) { out = append(out, e) })
	}
	return out
}
