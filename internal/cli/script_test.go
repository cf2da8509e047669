package cli_test

import (
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/handbill/handbill/internal/cli"
	"github.com/handbill/handbill/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite the cmp files inside testdata/script/*.txtar")

// TestMain makes the test binary also serve as the commands the scripts
// run: handbill, and exits, which runs handbill and checks its exit code.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"handbill": func() { os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr)) },
		"exits":    exits,
	})
}

// exits is `exits CODE handbill ARGS...`: it runs handbill with ARGS and
// succeeds when handbill's exit code is CODE. testscript's `!` only says
// "not zero"; the exit codes are part of handbill's interface.
func exits() {
	args := os.Args[1:]
	if len(args) < 2 || args[1] != "handbill" {
		fmt.Fprintln(os.Stderr, "usage: exits CODE handbill ARGS...")
		os.Exit(2)
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		fmt.Fprintf(os.Stderr, "exits: bad code %q\n", args[0])
		os.Exit(2)
	}
	if got := cli.Main(args[2:], os.Stdout, os.Stderr); got != want {
		fmt.Fprintf(os.Stderr, "exits: handbill exited with %d, want %d\n", got, want)
		os.Exit(1)
	}
	os.Exit(0)
}

// TestScripts runs testdata/script/*.txtar: commands, flags, exit codes,
// output and files. -update rewrites the files that cmp compares against.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: false,
		RequireUniqueNames:  true,
		UpdateScripts:       *update,
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"notmp":   notmp,
			"replace": replace,
			"qrscan":  qrscan,
		},
		Condition: toolCondition,
	})
}

// toolCondition answers [tool:NAME]: whether the command NAME is on PATH.
// A missing tool follows testtool's rule: the step is skipped, or it is an
// error when HANDBILL_REQUIRE_TOOLS=1, so CI cannot pass by skipping.
func toolCondition(cond string) (bool, error) {
	name, ok := strings.CutPrefix(cond, "tool:")
	if !ok {
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	if _, err := exec.LookPath(name); err != nil {
		return false, testtool.MissingErr(name, err)
	}
	return true, nil
}

// notmp DIR fails when DIR holds a leftover temporary file (*.tmp) of an
// atomic write.
func notmp(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: notmp DIR")
	}
	var left []string
	err := filepath.WalkDir(ts.MkAbs(args[0]), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasSuffix(d.Name(), ".tmp") {
			left = append(left, p)
		}
		return nil
	})
	ts.Check(err)
	if len(left) > 0 {
		ts.Fatalf("temporary files left: %s", strings.Join(left, ", "))
	}
}

// replace FILE OLD NEW replaces the one occurrence of OLD in FILE with NEW,
// as a user's edit would; OLD and NEW are text, or @NAME for the contents
// of the file NAME (for text of more than one line). It fails when OLD is
// not in FILE exactly once.
func replace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	text := func(a string) string {
		if name, ok := strings.CutPrefix(a, "@"); ok {
			return ts.ReadFile(name)
		}
		return a
	}
	file, old, repl := ts.MkAbs(args[0]), text(args[1]), text(args[2])
	b, err := os.ReadFile(file)
	ts.Check(err)
	if n := strings.Count(string(b), old); n != 1 {
		ts.Fatalf("replace: %s holds %q %d times, want once", args[0], old, n)
	}
	ts.Check(os.WriteFile(file, []byte(strings.Replace(string(b), old, repl, 1)), 0o644))
}

// qrscan DPIS GLOB PAYLOAD... renders every page of each PDF that GLOB
// names at each resolution of DPIS (comma-separated) as pdfcheck does
// (pdftoppm -png) and fails unless zbarimg decodes every PAYLOAD from
// each file at each resolution. zbar's hold on a small code depends on
// the resolution and on the rest of the page, so one resolution proves
// little.
func qrscan(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 {
		ts.Fatalf("usage: qrscan DPI,DPI… GLOB PAYLOAD…")
	}
	pdfs, err := filepath.Glob(ts.MkAbs(args[1]))
	ts.Check(err)
	if len(pdfs) == 0 {
		ts.Fatalf("qrscan: no file matches %s", args[1])
	}
	tmp := ts.MkAbs("qrscan.tmp")
	ts.Check(os.MkdirAll(tmp, 0o755))
	defer os.RemoveAll(tmp)
	var failed []string
	for _, pdf := range pdfs {
		for _, dpi := range strings.Split(args[0], ",") {
			prefix := filepath.Join(tmp, "p"+dpi)
			if out, err := exec.Command("pdftoppm", "-r", dpi, "-png", pdf, prefix).CombinedOutput(); err != nil {
				ts.Fatalf("pdftoppm %s: %v: %s", pdf, err, out)
			}
			pngs, err := filepath.Glob(prefix + "*.png")
			ts.Check(err)
			got := map[string]bool{}
			for _, png := range pngs {
				out, _ := exec.Command("zbarimg", "-q", "--raw", png).Output() // exit 4: no code on the page
				for _, l := range strings.Split(string(out), "\n") {
					got[l] = true
				}
				ts.Check(os.Remove(png))
			}
			for _, want := range args[2:] {
				if !got[want] {
					failed = append(failed, fmt.Sprintf("%s at %s dpi: %s", filepath.Base(pdf), dpi, want))
				}
			}
		}
	}
	if len(failed) > 0 {
		ts.Fatalf("qrscan: zbarimg did not decode\n%s", strings.Join(failed, "\n"))
	}
}
