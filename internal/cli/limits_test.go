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

// TestMessagesAreData: a message is text and the source's placeholders.
// A translation (or the source) with any other template action — a loop,
// a condition, a function, a definition — is refused by build and check
// alike at file:line:col, naming the action, with the exit code of the
// rule, and is never run: a 64-byte nested {{range}} used to drive a build
// past 6 GB. A placeholder must lead to one value: a helpline's number,
// not the map of its fields nor a helpline the campaign lacks. The
// documented {{index .Helplines "id" "Number"}} is data and builds.
func TestMessagesAreData(t *testing.T) {
	const (
		pl = "locales/pl.toml"
		en = "locales/en-GB.toml"
	)
	runEdits(t, []edit{
		{"range", pl, `"Pomyśl, zanim wyślesz"`, `"{{range 99999}}{{range 99999}}xxxxxxxxxxxxxxxxxx{{end}}{{end}}"`, cli.ExitFailed,
			[]string{`pl.toml:4:10`, `form "other": expected text and placeholders such as {{.Name}}, found a range loop {{range 99999}}`}},
		{"printf", pl, `"Pomyśl, zanim wyślesz"`, `"{{printf \"%0999999d\" 1}}"`, cli.ExitFailed, []string{`found a call of printf {{printf`}},
		{"if", pl, `"Pomyśl, zanim wyślesz"`, `"{{if .Force}}Pomyśl{{end}}"`, cli.ExitFailed, []string{`found an if block {{if .Force}}`}},
		{"with", pl, `"Pomyśl, zanim wyślesz"`, `"{{with .Force}}Pomyśl{{end}}"`, cli.ExitFailed, []string{`found a with block {{with .Force}}`}},
		{"define", pl, `"Pomyśl, zanim wyślesz"`, `"{{define \"x\"}}y{{end}}Pomyśl"`, cli.ExitFailed, []string{`found a definition of template "x"`}},
		{"template", pl, `"Pomyśl, zanim wyślesz"`, `"{{template \"message\"}}"`, cli.ExitFailed, []string{`found a template call`}},
		{"pipeline", pl, `"Kampania {{.Force}}."`, `"Kampania {{.Force | len}}."`, cli.ExitFailed, []string{`found a pipeline {{.Force | len}}`}},
		{"variable", pl, `"Kampania {{.Force}}."`, `"Kampania {{$x := .Force}}."`, cli.ExitFailed, []string{`found a variable`}},
		{"source range", en, `"Think before you send"`, `"{{range 3}}Think{{end}}"`, cli.ExitBadInput, []string{`en-GB.toml:4:10`, `form "other": expected text and placeholders such as {{.Name}}, found a range loop {{range 3}}`}},
		{"helpline map", pl, `"Kampania {{.Force}}."`, `"Kampania {{.Force}} {{.Helplines.childline}}."`, cli.ExitFailed,
			[]string{`form "other": placeholder {{.Helplines.childline}}: expected a helpline's id and field, as in {{.Helplines.childline.Number}}, found a path that would print a Go map`}},
		{"helpline unknown", pl, `"Kampania {{.Force}}."`, `"Kampania {{.Force}} {{.Helplines.childlin.Number}}."`, cli.ExitFailed,
			[]string{`expected the id of one of the campaign's helplines, found "childlin"`}},
		{"data field", pl, `"Kampania {{.Force}}."`, `"Kampania {{.Force}} {{.Force.Name}}."`, cli.ExitFailed, []string{`expected {{.Force}}, one value, found a field "Name" of it`}},
		{"index", pl, `"Kampania {{.Force}}."`, `"Kampania {{.Force}}: {{index .Helplines \"childline\" \"Number\"}}."`, cli.ExitOK, nil},
	})
}

// edit is one change to a file of the bad-input base campaign, the exit
// code build and check must give for it, and what their output must say.
type edit struct {
	name, file, old, new string
	code                 int
	want                 []string
}

