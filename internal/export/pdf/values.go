package pdf

import (
	"bytes"
	"fmt"
	"strconv"
)

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
	default:
		panic(fmt.Sprintf("pdf: write: %T is not a PDF value", v)) // a value made in this package: a bug
	}
}

// writeEntries writes the entries of d without the enclosing << >>, one
// space between entries.
func writeEntries(w *bytes.Buffer, d dict) {
	for i, e := range d {
		if i > 0 {
			w.WriteByte(' ')
		}
		w.WriteByte('/')
		w.WriteString(string(e.key))
		w.WriteByte(' ')
		write(w, e.val)
	}
}
