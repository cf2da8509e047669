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

// TestSiteNeedsArea: serve and site show one area of a campaign with
// areas, and refuse to start without one or with an unknown one.
func TestSiteNeedsArea(t *testing.T) {
	dir := testtool.AreasDir(t, "yaml")
	site := filepath.Join(t.TempDir(), "site")
	code, _, stderr := runCLI("site", "--campaign", dir, "-o", site)
	if code != cli.ExitBadInput || !strings.Contains(stderr, "--area: expected the area whose site this is, found none: the campaign has 2 areas") {
		t.Errorf("site without --area: exit %d, stderr:\n%s", code, stderr)
	}
	code, _, stderr = runCLI("serve", "--campaign", dir, "--area", "nowhere")
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
	text := string(testtool.Run(t, "pdftotext", filepath.Join(site, "poster-a4", "en-GB", "screen", "sexting-poster-a4-en-GB-screen.pdf"), "-"))
	if !strings.Contains(text, number) {
		t.Errorf("south-ashby's poster does not print its number %s:\n%s", number, text)
	}
}
