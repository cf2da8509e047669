package typeset

import (
	"errors"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzLangs are the locales the fuzzer sets text in: one per script
// handbill ships fonts for, left to right and right to left.
var fuzzLangs = []struct {
	tag string
	rtl bool
}{
	{"en", false}, {"ar", true}, {"ur", true}, {"bn", false}, {"zh-Hans", false},
	{"th", false}, {"pa", false}, {"uk", false}, {"he", true}, {"hi", false},
}

// fuzzAlphabets are the letters, marks, digits, spaces and punctuation
// the fuzzer spells text with (when bit 0x40 of its language byte is set),
// so that most inputs are text the fonts can draw: random runes mostly are
// not.
var fuzzAlphabets = map[string][]rune{}

func init() {
	common := " \u00a0  0123456789.,:;!?()-–\"'\n\u200d\u200c"
	for tag, letters := range map[string]string{
		"en":      "aeiostnrhlcdumwyfgpbvkjxqzACMPTÉéç",
		"ar":      "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإةىًٌٍَُِّْـ،؛؟٠١٢٣Childine",
		"ur":      "ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھءیےۓ۔،ِCEOP",
		"bn":      "অআইউএওকখগঘঙচছজঝঞটঠডঢণতথদধনপফবভমযরলশষসহড়য়ািীুূৃেৈোৌংঃঁ়্।০১২৩",
		"zh-Hans": "的一是不了人我在有他这为之大来以个中上们，。、；：！？（）「」《》“”发送照片",
		"th":      "กขคงจฉชซญดตถทธนบปผพฟภมยรลวศสหอฮะัาำิีึืุูเแโใไ็่้๊๋์ๆฯ",
		"pa":      "ਅਆਇਈਉਊਏਐਓਔਕਖਗਘਙਚਛਜਝਞਟਠਡਢਣਤਥਦਧਨਪਫਬਭਮਯਰਲਵਸ਼ਸਹਾਿੀੁੂੇੈੋੌਂੰੱ੍।",
		"uk":      "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяПЧІЇ",
		"he":      "אבגדהוזחטיכלמנסעפצקרשתךםןףץְִֵֶַָֹּ",
		"hi":      "अआइईउएओकखगघचछजझटठडढणतथदधनपफबभमयरलवशषसहािीुूेैोौंः्।",
	} {
		fuzzAlphabets[tag] = []rune(letters + common)
	}
}

// FuzzTypeset shapes and wraps arbitrary text at arbitrary sizes and
// widths and checks the typesetter's invariants:
//   - every character is placed exactly once, in logical order, only
//     white space dropped at line ends;
//   - no NaN or infinity in any position, width or height;
//   - every line is within the width unless the paragraph is overfull (a
//     word wider than the width), and then Measure says so too;
//   - Measure's height equals Wrap's height at the same size and width;
//   - every glyph's cluster points into its run's source text;
//
// as body text and as a heading (display.go).
func FuzzTypeset(f *testing.F) {
	seeds := []string{
		"Call Childline free on 0800\u00a01111 at any time.",
		"اتصل بخط المساعدة مجانًا على 0800\u00a01111 في أي وقت.",
		"آن لائن CEOP یا Childline کو رپورٹ کریں۔",
		"ایک بار تصویر بھیج دی جائے تو اسے واپس نہیں لیا جا سکتا۔",
		"একবার ছবি পাঠিয়ে দিলে তা আর ফেরত আনা যায় না।",
		"如果你收到的图片让你不安，请告诉你信任的人。拨打0800 1111。",
		"ถ้าคุณต้องการความช่วยเหลือโทรหาเราได้ตลอดเวลา",
		"ਭੇਜਣ ਤੋਂ ਪਹਿਲਾਂ ਸੋਚੋ",
		"Подумай, перш ніж надіслати",
		"a  b\tc\nd   ",
		"שלום (עולם) 123",
		"",
	}
	for i, s := range seeds {
		f.Add(s, uint8(i), 12.0, 120.0)
		f.Add(s, uint8(i+3), 7.5, 40.0)
		f.Add(s, uint8(i)|0x40, 18.0, 60.0)
		f.Add(s, uint8(i)|0x20, 24.0, 90.0) // as a heading
	}
	reg := registry(f)
	s := NewSetter(reg)
	f.Fuzz(func(t *testing.T, text string, lang uint8, size, width float64) {
		if !utf8.ValidString(text) || utf8.RuneCountInString(text) > 200 {
			return
		}
		if math.IsNaN(size) || math.IsInf(size, 0) || math.IsNaN(width) || math.IsInf(width, 0) {
			return
		}
		size = 4 + math.Mod(math.Abs(size), 96)     // 4–100 pt
		width = 1 + math.Mod(math.Abs(width), 1000) // 1–1001 pt
		l := fuzzLangs[int(lang)%len(fuzzLangs)]
		if lang&0x40 != 0 { // spell the bytes in the locale's alphabet
			var b strings.Builder
			for _, c := range []byte(text) {
				a := fuzzAlphabets[l.tag]
				b.WriteRune(a[int(c)%len(a)])
			}
			text = b.String()
		}
		sh, err := s.Shape(text, Style{Fonts: reg.Fontmap(l.tag, lang&0x80 != 0), Lang: l.tag, RTL: l.rtl, Display: lang&0x20 != 0})
		var miss *MissingError
		if errors.As(err, &miss) {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		p := s.Wrap(sh, size, width, 1.2)
		checkPlacedOnce(t, text, p)
		bad := func(v float64) bool { return math.IsNaN(v) || math.IsInf(v, 0) }
		if bad(p.Height) || p.Height < 0 {
			t.Errorf("height %v", p.Height)
		}
		over := false
		for i, ln := range p.Lines {
			if bad(ln.Width) || bad(ln.Ascent) || bad(ln.Descent) || bad(ln.Height) || ln.Height <= 0 {
				t.Errorf("line %d: width %v ascent %v descent %v height %v", i, ln.Width, ln.Ascent, ln.Descent, ln.Height)
			}
			if ln.Width > width+0.01 {
				over = true
				if !p.Overfull {
					t.Errorf("line %d is %.3f wide in %.3f, and the paragraph is not overfull: %q", i, ln.Width, width, logical(ln))
				}
			}
			for _, r := range ln.Runs {
				if bad(r.X) || bad(r.Width) {
					t.Errorf("line %d run %q: x %v width %v", i, r.Source, r.X, r.Width)
				}
				n := utf8.RuneCountInString(r.Source)
				for _, g := range r.Glyphs {
					if bad(g.X) || bad(g.Y) || bad(g.Advance) {
						t.Errorf("line %d run %q: glyph %d at %v,%v advance %v", i, r.Source, g.ID, g.X, g.Y, g.Advance)
					}
					if g.Cluster < 0 || g.Cluster >= n {
						t.Errorf("line %d run %q: glyph %d has cluster %d", i, r.Source, g.ID, g.Cluster)
					}
				}
				if strings.ContainsRune(r.Source, zwsp) && !strings.ContainsRune(text, zwsp) {
					t.Errorf("line %d run %q: an inserted word break reached the source", i, r.Source)
				}
			}
		}
		if p.Overfull && !over {
			t.Errorf("overfull, but every line is within %.3f", width)
		}
		h, mover := sh.Measure(size, width, 1.2)
		if math.Abs(h-p.Height) > 1e-6*max(1, h) || mover != p.Overfull {
			t.Errorf("size %.3f width %.3f: Measure says height %.4f overfull %v, Wrap %.4f (%d lines) overfull %v:\n%q",
				size, width, h, mover, p.Height, len(p.Lines), p.Overfull, lineTexts(p))
		}
		checkFramed(t, s, sh, text, size, width)
	})
}

// checkFramed wraps the paragraph around an inset (frame.go) three lines
// of its size deep and a third of the width wide: every character placed
// once, MeasureFrame agreeing with WrapFrame, and every line within its
// own width (the width less its Indent) unless the paragraph is overfull.
func checkFramed(t *testing.T, s *Setter, sh *Shaped, text string, size, width float64) {
	t.Helper()
	f := Frame{Width: width, Indent: width / 3, Depth: 3 * size}
	p := s.WrapFrame(sh, size, f, 1.2)
	checkPlacedOnce(t, text, p)
	over := false
	for i, ln := range p.Lines {
		if ln.Indent != 0 && ln.Indent != f.Indent {
			t.Errorf("framed line %d: indent %v, want 0 or %v", i, ln.Indent, f.Indent)
		}
		over = over || ln.Width > width-ln.Indent+0.01
	}
	if over != p.Overfull {
		t.Errorf("framed in %+v: overfull %v, a line wider than its width %v: %q", f, p.Overfull, over, lineTexts(p))
	}
	if h, mover := sh.MeasureFrame(size, f, 1.2); math.Abs(h-p.Height) > 1e-6*max(1, h) || mover != p.Overfull {
		t.Errorf("size %.3f frame %+v: MeasureFrame says height %.4f overfull %v, WrapFrame %.4f (%d lines) overfull %v:\n%q",
			size, f, h, mover, p.Height, len(p.Lines), p.Overfull, lineTexts(p))
	}
}
