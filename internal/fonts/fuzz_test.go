package fonts

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbill/handbill/internal/diag"
)

// bundledFont reads a font handbill ships (assets/fonts, OFL: see the
// family's OFL.txt and fonts.yaml's source line there).
func bundledFont(tb testing.TB, name string) []byte {
	data, err := os.ReadFile(filepath.Join("..", "..", "assets", "fonts", name))
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

const oneFamily = `families:
  - id: f
    regular: f.ttf
fallback: [f]
`

// loadFace loads a font table of one family whose regular file holds data,
// and parses its face: what a build does with a font it needs.
func loadFace(data []byte) (*Face, error) {
	r, err := Load(fstest.MapFS{"fonts/fonts.yaml": {Data: []byte(oneFamily)}, "fonts/f.ttf": {Data: data}}, "fonts")
	if err != nil {
		return nil, err
	}
	return r.Face(r.families["f"], false)
}

// TestTruncatedFont: a font file cut short (an interrupted copy) is
// reported at its fonts.yaml line, before any text needs it; go-text
// panicked in ParseGlyf on it (slice bounds out of range), taking build,
// check and serve down.
func TestTruncatedFont(t *testing.T) {
	full := bundledFont(t, "noto-sans-bengali/NotoSansBengali-Regular.ttf")
	_, err := loadFace(full[:60<<10])
	want := `fonts/fonts.yaml:3:14: families[0].regular: expected an OpenType font file (TrueType or CFF outlines), found a file cut short (its "DSIG" table ends at byte 201964, the file at 61440) in fonts/f.ttf
	hint: the file is damaged, perhaps by an interrupted copy: copy it again from its source`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	if _, err := loadFace(full); err != nil {
		t.Errorf("the whole file: %v", err)
	}
	// A glyf table of no bytes, inside the file: go-text reads the glyphs
	// loca points to without checking them against it, and panics; the
	// panic is an error at the font's line.
	empty := slices.Clone(full)
	for i := range int(binary.BigEndian.Uint16(empty[4:6])) {
		if rec := empty[12+16*i:]; string(rec[:4]) == "glyf" {
			binary.BigEndian.PutUint32(rec[12:16], 0)
		}
	}
	_, err = loadFace(empty)
	var d diag.Diagnostic
	if !errors.As(err, &d) || d.Pos() != "fonts/fonts.yaml:3:14" || !strings.Contains(d.Msg, "go-text can read, found one it cannot in fonts/f.ttf: a damaged table (runtime error: slice bounds out of range") {
		t.Errorf("an empty glyf table: %v", err)
	}
}

// FuzzLoadFont: no font file, however damaged, panics the loader or the
// parse of its face (go-text's), or the cmap and metrics reads a build makes
// of it; a file that fails does so with an error. Seeded with bundled fonts
// cut short at several points and whole.
func FuzzLoadFont(f *testing.F) {
	for _, name := range []string{"noto-sans-hebrew/NotoSansHebrew-Regular.ttf", "noto-sans-thai/NotoSansThai-Bold.ttf"} {
		data := bundledFont(f, name)
		for _, n := range []int{12, 200, len(data) / 4, len(data) / 2, len(data) * 3 / 4, len(data) - 1, len(data)} {
			f.Add(data[:n])
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		face, err := loadFace(data)
		if err != nil {
			return
		}
		for _, r := range "Aא0ก " {
			if gid, ok := face.NominalGlyph(r); ok {
				face.HorizontalAdvance(gid)
				face.GlyphExtents(gid)
			}
		}
	})
}
