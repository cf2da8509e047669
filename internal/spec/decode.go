package spec

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/handbill/handbill/internal/diag"
)

// scalar is a YAML scalar kept with where it was written, so that resolving
// it later (a length, a colour name, a message id) can say where it failed.
type scalar struct {
	V    string
	File string
	Line int
	Col  int
	Set  bool
}

// pos returns where the scalar is written, with its field path.
func (s scalar) pos(path string) Pos {
	return Pos{File: s.File, Line: s.Line, Col: s.Col, Path: path}
}

// errorf records an error at the scalar's position.
func (s scalar) errorf(l *diag.List, path, format string, args ...any) {
	l.Errorf(s.File, s.Line, s.Col, path, format, args...)
}

// at is where a mapping was written. The decoder sets a schema struct's
// field of this type to the position of the mapping it decodes (or, for an
// entry of a map, of its key), so that a missing field can be reported at
// the mapping that lacks it.
type at struct {
	File string
	Line int
	Col  int
}

// errorf records an error at the mapping's position.
func (a at) errorf(l *diag.List, path, format string, args ...any) {
	l.Errorf(a.File, a.Line, a.Col, path, format, args...)
}

var (
	scalarType     = reflect.TypeOf(scalar{})
	atType         = reflect.TypeOf(at{})
	localeFileType = reflect.TypeOf(localeFile{})
)

// setAt sets v's field of type at, if it has one.
func setAt(v reflect.Value, a at) {
	if v.Kind() != reflect.Struct {
		return
	}
	for i := 0; i < v.NumField(); i++ {
		if v.Field(i).Type() == atType {
			v.Field(i).Set(reflect.ValueOf(a))
		}
	}
}

// decoder walks a yaml.Node tree into schema structs strictly: unknown
// fields are errors (with a suggestion), kinds must match, and every error
// names file:line:col and the field path. It keeps going after an error so a
// user sees every problem in a file at once.
type decoder struct {
	file  string
	diags *diag.List
}

func (d *decoder) errorf(n *yaml.Node, path, format string, args ...any) {
	d.diags.Errorf(d.file, n.Line, n.Column, path, format, args...)
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "a document"
}

func join(path, field string) string {
	if path == "" {
		return field
	}
	return path + "." + field
}

