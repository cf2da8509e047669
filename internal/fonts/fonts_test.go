package fonts

import (
	"strings"
	"testing"
	"testing/fstest"
)

// fonts.yaml goes through the same strict decoder as campaign.yaml: a typo
// is reported at its line and column with a did-you-mean, never with Go's
// type names, and every problem in the table is reported at once.
func TestLoadStrict(t *testing.T) {
	fsys := fstest.MapFS{
		"fonts/a/A.ttf": {Data: []byte("not parsed until used")},
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
	hint: font files are named relative to fonts; add the file or correct the name
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
