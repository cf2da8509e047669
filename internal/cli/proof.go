package cli

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/handbill/handbill/internal/atomicfile"
	"github.com/handbill/handbill/internal/check"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/export/pdf"
	"github.com/handbill/handbill/internal/loader"
	"github.com/handbill/handbill/internal/messages"
)

func newProof(stdout, stderr io.Writer) *cobra.Command {
	var cf campaignFlags
	var opt check.Options
	var layout, out, area string
	cmd := &cobra.Command{
		Use:   "proof",
		Short: "Write one PDF with every locale's poster side by side, for review",
		Long: `proof writes a proof sheet: every locale's copy of a layout (the A4 poster
unless --layout says otherwise), scaled down side by side on A3 landscape
sheets, each with the locale's name in its own language, its review status
(DRAFT until reviewed) and what check finds, so a coordinator can review a
whole campaign at a glance. Pseudo-locales are left out unless asked for
with --locale. In a campaign with areas, --area shows one area's copy (its
names and numbers); without it, the campaign's own values.

Exit codes: 0 written (even when check finds problems: the sheet shows
them), 2 bad input or usage.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runProof(&cf, opt, layout, area, out, stdout)
		},
	}
	cf.add(cmd)
	fl := cmd.Flags()
	fl.StringVarP(&out, "out", "o", "proof.pdf", "the PDF to write")
	fl.StringVar(&layout, "layout", "poster-a4", "the layout to show for each locale")
	fl.StringArrayVar(&opt.Locales, "locale", nil, "show only this locale (repeatable)")
	fl.StringVar(&area, "area", "", "show this area of a campaign with areas")
	return cmd
}

func runProof(cf *campaignFlags, opt check.Options, layout, area, out string, stdout io.Writer) error {
	fsys, err := cf.folder()
	if err != nil {
		return err
	}
	in, rep := openReport(fsys)
	if in == nil {
		rep.Prefix(cf.dir)
		if err := rep.WriteTable(stdout, false); err != nil {
			return err
		}
		return badInput(fmt.Errorf("proof: the campaign does not load"))
	}
	if in, err = inArea(in, area); err != nil {
		return badInput(err)
	}
	if len(opt.Locales) == 0 {
		opt.Locales = proofLocales(in)
	}
	opt.Layouts = []string{layout}
	rep, err = check.Run(in, opt)
	if err != nil {
		return badInput(err)
	}
	date, err := buildDate(in.Campaign)
	if err != nil {
		return err
	}
	doc, err := check.Proof(in, rep, check.ProofOptions{Layout: layout, Creator: "handbill " + Version, Date: date})
	if err != nil {
		return err
	}
	data, err := pdf.Export(doc, pdf.Options{Color: pdf.RGB})
	if err != nil {
		return err
	}
	if err := atomicfile.Write(out, data); err != nil {
		return err
	}
	drafts := 0
	for _, lr := range rep.Locales {
		if lr.Draft != "" && !messages.IsPseudo(lr.Tag) {
			drafts++
		}
	}
	fmt.Fprintf(stdout, "%s\t%d %s, %d %s of %s\t%s\n", filepath.Clean(out), len(doc.Pages), diag.Plural(len(doc.Pages), "sheet", "sheets"),
		len(rep.Locales), diag.Plural(len(rep.Locales), "locale", "locales"), layout, size(len(data)))
	fmt.Fprintf(stdout, "%d %s, %d %s, %d %s\n", drafts, diag.Plural(drafts, "draft", "drafts"), rep.Errors, diag.Plural(rep.Errors, "error", "errors"), rep.Warnings, diag.Plural(rep.Warnings, "warning", "warnings"))
	return nil
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// inArea is the campaign as area prints it (in itself when area is ""), or
// an error naming an area the campaign does not have.
func inArea(in *loader.Campaign, area string) (*loader.Campaign, error) {
	if area == "" {
		return in, nil
	}
	a := in.AreaByID(area)
	if a == nil {
		if len(in.Areas) == 0 {
			return nil, fmt.Errorf("--area %s: the campaign has no areas", area)
		}
		return nil, diag.Unknown("area", area, in.AreaIDs())
	}
	out := *in
	out.Campaign = a.Campaign
	return &out, nil
}

// proofLocales are the locales a proof sheet shows by default: the
// source's and every locale the campaign builds.
func proofLocales(in *loader.Campaign) []string {
	var tags []string
	for _, l := range in.Campaign.Locales {
		tags = append(tags, l.Tag)
	}
	if !contains(tags, in.Campaign.SourceLocale) {
		tags = append([]string{in.Campaign.SourceLocale}, tags...)
	}
	return tags
}
