// Package sfnt cuts OpenType fonts down to the glyphs one document uses.
//
// It sits at the end of the rendering pipeline: fonts → typeset → page →
// export/pdf, and export/pdf uses sfnt to cut fonts. The shaper hands the
// exporter positioned glyph ids, some of which (ligatures, conjuncts, Arabic
// contextual forms) have no code point of their own. The exporter embeds
// each subset as a CID font addressed by glyph id, so [Subset] keeps every
// glyph it is given, renumbered densely, and gives those with a code point
// of their own (see [CmapReverse]) an entry in the subset's cmap so the
// subset is a complete font for any reader. [ReadMetrics] reads what a PDF
// font descriptor needs.
//
// Both outline flavours are cut: TrueType (glyf/loca; the PDF embeds the
// subset as CIDFontType2) and CFF ('OTTO'; cff.go writes a CID-keyed CFF
// table with the subroutines inlined, which the PDF embeds as
// CIDFontType0C). CFF2 (variable) outlines are rejected with [ErrCFF]. Font
// collections ('ttcf': .ttc, .otc) are opened with [NumFonts] and
// [FontInCollection].
//
// All functions treat their input as untrusted: malformed fonts produce
// errors wrapping [ErrMalformed], never panics.
package sfnt

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

var (
	// ErrCFF reports CFF outlines this package cannot cut: CFF2 (variable)
	// outlines, charstrings that compute (arithmetic operators) or accented
	// glyphs built by endchar (seac).
	ErrCFF = errors.New("sfnt: unsupported CFF outlines")
	// ErrCollection reports a font collection ('ttcf') passed where a single
	// font is needed; use [FontInCollection] first.
	ErrCollection = errors.New("sfnt: font is a collection ('ttcf'), extract one font with FontInCollection")
	// ErrMalformed is wrapped by every error about a damaged or unsupported
	// font structure.
	ErrMalformed = errors.New("sfnt: malformed font")
	// ErrMapping is wrapped by every error about an invalid [Mapping] list.
	ErrMapping = errors.New("sfnt: invalid mapping")
)

// sfnt version tags and table tags, as big-endian uint32 values.
const (
	versionTrueType = 0x00010000
	versionApple    = 0x74727565 // 'true'
	versionCFF      = 0x4F54544F // 'OTTO'
	versionTTC      = 0x74746366 // 'ttcf'

	tagOS2  = 0x4F532F32 // 'OS/2'
	tagCmap = 0x636D6170 // 'cmap'
	tagCvt  = 0x63767420 // 'cvt '
	tagFpgm = 0x6670676D // 'fpgm'
	tagGasp = 0x67617370 // 'gasp'
	tagGlyf = 0x676C7966 // 'glyf'
	tagHead = 0x68656164 // 'head'
	tagHhea = 0x68686561 // 'hhea'
	tagHmtx = 0x686D7478 // 'hmtx'
	tagLoca = 0x6C6F6361 // 'loca'
	tagMaxp = 0x6D617870 // 'maxp'
	tagName = 0x6E616D65 // 'name'
	tagPost = 0x706F7374 // 'post'
	tagPrep = 0x70726570 // 'prep'
)

// checksumMagic is the constant from which head.checkSumAdjustment is derived.
const checksumMagic = 0xB1B0AFBA

func u16(b []byte, off int) uint16 { return binary.BigEndian.Uint16(b[off:]) }
func u32(b []byte, off int) uint32 { return binary.BigEndian.Uint32(b[off:]) }

func put16(b []byte, off int, v uint16) { binary.BigEndian.PutUint16(b[off:], v) }
func put32(b []byte, off int, v uint32) { binary.BigEndian.PutUint32(b[off:], v) }

// tagString renders a table tag for error messages.
func tagString(t uint32) string {
	b := [4]byte{byte(t >> 24), byte(t >> 16), byte(t >> 8), byte(t)}
	for _, c := range b {
		if c < 0x20 || c > 0x7E {
			return fmt.Sprintf("0x%08X", t)
		}
	}
	return string(b[:])
}

// record is one entry of a table directory: where a table's bytes are in src.
type record struct {
	tag uint32
	off int
	n   int
}

// readDir parses the table directory of the font whose offset table starts at
// src[base:]. Table offsets are absolute (relative to src), as in collections.
// Records whose bytes fall outside src are an error.
func readDir(src []byte, base int) (version uint32, recs []record, err error) {
	if base < 0 || len(src)-base < 12 {
		return 0, nil, fmt.Errorf("%w: offset table truncated", ErrMalformed)
	}
	version = u32(src, base)
	n := int(u16(src, base+4))
	if len(src)-base-12 < 16*n {
		return 0, nil, fmt.Errorf("%w: table directory truncated (%d tables)", ErrMalformed, n)
	}
	recs = make([]record, n)
	for i := range recs {
		p := base + 12 + 16*i
		off, length := uint64(u32(src, p+8)), uint64(u32(src, p+12))
		if off+length > uint64(len(src)) {
			return 0, nil, fmt.Errorf("%w: table %q outside the file", ErrMalformed, tagString(u32(src, p)))
		}
		recs[i] = record{tag: u32(src, p), off: int(off), n: int(length)}
	}
	return version, recs, nil
}

