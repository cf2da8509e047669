package cli_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/cli"
	"github.com/handbill/handbill/internal/testtool"
)

// runCLI runs handbill in-process with args and returns its exit code and
// output.
func runCLI(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := cli.Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

// TestAreaFlags runs build --area, a rebuild that keeps what did not
// change, proof --area, and an unknown area, on the areas test campaign.
func TestAreaFlags(t *testing.T) {
	dir := testtool.AreasDir(t, "yaml")
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runCLI("build", "--campaign", dir, "-o", out, "--area", "leeds", "--edition", "screen")
	if code != cli.ExitOK {
		t.Fatalf("build --area leeds: exit %d\n%s%s", code, stdout, stderr)
	}
	files := regexp.MustCompile(`(?m)^\S+\.pdf`).FindAllString(stdout, -1)
	if len(files) != 2 || !strings.HasSuffix(files[0], "card-leeds-card-en-GB-screen.pdf") || !strings.HasSuffix(files[1], "card-leeds-card-pl-screen.pdf") {
		t.Errorf("build --area leeds wrote %q", files)
	}
	code, stdout, _ = runCLI("build", "--campaign", dir, "-o", out, "--edition", "screen")
	if code != cli.ExitOK || !strings.Contains(stdout, "built 4 files in ") || !strings.Contains(stdout, "(2 kept from the last build: inputs unchanged)") {
		t.Errorf("rebuild of every area: exit %d\n%s", code, stdout)
	}
	proof := filepath.Join(t.TempDir(), "proof.pdf")
	if code, stdout, stderr := runCLI("proof", "--campaign", dir, "--layout", "card", "--area", "north-kerry", "-o", proof); code != cli.ExitOK {
		t.Errorf("proof --area north-kerry: exit %d\n%s%s", code, stdout, stderr)
	}
	if _, err := os.Stat(proof); err != nil {
		t.Error(err)
	}
	code, _, stderr = runCLI("build", "--campaign", dir, "-o", out, "--area", "leds")
	if code != cli.ExitBadInput || !strings.Contains(stderr, `unknown area "leds"; the campaign has leeds, north-kerry`) || !strings.Contains(stderr, `did you mean "leeds"?`) {
		t.Errorf("build --area leds: exit %d, stderr:\n%s", code, stderr)
	}
}

// TestSiteOfEveryArea: site without --area writes the site of every
// area, a line on stderr for each, each area's PDFs printing its own
// number; written again unchanged, every area is kept. serve --area
// refuses an unknown area.
func TestSiteOfEveryArea(t *testing.T) {
	testtool.Need(t, "pdftotext")
	dir := t.TempDir()
	if err := testtool.National(dir, 2); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(t.TempDir(), "site")
	args := []string{"site", "--campaign", dir, "--locale", "en-GB", "--layout", "poster-a4", "-o", site}
	code, stdout, stderr := runCLI(args...)
	if code != cli.ExitOK || !regexp.MustCompile(`(?m)^area 1/2 north-ashby: \d+ files in `).MatchString(stderr) || !strings.Contains(stderr, "area 2/2 south-ashby: ") {
		t.Fatalf("site of every area: exit %d\n%s%s", code, stdout, stderr)
	}
	for i, id := range []string{"north-ashby", "south-ashby"} {
		_, _, _, _, number := testtool.NationalArea(i)
		pdf := filepath.Join(site, id, "poster-a4", "en-GB", "screen", "sexting-"+id+"-poster-a4-en-GB-screen.pdf")
		if text := string(testtool.Run(t, "pdftotext", pdf, "-")); !strings.Contains(text, number) {
			t.Errorf("%s's poster does not print its number %s:\n%s", id, number, text)
		}
	}
	if _, err := os.Stat(filepath.Join(site, "en-GB", "index.html")); err != nil {
		t.Errorf("no list of areas: %v", err)
	}
	code, stdout, stderr = runCLI(args...)
	if code != cli.ExitOK || !regexp.MustCompile(`(?m)^area 2/2 south-ashby: \d+ files kept \(unchanged\)`).MatchString(stderr) || !strings.Contains(stdout, "kept ") {
		t.Errorf("site again: exit %d\n%s%s", code, stdout, stderr)
	}
	code, _, stderr = runCLI("serve", "--campaign", testtool.AreasDir(t, "yaml"), "--area", "nowhere")
	if code != cli.ExitBadInput || !strings.Contains(stderr, `unknown area "nowhere"`) {
		t.Errorf("serve --area nowhere: exit %d, stderr:\n%s", code, stderr)
	}
}

// TestSiteOfOneArea exports the site of one area of the national test
// campaign: its posters print that area's number.
func TestSiteOfOneArea(t *testing.T) {
	testtool.Need(t, "pdftotext")
	dir := t.TempDir()
	if err := testtool.National(dir, 2); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(t.TempDir(), "site")
	code, stdout, stderr := runCLI("site", "--campaign", dir, "--area", "south-ashby", "--locale", "en-GB", "--layout", "poster-a4", "-o", site)
	if code != cli.ExitOK {
		t.Fatalf("site --area south-ashby: exit %d\n%s%s", code, stdout, stderr)
	}
	_, _, _, _, number := testtool.NationalArea(1)
	text := string(testtool.Run(t, "pdftotext", filepath.Join(site, "poster-a4", "en-GB", "screen", "sexting-south-ashby-poster-a4-en-GB-screen.pdf"), "-"))
	if !strings.Contains(text, number) {
		t.Errorf("south-ashby's poster does not print its number %s:\n%s", number, text)
	}
}
