package starter

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// init writes the bundled campaign's layouts, byte for byte, and nothing
// else of the bundled campaign: one set of layouts, of which the bundled
// campaign is an instance with its own copy, brand and mark.
func TestWriteTakesTheBundledLayouts(t *testing.T) {
	bundled := os.DirFS(filepath.Join("..", ".."))
	dir := filepath.Join(t.TempDir(), "winter")
	files, err := Write(dir, Options{ID: "winter", Locale: "en-IE", Region: "IE", Date: time.Unix(0, 0)}, bundled)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, pattern := range []string{"layouts/*.yaml", "layouts/base/*.yaml"} {
		m, err := fs.Glob(bundled, pattern)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, m...)
	}
	var got []string
	for _, f := range files {
		if strings.HasPrefix(f, "layouts/") {
			got = append(got, f)
		}
	}
	if len(got) != len(want) || len(want) < 6 {
		t.Fatalf("wrote layouts %q, want the bundled %q", got, want)
	}
	for _, name := range want {
		a, err := fs.ReadFile(bundled, name)
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		if string(a) != string(b) {
			t.Errorf("%s differs from the bundled layout", name)
		}
	}
	for _, f := range []string{"campaign.yaml", "locales/en-IE.toml"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), "Childline") || strings.Contains(string(b), "sexting") {
			t.Errorf("%s carries the bundled campaign's copy", f)
		}
	}
}
