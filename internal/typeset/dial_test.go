package typeset

import (
	"slices"
	"strings"
	"testing"
)

// TestDialBreaks wraps number lines of several scripts at every width
// from their widest unbreakable piece to one line: as Style.Dial they
// are one line, or the words and the number on a line each, in the
// order of the text ("Zadzwoń pod numer / 0800 1111", "0800 1111 / پر کال
// کریں", "请拨打 / 0800 1111"; a short number too: "Zadzwoń pod numer /
// 101"); set as body text, the same lines break among their words at
// some width. Measure agrees with Wrap.
func TestDialBreaks(t *testing.T) {
	s := NewSetter(registry(t))
	const size = 20.0
	for _, c := range []struct {
		lang        string
		rtl         bool
		words, num  string
		numberFirst bool
	}{
		{"pl", false, "Zadzwoń pod numer", "0800 1111", false},
		{"pl", false, "Zadzwoń pod numer", "101", false},
		{"ur", true, "پر کال کریں", "0800 1111", true},
		{"bn", false, "নম্বরে কল করুন", "0333 240 1727", true},
		{"zh-Hans", false, "请拨打", "0800 1111", false},
	} {
		text := c.words + " " + c.num
		if c.numberFirst {
			text = c.num + " " + c.words
		}
		if c.lang == "zh-Hans" {
			text = c.words + c.num
		}
		want := []string{c.words, c.num}
		if c.numberFirst {
			want = []string{c.num, c.words}
		}
		body, dial := bodyAndDial(t, s, text, c.lang, c.rtl)
		one := s.Wrap(dial, size, 1e4, 1.2).Lines[0].Width
		split := false
		for w := max(widestWord(dial, size), widestWord(body, size)); w < one; w++ {
			got := lineTexts(checkExact(t, s, dial, size, w))
			for i := range got {
				got[i] = strings.TrimSpace(strings.ReplaceAll(got[i], "\u00a0", " "))
			}
			if len(got) != 1 && !slices.Equal(got, want) {
				t.Errorf("%s %q in %.0fpt: lines %q, want one line or %q", c.lang, text, w, got, want)
			}
			if b := lineTexts(checkExact(t, s, body, size, w)); len(b) > 2 || len(b) == 2 && strings.TrimSpace(strings.ReplaceAll(b[0], "\u00a0", " ")) != want[0] {
				split = true
			}
		}
		if !split && c.lang != "zh-Hans" && c.num != "101" {
			t.Errorf("%s %q: body text never split its words either: the test proves nothing", c.lang, text)
		}
	}
}

// bodyAndDial shapes text in lang as body text and as a number line.
func bodyAndDial(t *testing.T, s *Setter, text, lang string, rtl bool) (body, dial *Shaped) {
	t.Helper()
	st := style(t, lang, rtl)
	body, err := s.Shape(text, st)
	if err != nil {
		t.Fatal(err)
	}
	st.Dial = true
	if dial, err = s.Shape(text, st); err != nil {
		t.Fatal(err)
	}
	return body, dial
}

// TestDialKeepsHyphenedSuffix: a suffix hyphened to the number (Bengali
// "0800 1111-এ কল করুন", "call 0800 1111") goes with it: body text breaks
// after the hyphen where the line is narrow ("0800 1111- / এ কল করুন"), a
// number line never does at any width its number and suffix fit.
func TestDialKeepsHyphenedSuffix(t *testing.T) {
	s := NewSetter(registry(t))
	const size = 20.0
	text := "0800 1111-এ কল করুন"
	body, dial := bodyAndDial(t, s, text, "bn", false)
	one := s.Wrap(dial, size, 1e4, 1.2).Lines[0].Width
	hyphenEnd := func(lines []string) bool {
		for _, l := range lines[:len(lines)-1] {
			if strings.HasSuffix(strings.TrimSpace(l), "-") {
				return true
			}
		}
		return false
	}
	bodyBroke := false
	for w := widestWord(body, size); w < one; w++ {
		if hyphenEnd(lineTexts(checkExact(t, s, body, size, w))) {
			bodyBroke = true
		}
		if w < widestWord(dial, size) {
			continue // narrower than the number with its suffix: set as body text
		}
		if got := lineTexts(checkExact(t, s, dial, size, w)); hyphenEnd(got) {
			t.Errorf("%q in %.0fpt: lines %q break after the number's hyphen", text, w, got)
		}
	}
	if !bodyBroke {
		t.Errorf("%q: body text never broke after the hyphen either: the test proves nothing", text)
	}
}

// TestDialFallsBackForWideWords: a number line whose words are wider than
// the box even on a line of their own is set as body text is (its words
// broken, the number whole) rather than overfull, and Measure agrees.
func TestDialFallsBackForWideWords(t *testing.T) {
	s := NewSetter(registry(t))
	st := style(t, "pl", false)
	st.Dial = true
	dial, err := s.Shape("Zadzwoń pod numer 0800 1111", st)
	if err != nil {
		t.Fatal(err)
	}
	p := checkExact(t, s, dial, 20, widestWord(dial.loose, 20)+1)
	if p.Overfull || len(p.Lines) < 3 {
		t.Errorf("words wider than the box: lines %q, overfull %v", lineTexts(p), p.Overfull)
	}
	if l := lineTexts(p); !strings.Contains(strings.ReplaceAll(l[len(l)-1], "\u00a0", " "), "0800 1111") {
		t.Errorf("the number is broken: %q", l)
	}
}
