package typeset_test

import (
	"fmt"
	"math"
	"testing"

	"github.com/handbill/handbill/internal/testtool"
	"github.com/handbill/handbill/internal/typeset"
)

// TestOwnInk sets helpline phrases of the bundled locales whose fonts'
// leading (fonts.yaml) is above the roles' (Nastaliq 1.9, Bengali and
// Gurmukhi 1.499) with Shaped.OwnInk at a heading's 1.15 and a small
// text's 1.3, narrow enough for several lines, and checks with the fonts'
// own glyph extents that no glyph's ink crosses its line's box and that
// consecutive lines' ink never touch; and that the lines are closer than
// at the family's leading where the phrase's ink allows (the Bengali and
// Gurmukhi number lines: 0.77 and 0.91 em of ink). Setter.Ink gives each
// glyph's ink as the fonts' extents do.
func TestOwnInk(t *testing.T) {
	_, _, reg := testtool.Bundled(t)
	s := typeset.NewSetter(reg)
	for i, c := range []struct {
		lang, text string
		bold       bool
		leading    float64
		closer     bool // the family's leading is above the ink
	}{
		{"ur", "0800 1111 ملائیں 0333 240 1727 ملائیں 101 ملائیں", true, 1.15, true},
		{"ur", "ان نوجوانوں کے لیے جو اپنی بھیجی ہوئی یا موصول ہونے والی کسی تصویر کی وجہ سے پریشان یا فکرمند ہیں۔ کالیں خفیہ رکھی جاتی ہیں۔", false, 1.3, false},
		{"ur", "Cumbria کا مرکز برائے تحفظِ اطفال پولیس (غیر ہنگامی)", true, 1.35, false},
		{"bn", "0800 1111 নম্বরে কল করুন 0333 240 1727 নম্বরে কল করুন", true, 1.15, true},
		{"bn", "নিজের পাঠানো বা পাওয়া কোনো ছবি নিয়ে যেসব তরুণ-তরুণী বিচলিত বা চিন্তিত, তাদের জন্য। কলগুলো গোপনীয়।", false, 1.3, true},
		{"pa", "0800 1111 ’ਤੇ ਕਾਲ ਕਰੋ 0333 240 1727 ’ਤੇ ਕਾਲ ਕਰੋ", true, 1.15, true},
		{"pa", "ਉਨ੍ਹਾਂ ਨੌਜਵਾਨਾਂ ਲਈ ਜੋ ਆਪਣੀ ਭੇਜੀ ਜਾਂ ਮਿਲੀ ਕਿਸੇ ਤਸਵੀਰ ਕਾਰਨ ਪਰੇਸ਼ਾਨ ਜਾਂ ਚਿੰਤਤ ਹਨ। ਕਾਲਾਂ ਗੁਪਤ ਰੱਖੀਆਂ ਜਾਂਦੀਆਂ ਹਨ।", false, 1.3, true},
	} {
		t.Run(fmt.Sprintf("%s/%d", c.lang, i), func(t *testing.T) {
			const size, width = 20.0, 160.0
			rtl := c.lang == "ur"
			sh, err := s.Shape(c.text, typeset.Style{Fonts: reg.Fontmap(c.lang, c.bold), Lang: c.lang, RTL: rtl})
			if err != nil {
				t.Fatal(err)
			}
			own := sh.OwnInk()
			p := s.Wrap(own, size, width, c.leading)
			if len(p.Lines) < 2 {
				t.Fatalf("%d line(s): the test needs consecutive lines", len(p.Lines))
			}
			y, prevBottom := 0.0, math.Inf(-1)
			for i, l := range p.Lines {
				top, bottom := math.Inf(1), math.Inf(-1)
				for _, b := range lineInk(t, l, size, width, y+l.Ascent, rtl) {
					top, bottom = min(top, b.top), max(bottom, b.bottom)
				}
				if top < y-0.01 || bottom > y+l.Height+0.01 {
					t.Errorf("line %d: ink %.2f–%.2f crosses its box %.2f–%.2f (%s)", i, top, bottom, y, y+l.Height, excerpt(l))
				}
				if top <= prevBottom {
					t.Errorf("line %d: ink top %.2f touches the line above, whose ink reaches %.2f", i, top, prevBottom)
				}
				got, want := s.Ink(l, size), lineInk(t, l, size, width, 0, false)
				if len(got) != len(want) {
					t.Fatalf("line %d: Ink gives %d glyphs' ink, the fonts %d", i, len(got), len(want))
				}
				for g := range got {
					if w := want[g]; math.Abs(got[g].Left-w.left)+math.Abs(got[g].Top-w.top)+math.Abs(got[g].Right-w.right)+math.Abs(got[g].Bottom-w.bottom) > 1e-6 {
						t.Errorf("line %d glyph %d: Ink %+v, the font's extents %+v", i, g, got[g], w)
					}
				}
				if up, down := own.LineBox(size, width, c.leading); math.Abs(up-l.Ascent) > 1e-9 || math.Abs(down-l.Descent) > 1e-9 {
					t.Errorf("line %d: LineBox %.3f/%.3f, the line %.3f/%.3f", i, up, down, l.Ascent, l.Descent)
				}
				prevBottom = bottom
				y += l.Height
			}
			h, _ := own.Measure(size, width, c.leading)
			if math.Abs(h-p.Height) > 1e-6 {
				t.Errorf("Measure says %.3f, Wrap %.3f", h, p.Height)
			}
			full := s.Wrap(sh, size, width, c.leading)
			switch {
			case len(full.Lines) != len(p.Lines):
				t.Errorf("%d lines with the family's leading, %d with its own ink", len(full.Lines), len(p.Lines))
			case c.closer && p.Height >= full.Height-0.01:
				t.Errorf("%.1f pt with its own ink, %.1f pt at the family's leading: want closer lines", p.Height, full.Height)
			case p.Height > full.Height+0.01:
				t.Errorf("%.1f pt with its own ink, more than %.1f pt at the family's leading", p.Height, full.Height)
			}
		})
	}
}
