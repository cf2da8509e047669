package typeset

import (
	"strings"
	"testing"
	"unicode"
)

// TestSpaceAfter wraps paragraphs at every width down to their widest
// word: a line says SpaceAfter exactly when the source had white space
// where it broke (trimmed from the line), so the text layer can keep the
// word break; never at a hyphen ("făcut-o"), nor in Chinese or Thai, where
// lines break without a space. Right-to-left paragraphs come in the pair.
func TestSpaceAfter(t *testing.T) {
	s := NewSetter(registry(t))
	const size = 10
	thai, _ := thaiWordsOf(thaiSentences[0])
	for _, c := range []struct {
		text, lang string
		rtl        bool
	}{
		{"You lose control. Anything you send can be saved, copied and passed on.", "en-GB", false},
		{"Ai făcut-o deja? Nu este niciodată prea târziu să ceri ajutor-ajutor.", "ro", false},
		{chineseSentences[0], "zh-Hans", false},
		{thai, "th", false},
		{"آپ کا اختیار ختم ہو جاتا ہے۔ آپ جو کچھ بھی بھیجتے ہیں، اسے محفوظ کیا جا سکتا ہے۔", "ur", true},
	} {
		sh, p := set(t, s, c.text, c.lang, c.rtl, size, 1e4)
		spaces := 0
		for w := p.Lines[0].Width; w >= widestWord(sh, size); w -= 2 * size {
			q := s.Wrap(sh, size, w, 1.2)
			rest := c.text
			for i, l := range lineTexts(q) {
				if !strings.HasPrefix(rest, l) {
					t.Fatalf("%s at width %.0f: line %d %q is not next in %q", c.lang, w, i, l, rest)
				}
				rest = rest[len(l):]
				trimmed := strings.TrimLeftFunc(rest, unicode.IsSpace)
				if want := len(trimmed) < len(rest); q.Lines[i].SpaceAfter != want {
					t.Errorf("%s at width %.0f: line %d %q SpaceAfter %v, want %v", c.lang, w, i, l, q.Lines[i].SpaceAfter, want)
				}
				if q.Lines[i].SpaceAfter && i < len(q.Lines)-1 {
					spaces++
				}
				rest = trimmed
			}
		}
		if wantSome := c.lang == "en-GB" || c.lang == "ro" || c.lang == "ur"; (spaces > 0) != wantSome {
			t.Errorf("%s: %d line ends at a space, want some: %v", c.lang, spaces, wantSome)
		}
	}
}
