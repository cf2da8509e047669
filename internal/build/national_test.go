package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/loader"
	"github.com/handbill/handbill/internal/testtool"
)

// The national campaign (testtool.National): the bundled campaign printed
// by made-up areas. The benchmarks build it at national scale, 45 areas
// (6,750 PDFs); the test builds a small one.

// openNational writes the national campaign of n areas into a new folder
// and opens it as a build does.
func openNational(tb testing.TB, n int) (string, *loader.Campaign) {
	tb.Helper()
	dir := tb.TempDir()
	if err := testtool.National(dir, n); err != nil {
		tb.Fatal(err)
	}
	return dir, reopen(tb, dir)
}

func reopen(tb testing.TB, dir string) *loader.Campaign {
	tb.Helper()
	c, err := loader.Open(os.DirFS(dir), loader.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// buildAllOf builds every pair of c into out.
func buildAllOf(tb testing.TB, c *loader.Campaign, out string, force bool) *build.Report {
	tb.Helper()
	pairs, err := build.Pairs(c.Campaign, nil, nil)
	if err != nil {
		tb.Fatal(err)
	}
	rep, err := build.Run(c.Campaign, c.Catalog, c.Fonts, pairs, build.Options{Out: out, Jobs: 2, Creator: "handbill bench", Date: c.Date, Force: force})
	if err != nil {
		tb.Fatal(err)
	}
	if len(rep.Failures) > 0 {
		tb.Fatalf("%d failures, first: %+v", len(rep.Failures), rep.Failures[0])
	}
	return rep
}

// TestNationalCampaign builds the national campaign with 3 areas: every
// layout in every locale for every area (450 PDFs; under -short the A4
// poster only, 90).
func TestNationalCampaign(t *testing.T) {
	_, c := openNational(t, 3)
	var layouts []string
	if testing.Short() {
		layouts = []string{"poster-a4"}
	}
	pairs, err := build.Pairs(c.Campaign, layouts, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := build.Run(c.Campaign, c.Catalog, c.Fonts, pairs, build.Options{Out: t.TempDir(), Jobs: 2, Creator: "handbill test", Date: c.Date})
	if err != nil {
		t.Fatal(err)
	}
	if want := len(pairs) * 2; len(rep.Outputs) != want || len(rep.Failures) > 0 {
		t.Fatalf("%d outputs and %d failures, want %d outputs", len(rep.Outputs), len(rep.Failures), want)
	}
}

// BenchmarkNational builds the national campaign, 45 areas × 15 locales
// × 5 layouts × 2 editions = 6,750 PDFs, from scratch each time (Force),
// in a warm process (an untimed first build parses the fonts).
func BenchmarkNational(b *testing.B) {
	_, c := openNational(b, 45)
	out := b.TempDir()
	buildAllOf(b, c, out, true)
	b.ReportAllocs()
	cpu := testtool.CPUTime(b)
	for b.Loop() {
		buildAllOf(b, c, out, true)
	}
	cpu()
}

// BenchmarkNationalRebuild changes one area's support hub number in
// areas.csv, then opens the campaign and rebuilds it into the folder of
// an earlier full build, as `handbill build` run again does: only that
// area's 150 files are written, the 6,600 others kept.
func BenchmarkNationalRebuild(b *testing.B) {
	dir, c := openNational(b, 45)
	out := b.TempDir()
	buildAllOf(b, c, out, false)
	csv := filepath.Join(dir, "areas.csv")
	_, _, _, _, number := testtool.NationalArea(1)
	b.ReportAllocs()
	cpu := testtool.CPUTime(b)
	i := 0
	for b.Loop() {
		data, err := os.ReadFile(csv)
		if err != nil {
			b.Fatal(err)
		}
		next := number[:len(number)-3] + []string{"998", "999"}[i%2]
		i++
		data = []byte(strings.Replace(string(data), number, next, 1))
		if err := os.WriteFile(csv, data, 0o644); err != nil {
			b.Fatal(err)
		}
		number = next
		rep := buildAllOf(b, reopen(b, dir), out, false)
		written := 0
		for _, o := range rep.Outputs {
			if !o.Reused {
				written++
			}
		}
		if written != 150 {
			b.Fatalf("rebuild wrote %d files, want 150", written)
		}
	}
	cpu()
}
