package cli_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/testtool"
)

// handbill runs the handbill command (this test binary, see TestMain) as a
// child process.
func handbill(args ...string) *exec.Cmd {
	cmd := exec.Command("handbill", args...)
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1764000000")
	return cmd
}

// checkManifest reads dir's manifest and fails unless it lists exactly the
// PDFs in dir, each with the size and SHA-256 of the file on disk.
func checkManifest(t *testing.T, dir string) build.Manifest {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, build.ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m build.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	pdfs, err := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	var listed []string
	for _, o := range m.Files {
		listed = append(listed, o.Path)
		b, err := os.ReadFile(filepath.Join(dir, o.Path))
		if err != nil {
			t.Errorf("manifest lists %s: %v", o.Path, err)
			continue
		}
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); got != o.SHA256 || len(b) != o.Bytes {
			t.Errorf("%s: manifest says %d bytes sha256 %s, the file has %d bytes sha256 %s", o.Path, o.Bytes, o.SHA256, len(b), got)
		}
	}
	for i := range pdfs {
		pdfs[i] = filepath.Base(pdfs[i])
	}
	slices.Sort(listed)
	if !slices.Equal(listed, pdfs) {
		t.Errorf("manifest lists\n%v\nthe folder holds\n%v", listed, pdfs)
	}
	return m
}

// TestRacingBuilds runs three builds into one folder at once, two of them
// the same, with different filters: all succeed (one at a time, through
// the folder's lock) and the manifest matches the files.
func TestRacingBuilds(t *testing.T) {
	testtool.Slow(t)
	out := t.TempDir()
	runs := [][]string{
		{"build", "-o", out, "--locale", "en-GB", "--locale", "ur", "--edition", "screen"},
		{"build", "-o", out, "--locale", "pl", "--locale", "ar"},
		{"build", "-o", out, "--locale", "en-GB", "--locale", "ur", "--edition", "screen"},
	}
	var wg sync.WaitGroup
	errs := make([]error, len(runs))
	outs := make([][]byte, len(runs))
	for i, args := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], errs[i] = handbill(args...).CombinedOutput()
		}()
	}
	wg.Wait()
	for i := range runs {
		if errs[i] != nil {
			t.Fatalf("build %d: %v\n%s", i, errs[i], outs[i])
		}
	}
	m := checkManifest(t, out)
	if len(m.Files) != 30 {
		t.Errorf("manifest lists %d files, want 30 (5 layouts × 2 locales × 1 edition + 5 × 2 × 2)", len(m.Files))
	}
	for _, o := range m.Files {
		if o.Stale {
			t.Errorf("%s: stale after builds that all finished", o.Path)
		}
	}
	waited := bytes.Join(outs, nil)
	if !bytes.Contains(waited, []byte("waiting for it to finish")) {
		t.Logf("no build had to wait for another (they did not overlap)")
	}
}

// TestKilledBuild kills a build part way and checks that the next build,
// of one pair only, removes the temporary files interrupted builds left,
// keeps other temporary files and writes a manifest of every PDF present.
func TestKilledBuild(t *testing.T) {
	out := t.TempDir()
	cmd := handbill("build", "-o", out, "--jobs", "1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		pdfs, _ := filepath.Glob(filepath.Join(out, "*.pdf"))
		if len(pdfs) >= 3 || time.Now().After(deadline) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err == nil {
		t.Fatal("the build finished before it was killed")
	}
	if _, err := os.Stat(filepath.Join(out, build.ManifestName)); err == nil {
		t.Fatal("a killed build wrote a manifest")
	}
	// What a build killed inside atomicfile.Write leaves, and a file of
	// someone else's that only looks like it.
	left := []string{".sexting-poster-a4-en-GB-print.pdf.2718281.tmp", "." + build.ManifestName + ".31415.tmp"}
	for _, n := range append(slices.Clone(left), ".notes.txt.1.tmp") {
		if err := os.WriteFile(filepath.Join(out, n), []byte("partial"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if b, err := handbill("build", "-o", out, "--layout", "poster-a4", "--locale", "pl", "--edition", "screen").CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	for _, n := range left {
		if _, err := os.Stat(filepath.Join(out, n)); err == nil {
			t.Errorf("%s left behind", n)
		}
	}
	if _, err := os.Stat(filepath.Join(out, ".notes.txt.1.tmp")); err != nil {
		t.Errorf("a temporary file that is not the build's was removed: %v", err)
	}
	m := checkManifest(t, out)
	if len(m.Files) < 4 {
		t.Fatalf("manifest lists %d files, want the killed build's and this one's", len(m.Files))
	}
	for _, o := range m.Files {
		if want := o.Path != "sexting-poster-a4-pl-screen.pdf"; o.Stale != want {
			t.Errorf("%s: stale = %v, want %v", o.Path, o.Stale, want)
		}
		if !strings.HasPrefix(o.Path, "sexting-"+o.Layout+"-"+o.Locale+"-") {
			t.Errorf("%s: recorded as layout %q locale %q", o.Path, o.Layout, o.Locale)
		}
	}
}
