package typeset

import (
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/handbill/handbill/internal/fonts"
)

// setDisplay shapes text as display type (or body text) in reg's fonts.
func setDisplay(t *testing.T, s *Setter, reg *fonts.Registry, text, lang string, display bool) *Shaped {
	t.Helper()
	sh, err := s.Shape(text, Style{Fonts: reg.Fontmap(lang, false), Lang: lang, Display: display})
	if err != nil {
		t.Fatal(err)
	}
	return sh
}

// checkExact checks that Measure and Wrap agree on the paragraph's height
// and overfullness at size in width (the size fitting chooses is the size
// drawn) and that every line fits.
func checkExact(t *testing.T, s *Setter, sh *Shaped, size, width float64) *Para {
	t.Helper()
	p := s.Wrap(sh, size, width, 1.2)
	h, over := sh.Measure(size, width, 1.2)
	if math.Abs(h-p.Height) > 1e-6 || over != p.Overfull {
		t.Errorf("%q at %.1fpt in %.1fpt: Measure says %.3f %v, Wrap %.3f %v", sh.source(0, len(sh.text)), size, width, h, over, p.Height, p.Overfull)
	}
	for i, l := range p.Lines {
		if l.Width > width+0.01 {
			t.Errorf("%q line %d: %.2f wide in %.2f", lineTexts(p), i, l.Width, width)
		}
	}
	return p
}

// TestBalancedHeading: a heading whose last line would hold one word
// alone is set in as many lines, balanced ("Look in on your neighbours
// this / winter" becomes "Look in on your / neighbours this winter");
// body text takes words down to its last line instead (widow.go), in as
// many lines too.
func TestBalancedHeading(t *testing.T) {
	s := NewSetter(registry(t))
	const size = 20.0
	const text = "Look in on your neighbours this winter"
	body := setDisplay(t, s, registry(t), text, "en", false)
	head := setDisplay(t, s, registry(t), text, "en", true)
	one := s.Wrap(body, size, 1e4, 1.2).Lines[0].Width
	lone := 0
	for width := widestWord(body, size); width < one; width += 2 {
		b := lineTexts(checkExact(t, s, body, size, width))
		h := lineTexts(checkExact(t, s, head, size, width))
		if len(h) != len(b) {
			t.Errorf("at %.0fpt: the heading takes %d lines, body text %d", width, len(h), len(b))
		}
		if _, last, _, _ := body.count(size, 1.2, Plain(width)); last == 1 && len(b) == 2 { // the wrapper alone leaves a word alone
			lone++
			if !strings.Contains(h[len(h)-1], " ") {
				t.Errorf("at %.0fpt: the heading %q ends with one word alone", width, h)
			}
			if !strings.Contains(b[len(b)-1], " ") {
				t.Errorf("at %.0fpt: the body text %q ends with one word alone", width, b)
			}
		}
		if strings.Join(h, " ") != text {
			t.Errorf("at %.0fpt: lines %q do not read %q", width, h, text)
		}
	}
	if lone == 0 {
		t.Fatal("no width left a word alone on the last line: the test proves nothing")
	}
	// The case of the issue, at the width that left "winter" alone.
	w := s.Wrap(setDisplay(t, s, registry(t), "Look in on your neighbours this", "en", false), size, 1e4, 1.2).Lines[0].Width + 1
	if got := lineTexts(s.Wrap(head, size, w, 1.2)); !slices.Equal(got, []string{"Look in on your", "neighbours this winter"}) {
		t.Errorf("heading in %.0fpt: %q", w, got)
	}
}

// hangulRegistry returns a registry with NanumGothic (Debian fonts-nanum,
// TrueType) for Hangul, in weight bold or regular.
func hangulRegistry(t *testing.T, bold bool) *fonts.Registry {
	file := "NanumGothic.ttf"
	if bold {
		file = "NanumGothicBold.ttf"
	}
	return extraFonts(t, "fonts-nanum", map[string]string{"Hang": "/usr/share/fonts/truetype/nanum/" + file})
}