// fontDir reads the table directory of a standalone font with TrueType or
// CFF outlines (for what reads neither glyf nor CFF), refusing collections.
func fontDir(src []byte) ([]record, error) {
	if len(src) < 4 {
		return nil, fmt.Errorf("%w: file too short", ErrMalformed)
	}
	if v := u32(src, 0); v != versionCFF {
		if err := checkVersion(v); err != nil {
			return nil, err
		}
	}
	_, recs, err := readDir(src, 0)
	return recs, err
}

// pick returns the bytes of the tables tags of src, in the order asked
// for; nil for a table the directory recs does not list.
func pick(src []byte, recs []record, tags ...uint32) [][]byte {
	out := make([][]byte, len(tags))
	for _, r := range recs {
		if i := slices.Index(tags, r.tag); i >= 0 {
			out[i] = src[r.off : r.off+r.n]
		}
	}
	return out
}

// checkVersion maps an sfnt version tag to the errors Subset reports.
func checkVersion(v uint32) error {
	switch v {
	case versionTrueType, versionApple:
		return nil
	case versionCFF:
		return ErrCFF
	case versionTTC:
		return ErrCollection
	}
	return fmt.Errorf("%w: unknown sfnt version 0x%08X", ErrMalformed, v)
}

// checksum is the OpenType table checksum of b, which the caller has padded
// with zeros to a multiple of four bytes.
func checksum(b []byte) uint32 {
	var s uint32
	for len(b) >= 4 {
		s += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 { // unpadded tail: treat missing bytes as zero
		var t [4]byte
		copy(t[:], b)
		s += binary.BigEndian.Uint32(t[:])
	}
	return s
}

func cmpTag(a, b uint32) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func pad4(n int) int { return (n + 3) &^ 3 }

// entry places one output table: tag, offset in the output and unpadded length.
type entry struct {
	tag uint32
	off int
	n   int
}

// layout assigns each table of es, which must already be sorted by tag, a
// 4-byte aligned offset after the directory. It returns the total file size.
func layout(es []entry) int {
	off := 12 + 16*len(es)
	for i := range es {
		es[i].off = off
		off += pad4(es[i].n)
	}
	return off
}

// finish writes the offset table (with the given sfnt version) and the table
// directory for es (laid out by layout, with table bytes already in out) and
// sets head.checkSumAdjustment. out must be zero in all padding bytes and in
// head.checkSumAdjustment.
func finish(out []byte, version uint32, es []entry) {
	n := len(es)
	put32(out, 0, version)
	put16(out, 4, uint16(n))
	if n > 0 {
		sr, sel := 1, 0
		for sr*2 <= n {
			sr *= 2
			sel++
		}
		put16(out, 6, uint16(sr*16))
		put16(out, 8, uint16(sel))
		put16(out, 10, uint16(n*16-sr*16))
	}
	head := -1
	for i, e := range es {
		p := 12 + 16*i
		put32(out, p, e.tag)
		put32(out, p+4, checksum(out[e.off:e.off+pad4(e.n)]))
		put32(out, p+8, uint32(e.off))
		put32(out, p+12, uint32(e.n))
		if e.tag == tagHead && e.n >= 12 {
			head = e.off
		}
	}
	if head >= 0 {
		put32(out, head+8, checksumMagic-checksum(out))
	}
}

// table is a tag with its bytes, the input of assemble.
type table struct {
	tag  uint32
	data []byte
}

// assemble builds a standalone sfnt file with the given version from ts,
// recomputing table checksums and head.checkSumAdjustment. The inputs are not
// modified.
func assemble(version uint32, ts []table) ([]byte, error) {
	if len(ts) > 0xFFFF/16 {
		return nil, fmt.Errorf("%w: too many tables (%d)", ErrMalformed, len(ts))
	}
	ts = slices.Clone(ts)
	slices.SortStableFunc(ts, func(a, b table) int { return cmpTag(a.tag, b.tag) })
	es := make([]entry, len(ts))
	for i, t := range ts {
		es[i] = entry{tag: t.tag, n: len(t.data)}
	}
	out := make([]byte, layout(es))
	for i, t := range ts {
		copy(out[es[i].off:], t.data)
		if es[i].tag == tagHead && es[i].n >= 12 {
			put32(out, es[i].off+8, 0)
		}
	}
	finish(out, version, es)
	return out, nil
}
