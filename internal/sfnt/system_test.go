package sfnt

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// bundledFonts are fonts handbill ships in assets/fonts that cover cases
// the small test font does not: long loca (NotoSans, NotoSansBengali),
// short loca (NotoNaskhArabic), numberOfHMetrics far below numGlyphs
// (DroidSansFallbackFull: 28492 of 49382), many unencoded contextual forms
// (NotoNastaliqUrdu).
var bundledFonts = []string{
	"noto-sans/NotoSans-Regular.ttf",
	"noto-sans-bengali/NotoSansBengali-Regular.ttf",
	"noto-naskh-arabic/NotoNaskhArabic-Regular.ttf",
	"noto-nastaliq-urdu/NotoNastaliqUrdu-Regular.ttf",
	"droid-sans-fallback/DroidSansFallbackFull.ttf",
}

// systemFonts are fonts of the Debian package fonts-dejavu-core (which
// .ci/run installs) for what no bundled font has: a kern table (DejaVuSans)
// and numberOfHMetrics of 4 for ~3300 glyphs (DejaVuSansMono). A missing one
// follows testtool's rule: skipped here, a failure in CI.
var systemFonts = []string{
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
	fonts := slices.Clone(systemFonts)
	for _, f := range bundledFonts {
		fonts = append(fonts, filepath.Join("..", "..", "assets", "fonts", filepath.FromSlash(f)))
	}
	subsets := map[string][]byte{}
	for _, path := range fonts {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if os.IsNotExist(err) && slices.Contains(systemFonts, path) {
				missing(t, path, err)
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
			subsets[strings.TrimSuffix(filepath.Base(path), ".ttf")] = out
			t.Logf("%d mappings → %d glyphs, %d bytes (source %d)", len(m), len(newID), len(out), len(src))
		})
	}
	if len(subsets) == 0 {
		t.Fatal("no font subset")
	}
	checkAllReaders(t, subsets)
}
