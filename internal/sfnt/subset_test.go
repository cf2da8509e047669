package sfnt

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/go-text/typesetting/font"
)

// checkSubset verifies that out, the subset of src for m with ids newID, is a
// well-formed font in which each mapping's code resolves to a glyph with the
// source glyph's outline and advance.
func checkSubset(t *testing.T, src, out []byte, m []Mapping, newID map[uint16]uint16) {
	t.Helper()
	checkStructure(t, out)
	srcFace, outFace := parseFace(t, src), parseFace(t, out)

	// newID is a bijection onto 0..n-1 and keeps .notdef at 0.
	n := numGlyphsOf(t, out)
	if len(newID) != n {
		t.Fatalf("newID has %d glyphs, subset has %d", len(newID), n)
	}
	seen := make([]bool, n)
	for _, nw := range newID {
		if int(nw) >= n || seen[nw] {
			t.Fatalf("newID is not a dense renumbering: %v", newID)
		}
		seen[nw] = true
	}
	if id, ok := newID[0]; !ok || id != 0 {
		t.Fatalf(".notdef not kept as glyph 0")
	}

	for _, mp := range m {
		got, ok := outFace.NominalGlyph(mp.Code)
		if !ok {
			t.Fatalf("code %U not in subset cmap", mp.Code)
		}
		if want := newID[mp.GID]; got != font.GID(want) {
			t.Fatalf("code %U maps to glyph %d, want %d (source %d)", mp.Code, got, want, mp.GID)
		}
	}
	// Every kept glyph, mapped or component-only, keeps outline and metrics.
	drawn := 0
	for old, nw := range newID {
		a, b := outline(t, srcFace, old), outline(t, outFace, nw)
		if !slices.Equal(a, b) {
			t.Fatalf("glyph %d (new %d): outline differs:\n src %v\n out %v", old, nw, a, b)
		}
		if len(a) > 0 {
			drawn++
		}
		if a, b := srcFace.HorizontalAdvance(font.GID(old)), outFace.HorizontalAdvance(font.GID(nw)); a != b {
			t.Fatalf("glyph %d (new %d): advance %v, want %v", old, nw, b, a)
		}
	}
	if len(m) > 0 && drawn == 0 {
		t.Fatal("no kept glyph has an outline; comparison is vacuous")
	}
}

// checkStructure checks the directory, checksums and the fixed-up fields.
func checkStructure(t *testing.T, out []byte) {
	t.Helper()
	version, recs, err := readDir(out, 0)
	if err != nil {
		t.Fatal(err)
	}
	outlines := []string{"glyf", "loca"}
	switch version {
	case versionTrueType:
	case versionCFF:
		outlines = []string{"CFF "}
	default:
		t.Fatalf("sfnt version %08x", version)
	}
	var tags []string
	for i, r := range recs {
		tags = append(tags, tagString(r.tag))
		if i > 0 && recs[i-1].tag >= r.tag {
			t.Fatalf("table directory not sorted: %v", tags)
		}
		if r.off%4 != 0 {
			t.Fatalf("table %s not 4-byte aligned", tagString(r.tag))
		}
		data := out[r.off : r.off+pad4(r.n)]
		if r.tag == tagHead {
			data = slices.Clone(data)
			put32(data, 8, 0)
		}
		if got, want := u32(out, 12+16*i+4), checksum(data); got != want {
			t.Fatalf("table %s checksum %08x, want %08x", tagString(r.tag), got, want)
		}
	}
	if s := checksum(out); s != checksumMagic {
		t.Fatalf("whole-file checksum %08x, want B1B0AFBA", s)
	}
	for _, tag := range tags {
		switch tag {
		case "OS/2", "cmap", "head", "hhea", "hmtx", "maxp", "name", "post":
		case "cvt ", "fpgm", "gasp", "glyf", "loca", "prep":
			if version == versionCFF {
				t.Fatalf("TrueType table %q in a CFF subset", tag)
			}
		case "CFF ":
			if version != versionCFF {
				t.Fatalf("CFF table in a TrueType subset")
			}
		default:
			t.Fatalf("unexpected table %q in subset", tag)
		}
	}
	tabs := tablesOf(t, out)
	for _, tag := range append([]string{"cmap", "head", "hhea", "hmtx", "maxp", "name", "post"}, outlines...) {
		if tabs[tag] == nil {
			t.Fatalf("subset lacks %s", tag)
		}
	}
	n := int(u16(tabs["maxp"], 4))
	nhm := int(u16(tabs["hhea"], 34))
	if nhm < 1 || nhm > n || len(tabs["hmtx"]) != 4*nhm+2*(n-nhm) {
		t.Fatalf("hmtx: %d bytes for numGlyphs %d, numberOfHMetrics %d", len(tabs["hmtx"]), n, nhm)
	}
	locaEntry := 2 << u16(tabs["head"], 50)
	if version == versionTrueType && len(tabs["loca"]) != locaEntry*(n+1) {
		t.Fatalf("loca: %d bytes for %d glyphs, format %d", len(tabs["loca"]), n, u16(tabs["head"], 50))
	}
	if v := u32(tabs["post"], 0); v != 0x00030000 || len(tabs["post"]) != 32 {
		t.Fatalf("post version %08x, %d bytes", v, len(tabs["post"]))
	}
	if u16(tabs["cmap"], 2) != 2 || u16(tabs["cmap"], 4) != 0 || u16(tabs["cmap"], 6) != 3 ||
		u16(tabs["cmap"], 12) != 3 || u16(tabs["cmap"], 14) != 1 || u16(tabs["cmap"], 20) != 4 {
		t.Fatalf("cmap header: % x", tabs["cmap"][:24])
	}
}

