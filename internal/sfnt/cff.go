package sfnt

import "fmt"

// This file reads and writes the 'CFF ' table of an OpenType font with
// PostScript outlines (Adobe Technical Notes #5176, The Compact Font
// Format, and #5177, Type 2 Charstrings). Subset writes every CFF subset
// CID-keyed, whatever the source: ROS Adobe-Identity-0, the charset giving
// glyph i the CID i, one Font DICT per source Font DICT in use (a
// name-keyed source's Private DICT becomes the one Font DICT's), and no
// subroutines: each kept charstring is written with the subroutines it
// calls inlined. So a PDF can embed the table as a CIDFontType0C font
// program and address its glyphs by their ids in the subset, as it does a
// TrueType subset's, and a subset holds only what its glyphs draw (the
// subroutines of Noto Sans CJK are megabytes).

// tagCFF is 'CFF '.
const tagCFF = 0x43464620

// IsCFF reports whether src is an OpenType font with CFF outlines
// ('OTTO'), such as a CFF font's subset.
func IsCFF(src []byte) bool { return len(src) >= 4 && u32(src, 0) == versionCFF }

// CFFTable returns the 'CFF ' table of an OpenType CFF font, such as a
// subset Subset cut: the font program a PDF embeds (FontFile3,
// CIDFontType0C).
func CFFTable(src []byte) ([]byte, error) {
	if !IsCFF(src) {
		return nil, fmt.Errorf("%w: not an OpenType CFF font", ErrMalformed)
	}
	recs, err := fontDir(src)
	if err != nil {
		return nil, err
	}
	if t := pick(src, recs, tagCFF)[0]; t != nil {
		return t, nil
	}
	return nil, fmt.Errorf("%w: no 'CFF ' table", ErrMalformed)
}

// cffIndex is a CFF INDEX: item i is data[offs[i]:offs[i+1]].
type cffIndex struct {
	data []byte
	offs []int
}

func (x cffIndex) count() int { return max(0, len(x.offs)-1) }

func (x cffIndex) item(i int) []byte { return x.data[x.offs[i]:x.offs[i+1]] }

// readIndex parses the INDEX at b[p:] and returns it and the offset after it.
func readIndex(b []byte, p int) (cffIndex, int, error) {
	if p < 0 || p+2 > len(b) {
		return cffIndex{}, 0, fmt.Errorf("%w: CFF INDEX outside the table", ErrMalformed)
	}
	n := int(u16(b, p))
	if n == 0 {
		return cffIndex{}, p + 2, nil
	}
	if p+3 > len(b) {
		return cffIndex{}, 0, fmt.Errorf("%w: CFF INDEX truncated", ErrMalformed)
	}
	size := int(b[p+2])
	start := p + 3
	if size < 1 || size > 4 || start+(n+1)*size > len(b) {
		return cffIndex{}, 0, fmt.Errorf("%w: CFF INDEX of %d items with offset size %d", ErrMalformed, n, size)
	}
	base := start + (n+1)*size - 1 // offsets count from 1
	offs := make([]int, n+1)
	for i := range offs {
		v := 0
		for _, c := range b[start+i*size : start+(i+1)*size] {
			v = v<<8 | int(c)
		}
		offs[i] = v
		if v < 1 || base+v > len(b) || i > 0 && v < offs[i-1] {
			return cffIndex{}, 0, fmt.Errorf("%w: CFF INDEX offsets out of order or outside the table", ErrMalformed)
		}
	}
	return cffIndex{data: b[base : base+offs[n]], offs: offs}, base + offs[n], nil
}

// appendIndex appends items as a CFF INDEX.
func appendIndex(out []byte, items [][]byte) []byte {
	out = append(out, byte(len(items)>>8), byte(len(items)))
	if len(items) == 0 {
		return out
	}
	total := 1
	for _, it := range items {
		total += len(it)
	}
	size := 1
	for total >= 1<<(8*size) {
		size++
	}
	out = append(out, byte(size))
	off := 1
	for i := 0; i <= len(items); i++ {
		for k := size - 1; k >= 0; k-- {
			out = append(out, byte(off>>(8*k)))
		}
		if i < len(items) {
			off += len(items[i])
		}
	}
	for _, it := range items {
		out = append(out, it...)
	}
	return out
}

