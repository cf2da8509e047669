// Package decode reads handbill's YAML files (campaign.yaml, layouts,
// fonts.yaml) strictly into schema structs: unknown fields are errors with a
// "did you mean", kinds must match, a field may be given once, and every
// problem is a diag.Diagnostic at file:line:col with its field path. It keeps
// going after an error so that a user sees every problem in a file at once.
// campaign and fonts convert what it fills into their resolved types. It sits
// beside diag at the bottom of the pipeline.
//
// A schema struct names its fields with `yaml:"name"` tags. Fields of type
// Scalar remember where their value is written; a field of type At receives
// the position of the mapping the struct was decoded from (or, for an entry
// of a map, of its key). A first field tagged `yaml:"name,bare"` lets the
// whole struct be written as just that field's value (a scalar, or a list
// when the field is a slice).
package decode

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/handbill/handbill/internal/diag"
)

// Scalar is a YAML scalar kept with where it was written, so that resolving
// it later (a length, a colour name, a message id) can say where it failed.
// Set is false when the field was absent.
type Scalar struct {
	V    string
	File string
	Line int
	Col  int
	Set  bool
}

// Variants is a value per name, such as an image file per locale: written
// as a mapping of names to values, or as one value, which is then the
// Default for every name.
type Variants map[string]Scalar

// Default is the name of the value of Variants written as one value.
const Default = "default"

// Diag returns an error diagnostic at the scalar, with field path path.
func (s Scalar) Diag(path, format string, args ...any) diag.Diagnostic {
	return diag.Errorf(s.File, s.Line, s.Col, path, format, args...)
}

// Errorf records an error at the scalar's position.
func (s Scalar) Errorf(l *diag.List, path, format string, args ...any) {
	l.Add(s.Diag(path, format, args...))
}

// At is where a mapping was written.
type At struct {
	File string
	Line int
	Col  int
}

// Diag returns an error diagnostic at the mapping, with field path path.
func (a At) Diag(path, format string, args ...any) diag.Diagnostic {
	return diag.Errorf(a.File, a.Line, a.Col, path, format, args...)
}

// Errorf records an error at the mapping's position.
func (a At) Errorf(l *diag.List, path, format string, args ...any) {
	l.Add(a.Diag(path, format, args...))
}

var (
	scalarType   = reflect.TypeOf(Scalar{})
	atType       = reflect.TypeOf(At{})
	variantsType = reflect.TypeOf(Variants{})
)

// File parses src (the contents of file) and decodes it into the struct v
// points to. It reports false, with the problems in l, when src is not a
// YAML mapping; decoding problems are in l either way.
func File(file string, src []byte, v any, l *diag.List) bool {
	n, ok := Parse(file, src, l)
	if !ok {
		return false
	}
	Node(file, n, v, "", l)
	return true
}

// Node decodes n into what v points to, reporting problems in l with field
// paths below path. Fields already set in v and absent from n keep their
// values: decoding a derived layout over its base relies on this.
func Node(file string, n *yaml.Node, v any, path string, l *diag.List) {
	(&decoder{file: file, diags: l}).decode(n, reflect.ValueOf(v).Elem(), path)
}

type decoder struct {
	file  string
	diags *diag.List
}

func (d *decoder) errorf(n *yaml.Node, path, format string, args ...any) {
	d.diags.Errorf(d.file, n.Line, n.Column, path, format, args...)
}

// KindName says what n is, for "expected …, found …" messages.
func KindName(n *yaml.Node) string {
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

// scalar is n's value with its position; a character no printed text may
// hold (Forbidden) is reported at path.
func (d *decoder) scalar(n *yaml.Node, path string) Scalar {
	d.text(n, path)
	return Scalar{V: n.Value, File: d.file, Line: n.Line, Col: n.Column, Set: true}
}

// text reports the first character of scalar n's value that no printed
// text may hold: a value of campaign.yaml or a layout is printed (Force:
// Cumbria Police ends up in the footer), and U+202E there printed the
// footer reversed although translations refused it.
func (d *decoder) text(n *yaml.Node, path string) {
	for i, r := range n.Value {
		why, hint := Forbidden(r)
		if why == "" {
			continue
		}
		dd := diag.Errorf(d.file, n.Line, n.Column, path, "expected text without control characters, found %s (%s) at character %d", RuneName(r), why, utf8.RuneCountInString(n.Value[:i])+1)
		dd.Hint = hint
		d.diags.Add(dd)
		return
	}
}

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
			d.errorf(n, path, "expected a value, found %s", KindName(n))
			return
		}
		v.Set(reflect.ValueOf(d.scalar(n, path)))
		return
	case t == variantsType && n.Kind == yaml.ScalarNode && n.Tag != "!!null":
		v.Set(reflect.ValueOf(Variants{Default: d.scalar(n, path)}))
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
		d.decodeStruct(n, v, path)
	case reflect.Slice:
		d.decodeSlice(n, v, path)
	case reflect.Map:
		d.decodeMap(n, v, path)
	default:
		d.decodeValue(n, v, path)
	}
}

