package sfnt

import (
	"errors"
	"slices"
	"testing"
)

// lowestCodes builds the expected CmapReverse result from go-text's own
// reading of the font's cmap.
func lowestCodes(t *testing.T, src []byte) []rune {
	t.Helper()
	face := parseFace(t, src)
	want := make([]rune, numGlyphsOf(t, src))
	for it := face.Font.Cmap.Iter(); it.Next(); {
		r, g := it.Char()
		if !usableCode(r) || int(g) >= len(want) || g == 0 {
			continue
		}
		if want[g] == 0 || r < want[g] {
			want[g] = r
		}
	}
	return want
}

func TestCmapReverse(t *testing.T) {
	src := loadTestFont(t)
	rev, err := CmapReverse(src)
	if err != nil {
		t.Fatal(err)
	}
	want := lowestCodes(t, src)
	if !slices.Equal(rev, want) {
		t.Fatalf("CmapReverse disagrees with go-text:\n got %v\nwant %v", rev, want)
	}
	with, without := 0, 0
	for g := 1; g < len(rev); g++ {
		if rev[g] != 0 {
			with++
		} else {
			without++
		}
	}
	if with < 50 || without < 50 {
		t.Fatalf("test font: %d glyphs with a code, %d without", with, without)
	}
}

func TestCmapReverseOfSubset(t *testing.T) {
	src := loadTestFont(t)
	m := sampleMappings(t, src)
	out, newID, err := Subset(src, m)
	if err != nil {
		t.Fatal(err)
	}
	rev, err := CmapReverse(out)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]rune, len(newID))
	for _, mp := range m {
		g := newID[mp.GID]
		if want[g] == 0 || mp.Code < want[g] {
			want[g] = mp.Code
		}
	}
	if !slices.Equal(rev, want) {
		t.Fatalf("got %v\nwant %v", rev, want)
	}
}

// withCmap12 replaces the cmap of src by one holding only a format 12
// subtable (platform 3 encoding 10) with the given groups.
func withCmap12(t *testing.T, src []byte, groups [][3]uint32) []byte {
	t.Helper()
	sub := make([]byte, 16+12*len(groups))
	put16(sub, 0, 12)
	put32(sub, 4, uint32(len(sub)))
	put32(sub, 12, uint32(len(groups)))
	for i, g := range groups {
		put32(sub, 16+12*i, g[0])
		put32(sub, 20+12*i, g[1])
		put32(sub, 24+12*i, g[2])
	}
	cmap := make([]byte, 12, 12+len(sub))
	put16(cmap, 2, 1)
	put16(cmap, 4, 3)
	put16(cmap, 6, 10)
	put32(cmap, 8, 12)
	cmap = append(cmap, sub...)
	_, recs, err := readDir(src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ts []table
	for _, r := range recs {
		data := src[r.off : r.off+r.n]
		if r.tag == tagCmap {
			data = cmap
		}
		ts = append(ts, table{r.tag, data})
	}
	out, err := assemble(versionTrueType, ts)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCmapReverseFormat12(t *testing.T) {
	src := loadTestFont(t)
	n := uint32(numGlyphsOf(t, src))
	font := withCmap12(t, src, [][3]uint32{
		{0x41, 0x43, 10},           // A..C → 10..12
		{0x42, 0x44, 50},           // overlaps the previous group: only 0x44 (→ 52) counts
		{0xD7FE, 0xD801, 20},       // runs into the surrogates, which are never returned
		{0x10000, 0x10000, n + 5},  // glyph out of range: ignored
		{0x1F600, 0x1F601, 11},     // second, higher codes for glyphs 11 and 12
		{0x20000, 0x2FFFF, n - 2},  // runs past the last glyph
		{0x10FFFF, 0xFFFFFFFF, 30}, // end clamped to U+10FFFF
	})
	rev, err := CmapReverse(font)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]rune, n)
	want[10], want[11], want[12] = 0x41, 0x42, 0x43
	want[52] = 0x44
	want[20], want[21] = 0xD7FE, 0xD7FF
	want[n-2], want[n-1] = 0x20000, 0x20001
	want[30] = 0x10FFFF
	if !slices.Equal(rev, want) {
		for g := range want {
			if rev[g] != want[g] {
				t.Errorf("glyph %d: got %U, want %U", g, rev[g], want[g])
			}
		}
	}
	// The synthesized subtable is well formed: go-text reads a sane one the
	// same way. (Not the one above: go-text would walk 4 billion codes.)
	sane := withCmap12(t, src, [][3]uint32{{0x41, 0x43, 10}, {0x1F600, 0x1F601, 11}, {0x20000, 0x2FFFF, n - 2}})
	rev, err = CmapReverse(sane)
	if err != nil {
		t.Fatal(err)
	}
	if want := lowestCodes(t, sane); !slices.Equal(rev, want) {
		t.Fatalf("CmapReverse disagrees with go-text:\n got %v\nwant %v", rev, want)
	}
}

func TestCmapReverseErrors(t *testing.T) {
	src := loadTestFont(t)
	if _, err := CmapReverse(buildTTC(t, src)); !errors.Is(err, ErrCollection) {
		t.Errorf("ttcf: got %v, want ErrCollection", err)
	}
	noUnicode := withCmap12(t, src, nil)
	tabs := tablesOf(t, noUnicode)
	put16(tabs["cmap"], 4, 1) // platform 1 (Macintosh): not Unicode
	if _, err := CmapReverse(noUnicode); !errors.Is(err, ErrMalformed) {
		t.Errorf("no Unicode subtable: got %v, want ErrMalformed", err)
	}
	for _, n := range []int{0, 5, 12, 40} {
		if _, err := CmapReverse(src[:n]); !errors.Is(err, ErrMalformed) {
			t.Errorf("truncated to %d: got %v, want ErrMalformed", n, err)
		}
	}
}
