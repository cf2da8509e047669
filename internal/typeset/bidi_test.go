package typeset

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// visual returns what a line shows from left to right, as characters: for
// each glyph in visual order, the characters of its cluster the first time
// the cluster is met, reversed in a right-to-left run. A right-to-left word
// drawn correctly shows as its reverse; "0800 1111" shows as itself when
// its digits stay in order.
func visual(l Line) string {
	var b strings.Builder
	for _, r := range l.Runs {
		src := []rune(r.Source)
		starts := make([]int, 0, len(r.Glyphs))
		for _, g := range r.Glyphs {
			starts = append(starts, g.Cluster)
		}
		slices.Sort(starts)
		starts = slices.Compact(starts)
		seen := map[int]bool{}
		for _, g := range r.Glyphs {
			if seen[g.Cluster] || g.Cluster < 0 || g.Cluster >= len(src) {
				continue
			}
			seen[g.Cluster] = true
			end := len(src)
			if k, _ := slices.BinarySearch(starts, g.Cluster); k+1 < len(starts) {
				end = starts[k+1]
			}
			c := slices.Clone(src[g.Cluster:end])
			if r.RTL {
				slices.Reverse(c)
			}
			b.WriteString(string(c))
		}
	}
	return b.String()
}

func reverse(s string) string {
	r := []rune(s)
	slices.Reverse(r)
	return string(r)
}

// checkPlacedOnce fails unless the lines' sources, in reading order, give
// back text with only white space dropped at line ends: every character
// placed exactly once, in logical order.
func checkPlacedOnce(t *testing.T, text string, p *Para) {
	t.Helper()
	// Runs' sources spell no-break spaces as spaces, and controls as the
	// characters Shape maps them to (controls.go).
	src := normalizeControls([]rune(strings.ReplaceAll(text, "\u00a0", " ")))
	pos := 0
	for i, l := range lineTexts(p) {
		lr := []rune(l)
		// The line starts here, or after white space trimmed from the end
		// of the line before (the line itself may start with white space).
		at := pos
		for !slices.Equal(src[at:min(len(src), at+len(lr))], lr) {
			if at == len(src) || !unicode.IsSpace(src[at]) {
				t.Errorf("line %d reads %q, want the text from rune %d: %q", i, l, pos, string(src[pos:]))
				return
			}
			at++
		}
		pos = at + len(lr)
		if strings.HasSuffix(l, " ") || strings.HasSuffix(l, "\u3000") {
			t.Errorf("line %d %q keeps the space it ends in", i, l)
		}
	}
	for pos < len(src) && unicode.IsSpace(src[pos]) { // trimmed from the last line
		pos++
	}
	if pos != len(src) {
		t.Errorf("lines end at rune %d of %d: %q never placed", pos, len(src), string(src[pos:]))
	}
}

// breaks returns the rune offsets in text where a new line starts.
func breaks(text string, p *Para) []int {
	src := normalizeControls([]rune(strings.ReplaceAll(text, "\u00a0", " ")))
	var out []int
	pos := 0
	for i, l := range lineTexts(p) {
		lr := []rune(l)
		for pos < len(src) && !slices.Equal(src[pos:min(len(src), pos+len(lr))], lr) {
			pos++
		}
		if i > 0 {
			out = append(out, pos)
		}
		pos += len(lr)
	}
	return out
}

// A variant is one side of a bidi pair: a sentence, its direction, and
// what its one wide line must show from left to right.
type variant struct {
	lang string
	rtl  bool
	text string
	// order lists pieces of the line as seen from left to right (use
	// reverse for a right-to-left word); each must appear after the one
	// before it.
	order []string
	// whole are pieces never split across lines.
	whole []string
}