// fieldNames maps each tagged field of t to its index, and lists the names
// sorted. bare is the name of the field the struct may be written as, or "".
func fieldNames(t reflect.Type) (fields map[string]int, names []string, bare string) {
	fields = map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		tag, opt, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if tag == "" || tag == "-" {
			continue
		}
		if i == 0 && opt == "bare" {
			bare = tag
		}
		fields[tag] = i
		names = append(names, tag)
	}
	slices.Sort(names)
	return fields, names, bare
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, path string) {
	t := v.Type()
	fields, names, bare := fieldNames(t)
	if n.Kind == yaml.ScalarNode && bare != "" {
		d.decode(n, v.Field(0), join(path, bare))
		return
	}
	if n.Kind == yaml.SequenceNode && bare != "" && t.Field(0).Type.Kind() == reflect.Slice {
		d.decode(n, v.Field(0), path) // the list is the struct: its items are path[i]
		return
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "expected a mapping of fields, found %s", KindName(n))
		return
	}
	setAt(v, At{File: d.file, Line: n.Line, Col: n.Column})
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		idx, ok := fields[k.Value]
		if !ok {
			dd := diag.Errorf(d.file, k.Line, k.Column, path, "unknown field %q; expected one of %s", k.Value, strings.Join(names, ", "))
			dd.Hint = diag.DidYouMean(k.Value, names)
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
}

func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value, path string) {
	t := v.Type()
	if n.Kind == yaml.ScalarNode && t.Elem() == scalarType && n.Tag != "!!null" {
		// A single value where a list is allowed, such as size: A4.
		v.Set(reflect.ValueOf([]Scalar{d.scalar(n, path)}))
		return
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, path, "expected a list, found %s", KindName(n))
		return
	}
	s := reflect.MakeSlice(t, len(n.Content), len(n.Content))
	for i, c := range n.Content {
		d.decode(c, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
	}
	v.Set(s)
}

func (d *decoder) decodeMap(n *yaml.Node, v reflect.Value, path string) {
	t := v.Type()
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "expected a mapping, found %s", KindName(n))
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
		setAt(elem, At{File: d.file, Line: k.Line, Col: k.Column})
		v.SetMapIndex(reflect.ValueOf(k.Value), elem)
	}
}

// decodeValue decodes a scalar into a string, bool or float64.
func (d *decoder) decodeValue(n *yaml.Node, v reflect.Value, path string) {
	isScalar := n.Kind == yaml.ScalarNode && n.Tag != "!!null"
	switch v.Kind() {
	case reflect.String:
		if !isScalar {
			d.errorf(n, path, "expected text, found %s", KindName(n))
			return
		}
		d.text(n, path)
		v.SetString(n.Value)
	case reflect.Bool:
		b, err := strconv.ParseBool(n.Value)
		if !isScalar || err != nil {
			d.errorf(n, path, "expected true or false, found %s", KindName(n))
			return
		}
		v.SetBool(b)
	case reflect.Float64:
		f, err := strconv.ParseFloat(n.Value, 64)
		if !isScalar || err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			d.errorf(n, path, "expected a number, found %s", KindName(n))
			return
		}
		v.SetFloat(f)
	default:
		panic("decode: no decoder for " + v.Type().String())
	}
}

// setAt sets v's field of type At, if it has one.
func setAt(v reflect.Value, a At) {
	if v.Kind() != reflect.Struct {
		return
	}
	for i := 0; i < v.NumField(); i++ {
		if v.Field(i).Type() == atType {
			v.Field(i).Set(reflect.ValueOf(a))
		}
	}
}
