package sfnt

import "fmt"

// ttcOffsets returns the offsets of the fonts of a 'ttcf' collection, checked
// to lie inside src.
func ttcOffsets(src []byte) ([]int, error) {
	if len(src) < 12 {
		return nil, fmt.Errorf("%w: collection header truncated", ErrMalformed)
	}
	n := u32(src, 8)
	if n == 0 || uint64(n) > uint64(len(src)-12)/4 {
		return nil, fmt.Errorf("%w: collection claims %d fonts", ErrMalformed, n)
	}
	offs := make([]int, n)
	for i := range offs {
		off := u32(src, 12+4*i)
		if uint64(off)+12 > uint64(len(src)) {
			return nil, fmt.Errorf("%w: collection font %d outside the file", ErrMalformed, i)
		}
		offs[i] = int(off)
	}
	return offs, nil
}

// NumFonts reports how many fonts src holds: the count in the header of a
// 'ttcf' collection, or 1 for a single TrueType or OpenType font.
func NumFonts(src []byte) (int, error) {
	if len(src) < 4 {
		return 0, fmt.Errorf("%w: file too short", ErrMalformed)
	}
	switch v := u32(src, 0); v {
	case versionTTC:
		offs, err := ttcOffsets(src)
		if err != nil {
			return 0, err
		}
		return len(offs), nil
	case versionTrueType, versionApple, versionCFF:
		return 1, nil
	default:
		return 0, fmt.Errorf("%w: unknown sfnt version 0x%08X", ErrMalformed, v)
	}
}

// FontInCollection returns the index-th font of a 'ttcf' collection as a
// standalone sfnt file: its tables are copied (tables shared with other fonts
// of the collection included), offsets rewritten, and table checksums and
// head.checkSumAdjustment recomputed. For a single font (not a collection),
// index 0 returns src itself.
func FontInCollection(src []byte, index int) ([]byte, error) {
	if len(src) < 4 {
		return nil, fmt.Errorf("%w: file too short", ErrMalformed)
	}
	if u32(src, 0) != versionTTC {
		if _, err := NumFonts(src); err != nil {
			return nil, err
		}
		if index != 0 {
			return nil, fmt.Errorf("sfnt: font index %d out of range (not a collection, 1 font)", index)
		}
		return src, nil
	}
	offs, err := ttcOffsets(src)
	if err != nil {
		return nil, err
	}
	if index < 0 || index >= len(offs) {
		return nil, fmt.Errorf("sfnt: font index %d out of range (collection has %d fonts)", index, len(offs))
	}
	version, recs, err := readDir(src, offs[index])
	if err != nil {
		return nil, fmt.Errorf("collection font %d: %w", index, err)
	}
	if version == versionTTC {
		return nil, fmt.Errorf("%w: collection font %d is itself a collection", ErrMalformed, index)
	}
	ts := make([]table, len(recs))
	total := 0
	for i, r := range recs {
		ts[i] = table{tag: r.tag, data: src[r.off : r.off+r.n]}
		total += r.n
	}
	// The tables of one font do not overlap, so they fit in the file; this
	// bounds the output of a hostile directory repeating one big table.
	if total > len(src) {
		return nil, fmt.Errorf("%w: collection font %d: tables overlap", ErrMalformed, index)
	}
	return assemble(version, ts)
}
