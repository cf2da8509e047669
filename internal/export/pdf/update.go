package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
)

// base is what the update needs to know of the document fpdf wrote: where
// each object is (from its cross-reference table) and the objects the
// update replaces or refers to. It reads fpdf's output as a PDF reader
// would — the trailer, the xref table, then objects by offset — and never
// edits it.
type base struct {
	data    []byte
	offsets []int // object number → offset of "N 0 obj" (0: free)
	size    int   // the trailer's /Size
	root    int   // the catalog's object number
	info    int   // the Info dictionary's object number
	xref    int   // offset of fpdf's xref table, for the update's /Prev
}

// readBase reads the trailer and cross-reference table of a file fpdf
// wrote (a classic xref table with one subsection from object 0).
func readBase(data []byte) (*base, error) {
	b := &base{data: data}
	tail := data[max(0, len(data)-1024):]
	i := bytes.LastIndex(tail, []byte("startxref"))
	if i < 0 {
		return nil, fmt.Errorf("no startxref")
	}
	l := newLexer(tail[i+len("startxref"):])
	at, err := l.int()
	if err != nil || at < 0 || at >= len(data) {
		return nil, fmt.Errorf("startxref: bad offset")
	}
	b.xref = at
	l = newLexer(data[at:])
	if err := b.readXref(l); err != nil {
		return nil, err
	}
	if kw := l.keyword(); kw != "trailer" {
		return nil, fmt.Errorf("no trailer after the xref table")
	}
	v, err := l.value()
	if err != nil {
		return nil, fmt.Errorf("trailer: %w", err)
	}
	t, ok := v.(dict)
	if !ok {
		return nil, fmt.Errorf("trailer is not a dictionary")
	}
	size, _ := t.get("Size").(int)
	root, _ := t.get("Root").(ref)
	info, _ := t.get("Info").(ref)
	if size != len(b.offsets) || root == 0 || info == 0 || int(root) >= size || int(info) >= size {
		return nil, fmt.Errorf("trailer: /Size, /Root or /Info missing or out of range")
	}
	b.size, b.root, b.info = size, int(root), int(info)
	return b, nil
}

// readXref reads a classic cross-reference table with one subsection
// from object 0, as fpdf writes it.
func (b *base) readXref(l *lexer) error {
	if kw := l.keyword(); kw != "xref" {
		return fmt.Errorf("startxref does not point at an xref table (found %q)", kw)
	}
	first, err1 := l.int()
	count, err2 := l.int()
	if err1 != nil || err2 != nil || first != 0 || count <= 0 || count > len(b.data)/20 {
		return fmt.Errorf("xref table: expected one subsection from object 0")
	}
	b.offsets = make([]int, count)
	for n := range count {
		off, err1 := l.int()
		_, err2 := l.int()
		kind := l.keyword()
		if err1 != nil || err2 != nil || (kind != "n" && kind != "f") {
			return fmt.Errorf("xref table: bad entry for object %d", n)
		}
		if kind == "n" {
			if off <= 0 || off >= len(b.data) {
				return fmt.Errorf("xref table: object %d at offset %d, outside the file", n, off)
			}
			b.offsets[n] = off
		}
	}
	return nil
}

// object parses the direct value of object n (a stream's dictionary, for a
// stream).
func (b *base) object(n int) (any, error) {
	if n <= 0 || n >= len(b.offsets) || b.offsets[n] == 0 {
		return nil, fmt.Errorf("object %d is not in the file", n)
	}
	l := newLexer(b.data[b.offsets[n]:])
	num, err1 := l.int()
	_, err2 := l.int()
	if err1 != nil || err2 != nil || num != n || l.keyword() != "obj" {
		return nil, fmt.Errorf("object %d is not at its cross-reference offset", n)
	}
	v, err := l.value()
	if err != nil {
		return nil, fmt.Errorf("object %d: %w", n, err)
	}
	return v, nil
}

// dictObject parses object n, which must be a dictionary.
func (b *base) dictObject(n int) (dict, error) {
	v, err := b.object(n)
	if err != nil {
		return nil, err
	}
	d, ok := v.(dict)
	if !ok {
		return nil, fmt.Errorf("object %d is not a dictionary", n)
	}
	return d, nil
}

// pages returns the page objects in order, from the catalog's page tree
// (fpdf writes one /Pages node with every page as a kid).
func (b *base) pages() ([]int, error) {
	cat, err := b.dictObject(b.root)
	if err != nil {
		return nil, err
	}
	pr, ok := cat.get("Pages").(ref)
	if !ok {
		return nil, fmt.Errorf("catalog has no /Pages")
	}
	tree, err := b.dictObject(int(pr))
	if err != nil {
		return nil, err
	}
	kids, ok := tree.get("Kids").(array)
	if !ok {
		return nil, fmt.Errorf("page tree has no /Kids")
	}
	out := make([]int, 0, len(kids))
	for _, k := range kids {
		r, ok := k.(ref)
		if !ok {
			return nil, fmt.Errorf("page tree /Kids holds a non-reference")
		}
		out = append(out, int(r))
	}
	return out, nil
}

