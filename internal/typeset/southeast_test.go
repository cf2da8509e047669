package typeset

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/handbill/handbill/internal/fonts"
)

// Sentences in Khmer, Myanmar and Lao, written without spaces between
// words as those languages are, with "|" where the dictionary (ICU's
// lists, dict/) finds a word boundary. Each boundary is one a reader
// accepts; where the list knows a compound (រូបថត "photograph",
// ល្អិតល្អន់ "carefully", ကျွန်ုပ် "I") it is one piece. They say what the
// campaign says.
var spacelessSentences = map[string][]string{
	"km": {
		// "Please think carefully before sending a photo to anyone."
		"សូម|គិត|ឱ្យ|បាន|ល្អិតល្អន់|មុន|ពេល|ផ្ញើ|រូបថត|ទៅ|នរណា|ម្នាក់",
		// "Once a photo has been sent, you cannot take it back."
		"ពេល|រូបថត|ត្រូវ|បាន|ផ្ញើ|ទៅ|ហើយ|អ្នក|មិន|អាច|យក|វា|មកវិញ|បានទេ",
		// "If you need help, please call us at any time."
		"ប្រសិនបើ|អ្នក|ត្រូវការ|ជំនួយ|សូម|ទូរស័ព្ទ|មក|យើងខ្ញុំ|បាន|គ្រប់ពេលវេលា",
		// "Do not pay, and keep all the messages as evidence."
		"កុំ|បង់ប្រាក់|ហើយ|រក្សាទុក|សារ|ទាំងអស់|ទុកជា|ភស្តុតាង",
	},
	"my": {
		// "If you need help, you can call us at any time."
		"အကူအညီ|လိုအပ်|ပါ|က|ကျွန်ုပ်|တို့|ကို|အချိန်|မ|ရွေး|ဖုန်း|ဆက်|နိုင်|ပါသည်",
		// "Think carefully before sending the photo."
		"ဓာတ်ပုံ|ကို|မ|ပို့|မီ|သေချာ|စဉ်းစား|ပါ",
		// "Do not pay, and keep the messages as evidence."
		"ငွေ|မ|ပေး|ပါ|နှင့်|မက်|ဆေ့ချ်|များ|ကို|သက်သေ|အဖြစ်|သိမ်းထား|ပါ",
	},
	"lo": {
		// "Please call us at any time."
		"ກະລຸນາ|ໂທ|ຫາ|ພວກ|ເຮົາ|ໄດ້|ທຸກ|ເວລາ",
		// "Do not send pictures to people you do not know."
		"ຢ່າ|ສົ່ງ|ຮູບ|ໃຫ້|ຄົນທີ່|ເຈົ້າ|ບໍ່|ຮູ້ຈັກ",
	},
}

// TestSpacelessWordBreaks checks the dictionary segmenter finds the words
// of real Khmer, Myanmar and Lao sentences.
func TestSpacelessWordBreaks(t *testing.T) {
	for lang, ss := range spacelessSentences {
		for _, marked := range ss {
			text, want := thaiWordsOf(marked)
			if got := wordBreaks([]rune(text)); !slices.Equal(got, want) {
				t.Errorf("%s %s: breaks at %v, want %v (%s)", lang, text, got, want, marked)
			}
		}
	}
}

// TestSpacelessBreaksKeepClusters checks that no break is offered inside
// a syllable cluster however the words fall (the sentences' words run in
// reverse order make many joins the dictionary does not know): never
// before a combining mark, after a Khmer coeng or a Myanmar stacker, or
// before a Myanmar consonant killed by an asat; letters no word is made of
// stay whole.
func TestSpacelessBreaksKeepClusters(t *testing.T) {
	var texts []string
	for _, ss := range spacelessSentences {
		for _, m := range ss {
			s, _ := thaiWordsOf(m)
			w := strings.Split(m, "|")
			slices.Reverse(w)
			texts = append(texts, s, strings.Join(w, ""))
		}
	}
	for _, s := range texts {
		r := []rune(s)
		for _, b := range wordBreaks(r) {
			sc := scriptOf(r[b])
			switch {
			case sc == nil || scriptOf(r[b-1]) != sc:
				t.Errorf("%s: break at %d is not inside a run of one script", s, b)
			case combining(r[b]), r[b-1] == khmerCoeng, r[b-1] == myanmarStacker:
				t.Errorf("%s: break at %d splits a cluster: %q|%q", s, b, string(r[:b]), string(r[b:]))
			case b+1 < len(r) && r[b+1] == myanmarAsat:
				t.Errorf("%s: break at %d takes a killed consonant from its syllable: %q|%q", s, b, string(r[:b]), string(r[b:]))
			}
		}
	}
	// Khmer consonants stacked with coeng in an order no word has, and
	// Myanmar syllables no word is made of.
	for _, s := range []string{"ឈ្ឃ្ឈឃ្ឈ", "ဿဿဿ"} {
		if b := wordBreaks([]rune(s)); len(b) != 0 {
			t.Errorf("%s: letters no word is made of were broken at %v", s, b)
		}
	}
}

// notoCore is where Debian's fonts-noto-core puts its fonts.
const notoCore = "/usr/share/fonts/truetype/noto/"