// bidiPairs are the bidi cases of issue 3, each as a left-to-right
// sentence and a right-to-left one with the same embedded piece.
var bidiPairs = []struct {
	name     string
	ltr, rtl variant
}{
	{
		name: "phone number",
		ltr: variant{lang: "en", text: "Call Childline free on 0800\u00a01111 at any time.",
			order: []string{"Call", "free", "0800 1111", "time."}, whole: []string{"0800 1111"}},
		rtl: variant{lang: "ar", rtl: true, text: "اتصل بخط المساعدة مجانًا على 0800\u00a01111 في أي وقت.",
			order: []string{reverse("وقت."), reverse("في"), "0800 1111", reverse("على"), reverse("اتصل")}, whole: []string{"0800 1111"}},
	},
	{
		name: "emergency number at the end",
		ltr: variant{lang: "en", text: "In an emergency, always call 999.",
			order: []string{"In", "emergency,", "call", "999."}},
		rtl: variant{lang: "ur", rtl: true, text: "ہنگامی صورتِ حال میں ہمیشہ 999 پر کال کریں۔",
			order: []string{reverse("کریں۔"), reverse("پر"), "999", reverse("ہمیشہ"), reverse("ہنگامی")}},
	},
	{
		name: "Latin brand names",
		ltr: variant{lang: "en", text: "Report it to CEOP or Childline online.",
			order: []string{"Report", "CEOP", "Childline", "online."}},
		rtl: variant{lang: "ur", rtl: true, text: "آن لائن CEOP یا Childline کو رپورٹ کریں۔",
			order: []string{reverse("کریں۔"), reverse("رپورٹ"), "Childline", reverse("یا"), "CEOP", reverse("لائن"), reverse("آن")}},
	},
	{
		name: "two Latin words together",
		ltr: variant{lang: "en", text: "Ask the Cumbria Police team for help.",
			order: []string{"Ask", "Cumbria Police", "help."}, whole: []string{"Cumbria"}},
		rtl: variant{lang: "ar", rtl: true, text: "حملة من تنظيم Cumbria Police لمكافحة الاعتداء.",
			order: []string{reverse("الاعتداء."), reverse("لمكافحة"), "Cumbria Police", reverse("تنظيم"), reverse("حملة")}, whole: []string{"Cumbria"}},
	},
	{
		name: "number with a Latin word and brackets",
		ltr: variant{lang: "en", text: "Police (non-emergency): call 101 today.",
			order: []string{"Police", "(non-emergency):", "101", "today."}},
		rtl: variant{lang: "ar", rtl: true, text: "الشرطة (لغير الطوارئ): اتصل بالرقم 101 اليوم.",
			order: []string{reverse("اليوم."), "101", reverse("بالرقم"), reverse("الطوارئ)"), reverse("(لغير"), reverse("الشرطة")}},
	},
	{
		name: "phone number typed with plain spaces",
		ltr: variant{lang: "en", text: "Call Childline free on 0800 1111 at any time.",
			order: []string{"Call", "free", "0800 1111", "time."}, whole: []string{"0800 1111"}},
		rtl: variant{lang: "he", rtl: true, text: "התקשרו אל Childline בחינם 0800 1111 בכל שעה.",
			order: []string{reverse("שעה."), reverse("בכל"), "0800 1111", reverse("בחינם"), "Childline", reverse("התקשרו")}, whole: []string{"0800 1111"}},
	},
}

