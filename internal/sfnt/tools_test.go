package sfnt

import (
	"os"
	"os/exec"
	"testing"
)

// need and missing follow internal/testtool's rule for a tool or file this
// machine lacks (skip, or fail under HANDBILL_REQUIRE_TOOLS=1). sfnt's
// tests cannot import testtool: it imports fonts, which imports sfnt to
// take a face out of a collection.
func need(t testing.TB, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			missing(t, n, err)
		}
	}
}

func missing(t testing.TB, what string, why error) {
	t.Helper()
	if os.Getenv("HANDBILL_REQUIRE_TOOLS") == "1" {
		t.Fatalf("%s is required (HANDBILL_REQUIRE_TOOLS=1) but missing: %v", what, why)
	}
	t.Skipf("%s missing (%v); install it (see .ci/run) to run this test", what, why)
}
