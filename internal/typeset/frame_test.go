package typeset

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// checkFrame wraps sh at size in the frame f with leading 1.35 and checks
// what WrapFrame promises: MeasureFrame agrees with it, each line is no
// wider than its own width, the lines whose ink may reach above the
// frame's Depth (and only those) are narrowed and carry its Indent, and
// the lines read the paragraph.
func checkFrame(t *testing.T, s *Setter, sh *Shaped, size float64, f Frame) *Para {
	t.Helper()
	const leading = 1.35
	p := s.WrapFrame(sh, size, f, leading)
	h, over := sh.MeasureFrame(size, f, leading)
	if math.Abs(h-p.Height) > 1e-6 || over != p.Overfull {
		t.Errorf("%q at %.1fpt in %+v: MeasureFrame says %.3f %v, WrapFrame %.3f %v", sh.source(0, len(sh.text)), size, f, h, over, p.Height, p.Overfull)
	}
	rise := sh.pick(size, f.narrowest()).lineWidths(size, leading, f).rise
	top := 0.0
	for i, l := range p.Lines {
		beside := top+rise < f.Depth
		want, in := f.Width, 0.0
		if beside {
			want, in = f.Width-f.Indent, f.Indent
		}
		if l.Indent != in {
			t.Errorf("%q line %d (ink from %.1fpt, depth %.1f): indent %.1f, want %.1f", lineTexts(p), i, top+rise, f.Depth, l.Indent, in)
		}
		if l.Width > want+0.01 {
			t.Errorf("%q line %d: %.2f wide in %.2f", lineTexts(p), i, l.Width, want)
		}
		top += l.Height
	}
	bare := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if got, want := strings.Join(lineTexts(p), " "), sh.source(0, len(sh.text)); bare(got) != bare(want) {
		t.Errorf("the lines read %q, want %q", got, want)
	}
	return p
}

// TestFrameWrapsAround sets a paragraph with a run-in head beside an
// inset three lines deep, left to right and right to left: the first
// lines are as the paragraph set in the narrow width alone, each
// carrying the indent (at the start edge: the left in English, the right
// in Urdu, Para.RTL), and the lines below take the full width, so the
// paragraph takes fewer lines than in the narrow width.
func TestFrameWrapsAround(t *testing.T) {
	for _, tc := range []struct {
		lang string
		rtl  bool
		text string
	}{
		{"en-GB", false, "You lose control. Anything you send can be saved, copied and passed on without you knowing. It can end up on social media and be used to bully or harass you, or even to find where you are."},
		{"ur", true, "آپ کا اختیار ختم ہو جاتا ہے۔ آپ جو کچھ بھی بھیجتے ہیں، اسے آپ کے علم کے بغیر محفوظ کیا، کاپی کیا اور آگے بھیجا جا سکتا ہے۔ یہ سوشل میڈیا پر پہنچ سکتا ہے اور آپ کو تنگ کرنے یا ہراساں کرنے کے لیے، یہاں تک کہ یہ معلوم کرنے کے لیے بھی استعمال ہو سکتا ہے کہ آپ کہاں ہیں۔"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			s := NewSetter(registry(t))
			st := style(t, tc.lang, tc.rtl)
			st.Head = Head{Fonts: registry(t).Fontmap(tc.lang, true), Runes: RunInHead(tc.text)}
			sh, err := s.Shape(tc.text, st)
			if err != nil {
				t.Fatal(err)
			}
			const size, width, indent = 12.0, 260.0, 50.0
			narrow := lineTexts(s.Wrap(sh, size, width-indent, 1.35))
			full := s.Wrap(sh, size, width, 1.35)
			// The inset reaches to just above the fourth line: three lines
			// beside it.
			depth := full.Lines[0].Height + full.Lines[1].Height + full.Lines[2].Height - 1
			p := checkFrame(t, s, sh, size, Frame{Width: width, Indent: indent, Depth: depth})
			if p.RTL != tc.rtl {
				t.Errorf("RTL %v, want %v: the indent is at the start edge", p.RTL, tc.rtl)
			}
			got := lineTexts(p)
			if len(got) < 5 || !slices.Equal(got[:3], narrow[:3]) {
				t.Fatalf("lines %q: want the first three as in the narrow width alone, %q", got, narrow)
			}
			for i, l := range p.Lines {
				if (i < 3) != (l.Indent == indent) {
					t.Errorf("line %d %q: indent %.1f", i, got[i], l.Indent)
				}
			}
			wide := slices.ContainsFunc(p.Lines[3:len(p.Lines)-1], func(l Line) bool { return l.Width > width-indent+1 })
			if !wide || len(got) > len(narrow) {
				t.Errorf("lines %q: the lines below the inset do not take the full width (%d lines, %d in the narrow width)", got, len(got), len(narrow))
			}
		})
	}
}

// TestFrameSweep sets body text, with a run-in head and without, and a
// heading in frames of many widths and depths: Measure and Wrap agree,
// every line keeps to its own width, the last-line rule and balancing
// still hold their line counts.
func TestFrameSweep(t *testing.T) {
	s := NewSetter(registry(t))
	en := "It can break the law. A sexual image of anyone under 18 is a child abuse image, even if they took it themselves. Taking it, receiving it and passing it on can all be criminal offences."
	zh := "这可能触犯法律。任何未满18岁者的性图像都属于儿童性虐待图像，即使是本人自己拍摄的也不例外。"
	var shs []*Shaped
	for _, c := range []struct {
		text, lang    string
		head, display bool
	}{{en, "en-GB", true, false}, {en, "en-GB", false, false}, {zh, "zh-Hans", true, false}, {"Look in on your neighbours this winter", "en", false, true}} {
		st := style(t, c.lang, false)
		st.Display = c.display
		if c.head {
			st.Head = Head{Fonts: registry(t).Fontmap(c.lang, true), Runes: RunInHead(c.text)}
		}
		sh, err := s.Shape(c.text, st)
		if err != nil {
			t.Fatal(err)
		}
		shs = append(shs, sh)
	}
	for _, sh := range shs {
		for width := 150.0; width <= 400; width += 17 {
			for _, depth := range []float64{0, 10, 30, 45} {
				p := checkFrame(t, s, sh, 12, Frame{Width: width, Indent: 40, Depth: depth})
				if n := len(p.Lines); sh.style.Display && n > 1 {
					if plain := s.Wrap(sh, 12, width, 1.35); depth == 0 && len(plain.Lines) != n {
						t.Errorf("%q in %.0f: %d lines, %d plain", lineTexts(p), width, n, len(plain.Lines))
					}
				}
			}
		}
	}
}
