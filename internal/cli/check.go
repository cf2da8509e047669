package cli

import (
	"fmt"
	"io"
	"io/fs"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/handbill/handbill/internal/check"
	"github.com/handbill/handbill/internal/loader"
)

func newCheck(stdout, stderr io.Writer) *cobra.Command {
	var cf campaignFlags
	var opt check.Options
	var format string
	var strict, verbose bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check every translation: messages, placeholders, plurals, glyphs and fit",
		Long: `check reports, per locale and per message, what would stop a translation
from printing right, with the file:line where the problem is:

  missing       a source message the locale lacks
  unknown-id    an id the source does not have
  stale         translated from an older source text (its hash differs)
  syntax        a placeholder that is not a valid template
  placeholder   a placeholder of the source left out, added or renamed
  plural        a plural form the language needs is missing, or one is unused
  identical     the same text as the source (list names and numbers that stay
                as they are under same_as_source in campaign.yaml)
  glyphs        a character no font of the locale draws
  number        a phone number typed into the text instead of its placeholder
  fit           text that does not fit its box at the smallest allowed size,
                with how much is over ("12% over at 9pt minimum")

It also checks the built-in pseudo-locales en-XA (accented, 35% longer) and
ar-XB (mirrored right to left), which test the layouts.
In a campaign with areas, every layout is composed in every locale for every
area (its names and numbers must fit too); a problem found in one area's
copy names the area.

Exit codes, as build's: 0 no errors (warnings are shown); 1 errors that
fail some outputs — confined to locales, or a layout's in every locale (a
raster too coarse for print, a QR code too small) — or warnings with
--strict; 2 errors in the campaign as a whole (campaign.yaml, a layout or
the font table does not load, the source messages break a template or
character rule) or bad usage.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if format != "table" && format != "json" {
				return badInput(fmt.Errorf("--format: expected table or json, found %q", format))
			}
			return runCheck(&cf, opt, format, strict, verbose, stdout)
		},
	}
	cf.add(cmd)
	fl := cmd.Flags()
	fl.StringArrayVar(&opt.Locales, "locale", nil, "check only this locale, a BCP 47 tag such as pl or en-XA (repeatable)")
	fl.StringArrayVar(&opt.Layouts, "layout", nil, "fit only this layout (repeatable)")
	fl.StringVar(&format, "format", "table", "output format: table or json")
	fl.BoolVar(&strict, "strict", false, "fail on warnings too")
	fl.BoolVarP(&verbose, "verbose", "v", false, "list how every box fits, not only those that do not")
	fl.IntVarP(&opt.Jobs, "jobs", "j", runtime.NumCPU(), "layouts to compose in parallel")
	return cmd
}

// check opens the campaign under loader.Report and checks it: a campaign
// that does not open comes back as the report of its problems, and an error
// is for the folder alone (not one) or a check that could not run.
func (f *campaignFlags) check(opt check.Options) (*check.Report, error) {
	fsys, err := f.folder()
	if err != nil {
		return nil, err
	}
	in, rep := openReport(fsys)
	if in == nil {
		return rep, nil
	}
	rep, err = check.Run(in, opt)
	if err != nil {
		return nil, badInput(err)
	}
	return rep, nil
}

// openReport opens the campaign in fsys under loader.Report, as check,
// proof and locale review read it; a campaign that does not open comes
// back as the report of its problems and a nil campaign.
func openReport(fsys fs.FS) (*loader.Campaign, *check.Report) {
	in, err := loader.Open(fsys, loader.Options{Policy: loader.Report})
	if err != nil {
		return nil, check.Failed(err)
	}
	return in, nil
}

func runCheck(cf *campaignFlags, opt check.Options, format string, strict, verbose bool, stdout io.Writer) error {
	if opt.Jobs < 1 {
		return badInput(fmt.Errorf("--jobs: expected at least 1, found %d", opt.Jobs))
	}
	rep, err := cf.check(opt)
	if err != nil {
		return err
	}
	rep.Prefix(cf.dir)
	if format == "json" {
		data, err := rep.JSON()
		if err != nil {
			return err
		}
		if _, err := stdout.Write(data); err != nil {
			return err
		}
	} else if err := rep.WriteTable(stdout, verbose); err != nil {
		return err
	}
	if rep.CampaignErrors() > 0 {
		return &exitError{ExitBadInput, nil} // what makes build exit 2
	}
	if rep.Errors > 0 || strict && rep.Warnings > 0 {
		return &exitError{ExitFailed, nil}
	}
	return nil
}
