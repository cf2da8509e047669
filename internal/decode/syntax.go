package decode

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/handbill/handbill/internal/diag"
)

// Parse parses src into a node tree, turning a syntax error into a
// diagnostic at the line and column where the problem is.
func Parse(file string, src []byte, l *diag.List) (*yaml.Node, bool) {
	if d := notUTF8(src); d != nil {
		d.File = file
		l.Add(*d)
		return nil, false
	}
	var n yaml.Node
	if err := yaml.Unmarshal(src, &n); err != nil {
		d := yamlSyntax(err, src)
		d.File = file
		l.Add(d)
		return nil, false
	}
	if n.Kind == 0 || len(n.Content) == 0 {
		l.Errorf(file, 1, 1, "", "expected a YAML mapping, found an empty file")
		return nil, false
	}
	if root := n.Content[0]; root.Kind != yaml.MappingNode {
		l.Errorf(file, root.Line, root.Column, "", "expected a YAML mapping of fields, found %s", KindName(root))
		return nil, false
	}
	if size, alias := expanded(&n, map[*yaml.Node]int{}); size > MaxNodes {
		d := diag.Errorf(file, alias.Line, alias.Column, "", "expected at most %d values with aliases expanded, found more", MaxNodes)
		d.Hint = fmt.Sprintf("aliases (*%s) that repeat aliases multiply; write the values out, or use extends for a shared layout", alias.Value)
		l.Add(d)
		return nil, false
	}
	return &n, true
}

// MaxNodes bounds the values of a YAML file with its aliases expanded,
// which is what decoding walks: a few lines of aliases of aliases can
// stand for billions of values. No real campaign file comes near it.
const MaxNodes = 100_000

// expanded returns how many nodes n stands for with aliases expanded (each
// anchor's size counted once, in memo) and the alias that contributes most
// (nil when there is none); sizes stop growing past MaxNodes.
func expanded(n *yaml.Node, memo map[*yaml.Node]int) (int, *yaml.Node) {
	if n == nil {
		return 0, nil
	}
	if n.Kind == yaml.AliasNode {
		if v, ok := memo[n.Alias]; ok {
			return v, n
		}
		memo[n.Alias] = MaxNodes + 1 // an alias inside its own anchor
		v, _ := expanded(n.Alias, memo)
		memo[n.Alias] = v
		return v, n
	}
	size, most, mostSize := 1, (*yaml.Node)(nil), 0
	for _, c := range n.Content {
		v, a := expanded(c, memo)
		size = min(size+v, MaxNodes+1)
		if a != nil && v >= mostSize {
			most, mostSize = a, v
		}
	}
	return size, most
}

// yamlParserProblems are the messages of yaml's parser (as opposed to its
// scanner). yaml reports the line of a parser error 0-based, a scanner
// error's 1-based, and neither's column: yamlSyntax corrects the one and
// finds the other.
var yamlParserProblems = []string{
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected <document start>",
	"did not find expected <stream-start>",
	"did not find expected key",
	"did not find expected node content",
	"found duplicate %TAG directive",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found undefined tag handle",
}

// yamlSyntax turns a yaml syntax error into a diagnostic without file.
// The line is where the construct the parser was reading begins (the
// unclosed "{", the mapping with a stray line) or where the scanner stopped;
// the column is that construct's opening bracket or the first character of
// the line.
func yamlSyntax(err error, src []byte) diag.Diagnostic {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.Index(rest, ":"); i > 0 {
			if k, err := strconv.Atoi(rest[:i]); err == nil {
				line = k
				msg = strings.TrimSpace(rest[i+1:])
			}
		}
	}
	if slices.Contains(yamlParserProblems, msg) {
		line++
	}
	d := diag.Errorf("", line, 0, "", "invalid YAML: %s", msg)
	lines := strings.Split(string(src), "\n")
	if line < 1 || line > len(lines) {
		return d
	}
	explain(&d, msg, lines, line)
	d.Path = fieldAt(lines, line)
	return d
}