// sampleMappings picks a mix of glyphs from the test font: glyphs with code
// points, glyphs without (conjuncts, ligatures; these get PUA codes),
// composite glyphs whose components are not mapped themselves, the last glyph
// (past hhea.numberOfHMetrics), and one glyph under two codes.
func sampleMappings(t *testing.T, src []byte) []Mapping {
	t.Helper()
	rev, err := CmapReverse(src)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parseTTF(src)
	if err != nil {
		t.Fatal(err)
	}
	var m []Mapping
	pua := rune(0xE000)
	withCode, withoutCode, composite := 0, 0, 0
	for g := 1; g < len(rev); g++ {
		data, err := f.glyph(g)
		if err != nil {
			t.Fatal(err)
		}
		comps, ok := components(data, nil)
		if !ok {
			t.Fatalf("glyph %d: bad composite", g)
		}
		take := false
		switch {
		case len(comps) > 0 && composite < 6:
			take = true
			composite++
		case rev[g] != 0 && withCode < 12 && g%3 == 0:
			take = true
			withCode++
		case rev[g] == 0 && withoutCode < 8 && g%5 == 0:
			take = true
			withoutCode++
		case g == len(rev)-1:
			take = true
		}
		if !take {
			continue
		}
		if rev[g] != 0 {
			m = append(m, Mapping{GID: uint16(g), Code: rev[g]})
		} else {
			m = append(m, Mapping{GID: uint16(g), Code: pua})
			pua++
		}
	}
	if composite == 0 || withCode == 0 || withoutCode == 0 {
		t.Fatalf("test font lacks glyph kinds: composite %d, with code %d, without %d", composite, withCode, withoutCode)
	}
	m = append(m, Mapping{GID: m[0].GID, Code: 0xF8FF}) // same glyph, second code
	return m
}

func TestSubsetSample(t *testing.T) {
	src := loadTestFont(t)
	m := sampleMappings(t, src)
	out, newID, err := Subset(src, m)
	if err != nil {
		t.Fatal(err)
	}
	checkSubset(t, src, out, m, newID)

	// Components of mapped composites were pulled in.
	f, _ := parseTTF(src)
	mapped := map[uint16]bool{}
	for _, mp := range m {
		mapped[mp.GID] = true
	}
	componentOnly := 0
	for old := range newID {
		data, _ := f.glyph(int(old))
		comps, _ := components(data, nil)
		for _, p := range comps {
			c := u16(data, p)
			if _, ok := newID[c]; !ok {
				t.Fatalf("component %d of glyph %d missing", c, old)
			}
			if !mapped[c] {
				componentOnly++
			}
		}
	}
	if componentOnly == 0 {
		t.Fatal("sample has no component-only glyphs; test is too weak")
	}
	// The source has numberOfHMetrics < numGlyphs; the last glyph is mapped.
	if nhm := u16(f.hhea, 34); int(nhm) >= f.numGlyphs {
		t.Fatalf("test font should have numberOfHMetrics < numGlyphs")
	}
	if len(out) > len(src)/3 {
		t.Errorf("subset is %d bytes, source %d", len(out), len(src))
	}
	t.Logf("%d mappings → %d glyphs, %d bytes (source %d)", len(m), len(newID), len(out), len(src))
}

