package typeset

import (
	"strings"
	"testing"
	"unicode"
)

// chineseSentences are the bundled Simplified Chinese copy (locales/
// zh-Hans.toml) with its punctuation, and one sentence with quotation
// marks and brackets.
var chineseSentences = []string{
	"你会失去控制。你发送的任何内容都可能在你不知情的情况下被保存、复制和转发。它可能会出现在社交媒体上，被用来欺凌或骚扰你，甚至被用来查找你在哪里。",
	"性勒索。犯罪分子可能威胁说，如果你不付钱，就把私密照片发到网上。不要付钱，停止回复，保存好聊天记录，并告诉你信任的人。",
	"这可能触犯法律。任何未满18岁者的性图像都属于儿童性虐待图像，即使是本人自己拍摄的也不例外。拍摄、接收和转发此类图像，都可能构成刑事犯罪。",
	"用手机摄像头扫描二维码（共3个），即可拨打电话。如遇紧急情况，请务必拨打999。",
	"记住：“照片一旦发出，就再也收不回来了。”《致青少年》说得对！你同意吗？",
}

// noLineStart are closing punctuation and marks UAX #14 keeps off the
// start of a line (classes CL, CP, EX, IS, NS and the closing quotation
// marks of class QU); noLineEnd are opening brackets and quotation marks
// (OP, QU) kept off the end of one.
const (
	noLineStart = "，。、；：！？）」』》〉】”’"
	noLineEnd   = "（「『《〈【“‘"
)

// TestChineseLineBreaks wraps Chinese paragraphs at every width from one
// line down to the widest unbreakable piece (at most three characters): lines break between ideographs (there are
// no spaces), never start with closing punctuation such as ， or 。 nor
// end with an opening bracket, fit the width, and place every character
// once; Measure agrees with Wrap.
func TestChineseLineBreaks(t *testing.T) {
	s := NewSetter(registry(t))
	const size = 10
	for _, text := range chineseSentences {
		sh, p := set(t, s, text, "zh-Hans", false, size, 1e4)
		src := []rune(text)
		betweenHan := 0
		minW := widestWord(sh, size) // the widest piece UAX #14 does not break
		if minW > 3.1*size {
			t.Errorf("%.10s…: a piece %.1f wide cannot be broken", text, minW)
		}
		for w := p.Lines[0].Width; w >= minW; w -= 0.5 * size {
			q := s.Wrap(sh, size, w, 1.2)
			checkPlacedOnce(t, text, q)
			if q.Overfull {
				t.Errorf("%.10s… at width %.1f: overfull", text, w)
			}
			for i, l := range lineTexts(q) {
				first, _ := firstRune(l)
				last := []rune(l)[len([]rune(l))-1]
				if i > 0 && strings.ContainsRune(noLineStart, first) {
					t.Errorf("%.10s… at width %.1f: line %d starts with %q: %q", text, w, i, first, l)
				}
				if i < len(q.Lines)-1 && strings.ContainsRune(noLineEnd, last) {
					t.Errorf("%.10s… at width %.1f: line %d ends with %q: %q", text, w, i, last, l)
				}
				if q.Lines[i].Width > w+0.01 {
					t.Errorf("%.10s… at width %.1f: line %d is %.2f wide", text, w, i, q.Lines[i].Width)
				}
			}
			for _, b := range breaks(text, q) {
				if unicode.Is(unicode.Han, src[b-1]) && unicode.Is(unicode.Han, src[b]) {
					betweenHan++
				}
			}
			h, over := sh.Measure(size, w, 1.2)
			if d := h - q.Height; d > 1e-6 || d < -1e-6 || over != q.Overfull {
				t.Errorf("%.10s… at width %.1f: Measure says height %.3f overfull %v, Wrap %.3f %v", text, w, h, over, q.Height, q.Overfull)
			}
		}
		if betweenHan == 0 {
			t.Errorf("%.10s…: never broken between two ideographs", text)
		}
	}
}

func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}
