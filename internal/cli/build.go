package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/loader"
)

func newBuild(stdout, stderr io.Writer) *cobra.Command {
	var cf campaignFlags
	var opt build.Options
	var editions string
	var previews bool
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Build every layout in every locale into PDFs",
		Long: `build composes each (layout, locale) pair of the campaign and writes
CAMPAIGN-LAYOUT-LOCALE-EDITION.pdf and manifest.json into the output folder.
A campaign with areas (areas.csv, areas.yaml or areas: in campaign.yaml)
builds every pair for every area, CAMPAIGN-AREA-LAYOUT-LOCALE-EDITION.pdf;
--area picks areas.

A build into a folder that holds an earlier build keeps each file whose
inputs (the program, the campaign as its area prints it, the layout, the
locale's messages, fonts and options) have not changed since: the manifest
records a hash of them per file and marks the files kept (reused).
--force builds everything.

Editions (--edition, default both):
  print   for a print shop: 3 mm bleed (print.bleed), crop and fold marks and
          a slug outside it, TrimBox and BleedBox set, process CMYK and spot
          inks, black text and QR codes on the black plate only
  screen  for downloads and office printers: trim size only, no marks, RGB,
          links on the QR codes

It prints one line per file written (path, pages, size) with its preflight
summary (boxes, inks, QR module size, quiet zones), then a summary; the
manifest holds each file's preflight in full.
Files are written atomically: a failed or interrupted build leaves earlier
PDFs as they were. A pair that fails (for example text that does not fit its
box) is reported and the others still build.

Exit codes: 0 all built; 1 some outputs failed (a problem confined to one
locale fails that locale's outputs, the others still build); 2 bad input or
usage, nothing built.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			eds, err := edition.Parse(editions)
			if err != nil {
				return badInput(err)
			}
			opt.Editions = eds
			if previews {
				opt.Previews = previewWidth
			}
			return runBuild(&cf, opt, stdout, stderr)
		},
	}
	cf.add(cmd)
	fl := cmd.Flags()
	fl.StringVarP(&opt.Out, "out", "o", "out", "output folder")
	fl.StringArrayVar(&opt.Areas, "area", nil, "build only this area of a campaign with areas (repeatable)")
	fl.StringArrayVar(&opt.Layouts, "layout", nil, "build only this layout (repeatable)")
	fl.StringArrayVar(&opt.Locales, "locale", nil, "build only this locale, a BCP 47 tag such as en-GB (repeatable)")
	fl.StringVar(&editions, "edition", "both", "which editions to write: print, screen or both")
	fl.IntVarP(&opt.Jobs, "jobs", "j", runtime.NumCPU(), fmt.Sprintf("documents to build in parallel (at most %d per CPU and one per document)", build.MaxJobsPerCPU))
	fl.BoolVar(&opt.AllowFallback, "allow-fallback", false, "use the source text for messages a locale lacks (listed in the manifest)")
	fl.BoolVar(&previews, "previews", false, fmt.Sprintf("also write a PNG of each page, %d pixels wide, beside each PDF (NAME-1.png, …)", previewWidth))
	fl.BoolVar(&opt.Force, "force", false, "build every file, even those whose inputs have not changed since the build recorded in the folder's manifest")
	fl.BoolVar(&opt.Final, "final", false, "refuse draft locales (not reviewed, or reviewed against an older source) instead of marking them DRAFT")
	return cmd
}

// previewWidth is the width of `build --previews` images, as the download
// site's large previews.
const previewWidth = 900

func runBuild(cf *campaignFlags, opt build.Options, stdout, stderr io.Writer) error {
	start := time.Now()
	if err := checkBuildFlags(opt); err != nil {
		return err
	}
	cf.only = opt.Locales
	ld, err := cf.open(loader.Confine)
	if err != nil {
		return err
	}
	pairs, err := build.AreaPairs(ld.Campaign, opt.Areas, opt.Layouts, opt.Locales)
	if err != nil {
		return badInput(err)
	}
	if opt.Date, err = buildDate(ld.Campaign); err != nil {
		return err
	}
	opt.Creator = "handbill " + Version
	opt.Broken = ld.Broken
	for _, w := range ld.Warnings {
		fmt.Fprintf(stderr, "handbill: %s\n", strings.ReplaceAll(w.Error(), "\n", "\n  "))
	}
	bar := newProgress(stderr)
	opt.Progress = bar.update
	opt.Waiting = func(lock string) {
		fmt.Fprintf(stderr, "handbill: another build is writing to %s (it holds %s); waiting for it to finish\n", opt.Out, lock)
	}
	rep, err := build.Run(ld.Campaign, ld.Catalog, ld.Fonts, pairs, opt)
	bar.clear()
	if fe := (*build.FolderError)(nil); errors.As(err, &fe) {
		return badInput(err)
	}
	if rep != nil {
		printReport(rep, opt.Out, stdout, stderr)
	}
	printSummary(stdout, rep, time.Since(start))
	if err != nil {
		return &exitError{ExitFailed, err}
	}
	if len(rep.Failures) > 0 {
		return &exitError{ExitFailed, nil}
	}
	return nil
}

// printSummary prints build's last line: the files built and kept, and
// how many failed. It is printed whatever happened, so that a build that
// stopped on an error (a disk full when the manifest is written) still
// says what it did; rep may then be nil.
func printSummary(stdout io.Writer, rep *build.Report, took time.Duration) {
	var n, kept, failed int
	if rep != nil {
		n, failed = len(rep.Outputs), len(rep.Failures)
		for _, o := range rep.Outputs {
			if o.Reused {
				kept++
			}
		}
	}
	fmt.Fprintf(stdout, "built %d %s in %s", n, diag.Plural(n, "file", "files"), took.Round(time.Millisecond))
	if kept > 0 {
		fmt.Fprintf(stdout, " (%d kept from the last build: inputs unchanged)", kept)
	}
	if failed > 0 {
		fmt.Fprintf(stdout, "; %d failed", failed)
	}
	fmt.Fprintln(stdout)
}

// checkBuildFlags refuses flags that contradict each other or are out of
// range, as bad input.
func checkBuildFlags(opt build.Options) error {
	if opt.Final && opt.AllowFallback {
		return badInput(fmt.Errorf("--final and --allow-fallback: expected one of them; a final build never prints the source language in place of a translation"))
	}
	if opt.Jobs < 1 {
		return badInput(fmt.Errorf("--jobs: expected at least 1, found %d", opt.Jobs))
	}
	return nil
}

// printReport prints a line for every file written (path, pages, size)
// with its preflight summary, each warning once (the editions of a pair
// share theirs) and every failure with its problems.
func printReport(rep *build.Report, out string, stdout, stderr io.Writer) {
	warned := map[string]bool{} // the editions of a pair share its warnings
	for _, o := range rep.Outputs {
		if o.Reused {
			continue // counted in the summary
		}
		pages := "pages"
		if o.Pages == 1 {
			pages = "page"
		}
		fmt.Fprintf(stdout, "%s\t%d %s\t%s\n", filepath.Join(out, o.Path), o.Pages, pages, size(o.Bytes))
		if o.Preflight != nil {
			fmt.Fprintf(stdout, "\tpreflight: %s\n", o.Preflight.Summary())
		}
		for _, w := range o.Warnings {
			if !warned[w] {
				warned[w] = true
				fmt.Fprintf(stderr, "handbill: %s\n", w)
			}
		}
	}
	printFailures(rep.Failures, stderr)
}

// printFailures prints each failure with its problems. A failure whose
// problems are all those of an earlier one (a locale's missing glyphs, the
// same in every layout) is named in one line after it, so one cause is
// reported once.
func printFailures(fails []build.Failure, stderr io.Writer) {
	var firsts []int           // failures printed in full
	same := map[int][]string{} // by the first: the failures like it
	for i, f := range fails {
		k := slices.IndexFunc(firsts, func(j int) bool {
			return fails[j].Locale == f.Locale && fails[j].Area == f.Area && slices.Equal(fails[j].Diags, f.Diags)
		})
		if k >= 0 {
			same[firsts[k]] = append(same[firsts[k]], failureName(f))
			continue
		}
		firsts = append(firsts, i)
	}
	for _, i := range firsts {
		f := fails[i]
		fmt.Fprintf(stderr, "handbill: %s failed:\n", failureName(f))
		for _, d := range f.Diags {
			fmt.Fprintf(stderr, "  %s\n", strings.ReplaceAll(d.Error(), "\n", "\n  "))
		}
		if s := same[i]; len(s) > 0 {
			fmt.Fprintf(stderr, "handbill: %s failed for the same reason\n", strings.Join(s, ", "))
		}
	}
}

// failureName is "[area] layout locale", and the edition when only one
// failed.
func failureName(f build.Failure) string {
	what := f.Layout + " " + f.Locale
	if f.Area != "" {
		what = f.Area + " " + what
	}
	if f.Edition != "" {
		what += " " + string(f.Edition)
	}
	return what
}

func size(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// progress draws a one-line bar on stderr when it is a terminal.
type progress struct {
	w  io.Writer
	on bool
}

func newProgress(w io.Writer) *progress {
	f, ok := w.(*os.File)
	return &progress{w: w, on: ok && term.IsTerminal(int(f.Fd()))}
}

func (p *progress) update(done, total int) {
	if !p.on {
		return
	}
	const width = 30
	n := done * width / total
	fmt.Fprintf(p.w, "\r[%s%s] %d/%d", strings.Repeat("#", n), strings.Repeat(".", width-n), done, total)
}

func (p *progress) clear() {
	if p.on {
		fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 50))
	}
}
