package testtool

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// AreasDir returns a new folder holding the areas test campaign in form
// "csv" or "yaml": internal/campaign/testdata/base with the files of
// internal/campaign/testdata/areas/FORM laid over it (see the README
// there). Tests may change the copy.
func AreasDir(t testing.TB, form string) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("testtool: cannot find its own source folder")
	}
	td := filepath.Join(filepath.Dir(file), "..", "campaign", "testdata")
	dir := t.TempDir()
	for _, from := range []string{filepath.Join(td, "base"), filepath.Join(td, "areas", form)} {
		if err := overlay(os.DirFS(from), dir); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// overlay copies the files of fsys into dir, replacing any there.
func overlay(fsys fs.FS, dir string) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, p), 0o755)
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, p), data, 0o644)
	})
}
