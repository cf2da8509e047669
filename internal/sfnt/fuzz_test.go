package sfnt

import (
	"os"
	"testing"
)

// FuzzSubset feeds arbitrary bytes to every entry point and asserts that none
// panics. When Subset succeeds, its output must itself be accepted by
// CmapReverse and by Subset with every one of its glyphs mapped.
func FuzzSubset(f *testing.F) {
	src := loadTestFont(f)
	small, _, err := Subset(src, []Mapping{{GID: 40, Code: 0xA15}, {GID: 200, Code: 0xE000}})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(src, uint16(40), uint16(200))
	f.Add(small, uint16(1), uint16(2))
	f.Add(buildTTC(f, small, small), uint16(1), uint16(0))
	// A CFF seed, when the system has the name-keyed test font (cff_test.go).
	if otf, err := os.ReadFile(cffFonts[2].path); err == nil {
		if cff, _, err := Subset(otf, []Mapping{{GID: 30, Code: 0x41}, {GID: 60, Code: 0xE000}}); err == nil {
			f.Add(cff, uint16(1), uint16(2))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, g1, g2 uint16) {
		m := []Mapping{{GID: g1, Code: 0xE000}, {GID: g2, Code: 0x41}, {GID: g2, Code: 0x42}}
		out, newID, err := Subset(data, m)
		if err == nil {
			if len(newID) == 0 || newID[0] != 0 {
				t.Fatalf("bad newID %v", newID)
			}
			// Re-subset every glyph of the output: all must be reachable.
			all := make([]Mapping, 0, len(newID))
			for i := 1; i < min(len(newID), 0x1900); i++ { // PUA holds 6400 codes
				all = append(all, Mapping{GID: uint16(i), Code: 0xE000 + rune(i)})
			}
			if _, _, err := Subset(out, all); err != nil {
				t.Fatalf("subset output does not subset again: %v", err)
			}
			if _, err := CmapReverse(out); err != nil {
				t.Fatalf("subset output has no readable cmap: %v", err)
			}
		}
		_, _ = CmapReverse(data)
		if n, err := NumFonts(data); err == nil {
			for i := range min(n, 3) {
				if font, err := FontInCollection(data, i); err == nil {
					_, _, _ = Subset(font, m)
				}
			}
		}
	})
}
