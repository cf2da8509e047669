package campaign_test

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/cli"
	"github.com/handbill/handbill/internal/golden"
)

// TestBadInput runs every case in testdata/bad through the command line, as
// a user would meet it: the campaign is testdata/base with the case folder's
// files laid over it, and `handbill build --campaign .` must refuse it as bad
// input (exit 2), write nothing, and print exactly testdata/bad/NAME.golden
// on stderr. Run with -update to rewrite the golden files.
func TestBadInput(t *testing.T) {
	base, err := filepath.Abs(filepath.Join("testdata", "base"))
	if err != nil {
		t.Fatal(err)
	}
	cases, err := filepath.Glob(filepath.Join("testdata", "bad", "*"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, c := range cases {
		if st, err := os.Stat(c); err == nil && st.IsDir() {
			names = append(names, filepath.Base(c))
		}
	}
	if len(names) < 15 {
		t.Fatalf("testdata/bad holds %d cases; expected at least 15", len(names))
	}

	// The base must build, so that each case fails for its own change only.
	t.Run("base", func(t *testing.T) {
		code, stdout, stderr := run(t, base, "")
		if code != cli.ExitOK {
			t.Fatalf("base campaign: exit %d, want 0\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
		}
	})
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			caseDir, err := filepath.Abs(filepath.Join("testdata", "bad", name))
			if err != nil {
				t.Fatal(err)
			}
			code, stdout, stderr := run(t, base, caseDir)
			if code != cli.ExitBadInput {
				t.Errorf("exit %d, want %d (bad input)", code, cli.ExitBadInput)
			}
			if stdout != "" {
				t.Errorf("stdout: %q, want nothing", stdout)
			}
			if _, err := os.Stat("out"); !os.IsNotExist(err) {
				t.Errorf("bad input created the output folder (stat: %v)", err)
			}
			golden.Compare(t, caseDir+".golden", []byte(stderr))
		})
	}
}

// run copies base, then the files of overlay (when not empty), into a new
// folder, makes it the working folder and runs `handbill build --campaign .`
// there, so that the file names in messages are relative to the campaign.
func run(t *testing.T, base, overlay string) (code int, stdout, stderr string) {
	t.Helper()
	dir := t.TempDir()
	copyTree(t, base, dir)
	if overlay != "" {
		copyTree(t, overlay, dir)
	}
	t.Chdir(dir)
	var out, errb bytes.Buffer
	code = cli.Main([]string{"build", "--campaign", ".", "--out", "out", "--jobs", "1"}, &out, &errb)
	return code, out.String(), errb.String()
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		if strings.HasSuffix(p, ".golden") {
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 { // a case about links keeps them
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			if err := os.Remove(filepath.Join(to, rel)); err != nil && !os.IsNotExist(err) {
				return err
			}
			return os.Symlink(target, filepath.Join(to, rel))
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
