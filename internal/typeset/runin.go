package typeset

import (
	"unicode"

	"github.com/go-text/typesetting/shaping"

	"github.com/handbill/handbill/internal/fonts"
)

// A run-in head is the first sentence of a body paragraph set bold, so a
// reader scanning a leaflet finds each paragraph's point ("You lose
// control.") before its detail. It stays one paragraph: the head is a run
// of the paragraph's lines in the bold face, wrapped with the rest, and
// the text layer reads it as one.

// Head is a paragraph's run-in head: its first Runes characters (of the
// text given to Shape) set with Fonts. The zero Head is none.
type Head struct {
	Fonts *fonts.Fontmap
	Runes int
}

// end is where the head ends in the shaped text, which has the hidden
// word breaks counted by hidden (see insertBreaks) inserted, at most n.
func (h Head) end(hidden []int, n int) int {
	if h.Fonts == nil || h.Runes <= 0 {
		return 0
	}
	e := h.Runes
	if hidden != nil && e < len(hidden) {
		e += hidden[e]
	}
	return min(e, n)
}

// holdsHead reports whether a wrapped line holds some of the run-in
// head, which ends at rune head of the shaped text.
func holdsHead(ln shaping.Line, head int) bool {
	for _, o := range ln {
		if o.Runes.Offset < head {
			return true
		}
	}
	return false
}

// missing is a *MissingError for the characters of text no font of the
// style draws, or the error a font met while loading, or nil.
func (st Style) missing(text string) error {
	head, rest := text, ""
	if st.Head.Fonts != nil {
		r := []rune(text)
		k := min(max(st.Head.Runes, 0), len(r))
		head, rest = string(r[:k]), string(r[k:])
		if miss := st.Head.Fonts.Missing(head); len(miss) > 0 {
			return &MissingError{Runes: miss}
		}
		if err := st.Head.Fonts.Err(); err != nil {
			return err
		}
	} else {
		rest = head
	}
	if miss := st.Fonts.Missing(rest); len(miss) > 0 {
		return &MissingError{Runes: miss}
	}
	return st.Fonts.Err()
}

// RunInHead returns the length in characters of text's first sentence
// when it makes a run-in head, or 0: the sentence ends at a full stop,
// question or exclamation mark of any script (. ! ? 。！？ ۔ ؟ । ॥ ።
// ፧, with the closing quotes and brackets after it) that white space
// follows (or anything, after the full-width marks of Chinese and
// Japanese), text follows it, and it is at most half the paragraph. The
// head's length includes the white space after it, so the rest starts
// with its first word.
func RunInHead(text string) int {
	r := []rune(text)
	for i := 0; i < len(r); i++ {
		if !sentenceEnd(r[i]) {
			continue
		}
		j := i + 1
		for j < len(r) && closing(r[j]) {
			j++
		}
		k := j
		for k < len(r) && unicode.IsSpace(r[k]) {
			k++
		}
		if k == j && !fullWidthEnd(r[i]) {
			continue // "3.5", "e.g.x": not the end of a sentence
		}
		if k == len(r) || 2*j > len(r) {
			return 0 // the whole paragraph, or not a short head
		}
		return k
	}
	return 0
}

// sentenceEnd reports whether r ends a sentence in some script.
func sentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', '。', '！', '？', '．', '۔', '؟', '।', '॥', '።', '፧':
		return true
	}
	return false
}

// fullWidthEnd reports whether r ends a sentence without a space after it
// (Chinese and Japanese).
func fullWidthEnd(r rune) bool { return r == '。' || r == '！' || r == '？' || r == '．' }

// closing reports whether r may follow a sentence's end mark inside the
// sentence: a closing quote or bracket.
func closing(r rune) bool {
	return unicode.In(r, unicode.Pe, unicode.Pf) || r == '"' || r == '\'' || r == '」' || r == '』'
}

// Unbold returns the faces that draw text of the paragraph meant to be
// bold (a bold style's text, a run-in head) in a regular weight, because
// their family has no bold, each once with the first text it draws.
func (sh *Shaped) Unbold() []FaceText {
	var out []FaceText
	all := sh.style.Fonts != nil && sh.style.Fonts.Bold()
	head := sh.style.Head.end(sh.hidden, len(sh.text))
	for _, o := range sh.runs {
		f := sh.faceOf(o)
		if f == nil || f.Bold || !all && o.Runes.Offset >= head {
			continue
		}
		if !containsFace(out, f) {
			out = append(out, FaceText{Face: f, Text: sh.source(o.Runes.Offset, o.Runes.Count)})
		}
	}
	return out
}

// FaceText is a face and text it draws.
type FaceText struct {
	Face *fonts.Face
	Text string
}

func containsFace(fts []FaceText, f *fonts.Face) bool {
	for _, ft := range fts {
		if ft.Face == f {
			return true
		}
	}
	return false
}
