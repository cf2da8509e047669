package sfnt

import (
	"bytes"
	"encoding/binary"
	"os"
	"slices"
	"testing"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
)

const testFontPath = "testdata/NotoSansGurmukhi-Regular.ttf"

func loadTestFont(tb testing.TB) []byte {
	tb.Helper()
	b, err := os.ReadFile(testFontPath)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

func parseFace(tb testing.TB, b []byte) *font.Face {
	tb.Helper()
	face, err := font.ParseTTF(bytes.NewReader(b))
	if err != nil {
		tb.Fatalf("go-text cannot parse font: %v", err)
	}
	return face
}

// outline returns the go-text outline segments of glyph g.
func outline(tb testing.TB, face *font.Face, g uint16) []ot.Segment {
	tb.Helper()
	o, ok := face.GlyphDataOutline(font.GID(g))
	if !ok {
		tb.Fatalf("glyph %d has no outline", g)
	}
	return o.Segments
}

// tablesOf returns the tables of a standalone font by tag.
func tablesOf(tb testing.TB, b []byte) map[string][]byte {
	tb.Helper()
	_, recs, err := readDir(b, 0)
	if err != nil {
		tb.Fatal(err)
	}
	m := make(map[string][]byte, len(recs))
	for _, r := range recs {
		m[tagString(r.tag)] = b[r.off : r.off+r.n]
	}
	return m
}

func numGlyphsOf(tb testing.TB, b []byte) int {
	tb.Helper()
	return int(binary.BigEndian.Uint16(tablesOf(tb, b)["maxp"][4:]))
}

// allMappings maps every glyph but .notdef of src: to its lowest real code
// point when it has one, else to consecutive Private Use Area codes.
func allMappings(tb testing.TB, src []byte) []Mapping {
	tb.Helper()
	rev, err := CmapReverse(src)
	if err != nil {
		tb.Fatal(err)
	}
	var m []Mapping
	pua := rune(0xE000)
	for g := 1; g < len(rev); g++ {
		code := rev[g]
		if code == 0 || code > 0xFFFF {
			code = pua
			pua++
		}
		m = append(m, Mapping{GID: uint16(g), Code: code})
	}
	return m
}

// withLongLoca rewrites a short-loca font to use long loca offsets, keeping
// every other byte of every table.
func withLongLoca(tb testing.TB, src []byte) []byte {
	tb.Helper()
	_, recs, err := readDir(src, 0)
	if err != nil {
		tb.Fatal(err)
	}
	tabs := tablesOf(tb, src)
	if u16(tabs["head"], 50) != 0 {
		tb.Fatal("font already has long loca")
	}
	var ts []table
	for _, r := range recs {
		data := src[r.off : r.off+r.n]
		switch r.tag {
		case tagHead:
			data = slices.Clone(data)
			put16(data, 50, 1)
		case tagLoca:
			long := make([]byte, 2*len(data))
			for i := 0; i+2 <= len(data); i += 2 {
				put32(long, 2*i, 2*uint32(u16(data, i)))
			}
			data = long
		}
		ts = append(ts, table{tag: r.tag, data: data})
	}
	out, err := assemble(versionTrueType, ts)
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// buildTTC makes a 'ttcf' collection (version 1.0) of the given standalone
// fonts. Tables with identical contents are stored once and shared, as in
// real collections.
func buildTTC(tb testing.TB, fonts ...[]byte) []byte {
	tb.Helper()
	type font struct {
		version uint32
		recs    []record
	}
	var fs []font
	dirSize := 0
	for _, f := range fonts {
		v, recs, err := readDir(f, 0)
		if err != nil {
			tb.Fatal(err)
		}
		fs = append(fs, font{v, recs})
		dirSize += 12 + 16*len(recs)
	}
	hdr := 12 + 4*len(fonts)
	out := make([]byte, hdr+dirSize)
	copy(out, "ttcf")
	put32(out, 4, 0x00010000)
	put32(out, 8, uint32(len(fonts)))
	stored := map[string]int{} // table contents → offset
	dir := hdr
	for i, f := range fs {
		put32(out, 12+4*i, uint32(dir))
		put32(out, dir, f.version)
		put16(out, dir+4, uint16(len(f.recs)))
		copy(out[dir+6:dir+12], fonts[i][6:12])
		for j, r := range f.recs {
			data := fonts[i][r.off : r.off+r.n]
			off, ok := stored[string(data)]
			if !ok {
				for len(out)%4 != 0 {
					out = append(out, 0)
				}
				off = len(out)
				out = append(out, data...)
				stored[string(data)] = off
			}
			p := dir + 12 + 16*j
			put32(out, p, r.tag)
			put32(out, p+4, checksum(data))
			put32(out, p+8, uint32(off))
			put32(out, p+12, uint32(r.n))
		}
		dir += 12 + 16*len(f.recs)
	}
	for len(out)%4 != 0 {
		out = append(out, 0)
	}
	return out
}
