package sfnt

import (
	"fmt"
	"slices"
	"sync"
)

// Mapping pairs a glyph of the source font with the BMP code point the
// subset's cmap gives it.
type Mapping struct {
	// GID is the glyph id in the source font.
	GID uint16
	// Code is the code point the subset's cmap maps to the glyph, usually
	// the glyph's own Unicode value. It must be a BMP scalar value in
	// U+0001–U+FFFE, or 0: the glyph is kept with no cmap entry (a
	// ligature, a conjunct or a contextual form, which readers of the
	// subset reach by glyph id).
	Code rune
}

// ttf holds the tables of a TrueType font that Subset reads.
type ttf struct {
	head, hhea, maxp, hmtx, loca, glyf []byte
	os2, name, post, cvt, fpgm, prep   []byte
	gasp                               []byte
	numGlyphs                          int
	numHMetrics                        int
	longLoca                           bool
}

// parseTTF finds and checks the tables Subset needs in a standalone font.
func parseTTF(src []byte) (*ttf, error) {
	if len(src) < 4 {
		return nil, fmt.Errorf("%w: file too short", ErrMalformed)
	}
	if err := checkVersion(u32(src, 0)); err != nil {
		return nil, err
	}
	_, recs, err := readDir(src, 0)
	if err != nil {
		return nil, err
	}
	f := &ttf{}
	for _, r := range recs {
		b := src[r.off : r.off+r.n : r.off+r.n]
		switch r.tag {
		case tagHead:
			f.head = b
		case tagHhea:
			f.hhea = b
		case tagMaxp:
			f.maxp = b
		case tagHmtx:
			f.hmtx = b
		case tagLoca:
			f.loca = b
		case tagGlyf:
			f.glyf = b
		case tagOS2:
			f.os2 = b
		case tagName:
			f.name = b
		case tagPost:
			f.post = b
		case tagCvt:
			f.cvt = b
		case tagFpgm:
			f.fpgm = b
		case tagPrep:
			f.prep = b
		case tagGasp:
			f.gasp = b
		}
	}
	switch {
	case f.head == nil, f.hhea == nil, f.maxp == nil, f.hmtx == nil:
		return nil, fmt.Errorf("%w: missing one of the head, hhea, maxp, hmtx tables", ErrMalformed)
	case f.glyf == nil || f.loca == nil:
		return nil, fmt.Errorf("%w: no glyf/loca tables (not a TrueType-outline font)", ErrMalformed)
	case len(f.head) < 54:
		return nil, fmt.Errorf("%w: head table too short (%d bytes)", ErrMalformed, len(f.head))
	case len(f.hhea) < 36:
		return nil, fmt.Errorf("%w: hhea table too short (%d bytes)", ErrMalformed, len(f.hhea))
	case len(f.maxp) < 6:
		return nil, fmt.Errorf("%w: maxp table too short (%d bytes)", ErrMalformed, len(f.maxp))
	}
	switch u16(f.head, 50) {
	case 0:
	case 1:
		f.longLoca = true
	default:
		return nil, fmt.Errorf("%w: head.indexToLocFormat %d", ErrMalformed, int16(u16(f.head, 50)))
	}
	f.numGlyphs = int(u16(f.maxp, 4))
	if f.numGlyphs == 0 {
		return nil, fmt.Errorf("%w: maxp.numGlyphs is 0", ErrMalformed)
	}
	f.numHMetrics = min(int(u16(f.hhea, 34)), f.numGlyphs)
	if f.numHMetrics == 0 {
		return nil, fmt.Errorf("%w: hhea.numberOfHMetrics is 0", ErrMalformed)
	}
	if len(f.hmtx) < 4*f.numHMetrics {
		return nil, fmt.Errorf("%w: hmtx too short for %d metrics", ErrMalformed, f.numHMetrics)
	}
	locaEntry := 2
	if f.longLoca {
		locaEntry = 4
	}
	if len(f.loca) < locaEntry*(f.numGlyphs+1) {
		return nil, fmt.Errorf("%w: loca too short for %d glyphs", ErrMalformed, f.numGlyphs)
	}
	return f, nil
}