// runEdits applies each edit to a fresh copy of the base campaign and
// runs build and check on it: each must exit with the edit's code within
// 10 s and say what it wants.
func runEdits(t *testing.T, edits []edit) {
	base, err := filepath.Abs(filepath.Join("..", "campaign", "testdata", "base"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range edits {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(base)); err != nil {
				t.Fatal(err)
			}
			p := filepath.Join(dir, c.file)
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(src, []byte(c.old)) {
				t.Fatalf("%s has no %s", c.file, c.old)
			}
			if err := os.WriteFile(p, bytes.Replace(src, []byte(c.old), []byte(c.new), 1), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, cmd := range [][]string{
				{"build", "--campaign", dir, "-o", filepath.Join(dir, "out"), "--edition", "screen"},
				{"check", "--campaign", dir},
			} {
				var out, errs bytes.Buffer
				start := time.Now()
				code := cli.Main(cmd, &out, &errs)
				took := time.Since(start)
				all := out.String() + errs.String()
				if code != c.code {
					t.Errorf("%s: exit %d, want %d; output:\n%.3000s", cmd[0], code, c.code, all)
				}
				for _, w := range c.want {
					if !strings.Contains(all, w) {
						t.Errorf("%s: output lacks %q:\n%.3000s", cmd[0], w, all)
					}
				}
				if took > 10*time.Second {
					t.Errorf("%s took %v", cmd[0], took)
				}
				for _, line := range strings.Split(all, "\n") {
					if len(line) > 2000 {
						t.Errorf("%s: a line of %d bytes: %.200s…", cmd[0], len(line), line)
						break
					}
				}
			}
		})
	}
}

// TestNoSilentWrongOutput: inputs that built a wrong poster with exit 0
// are errors at their line: a paragraph's data naming a campaign value
// that does not exist (it printed "always call ."), a message of nothing
// but white space (a poster without its headline, a PDF titled with a
// tab), a bidi override in a campaign.yaml value (the footer printed
// reversed), QR modules no phone resolves (0.05 mm), and a leading of NaN.
func TestNoSilentWrongOutput(t *testing.T) {
	const (
		pl   = "locales/pl.toml"
		en   = "locales/en-GB.toml"
		card = "layouts/card.yaml"
	)
	runEdits(t, []edit{
		{"data reference", card, `data: {Number: emergency}`, `data: {Number: data.Nosuch}`, cli.ExitBadInput,
			[]string{`pages[0].blocks[3].paragraphs[0].data.Number: expected a value campaign.yaml's data: has, found "data.Nosuch"`}},
		{"blank translation", pl, `"Pomyśl, zanim wyślesz"`, `" \t "`, cli.ExitFailed, []string{`pl.toml:3`, `title`, `expected text, found none (the message is empty or only spaces)`}},
		{"blank source", en, `"Think before you send"`, `"   "`, cli.ExitBadInput, []string{`en-GB.toml:3`, `expected text, found none`}},
		{"bidi in campaign.yaml", "campaign.yaml", `Force: Testshire Police`, "Force: \"Testshire \u202ePolice\"", cli.ExitBadInput,
			[]string{`campaign.yaml:8:10`, `data.Force.value: expected text without control characters, found U+202E RIGHT-TO-LEFT OVERRIDE (a bidi embedding, override or isolate control) at character 11`}},
		{"tiny QR modules", card, "size: A5\n", "size: A5\nqr:\n  module: 0.05mm\n", cli.ExitBadInput,
			[]string{`card.yaml:6:11`, `qr.module: expected a QR module of at least 0.33mm, found 0.05mm`}},
		{"900 KB translation", pl, `"Pomyśl, zanim wyślesz"`, `"` + strings.Repeat("słowo ", 128000) + `"`, cli.ExitFailed, []string{`expected at most 5000 characters, found 768000`}},
		{"240-character id", "campaign.yaml", "id: card\n", "id: " + strings.Repeat("a", 240) + "\n", cli.ExitBadInput,
			[]string{`id: expected an id of at most 64 lowercase letters, digits and hyphens, found "aaaa`}},
		{"not UTF-8", "campaign.yaml", `Force: Testshire Police`, "Force: Testshire \xff Police", cli.ExitBadInput,
			[]string{`campaign.yaml:8:20`, `expected UTF-8 text, found the byte 0xFF, which is not UTF-8`}},
		{"10,000 paragraphs", card, "          - {message: footer, role: small}\n", strings.Repeat("          - {message: footer, role: small}\n", 10000), cli.ExitFailed,
			[]string{"and 9993 more"}},
		{"NaN leading", card, `leading: 1.15`, `leading: NaN`, cli.ExitBadInput, []string{`type.heading.leading: expected a line height between 0.8 and 4 times the size, found "NaN"`}},
		{"NaN ink limit", "campaign.yaml", "layouts:\n", "print:\n  ink_limit: NaN%\nlayouts:\n", cli.ExitBadInput, []string{`print.ink_limit: expected a total ink limit from 100% to 400% like "300%", found "NaN%"`}},
	})
}