// TestSubsetNestedComposite subsets a single composite glyph one of whose
// components is itself composite: the whole tree must be kept and renumbered.
func TestSubsetNestedComposite(t *testing.T) {
	src := loadTestFont(t)
	f, err := parseTTF(src)
	if err != nil {
		t.Fatal(err)
	}
	kids := func(g uint16) []uint16 {
		data, err := f.glyph(int(g))
		if err != nil {
			t.Fatal(err)
		}
		offs, ok := components(data, nil)
		if !ok {
			t.Fatalf("glyph %d: bad composite", g)
		}
		var ks []uint16
		for _, p := range offs {
			ks = append(ks, u16(data, p))
		}
		return ks
	}
	nested := -1
	for g := 1; g < f.numGlyphs && nested < 0; g++ {
		for _, k := range kids(uint16(g)) {
			if len(kids(k)) > 0 {
				nested = g
				break
			}
		}
	}
	if nested < 0 {
		t.Fatal("test font has no nested composite glyph")
	}
	m := []Mapping{{GID: uint16(nested), Code: 0xE000}}
	out, newID, err := Subset(src, m)
	if err != nil {
		t.Fatal(err)
	}
	// Expected: the transitive closure of the glyph's components, plus .notdef.
	want := map[uint16]bool{0: true}
	var walk func(uint16)
	walk = func(g uint16) {
		want[g] = true
		for _, k := range kids(g) {
			walk(k)
		}
	}
	walk(uint16(nested))
	if len(newID) != len(want) {
		t.Fatalf("kept %v, want the closure %v", newID, want)
	}
	for g := range want {
		if _, ok := newID[g]; !ok {
			t.Fatalf("glyph %d of the component tree not kept", g)
		}
	}
	checkSubset(t, src, out, m, newID)
}

func TestSubsetAllGlyphs(t *testing.T) {
	src := loadTestFont(t)
	m := allMappings(t, src)
	for _, long := range []bool{false, true} {
		out, newID, err := subset(src, m, "", long)
		if err != nil {
			t.Fatal(err)
		}
		if got := u16(tablesOf(t, out)["head"], 50); got != map[bool]uint16{false: 0, true: 1}[long] {
			t.Fatalf("long=%v: indexToLocFormat %d", long, got)
		}
		if len(newID) != numGlyphsOf(t, src) {
			t.Fatalf("kept %d of %d glyphs", len(newID), numGlyphsOf(t, src))
		}
		checkSubset(t, src, out, m, newID)
	}
}

func TestSubsetLongLocaSource(t *testing.T) {
	src := loadTestFont(t)
	long := withLongLoca(t, src)
	m := sampleMappings(t, src)
	a, _, err := Subset(src, m)
	if err != nil {
		t.Fatal(err)
	}
	b, newID, err := Subset(long, m)
	if err != nil {
		t.Fatal(err)
	}
	checkSubset(t, long, b, m, newID)
	if !bytes.Equal(a, b) {
		t.Fatal("subset of the long-loca copy differs from subset of the short-loca font")
	}
}

func TestSubsetDeterministic(t *testing.T) {
	src := loadTestFont(t)
	m := sampleMappings(t, src)
	a, _, err := Subset(src, m)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := Subset(src, m)
	if err != nil {
		t.Fatal(err)
	}
	rev := slices.Clone(m)
	slices.Reverse(rev)
	rev = append(rev, m[0]) // exact duplicates are harmless
	c, _, err := Subset(src, rev)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) || !bytes.Equal(a, c) {
		t.Fatal("output depends on more than the input font and the set of mappings")
	}
}

