package check

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/handbill/handbill/internal/golden"
	"github.com/handbill/handbill/internal/loader"
)

// fixture returns the campaign of testdata/NAME.txtar: the files of
// testdata/base with the archive's files put over them.
func fixture(t *testing.T, name string) (fs.FS, *txtar.Archive) {
	t.Helper()
	m := fstest.MapFS{}
	err := filepath.WalkDir(filepath.Join("testdata", "base"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(filepath.Join("testdata", "base"), p)
		m[filepath.ToSlash(rel)] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	ar, err := txtar.ParseFile(filepath.Join("testdata", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		m[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return m, ar
}

// report runs check on a fixture as the CLI does.
func report(t *testing.T, fsys fs.FS, opt Options) *Report {
	t.Helper()
	in, rep := open(fsys)
	if in == nil {
		return rep
	}
	rep, err := Run(in, opt)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// open reads a campaign for check as the CLI does (loader.Report): nil and
// the report of its problems when it does not open.
func open(fsys fs.FS) (*loader.Campaign, *Report) {
	in, err := loader.Open(fsys, loader.Options{Policy: loader.Report})
	if err != nil {
		return nil, Failed(err)
	}
	return in, nil
}

// TestFixtures checks each testdata/*.txtar campaign (one kind of problem
// each, said in its comment) and compares the table with NAME.golden;
// NAME.json.golden, where there is one, holds the JSON report.
func TestFixtures(t *testing.T) {
	names, err := filepath.Glob(filepath.Join("testdata", "*.txtar"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, n := range names {
		name := strings.TrimSuffix(filepath.Base(n), ".txtar")
		t.Run(name, func(t *testing.T) {
			fsys, ar := fixture(t, name)
			// One worker: the fonts registry shares go-text Faces between
			// goroutines, and go-text documents Faces as not safe for
			// concurrent use (glyph extents are cached unlocked), so
			// parallel composing can differ in the last glyph position.
			// The golden reports must not. TestBundledCampaignHasNoErrors
			// runs the parallel path.
			opt := Options{Jobs: 1}
			for _, line := range strings.Split(string(ar.Comment), "\n") {
				if v, ok := strings.CutPrefix(line, "locales:"); ok {
					opt.Locales = strings.Fields(v)
				}
			}
			rep := report(t, fsys, opt)
			var b bytes.Buffer
			if err := rep.WriteTable(&b, false); err != nil {
				t.Fatal(err)
			}
			golden.Compare(t, filepath.Join("testdata", name+".golden"), b.Bytes())
			jf := filepath.Join("testdata", name+".json.golden")
			if _, err := os.Stat(jf); err == nil || *golden.Update && strings.Contains(string(ar.Comment), "json golden") {
				data, err := rep.JSON()
				if err != nil {
					t.Fatal(err)
				}
				golden.Compare(t, jf, data)
			}
		})
	}
}
