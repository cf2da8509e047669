package sfnt

import (
	"os"
	"path/filepath"
	"testing"
)

// Fonts installed by Debian packages (fonts-noto-core, fonts-dejavu-core)
// that cover cases the shipped test font does not: long loca (NotoSans,
// NotoSansBengali, DejaVu), a kern table (DejaVuSans), numberOfHMetrics far
// below numGlyphs (DejaVuSansMono: 4 of ~3300), many unencoded contextual
// forms (NotoNastaliqUrdu). The test skips fonts that are not installed, so
// it never depends on them.
var systemFonts = []string{
	"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
	"/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf",
	"/usr/share/fonts/truetype/noto/NotoNastaliqUrdu-Regular.ttf",
	"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	"/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
}

// spreadMappings maps about want glyphs spread over the whole font, with real
// BMP code points where the glyph has one and PUA codes otherwise.
func spreadMappings(t *testing.T, src []byte, want int) []Mapping {
	t.Helper()
	rev, err := CmapReverse(src)
	if err != nil {
		t.Fatal(err)
	}
	step := max(1, len(rev)/want)
	var m []Mapping
	pua := rune(0xE000)
	for g := 1; g < len(rev); g += step {
		code := rev[g]
		if code == 0 || code > 0xFFFF || (code >= 0xE000 && code <= 0xF8FF) {
			code = pua
			pua++
		}
		m = append(m, Mapping{GID: uint16(g), Code: code})
	}
	last := len(rev) - 1 // past numberOfHMetrics in several of these fonts
	if m[len(m)-1].GID != uint16(last) {
		m = append(m, Mapping{GID: uint16(last), Code: pua})
	}
	return m
}

func TestSystemFonts(t *testing.T) {
	for _, path := range systemFonts {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if os.IsNotExist(err) {
				t.Skip("not installed")
			}
			if err != nil {
				t.Fatal(err)
			}
			m := spreadMappings(t, src, 250)
			out, newID, err := Subset(src, m)
			if err != nil {
				t.Fatal(err)
			}
			checkSubset(t, src, out, m, newID)
			checkReaders(t, out)
			t.Logf("%d mappings → %d glyphs, %d bytes (source %d)", len(m), len(newID), len(out), len(src))
		})
	}
}
