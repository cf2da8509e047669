package sfnt

import "fmt"

// CmapReverse parses the font's best Unicode cmap (format 4 and format 12)
// and returns, for each glyph id, the lowest code point that maps to it (0 if
// none); used to keep real code points for text extraction.
//
// A format 12 subtable (platform 3 encoding 10, or platform 0) is preferred
// over a format 4 one (platform 3 encoding 1, or platform 0), since it is a
// superset. Surrogates, U+0000 and U+FFFF are never returned. The slice has
// maxp.numGlyphs entries. CFF-outline fonts are accepted (only cmap and maxp
// are read); collections fail with [ErrCollection].
func CmapReverse(src []byte) ([]rune, error) {
	recs, err := fontDir(src)
	if err != nil {
		return nil, err
	}
	t := pick(src, recs, tagCmap, tagMaxp)
	cmap, maxp := t[0], t[1]
	if len(maxp) < 6 {
		return nil, fmt.Errorf("%w: maxp table missing or short", ErrMalformed)
	}
	if len(cmap) < 4 {
		return nil, fmt.Errorf("%w: cmap table missing or short", ErrMalformed)
	}
	numGlyphs := int(u16(maxp, 4))
	sub, format, err := bestUnicodeSubtable(cmap)
	if err != nil {
		return nil, err
	}
	rev := make([]rune, numGlyphs)
	if format == 12 {
		reverse12(sub, rev)
	} else {
		reverse4(sub, rev)
	}
	return rev, nil
}

// bestUnicodeSubtable picks the preferred Unicode subtable of a cmap table
// and returns its bytes (clipped to the table) and format.
func bestUnicodeSubtable(cmap []byte) ([]byte, int, error) {
	n := int(u16(cmap, 2))
	if len(cmap) < 4+8*n {
		return nil, 0, fmt.Errorf("%w: cmap encoding records truncated", ErrMalformed)
	}
	best, bestScore, bestFormat := -1, 0, 0
	for i := 0; i < n; i++ {
		p := 4 + 8*i
		pid, eid, off := u16(cmap, p), u16(cmap, p+2), int64(u32(cmap, p+4))
		if off+2 > int64(len(cmap)) {
			continue
		}
		format := int(u16(cmap, int(off)))
		score := 0
		switch {
		case format == 12 && pid == 3 && eid == 10:
			score = 6
		case format == 12 && pid == 0:
			score = 5
		case format == 4 && pid == 3 && eid == 1:
			score = 4
		case format == 4 && pid == 0:
			score = 3
		}
		if score > bestScore {
			best, bestScore, bestFormat = int(off), score, format
		}
	}
	if best < 0 {
		return nil, 0, fmt.Errorf("%w: no Unicode cmap subtable of format 4 or 12", ErrMalformed)
	}
	return cmap[best:], bestFormat, nil
}

// set records code c for glyph g if it is the lowest so far.
func set(rev []rune, g int, c rune) {
	if g > 0 && g < len(rev) && (rev[g] == 0 || c < rev[g]) {
		rev[g] = c
	}
}

func usableCode(c rune) bool {
	return c > 0 && c != 0xFFFF && (c < 0xD800 || c > 0xDFFF)
}

// reverse4 fills rev from a format 4 subtable s, which runs to the end of the
// cmap table: the 16-bit length field is not trusted, since large subtables
// overflow it in real fonts. Segments are walked in
// code order and overlaps are skipped, so the work is bounded by 65536 codes.
func reverse4(s []byte, rev []rune) {
	if len(s) < 14 {
		return
	}
	segX2 := int(u16(s, 6)) &^ 1
	if 16+4*segX2 > len(s) {
		return
	}
	endArr, startArr := 14, 16+segX2
	deltaArr, rangeArr := 16+2*segX2, 16+3*segX2
	next := 0 // lowest code not yet covered
	for i := 0; i < segX2/2; i++ {
		start, end := int(u16(s, startArr+2*i)), int(u16(s, endArr+2*i))
		delta, ro := int(u16(s, deltaArr+2*i)), int(u16(s, rangeArr+2*i))
		start = max(start, next)
		if start > end {
			continue
		}
		next = end + 1
		for c := start; c <= end; c++ {
			if !usableCode(rune(c)) {
				continue
			}
			g := 0
			if ro == 0 {
				g = (c + delta) & 0xFFFF
			} else {
				p := rangeArr + 2*i + ro + 2*(c-int(u16(s, startArr+2*i)))
				if p+2 > len(s) {
					break // the rest of this segment is outside the table too
				}
				if g = int(u16(s, p)); g != 0 {
					g = (g + delta) & 0xFFFF
				}
			}
			set(rev, g, rune(c))
		}
	}
}

// reverse12 fills rev from a format 12 subtable s. Groups are walked in code
// order and overlaps skipped, and each group is cut to the glyphs that exist,
// so the work is bounded by the number of code points.
func reverse12(s []byte, rev []rune) {
	if len(s) < 16 {
		return
	}
	nGroups := int64(u32(s, 12))
	nGroups = min(nGroups, int64((len(s)-16)/12))
	next := int64(0)
	for i := 0; i < int(nGroups); i++ {
		p := 16 + 12*i
		first, end, sg := int64(u32(s, p)), int64(u32(s, p+4)), int64(u32(s, p+8))
		end = min(end, 0x10FFFF)
		start := max(first, next)
		if start > end {
			continue
		}
		next = end + 1
		if sg >= int64(len(rev)) {
			continue
		}
		// Codes past the last glyph map to nothing.
		end = min(end, first+int64(len(rev))-1-sg)
		for c := start; c <= end; c++ {
			if usableCode(rune(c)) {
				set(rev, int(sg+c-first), rune(c))
			}
		}
	}
}