// glyph returns the glyf bytes of glyph g (< numGlyphs). An end offset past
// the glyf table is clamped (a common harmless defect); a start past it, or
// offsets out of order, are errors.
func (f *ttf) glyph(g int) ([]byte, error) {
	var start, end int
	if f.longLoca {
		start, end = int(u32(f.loca, 4*g)), int(u32(f.loca, 4*g+4))
	} else {
		start, end = 2*int(u16(f.loca, 2*g)), 2*int(u16(f.loca, 2*g+2))
	}
	end = min(end, len(f.glyf))
	if start > end {
		return nil, fmt.Errorf("%w: glyph %d: bad loca offsets", ErrMalformed, g)
	}
	b := f.glyf[start:end:end]
	if len(b) > 0 && len(b) < 10 {
		return nil, fmt.Errorf("%w: glyph %d: truncated header", ErrMalformed, g)
	}
	return b, nil
}

// metric returns the advance width and left side bearing of glyph g.
// Left side bearings missing from a short hmtx read as 0.
func (f *ttf) metric(g int) (adv, lsb uint16) {
	if g < f.numHMetrics {
		return u16(f.hmtx, 4*g), u16(f.hmtx, 4*g+2)
	}
	adv = u16(f.hmtx, 4*(f.numHMetrics-1))
	if p := 4*f.numHMetrics + 2*(g-f.numHMetrics); p+2 <= len(f.hmtx) {
		lsb = u16(f.hmtx, p)
	}
	return adv, lsb
}

// Composite glyph flags.
const (
	compArgsAreWords = 0x0001
	compHaveScale    = 0x0008
	compMore         = 0x0020
	compHaveXYScale  = 0x0040
	compHave2x2      = 0x0080
)

// components appends to buf the byte offsets, within glyph data g, of the
// glyph index of each component of g, or returns buf unchanged if g is not a
// composite glyph. ok is false if the component list runs past the glyph.
func components(g []byte, buf []int) (_ []int, ok bool) {
	if len(g) < 10 || int16(u16(g, 0)) >= 0 {
		return buf, true
	}
	p := 10
	for {
		if p+4 > len(g) {
			return buf, false
		}
		flags := u16(g, p)
		buf = append(buf, p+2)
		p += 4
		if flags&compArgsAreWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&compHaveScale != 0:
			p += 2
		case flags&compHaveXYScale != 0:
			p += 4
		case flags&compHave2x2 != 0:
			p += 8
		}
		if p > len(g) {
			return buf, false
		}
		if flags&compMore == 0 {
			return buf, true
		}
	}
}

// idPool recycles the old→new glyph id tables of subset, so that a call
// does not allocate (and clear) a 128 KiB table.
var idPool = sync.Pool{New: func() any { return new([1 << 16]uint16) }}

// cmapSeg is a format 4 segment with idRangeOffset 0: codes start..end map to
// glyph code+delta.
type cmapSeg struct {
	start, end, delta uint16
}

