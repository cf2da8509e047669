package sfnt

import "fmt"

// Advances returns each glyph's horizontal advance in font units (from
// hmtx, the last long metric repeated for the glyphs after it, as the
// format says) and the font's units per em. It reads only head, hhea, maxp
// and hmtx, so it is far cheaper than parsing the glyph outlines.
func Advances(src []byte) (adv []uint16, upem int, err error) {
	if len(src) < 4 {
		return nil, 0, fmt.Errorf("%w: file too short", ErrMalformed)
	}
	if v := u32(src, 0); v != versionCFF {
		if err := checkVersion(v); err != nil {
			return nil, 0, err
		}
	}
	_, recs, err := readDir(src, 0)
	if err != nil {
		return nil, 0, err
	}
	var head, hhea, maxp, hmtx []byte
	for _, r := range recs {
		switch r.tag {
		case tagHead:
			head = src[r.off : r.off+r.n]
		case tagHhea:
			hhea = src[r.off : r.off+r.n]
		case tagMaxp:
			maxp = src[r.off : r.off+r.n]
		case tagHmtx:
			hmtx = src[r.off : r.off+r.n]
		}
	}
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, 0, fmt.Errorf("%w: head, hhea or maxp table missing or short", ErrMalformed)
	}
	upem = int(u16(head, 18))
	numGlyphs := int(u16(maxp, 4))
	long := int(u16(hhea, 34))
	if long == 0 || long > numGlyphs || len(hmtx) < 4*long {
		return nil, 0, fmt.Errorf("%w: hmtx holds fewer metrics than hhea says", ErrMalformed)
	}
	adv = make([]uint16, numGlyphs)
	for g := range adv {
		adv[g] = u16(hmtx, 4*min(g, long-1))
	}
	return adv, upem, nil
}
