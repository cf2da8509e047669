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
	"github.com/handbill/handbill/internal/messages"
)

func newProof(stdout, stderr io.Writer) *cobra.Command {
	var cf campaignFlags
	var opt check.Options
	var layout, out string
	cmd := &cobra.Command{
		Use:   "proof",
		Short: "Write one PDF with every locale's poster side by side, for review",
		Long: `proof writes a proof sheet: every locale's copy of a layout (the A4 poster
unless --layout says otherwise), scaled down side by side on A3 landscape
sheets, each with the locale's name in its own language, its review status
(DRAFT until reviewed) and what check finds, so a coordinator can review a
whole campaign at a glance. Pseudo-locales are left out unless asked for
with --locale.

Exit codes: 0 written (even when check finds problems: the sheet shows
them), 2 bad input or usage.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runProof(&cf, opt, layout, out, stdout)
		},
	}
	cf.add(cmd)
	fl := cmd.Flags()
	fl.StringVarP(&out, "out", "o", "proof.pdf", "the PDF to write")
	fl.StringVar(&layout, "layout", "poster-a4", "the layout to show for each locale")
	fl.StringArrayVar(&opt.Locales, "locale", nil, "show only this locale (repeatable)")
	return cmd
}

func runProof(cf *campaignFlags, opt check.Options, layout, out string, stdout io.Writer) error {
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
	if len(opt.Locales) == 0 {
		for _, l := range in.Campaign.Locales {
			opt.Locales = append(opt.Locales, l.Tag)
		}
		if !contains(opt.Locales, in.Campaign.SourceLocale) {
			opt.Locales = append([]string{in.Campaign.SourceLocale}, opt.Locales...)
		}
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
