package sfnt

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// cffFonts are OpenType CFF fonts of Debian packages: Noto Sans CJK
// (fonts-noto-cjk, which .ci/run installs), a collection of CID-keyed fonts
// with 65,535 glyphs, 18 Font DICTs and big subroutine INDEXes, and a
// name-keyed font with one Private DICT and local subroutines (fonts-urw-base35,
// which Ghostscript depends on). A missing one follows testtool's rule.
var cffFonts = []struct {
	path  string
	index int // face in a collection
}{
	{"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0}, // Noto Sans CJK JP
	{"/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 1},    // Noto Sans CJK KR
	{"/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf", 0},
}

// readCFFFont reads a face of one of cffFonts, or skips.
func readCFFFont(t *testing.T, path string, index int) []byte {
	t.Helper()
	src, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		missing(t, path, err)
	}
	if err != nil {
		t.Fatal(err)
	}
	src, err = FontInCollection(src, index)
	if err != nil {
		t.Fatal(err)
	}
	if !IsCFF(src) {
		t.Fatalf("%s is not a CFF font", path)
	}
	return src
}

// TestCFFSubsets cuts CFF fonts: every kept glyph draws the source's
// outline with the source's advance (go-text reading both), the subset is
// an OpenType CFF font OTS and fontTools accept, and its CFF table is
// CID-keyed with glyph i as CID i and no subroutines.
func TestCFFSubsets(t *testing.T) {
	subsets := map[string][]byte{}
	for _, f := range cffFonts {
		name := strings.TrimSuffix(filepath.Base(f.path), filepath.Ext(f.path))
		t.Run(name, func(t *testing.T) {
			src := readCFFFont(t, f.path, f.index)
			m := spreadMappings(t, src, 400)
			out, newID, err := SubsetNamed(src, m, "ABCDEF+Test")
			if err != nil {
				t.Fatal(err)
			}
			checkSubset(t, src, out, m, newID)
			table, err := CFFTable(out)
			if err != nil {
				t.Fatal(err)
			}
			checkCIDKeyed(t, table, len(newID))
			subsets[name] = out
			t.Logf("%d mappings → %d glyphs, %d bytes (CFF %d; source %d)", len(m), len(newID), len(out), len(table), len(src))
		})
	}
	if len(subsets) > 0 {
		checkAllReaders(t, subsets)
	}
}

// checkCIDKeyed parses a subset's CFF table back: one font named as asked,
// ROS Adobe-Identity-0, n charstrings, a charset of CIDs 0..n-1 in order,
// no subroutines.
func checkCIDKeyed(t *testing.T, b []byte, n int) {
	t.Helper()
	f, err := parseCFF(b)
	if err != nil {
		t.Fatalf("the subset's CFF does not parse: %v", err)
	}
	if string(f.name) != "ABCDEF+Test" {
		t.Errorf("CFF name %q", f.name)
	}
	if ros := f.top.get(opROS); !slices.Equal(ros, []float64{391, 392, 0}) {
		t.Errorf("ROS %v", ros)
	}
	if f.chars.count() != n || f.gsubrs.count() != 0 {
		t.Errorf("%d charstrings for %d glyphs, %d global subroutines", f.chars.count(), n, f.gsubrs.count())
	}
	for _, fd := range f.fds {
		if fd.subrs.count() != 0 {
			t.Error("a Private DICT keeps local subroutines")
		}
	}
	cs, err := offsetArg(f.top, opCharset, len(b))
	if err != nil {
		t.Fatal(err)
	}
	if want := charsetBytes(n); string(b[cs:cs+len(want)]) != string(want) {
		t.Errorf("charset % x, want % x", b[cs:cs+len(want)], want)
	}
}

// TestCFFErrors: damaged CFF data is an error wrapping ErrMalformed, and
// what the flattener cannot inline, ErrCFF; never a panic.
func TestCFFErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		cs   []byte
		want error
	}{
		{"no endchar", []byte{139, 139, 21}, ErrMalformed},
		{"call without number", []byte{10}, ErrMalformed},
		{"subr out of range", []byte{139 + 50, 10}, ErrMalformed},
		{"arithmetic", []byte{139, 139, 12, 10, 14}, ErrCFF},
		{"seac", []byte{139, 139, 139, 139, 14}, ErrCFF},
		{"reserved", []byte{2}, ErrMalformed},
		{"truncated number", []byte{28, 1}, ErrMalformed},
		{"hintmask past end", []byte{139, 139, 1, 19}, ErrMalformed},
		{"recursion", []byte{139 - 107, 10}, ErrMalformed},
	} {
		self := cffIndex{data: []byte{139 - 107, 10}, offs: []int{0, 2}} // subr 0 calls itself
		fl := flattener{local: self, last: -1}
		done, err := fl.run(c.cs, 0)
		if err == nil && !done {
			err = ErrMalformed // as flatCharstring reports it
		}
		if !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	for _, b := range [][]byte{nil, {1, 0, 4}, {2, 0, 5, 0, 0}, {1, 0, 4, 4, 0, 1, 4, 0, 0, 0, 1}} {
		if _, err := parseCFF(b); err == nil {
			t.Errorf("parseCFF(% x) accepted", b)
		}
	}
}