// TestSiteOutIsAFile: site --out naming a file is bad usage, refused
// before any page is made, with exit 2 as build refuses it; it made every
// page of the bundled campaign first and failed on each (exit 1 after
// 20–29 s and a thousand lines).
func TestSiteOutIsAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "site.txt")
	if err := os.WriteFile(file, []byte("not a folder\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	start := time.Now()
	code := cli.Main([]string{"site", "--out", file}, &out, &errs)
	if want := "--out " + file + ": expected a folder, found a file"; code != cli.ExitBadInput || !strings.Contains(errs.String(), want) || strings.Count(errs.String(), "\n") > 3 {
		t.Errorf("exit %d, stderr:\n%.2000s\nwant exit 2 and %q", code, errs.String(), want)
	}
	// Loading the bundled campaign takes a few seconds on a busy machine;
	// the pages it made before took 20–29 s idle and 78 s loaded.
	if took := time.Since(start); took > 30*time.Second {
		t.Errorf("took %v", took)
	}
}

// TestUnlistedLocaleFile: a message file in locales/ for a locale
// campaign.yaml does not list is never built; check says so (a warning)
// instead of ignoring it in silence.
func TestUnlistedLocaleFile(t *testing.T) {
	base, err := filepath.Abs(filepath.Join("..", "campaign", "testdata", "base"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(base)); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "locales", "de.toml"), []byte("[title]\nother = \"Erst denken\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	code := cli.Main([]string{"check", "--campaign", dir}, &out, &errs)
	if want := "locales/de.toml    file  locale de is not listed in campaign.yaml's locales: this file is never built or checked"; code != cli.ExitOK || !strings.Contains(out.String(), want) {
		t.Errorf("exit %d, stdout:\n%.3000s\nwant exit 0 and %q", code, out.String(), want)
	}
}

// TestSymlinkedLocaleFile: a message file that is a symbolic link out of
// the campaign folder is refused where campaign.yaml lists its locale,
// with the link and its target; it was reported as "found none", with a
// hint naming the very locale.
func TestSymlinkedLocaleFile(t *testing.T) {
	base, err := filepath.Abs(filepath.Join("..", "campaign", "testdata", "base"))
	if err != nil {
		t.Fatal(err)
	}
	dir, outside := t.TempDir(), t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(base)); err != nil {
		t.Fatal(err)
	}
	pl := filepath.Join(dir, "locales", "pl.toml")
	if err := os.Rename(pl, filepath.Join(outside, "pl.toml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "pl.toml"), pl); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	var out, errs bytes.Buffer
	code := cli.Main([]string{"build", "--campaign", dir, "-o", filepath.Join(dir, "out"), "--edition", "screen"}, &out, &errs)
	if want := "campaign.yaml:23:5: locales[1]: expected a message file for locale pl inside the campaign folder, found locales/pl.toml, which leaves it: locales/pl.toml links to " + outside; code != cli.ExitBadInput || !strings.Contains(errs.String(), want) {
		t.Errorf("exit %d, stderr:\n%.3000s\nwant exit 2 and %q", code, errs.String(), want)
	}
}