// extraFonts returns a registry of the bundled Noto Sans and one family
// per font file, for the scripts that map to it (ISO 15924 code → font
// file) and for characters every script shares; pkg is the Debian package that
// installs the files, and the test skips (or fails under
// HANDBILL_REQUIRE_TOOLS=1) where one is missing.
func extraFonts(t *testing.T, pkg string, scripts map[string]string) *fonts.Registry {
	t.Helper()
	fsys := fstest.MapFS{}
	table := "families:\n  - {id: noto-sans, regular: NotoSans-Regular.ttf, leading: 1.3}\n"
	latin, err := os.ReadFile("../../assets/fonts/noto-sans/NotoSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	fsys["f/NotoSans-Regular.ttf"] = &fstest.MapFile{Data: latin}
	codes := slices.Sorted(maps.Keys(scripts))
	chains, common := "scripts:\n", "[noto-sans"
	for _, code := range codes {
		path := scripts[code]
		file := filepath.Base(path)
		id := strings.ToLower(strings.TrimSuffix(file, filepath.Ext(file)))
		if fsys["f/"+file] == nil {
			data, err := os.ReadFile(path)
			if err != nil {
				// testtool.Missing's rule; typeset cannot import testtool
				// (it imports compose, which imports typeset).
				if os.Getenv("HANDBILL_REQUIRE_TOOLS") == "1" {
					t.Fatalf("%v (HANDBILL_REQUIRE_TOOLS=1): install the Debian package %s", err, pkg)
				}
				t.Skipf("%v: install the Debian package %s to run this test", err, pkg)
			}
			fsys["f/"+file] = &fstest.MapFile{Data: data}
			table += "  - {id: " + id + ", regular: " + file + ", leading: 1.6}\n"
			common += ", " + id
		}
		chains += "  " + code + ": [" + id + ", noto-sans]\n"
	}
	// Punctuation every script shares (。 ，) comes from the first family
	// that has it.
	fsys["f/fonts.yaml"] = &fstest.MapFile{Data: []byte(table + chains + "  Zyyy: " + common + "]\nfallback: [noto-sans]\n")}
	reg, err := fonts.Load(fsys, "f")
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// TestSpacelessParagraphsWrap sets a Khmer and a Myanmar paragraph of
// several sentences with no space anywhere (sentences end with ។ or ။),
// and a Lao one whose sentences are parted by a space, as Lao writes, in
// boxes from the widest word to a few words wide: every line ends at a
// dictionary word boundary or after the sentence mark, fits the box, and
// the text comes back whole without the inserted breaks; Measure agrees.
func TestSpacelessParagraphsWrap(t *testing.T) {
	reg := extraFonts(t, "fonts-noto-core", map[string]string{"Khmr": notoCore + "NotoSansKhmer-Regular.ttf", "Mymr": notoCore + "NotoSansMyanmar-Regular.ttf", "Laoo": notoCore + "NotoSansLao-Regular.ttf"})
	s := NewSetter(reg)
	const size = 10.0
	for lang, stop := range map[string]string{"km": "។", "my": "။", "lo": " "} {
		var text string
		var bounds []int // rune offsets where a line may start
		for _, m := range spacelessSentences[lang] {
			sentence, b := thaiWordsOf(m)
			for _, i := range b {
				bounds = append(bounds, utf8.RuneCountInString(text)+i)
			}
			text += sentence + stop
			bounds = append(bounds, utf8.RuneCountInString(text))
		}
		sh, err := s.Shape(text, Style{Fonts: reg.Fontmap(lang, false), Lang: lang})
		if err != nil {
			t.Fatal(err)
		}
		widest := widestWord(sh, size)
		lines := 0
		for w := widest; w < 8*widest; w += widest / 3 {
			p := s.Wrap(sh, size, w, 1.2)
			lines = max(lines, len(p.Lines))
			checkWrapsBetweenWords(t, text, bounds, sh, p, w, widest)
			// A space that ends a line is not drawn.
			if got := strings.Join(lineTexts(p), ""); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(text, " ", "") {
				t.Errorf("%s at width %.1f: lines read %q, want %q", lang, w, got, text)
			}
		}
		if lines < 8 {
			t.Errorf("%s: at most %d lines at the narrowest width: the paragraph did not wrap between words", lang, lines)
		}
	}
}

// TestTypedBreaksHonoured: a ZERO WIDTH SPACE a translator typed is a
// break opportunity, and a WORD JOINER binds, whatever the dictionary
// says; neither reaches the text with an inserted break beside it.
func TestTypedBreaksHonoured(t *testing.T) {
	for _, c := range []struct {
		text string
		want []int // the breaks the dictionary offers
	}{
		// សូម|គិត|ឱ្យ|បាន with a word joiner for the first boundary.
		{"សូម\u2060គិតឱ្យបាន", []int{7, 10}},
		// Letters no word is made of, split by the translator.
		{"ឈ្ឃ្ឈ\u200bឃ្ឈសូម", []int{9}},
	} {
		if got := wordBreaks([]rune(c.text)); !slices.Equal(got, c.want) {
			t.Errorf("%q: dictionary breaks %v, want %v", c.text, got, c.want)
		}
	}
	reg := extraFonts(t, "fonts-noto-core", map[string]string{"Khmr": notoCore + "NotoSansKhmer-Regular.ttf"})
	s := NewSetter(reg)
	st := Style{Fonts: reg.Fontmap("km", false), Lang: "km"}
	for _, c := range []struct {
		text  string
		lines []string // at the narrowest width
	}{
		{"សូម\u2060គិតឱ្យបាន", []string{"សូម\u2060គិត", "ឱ្យបាន"}},
		{"ឈ្ឃ្ឈ\u200bឃ្ឈសូម", []string{"ឈ្ឃ្ឈ\u200b", "ឃ្ឈ", "សូម"}},
	} {
		sh, err := s.Shape(c.text, st)
		if err != nil {
			t.Fatal(err)
		}
		p := s.Wrap(sh, 10, widestWord(sh, 10), 1.2)
		if got := lineTexts(p); !slices.Equal(got, c.lines) {
			t.Errorf("%q: lines %q, want %q", c.text, got, c.lines)
		}
	}
}