// explain says in d what the parser's msg means on line (1-based) of the
// file's lines, at the column of the culprit, with a hint where one is
// obvious.
func explain(d *diag.Diagnostic, msg string, lines []string, line int) {
	text := lines[line-1]
	d.Col = len([]rune(text)) - len([]rune(strings.TrimLeft(text, " "))) + 1
	switch {
	case strings.HasSuffix(msg, "',' or '}'"), strings.HasSuffix(msg, "',' or ']'"):
		open, close := "{", "}"
		if strings.HasSuffix(msg, "]'") {
			open, close = "[", "]"
		}
		if k := unclosed(text, open[0], close[0]); k >= 0 {
			d.Col = len([]rune(text[:k])) + 1
		}
		found := "the end of the line"
		if rest := strings.TrimSpace(lines[min(line, len(lines)-1)]); line < len(lines) && rest != "" {
			found = fmt.Sprintf("the next line, %q", Clip(rest, 30))
		}
		d.Msg = fmt.Sprintf("invalid YAML: expected ',' between the entries of this %s…%s or %q to close it, found %s", open, close, close, found)
		d.Hint = fmt.Sprintf("close the %s with %s on the line it opens, or write one entry per line without brackets", open, close)
	case strings.Contains(text, "\t"):
		d.Col = len([]rune(text[:strings.Index(text, "\t")])) + 1
		d.Msg = "invalid YAML: expected spaces to indent, found a tab"
		d.Hint = "indent with spaces: YAML does not allow tabs"
		lines[line-1] = strings.ReplaceAll(text, "\t", "  ") // for fieldAt
	case msg == "mapping values are not allowed in this context":
		d.Hint = `put a value that holds ": " in quotes`
	case msg == "found unexpected end of stream":
		if k, q := openQuote(text); k >= 0 {
			d.Col = len([]rune(text[:k])) + 1
			d.Msg = fmt.Sprintf("invalid YAML: expected a closing %c for the text opened here, found the end of the file", q)
			d.Hint = fmt.Sprintf("close the text with %c on the same line", q)
			if q == '"' {
				d.Hint += `; write a " inside it as \"`
			} else {
				d.Hint += "; write a ' inside it as ''"
			}
		}
	}
}

// fieldAt returns the field path of the key on line (1-based) from the
// keys above it with less indentation, such as "palette.ink", or "" when
// the line has no key.
func fieldAt(lines []string, line int) string {
	key := func(text string) (name string, indent int, ok bool) {
		t := strings.TrimLeft(text, " ")
		for strings.HasPrefix(t, "- ") { // a key after a dash is indented past it
			t = strings.TrimLeft(t[2:], " ")
		}
		indent = len(text) - len(t)
		k, _, found := strings.Cut(t, ":")
		if !found || k == "" || strings.ContainsAny(k, " {}[],\"'#\t") {
			return "", indent, false
		}
		return k, indent, true
	}
	name, indent, ok := key(lines[line-1])
	if !ok {
		return ""
	}
	path := []string{name}
	for i := line - 2; i >= 0 && indent > 0; i-- {
		if strings.TrimSpace(lines[i]) == "" || strings.HasPrefix(strings.TrimSpace(lines[i]), "#") {
			continue
		}
		if k, in, ok := key(lines[i]); ok && in < indent {
			path = append([]string{k}, path...)
			indent = in
		}
	}
	return strings.Join(path, ".")
}

// Clip returns s, or its first n characters and an ellipsis when it is
// longer, for a message.
func Clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// unclosed returns the byte index of the last open bracket in text that is
// not closed on the same line, ignoring quoted text, or -1.
func unclosed(text string, open, close byte) int {
	var stack []int
	var quote byte
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || text[i-1] == ' '):
			i = len(text)
		case c == open:
			stack = append(stack, i)
		case c == close && len(stack) > 0:
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) == 0 {
		return -1
	}
	return stack[len(stack)-1]
}

// notUTF8 reports the first byte of src that is not UTF-8, at its line and
// column (the YAML parser says only "invalid leading UTF-8 octet", with no
// line), or nil.
func notUTF8(src []byte) *diag.Diagnostic {
	if utf8.Valid(src) {
		return nil
	}
	line, col := 1, 1
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			d := diag.Errorf("", line, col, "", "expected UTF-8 text, found the byte 0x%02X, which is not UTF-8", src[i])
			d.Hint = "save the file as UTF-8 (a file saved as Latin-1 or Windows-1252 writes é, £ and ’ this way), then retype what was there"
			return &d
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += n
	}
	return nil
}

// openQuote returns the byte offset in a line of YAML of a value's opening
// quote that the line does not close, and the quote, or -1.
func openQuote(text string) (int, byte) {
	_, v, ok := strings.Cut(text, ": ")
	if !ok {
		v = strings.TrimLeft(strings.TrimPrefix(strings.TrimLeft(text, " "), "-"), " ")
	}
	v = strings.TrimLeft(v, " ")
	if v == "" || (v[0] != '"' && v[0] != '\'') {
		return -1, 0
	}
	q := v[0]
	body := v[1:]
	if q == '"' {
		body = strings.ReplaceAll(body, `\\`, "")
		body = strings.ReplaceAll(body, `\"`, "")
	} else {
		body = strings.ReplaceAll(body, "''", "")
	}
	if strings.IndexByte(body, q) >= 0 {
		return -1, 0
	}
	return len(text) - len(v), q
}