// Subset returns a TrueType font holding glyph 0 (.notdef), the glyphs in m and
// every component glyph that composite glyphs reference, renumbered densely;
// its cmap (format 4, platform 3 encoding 1, plus platform 0 encoding 3) maps
// each Mapping.Code to the new id of Mapping.GID. It also returns old→new
// glyph ids for every kept glyph.
//
// New ids are assigned in a fixed order: .notdef is 0, then the glyphs
// without a code (Code 0) in source-id order, then the coded glyphs in the
// order of their lowest code, then glyphs kept only as components in
// source-id order. So the output depends only on src and the set of mappings
// (not their order), and runs of consecutive codes become single cmap
// segments.
//
// The subset keeps the tables needed to render positioned glyphs: head, hhea,
// maxp, OS/2, name, post (rewritten as format 3, without glyph names), cmap,
// glyf, loca, hmtx and, when present, the hinting tables cvt, fpgm, prep and
// gasp. Layout tables (GSUB, GPOS, GDEF, kern, ...), variation tables and
// bitmap/colour tables are dropped. head.indexToLocFormat, all checksums,
// maxp.numGlyphs, hhea.numberOfHMetrics (minimised) and
// OS/2.usFirst/LastCharIndex are rewritten; other bounds (head bbox, maxp
// maxima) are kept from the source, which stays valid for a subset.
//
// Each Code must be a BMP scalar value in U+0001–U+FFFE (not a surrogate);
// one code mapped to two different glyphs is an error, one glyph under
// several codes is fine. Fonts with CFF outlines fail with [ErrCFF],
// collections with [ErrCollection].
func Subset(src []byte, m []Mapping) (out []byte, newID map[uint16]uint16, err error) {
	return subset(src, m, false)
}