func TestSubsetEmpty(t *testing.T) {
	src := loadTestFont(t)
	out, newID, err := Subset(src, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(newID) != 1 || numGlyphsOf(t, out) != 1 {
		t.Fatalf("empty subset keeps %d glyphs", len(newID))
	}
	checkSubset(t, src, out, nil, newID)
}

func TestSubsetErrors(t *testing.T) {
	src := loadTestFont(t)
	otto := slices.Clone(src)
	copy(otto, "OTTO")
	if _, _, err := Subset(otto, nil); !errors.Is(err, ErrMalformed) {
		t.Errorf("OTTO without a CFF table: got %v, want ErrMalformed", err)
	}
	if _, _, err := Subset(buildTTC(t, src), nil); !errors.Is(err, ErrCollection) {
		t.Errorf("ttcf: got %v, want ErrCollection", err)
	}
	for _, m := range [][]Mapping{
		{{GID: 5, Code: 0x10000}},
		{{GID: 5, Code: 0xFFFF}},
		{{GID: 5, Code: 0xD800}},
		{{GID: 5, Code: -1}},
		{{GID: 60000, Code: 0xE000}},
		{{GID: 5, Code: 0xE000}, {GID: 6, Code: 0xE000}},
	} {
		_, _, err := Subset(src, m)
		if !errors.Is(err, ErrMapping) {
			t.Errorf("%v: got %v, want ErrMapping", m, err)
		}
	}
	// Glyphs without a code are fine, even several.
	if _, _, err := Subset(src, []Mapping{{GID: 5, Code: 0}, {GID: 6, Code: 0}}); err != nil {
		t.Errorf("glyphs without codes: %v", err)
	}
	// One glyph under two codes is fine.
	if _, _, err := Subset(src, []Mapping{{GID: 5, Code: 0xE000}, {GID: 5, Code: 0xE001}}); err != nil {
		t.Errorf("same glyph under two codes: %v", err)
	}
	composite, damaged := damagedFonts(t, src)
	for name, b := range damaged {
		_, _, err := Subset(b, []Mapping{{GID: uint16(composite), Code: 0xE000}})
		t.Logf("bad %s: %v", name, err)
		if !errors.Is(err, ErrMalformed) {
			t.Errorf("bad %s: got %v, want ErrMalformed", name, err)
		}
	}

	for _, n := range []int{0, 3, 11, 12, 100, len(src) / 2} {
		if _, _, err := Subset(src[:n], []Mapping{{GID: 5, Code: 0xE000}}); !errors.Is(err, ErrMalformed) {
			t.Errorf("truncated to %d bytes: got %v, want ErrMalformed", n, err)
		}
	}
}

func BenchmarkSubset(b *testing.B) {
	src := loadTestFont(b)
	m := allMappings(b, src)[:300]
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := Subset(src, m); err != nil {
			b.Fatal(err)
		}
	}
}

// damagedFonts returns copies of src with damaged glyph data for one
// composite glyph, which it also returns: a component id past numGlyphs, a
// truncated composite, loca offsets out of order.
func damagedFonts(t *testing.T, src []byte) (composite int, fonts map[string][]byte) {
	t.Helper()
	f, err := parseTTF(src)
	if err != nil {
		t.Fatal(err)
	}
	_, recs, err := readDir(src, 0)
	if err != nil {
		t.Fatal(err)
	}
	var glyfOff, locaOff int
	for _, r := range recs {
		switch r.tag {
		case tagGlyf:
			glyfOff = r.off
		case tagLoca:
			locaOff = r.off
		}
	}
	composite = -1
	compLen := 0
	for g := 1; g < f.numGlyphs && composite < 0; g++ {
		data, _ := f.glyph(g)
		if offs, _ := components(data, nil); len(offs) > 0 {
			composite, compLen = g, len(data)
		}
	}
	dataOff := glyfOff + 2*int(u16(src, locaOff+2*composite)) // short loca
	badComp := slices.Clone(src)
	put16(badComp, dataOff+12, 0xFFF0) // first component's glyph index
	badLen := slices.Clone(src)
	for i := dataOff + 10; i+2 <= dataOff+compLen; i += 2 {
		put16(badLen, i, compMore) // every component says more follow
	}
	badLoca := slices.Clone(src)
	put16(badLoca, locaOff+2*composite, 0xFFFF)
	return composite, map[string][]byte{"component id": badComp, "composite length": badLen, "loca": badLoca}
}

// TestSubsetConcurrent runs different subsets, including failing ones, at the
// same time: the pooled id tables must come back clean.
func TestSubsetConcurrent(t *testing.T) {
	src := loadTestFont(t)
	all := allMappings(t, src)
	var sets [][]Mapping
	for k := 1; k <= 8; k++ {
		var m []Mapping
		for i := k; i < len(all); i += k + 2 {
			m = append(m, all[i])
		}
		sets = append(sets, m)
	}
	want := make([][]byte, len(sets))
	for i, m := range sets {
		out, _, err := Subset(src, m)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = out
	}
	composite, damaged := damagedFonts(t, src)
	errs := make(chan error, 64)
	done := make(chan struct{})
	for w := 0; w < 4; w++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for r := 0; r < 20; r++ {
				i := (w + r) % len(sets)
				// Failures half-way through must not leave ids behind.
				bad := append(slices.Clone(sets[i]), Mapping{GID: uint16(composite), Code: 0xF8F0})
				if _, _, err := Subset(damaged["component id"], bad); !errors.Is(err, ErrMalformed) {
					errs <- fmt.Errorf("damaged font: got %v", err)
					return
				}
				out, _, err := Subset(src, sets[i])
				if err != nil {
					errs <- err
					return
				}
				if !bytes.Equal(out, want[i]) {
					errs <- errors.New("concurrent subset differs from the serial one")
					return
				}
			}
		}()
	}
	for w := 0; w < 4; w++ {
		<-done
	}
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}