// syllableAlone reports whether a line holds one Hangul syllable.
func syllableAlone(lines []string) bool {
	for _, l := range lines {
		n := 0
		for _, r := range l {
			if hangul(r) {
				n++
			}
		}
		if n == 1 {
			return true
		}
	}
	return false
}

// TestKoreanTitleOnA5Cover fits a Korean title into the A5 leaflet's
// headline box (98 × 30 mm, heading 22–34pt bold) as compose does — the
// largest size whose measured height fits — and sets it there: it breaks
// at spaces only (CSS keep-all), no line holds one syllable, and the
// height drawn is the height measured. Set as body text in the same box,
// it breaks between syllables, but never leaves one alone on the last
// line.
func TestKoreanTitleOnA5Cover(t *testing.T) {
	reg := hangulRegistry(t, true)
	s := NewSetter(reg)
	const mm = 72 / 25.4
	width, height := 98*mm, 30*mm
	for _, title := range []string{"보내기 전에 생각하세요", "사진을 보내기 전에 한 번 더 생각하세요", "도움이 필요하면 언제든지 전화하세요"} {
		head := setDisplay(t, s, reg, title, "ko", true)
		size := 22.0
		for sz := 34.0; sz >= 22; sz -= 0.5 {
			if h, over := head.Measure(sz, width, 1.1); !over && h <= height {
				size = sz
				break
			}
		}
		p := checkExact(t, s, head, size, width)
		lines := lineTexts(p)
		if syllableAlone(lines) {
			t.Errorf("%q at %.1fpt: a line holds one syllable: %q", title, size, lines)
		}
		if strings.Join(lines, " ") != title {
			t.Errorf("%q at %.1fpt: lines %q break between syllables, not at spaces", title, size, lines)
		}
		// Body text breaks between syllables, never leaving one alone.
		body := setDisplay(t, s, reg, title, "ko", false)
		one := s.Wrap(body, 30, 1e4, 1.2).Lines[0].Width
		for w := widestWord(head, 30); w < one; w += 3 { // from the widest word

			if got := lineTexts(checkExact(t, s, body, 30, w)); len(got) > 1 && syllableAlone(got[len(got)-1:]) {
				t.Errorf("%q as body text in %.0fpt: the last line is one syllable: %q", title, w, got)
			}
		}
	}
}

// japaneseRegistry returns a registry with the bundled Droid Sans
// Fallback for kana and kanji.
func japaneseRegistry(t *testing.T) *fonts.Registry {
	const droid = "../../assets/fonts/droid-sans-fallback/DroidSansFallbackFull.ttf"
	return extraFonts(t, "", map[string]string{"Hani": droid, "Hira": droid, "Kana": droid})
}

// TestPhrases checks the BudouX models split real headlines where a reader
// would.
func TestPhrases(t *testing.T) {
	for _, c := range []struct{ lang, marked string }{
		{"ja", "送る|前に|考えよう"},
		{"ja", "写真は|一度|送ったら|取り戻せません"},
		{"zh-Hans", "照片|一旦|发出，|就|再|也|收不|回来|了。"},
		{"zh-Hant", "可能|發生|的|後果"},
		{"zh-TW", "可能|發生|的|後果"},
	} {
		checkPhrases(t, c.lang, c.marked, PhraseStarts)
	}
	if phraseModelFor("ko") != nil || phraseModelFor("en") != nil {
		t.Error("a phrase model for a language BudouX has none for")
	}
}