func indexSize(items [][]byte) int { return len(appendIndex(nil, items)) } // small inputs only

// DICT operators (two-byte operators as 1200 + their second byte).
const (
	opFontBBox     = 5
	opCharset      = 15
	opEncoding     = 16
	opCharStrings  = 17
	opPrivate      = 18
	opSubrs        = 19
	opCharstrType  = 1206
	opFontMatrix   = 1207
	opROS          = 1230
	opCIDCount     = 1234
	opFDArray      = 1236
	opFDSelect     = 1237
	opFontName     = 1238
	opSyntheticBas = 1220
)

// dictEntry is one operator of a DICT with its operands: their bytes as
// written (copied to the subset unchanged) and their values.
type dictEntry struct {
	op   int
	raw  []byte
	nums []float64
}

type cffDict []dictEntry

func (d cffDict) get(op int) []float64 {
	for _, e := range d {
		if e.op == op {
			return e.nums
		}
	}
	return nil
}

// readDict parses a DICT.
func readDict(b []byte) (cffDict, error) {
	var d cffDict
	start := 0
	var nums []float64
	for p := 0; p < len(b); {
		c := b[p]
		switch {
		case c <= 21:
			op := int(c)
			if c == 12 {
				if p+1 >= len(b) {
					return nil, fmt.Errorf("%w: CFF DICT operator truncated", ErrMalformed)
				}
				op = 1200 + int(b[p+1])
				p++
			}
			d = append(d, dictEntry{op: op, raw: b[start:p0(p, c)], nums: nums})
			p++
			start, nums = p, nil
		default:
			v, n, err := dictNumber(b[p:])
			if err != nil {
				return nil, err
			}
			nums = append(nums, v)
			p += n
		}
	}
	return d, nil
}

// p0 is where the operator at p (after its escape byte, if c is 12) starts.
func p0(p int, c byte) int {
	if c == 12 {
		return p - 1
	}
	return p
}

// dictNumber reads one DICT operand and returns its value and length.
// A real number's value is not read: the subset copies reals as written,
// and offsets and counts are integers.
func dictNumber(b []byte) (float64, int, error) {
	switch c := b[0]; {
	case c == 30:
		for i := 1; i < len(b); i++ {
			if b[i]&0x0F == 0x0F || b[i]>>4 == 0x0F { // the end nibble
				return 0, i + 1, nil
			}
		}
	case c == 29 && len(b) >= 5:
		return float64(int32(u32(b, 1))), 5, nil
	case c != 29:
		if v, n := shortNumber(b); n > 0 {
			return float64(v), n, nil
		}
	}
	return 0, 0, fmt.Errorf("%w: CFF DICT operand truncated or reserved (0x%02X)", ErrMalformed, b[0])
}

// shortNumber reads an integer operand of one to three bytes, the
// encodings DICTs and charstrings share; n is 0 when b starts with none.
func shortNumber(b []byte) (v, n int) {
	c := b[0]
	switch {
	case c >= 32 && c <= 246:
		return int(c) - 139, 1
	case c >= 247 && c <= 250 && len(b) >= 2:
		return (int(c)-247)*256 + int(b[1]) + 108, 2
	case c >= 251 && c <= 254 && len(b) >= 2:
		return -(int(c)-251)*256 - int(b[1]) - 108, 2
	case c == 28 && len(b) >= 3:
		return int(int16(u16(b, 1))), 3
	}
	return 0, 0
}

// cffFontDict is one Font DICT of the source with its Private DICT and
// local subroutines.
type cffFontDict struct {
	font    cffDict // Font DICT entries (none for a name-keyed source)
	private cffDict
	subrs   cffIndex
}

// cffFont is the parsed CFF table of a font.
type cffFont struct {
	top      cffDict
	gsubrs   cffIndex
	chars    cffIndex
	fds      []cffFontDict
	fdSelect []uint8 // glyph id → index in fds (nil: all 0)
	name     []byte  // the font's name from the Name INDEX
}

