package cli

import (
	"strings"
	"testing"
	"time"

	"github.com/handbill/handbill/internal/build"
)

// TestSummaryAlways: build's last line is printed whatever happened: for a
// build that stopped on an error with no report (a disk full as the
// manifest is written), with kept files, and with failures.
func TestSummaryAlways(t *testing.T) {
	for _, tc := range []struct {
		rep  *build.Report
		want string
	}{
		{nil, "built 0 files in 1.5s\n"},
		{&build.Report{Outputs: []build.Output{{Path: "a.pdf"}}}, "built 1 file in 1.5s\n"},
		{&build.Report{Outputs: []build.Output{{Path: "a.pdf", Reused: true}, {Path: "b.pdf"}}, Failures: []build.Failure{{Layout: "card"}}},
			"built 2 files in 1.5s (1 kept from the last build: inputs unchanged); 1 failed\n"},
	} {
		var b strings.Builder
		printSummary(&b, tc.rep, 1500*time.Millisecond)
		if b.String() != tc.want {
			t.Errorf("got %q, want %q", b.String(), tc.want)
		}
	}
}
