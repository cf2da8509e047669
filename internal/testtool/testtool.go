// Package testtool lets tests use real Debian tools (poppler, qpdf, zbar,
// tesseract, ghostscript, chromium) and the bundled campaign. It holds the
// two rules of handbill's test tiers:
//
//   - Missing decides what a test does when something it needs is not on
//     this machine (a tool, a system font): it skips on a developer's
//     machine and fails when HANDBILL_REQUIRE_TOOLS=1 (set by .ci/run, which
//     installs everything), so CI can never pass by skipping. Need applies
//     it to commands on PATH; Require answers for callers without a T.
//   - Slow skips a test under go test -short: OCR, decoding the QR codes of
//     every PDF, Chromium, pdf.js, load. The short tier still shapes,
//     composes and builds, and reads every layout's PDFs with qpdf and the
//     other readers; tests that sample more under -short say what they
//     drop, and the full suite drops nothing.
package testtool

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Required reports whether a missing tool must fail the tests
// (HANDBILL_REQUIRE_TOOLS=1) rather than skip them.
func Required() bool { return os.Getenv("HANDBILL_REQUIRE_TOOLS") == "1" }

// Missing skips t, or fails it when Required, because what (a tool, a
// file) is not on this machine; why says what was tried.
func Missing(t testing.TB, what string, why error) {
	t.Helper()
	if Required() {
		t.Fatalf("%s is required (HANDBILL_REQUIRE_TOOLS=1) but missing: %v", what, why)
	}
	t.Skipf("%s missing (%v); install it (see .ci/run) to run this test", what, why)
}

// MissingErr is Missing for callers without a testing.TB, such as a
// testscript condition: it returns the error to fail with when Required,
// and nil when the caller should skip.
func MissingErr(what string, why error) error {
	if Required() {
		return fmt.Errorf("%s is required (HANDBILL_REQUIRE_TOOLS=1) but missing: %v", what, why)
	}
	return nil
}

// Need skips or fails t (see Missing) unless every named command is on PATH.
func Need(t testing.TB, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			Missing(t, n, err)
		}
	}
}

// Slow skips t under go test -short: t is one of the slow tests (OCR, QR
// decoding of every PDF, Chromium, load) that the full suite runs.
func Slow(t testing.TB) {
	t.Helper()
	if testing.Short() {
		t.Skip("slow: runs without -short")
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

// NeedFile returns the file named by environment variable env, or else
// the first of paths that exists; it skips or fails t (as Need does) when
// there is none. how says how to get it.
func NeedFile(t testing.TB, env string, paths []string, how string) string {
	t.Helper()
	if p := os.Getenv(env); p != "" {
		paths = append([]string{p}, paths...)
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	msg := "no " + env + " file (tried " + strings.Join(paths, ", ") + "); " + how
	if os.Getenv("HANDBILL_REQUIRE_TOOLS") == "1" {
		t.Fatalf("%s (HANDBILL_REQUIRE_TOOLS=1)", msg)
	}
	t.Skip(msg)
	return ""
}
