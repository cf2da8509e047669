package cli_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/handbill/handbill/internal/cli"
)

// TestSmallHostileInputs: inputs built to exhaust time or memory (a long
// message, a huge message file, a layout of aliases of aliases, a huge
// campaign.yaml) are refused with a clear error, fast, and with the exit
// code of the rule: a locale's problem fails that locale (1), the
// campaign's fails the build (2).
func TestSmallHostileInputs(t *testing.T) {
	base, err := filepath.Abs(filepath.Join("..", "campaign", "testdata", "base"))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := os.ReadFile(filepath.Join(base, "locales", "pl.toml"))
	if err != nil {
		t.Fatal(err)
	}
	aliases := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i, name := range []string{"b", "c", "d", "e", "f", "g", "h"} {
		prev := string("abcdefg"[i])
		aliases += fmt.Sprintf("%s: &%s [%s]\n", name, name, strings.TrimSuffix(strings.Repeat("*"+prev+", ", 10), ", "))
	}
	for _, c := range []struct {
		name, file string
		data       []byte
		code       int
		want       string
	}{
		{"long message the source lacks (never printed)", "locales/pl.toml", append(plain, []byte("\n[long]\nother = \""+strings.Repeat("słowo ", 900)+"\"\n")...), 0, ""},
		{"long translation", "locales/pl.toml", bytes.Replace(plain, []byte(`other = "`), []byte(`other = "`+strings.Repeat("słowo ", 900)), 1), cli.ExitFailed, `expected at most 5000 characters, found`},
		{"huge message file", "locales/pl.toml", append(plain, bytes.Repeat([]byte("# padding padding padding padding\n"), 40000)...), cli.ExitFailed, "expected a message file of at most 1024 KB, found 1328 KB"},
		{"aliases", "layouts/card.yaml", []byte(aliases), cli.ExitBadInput, "expected at most 100000 values with aliases expanded, found more"},
		{"huge campaign", "campaign.yaml", bytes.Repeat([]byte("# padding padding padding padding\n"), 40000), cli.ExitBadInput, "expected a file of at most 1024 KB"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(base)); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, c.file), c.data, 0o644); err != nil {
				t.Fatal(err)
			}
			var out, errs bytes.Buffer
			start := time.Now()
			code := cli.Main([]string{"build", "--campaign", dir, "-o", filepath.Join(dir, "out"), "--edition", "screen"}, &out, &errs)
			took := time.Since(start)
			if code != c.code || !strings.Contains(errs.String(), c.want) {
				t.Errorf("exit %d, want %d; stderr:\n%.2000s\nwant %q", code, c.code, errs.String(), c.want)
			}
			if took > 10*time.Second {
				t.Errorf("took %v", took)
			}
			if errs.Len() > 10000 {
				t.Errorf("%d bytes of errors", errs.Len())
			}
		})
	}
}
