package typeset

import (
	"math"
	"strings"
	"testing"
)

func TestRunInHead(t *testing.T) {
	for _, tc := range []struct {
		text, head string
	}{
		{"You lose control. Anything you send can be saved, copied and passed on.", "You lose control. "},
		{"Sextortion. Criminals may threaten to post an intimate picture online.", "Sextortion. "},
		{"Is it safe? Not once it is sent, whatever the app promises.", "Is it safe? "},
		{`"Stop!" she said, and he stopped replying to the messages.`, `"Stop!" `},
		{"你会失去控制。你发送的任何内容都可能被保存、复制和转发。", "你会失去控制。"},
		{"آپ کا اختیار ختم ہو جاتا ہے۔ آپ جو کچھ بھی بھیجتے ہیں، اسے آپ کے علم کے بغیر محفوظ کیا جا سکتا ہے۔", "آپ کا اختیار ختم ہو جاتا ہے۔ "},
		{"هل هو آمن؟ ليس بعد إرساله، مهما وعد التطبيق بغير ذلك.", "هل هو آمن؟ "},
		{"यह अपराध हो सकता है। अठारह वर्ष से कम आयु के किसी की तस्वीर भेजना अपराध है।", "यह अपराध हो सकता है। "},
		// No head: one sentence, a first sentence longer than the rest,
		// a full stop inside a number, none at all.
		{"Think before you send.", ""},
		{"Anything you send can be saved, copied and passed on without you knowing. Stop.", ""},
		{"Version 3.5 of the app keeps copies of every picture you send to anyone", ""},
		{"", ""},
	} {
		n := RunInHead(tc.text)
		if got := string([]rune(tc.text)[:n]); got != tc.head {
			t.Errorf("RunInHead(%q) = %d (%q), want %q", tc.text, n, got, tc.head)
		}
	}
}

// TestRunInHeadSet sets a paragraph with its first sentence as a run-in
// head, left to right and right to left: the runs drawn in a bold face
// read the head, the others the rest, and the lines read the paragraph.
func TestRunInHeadSet(t *testing.T) {
	for _, tc := range []struct {
		lang string
		rtl  bool
		text string
	}{
		{"en-GB", false, "It can break the law. A sexual image of anyone under 18 is a child abuse image, even if they took it themselves."},
		{"ur", true, "یہ قانون کی خلاف ورزی ہو سکتی ہے۔ اٹھارہ سال سے کم عمر کسی بھی فرد کی جنسی تصویر بچوں کے جنسی استحصال کی تصویر ہے۔"},
		{"zh-Hans", false, "这可能触犯法律。任何未满18岁者的性图像都属于儿童性虐待图像，即使是本人自己拍摄的也不例外。"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			s := NewSetter(registry(t))
			st := style(t, tc.lang, tc.rtl)
			n := RunInHead(tc.text)
			st.Head = Head{Fonts: registry(t).Fontmap(tc.lang, true), Runes: n}
			sh, err := s.Shape(tc.text, st)
			if err != nil {
				t.Fatal(err)
			}
			p := s.Wrap(sh, 12, 200, 1.3)
			var bold, regular, all strings.Builder
			for _, l := range p.Lines {
				for _, r := range l.Runs {
					if r.Face.Bold {
						bold.WriteString(r.Source)
					} else {
						regular.WriteString(r.Source)
					}
				}
				all.WriteString(logical(l))
			}
			head := []rune(tc.text)[:n]
			if got, want := strings.TrimSpace(bold.String()), strings.TrimSpace(string(head)); got != want {
				t.Errorf("bold runs read %q, want the head %q", got, want)
			}
			if regular.Len() == 0 {
				t.Error("no run in the regular weight")
			}
			if got, want := strings.ReplaceAll(all.String(), " ", ""), strings.ReplaceAll(tc.text, " ", ""); got != want {
				t.Errorf("lines read %q, want %q", got, want)
			}
			if len(sh.Unbold()) != 0 {
				t.Errorf("Unbold() = %v, want none: every bundled script has a bold", sh.Unbold())
			}
		})
	}
}

// TestUnbold: Noto Sans Yi has no bold, so Yi text set bold is reported
// with its face; Latin set bold is not.
func TestUnbold(t *testing.T) {
	s := NewSetter(registry(t))
	st := style(t, "en-GB", false)
	st.Fonts = registry(t).Fontmap("en-GB", true)
	sh, err := s.Shape("Yi ꀀꀁꀂ", st)
	if err != nil {
		t.Fatal(err)
	}
	got := sh.Unbold()
	if len(got) != 1 || got[0].Face.Family.ID != "noto-sans-yi" || !strings.Contains(got[0].Text, "ꀀ") {
		t.Fatalf("Unbold() = %+v, want Noto Sans Yi drawing ꀀꀁꀂ", got)
	}
	if sh, _ := s.Shape("Latin only", st); len(sh.Unbold()) != 0 {
		t.Errorf("Unbold() of Latin = %+v, want none", sh.Unbold())
	}
}

// TestRunInHeadGrowsItsLineOnly: a bold Nastaliq head reaches higher than
// the regular text, so the line it is on grows to its ink; the other
// lines grow only to their own ink (no taller than the paragraph set
// without a head), and Measure, which counts lines, agrees with Wrap.
func TestRunInHeadGrowsItsLineOnly(t *testing.T) {
	const text = "یہ قانون کی خلاف ورزی ہو سکتی ہے۔ اٹھارہ سال سے کم عمر کسی بھی فرد کی جنسی تصویر بچوں کے جنسی استحصال کی تصویر ہے، چاہے وہ تصویر اس نے خود ہی کھینچی ہو۔"
	s := NewSetter(registry(t))
	st := style(t, "ur", true)
	plain, err := s.Shape(text, st)
	if err != nil {
		t.Fatal(err)
	}
	st.Head = Head{Fonts: registry(t).Fontmap("ur", true), Runes: RunInHead(text)}
	headed, err := s.Shape(text, st)
	if err != nil {
		t.Fatal(err)
	}
	const size, width, leading = 13.3, 200.0, 1.35
	p, h := s.Wrap(plain, size, width, leading), s.Wrap(headed, size, width, leading)
	if len(p.Lines) != len(h.Lines) || len(h.Lines) < 3 {
		t.Fatalf("%d lines with the head, %d without: want the same, at least 3", len(h.Lines), len(p.Lines))
	}
	if h.Lines[0].Height <= p.Lines[0].Height {
		t.Errorf("the head's line is %.2f pt high, the regular one %.2f: want it taller (bold Nastaliq reaches higher)", h.Lines[0].Height, p.Lines[0].Height)
	}
	for i := 1; i < len(h.Lines); i++ {
		if h.Lines[i].Height > p.Lines[i].Height+1e-9 {
			t.Errorf("line %d: %.2f pt high with a head on line 1, %.2f without: want no taller", i+1, h.Lines[i].Height, p.Lines[i].Height)
		}
	}
	if m, _ := headed.Measure(size, width, leading); math.Abs(m-h.Height) > 1e-6 {
		t.Errorf("Measure = %.3f pt, Wrap's lines %.3f", m, h.Height)
	}
}
