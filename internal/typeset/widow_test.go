package typeset

import (
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"
)

// TestNoLoneIdeograph: a Chinese or Japanese paragraph whose last line
// would hold fewer than three characters (with their punctuation) takes
// characters from the line before down, in as many lines as Measure
// counts; the glyphs keep their order and the line before stays within
// the width.
func TestNoLoneIdeograph(t *testing.T) {
	s := NewSetter(registry(t))
	const size = 10.0
	for _, c := range []struct {
		lang, text string
		want       []string // the lines, with the rule
	}{
		{"zh-Hans", "Cumbria儿童保护中心", []string{"Cumbria儿童保", "护中心"}},
		{"zh-Hans", "通话保密。", []string{"通话", "保密。"}},
		{"zh-Hant", "傳送前，先想一想", []string{"傳送前，先", "想一想"}},
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
	// A Latin last word takes the word before it, all the line before can
	// give and keep two words (widow.go: the rule asks for twelve
	// letters); a last line of two characters takes a third (three
	// characters in Chinese).
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
		if c.lang == "en" && string(last) != "three x" || c.lang != "en" && len(last) != 3 {
			t.Errorf("%q: last line %q changed", c.text, string(last))
		}
	}
}

// TestFullLastLine: a body paragraph's last line holds at least two words
// and twelve letters where words can move down from the line before
// without adding a line or leaving that line short, left to right and
// right to left; Measure agrees with Wrap.
func TestFullLastLine(t *testing.T) {
	s := NewSetter(registry(t))
	const size = 12.0
	for _, c := range []struct {
		lang string
		rtl  bool
		text string
	}{
		{"en-GB", false, "In an emergency, always call 999."},
		{"en-GB", false, "If you wouldn't be happy for your parents to see it, don't send it."},
		{"ur", true, "کسی بھی ایمرجنسی کی صورت میں ہمیشہ 999 پر کال کریں۔"},
		{"ar", true, "في حالة الطوارئ، اتصل دائمًا بالرقم 999 من أي هاتف."},
	} {
		sh, err := s.Shape(c.text, style(t, c.lang, c.rtl))
		if err != nil {
			t.Fatal(err)
		}
		one := s.Wrap(sh, size, 1e4, 1.2).Lines[0].Width
		short := 0
		for width := widestWord(sh, size) + 1; width < one; width += 3 {
			lines, last, _, _ := sh.count(size, 1.2, Plain(width))
			p := checkExact(t, s, sh, size, width)
			if len(p.Lines) != lines {
				t.Fatalf("%q in %.0fpt: %d lines, Measure counts %d", c.text, width, len(p.Lines), lines)
			}
			if lines != 2 || last > 1 {
				continue
			}
			short++ // the wrapper alone leaves one word on the last line
			l := lineTexts(p)
			if strings.Count(strings.TrimSpace(l[1]), " ") < 1 {
				t.Errorf("%s %q in %.0fpt: lines %q: the last holds one word", c.lang, c.text, width, l)
			}
		}
		if short == 0 {
			t.Errorf("%q: no width leaves one word on the last line: the test proves nothing", c.text)
		}
	}
}

// TestShortNumberKeepsItsWord: a short number never starts a line without
// the word before it ("Call / 999"), left to right and right to left; a
// grouped phone number may still break from its word, and the text reads
// as written.
func TestShortNumberKeepsItsWord(t *testing.T) {
	s := NewSetter(registry(t))
	const size = 12.0
	for _, c := range []struct {
		lang       string
		rtl        bool
		text, pair string
	}{
		{"en-GB", false, "If someone is in danger now, call 999 and ask for the police straight away.", "call 999"},
		{"ur", true, "اگر کوئی ابھی خطرے میں ہو تو فوراً ہمیشہ 999 پر کال کریں اور پولیس سے بات کریں۔", "ہمیشہ 999"},
	} {
		sh, err := s.Shape(c.text, style(t, c.lang, c.rtl))
		if err != nil {
			t.Fatal(err)
		}
		one := s.Wrap(sh, size, 1e4, 1.2).Lines[0].Width
		for width := widestWord(sh, size) + 1; width < one; width += 2 {
			p := checkExact(t, s, sh, size, width)
			l := lineTexts(p)
			if !strings.Contains(strings.Join(l, "\n"), c.pair) {
				t.Errorf("%s in %.0fpt: lines %q break %q", c.lang, width, l, c.pair)
			}
		}
	}
	text := []rune("Call 0800 1111 or 101, aged 18+, 2024 x 12345 y")
	if got, want := shortNumbers(text), []int{18, 28}; !slices.Equal(got, want) {
		t.Errorf("shortNumbers(%q) = %v, want %v (before 101 and 18)", string(text), got, want)
	}
}

// TestKoreanLastLine wraps Korean body text at every width from its widest
// syllable to one line: where the last line is short by the Latin rule
// (two words and twelve letters, a Hangul syllable counting as two), the
// line before cannot give it another whole word (it holds two words, or
// its last word, whole, would not fit on the last line); Measure agrees
// with Wrap.
func TestKoreanLastLine(t *testing.T) {
	reg := hangulRegistry(t, false)
	s := NewSetter(reg)
	const size = 10.0
	const text = "사진 때문에 걱정된다면 Childline에 무료로 전화하세요. 보내기 전에 한 번 더 생각해 보세요."
	sh := setDisplay(t, s, reg, text, "ko", false)
	one := s.Wrap(sh, size, 1e4, 1.2).Lines[0].Width
	full := 0
	for width := widestWord(sh, size) + 1; width < one; width += 2 {
		p := checkExact(t, s, sh, size, width)
		l := lineTexts(p)
		if len(l) < 2 {
			continue
		}
		last, before := l[len(l)-1], l[len(l)-2]
		words := strings.Fields(before)
		if !koreanShort(last) {
			full++
			continue
		}
		if len(words) > 2 {
			join := "" // the last line starts inside the word
			if p.Lines[len(l)-2].SpaceAfter {
				join = " "
			}
			probe := setDisplay(t, s, reg, words[len(words)-1]+join+last, "ko", false)
			if w := s.Wrap(probe, size, 1e4, 1.2).Lines[0].Width; w <= width {
				t.Errorf("in %.0fpt: lines %q: the last line is short and could take %q", width, l, words[len(words)-1])
			}
		}
	}
	if full == 0 {
		t.Error("no width gives a full last line: the test proves nothing")
	}
}

// koreanShort is widow.go's rule for a Korean last line, counted on its
// text: fewer than two words or twelve letters, a syllable counting two.
func koreanShort(line string) bool {
	letters := 0
	for _, r := range line {
		switch {
		case hangul(r):
			letters += 2
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			letters++
		}
	}
	return letters < 12 || len(strings.Fields(line)) < 2
}
