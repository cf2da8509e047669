package sfnt

import (
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// checkReaders hands a subset to two independent font readers, as a
// print shop's preflight would: fontTools decompiles every table (ttx -e:
// a table it cannot read is an error) and the OpenType Sanitizer (the
// font checker browsers use) accepts it.
func checkReaders(t *testing.T, out []byte) {
	t.Helper()
	checkAllReaders(t, map[string][]byte{"subset": out})
}

// checkAllReaders is checkReaders for several subsets by name, with one
// fontTools run over them all (its start-up is the slow part) and one per
// subset only to name a failure.
func checkAllReaders(t *testing.T, subsets map[string][]byte) {
	t.Helper()
	need(t, "ttx", "ots-sanitize")
	dir := t.TempDir()
	files := map[string]string{}
	for name, out := range subsets {
		file := filepath.Join(dir, name+".ttf")
		if err := os.WriteFile(file, out, 0o644); err != nil {
			t.Fatal(err)
		}
		files[name] = file
		if msg, err := exec.Command("ots-sanitize", file, filepath.Join(dir, name+".ots.ttf")).CombinedOutput(); err != nil {
			t.Errorf("%s: OTS rejects the subset: %v\n%s", name, err, msg)
		}
	}
	ttx := func(files ...string) ([]byte, error) {
		return exec.Command("ttx", append([]string{"-q", "-e", "-d", dir}, files...)...).CombinedOutput()
	}
	if msg, err := ttx(slices.Collect(maps.Values(files))...); err != nil {
		for name, file := range files {
			if msg, err := ttx(file); err != nil {
				t.Errorf("%s: fontTools cannot read the subset: %v\n%s", name, err, msg)
			}
		}
		if !t.Failed() {
			t.Errorf("fontTools cannot read the subsets together: %v\n%s", err, msg)
		}
	}
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
	subsets := map[string][]byte{}
	for _, long := range []bool{false, true} {
		out, _, err := subset(src, m, "", long)
		if err != nil {
			t.Fatal(err)
		}
		subsets[fmt.Sprintf("long-loca-%v", long)] = out
	}
	checkAllReaders(t, subsets)
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
