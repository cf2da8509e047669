// Package testtool lets tests use real Debian tools (poppler, qpdf, zbar,
// tesseract, ghostscript, chromium): a test calls Need, which skips when a
// tool is missing on a developer's machine, and fails when
// HANDBILL_REQUIRE_TOOLS=1 (set by .ci/run, which installs them), so CI can
// never pass by skipping.
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// Need skips or fails t unless every named command is on PATH.
func Need(t testing.TB, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			if os.Getenv("HANDBILL_REQUIRE_TOOLS") == "1" {
				t.Fatalf("%s is required (HANDBILL_REQUIRE_TOOLS=1) but not on PATH: %v", n, err)
			}
			t.Skipf("%s not on PATH; install it (see .ci/run) to run this test", n)
		}
	}
}

// Run runs a command and fails t with its output if it fails.
func Run(t testing.TB, name string, args ...string) []byte {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return out
}