// parseCFF parses a CFF table (version 1; CFF2 fails with ErrCFF).
func parseCFF(b []byte) (*cffFont, error) {
	if len(b) < 4 || b[0] != 1 || int(b[2]) > len(b) {
		if len(b) > 0 && b[0] == 2 {
			return nil, fmt.Errorf("%w: CFF2 (variable) outlines", ErrCFF)
		}
		return nil, fmt.Errorf("%w: CFF header", ErrMalformed)
	}
	names, p, err := readIndex(b, int(b[2]))
	if err != nil {
		return nil, err
	}
	tops, p, err := readIndex(b, p)
	if err != nil {
		return nil, err
	}
	_, p, err = readIndex(b, p) // strings: the subset has its own
	if err != nil {
		return nil, err
	}
	f := &cffFont{}
	if f.gsubrs, _, err = readIndex(b, p); err != nil {
		return nil, err
	}
	if names.count() != 1 || tops.count() != 1 {
		return nil, fmt.Errorf("%w: CFF table with %d fonts", ErrMalformed, tops.count())
	}
	f.name = names.item(0)
	if f.top, err = readDict(tops.item(0)); err != nil {
		return nil, err
	}
	if err := f.readTop(b); err != nil {
		return nil, err
	}
	return f, nil
}

// offsetArg returns the single offset operand of op in d, checked to lie in
// a table of n bytes.
func offsetArg(d cffDict, op, n int) (int, error) {
	v := d.get(op)
	if len(v) != 1 || v[0] < 0 || v[0] >= float64(n) {
		return 0, fmt.Errorf("%w: CFF DICT operator %d: offset missing or outside the table", ErrMalformed, op)
	}
	return int(v[0]), nil
}

// readTop reads what the Top DICT points to: charstrings, Font DICTs,
// Private DICTs and subroutines.
func (f *cffFont) readTop(b []byte) error {
	if t := f.top.get(opCharstrType); t != nil && (len(t) != 1 || t[0] != 2) {
		return fmt.Errorf("%w: CFF charstring type %v, only Type 2 is read", ErrMalformed, t)
	}
	if f.top.get(opSyntheticBas) != nil {
		return fmt.Errorf("%w: synthetic CFF font", ErrMalformed)
	}
	off, err := offsetArg(f.top, opCharStrings, len(b))
	if err != nil {
		return err
	}
	if f.chars, _, err = readIndex(b, off); err != nil {
		return err
	}
	if f.chars.count() == 0 {
		return fmt.Errorf("%w: CFF font without glyphs", ErrMalformed)
	}
	if f.top.get(opROS) == nil {
		fd, err := readPrivate(b, f.top)
		f.fds = []cffFontDict{fd}
		return err
	}
	off, err = offsetArg(f.top, opFDArray, len(b))
	if err != nil {
		return err
	}
	fds, _, err := readIndex(b, off)
	if err != nil {
		return err
	}
	for i := range fds.count() {
		d, err := readDict(fds.item(i))
		if err != nil {
			return err
		}
		fd, err := readPrivate(b, d)
		if err != nil {
			return err
		}
		fd.font = d
		f.fds = append(f.fds, fd)
	}
	off, err = offsetArg(f.top, opFDSelect, len(b))
	if err != nil {
		return err
	}
	f.fdSelect, err = readFDSelect(b[off:], f.chars.count(), len(f.fds))
	return err
}

// readPrivate reads the Private DICT and local subroutines d points to.
func readPrivate(b []byte, d cffDict) (cffFontDict, error) {
	var fd cffFontDict
	v := d.get(opPrivate)
	if len(v) != 2 || v[0] < 0 || v[1] < 0 || v[0]+v[1] > float64(len(b)) {
		return fd, fmt.Errorf("%w: CFF Private DICT missing or outside the table", ErrMalformed)
	}
	size, off := int(v[0]), int(v[1])
	priv, err := readDict(b[off : off+size])
	if err != nil {
		return fd, err
	}
	fd.private = priv
	if s := priv.get(opSubrs); s != nil {
		if len(s) != 1 || s[0] < 0 || float64(off)+s[0] >= float64(len(b)) {
			return fd, fmt.Errorf("%w: CFF local subroutines outside the table", ErrMalformed)
		}
		if fd.subrs, _, err = readIndex(b, off+int(s[0])); err != nil {
			return fd, err
		}
	}
	return fd, nil
}