// update is the incremental update handbill appends to fpdf's output
// (ISO 32000-1 §7.5.6): new objects and new versions of objects fpdf
// wrote, their cross-reference section and a trailer whose /Prev points
// at fpdf's xref table.
type update struct {
	base *base
	body bytes.Buffer
	next int         // next free object number
	at   map[int]int // object number → offset in the file
}

func newUpdate(b *base) *update {
	u := &update{base: b, next: b.size, at: map[int]int{}}
	u.body.Grow(64 << 10)
	if b.data[len(b.data)-1] != '\n' {
		u.body.WriteByte('\n')
	}
	return u
}

// alloc reserves a new object number.
func (u *update) alloc() int {
	u.next++
	return u.next - 1
}

// begin starts object n (new or a new version of one of fpdf's) and
// returns the buffer to write its value into; end closes it.
func (u *update) begin(n int) *bytes.Buffer {
	u.at[n] = len(u.base.data) + u.body.Len()
	fmt.Fprintf(&u.body, "%d 0 obj\n", n)
	return &u.body
}

func (u *update) end() { u.body.WriteString("\nendobj\n") }

// object writes object n with the value s.
func (u *update) object(n int, s string) {
	u.begin(n).WriteString(s)
	u.end()
}

// stream writes object n as a stream: extra are dictionary entries besides
// /Length (and /Filter when compressed says the data is deflated).
func (u *update) stream(n int, extra string, data []byte, compressed bool) {
	w := u.begin(n)
	w.WriteString("<<")
	w.WriteString(extra)
	if compressed {
		w.WriteString(" /Filter /FlateDecode")
	}
	fmt.Fprintf(w, " /Length %d>>\nstream\n", len(data))
	w.Write(data)
	w.WriteString("\nendstream")
	u.end()
}

// finish appends the cross-reference section and trailer and returns the
// whole file. root and info are the catalog and Info objects. The file
// identifier is a hash of the bytes, so the same document always gets the
// same /ID.
func (u *update) finish(root, info int) []byte {
	nums := make([]int, 0, len(u.at))
	for n := range u.at {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	id := sha256.New()
	id.Write(u.base.data)
	id.Write(u.body.Bytes())
	sum := hex.EncodeToString(id.Sum(nil)[:16])

	xref := len(u.base.data) + u.body.Len()
	w := &u.body
	w.WriteString("xref\n")
	for i := 0; i < len(nums); {
		j := i + 1
		for j < len(nums) && nums[j] == nums[j-1]+1 {
			j++
		}
		fmt.Fprintf(w, "%d %d\n", nums[i], j-i)
		for _, n := range nums[i:j] {
			fmt.Fprintf(w, "%010d 00000 n\r\n", u.at[n])
		}
		i = j
	}
	fmt.Fprintf(w, "trailer\n<</Size %d /Root %d 0 R /Info %d 0 R /Prev %d /ID [<%s> <%s>]>>\nstartxref\n%d\n%%%%EOF\n",
		u.next, root, info, u.base.xref, sum, sum, xref)
	out := make([]byte, 0, len(u.base.data)+u.body.Len())
	out = append(out, u.base.data...)
	return append(out, u.body.Bytes()...)
}

// PDF values as the lexer reads them. Names keep their spelling without
// the slash; strings and numbers other than integers keep their source
// text, so they are written back exactly.
type (
	name  string
	ref   int
	array []any
	raw   string // a string, real number, boolean or null, as written
	// dict keeps its entries in file order.
	dict []entry
)

type entry struct {
	key name
	val any
}

func (d dict) get(k name) any {
	for _, e := range d {
		if e.key == k {
			return e.val
		}
	}
	return nil
}

// without returns d without the entries named.
func (d dict) without(keys ...name) dict {
	out := make(dict, 0, len(d))
next:
	for _, e := range d {
		for _, k := range keys {
			if e.key == k {
				continue next
			}
		}
		out = append(out, e)
	}
	return out
}

// write writes v in PDF syntax.
func write(w *bytes.Buffer, v any) {
	switch v := v.(type) {
	case name:
		w.WriteByte('/')
		w.WriteString(string(v))
	case ref:
		fmt.Fprintf(w, "%d 0 R", int(v))
	case int:
		w.WriteString(strconv.Itoa(v))
	case raw:
		w.WriteString(string(v))
	case array:
		w.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				w.WriteByte(' ')
			}
			write(w, x)
		}
		w.WriteByte(']')
	case dict:
		w.WriteString("<<")
		writeEntries(w, v)
		w.WriteString(">>")
	}
}

