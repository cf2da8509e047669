package fonts_test

import (
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/testtool"
)

// TestExplainMissing: the missing-glyph error names the script and says
// what to do, with the bundled fonts. Khmer, which no bundled font draws,
// gets the scripts: entry to add, the README section and the Noto family
// with its Debian package and file. Japanese kana, which Droid Sans
// Fallback draws although no chain for ja lists it, are not blamed on
// the fonts: the hint names the family and the languages: entry (one font
// for kanji and kana), and Noto Sans CJK's face for ja. A Tifinagh letter
// in Polish and an emoji are likely slips.
func TestExplainMissing(t *testing.T) {
	_, _, reg := testtool.Bundled(t)
	for _, c := range []struct {
		tag       string
		text      string
		msg, hint []string
	}{
		{"km", "សូមគិតមុនពេលផ្ញើ", []string{"no configured font draws Khmer (Khmr): U+179F 'ស'"},
			[]string{"no font for km draws Khmer (Khmr): add a family to assets/fonts/fonts.yaml and list it under scripts: as Khmr: [FAMILY-ID, noto-sans]",
				`(README, "Add a font")`, "Noto Sans Khmer draws it: Debian package fonts-noto-core, /usr/share/fonts/truetype/noto/NotoSansKhmer-Regular.ttf"}},
		{"ja", "送る前に、考えよう", []string{"Hiragana (Hira): U+308B 'る', U+306B 'に', U+3048 'え', U+3088 'よ', U+3046 'う'"},
			[]string{"Droid Sans Fallback (droid-sans-fallback) in assets/fonts/fonts.yaml draws them, but no chain for ja lists it: add it under languages: as ja: [droid-sans-fallback, noto-sans]",
				"Noto Sans CJK draws it: Debian package fonts-noto-cjk, /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc (a collection: index: 0 is the face for ja)"}},
		{"pl", "Zażółć ⵣ", []string{"Tifinagh (Tfng): U+2D63 'ⵣ'"}, []string{"Tifinagh (Tfng) is not a script pl is written in: use the usual character of your language (a typing slip"}},
		{"en-GB", "Call 📞", []string{"Common (Zyyy): U+1F4DE '📞'"}, []string{"a typing slip"}},
	} {
		m := reg.Fontmap(c.tag, false)
		miss := m.Missing(c.text)
		if len(miss) == 0 {
			t.Fatalf("%s: nothing missing in %q", c.tag, c.text)
		}
		msg, hint := m.Explain(miss)
		for _, w := range c.msg {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: message %q lacks %q", c.tag, msg, w)
			}
		}
		for _, w := range c.hint {
			if !strings.Contains(hint, w) {
				t.Errorf("%s: hint %q lacks %q", c.tag, hint, w)
			}
		}
		if c.tag != "pl" && c.tag != "en-GB" && strings.Contains(hint, "typing slip") {
			t.Errorf("%s: a script no font draws is blamed on typing: %q", c.tag, hint)
		}
	}
}