// readFDSelect reads an FDSelect of format 0 or 3 for n glyphs and nfd
// Font DICTs.
func readFDSelect(b []byte, n, nfd int) ([]uint8, error) {
	bad := fmt.Errorf("%w: CFF FDSelect", ErrMalformed)
	if len(b) < 1 || nfd > 256 {
		return nil, bad
	}
	sel := make([]uint8, n)
	switch b[0] {
	case 0:
		if len(b) < 1+n {
			return nil, bad
		}
		copy(sel, b[1:1+n])
	case 3:
		if len(b) < 3 {
			return nil, bad
		}
		nr := int(u16(b, 1))
		if len(b) < 3+3*nr+2 || nr == 0 {
			return nil, bad
		}
		for i := range nr {
			first, fd := int(u16(b, 3+3*i)), b[5+3*i]
			end := int(u16(b, 6+3*i)) // the next range's first, or the sentinel
			if first > end || end > n {
				return nil, bad
			}
			for g := first; g < end; g++ {
				sel[g] = fd
			}
		}
	default:
		return nil, fmt.Errorf("%w: CFF FDSelect format %d", ErrMalformed, b[0])
	}
	for _, fd := range sel {
		if int(fd) >= nfd {
			return nil, bad
		}
	}
	return sel, nil
}

// fdOf returns the Font DICT index of glyph g.
func (f *cffFont) fdOf(g int) int {
	if f.fdSelect == nil {
		return 0
	}
	return int(f.fdSelect[g])
}

// flatCharstring returns glyph g's charstring with its subroutine calls
// inlined.
func (f *cffFont) flatCharstring(g int) ([]byte, error) {
	fl := flattener{global: f.gsubrs, local: f.fds[f.fdOf(g)].subrs, last: -1}
	done, err := fl.run(f.chars.item(g), 0)
	if err != nil {
		return nil, fmt.Errorf("glyph %d: %w", g, err)
	}
	if !done {
		return nil, fmt.Errorf("%w: glyph %d: charstring without endchar", ErrMalformed, g)
	}
	return fl.out, nil
}

// maxCharstring bounds one flattened charstring: subroutines calling each
// other ten deep could otherwise multiply a few bytes into gigabytes.
const maxCharstring = 1 << 17

// flattener inlines the subroutine calls of a Type 2 charstring. It counts
// operands (the subroutine number is the last one pushed before a call)
// and stem hints (a hintmask is followed by one bit per stem).
type flattener struct {
	global, local cffIndex
	out           []byte
	stack         int // operands on the stack
	stems         int
	last          int // where in out the last operand starts, -1 after an operator
	lastVal       int
	lastInt       bool
}

// subrBias is the bias of subroutine numbers for an INDEX of n subroutines.
func subrBias(n int) int {
	switch {
	case n < 1240:
		return 107
	case n < 33900:
		return 1131
	}
	return 32768
}

// run appends cs, with its calls inlined, to fl.out. It reports whether
// it met endchar (the glyph is finished).
func (fl *flattener) run(cs []byte, depth int) (bool, error) {
	if depth > 10 {
		return false, fmt.Errorf("%w: charstring subroutines nested more than 10 deep", ErrMalformed)
	}
	for p := 0; p < len(cs); {
		if len(fl.out) > maxCharstring {
			return false, fmt.Errorf("%w: charstring longer than %d bytes with its subroutines", ErrMalformed, maxCharstring)
		}
		c := cs[p]
		if c >= 32 || c == 28 {
			n, err := fl.number(cs[p:])
			if err != nil {
				return false, err
			}
			p += n
			continue
		}
		n, done, err := fl.operator(cs[p:], depth)
		if err != nil || done {
			return done, err
		}
		if n == 0 { // return
			return false, nil
		}
		p += n
	}
	return false, nil
}

// number copies one operand to out and returns its length.
func (fl *flattener) number(b []byte) (int, error) {
	v, n := shortNumber(b)
	isInt := n > 0
	if b[0] == 255 && len(b) >= 5 {
		n = 5 // 16.16 fixed
	}
	if n == 0 {
		return 0, fmt.Errorf("%w: charstring operand truncated", ErrMalformed)
	}
	fl.last, fl.lastVal, fl.lastInt = len(fl.out), v, isInt
	fl.out = append(fl.out, b[:n]...)
	fl.stack++
	return n, nil
}

