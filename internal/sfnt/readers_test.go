package sfnt

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/handbill/handbill/internal/testtool"
)

// checkReaders hands a subset to two independent font readers, as a
// print shop's preflight would: fontTools decompiles every table (ttx -e:
// a table it cannot read is an error) and the OpenType Sanitizer (the
// font checker browsers use) accepts it.
func checkReaders(t *testing.T, out []byte) {
	t.Helper()
	testtool.Need(t, "ttx", "ots-sanitize")
	dir := t.TempDir()
	file := filepath.Join(dir, "subset.ttf")
	if err := os.WriteFile(file, out, 0o644); err != nil {
		t.Fatal(err)
	}
	testtool.Run(t, "ttx", "-q", "-e", "-o", filepath.Join(dir, "subset.ttx"), file)
	testtool.Run(t, "ots-sanitize", file, filepath.Join(dir, "clean.ttf"))
}

func TestReadersAcceptSubset(t *testing.T) {
	src := loadTestFont(t)
	out, _, err := Subset(src, sampleMappings(t, src))
	if err != nil {
		t.Fatal(err)
	}
	checkReaders(t, out)
}

func TestReadersAcceptFullRemap(t *testing.T) {
	src := loadTestFont(t)
	m := allMappings(t, src)
	for _, long := range []bool{false, true} {
		out, _, err := subset(src, m, long)
		if err != nil {
			t.Fatal(err)
		}
		checkReaders(t, out)
	}
}

// TestUncodedGlyphs keeps glyphs with no code (Code 0: conjuncts and
// contextual forms, which a PDF reaches by glyph id): they are in the
// subset, numbered before the coded glyphs in source order, and absent
// from its cmap.
func TestUncodedGlyphs(t *testing.T) {
	src := loadTestFont(t)
	rev, err := CmapReverse(src)
	if err != nil {
		t.Fatal(err)
	}
	var uncoded []uint16
	for g := 1; g < len(rev) && len(uncoded) < 5; g++ {
		if rev[g] == 0 {
			uncoded = append(uncoded, uint16(g))
		}
	}
	if len(uncoded) < 5 {
		t.Fatal("the test font has too few glyphs without a code point")
	}
	m := []Mapping{{GID: uncoded[3], Code: 0}, {GID: 36, Code: rev[36]}, {GID: uncoded[1], Code: 0}}
	out, newID, err := Subset(src, m)
	if err != nil {
		t.Fatal(err)
	}
	if newID[uncoded[1]] != 1 || newID[uncoded[3]] != 2 || newID[36] != 3 {
		t.Errorf("new ids = %v, want %d→1, %d→2, 36→3", newID, uncoded[1], uncoded[3])
	}
	back, err := CmapReverse(out)
	if err != nil {
		t.Fatal(err)
	}
	if back[1] != 0 || back[2] != 0 || back[3] != rev[36] {
		t.Errorf("subset cmap gives %U %U %U, want none, none, %U", back[1], back[2], back[3], rev[36])
	}
	checkReaders(t, out)
}

func TestReadMetrics(t *testing.T) {
	m, err := ReadMetrics(loadTestFont(t))
	if err != nil {
		t.Fatal(err)
	}
	if m.PostScriptName != "NotoSansGurmukhi-Regular" {
		t.Errorf("PostScript name %q", m.PostScriptName)
	}
	if m.UnitsPerEm != 1000 || m.Ascent <= 0 || m.Descent >= 0 || m.XMax <= m.XMin || m.Weight != 400 {
		t.Errorf("metrics %+v", m)
	}
	if _, err := ReadMetrics([]byte("OTTO....")); err == nil {
		t.Error("a CFF font read as TrueType")
	}
}
