package typeset

import (
	"slices"
	"strings"
	"testing"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// thaiSentences are real Thai sentences, written with no spaces between
// words as Thai is, with their words separated by "|" as a Thai reader
// splits them. Where the dictionary knows a compound as one word (การบ้าน,
// เมืองหลวง) it is one piece; the sentences are about the campaign's
// subject or plain statements of fact.
var thaiSentences = []string{
	// "Think carefully before sending a picture to anyone."
	"ก่อน|ส่ง|รูปภาพ|ให้|ใคร|คิด|ให้|ดี|เสมอ",
	// "Once you have sent a picture, you cannot take it back."
	"เมื่อ|ส่ง|รูป|ไป|แล้ว|คุณ|จะ|ไม่|สามารถ|เอา|กลับ|คืน|มา|ได้",
	// "If you need help, call us at any time."
	"ถ้า|คุณ|ต้องการ|ความ|ช่วยเหลือ|โทร|หา|เรา|ได้|ตลอด|เวลา",
	// "If someone threatens to publish your picture, do not pay and keep the messages as evidence."
	"ถ้า|มี|ใคร|ขู่|ว่า|จะ|เผยแพร่|รูป|ของ|คุณ|อย่า|จ่าย|เงิน|และ|เก็บ|ข้อความ|ไว้|เป็น|หลักฐาน",
	// "Thai is a tonal language, like Chinese."
	"ภาษา|ไทย|เป็น|ภาษา|ที่|มี|ระดับ|เสียง|ของ|คำ|แน่นอน|หรือ|วรรณยุกต์|เช่น|เดียว|กับ|ภาษา|จีน",
	// "Bangkok is the capital of Thailand."
	"กรุงเทพ|มหา|นคร|เป็น|เมืองหลวง|ของ|ประเทศ|ไทย",
	// "The teacher gave every pupil homework, three questions each" (ๆ repeats คน).
	"คุณ|ครู|ให้|การบ้าน|นักเรียน|ทุก|คนๆ|ละ|สาม|ข้อ",
	// "The village headman went to a meeting at the district office" (ฯ abbreviates).
	"ผู้ใหญ่บ้าน|ไป|ประชุม|ที่|อำเภอฯ",
	// With spaces, digits and a phone number: "Call free on 0800 1111, 24 hours a day."
	"โทร|ฟรี|ที่|หมายเลข 0800 1111 ได้|ตลอด 24 ชั่วโมง",
}

// thaiWordsOf returns the sentence without the separators and the rune
// offsets where a word ends and the next begins with no space between.
func thaiWordsOf(marked string) (string, []int) {
	var text []rune
	var bounds []int
	for _, r := range marked {
		if r == '|' {
			bounds = append(bounds, len(text))
			continue
		}
		text = append(text, r)
	}
	return string(text), bounds
}

// TestThaiWordBreaks checks the dictionary segmenter finds the words of
// real sentences.
func TestThaiWordBreaks(t *testing.T) {
	for _, marked := range thaiSentences {
		text, want := thaiWordsOf(marked)
		if got := wordBreaks([]rune(text)); !slices.Equal(got, want) {
			t.Errorf("%s: breaks at %v, want %v (%s)", text, got, want, marked)
		}
	}
}

// TestThaiBreaksKeepClusters checks that no break is offered inside a
// character cluster however the words fall: never before a vowel or tone
// mark written above or below, before ะ า ำ, ๆ or ฯ, nor after a leading
// vowel เ แ โ ใ ไ; text a dictionary does not know (a run of rare letters)
// stays whole.
func TestThaiBreaksKeepClusters(t *testing.T) {
	texts := []string{"ฐฑฒณ", "ฃฅฆ", "ซ็อกเก็ตฌฎฏ"}
	for _, m := range thaiSentences {
		s, _ := thaiWordsOf(m)
		texts = append(texts, s)
		// The same letters with the words run in reverse order: many
		// unknown joins, the same cluster rules.
		w := strings.Split(m, "|")
		slices.Reverse(w)
		texts = append(texts, strings.Join(w, ""))
	}
	for _, s := range texts {
		r := []rune(s)
		for _, b := range wordBreaks(r) {
			if b <= 0 || b >= len(r) || !isThaiLetter(r[b-1]) || !isThaiLetter(r[b]) {
				t.Errorf("%s: break at %d is not inside a Thai run", s, b)
				continue
			}
			if thaiNoBreakBefore(r[b]) || thaiNoBreakAfter(r[b-1]) {
				t.Errorf("%s: break at %d splits a cluster: %q|%q", s, b, string(r[:b]), string(r[b:]))
			}
		}
	}
	if b := wordBreaks([]rune("ฐฑฒณ")); len(b) != 0 {
		t.Errorf("letters no word is made of were broken at %v", b)
	}
}

// TestThaiWrapsBetweenWords wraps each sentence at every width from one
// line down to its widest word: lines break only between words (at a
// dictionary boundary or a space), fit the width, place every character
// once, and the inserted word breaks never reach the runs' glyphs or
// source text.
func TestThaiWrapsBetweenWords(t *testing.T) {
	s := NewSetter(registry(t))
	const size = 12
	for _, marked := range thaiSentences {
		text, bounds := thaiWordsOf(marked)
		sh, p := set(t, s, text, "th", false, size, 1e4)
		if len(p.Lines) != 1 {
			t.Fatalf("%s: %d lines on a wide line", text, len(p.Lines))
		}
		widest := widestWord(sh, size)
		lines := 0
		for w := p.Lines[0].Width; w >= widest; w -= 2 {
			q := s.Wrap(sh, size, w, 1.2)
			lines = max(lines, len(q.Lines))
			checkWrapsBetweenWords(t, text, bounds, sh, q, w, widest)
		}
		if lines < 3 && len(bounds) >= 3 {
			t.Errorf("%s: at most %d lines down to its widest word", text, lines)
		}
	}
}

// TestThaiBreaksKeepShaping checks that the inserted breaks change no
// glyph: the glyphs drawn are those of the sentence shaped as written.
func TestThaiBreaksKeepShaping(t *testing.T) {
	s := NewSetter(registry(t))
	st := style(t, "th", false)
	type glyph struct {
		id                   uint16
		adv, xoff, yoff, clu int
	}
	for _, marked := range thaiSentences {
		text, _ := thaiWordsOf(marked)
		sh, err := s.Shape(text, st)
		if err != nil {
			t.Fatal(err)
		}
		var got []glyph
		for _, o := range sh.runs {
			for _, g := range o.Glyphs {
				if !sh.inserted(g.TextIndex()) {
					got = append(got, glyph{uint16(g.GlyphID), int(g.Advance), int(g.XOffset), int(g.YOffset), sh.cluster(g.TextIndex(), 0)})
				}
			}
		}
		runes := bindDigitGroups([]rune(text)) // as Shape binds "0800 1111"
		in := shaping.Input{Text: runes, RunEnd: len(runes), Direction: di.DirectionLTR, Size: fixed.I(em), Language: language.NewLanguage("th")}
		var want []glyph
		var seg shaping.Segmenter
		var hb shaping.HarfbuzzShaper
		for _, part := range seg.Split(in, st.Fonts) {
			for _, g := range hb.Shape(part).Glyphs {
				want = append(want, glyph{uint16(g.GlyphID), int(g.Advance), int(g.XOffset), int(g.YOffset), g.TextIndex()})
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: shaped with word breaks\n%v\nwant as written\n%v", text, got, want)
		}
	}
}

// checkWrapsBetweenWords checks paragraph p, text set from sh in width w
// whose widest word is widest: no line starts inside a word (only at one
// of bounds, after a space or after a sentence mark the wrapper breaks
// after), no line is wider than w, every character is placed once and
// the inserted word breaks never reach the runs' glyphs or source text;
// Measure agrees with Wrap.
func checkWrapsBetweenWords(t *testing.T, text string, bounds []int, sh *Shaped, p *Para, w, widest float64) {
	t.Helper()
	src := []rune(text)
	if p.Overfull {
		t.Errorf("%s at width %.1f: overfull, though no word is wider than %.1f", text, w, widest)
	}
	checkPlacedOnce(t, text, p)
	for _, b := range breaks(text, p) {
		if !slices.Contains(bounds, b) && src[b-1] != ' ' {
			t.Errorf("%s at width %.1f: line starts inside a word: %q", text, w, string(src[b:]))
		}
	}
	for _, l := range p.Lines {
		if l.Width > w+0.01 {
			t.Errorf("%s at width %.1f: a line is %.2f wide", text, w, l.Width)
		}
		for _, r := range l.Runs {
			checkRunSource(t, text, r)
		}
	}
	h, over := sh.Measure(p.Size, w, 1.2)
	if d := h - p.Height; d > 1e-6 || d < -1e-6 || over != p.Overfull {
		t.Errorf("%s at width %.1f: Measure says height %.3f overfull %v, Wrap %.3f %v", text, w, h, over, p.Height, p.Overfull)
	}
}

// checkRunSource checks that a run of a paragraph set from text holds no
// inserted break in its source and that its glyphs' clusters point into
// it.
func checkRunSource(t *testing.T, text string, r Run) {
	t.Helper()
	if strings.ContainsRune(r.Source, zwsp) && !strings.ContainsRune(text, zwsp) {
		t.Errorf("%s: run source %q holds an inserted break", text, r.Source)
	}
	for _, g := range r.Glyphs {
		if g.Cluster < 0 || g.Cluster >= len([]rune(r.Source)) {
			t.Errorf("%s: glyph %d has cluster %d outside its run %q", text, g.ID, g.Cluster, r.Source)
		}
	}
}