// Type 2 charstring operators that need more than copying.
const (
	csHstem    = 1
	csVstem    = 3
	csCallsubr = 10
	csReturn   = 11
	csEscape   = 12
	csEndchar  = 14
	csHstemhm  = 18
	csHintmask = 19
	csCntrmask = 20
	csVstemhm  = 23
	csCallgsub = 29
)

// operator handles the operator at b[0]: it returns the bytes it used
// (0 for return), and whether the glyph ended.
func (fl *flattener) operator(b []byte, depth int) (int, bool, error) {
	c := b[0]
	switch c {
	case csCallsubr, csCallgsub:
		done, err := fl.call(c == csCallgsub, depth)
		return 1, done, err
	case csReturn:
		return 0, false, nil
	case csEndchar:
		if fl.stack >= 4 {
			return 0, false, fmt.Errorf("%w: accented glyph built by endchar (seac), not supported", ErrCFF)
		}
		fl.emit(b[:1])
		return 1, true, nil
	case csHstem, csVstem, csHstemhm, csVstemhm:
		fl.stems += fl.stack / 2
		fl.emit(b[:1])
		return 1, false, nil
	case csHintmask, csCntrmask:
		fl.stems += fl.stack / 2 // operands before a hintmask are vstems
		n := 1 + (fl.stems+7)/8
		if n > len(b) {
			return 0, false, fmt.Errorf("%w: hintmask truncated", ErrMalformed)
		}
		fl.emit(b[:n])
		return n, false, nil
	case csEscape:
		if len(b) < 2 {
			return 0, false, fmt.Errorf("%w: charstring operator truncated", ErrMalformed)
		}
		if x := b[1]; x != 0 && (x < 34 || x > 37) { // dotsection and the flexes draw; the rest compute
			return 0, false, fmt.Errorf("%w: charstring operator 12 %d (arithmetic), not supported", ErrCFF, x)
		}
		fl.emit(b[:2])
		return 2, false, nil
	case 0, 2, 9, 13, 15, 16, 17:
		return 0, false, fmt.Errorf("%w: reserved charstring operator %d", ErrMalformed, c)
	}
	fl.emit(b[:1])
	return 1, false, nil
}

// emit copies a path or hint operator, which clears the stack.
func (fl *flattener) emit(op []byte) {
	fl.out = append(fl.out, op...)
	fl.stack, fl.last = 0, -1
}

// call inlines the subroutine whose biased number was the last operand,
// and reports whether it ended the glyph.
func (fl *flattener) call(global bool, depth int) (bool, error) {
	if fl.last < 0 || !fl.lastInt {
		return false, fmt.Errorf("%w: subroutine call without a number before it", ErrMalformed)
	}
	subrs := fl.local
	if global {
		subrs = fl.global
	}
	i := fl.lastVal + subrBias(subrs.count())
	if i < 0 || i >= subrs.count() {
		return false, fmt.Errorf("%w: subroutine %d of %d", ErrMalformed, i, subrs.count())
	}
	fl.out = fl.out[:fl.last]
	fl.stack--
	fl.last = -1
	return fl.run(subrs.item(i), depth+1)
}

// dictInt appends op with integer operands, each written in five bytes so
// that a DICT's size does not depend on the offsets it holds.
func dictInt(out []byte, op int, vals ...int) []byte {
	for _, v := range vals {
		out = append(out, 29, byte(v>>24), byte(v>>16), byte(v>>8), byte(v))
	}
	return dictOp(out, op)
}

func dictOp(out []byte, op int) []byte {
	if op >= 1200 {
		return append(out, 12, byte(op-1200))
	}
	return append(out, byte(op))
}

// copyEntries appends the entries of d but those in drop, as written.
func copyEntries(out []byte, d cffDict, drop ...int) []byte {
	for _, e := range d {
		skip := false
		for _, op := range drop {
			skip = skip || e.op == op
		}
		if !skip {
			out = append(out, e.raw...)
			out = dictOp(out, e.op)
		}
	}
	return out
}

// topKeep are the Top DICT operators the subset keeps as written: the
// rest are offsets (rewritten), strings (the subset has no String INDEX
// entries for them), or name-keyed.
var topKeep = map[int]bool{opFontBBox: true, 1201: true, 1202: true, 1203: true, 1204: true, 1205: true, opFontMatrix: true, 1208: true, 1231: true}

