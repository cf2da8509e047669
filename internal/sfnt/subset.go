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

// ttf holds the tables of a TrueType or OpenType CFF font that Subset
// reads.
type ttf struct {
	head, hhea, maxp, hmtx, loca, glyf []byte
	os2, name, post, cvt, fpgm, prep   []byte
	gasp, cffTable                     []byte
	cff                                *cffFont // parsed cffTable, nil for TrueType outlines
	numGlyphs                          int
	numHMetrics                        int
	longLoca                           bool
}

// parseTTF finds and checks the tables Subset needs in a standalone font.
func parseTTF(src []byte) (*ttf, error) {
	recs, err := fontDir(src)
	if err != nil {
		return nil, err
	}
	f := &ttf{}
	slot := map[uint32]*[]byte{
		tagHead: &f.head, tagHhea: &f.hhea, tagMaxp: &f.maxp, tagHmtx: &f.hmtx,
		tagLoca: &f.loca, tagGlyf: &f.glyf, tagOS2: &f.os2, tagName: &f.name,
		tagPost: &f.post, tagCvt: &f.cvt, tagFpgm: &f.fpgm, tagPrep: &f.prep,
		tagGasp: &f.gasp, tagCFF: &f.cffTable,
	}
	for _, r := range recs {
		if p, ok := slot[r.tag]; ok {
			*p = src[r.off : r.off+r.n : r.off+r.n]
		}
	}
	if u32(src, 0) == versionCFF {
		if f.cffTable == nil {
			return nil, fmt.Errorf("%w: OpenType CFF font without a 'CFF ' table", ErrMalformed)
		}
		if f.cff, err = parseCFF(f.cffTable); err != nil {
			return nil, err
		}
		f.glyf, f.loca = nil, nil
	}
	if err := f.check(); err != nil {
		return nil, err
	}
	return f, nil
}

// check validates the tables parseTTF found and reads the counts.
func (f *ttf) check() error {
	switch {
	case f.head == nil, f.hhea == nil, f.maxp == nil, f.hmtx == nil:
		return fmt.Errorf("%w: missing one of the head, hhea, maxp, hmtx tables", ErrMalformed)
	case f.cff == nil && (f.glyf == nil || f.loca == nil):
		return fmt.Errorf("%w: no glyf/loca tables (not a TrueType-outline font)", ErrMalformed)
	case len(f.head) < 54:
		return fmt.Errorf("%w: head table too short (%d bytes)", ErrMalformed, len(f.head))
	case len(f.hhea) < 36:
		return fmt.Errorf("%w: hhea table too short (%d bytes)", ErrMalformed, len(f.hhea))
	case len(f.maxp) < 6:
		return fmt.Errorf("%w: maxp table too short (%d bytes)", ErrMalformed, len(f.maxp))
	}
	f.numGlyphs = int(u16(f.maxp, 4))
	if f.numGlyphs == 0 {
		return fmt.Errorf("%w: maxp.numGlyphs is 0", ErrMalformed)
	}
	f.numHMetrics = min(int(u16(f.hhea, 34)), f.numGlyphs)
	if f.numHMetrics == 0 {
		return fmt.Errorf("%w: hhea.numberOfHMetrics is 0", ErrMalformed)
	}
	if len(f.hmtx) < 4*f.numHMetrics {
		return fmt.Errorf("%w: hmtx too short for %d metrics", ErrMalformed, f.numHMetrics)
	}
	if f.cff != nil {
		if n := f.cff.chars.count(); n != f.numGlyphs {
			return fmt.Errorf("%w: maxp.numGlyphs %d, but %d CFF charstrings", ErrMalformed, f.numGlyphs, n)
		}
		return nil
	}
	return f.checkLoca()
}

