package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/cli"
)

// TestReviewerOnOneLine: a reviewer's name is one line of campaign.yaml. A
// line break (which testscript cannot pass) or another control character
// in --by is a usage error, and campaign.yaml is left as it was.
func TestReviewerOnOneLine(t *testing.T) {
	dir := t.TempDir()
	var out, errs bytes.Buffer
	src, err := filepath.Abs(filepath.Join("..", "campaign", "testdata", "base"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(dir, "campaign.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ by, want string }{
		{"Anna\nNowak", `handbill: --by: expected a name on one line, found U+000A at character 5 of "Anna\nNowak"`},
		{"Anna\x00", `found U+0000 at character 5`},
		{"Anna\u0085Nowak", `found U+0085`},
		{strings.Repeat("A", 201), `--by: expected a name of at most 200 characters, found 201`},
	} {
		out.Reset()
		errs.Reset()
		code := cli.Main([]string{"locale", "review", "pl", "--campaign", dir, "--by", c.by, "--on", "2026-12-01"}, &out, &errs)
		if code != cli.ExitBadInput || !strings.Contains(errs.String(), c.want) {
			t.Errorf("--by %q: exit %d, stderr:\n%s\nwant exit 2 and %q", c.by, code, errs.String(), c.want)
		}
		if strings.Contains(errs.String(), "please report") {
			t.Errorf("--by %q: %s", c.by, errs.String())
		}
		after, err := os.ReadFile(filepath.Join(dir, "campaign.yaml"))
		if err != nil || !bytes.Equal(after, before) {
			t.Fatalf("--by %q changed campaign.yaml (%v)", c.by, err)
		}
	}
}
