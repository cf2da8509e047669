package loader_test

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbill/handbill"
	"github.com/handbill/handbill/internal/loader"
	"github.com/handbill/handbill/internal/testtool"
)

// bundled copies the bundled campaign's own files (not its fonts, which
// Open then takes from the bundled set) into a MapFS a test may change.
func bundled(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, root := range []string{"campaign.yaml", "layouts", "locales", "assets/logos", "assets/icons"} {
		err := fs.WalkDir(handbill.Bundled, root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(handbill.Bundled, p)
			m[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

// replace changes old to new in the file p of m, failing if old is absent.
func replace(t *testing.T, m fstest.MapFS, p, old, new string) {
	t.Helper()
	s := string(m[p].Data)
	if !strings.Contains(s, old) {
		t.Fatalf("%s has no %q", p, old)
	}
	m[p] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
}

func TestOpenBundled(t *testing.T) {
	for _, pol := range []loader.Policy{loader.Confine, loader.Report} {
		ld, err := loader.Open(handbill.Bundled, loader.Options{Policy: pol})
		if err != nil {
			t.Fatal(err)
		}
		if len(ld.Broken) != 0 || ld.Fonts == nil || ld.Catalog == nil || len(ld.Layouts) == 0 {
			t.Errorf("policy %d: broken %v, fonts %v, catalog %v, %d layouts", pol, ld.Broken, ld.Fonts, ld.Catalog, len(ld.Layouts))
		}
		for _, l := range ld.Locales {
			if ld.Catalog.File(l.Tag) == nil {
				t.Errorf("policy %d: no message file read for %s", pol, l.Tag)
			}
		}
	}
}

// TestPolicies: a translation using a placeholder its source does not give
// is set aside under Confine (a build of the others goes on) and left to
// check under Report; a message file that does not parse is set aside
// under both; a broken source fails both.
func TestPolicies(t *testing.T) {
	placeholder := bundled(t)
	replace(t, placeholder, "locales/pl.toml", `other = "Pomyśl, zanim wyślesz"`, `other = "Pomyśl, {{.Nosuch}}"`)
	syntax := bundled(t)
	replace(t, syntax, "locales/pl.toml", `[headline]`, `[headline`)
	source := bundled(t)
	replace(t, source, "locales/en-GB.toml", `[headline]`, `[headline`)

	cases := []struct {
		name   string
		fsys   fs.FS
		policy loader.Policy
		broken string // the locale set aside, or "" for none
		fails  bool
	}{
		{"placeholder/confine", placeholder, loader.Confine, "pl", false},
		{"placeholder/report", placeholder, loader.Report, "", false},
		{"syntax/confine", syntax, loader.Confine, "pl", false},
		{"syntax/report", syntax, loader.Report, "pl", false},
		{"source/confine", source, loader.Confine, "", true},
		{"source/report", source, loader.Report, "", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ld, err := loader.Open(tc.fsys, loader.Options{Policy: tc.policy})
			if tc.fails {
				if err == nil || !strings.Contains(err.Error(), "locales/en-GB.toml") {
					t.Fatalf("expected an error naming locales/en-GB.toml, got %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var broken []string
			for tag, l := range ld.Broken {
				broken = append(broken, tag)
				if !strings.Contains(l.Err().Error(), "locales/pl.toml") {
					t.Errorf("%s's problems do not name its file: %v", tag, l.Err())
				}
			}
			if want := tc.broken; (want == "" && len(broken) != 0) || (want != "" && (len(broken) != 1 || broken[0] != want)) {
				t.Errorf("broken locales %v, want %q", broken, want)
			}
		})
	}
}

// TestOnly: only the source's and the named locales' files are read.
func TestOnly(t *testing.T) {
	ld, err := loader.Open(handbill.Bundled, loader.Options{Only: []string{"ur"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range ld.Locales {
		if got, want := ld.Catalog.File(l.Tag) != nil, l.Tag == "ur" || l.Tag == ld.SourceLocale; got != want {
			t.Errorf("%s: read %v, want %v", l.Tag, got, want)
		}
	}
}

// TestFontFS: a campaign with its own font table uses it; one without
// uses the fallback, the bundled fonts by default.
func TestFontFS(t *testing.T) {
	own := fstest.MapFS{"assets/fonts/fonts.yaml": {Data: []byte("families: {}\n")}, "own": {}}
	fallback := fstest.MapFS{"fallback": {}}
	has := func(fsys fs.FS, name string) bool {
		_, err := fs.Stat(fsys, name)
		return err == nil
	}
	if !has(loader.FontFS(own, fallback), "own") {
		t.Error("a campaign with assets/fonts/fonts.yaml does not use its own fonts")
	}
	if !has(loader.FontFS(fstest.MapFS{}, fallback), "fallback") {
		t.Error("the fallback named in Options is not used")
	}
	if loader.FontFS(fstest.MapFS{}, nil) != fs.FS(handbill.Bundled) {
		t.Error("a campaign without a font table does not use the bundled fonts")
	}
}

func TestFolder(t *testing.T) {
	if _, err := loader.Folder(t.TempDir() + "/nosuch"); !errors.Is(err, loader.ErrNotFolder) {
		t.Errorf("a missing folder: got %v, want ErrNotFolder", err)
	}
	if fsys, err := loader.Folder(""); err != nil || fsys != fs.FS(handbill.Bundled) {
		t.Errorf("the empty folder is not the bundled campaign: %v", err)
	}
	dir := t.TempDir()
	fsys, err := loader.Folder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fs.Stat(fsys, "../"); err == nil {
		t.Error("the folder's file system reads outside it")
	}
}

// TestOwnFontTableLanguages: a campaign's own font table may give
// languages: only for the campaign's locales; the bundled table, which
// serves every campaign, is not held to one campaign's. The error is at
// the key's line, with the locale meant.
func TestOwnFontTableLanguages(t *testing.T) {
	m := bundled(t)
	table := "families:\n  - {id: sans, regular: sans/Sans.ttf}\nlanguages:\n  pl: [sans]\n  ja-JP: [sans]\nfallback: [sans]\n"
	m["assets/fonts/fonts.yaml"] = &fstest.MapFile{Data: []byte(table)}
	font, err := fs.ReadFile(handbill.Bundled, "assets/fonts/noto-sans/NotoSans-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	m["assets/fonts/sans/Sans.ttf"] = &fstest.MapFile{Data: font}
	_, err = loader.Open(m, loader.Options{})
	want := `assets/fonts/fonts.yaml:5:3: languages.ja-JP: expected the tag of one of the campaign's locales`
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Fatalf("got %v, want %s…", err, want)
	}
	replace(t, m, "assets/fonts/fonts.yaml", "  ja-JP: [sans]\n", "")
	if _, err := loader.Open(m, loader.Options{}); err != nil {
		t.Errorf("a table whose languages are the campaign's: %v", err)
	}
}

// TestBrandTypeErrors: a brand face that cannot be used is an error at the
// line and column of campaign.yaml that names it, with what was expected
// and found; a family id that is not the table's gets a did-you-mean.
func TestBrandTypeErrors(t *testing.T) {
	dir := testtool.BrandArt(t, `  type:
    heading: assets/brand/Missing.ttf
    body: {regular: noto-sans, bold: assets/brand/NotoSerif-Bold-letters.ttf}
`)
	_, err := loader.Open(os.DirFS(dir), loader.Options{Policy: loader.Report})
	want := `campaign.yaml:19:14: brand.type.heading.regular: expected a font file assets/brand/Missing.ttf, found none
	hint: files are named relative to the campaign folder; add the file or correct the name
campaign.yaml:20:38: brand.type.body: expected bold:, licence: and index: only beside font files, found them beside "noto-sans", a family of the font table`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
	dir = testtool.BrandArt(t, `  type:
    heading: {regular: assets/brand/OFL.txt}
    body: noto-serif
`)
	_, err = loader.Open(os.DirFS(dir), loader.Options{Policy: loader.Report})
	want = `campaign.yaml:19:24: brand.type.heading.regular: expected an OpenType font file (TrueType or CFF outlines), found a file that is not a font (it starts "Copy") in assets/brand/OFL.txt
	hint: name the family's .ttf or .otf file
campaign.yaml:20:11: brand.type.body.regular: expected a font file noto-serif, found none
	hint: did you mean "noto-sans"?`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
	dir = testtool.BrandArt(t, "  type:\n    heading: {regular: assets/brand/NotoSerif-Bold-letters.ttf, index: 1}\n")
	_, err = loader.Open(os.DirFS(dir), loader.Options{Policy: loader.Report})
	want = `campaign.yaml:19:24: brand.type.heading.regular: expected an OpenType font file (TrueType or CFF outlines), found a single font, not a collection with a face 1 in assets/brand/NotoSerif-Bold-letters.ttf
	hint: remove index from the family, or name the collection (.ttc, .otc) the face is in`
	if err == nil || err.Error() != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}