// checkLoca reads head.indexToLocFormat and checks loca's length.
func (f *ttf) checkLoca() error {
	switch u16(f.head, 50) {
	case 0:
	case 1:
		f.longLoca = true
	default:
		return fmt.Errorf("%w: head.indexToLocFormat %d", ErrMalformed, int16(u16(f.head, 50)))
	}
	locaEntry := 2
	if f.longLoca {
		locaEntry = 4
	}
	if len(f.loca) < locaEntry*(f.numGlyphs+1) {
		return fmt.Errorf("%w: loca too short for %d glyphs", ErrMalformed, f.numGlyphs)
	}
	return nil
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

// outline returns glyph g's glyf data, or its CFF charstring with the
// subroutines it calls inlined.
func (f *ttf) outline(g int) ([]byte, error) {
	if f.cff != nil {
		return f.cff.flatCharstring(g)
	}
	return f.glyph(g)
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
// several codes is fine. Collections fail with [ErrCollection].
//
// An OpenType font with CFF outlines ('OTTO') gives an 'OTTO' subset: the
// same tables, with a 'CFF ' table (see cff.go: CID-keyed, glyph i is CID
// i, subroutines inlined) in place of glyf, loca and the hinting tables;
// [CFFTable] returns it. Its font name is the source's; [SubsetNamed]
// gives it another. CFF2 (variable) outlines, charstrings that compute
// (arithmetic operators) and accented glyphs built by endchar fail with
// [ErrCFF].
func Subset(src []byte, m []Mapping) (out []byte, newID map[uint16]uint16, err error) {
	return subset(src, m, "", false)
}

// SubsetNamed is Subset giving a CFF subset the font name name (a PDF's
// /BaseFont, with its subset tag), as its Name INDEX holds it; a TrueType
// subset is the same as Subset's.
func SubsetNamed(src []byte, m []Mapping, name string) (out []byte, newID map[uint16]uint16, err error) {
	return subset(src, m, name, false)
}

// subset is Subset with the option to force long loca offsets (for tests).
func subset(src []byte, m []Mapping, name string, forceLongLoca bool) ([]byte, map[uint16]uint16, error) {
	f, err := parseTTF(src)
	if err != nil {
		return nil, nil, err
	}
	coded, err := sortMappings(f, m)
	if err != nil {
		return nil, nil, err
	}
	c := &cut{f: f, ids: idPool.Get().(*[1 << 16]uint16)}
	defer c.release()
	if err := c.keep(coded, m); err != nil {
		return nil, nil, err
	}
	if err := c.readGlyphs(forceLongLoca); err != nil {
		return nil, nil, err
	}
	if f.cff != nil {
		if name == "" {
			name = string(f.cff.name)
		}
		c.cffOut = f.cff.writeCFF(name, c.order, c.glyphs)
	}
	segs, err := c.cmapSegments(coded)
	if err != nil {
		return nil, nil, err
	}
	out := c.write(coded, segs)
	newID := make(map[uint16]uint16, len(c.order))
	for i, g := range c.order {
		newID[g] = uint16(i)
	}
	return out, newID, nil
}

// sortMappings validates m and returns its coded mappings (Code > 0)
// sorted by code, without exact duplicates.
func sortMappings(f *ttf, m []Mapping) ([]Mapping, error) {
	maps := slices.Clone(m)
	for _, mp := range maps {
		if mp.Code < 0 || mp.Code > 0xFFFE || (mp.Code >= 0xD800 && mp.Code <= 0xDFFF) {
			return nil, fmt.Errorf("%w: code %U for glyph %d is not 0 or a BMP scalar value in U+0001..U+FFFE", ErrMapping, mp.Code, mp.GID)
		}
		if int(mp.GID) >= f.numGlyphs {
			return nil, fmt.Errorf("%w: glyph %d out of range (font has %d glyphs)", ErrMapping, mp.GID, f.numGlyphs)
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
			return nil, fmt.Errorf("%w: code %U mapped to glyphs %d and %d", ErrMapping, coded[i].Code, coded[i-1].GID, coded[i].GID)
		}
	}
	return coded, nil
}

// cut is one subset in the making.
type cut struct {
	f *ttf
	// ids is a pooled old→new table holding new id + 1 (0: not kept);
	// release clears every entry set before it goes back to the pool.
	ids      *[1 << 16]uint16
	order    []uint16 // new id → old id
	extra    []uint16 // component-only glyphs, in discovery order
	glyphs   [][]byte // new id → glyph data
	glyfLen  int
	longLoca bool
	nhm      int // hhea.numberOfHMetrics of the subset
	comps    []int
	cffOut   []byte // the subset's CFF table, for a CFF font
}

func (c *cut) release() {
	for _, g := range c.order {
		c.ids[g] = 0
	}
	for _, g := range c.extra {
		c.ids[g] = 0
	}
	idPool.Put(c.ids)
}

// add gives old glyph g the next new id, unless it has one.
func (c *cut) add(g uint16) {
	if c.ids[g] == 0 {
		c.ids[g] = uint16(len(c.order)) + 1
		c.order = append(c.order, g)
	}
}

// keep assigns the new ids: .notdef, the glyphs without a code in source
// order, the coded glyphs by lowest code, then the glyphs kept only as
// components of composite glyphs, in source order.
func (c *cut) keep(coded, all []Mapping) error {
	c.order = make([]uint16, 0, len(all)+16)
	c.add(0)
	var uncoded []uint16
	for _, mp := range all {
		if mp.Code == 0 {
			uncoded = append(uncoded, mp.GID)
		}
	}
	slices.Sort(uncoded)
	for _, g := range uncoded {
		c.add(g)
	}
	for _, mp := range coded {
		c.add(mp.GID)
	}
	if c.f.cff != nil {
		return nil // CFF glyphs have no components
	}
	nDirect := len(c.order)
	for i := 0; i < nDirect+len(c.extra); i++ {
		var g uint16
		if i < nDirect {
			g = c.order[i]
		} else {
			g = c.extra[i-nDirect]
		}
		if err := c.keepComponents(g); err != nil {
			return err
		}
	}
	slices.Sort(c.extra)
	for _, g := range c.extra {
		c.ids[g] = 0 // placeholder → real id
		c.add(g)
	}
	c.extra = nil // now all in order, for release
	return nil
}

// keepComponents notes the components of glyph g not kept yet.
func (c *cut) keepComponents(g uint16) error {
	data, err := c.f.glyph(int(g))
	if err != nil {
		return err
	}
	var ok bool
	if c.comps, ok = components(data, c.comps[:0]); !ok {
		return fmt.Errorf("%w: glyph %d: composite glyph truncated", ErrMalformed, g)
	}
	for _, p := range c.comps {
		comp := u16(data, p)
		if int(comp) >= c.f.numGlyphs {
			return fmt.Errorf("%w: glyph %d: component glyph %d out of range", ErrMalformed, g, comp)
		}
		if c.ids[comp] == 0 {
			c.ids[comp] = 0xFFFF // placeholder until extra is sorted
			c.extra = append(c.extra, comp)
		}
	}
	return nil
}

// readGlyphs reads the kept glyphs' data and sizes glyf, loca and hmtx.
func (c *cut) readGlyphs(forceLongLoca bool) error {
	f := c.f
	c.glyphs = make([][]byte, len(c.order))
	for i, g := range c.order {
		data, err := f.outline(int(g))
		if err != nil {
			return err
		}
		c.glyphs[i] = data
		c.glyfLen += pad4(len(data))
		// Glyphs may legally share glyph data, but a hostile loca pointing
		// every glyph at the whole glyf table (or charstrings calling big
		// subroutines) would blow the output up numGlyphs-fold.
		if c.glyfLen > max(4*len(f.glyf), 4*len(f.cffTable), 16<<20) {
			return fmt.Errorf("%w: glyph data shared between glyphs makes the subset too large (%d bytes)", ErrMalformed, c.glyfLen)
		}
	}
	c.longLoca = forceLongLoca || c.glyfLen > 2*0xFFFF
	// Horizontal metrics: drop trailing advances equal to the last one.
	n := len(c.order)
	c.nhm = n
	lastAdv, _ := f.metric(int(c.order[n-1]))
	for c.nhm > 1 {
		if a, _ := f.metric(int(c.order[c.nhm-2])); a != lastAdv {
			break
		}
		c.nhm--
	}
	return nil
}

// cmapSegments returns the format 4 segments for the coded mappings: runs
// of consecutive codes with consecutive new ids, then the 0xFFFF segment.
func (c *cut) cmapSegments(coded []Mapping) ([]cmapSeg, error) {
	segs := make([]cmapSeg, 0, 8)
	for _, mp := range coded {
		code, id := uint16(mp.Code), c.ids[mp.GID]-1
		if k := len(segs) - 1; k >= 0 && segs[k].end+1 == code && segs[k].end+segs[k].delta+1 == id {
			segs[k].end = code
			continue
		}
		segs = append(segs, cmapSeg{start: code, end: code, delta: id - code})
	}
	segs = append(segs, cmapSeg{start: 0xFFFF, end: 0xFFFF, delta: 1})
	if 16+8*len(segs) > 0xFFFF {
		return nil, fmt.Errorf("%w: %d separate code runs do not fit a format 4 cmap", ErrMapping, len(segs)-1)
	}
	return segs, nil
}

// tables lists the subset's tables, in tag order, with their sizes.
func (c *cut) tables(segs []cmapSeg) []entry {
	f, n := c.f, len(c.order)
	es := make([]entry, 0, 14)
	add := func(tag uint32, n int) { es = append(es, entry{tag: tag, n: n}) }
	optional := func(tag uint32, t []byte) {
		if t != nil {
			add(tag, len(t))
		}
	}
	tt := f.cff == nil
	if !tt {
		add(tagCFF, len(c.cffOut))
	}
	optional(tagOS2, f.os2)
	add(tagCmap, 4+2*8+16+8*len(segs))
	if tt {
		optional(tagCvt, f.cvt)
		optional(tagFpgm, f.fpgm)
		optional(tagGasp, f.gasp)
		add(tagGlyf, c.glyfLen)
	}
	add(tagHead, len(f.head))
	add(tagHhea, len(f.hhea))
	add(tagHmtx, 4*c.nhm+2*(n-c.nhm))
	switch {
	case !tt:
	case c.longLoca:
		add(tagLoca, 4*(n+1))
	default:
		add(tagLoca, 2*(n+1))
	}
	add(tagMaxp, len(f.maxp))
	if f.name != nil {
		add(tagName, len(f.name))
	} else {
		add(tagName, 6) // an empty format 0 name table
	}
	add(tagPost, 32)
	if tt {
		optional(tagPrep, f.prep)
	}
	return es
}

// write assembles the subset file.
func (c *cut) write(coded []Mapping, segs []cmapSeg) []byte {
	f := c.f
	es := c.tables(segs)
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
		case tagGlyf:
			c.writeGlyf(t, out[es[locaIndex(es)].off:])
		case tagHead:
			copy(t, f.head)
			put32(t, 8, 0)
			put16(t, 50, boolU16(c.longLoca))
		case tagHhea:
			copy(t, f.hhea)
			put16(t, 34, uint16(c.nhm))
		case tagHmtx:
			c.writeHmtx(t)
		case tagMaxp:
			copy(t, f.maxp)
			put16(t, 4, uint16(len(c.order)))
		case tagName:
			c.writeName(t)
		case tagPost:
			put32(t, 0, 0x00030000)
			if len(f.post) >= 16 {
				// italicAngle, underlinePosition, underlineThickness, isFixedPitch;
				// the memory usage fields stay 0.
				copy(t[4:16], f.post[4:16])
			}
		case tagCvt, tagFpgm, tagGasp, tagPrep, tagCFF:
			copy(t, c.copied(e.tag))
		}
	}
	finish(out, f.version(), es)
	return out
}