// subset is Subset with the option to force long loca offsets (for tests).
func subset(src []byte, m []Mapping, forceLongLoca bool) ([]byte, map[uint16]uint16, error) {
	f, err := parseTTF(src)
	if err != nil {
		return nil, nil, err
	}

	// Validate and sort the mappings by code, dropping exact duplicates.
	maps := slices.Clone(m)
	for _, mp := range maps {
		if mp.Code < 0 || mp.Code > 0xFFFE || (mp.Code >= 0xD800 && mp.Code <= 0xDFFF) {
			return nil, nil, fmt.Errorf("%w: code %U for glyph %d is not 0 or a BMP scalar value in U+0001..U+FFFE", ErrMapping, mp.Code, mp.GID)
		}
		if int(mp.GID) >= f.numGlyphs {
			return nil, nil, fmt.Errorf("%w: glyph %d out of range (font has %d glyphs)", ErrMapping, mp.GID, f.numGlyphs)
		}
	}
	slices.SortFunc(maps, func(a, b Mapping) int {
		if a.Code != b.Code {
			return int(a.Code - b.Code)
		}
		return int(a.GID) - int(b.GID)
	})
	maps = slices.Compact(maps)
	coded := maps
	for len(coded) > 0 && coded[0].Code == 0 {
		coded = coded[1:]
	}
	for i := 1; i < len(coded); i++ {
		if coded[i].Code == coded[i-1].Code {
			return nil, nil, fmt.Errorf("%w: code %U mapped to glyphs %d and %d", ErrMapping, coded[i].Code, coded[i-1].GID, coded[i].GID)
		}
	}

	// Assign new ids: .notdef, mapped glyphs by lowest code, then components.
	// ids is a pooled old→new table holding new id + 1 (0: not kept); every
	// entry set here is cleared again before it goes back to the pool.
	ids := idPool.Get().(*[1 << 16]uint16)
	order := make([]uint16, 1, len(maps)+16) // new id → old id
	var extra []uint16                       // component-only glyphs, in discovery order
	defer func() {
		for _, g := range order {
			ids[g] = 0
		}
		for _, g := range extra {
			ids[g] = 0
		}
		idPool.Put(ids)
	}()
	ids[0] = 1
	for _, mp := range maps {
		if ids[mp.GID] == 0 {
			ids[mp.GID] = uint16(len(order)) + 1
			order = append(order, mp.GID)
		}
	}
	nDirect := len(order)
	var comps []int
	for i := 0; i < nDirect+len(extra); i++ {
		var g uint16
		if i < nDirect {
			g = order[i]
		} else {
			g = extra[i-nDirect]
		}
		data, err := f.glyph(int(g))
		if err != nil {
			return nil, nil, err
		}
		var ok bool
		if comps, ok = components(data, comps[:0]); !ok {
			return nil, nil, fmt.Errorf("%w: glyph %d: composite glyph truncated", ErrMalformed, g)
		}
		for _, p := range comps {
			c := u16(data, p)
			if int(c) >= f.numGlyphs {
				return nil, nil, fmt.Errorf("%w: glyph %d: component glyph %d out of range", ErrMalformed, g, c)
			}
			if ids[c] == 0 {
				ids[c] = 0xFFFF // placeholder until extra is sorted
				extra = append(extra, c)
			}
		}
	}
	slices.Sort(extra)
	for _, g := range extra {
		ids[g] = uint16(len(order)) + 1
		order = append(order, g)
	}
	extra = nil // now all in order, for the deferred clean-up
	n := len(order)

	// Glyph data sizes and the loca format.
	glyphs := make([][]byte, n)
	glyfLen := 0
	for i, g := range order {
		data, err := f.glyph(int(g))
		if err != nil {
			return nil, nil, err
		}
		glyphs[i] = data
		glyfLen += pad4(len(data))
	}
	// Glyphs may legally share glyph data, but a hostile loca pointing every
	// glyph at the whole glyf table would blow the output up numGlyphs-fold.
	if glyfLen > max(4*len(f.glyf), 16<<20) {
		return nil, nil, fmt.Errorf("%w: glyph data shared between glyphs makes the subset too large (%d bytes)", ErrMalformed, glyfLen)
	}
	longLoca := forceLongLoca || glyfLen > 2*0xFFFF

	// Horizontal metrics: drop trailing advances equal to the last one.
	nhm := n
	lastAdv, _ := f.metric(int(order[n-1]))
	for nhm > 1 {
		if a, _ := f.metric(int(order[nhm-2])); a != lastAdv {
			break
		}
		nhm--
	}

	// cmap segments: runs of consecutive codes with consecutive new ids.
	segs := make([]cmapSeg, 0, 8)
	for _, mp := range coded {
		code, id := uint16(mp.Code), ids[mp.GID]-1
		if k := len(segs) - 1; k >= 0 && segs[k].end+1 == code && segs[k].end+segs[k].delta+1 == id {
			segs[k].end = code
			continue
		}
		segs = append(segs, cmapSeg{start: code, end: code, delta: id - code})
	}
	segs = append(segs, cmapSeg{start: 0xFFFF, end: 0xFFFF, delta: 1})
	cmap4Len := 16 + 8*len(segs)
	if cmap4Len > 0xFFFF {
		return nil, nil, fmt.Errorf("%w: %d separate code runs do not fit a format 4 cmap", ErrMapping, len(segs)-1)
	}

	// Lay out the output tables, in tag order.
	var esBuf [14]entry
	es := esBuf[:0]
	add := func(tag uint32, n int) { es = append(es, entry{tag: tag, n: n}) }
	if f.os2 != nil {
		add(tagOS2, len(f.os2))
	}
	add(tagCmap, 4+2*8+cmap4Len)
	if f.cvt != nil {
		add(tagCvt, len(f.cvt))
	}
	if f.fpgm != nil {
		add(tagFpgm, len(f.fpgm))
	}
	if f.gasp != nil {
		add(tagGasp, len(f.gasp))
	}
	add(tagGlyf, glyfLen)
	add(tagHead, len(f.head))
	add(tagHhea, len(f.hhea))
	add(tagHmtx, 4*nhm+2*(n-nhm))
	if longLoca {
		add(tagLoca, 4*(n+1))
	} else {
		add(tagLoca, 2*(n+1))
	}
	add(tagMaxp, len(f.maxp))
	if f.name != nil {
		add(tagName, len(f.name))
	} else {
		add(tagName, 6) // empty format 0 name table; fpdf needs one
	}
	add(tagPost, 32)
	if f.prep != nil {
		add(tagPrep, len(f.prep))
	}
	out := make([]byte, layout(es))

	for _, e := range es {
		t := out[e.off : e.off+e.n]
		switch e.tag {
		case tagOS2:
			copy(t, f.os2)
			if len(t) >= 68 && len(coded) > 0 {
				put16(t, 64, uint16(coded[0].Code))
				put16(t, 66, uint16(coded[len(coded)-1].Code))
			}
		case tagCmap:
			writeCmap(t, segs)
		case tagCvt:
			copy(t, f.cvt)
		case tagFpgm:
			copy(t, f.fpgm)
		case tagGasp:
			copy(t, f.gasp)
		case tagGlyf:
			loca := out[es[locaIndex(es)].off:]
			p := 0
			for i, data := range glyphs {
				if longLoca {
					put32(loca, 4*i, uint32(p))
				} else {
					put16(loca, 2*i, uint16(p/2))
				}
				copy(t[p:], data)
				comps, _ = components(data, comps[:0]) // validated above
				for _, c := range comps {
					put16(t, p+c, ids[u16(data, c)]-1)
				}
				p += pad4(len(data))
			}
			if longLoca {
				put32(loca, 4*n, uint32(p))
			} else {
				put16(loca, 2*n, uint16(p/2))
			}
		case tagHead:
			copy(t, f.head)
			put32(t, 8, 0)
			if longLoca {
				put16(t, 50, 1)
			} else {
				put16(t, 50, 0)
			}
		case tagHhea:
			copy(t, f.hhea)
			put16(t, 34, uint16(nhm))
		case tagHmtx:
			for i, g := range order {
				adv, lsb := f.metric(int(g))
				if i < nhm {
					put16(t, 4*i, adv)
					put16(t, 4*i+2, lsb)
				} else {
					put16(t, 4*nhm+2*(i-nhm), lsb)
				}
			}
		case tagLoca:
			// written with glyf
		case tagMaxp:
			copy(t, f.maxp)
			put16(t, 4, uint16(n))
		case tagName:
			if f.name != nil {
				copy(t, f.name)
			} else {
				put16(t, 4, 6) // format 0, count 0, stringOffset 6
			}
		case tagPost:
			put32(t, 0, 0x00030000)
			if len(f.post) >= 16 {
				// italicAngle, underlinePosition, underlineThickness, isFixedPitch;
				// the memory usage fields stay 0.
				copy(t[4:16], f.post[4:16])
			}
		case tagPrep:
			copy(t, f.prep)
		}
	}
	finish(out, versionTrueType, es)
	newID := make(map[uint16]uint16, n)
	for i, g := range order {
		newID[g] = uint16(i)
	}
	return out, newID, nil
}

