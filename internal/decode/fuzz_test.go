package decode

import (
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/diag"
)

// fuzzFile has a field of every kind the decoder handles: scalars with
// their position, a bare field, numbers, flags, lists, maps, variants and
// nested structs.
type fuzzFile struct {
	ID     Scalar   `yaml:"id"`
	Title  string   `yaml:"title"`
	Size   float64  `yaml:"size"`
	Draft  bool     `yaml:"draft"`
	Tags   []Scalar `yaml:"tags"`
	Images Variants `yaml:"images"`
	Blocks []struct {
		Kind  Scalar            `yaml:"kind,bare"`
		Box   []Scalar          `yaml:"box"`
		Data  map[string]Scalar `yaml:"data"`
		Inner *struct {
			Name string `yaml:"name"`
			At   At     `yaml:"-"`
		} `yaml:"inner"`
		At At `yaml:"-"`
	} `yaml:"blocks"`
	Palette map[string]struct {
		RGB  Scalar   `yaml:"rgb"`
		CMYK []Scalar `yaml:"cmyk"`
	} `yaml:"palette"`
	At At `yaml:"-"`
}

// FuzzFile: no YAML, however broken or hostile (aliases, anchors, tags,
// deep nesting, invalid UTF-8), panics the decoder; whatever it reports
// has a position inside the file and no Go type name.
func FuzzFile(f *testing.F) {
	for _, s := range []string{
		"id: a\ntitle: t\nsize: 12.5\ndraft: true\ntags: [x, y]\nimages: {en: a.png, default: b.png}\n",
		"blocks:\n  - text\n  - {kind: rect, box: [0mm, 0mm, 1mm, 1mm], data: {Number: n}, inner: {name: x}}\n",
		"palette:\n  brand: {rgb: \"#102030\", cmyk: [1, 2, 3, 4]}\n",
		"a: &a [x, x]\nb: &b [*a, *a]\ntags: *b\n",
		"id: [\n",
		"id: \"unclosed\n",
		"id: \xff\xfe\n",
		strings.Repeat("[", 200),
		"blocks: !!map {}\nsize: .nan\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var l diag.List
		var v fuzzFile
		File("f.yaml", src, &v, &l)
		// Any of CR, LF, NEL, LS and PS may end a line (YAML 1.1): an
		// upper bound of the line count, so \r\n counts twice.
		lines := 2
		for _, r := range string(src) {
			if strings.ContainsRune("\r\n\u0085\u2028\u2029", r) {
				lines++
			}
		}
		for _, d := range l {
			if d.File != "f.yaml" || d.Line < 0 || d.Line > lines {
				t.Errorf("diagnostic outside the file (%d lines): %v", lines, d)
			}
			if strings.Contains(d.Msg, "decode.") || strings.Contains(d.Msg, "reflect.") {
				t.Errorf("diagnostic names a Go type: %v", d)
			}
		}
	})
}
