package typeset

import (
	"slices"
	"testing"
)

// TestControlsInMessages sets messages holding the control characters a
// translator may type. A new line (LF, CR LF, CR, U+2029) is a line break
// and keeps the text after it (go-text's segmenter used to drop it and the
// wrapper then panicked); a tab is a space; no glyph drawn is .notdef (a
// box), in every script's font; the lines read as written.
func TestControlsInMessages(t *testing.T) {
	s := NewSetter(registry(t))
	cases := []struct {
		lang  string
		rtl   bool
		text  string
		lines []string
	}{
		{"en", false, "Think before\nyou send", []string{"Think before", "you send"}},
		{"en", false, "Think before\r\nyou send", []string{"Think before", "you send"}},
		{"en", false, "Think before\ryou\u2029send", []string{"Think before", "you", "send"}},
		{"en", false, "Call\t101", []string{"Call 101"}},
		{"en", false, "Call\v101\f999", []string{"Call", "101", "999"}},
		{"ar", true, "فكّر قبل\nأن ترسل", []string{"فكّر قبل", "أن ترسل"}},
		{"ur", true, "بھیجنے سے\nپہلے سوچیں", []string{"بھیجنے سے", "پہلے سوچیں"}},
		{"bn", false, "পাঠানোর আগে\nভাবুন", []string{"পাঠানোর আগে", "ভাবুন"}},
		{"zh-Hans", false, "发送前\n请三思", []string{"发送前", "请三思"}},
		{"th", false, "คิดก่อน\nส่ง", []string{"คิดก่อน", "ส่ง"}},
	}
	for _, c := range cases {
		sh, p := set(t, s, c.text, c.lang, c.rtl, 12, 1e4)
		if got := lineTexts(p); !slices.Equal(got, c.lines) {
			t.Errorf("%q: lines %q, want %q", c.text, got, c.lines)
		}
		for _, l := range p.Lines {
			for _, r := range l.Runs {
				for _, g := range r.Glyphs {
					if g.ID == 0 {
						t.Errorf("%q: run %q draws .notdef", c.text, r.Source)
					}
				}
			}
		}
		if h, _ := sh.Measure(12, 1e4, 1.2); h != p.Height {
			t.Errorf("%q: Measure height %.3f, Wrap %.3f", c.text, h, p.Height)
		}
	}
}

// TestEmptyParagraph checks that an empty message shapes and wraps to no
// lines (go-text's shaper fails on empty input).
func TestEmptyParagraph(t *testing.T) {
	s := NewSetter(registry(t))
	for _, rtl := range []bool{false, true} {
		sh, p := set(t, s, "", "en", rtl, 12, 100)
		if len(p.Lines) != 0 || p.Height != 0 {
			t.Errorf("rtl=%v: %d lines, height %v", rtl, len(p.Lines), p.Height)
		}
		if h, over := sh.Measure(12, 100, 1.2); h != 0 || over {
			t.Errorf("rtl=%v: Measure %v %v", rtl, h, over)
		}
	}
}
