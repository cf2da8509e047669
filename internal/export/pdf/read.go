package pdf

import (
	"bytes"
	"fmt"
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
