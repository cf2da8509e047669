package cli

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/handbill/handbill"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/starter"
)

func newInit(stdout io.Writer) *cobra.Command {
	var o starter.Options
	var example bool
	cmd := &cobra.Command{
		Use:   "init DIR",
		Short: "Start a new campaign in a new folder",
		Long: `init writes a complete campaign into DIR, a folder that does not exist yet
(or is empty), that checks and builds at once:

  campaign.yaml        commented: id, title, language, region, emergency
                       numbers, names, helplines, locales, layouts
  layouts/             A4 and A3 posters, A5, DL and A5 bi-fold leaflets
  locales/TAG.toml     the source messages, each with a description of what
                       it is for and how long it may be
  README.md            the loop: edit, check, build, review

The fonts are handbill's own, not copied. The campaign's id is DIR's
name. --locale sets the language the copy is written in, --region the
country its phone numbers are read in (the emergency numbers are that
region's). --example writes the bundled campaign instead, as a worked
example.

Exit codes: 0 written, 2 bad input or usage (nothing is written).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runInit(args[0], o, example, stdout)
		},
	}
	cmd.Flags().StringVar(&o.Locale, "locale", "en-GB", "the language tag of the campaign's own copy (the source locale)")
	cmd.Flags().StringVar(&o.Region, "region", campaign.DefaultRegion, "the country the campaign is printed for (ISO 3166), for phone numbers")
	cmd.Flags().BoolVar(&example, "example", false, "write the bundled campaign as a worked example")
	return cmd
}

func runInit(dir string, o starter.Options, example bool, stdout io.Writer) error {
	var files []string
	var err error
	if example {
		files, err = starter.Example(dir, handbill.Bundled)
	} else {
		o.ID = filepath.Base(filepath.Clean(dir))
		o.Date = time.Now().UTC().Truncate(24 * time.Hour)
		files, err = starter.Write(dir, o, handbill.Bundled)
	}
	if err != nil {
		return badInput(err)
	}
	fmt.Fprintf(stdout, "wrote %d files to %s:\n", len(files), filepath.Clean(dir))
	if len(files) > 12 {
		files = append(files[:12:12], fmt.Sprintf("… and %d more", len(files)-12))
	}
	fmt.Fprintf(stdout, "  %s\n", strings.Join(files, "\n  "))
	fmt.Fprintf(stdout, "next: handbill check --campaign %s, then handbill build --campaign %s --out out (see %s)\n",
		dir, dir, filepath.Join(dir, "README.md"))
	return nil
}