// writeEntries writes the entries of d without the enclosing << >>.
func writeEntries(w *bytes.Buffer, d dict) {
	for _, e := range d {
		w.WriteByte('/')
		w.WriteString(string(e.key))
		w.WriteByte(' ')
		write(w, e.val)
	}
}

// lexer reads PDF tokens and values (ISO 32000-1 §7.2, §7.3) from the
// objects fpdf writes: dictionaries, arrays, names, numbers, references,
// literal and hex strings, booleans and null.
type lexer struct {
	s []byte
	i int
}

func newLexer(s []byte) *lexer { return &lexer{s: s} }

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool { return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0 }

func (l *lexer) skip() {
	for l.i < len(l.s) {
		c := l.s[l.i]
		if c == '%' {
			for l.i < len(l.s) && l.s[l.i] != '\n' && l.s[l.i] != '\r' {
				l.i++
			}
			continue
		}
		if !isSpace(c) {
			return
		}
		l.i++
	}
}

// keyword reads a bare word (obj, xref, trailer, n, f, true, 12.5, …).
func (l *lexer) keyword() string {
	l.skip()
	start := l.i
	for l.i < len(l.s) && !isSpace(l.s[l.i]) && !isDelim(l.s[l.i]) {
		l.i++
	}
	return string(l.s[start:l.i])
}

func (l *lexer) int() (int, error) {
	w := l.keyword()
	n, err := strconv.Atoi(w)
	if err != nil {
		return 0, fmt.Errorf("expected an integer, found %q", w)
	}
	return n, nil
}

// value reads one value; "N G R" becomes a ref.
func (l *lexer) value() (any, error) {
	return l.valueDepth(0)
}

func (l *lexer) valueDepth(depth int) (any, error) {
	if depth > 32 {
		return nil, fmt.Errorf("values nested too deeply")
	}
	l.skip()
	if l.i >= len(l.s) {
		return nil, fmt.Errorf("unexpected end of data")
	}
	switch c := l.s[l.i]; {
	case c == '/':
		l.i++
		return name(l.keyword()), nil
	case c == '<' && l.i+1 < len(l.s) && l.s[l.i+1] == '<':
		l.i += 2
		return l.dict(depth)
	case c == '[':
		l.i++
		return l.array(depth)
	case c == '(':
		return l.literal()
	case c == '<':
		end := bytes.IndexByte(l.s[l.i:], '>')
		if end < 0 {
			return nil, fmt.Errorf("unterminated hex string")
		}
		s := raw(l.s[l.i : l.i+end+1])
		l.i += end + 1
		return s, nil
	default:
		w := l.keyword()
		if w == "" {
			return nil, fmt.Errorf("unexpected %q", c)
		}
		n, err := strconv.Atoi(w)
		if err != nil {
			return raw(w), nil
		}
		// A reference is "N G R": look ahead.
		save := l.i
		if g := l.keyword(); g != "" {
			if _, err := strconv.Atoi(g); err == nil && l.keyword() == "R" {
				return ref(n), nil
			}
		}
		l.i = save
		return n, nil
	}
}

// dict reads a dictionary's entries, after its "<<".
func (l *lexer) dict(depth int) (dict, error) {
	var d dict
	for {
		l.skip()
		if l.i+1 < len(l.s) && l.s[l.i] == '>' && l.s[l.i+1] == '>' {
			l.i += 2
			return d, nil
		}
		k, err := l.valueDepth(depth + 1)
		if err != nil {
			return nil, err
		}
		key, ok := k.(name)
		if !ok {
			return nil, fmt.Errorf("dictionary key is not a name")
		}
		v, err := l.valueDepth(depth + 1)
		if err != nil {
			return nil, err
		}
		d = append(d, entry{key, v})
	}
}

// array reads an array's elements, after its "[".
func (l *lexer) array(depth int) (array, error) {
	a := array{}
	for {
		l.skip()
		if l.i < len(l.s) && l.s[l.i] == ']' {
			l.i++
			return a, nil
		}
		v, err := l.valueDepth(depth + 1)
		if err != nil {
			return nil, err
		}
		a = append(a, v)
	}
}

// literal reads a literal string with balanced parentheses and escapes.
func (l *lexer) literal() (any, error) {
	start := l.i
	depth := 0
	for l.i < len(l.s) {
		switch l.s[l.i] {
		case '\\':
			l.i++
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				l.i++
				return raw(l.s[start:l.i]), nil
			}
		}
		l.i++
	}
	return nil, fmt.Errorf("unterminated string")
}
