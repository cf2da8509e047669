package fonts

import (
	"encoding/binary"
	"strings"
	"testing"
	"testing/fstest"
)

// fonts.yaml goes through the same strict decoder as campaign.yaml: a typo
// is reported at its line and column with a did-you-mean, never with Go's
// type names, and every problem in the table is reported at once.
func TestLoadStrict(t *testing.T) {
	fsys := fstest.MapFS{
		"fonts/a/A.ttf": {Data: ttfHead()}, // its head is checked; it is parsed when used
		"fonts/fonts.yaml": {Data: []byte(`famlies: []
families:
  - id: a
    regular: a/A.ttf
    bold: a/A-Bold.ttf
  - name: no id
scripts:
  Latn: [a, b]
  Qq: [a]
fallback: [aa]
`)},
	}
	_, err := Load(fsys, "fonts")
	if err == nil {
		t.Fatal("Load accepted a bad table")
	}
	want := `fonts/fonts.yaml:1:1: unknown field "famlies"; expected one of fallback, families, languages, scripts
	hint: did you mean "families"?
fonts/fonts.yaml:5:11: families[0].bold: expected a font file fonts/a/A-Bold.ttf, found none
	hint: files are named relative to fonts; add the file or correct the name
fonts/fonts.yaml:6:5: families[1]: expected id and regular (the family's id and its regular font file), found both missing
fonts/fonts.yaml:8:13: scripts.Latn[1]: expected a family of this table, found "b"
	hint: did you mean "a"?
fonts/fonts.yaml:9: scripts.Qq: expected an ISO 15924 script code like "Latn", found "Qq"
fonts/fonts.yaml:10:12: fallback[0]: expected a family of this table, found "aa"
	hint: did you mean "a"?`
	if got := err.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if strings.Contains(err.Error(), "tableFile") {
		t.Errorf("error names a Go type: %v", err)
	}
}

// ttfHead is the head of a TrueType font file: the sfnt version and a
// table directory with the tables checkFont looks for, without the tables.
func ttfHead() []byte {
	tags := []string{"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp"}
	b := binary.BigEndian.AppendUint32(nil, 0x00010000)
	b = binary.BigEndian.AppendUint16(b, uint16(len(tags)))
	b = append(b, make([]byte, 6)...)
	for _, t := range tags {
		b = append(b, t...)
		b = append(b, make([]byte, 12)...)
	}
	return b
}

// TestFontProblems: a file that is no font handbill can use is named once,
// with what it is instead, before any text needs it.
func TestFontProblems(t *testing.T) {
	cff := append([]byte("OTTO\x00\x01\x00\x00\x00\x00\x00\x00"), []byte("CFF \x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00")...)
	noGlyf := ttfHead()
	copy(noGlyf[12+16:], "gvar")
	for _, c := range []struct {
		data []byte
		want string
	}{
		{ttfHead(), ""},
		{nil, "a file of 0 bytes"},
		{[]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"), `a file that is not a font (it starts "\x89PNG")`},
		{cff, "CFF (PostScript) outlines"},
		{[]byte("wOFF\x00\x01\x00\x00\x00\x0b\x00\x00"), "a web font (WOFF)"},
		{[]byte("ttcf\x00\x01\x00\x00\x00\x01\x00\x00"), "a font collection (.ttc)"},
		{noGlyf, `a font without its "glyf" table`},
		{ttfHead()[:20], "a table directory cut short"},
	} {
		got, _ := fontProblem(fstest.MapFS{"f.ttf": {Data: c.data}}, "f.ttf")
		if got != c.want {
			t.Errorf("%q: %q, want %q", c.data[:min(len(c.data), 8)], got, c.want)
		}
	}
}
