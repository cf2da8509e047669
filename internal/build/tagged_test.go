package build_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/golden"
	"github.com/handbill/handbill/internal/testtool"
	"github.com/handbill/handbill/internal/typeset"
)

// TestStructTextGolden reads the structure tree of every bundled layout's
// screen edition in English, Urdu and Bengali back with a real reader,
// poppler's `pdfinfo -struct-text`: headings, paragraphs, the helpline
// list and the QR figures with their text, in reading order. The output of
// the three locales is kept per layout in testdata/struct/LAYOUT.golden;
// run with -update to accept a change after reading the diff. Under
// -short it reads English only (poppler takes seconds over each Urdu
// file) and compares that section of each golden.
func TestStructTextGolden(t *testing.T) {
	testtool.Need(t, "pdfinfo")
	locales := []string{"en-GB", "ur", "bn"}
	if testing.Short() {
		if *golden.Update {
			t.Fatal("-update rewrites every locale's section: run it without -short")
		}
		locales = locales[:1]
	}
	c, cat, reg := loadBundled(t)
	cmp := build.Composer(c, cat, reg, build.Options{Creator: "handbill test", Date: c.Date})
	s := typeset.NewSetter(reg)
	dir := t.TempDir()
	for _, lay := range c.Layouts {
		t.Run(lay.Name, func(t *testing.T) {
			var got strings.Builder
			for _, loc := range locales {
				pairs, err := build.Pairs(c, []string{lay.Name}, []string{loc})
				if err != nil {
					t.Fatal(err)
				}
				data, res, err := build.Render(cmp, s, pairs[0], edition.Screen)
				if err != nil {
					t.Fatal(err)
				}
				path := filepath.Join(dir, build.FileName(c.ID, pairs[0], edition.Screen))
				if err := os.WriteFile(path, data, 0o644); err != nil {
					t.Fatal(err)
				}
				out, err := exec.Command("pdfinfo", "-struct-text", path).CombinedOutput()
				if err != nil {
					t.Fatalf("pdfinfo -struct-text %s: %v\n%s", path, err, out)
				}
				fmt.Fprintf(&got, "== %s %s\n%s", lay.Name, loc, out)
				checkReads(t, loc, res.Draft != "", len(c.Helplines), wantLinks(c), string(out))
			}
			name := filepath.Join("testdata", "struct", lay.Name+".golden")
			if *golden.Update || !testing.Short() {
				golden.Compare(t, name, []byte(got.String()))
				return
			}
			want, err := os.ReadFile(name)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/build -run TestStructTextGolden -update to create it)", err)
			}
			compareSections(t, name, got.String(), string(want), locales)
		})
	}
}

// compareSections compares, under -short, the sections ("== LAYOUT
// LOCALE") of the locales read with the golden's, with a diff of each.
func compareSections(t *testing.T, name, got, want string, locales []string) {
	t.Helper()
	g, w := structSections(got), structSections(want)
	for _, loc := range locales {
		if w[loc] == nil {
			t.Fatalf("%s has no %s section (run without -short and with -update to accept)", name, loc)
		}
		gs, ws := strings.Join(g[loc], "\n")+"\n", strings.Join(w[loc], "\n")+"\n"
		if d := golden.Diff(name+" "+loc+" section", ws, gs); d != "" {
			t.Errorf("%s differs from the output (review, then run without -short and with -update to accept):\n%s", name, d)
		}
	}
}

// structSections splits a struct golden at its "== LAYOUT LOCALE" lines
// into each locale's lines.
func structSections(s string) map[string][]string {
	res := map[string][]string{}
	var cur string
	for _, l := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		if f := strings.Fields(l); strings.HasPrefix(l, "== ") && len(f) == 3 {
			cur = f[2]
			continue
		}
		res[cur] = append(res[cur], l)
	}
	return res
}

// checkReads checks poppler's reading of a screen edition for what must
// hold whatever the golden says: the document starts with the title (after
// the draft notice, a paragraph, in a locale that is a draft), and every
// QR code is a Figure inside a Link, and the issuer's web address a Link.
func checkReads(t *testing.T, loc string, draft bool, helplines, links int, out string) {
	t.Helper()
	var top []string // the Document's kids
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "  ") && !strings.HasPrefix(l, "   ") {
			top = append(top, strings.Fields(l)[0])
		}
	}
	want := []string{"H1"}
	if draft {
		want = []string{"P", "H1"}
	}
	if len(top) < len(want) || strings.Join(top[:len(want)], " ") != strings.Join(want, " ") {
		t.Errorf("%s: the document starts %v, want %v:\n%s", loc, top[:min(len(top), 3)], want, out)
	}
	// One Figure and one Link per helpline, and the issuer lock-up's and
	// each helpline's web address, a Link of its own (wantLinks).
	if n, m := strings.Count(out, "Figure\n"), strings.Count(out, "Link (inline)\n"); n != helplines || m != links {
		t.Errorf("%s: %d Figures and %d Links, want a Figure per helpline (%d) and %d Links (a helpline's code, the issuer's and helplines' web addresses):\n%s", loc, n, m, helplines, links, out)
	}
}
