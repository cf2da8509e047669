package serve

import (
	"testing"

	"golang.org/x/text/language"
)

// Names are filed under their first letter as the reader's language
// writes it: accents folded for Latin, Polish Ł kept (it has no
// decomposition), Turkish i upper-cased with its dot, a Hangul syllable
// under its first consonant, Arabic alef with hamza under alef, and
// names that begin with a digit under #.
func TestInitial(t *testing.T) {
	for _, tc := range []struct{ name, tag, want string }{
		{"Éire", "fr", "E"},
		{"leeds", "en-GB", "L"},
		{"Łódź", "pl", "Ł"},
		{"istanbul", "tr", "İ"},
		{"서울", "ko", "ᄉ"},
		{"أسوان", "ar", "ا"},
		{"北京", "zh-Hans", "北"},
		{"10 Downing Street", "en-GB", "#"},
		{"  'Ashby", "en-GB", "A"},
	} {
		if got := initial(tc.name, language.Make(tc.tag)); got != tc.want {
			t.Errorf("initial(%q, %s) = %q, want %q", tc.name, tc.tag, got, tc.want)
		}
	}
}
