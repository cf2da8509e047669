package sfnt

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"github.com/go-text/typesetting/font"
)

func TestCollection(t *testing.T) {
	src := loadTestFont(t)
	m := sampleMappings(t, src)
	small, _, err := Subset(src, m)
	if err != nil {
		t.Fatal(err)
	}
	ttc := buildTTC(t, src, small)
	if faces, err := font.ParseTTC(bytes.NewReader(ttc)); err != nil || len(faces) != 2 {
		t.Fatalf("test collection is not valid for go-text: %d faces, %v", len(faces), err)
	}

	n, err := NumFonts(ttc)
	if err != nil || n != 2 {
		t.Fatalf("NumFonts = %d, %v; want 2", n, err)
	}
	for i, want := range [][]byte{src, small} {
		got, err := FontInCollection(ttc, i)
		if err != nil {
			t.Fatalf("font %d: %v", i, err)
		}
		checkStandalone(t, got, want)
		// The extracted font subsets exactly like the original.
		a, _, err := Subset(got, nil)
		if err != nil {
			t.Fatalf("font %d: subset after extraction: %v", i, err)
		}
		b, _, err := Subset(want, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Fatalf("font %d: subset of the extracted font differs", i)
		}
	}
	// The extracted subset still renders the mapped glyphs.
	got, _ := FontInCollection(ttc, 1)
	face := parseFace(t, got)
	for _, mp := range m {
		if _, ok := face.NominalGlyph(mp.Code); !ok {
			t.Fatalf("extracted font lost code %U", mp.Code)
		}
	}

	for _, idx := range []int{-1, 2, 100} {
		if _, err := FontInCollection(ttc, idx); err == nil {
			t.Errorf("index %d: no error", idx)
		}
	}
}

// checkStandalone checks that got holds the same tables as want (head apart
// from checkSumAdjustment), with valid checksums.
func checkStandalone(t *testing.T, got, want []byte) {
	t.Helper()
	gt, wt := tablesOf(t, got), tablesOf(t, want)
	if len(gt) != len(wt) {
		t.Fatalf("extracted font has %d tables, want %d", len(gt), len(wt))
	}
	for tag, w := range wt {
		g := gt[tag]
		if tag == "head" {
			g, w = slices.Clone(g), slices.Clone(w)
			put32(g, 8, 0)
			put32(w, 8, 0)
		}
		if !bytes.Equal(g, w) {
			t.Fatalf("table %s differs", tag)
		}
	}
	if s := checksum(got); s != checksumMagic {
		t.Fatalf("whole-file checksum %08x", s)
	}
	parseFace(t, got)
}

func TestSingleFontAsCollection(t *testing.T) {
	src := loadTestFont(t)
	if n, err := NumFonts(src); err != nil || n != 1 {
		t.Fatalf("NumFonts = %d, %v; want 1", n, err)
	}
	got, err := FontInCollection(src, 0)
	if err != nil || !bytes.Equal(got, src) {
		t.Fatalf("FontInCollection(single, 0): %v", err)
	}
	if _, err := FontInCollection(src, 1); err == nil {
		t.Fatal("FontInCollection(single, 1): no error")
	}
}

func TestCollectionErrors(t *testing.T) {
	src := loadTestFont(t)
	ttc := buildTTC(t, src, src)
	bad := [][]byte{
		nil,
		[]byte("ttc"),
		[]byte("ttcf\x00\x01\x00\x00"),
		[]byte("ttcf\x00\x01\x00\x00\x00\x00\x00\x00"),                 // zero fonts
		[]byte("ttcf\x00\x01\x00\x00\xff\xff\xff\xff\x00\x00\x00\x10"), // absurd count
		ttc[:16],
		[]byte("wOFF\x00\x01\x00\x00\x00\x00\x00\x00"),
	}
	for _, b := range bad {
		if _, err := NumFonts(b); !errors.Is(err, ErrMalformed) {
			t.Errorf("NumFonts(%q): got %v, want ErrMalformed", b, err)
		}
		if _, err := FontInCollection(b, 0); !errors.Is(err, ErrMalformed) {
			t.Errorf("FontInCollection(%q): got %v, want ErrMalformed", b, err)
		}
	}
	// Font offset pointing past the end of the file.
	broken := slices.Clone(ttc)
	put32(broken, 16, uint32(len(broken)))
	if _, err := FontInCollection(broken, 1); !errors.Is(err, ErrMalformed) {
		t.Errorf("bad font offset: got %v", err)
	}
	// Table directory truncated by the end of the file.
	if _, err := FontInCollection(ttc[:200], 1); !errors.Is(err, ErrMalformed) {
		t.Errorf("truncated: got %v", err)
	}
}
