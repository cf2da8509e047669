package messages

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// TestPlaceholders: text, {{.A.B}} and {{index .A "b" "c"}} are data, with
// their paths and spans; every other action is a *NotDataError naming it.
func TestPlaceholders(t *testing.T) {
	for _, c := range []struct {
		text string
		want [][]string
	}{
		{"plain text", nil},
		{"Call {{.Number}} now", [][]string{{"Number"}}},
		{"{{- .Force -}} and {{.Helplines.hub.Number}}", [][]string{{"Force"}, {"Helplines", "hub", "Number"}}},
		{`{{index .Helplines "my-line" "Number"}}`, [][]string{{"Helplines", "my-line", "Number"}}},
	} {
		phs, err := Placeholders(c.text, "", "")
		if err != nil {
			t.Errorf("%q: %v", c.text, err)
			continue
		}
		var got [][]string
		for _, p := range phs {
			got = append(got, p.Path)
			if s := c.text[p.Start:p.End]; !strings.HasPrefix(s, "{{") || !strings.HasSuffix(s, "}}") {
				t.Errorf("%q: span %q", c.text, s)
			}
		}
		if !slices.EqualFunc(got, c.want, slices.Equal) {
			t.Errorf("%q: paths %q, want %q", c.text, got, c.want)
		}
	}
	for text, what := range map[string]string{
		"{{range 9}}x{{end}}":            "a range loop",
		"{{if .A}}x{{end}}":              "an if block",
		"{{with .A}}x{{end}}":            "a with block",
		`a{{define "d"}}x{{end}}`:        `a definition of template "d"`,
		`{{block "b" .}}x{{end}}`:        `a definition of template "b"`,
		`{{template "t"}}`:               "a template call (template or block)",
		`{{printf "%09999d" 1}}`:         "a call of printf",
		"{{call .F}}":                    "a call of call",
		"{{.A | printf}}":                "a pipeline",
		"{{$x := 1}}":                    "a variable",
		"{{.}}":                          "the whole template data, {{.}},",
		`{{"text"}}`:                     "a constant",
		`{{index .A 1}}`:                 "an index with a key that is not a quoted string",
		`{{index "s" "k"}}`:              "an index of something other than a field",
		"{{.Method 1}}":                  "a method call",
		"{{(.A).B}}":                     "a pipeline",
		"{{range $i := 9}}{{$i}}{{end}}": "a range loop",
	} {
		_, err := Placeholders(text, "", "")
		var nd *NotDataError
		if !errors.As(err, &nd) || nd.What != what {
			t.Errorf("%q: %v, want %s", text, err, what)
		}
	}
}

// TestRenderBounds: rendering fills placeholders from nested maps and
// refuses a path to a map, a missing name, and text beyond MaxRenderBytes.
func TestRenderBounds(t *testing.T) {
	render := func(text string, data any) (string, error) {
		tmpl, err := dataParser{}.Parse(text, "", "")
		if err != nil {
			return "", err
		}
		return tmpl.Execute(data)
	}
	data := map[string]any{"Force": "Testshire Police", "Count": 3,
		"Helplines": map[string]map[string]string{"hub": {"Number": "0333 240 1727"}}}
	got, err := render(`{{.Force}}: {{.Count}} {{index .Helplines "hub" "Number"}}`, data)
	if want := "Testshire Police: 3 0333 240 1727"; err != nil || got != want {
		t.Errorf("got %q, %v; want %q", got, err, want)
	}
	if _, err := render("{{.Helplines.hub}}", data); err == nil || !strings.Contains(err.Error(), "would print a map") {
		t.Errorf("a map: %v", err)
	}
	var ue *UnresolvedError
	if _, err := render("{{.Helplines.nosuch.Number}}", data); !errors.As(err, &ue) || ue.Missing != "nosuch" {
		t.Errorf("a missing helpline: %v", err)
	}
	big := map[string]any{"Force": strings.Repeat("x", MaxRenderBytes/4)}
	if _, err := render("{{.Force}}{{.Force}}{{.Force}}{{.Force}}{{.Force}}", big); err == nil || !strings.Contains(err.Error(), "expected at most 256 KB") {
		t.Errorf("beyond the output bound: %v", err)
	}
}

// TestDuplicateJSONID: a message id written twice in a JSON file is an
// error at the second, not the last one winning in silence; the same key
// in two different messages is not.
func TestDuplicateJSONID(t *testing.T) {
	src := "{\n  \"title\": {\"other\": \"Think\"},\n  \"footer\": {\"other\": \"A {{.Force}} campaign\", \"description\": \"x\"},\n  \"title\": {\"other\": \"Send\"}\n}\n"
	_, err := Load(fstest.MapFS{"locales/en.json": {Data: []byte(src)}}, "locales", "en", nil)
	want := `locales/en.json:4:3: expected each message id once, found "title" again`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("got %v, want %s", err, want)
	}
	ok := "{\"title\": {\"other\": \"Think\"}, \"footer\": {\"other\": \"x\"}, \"list\": [{\"a\": 1}, {\"a\": 2}]}"
	if _, err := Load(fstest.MapFS{"locales/en.json": {Data: []byte(ok)}}, "locales", "en", nil); err != nil && strings.Contains(err.Error(), "once") {
		t.Errorf("a key in two objects: %v", err)
	}
}