// decode fills v (addressable) from n. Fields already set in v and absent
// from n keep their values: decoding a derived layout over its base relies on
// this.
func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind == yaml.DocumentNode {
		if len(n.Content) == 0 {
			return
		}
		n = n.Content[0]
	}
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	t := v.Type()
	switch {
	case t == scalarType:
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			d.errorf(n, path, "expected a value, found %s", kindName(n))
			return
		}
		v.Set(reflect.ValueOf(scalar{V: n.Value, File: d.file, Line: n.Line, Col: n.Column, Set: true}))
		return
	case t.Kind() == reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(t.Elem()))
		}
		d.decode(n, v.Elem(), path)
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind == yaml.ScalarNode && t == localeFileType {
			// A locale may be written as just its tag.
			d.decode(n, v.Field(0), join(path, "tag"))
			return
		}
		if n.Kind != yaml.MappingNode {
			d.errorf(n, path, "expected a mapping of fields, found %s", kindName(n))
			return
		}
		setAt(v, at{File: d.file, Line: n.Line, Col: n.Column})
		fields := map[string]int{}
		var names []string
		for i := 0; i < t.NumField(); i++ {
			tag := t.Field(i).Tag.Get("yaml")
			if tag == "" || tag == "-" {
				continue
			}
			fields[tag] = i
			names = append(names, tag)
		}
		sort.Strings(names)
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			idx, ok := fields[k.Value]
			if !ok {
				msg := fmt.Sprintf("unknown field %q; expected one of %s", k.Value, strings.Join(names, ", "))
				dd := diag.Diagnostic{Severity: diag.Error, File: d.file, Line: k.Line, Col: k.Column, Path: path, Msg: msg}
				if s := diag.Suggest(k.Value, names); s != "" {
					dd.Hint = fmt.Sprintf("did you mean %q?", s)
				}
				d.diags.Add(dd)
				continue
			}
			if seen[k.Value] {
				d.errorf(k, join(path, k.Value), "field given twice")
				continue
			}
			seen[k.Value] = true
			d.decode(val, v.Field(idx), join(path, k.Value))
		}
	case reflect.Slice:
		if n.Kind == yaml.ScalarNode && t.Elem() == scalarType && n.Tag != "!!null" {
			// A single value where a list is allowed, such as size: A4.
			v.Set(reflect.ValueOf([]scalar{{V: n.Value, File: d.file, Line: n.Line, Col: n.Column, Set: true}}))
			return
		}
		if n.Kind != yaml.SequenceNode {
			d.errorf(n, path, "expected a list, found %s", kindName(n))
			return
		}
		s := reflect.MakeSlice(t, len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.decode(c, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			d.errorf(n, path, "expected a mapping, found %s", kindName(n))
			return
		}
		if v.IsNil() {
			v.Set(reflect.MakeMap(t))
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			elem := reflect.New(t.Elem()).Elem()
			if old := v.MapIndex(reflect.ValueOf(k.Value)); old.IsValid() {
				elem.Set(old)
			}
			d.decode(val, elem, join(path, k.Value))
			setAt(elem, at{File: d.file, Line: k.Line, Col: k.Column})
			v.SetMapIndex(reflect.ValueOf(k.Value), elem)
		}
	case reflect.String:
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			d.errorf(n, path, "expected text, found %s", kindName(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		b, err := strconv.ParseBool(n.Value)
		if n.Kind != yaml.ScalarNode || err != nil {
			d.errorf(n, path, "expected true or false, found %s", kindName(n))
			return
		}
		v.SetBool(b)
	case reflect.Float64:
		f, err := strconv.ParseFloat(n.Value, 64)
		if n.Kind != yaml.ScalarNode || err != nil {
			d.errorf(n, path, "expected a number, found %s", kindName(n))
			return
		}
		v.SetFloat(f)
	default:
		panic("spec: no decoder for " + t.String())
	}
}

// parseYAML parses src into a node tree, turning a syntax error into a
// diagnostic at the line and column where the problem is.
func parseYAML(file string, src []byte, l *diag.List) (*yaml.Node, bool) {
	var n yaml.Node
	if err := yaml.Unmarshal(src, &n); err != nil {
		d := yamlSyntax(err, src)
		d.File = file
		l.Add(d)
		return nil, false
	}
	if n.Kind == 0 || len(n.Content) == 0 {
		l.Add(diag.Diagnostic{Severity: diag.Error, File: file, Line: 1, Col: 1, Msg: "expected a YAML mapping, found an empty file"})
		return nil, false
	}
	if root := n.Content[0]; root.Kind != yaml.MappingNode {
		l.Errorf(file, root.Line, root.Column, "", "expected a YAML mapping of fields, found %s", kindName(root))
		return nil, false
	}
	return &n, true
}

// yamlParserProblems are the messages of yaml.v3's parser (as opposed to its
// scanner). yaml.v3 reports the line of a parser error 0-based, a scanner
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

// yamlSyntax turns a yaml.v3 syntax error into a diagnostic without file.
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
	d := diag.Diagnostic{Severity: diag.Error, Line: line, Msg: "invalid YAML: " + msg}
	lines := strings.Split(string(src), "\n")
	if line < 1 || line > len(lines) {
		return d
	}
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
		d.Msg = fmt.Sprintf("invalid YAML: expected ',' between the entries of this %s…%s or %q to close it, found neither", open, close, close)
	case strings.Contains(text, "\t"):
		d.Col = len([]rune(text[:strings.Index(text, "\t")])) + 1
		d.Hint = "indent with spaces: YAML does not allow tabs"
	case msg == "mapping values are not allowed in this context":
		d.Hint = `put a value that holds ": " in quotes`
	}
	return d
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

// reflect0 returns the addressable value p points to.
func reflect0(p any) reflect.Value { return reflect.ValueOf(p).Elem() }
