package build_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/loader"
	"github.com/handbill/handbill/internal/testtool"
)

// buildAreas builds the areas test campaign in form (csv or yaml) into a
// new folder, every area or only those named.
func buildAreas(t *testing.T, form string, areas ...string) (*loader.Campaign, string, *build.Report) {
	t.Helper()
	c, err := loader.Open(os.DirFS(testtool.AreasDir(t, form)), loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pairs, err := build.AreaPairs(c.Campaign, areas, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	rep, err := build.Run(c.Campaign, c.Catalog, c.Fonts, pairs, build.Options{Out: out, Jobs: 2, Creator: "handbill test", Date: c.Date})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Failures) > 0 {
		t.Fatalf("failures: %+v", rep.Failures)
	}
	return c, out, rep
}

// TestAreasBuild builds both forms of the areas campaign: a file per
// area, layout, locale and edition, named for the area, with the area in
// the manifest and the PDF's metadata; each area's QR codes decode to its
// own numbers, which its pages print.
func TestAreasBuild(t *testing.T) {
	for _, form := range []string{"csv", "yaml"} {
		t.Run(form, func(t *testing.T) {
			c, out, rep := buildAreas(t, form)
			if want := len(c.Areas) * 2 * 2; len(rep.Outputs) != want {
				t.Fatalf("%d outputs, want %d (areas × locales × editions)", len(rep.Outputs), want)
			}
			for _, o := range rep.Outputs {
				if want := "card-" + o.Area + "-card-" + o.Locale + "-" + string(o.Edition) + ".pdf"; o.Area == "" || o.Path != want {
					t.Errorf("output %q of area %q, want %q", o.Path, o.Area, want)
				}
			}
			checkManifestAreas(t, out, c.AreaIDs())
			for _, a := range c.Areas {
				checkAreaQR(t, out, a)
			}
		})
	}
}

// checkManifestAreas checks every area has its files in the manifest.
func checkManifestAreas(t *testing.T, out string, ids []string) {
	t.Helper()
	m := readManifestOf(t, out)
	var got []string
	for _, f := range m.Files {
		if !slices.Contains(got, f.Area) {
			got = append(got, f.Area)
		}
	}
	slices.Sort(got)
	ids = slices.Sorted(slices.Values(ids))
	if !slices.Equal(got, ids) {
		t.Errorf("manifest areas %q, want %q", got, ids)
	}
}

// checkAreaQR decodes the QR codes of an area's English screen edition and
// compares them with the area's helplines; the numbers must be printed
// and the subject must name the area.
func checkAreaQR(t *testing.T, out string, a *campaign.Area) {
	t.Helper()
	pdf := filepath.Join(out, "card-"+a.ID+"-card-en-GB-screen.pdf")
	var want []string
	for _, h := range a.Campaign.Helplines {
		want = append(want, "QR-Code:"+h.Payload())
	}
	slices.Sort(want)
	testtool.Need(t, "pdftotext", "pdfinfo", "pdftoppm", "zbarimg")
	text := string(testtool.Run(t, "pdftotext", pdf, "-"))
	for _, h := range a.Campaign.Helplines {
		if !strings.Contains(text, h.Number) {
			t.Errorf("%s does not print %s's number %q", pdf, h.ID, h.Number)
		}
	}
	info := string(testtool.Run(t, "pdfinfo", pdf))
	if !strings.Contains(info, "Keywords:        card, "+a.ID+", card, en-GB") {
		t.Errorf("%s: metadata does not name area %s:\n%s", pdf, a.ID, info)
	}
	prefix := filepath.Join(t.TempDir(), a.ID)
	testtool.Run(t, "pdftoppm", "-r", "150", "-png", pdf, prefix)
	if got := decodeQR(prefix + "*.png"); !slices.Equal(got, want) {
		t.Errorf("area %s: QR codes decode to %q, want %q", a.ID, got, want)
	}
}

// TestAreaFilter builds one area: only its files.
func TestAreaFilter(t *testing.T) {
	_, _, rep := buildAreas(t, "csv", "sheffield")
	if len(rep.Outputs) != 4 {
		t.Fatalf("%d outputs, want 4", len(rep.Outputs))
	}
	for _, o := range rep.Outputs {
		if o.Area != "sheffield" {
			t.Errorf("built %s of area %q", o.Path, o.Area)
		}
	}
}

// rebuildAreas opens the campaign in dir and builds every pair into out.
func rebuildAreas(t *testing.T, dir, out string, force bool) *build.Report {
	t.Helper()
	c, err := loader.Open(os.DirFS(dir), loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pairs, err := build.Pairs(c.Campaign, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := build.Run(c.Campaign, c.Catalog, c.Fonts, pairs, build.Options{Out: out, Jobs: 2, Creator: "handbill test", Date: c.Date, Force: force})
	if err != nil || len(rep.Failures) > 0 {
		t.Fatalf("build: %v %+v", err, rep)
	}
	return rep
}

// writtenByArea counts the files a build wrote (not kept), by area.
func writtenByArea(rep *build.Report) map[string]int {
	m := map[string]int{}
	for _, o := range rep.Outputs {
		if !o.Reused {
			m[o.Area]++
		}
	}
	return m
}

// readManifestOf reads the manifest in out.
func readManifestOf(t *testing.T, out string) build.Manifest {
	t.Helper()
	var m build.Manifest
	data, err := os.ReadFile(filepath.Join(out, build.ManifestName))
	if err == nil {
		err = json.Unmarshal(data, &m)
	}
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestAreaRebuild changes one area's helpline number in areas.csv: a
// rebuild into the same folder writes only that area's files, keeps the
// others (the manifest says so), and --force writes them all again.
func TestAreaRebuild(t *testing.T) {
	dir := testtool.AreasDir(t, "csv")
	out := t.TempDir()
	rebuildAreas(t, dir, out, false)
	if w := writtenByArea(rebuildAreas(t, dir, out, false)); len(w) != 0 {
		t.Errorf("a rebuild with nothing changed wrote %v", w)
	}
	csv := filepath.Join(dir, "areas.csv")
	data, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(csv, []byte(strings.Replace(string(data), "0114 496 0456", "0114 496 0457", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if w := writtenByArea(rebuildAreas(t, dir, out, false)); len(w) != 1 || w["sheffield"] != 4 {
		t.Errorf("after sheffield's number changed, the rebuild wrote %v, want sheffield's 4 files only", w)
	}
	m := readManifestOf(t, out)
	for _, f := range m.Files {
		if f.Reused != (f.Area != "sheffield") || f.Inputs == "" {
			t.Errorf("manifest: %s reused %t, inputs %q", f.Path, f.Reused, f.Inputs)
		}
	}
	if m.Written != 4 || m.Kept != 8 {
		t.Errorf("manifest: written %d, kept %d; want 4 and 8", m.Written, m.Kept)
	}
	if w := writtenByArea(rebuildAreas(t, dir, out, true)); len(w) != 3 {
		t.Errorf("--force wrote %v, want every area's files", w)
	}
}

// TestRebuildAfterFileChanged changes a built file behind the manifest's
// back, keeping its size: the next build writes it again instead of
// keeping it, and the manifest's checksum is the new file's.
func TestRebuildAfterFileChanged(t *testing.T) {
	c, out, rep := buildAreas(t, "csv", "leeds")
	name := filepath.Join(out, rep.Outputs[0].Path)
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0xff // same size, other bytes
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Second) // an edit after the build, not in its last clock tick
	if err := os.Chtimes(name, later, later); err != nil {
		t.Fatal(err)
	}
	pairs, err := build.AreaPairs(c.Campaign, []string{"leeds"}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep, err = build.Run(c.Campaign, c.Catalog, c.Fonts, pairs, build.Options{Out: out, Jobs: 2, Creator: "handbill test", Date: c.Date})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range rep.Outputs {
		if o.Reused == (filepath.Join(out, o.Path) == name) {
			t.Errorf("%s: reused %t", o.Path, o.Reused)
		}
	}
	now, err := os.ReadFile(name)
	if err != nil || bytes.Equal(now, data) {
		t.Errorf("the changed file was not written again (err %v)", err)
	}
}