// checkPhrases checks the phrases starts finds in marked's text against
// its marks ("|" where a phrase starts).
func checkPhrases(t *testing.T, lang, marked string, starts func(text []rune, lang string) []bool) {
	t.Helper()
	text, want := thaiWordsOf(marked)
	var got []int
	for i, s := range starts([]rune(text), lang) {
		if s && i > 0 {
			got = append(got, i)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("%s %s: phrases start at %v, want %v (%s)", lang, text, got, want, marked)
	}
}

// TestChinesePhrasesJoined: a display paragraph's Chinese phrases join
// each of the model's one-character phrases to its neighbours
// (joinSingles); a phrase starts after punctuation and at a Latin word
// (clauses). A break after punctuation is UAX #14's, not a phrase start
// ("发送前，先想一想" still breaks after "，").
func TestChinesePhrasesJoined(t *testing.T) {
	for _, c := range []struct{ lang, marked string }{
		{"zh-Hans", "发送前，先想一想"},
		{"zh-Hant", "傳送前，|先想一想"},
		{"zh-Hans", "照片|一旦|发出，就再也收不|回来了。"},
		{"zh-Hans", "为一张照片|担心？请免费拨打|Childline：0800 1111。"}, // between Latin and digits UAX #14 breaks
		{"zh-Hant", "照片|一旦|發出，就再也收不|回來了。"},
		{"zh-Hant", "遇到|緊急|情況，請一定要撥打|999。"},
		{"zh-Hans", "面向因自己|发送或收到的图像而感到|难过或担忧的青少年。"},
		{"zh-Hant", "請撥打101"},
		{"zh-Hans", "请拨打0333 240 1727"},
		{"zh-Hant", "可能|發生的後果"},
		{"ja", "送る|前に|考えよう"}, // Japanese phrases are the model's
	} {
		checkPhrases(t, c.lang, c.marked, func(text []rune, lang string) []bool { return phraseModelFor(lang).phraseStarts(text) })
	}
}

// TestChineseHeadlineBreaksBetweenPhrases wraps the DL's Chinese headline
// at every width from its widest phrase to one line: it breaks after
// "，" or not at all, never "发送前，先 / 想一想" (the model's phrase "先"
// left at a line's end), and Measure agrees with Wrap.
func TestChineseHeadlineBreaksBetweenPhrases(t *testing.T) {
	reg := registry(t)
	s := NewSetter(reg)
	const size = 24.0
	for _, c := range []struct{ lang, marked string }{
		{"zh-Hans", "发送前，|先想一想"},
		{"zh-Hant", "傳送前，|先想一想"},
	} {
		text, bounds := thaiWordsOf(c.marked)
		head := setDisplay(t, s, reg, text, c.lang, true)
		one := s.Wrap(head, size, 1e4, 1.2).Lines[0].Width
		for w := widestWord(head, size); w < one; w++ {
			p := checkExact(t, s, head, size, w)
			for _, b := range breaks(text, p) {
				if !slices.Contains(bounds, b) {
					t.Errorf("%s in %.0fpt: breaks inside a phrase: %q", text, w, lineTexts(p))
				}
			}
		}
	}
}

// TestJapaneseHeadlineBreaksBetweenPhrases wraps a Japanese headline at
// every width from its longest phrase to one line: as display type it
// breaks only between phrases (送る|前に|考えよう, never 考|えよう), as body
// text it breaks inside them at some width, and Measure agrees with Wrap.
func TestJapaneseHeadlineBreaksBetweenPhrases(t *testing.T) {
	reg := japaneseRegistry(t)
	s := NewSetter(reg)
	const size = 24.0
	for _, marked := range []string{"送る|前に|考えよう", "写真は|一度|送ったら|取り戻せません", "困ったら|いつでも|電話してください。"} {
		text, bounds := thaiWordsOf(marked)
		head := setDisplay(t, s, reg, text, "ja", true)
		body := setDisplay(t, s, reg, text, "ja", false)
		one := s.Wrap(head, size, 1e4, 1.2).Lines[0].Width
		inside := false
		for w := widestWord(head, size); w < one; w++ {
			p := checkExact(t, s, head, size, w)
			if p.Overfull {
				t.Errorf("%s in %.0fpt: overfull", text, w)
			}
			for _, b := range breaks(text, p) {
				if !slices.Contains(bounds, b) {
					t.Errorf("%s in %.0fpt: breaks inside a phrase: %q", text, w, lineTexts(p))
				}
			}
			for _, b := range breaks(text, checkExact(t, s, body, size, w)) {
				inside = inside || !slices.Contains(bounds, b)
			}
		}
		if !inside {
			t.Errorf("%s: body text never broke inside a phrase either: the test proves nothing", text)
		}
	}
}

// TestDisplayFallsBackForLongWords: a display paragraph whose word or
// phrase is wider than the box is set as body text is (broken between
// syllables or characters) rather than overfull, and Measure agrees.
func TestDisplayFallsBackForLongWords(t *testing.T) {
	reg := japaneseRegistry(t)
	s := NewSetter(reg)
	head := setDisplay(t, s, reg, "取り戻せません", "ja", true)
	width := widestWord(head.loose, 20) * 3
	p := checkExact(t, s, head, 20, width)
	if p.Overfull || len(p.Lines) < 2 {
		t.Errorf("a phrase wider than the box: %d lines, overfull %v", len(p.Lines), p.Overfull)
	}
	if _, _, over := head.Overwide(20, width); over {
		t.Error("Overwide reports a word that the body setting breaks")
	}
	for _, l := range lineTexts(p) {
		if strings.ContainsFunc(l, func(r rune) bool { return r == wordJoiner || unicode.Is(unicode.Cf, r) }) {
			t.Errorf("line %q holds an inserted character", l)
		}
	}
}

// TestGlueStaysInItsRun: the word joiners a heading's glue inserts draw
// nothing and stay in the run of the text around them, though the CJK
// fonts lack U+2060 and Noto Sans, later in their chains, has it (go-text's
// segmenter keeps a default-ignorable character in the run it sits in):
// the heading is shaped in the same runs and faces as the body text, not
// split at every glued gap.
func TestGlueStaysInItsRun(t *testing.T) {
	for _, c := range []struct {
		reg        *fonts.Registry
		lang, text string
	}{
		{registry(t), "zh-Hant", "傳送前，先想一想"},
		{japaneseRegistry(t), "ja", "写真は一度送ったら取り戻せません"},
		{hangulRegistry(t, false), "ko", "보내기 전에 생각하세요"},
	} {
		s := NewSetter(c.reg)
		head := setDisplay(t, s, c.reg, c.text, c.lang, true)
		if head.loose == nil {
			t.Fatalf("%s: no glue inserted", c.text)
		}
		faces := func(sh *Shaped) []string {
			var out []string
			for _, o := range sh.runs {
				out = append(out, sh.faceOf(o).Family.ID)
			}
			return out
		}
		if got, want := faces(head), faces(head.loose); !slices.Equal(got, want) {
			t.Errorf("%s: heading runs in %q, body text in %q", c.text, got, want)
		}
	}
}

// TestKoreanBodyKeepsWordStart: Korean body text that would end with a
// short last line after a break inside a word takes whole words down to
// it, at the space before them, while the line before keeps two words
// ("Cumbria 아동 보호 센 / 터" is set "Cumbria 아동 / 보호 센터", not
// "Cumbria 아동 보호 / 센터"; "보내기 전에 생각하세 / 요" is set "보내기 전에
// / 생각하세요"), in as many lines as Measure counts; where the line
// before holds one word, a syllable alone still takes one more down
// (keepCompany).
func TestKoreanBodyKeepsWordStart(t *testing.T) {
	reg := hangulRegistry(t, false)
	s := NewSetter(reg)
	const size = 10.0
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Cumbria 아동 보호 센터", []string{"Cumbria 아동", "보호 센터"}},
		{"보내기 전에 생각하세요", []string{"보내기 전에", "생각하세요"}},
		{"생각하세요", []string{"생각하", "세요"}},
	} {
		body := setDisplay(t, s, reg, c.text, "ko", false)
		width := s.Wrap(body, size, 1e4, 1.2).Lines[0].Width - size*0.5
		if got := lineTexts(checkExact(t, s, body, size, width)); !slices.Equal(got, c.want) {
			t.Errorf("%q in %.1fpt: lines %q, want %q", c.text, width, got, c.want)
		}
	}
}