// TestBidiPairs sets each pair on one wide line and checks the visual
// order of words, numbers and Latin names (Unicode Bidirectional
// Algorithm); then wraps it at every width from wide to a word wide and
// checks that lines break only at spaces (or after a hyphen, UAX #14 class HY), never inside the pieces that must
// stay whole, fit the width, and place every character once.
func TestBidiPairs(t *testing.T) {
	s := NewSetter(registry(t))
	const size = 12
	for _, pc := range bidiPairs {
		for _, v := range []variant{pc.ltr, pc.rtl} {
			dir := "ltr"
			if v.rtl {
				dir = "rtl"
			}
			t.Run(pc.name+"/"+dir, func(t *testing.T) {
				sh, p := set(t, s, v.text, v.lang, v.rtl, size, 1e4)
				if len(p.Lines) != 1 {
					t.Fatalf("%d lines on a wide line, want 1", len(p.Lines))
				}
				if p.RTL != v.rtl {
					t.Errorf("paragraph RTL = %v, want %v", p.RTL, v.rtl)
				}
				checkPlacedOnce(t, v.text, p)
				got := visual(p.Lines[0])
				at := 0
				for _, piece := range v.order {
					i := strings.Index(got[at:], piece)
					if i < 0 {
						t.Errorf("visual line %q: %q is not right of the previous piece (from byte %d)", got, piece, at)
						break
					}
					at += i + len(piece)
				}
				// Runs are in visual order, left to right, without gaps,
				// after the room the paragraph's ink needs on the left.
				x := sh.padL * size / em
				for i, r := range p.Lines[0].Runs {
					if d := r.X - x; d > 1e-6 || d < -1e-6 {
						t.Errorf("run %d (%q) at x=%.3f, want %.3f after the runs left of it", i, r.Source, r.X, x)
					}
					x += r.Width
				}

				// Every width from the whole line down to its widest word.
				wide := p.Lines[0].Width
				minW := widestWord(sh, size)
				for w := wide; w >= minW; w -= 3 {
					q := s.Wrap(sh, size, w, 1.2)
					if q.Overfull {
						t.Errorf("width %.1f: overfull, though no word is wider than %.1f", w, minW)
					}
					for i, l := range q.Lines {
						if l.Width > w+0.01 {
							t.Errorf("width %.1f: line %d is %.2f wide", w, i, l.Width)
						}
					}
					checkPlacedOnce(t, v.text, q)
					src := []rune(v.text)
					plain := strings.ReplaceAll(v.text, "\u00a0", " ")
					for _, b := range breaks(v.text, q) {
						if !(unicode.IsSpace(src[b-1]) && src[b-1] != '\u00a0' || src[b-1] == '-') {
							t.Errorf("width %.1f: line starts at rune %d (%q), not after a space or hyphen", w, b, string(src[b:]))
						}
						for _, piece := range v.whole {
							i := strings.Index(plain, piece)
							start := len([]rune(plain[:i]))
							if b > start && b < start+len([]rune(piece)) {
								t.Errorf("width %.1f: a line break splits %q", w, piece)
							}
						}
					}
					h, over := sh.Measure(size, w, 1.2)
					if d := h - q.Height; d > 1e-6 || d < -1e-6 || over != q.Overfull {
						t.Errorf("width %.1f: Measure says height %.3f overfull %v, Wrap %.3f %v", w, h, over, q.Height, q.Overfull)
					}
				}
			})
		}
	}
}

// TestBracketsMirrorInRTL checks that a bracket in right-to-left text is
// drawn with its mirrored glyph (the UBA's rule L4): "(" opening an aside
// that reads leftwards looks like ")" in a left-to-right face, and in the
// left-to-right sentence it stays "(".
func TestBracketsMirrorInRTL(t *testing.T) {
	s := NewSetter(registry(t))
	for _, v := range []variant{bidiPairs[4].ltr, bidiPairs[4].rtl} {
		_, p := set(t, s, v.text, v.lang, v.rtl, 12, 1e4)
		found := false
		for _, r := range p.Lines[0].Runs {
			src := []rune(r.Source)
			open, _ := r.Face.NominalGlyph('(')
			shut, _ := r.Face.NominalGlyph(')')
			for _, g := range r.Glyphs {
				if g.Cluster >= len(src) || src[g.Cluster] != '(' {
					continue
				}
				found = true
				want := open
				if r.RTL {
					want = shut
				}
				if uint16(want) != g.ID {
					t.Errorf("%s: '(' in a run with RTL=%v drawn as glyph %d, want %d", v.lang, r.RTL, g.ID, want)
				}
				if r.RTL != v.rtl {
					t.Errorf("%s: the bracket's run has RTL=%v in a paragraph with RTL=%v", v.lang, r.RTL, v.rtl)
				}
			}
		}
		if !found {
			t.Errorf("%s: no glyph draws '('", v.lang)
		}
	}
}