func locaIndex(es []entry) int {
	for i, e := range es {
		if e.tag == tagLoca {
			return i
		}
	}
	return -1 // unreachable: Subset always writes loca
}

// writeCmap writes a cmap table with one format 4 subtable made of segs
// (sorted, ending with the 0xFFFF segment), referenced from platform 0
// encoding 3 and platform 3 encoding 1.
func writeCmap(t []byte, segs []cmapSeg) {
	put16(t, 0, 0) // version
	put16(t, 2, 2) // numTables
	put16(t, 4, 0)
	put16(t, 6, 3)
	put32(t, 8, 20)
	put16(t, 12, 3)
	put16(t, 14, 1)
	put32(t, 16, 20)
	s := t[20:]
	segCount := len(segs)
	put16(s, 0, 4)
	put16(s, 2, uint16(16+8*segCount))
	put16(s, 4, 0) // language
	put16(s, 6, uint16(2*segCount))
	sr, sel := 1, 0
	for sr*2 <= segCount {
		sr *= 2
		sel++
	}
	put16(s, 8, uint16(2*sr))
	put16(s, 10, uint16(sel))
	put16(s, 12, uint16(2*segCount-2*sr))
	end := 14
	start := end + 2*segCount + 2 // after reservedPad
	delta := start + 2*segCount
	// idRangeOffset array (after delta) stays zero.
	for i, sg := range segs {
		put16(s, end+2*i, sg.end)
		put16(s, start+2*i, sg.start)
		put16(s, delta+2*i, sg.delta)
	}
}
