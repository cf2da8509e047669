package typeset

import (
	"testing"
)

// BenchmarkWordListLoad measures what the first Khmer paragraph of a
// process pays: decompressing and reading ICU's Khmer word list (81,028
// words).
func BenchmarkWordListLoad(b *testing.B) {
	for b.Loop() {
		d := &wordList{file: func() []byte { return khmerWordFile }, gz: true}
		d.load()
	}
}

// BenchmarkKhmerWordBreaks measures finding the word boundaries of a
// Khmer paragraph of 175 letters (the list already read).
func BenchmarkKhmerWordBreaks(b *testing.B) {
	var text []rune
	for _, m := range spacelessSentences["km"] {
		s, _ := thaiWordsOf(m)
		text = append(text, []rune(s+"។")...)
	}
	khmerScript.dict.load()
	b.ResetTimer()
	for b.Loop() {
		wordBreaks(text)
	}
}

// BenchmarkHeadingShape measures shaping a heading as display type and as
// body text (a new setter each time, so nothing is cached): the display
// cost is the phrase model or glue and a second shaping.
func BenchmarkHeadingShape(b *testing.B) {
	reg := registry(b)
	for _, c := range []struct{ lang, text string }{
		{"en", "Look in on your neighbours this winter"},
		{"zh-Hans", "照片一旦发出，就再也收不回来了。"},
	} {
		for _, display := range []bool{false, true} {
			name := c.lang + "/body"
			if display {
				name = c.lang + "/display"
			}
			b.Run(name, func(b *testing.B) {
				st := Style{Fonts: reg.Fontmap(c.lang, true), Lang: c.lang, Display: display}
				for b.Loop() {
					s := NewSetter(reg)
					sh, err := s.Shape(c.text, st)
					if err != nil {
						b.Fatal(err)
					}
					s.Wrap(sh, 24, 200, 1.2)
				}
			})
		}
	}
}
