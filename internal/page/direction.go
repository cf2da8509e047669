package page

import "unicode"

// rtlScripts are the scripts written right to left, by ISO 15924 code, with
// their Unicode tables: the one list that compose (a locale's direction)
// and the exporters (a run's direction) share.
var rtlScripts = map[string]*unicode.RangeTable{
	"Arab": unicode.Arabic,
	"Hebr": unicode.Hebrew,
	"Syrc": unicode.Syriac,
	"Thaa": unicode.Thaana,
	"Nkoo": unicode.Nko,
	"Adlm": unicode.Adlam,
	"Rohg": unicode.Hanifi_Rohingya,
	"Samr": unicode.Samaritan,
	"Mand": unicode.Mandaic,
}

// RTLScript reports whether the script with ISO 15924 code code ("Arab")
// is written right to left.
func RTLScript(code string) bool { return rtlScripts[code] != nil }

// StrongRTL reports whether r is a letter of a script written right to
// left.
func StrongRTL(r rune) bool {
	if !unicode.IsLetter(r) {
		return false
	}
	for _, t := range rtlScripts {
		if unicode.Is(t, r) {
			return true
		}
	}
	return false
}
