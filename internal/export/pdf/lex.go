package pdf

import (
	"bytes"
	"fmt"
	"strconv"
)

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
