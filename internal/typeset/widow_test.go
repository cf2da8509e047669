package typeset

import (
	"math"
	"slices"
	"testing"
)

// TestNoLoneIdeograph: a Chinese or Japanese paragraph whose last line
// would hold one character (with its punctuation) takes the character
// before it down too, in as many lines as Measure counts; the glyphs keep
// their order and the line before stays within the width. Text that is not
// Chinese or Japanese, or a last line of more than one character, is left
// as the wrapper set it.
func TestNoLoneIdeograph(t *testing.T) {
	s := NewSetter(registry(t))
	const size = 10.0
	for _, c := range []struct {
		lang, text string
		want       []string // the lines, with the rule
	}{
		{"zh-Hans", "Cumbria儿童保护中心", []string{"Cumbria儿童保护", "中心"}},
		{"zh-Hans", "通话保密。", []string{"通话", "保密。"}},
		{"zh-Hant", "傳送前，先想一想", []string{"傳送前，先想", "一想"}},
	} {
		sh, err := s.Shape(c.text, style(t, c.lang, false))
		if err != nil {
			t.Fatal(err)
		}
		one := s.Wrap(sh, size, 2000, 1.2)
		// A width that holds all but the last character: the wrapper
		// alone would leave that character on a line of its own.
		width := one.Lines[0].Width - size*0.5
		p := s.Wrap(sh, size, width, 1.2)
		if got := lineTexts(p); !slices.Equal(got, c.want) {
			t.Errorf("%s %q at %.1fpt: lines %q, want %q", c.lang, c.text, width, got, c.want)
		}
		if h, _ := sh.Measure(size, width, 1.2); math.Abs(h-p.Height) > 1e-6 {
			t.Errorf("%q: Measure says %.2f, Wrap %.2f", c.text, h, p.Height)
		}
		for i, l := range p.Lines {
			if l.Width > width+0.01 {
				t.Errorf("%q line %d: %.2f wide in %.2f", c.text, i, l.Width, width)
			}
			x := 0.0
			for _, r := range l.Runs {
				if r.X < x-1e-6 {
					t.Errorf("%q line %d: run %q starts at %.2f, before the run ahead of it ends (%.2f)", c.text, i, r.Source, r.X, x)
				}
				x = r.X + r.Width
			}
		}
	}
	// Left alone: a Latin last word, and a last line of two characters.
	for _, c := range []struct {
		lang, text string
		short      float64 // how much narrower than the text: the last line's share
	}{{"en", "one two three x", 0.3}, {"zh-Hans", "发送之前先想想", 1.5}} {
		sh, err := s.Shape(c.text, style(t, c.lang, false))
		if err != nil {
			t.Fatal(err)
		}
		one := s.Wrap(sh, size, 2000, 1.2)
		width := one.Lines[0].Width - size*c.short
		p := s.Wrap(sh, size, width, 1.2)
		last := []rune(lineTexts(p)[len(p.Lines)-1])
		if c.lang == "en" && string(last) != "x" || c.lang != "en" && len(last) != 2 {
			t.Errorf("%q: last line %q changed", c.text, string(last))
		}
	}
}
