package fonts

import (
	"encoding/binary"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/go-text/typesetting/language"
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
fonts/fonts.yaml:9:3: scripts.Qq: expected an ISO 15924 code of a script of characters, like "Latn" or "Khmr", found "Qq"
fonts/fonts.yaml:10:12: fallback[0]: expected a family of this table, found "aa"
	hint: did you mean "a"?`
	if got := err.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if strings.Contains(err.Error(), "tableFile") {
		t.Errorf("error names a Go type: %v", err)
	}
}

// TestTableKeys: a scripts: key that is a script's name or the code of a
// writing system no character has, and a languages: key that is no BCP 47
// tag, are errors at their line with what to write instead; keys that are
// well formed but used by none of a campaign's locales are CheckLocales's
// errors, with the locale meant.
func TestTableKeys(t *testing.T) {
	fsys := fstest.MapFS{
		"fonts/a/A.ttf": {Data: ttfHead()},
		"fonts/fonts.yaml": {Data: []byte(`families:
  - {id: a, regular: a/A.ttf}
scripts:
  Khmer: [a]
  Jpan: [a]
  Mymr:
    - a
  Xyzw: [a]
  Japanese: [a]
  khmr: [a]
languages:
  jp: [a]
  ja_JP: [a]
  ja-JP: [a]
  ko: [a]
  zh: [a]
`)},
	}
	_, err := Load(fsys, "fonts")
	if err == nil {
		t.Fatal("Load accepted a bad table")
	}
	want := `fonts/fonts.yaml:4:3: scripts.Khmer: expected an ISO 15924 code of a script of characters, like "Latn" or "Khmr", found "Khmer"
	hint: did you mean "Khmr"? (Khmer is the script's name; keys are ISO 15924 codes)
fonts/fonts.yaml:5:3: scripts.Jpan: expected an ISO 15924 code of a script of characters, like "Latn" or "Khmr", found "Jpan", the code of Japanese, which Unicode gives to no character (so no text would use this chain)
	hint: Japanese is written in Hani, Hira and Kana: list a Japanese font under languages: ja
fonts/fonts.yaml:8:3: scripts.Xyzw: expected an ISO 15924 code of a script of characters, like "Latn" or "Khmr", found "Xyzw"
fonts/fonts.yaml:9:3: scripts.Japanese: expected an ISO 15924 code of a script of characters, like "Latn" or "Khmr", found "Japanese"
	hint: Japanese is written in Hani, Hira and Kana: list a Japanese font under languages: ja
fonts/fonts.yaml:12:3: languages.jp: expected a BCP 47 language tag like "ja" or "zh-Hant", found "jp"
	hint: did you mean "ja"? (jp is the code of a country, Japan; its language is ja)
fonts/fonts.yaml:13:3: languages.ja_JP: expected a BCP 47 language tag like "ja" or "zh-Hant", found "ja_JP"
	hint: did you mean "ja-JP"?`
	if got := err.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}

	// The same table without its bad keys loads; then ja-JP is a key no
	// locale ja uses, and ko one no locale of this campaign has.
	good := strings.NewReplacer("  Khmer: [a]\n", "", "  Jpan: [a]\n", "", "  Xyzw: [a]\n", "", "  Japanese: [a]\n", "",
		"  jp: [a]\n", "", "  ja_JP: [a]\n", "").Replace(string(fsys["fonts/fonts.yaml"].Data))
	fsys["fonts/fonts.yaml"] = &fstest.MapFile{Data: []byte(good)}
	r, err := Load(fsys, "fonts")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.scripts) != 2 || r.scripts[language.Khmer] == nil || r.scripts[language.Myanmar] == nil {
		t.Errorf("scripts %v, want Mymr and Khmr (ISO 15924 codes are case-insensitive)", r.scripts)
	}
	err = r.CheckLocales([]string{"en", "ja", "kn", "zh-Hant-TW"})
	want = `fonts/fonts.yaml:8:3: languages.ja-JP: expected the tag of one of the campaign's locales (en, ja, kn, zh-Hant-TW), found "ja-JP", which no locale uses
	hint: did you mean "ja"?
fonts/fonts.yaml:9:3: languages.ko: expected the tag of one of the campaign's locales (en, ja, kn, zh-Hant-TW), found "ko", which no locale uses
	hint: did you mean "kn"?`
	if err == nil || err.Error() != want {
		t.Errorf("CheckLocales: got\n%v\nwant\n%s", err, want)
	}
}

// ttfHead is the head of a TrueType font file: the sfnt version and a
// table directory with the tables checkFont looks for, without the tables.
func ttfHead() []byte {
	return fontHead("\x00\x01\x00\x00", "cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp")
}

// fontHead is the head of a font file: the sfnt version and a table
// directory listing tags, without the tables.
func fontHead(version string, tags ...string) []byte {
	b := []byte(version)
	b = binary.BigEndian.AppendUint16(b, uint16(len(tags)))
	b = append(b, make([]byte, 6)...)
	for _, t := range tags {
		b = append(b, t...)
		b = append(b, make([]byte, 12)...)
	}
	return b
}

// collection is a 'ttcf' collection whose faces are the given heads.
func collection(faces ...[]byte) []byte {
	b := []byte("ttcf\x00\x01\x00\x00")
	b = binary.BigEndian.AppendUint32(b, uint32(len(faces)))
	off := 12 + 4*len(faces)
	for _, f := range faces {
		b = binary.BigEndian.AppendUint32(b, uint32(off))
		off += len(f)
	}
	for _, f := range faces {
		b = append(b, f...)
	}
	return b
}

// TestFontProblems: a file that is no font handbill can use is named once,
// with what it is instead, before any text needs it; TrueType and CFF
// outlines, single or in a collection with the face named, are fonts.
func TestFontProblems(t *testing.T) {
	cff := fontHead("OTTO", "CFF ", "cmap", "head", "hhea", "hmtx", "maxp")
	noGlyf := ttfHead()
	copy(noGlyf[12+16:], "gvar")
	for _, c := range []struct {
		data  []byte
		index int
		set   bool
		want  string
	}{
		{ttfHead(), 0, false, ""},
		{cff, 0, false, ""},
		{cff, 0, true, ""},
		{collection(ttfHead(), cff), 1, true, ""},
		{collection(ttfHead(), cff), 0, true, ""},
		{nil, 0, false, "a file of 0 bytes"},
		{[]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"), 0, false, `a file that is not a font (it starts "\x89PNG")`},
		{fontHead("OTTO", "CFF2", "cmap", "head", "hhea", "hmtx", "maxp"), 0, false, "variable CFF2 outlines"},
		{fontHead("OTTO", "cmap", "head", "hhea", "hmtx", "maxp"), 0, false, `a font without its "CFF " table`},
		{cff, 2, true, "a single font, not a collection with a face 2"},
		{[]byte("wOFF\x00\x01\x00\x00\x00\x0b\x00\x00"), 0, false, "a web font (WOFF)"},
		{collection(ttfHead(), cff), 0, false, "a font collection of 2 faces"},
		{collection(ttfHead(), cff), 2, true, "a font collection of 2 faces, so no face 2"},
		{collection(ttfHead(), cff)[:16], 1, true, "a collection header cut short"},
		{noGlyf, 0, false, `a font without its "glyf" table`},
		{ttfHead()[:20], 0, false, "a table directory cut short"},
	} {
		got, _ := fontProblem(fstest.MapFS{"f.ttf": {Data: c.data}}, "f.ttf", c.index, c.set)
		if got != c.want {
			t.Errorf("%q face %d: %q, want %q", c.data[:min(len(c.data), 8)], c.index, got, c.want)
		}
	}
}

// TestIndexField: index: names a face of a collection, as a number; a
// collection without it is an error with the face count, and one with it
// loads.
func TestIndexField(t *testing.T) {
	ttc := collection(ttfHead(), ttfHead())
	for _, c := range []struct{ family, want string }{
		{"{id: a, regular: a.ttc, index: one}", `fonts/fonts.yaml:1:43: families[0].index: expected the number of a face in a font collection (0 for the first), found "one"`},
		{"{id: a, regular: a.ttc}", `fonts/fonts.yaml:1:29: families[0].regular: expected an OpenType font file (TrueType or CFF outlines), found a font collection of 2 faces in fonts/a.ttc`},
		{"{id: a, regular: a.ttc, index: 1}", ""},
	} {
		fsys := fstest.MapFS{"fonts/a.ttc": {Data: ttc}, "fonts/fonts.yaml": {Data: []byte("families: [" + c.family + "]\n")}}
		got := firstLoadError(fsys)
		if got != c.want {
			t.Errorf("%s: got %q, want %q", c.family, got, c.want)
		}
	}
}

// TestKanaChain: a scripts: chain for kana headed by another family than
// the kanji chain is an error at its line (Japanese would mix designs and
// weights); the same family for both, or none for kana, loads.
func TestKanaChain(t *testing.T) {
	for _, c := range []struct{ chains, want string }{
		{"  Hani: [a]\n  Hira: [b, a]\n", `fonts/fonts.yaml:6:3: scripts.Hira: expected the kana chain to start with the family that draws kanji, found B (b) for Hiragana (Hira) but A (a) for Hani: Japanese text would mix two designs`},
		{"  Hani: [a]\n  Hira: [a]\n  Kana: [a, b]\n", ""},
		{"  Hani: [a]\n", ""},
	} {
		fsys := fstest.MapFS{"fonts/a.ttf": {Data: ttfHead()}, "fonts/fonts.yaml": {Data: []byte(
			"families:\n  - {id: a, name: A, regular: a.ttf}\n  - {id: b, name: B, regular: a.ttf}\nscripts:\n" + c.chains)}}
		got := firstLoadError(fsys)
		if got != c.want {
			t.Errorf("%q: got %q, want %q", c.chains, got, c.want)
		}
	}
}

// firstLoadError is the first line of the error Load returns for the
// table in fsys's fonts folder, or "".
func firstLoadError(fsys fstest.MapFS) string {
	_, err := Load(fsys, "fonts")
	if err == nil {
		return ""
	}
	first, _, _ := strings.Cut(err.Error(), "\n")
	return first
}
