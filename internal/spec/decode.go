package spec

import (
	"fmt"
	"reflect"
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

// errorf records an error at the scalar's position.
func (s scalar) errorf(l *diag.List, path, format string, args ...any) {
	l.Errorf(s.File, s.Line, s.Col, path, format, args...)
}

var (
	scalarType     = reflect.TypeOf(scalar{})
	localeFileType = reflect.TypeOf(localeFile{})
)

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
// diagnostic with the line yaml reports.
func parseYAML(file string, src []byte, l *diag.List) (*yaml.Node, bool) {
	var n yaml.Node
	if err := yaml.Unmarshal(src, &n); err != nil {
		line := 0
		msg := err.Error()
		msg = strings.TrimPrefix(msg, "yaml: ")
		if rest, ok := strings.CutPrefix(msg, "line "); ok {
			if i := strings.Index(rest, ":"); i > 0 {
				if k, err := strconv.Atoi(rest[:i]); err == nil {
					line = k
					msg = strings.TrimSpace(rest[i+1:])
				}
			}
		}
		l.Add(diag.Diagnostic{Severity: diag.Error, File: file, Line: line, Msg: "invalid YAML: " + msg})
		return nil, false
	}
	if n.Kind == 0 || len(n.Content) == 0 {
		l.Add(diag.Diagnostic{Severity: diag.Error, File: file, Line: 1, Msg: "expected a YAML mapping, found an empty file"})
		return nil, false
	}
	return &n, true
}

// reflect0 returns the addressable value p points to.
func reflect0(p any) reflect.Value { return reflect.ValueOf(p).Elem() }

// nodeLine returns the line of item i of the list under key in the root
// mapping of doc, or 1 when it cannot be found.
func nodeLine(doc *yaml.Node, key string, i int) int {
	if doc == nil || len(doc.Content) == 0 {
		return 1
	}
	root := doc.Content[0]
	for k := 0; k+1 < len(root.Content); k += 2 {
		if root.Content[k].Value == key && root.Content[k+1].Kind == yaml.SequenceNode && i < len(root.Content[k+1].Content) {
			return root.Content[k+1].Content[i].Line
		}
	}
	return 1
}
