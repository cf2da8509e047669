package decode

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/handbill/handbill/internal/diag"
)

// yaml reports a parser error's line 0-based and no column; yamlSyntax
// must point at the construct, 1-based.
func TestYAMLSyntaxPosition(t *testing.T) {
	for _, c := range []struct {
		src       string
		line, col int
		msg, hint string
	}{
		{"a: 1\nb: {c: 1, d: 2\ne: 3\n", 2, 4, "expected ',' between the entries of this {…}", ""},
		{"a: 1\nb: [1, [2, 3], 4\nc: 3\n", 2, 4, "expected ',' between the entries of this […]", ""},
		{"a: 1\nb: {c: \"{\", d: 2\n", 2, 4, "{…}", ""},
		{"a: 1\nb:\n\tc: 1\n", 3, 1, "expected spaces to indent, found a tab", "tabs"},
		{"a: 1\nb: c: d\n", 2, 1, "mapping values are not allowed", "quotes"},
		{"a: 1\n- b\n", 2, 1, "did not find expected key", ""},
		{"a: 1\nb:\n  - x\n  y: 2\n", 3, 3, "did not find expected '-' indicator", ""},
		{"id: card\ntitle: \"unclosed\nx: 1\n", 2, 8, `expected a closing " for the text opened here, found the end of the file`, "close the text"},
		{"a:\n  - 'it''s\n", 2, 5, `expected a closing ' for the text opened here`, "as ''"},
	} {
		var n yaml.Node
		err := yaml.Unmarshal([]byte(c.src), &n)
		if err == nil {
			t.Fatalf("%q parsed", c.src)
		}
		d := yamlSyntax(err, []byte(c.src))
		if d.Line != c.line || d.Col != c.col || !strings.Contains(d.Msg, c.msg) || !strings.Contains(d.Hint, c.hint) {
			t.Errorf("%q: got %d:%d %q hint %q; want %d:%d containing %q, hint containing %q", c.src, d.Line, d.Col, d.Msg, d.Hint, c.line, c.col, c.msg, c.hint)
		}
	}
}

// Unknown fields, a field given twice and a value of the wrong kind are each
// reported at their own position, with the one did-you-mean rule, and
// decoding goes on past them; a bare value fills a struct's bare field.
func TestStrict(t *testing.T) {
	type tag struct {
		Tag  Scalar `yaml:"tag,bare"`
		Note string `yaml:"note"`
	}
	type file struct {
		Families []struct {
			ID      string  `yaml:"id"`
			Leading float64 `yaml:"leading"`
		} `yaml:"families"`
		Tags []tag `yaml:"tags"`
		At   At    `yaml:"-"`
	}
	src := "families:\n  - id: a\n    leadin: 1.2\n  - id: b\n    leading: tall\ntags: [pl, {tag: en, note: x}]\ntags: []\n"
	var l diag.List
	var f file
	if !File("fonts.yaml", []byte(src), &f, &l) {
		t.Fatal(l)
	}
	var got []string
	for _, d := range l {
		got = append(got, d.Error())
	}
	want := []string{
		`fonts.yaml:3:5: families[0]: unknown field "leadin"; expected one of id, leading` + "\n\thint: did you mean \"leading\"?",
		`fonts.yaml:5:14: families[1].leading: expected a number, found "tall"`,
		`fonts.yaml:7:1: tags: field given twice`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(f.Families) != 2 || f.Families[1].ID != "b" || f.At.Line != 1 {
		t.Errorf("decoded %+v", f)
	}
	if len(f.Tags) != 2 || f.Tags[0].Tag.V != "pl" || f.Tags[1].Note != "x" || f.Tags[0].Tag.Line != 6 {
		t.Errorf("tags %+v", f.Tags)
	}
}

// A syntax error names the field it is in, from the keys above it, and
// says what it found instead of the closing bracket.
func TestYAMLSyntaxField(t *testing.T) {
	for _, c := range []struct{ src, path, found string }{
		{"a: 1\nb: {c: 1, d: 2\ne: 3\n", "b", `found the next line, "e: 3"`},
		{"palette:\n  brand: {x: 1}\n\n  # ink\n  ink: {x: 1, y: 2\ntype: 2\n", "palette.ink", `found the next line, "type: 2"`},
		{"pages:\n  - name: front\n    blocks:\n      - box: [1, 2\n", "pages.blocks.box", "found the end of the line"},
		{"a: 1\nb:\n\tc: 1\n", "b.c", "found a tab"},
	} {
		var n yaml.Node
		err := yaml.Unmarshal([]byte(c.src), &n)
		if err == nil {
			t.Fatalf("%q parsed", c.src)
		}
		d := yamlSyntax(err, []byte(c.src))
		if d.Path != c.path || !strings.Contains(d.Msg, c.found) {
			t.Errorf("%q: path %q msg %q; want path %q, msg containing %q", c.src, d.Path, d.Msg, c.path, c.found)
		}
	}
}
