package atomicfile_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/handbill/handbill/internal/atomicfile"
)

func TestWriteReplaces(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.pdf")
	for _, want := range []string{"first", "second"} {
		if err := atomicfile.Write(p, []byte(want)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(p)
		if err != nil || string(got) != want {
			t.Fatalf("read %q, %v; want %q", got, err, want)
		}
	}
	st, err := os.Stat(p)
	if err != nil || st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, %v; want 0644", st.Mode(), err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("the folder holds %d files, want only a.pdf", len(ents))
	}
}

// TestWriteFailureKeepsOld: a write that cannot finish (the target is a
// folder, so the rename fails) leaves what was there and no temporary file.
func TestWriteFailureKeepsOld(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "out")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(target, "keep"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := atomicfile.Write(target, []byte("new")); err == nil {
		t.Fatal("writing over a non-empty folder succeeded")
	}
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if atomicfile.IsTemp(e.Name(), "out") {
			t.Errorf("left the temporary file %s", e.Name())
		}
	}
	if _, err := os.Stat(filepath.Join(target, "keep")); err != nil {
		t.Errorf("the old content is gone: %v", err)
	}
}

func TestIsTemp(t *testing.T) {
	for name, want := range map[string]bool{
		".manifest.json.123.tmp": true,
		"manifest.json":          false,
		".manifest.json.123":     false,
		".other.123.tmp":         false,
	} {
		if got := atomicfile.IsTemp(name, "manifest.json."); got != want {
			t.Errorf("IsTemp(%q) = %v, want %v", name, got, want)
		}
	}
}