// writeCFF writes the subset's CFF table: glyphs are the flattened
// charstrings, in new id order, of the source glyphs order.
func (f *cffFont) writeCFF(name string, order []uint16, glyphs [][]byte) []byte {
	// Font DICTs in use, renumbered in order of first use.
	fdNew := map[int]int{}
	var fdOld []int
	sel := make([]uint8, len(order))
	for i, g := range order {
		old := f.fdOf(int(g))
		k, ok := fdNew[old]
		if !ok {
			k = len(fdOld)
			fdNew[old] = k
			fdOld = append(fdOld, old)
		}
		sel[i] = uint8(k)
	}
	top := f.topDict(0, 0, 0, 0, len(order))
	strs := [][]byte{[]byte("Adobe"), []byte("Identity")}
	p := 4 + indexSize([][]byte{[]byte(name)}) + indexSize([][]byte{top}) + indexSize(strs) + 2
	charset := charsetBytes(len(order))
	fdSel := fdSelectBytes(sel)
	pCharset := p
	pFDSelect := pCharset + len(charset)
	pChars := pFDSelect + len(fdSel)
	chars := appendIndex(nil, glyphs)
	pFDArray := pChars + len(chars)
	privs := make([][]byte, len(fdOld))
	for k, old := range fdOld {
		privs[k] = copyEntries(nil, f.fds[old].private, opSubrs)
	}
	// A Font DICT's size does not depend on its Private DICT's offset
	// (dictInt), so the first pass sizes the FDArray the second fills in.
	fontDicts := make([][]byte, len(fdOld))
	pPriv := 0
	for pass := range 2 {
		at := pPriv
		for k, old := range fdOld {
			fontDicts[k] = dictInt(copyEntries(nil, f.fds[old].font, opPrivate, opFontName), opPrivate, len(privs[k]), at)
			at += len(privs[k])
		}
		if pass == 0 {
			pPriv = pFDArray + indexSize(fontDicts)
		}
	}
	top = f.topDict(pCharset, pFDSelect, pChars, pFDArray, len(order))
	out := []byte{1, 0, 4, 4}
	out = appendIndex(out, [][]byte{[]byte(name)})
	out = appendIndex(out, [][]byte{top})
	out = appendIndex(out, strs)
	out = appendIndex(out, nil) // no global subroutines
	out = append(out, charset...)
	out = append(out, fdSel...)
	out = append(out, chars...)
	out = appendIndex(out, fontDicts)
	for _, pr := range privs {
		out = append(out, pr...)
	}
	return out
}

// topDict writes the subset's Top DICT with the given offsets and glyph
// count: ROS Adobe-Identity-0 (strings 391 and 392), the source's kept
// entries, then the offsets.
func (f *cffFont) topDict(charset, fdSelect, chars, fdArray, n int) []byte {
	out := dictInt(nil, opROS, 391, 392, 0)
	for _, e := range f.top {
		if topKeep[e.op] {
			out = append(out, e.raw...)
			out = dictOp(out, e.op)
		}
	}
	out = dictInt(out, opCIDCount, n)
	out = dictInt(out, opCharset, charset)
	out = dictInt(out, opFDSelect, fdSelect)
	out = dictInt(out, opCharStrings, chars)
	return dictInt(out, opFDArray, fdArray)
}

// charsetBytes is the charset giving glyph i of n the CID i: format 2,
// one range of CIDs 1 to n-1 (.notdef is implied).
func charsetBytes(n int) []byte {
	if n < 2 {
		return []byte{0}
	}
	return []byte{2, 0, 1, byte((n - 2) >> 8), byte(n - 2)}
}

// fdSelectBytes is an FDSelect of format 3 for sel.
func fdSelectBytes(sel []uint8) []byte {
	var ranges []byte
	nr := 0
	for i, fd := range sel {
		if i == 0 || fd != sel[i-1] {
			ranges = append(ranges, byte(i>>8), byte(i), fd)
			nr++
		}
	}
	out := []byte{3, byte(nr >> 8), byte(nr)}
	out = append(out, ranges...)
	return append(out, byte(len(sel)>>8), byte(len(sel)))
}