// version is the sfnt version of the font's flavour of outlines.
func (f *ttf) version() uint32 {
	if f.cff != nil {
		return versionCFF
	}
	return versionTrueType
}

// copied returns a table copied as it is, or the CFF table cut before.
func (c *cut) copied(tag uint32) []byte {
	f := c.f
	switch tag {
	case tagCFF:
		return c.cffOut
	case tagCvt:
		return f.cvt
	case tagFpgm:
		return f.fpgm
	case tagGasp:
		return f.gasp
	case tagPrep:
		return f.prep
	}
	return nil
}

func boolU16(b bool) uint16 {
	if b {
		return 1
	}
	return 0
}

// writeGlyf writes the glyph data, with component ids renumbered, and loca.
func (c *cut) writeGlyf(t, loca []byte) {
	p := 0
	for i, data := range c.glyphs {
		c.putLoca(loca, i, p)
		copy(t[p:], data)
		c.comps, _ = components(data, c.comps[:0]) // validated by keep
		for _, off := range c.comps {
			put16(t, p+off, c.ids[u16(data, off)]-1)
		}
		p += pad4(len(data))
	}
	c.putLoca(loca, len(c.glyphs), p)
}

func (c *cut) putLoca(loca []byte, i, off int) {
	if c.longLoca {
		put32(loca, 4*i, uint32(off))
	} else {
		put16(loca, 2*i, uint16(off/2))
	}
}

func (c *cut) writeHmtx(t []byte) {
	for i, g := range c.order {
		adv, lsb := c.f.metric(int(g))
		if i < c.nhm {
			put16(t, 4*i, adv)
			put16(t, 4*i+2, lsb)
		} else {
			put16(t, 4*c.nhm+2*(i-c.nhm), lsb)
		}
	}
}

func (c *cut) writeName(t []byte) {
	if c.f.name != nil {
		copy(t, c.f.name)
	} else {
		put16(t, 4, 6) // format 0, count 0, stringOffset 6
	}
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
