package spec

import (
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/messages"
)

// spec checks that each locale has a message file before messages reads
// them; both must agree on the formats.
func TestMessageExtsMatchMessages(t *testing.T) {
	if !slices.Equal(messageExts, messages.Formats) {
		t.Errorf("spec looks for locales/TAG.%v, messages reads %v", messageExts, messages.Formats)
	}
}

func TestIsoA(t *testing.T) {
	for _, c := range []struct {
		name string
		w, h int
		ok   bool
	}{{"A0", 841, 1189, true}, {"A4", 210, 297, true}, {"a6", 105, 148, true}, {"A10", 26, 37, true}, {"A11", 0, 0, false}, {"B5", 0, 0, false}, {"A", 0, 0, false}} {
		w, h, ok := isoA(c.name)
		if w != c.w || h != c.h || ok != c.ok {
			t.Errorf("isoA(%q) = %d, %d, %v; want %d, %d, %v", c.name, w, h, ok, c.w, c.h, c.ok)
		}
	}
}

// yaml.v3 reports a parser error's line 0-based and no column; yamlSyntax
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
		{"a: 1\nb:\n\tc: 1\n", 3, 1, "found character that cannot start any token", "tabs"},
		{"a: 1\nb: c: d\n", 2, 1, "mapping values are not allowed", "quotes"},
		{"a: 1\n- b\n", 2, 1, "did not find expected key", ""},
		{"a: 1\nb:\n  - x\n  y: 2\n", 3, 3, "did not find expected '-' indicator", ""},
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

// A missing field is reported at the mapping that lacks it, not at line 1.
func TestMissingFieldAtMapping(t *testing.T) {
	src := "# a comment\n\nid: x\nlocales: [en-GB]\nhelplines:\n  - id: a\n    name: n\n    purpose: p\n"
	var l diag.List
	n, ok := parseYAML("campaign.yaml", []byte(src), &l)
	if !ok {
		t.Fatal(l)
	}
	var cf campaignFile
	(&decoder{file: "campaign.yaml", diags: &l}).decode(n, reflect0(&cf), "")
	if cf.At.Line != 3 || cf.At.Col != 1 {
		t.Errorf("campaign mapping at %d:%d, want 3:1", cf.At.Line, cf.At.Col)
	}
	if h := cf.Helplines[0].At; h.Line != 6 || h.Col != 5 {
		t.Errorf("helpline mapping at %d:%d, want 6:5", h.Line, h.Col)
	}
}
