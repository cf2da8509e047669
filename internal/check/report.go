package check

import (
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/handbill/handbill/internal/diag"
)

// Status says a locale's review status in words: "source",
// "reviewed by Ana Nowak on 2026-12-01", "draft: not reviewed".
func (lr *Locale) Status() string {
	switch {
	case lr.Source:
		return "source"
	case lr.Pseudo:
		return "pseudo-locale, always draft"
	case lr.Draft != "":
		return "draft: " + lr.Draft
	case lr.Review != nil:
		return fmt.Sprintf("reviewed by %s on %s", lr.Review.By, lr.Review.On)
	}
	return ""
}

// WriteTable writes the report as a table a person reads: per locale its
// problems (severity, file:line:col, message or layout box, kind, what is
// wrong, and a hint), then a summary. verbose adds every box's fit.
func (r *Report) WriteTable(w io.Writer, verbose bool) error {
	var b strings.Builder
	if r.Campaign != "" {
		fmt.Fprintf(&b, "campaign %s: source %s (%s, %d messages)\nsource hash: %s\n", r.Campaign, r.Source, r.SourceFile, r.Messages, r.SourceHash)
		if len(r.Layouts) > 0 {
			fmt.Fprintf(&b, "layouts: %s\n", strings.Join(r.Layouts, ", "))
		}
	}
	if len(r.Problems) > 0 {
		b.WriteString("\ncampaign\n")
		writeRows(&b, r.Problems, nil)
	}
	for _, lr := range r.Locales {
		head := []string{lr.Tag, lr.Name}
		if lr.File != "" {
			head = append(head, lr.File)
		}
		if s := lr.Status(); s != "" {
			head = append(head, s)
		}
		fmt.Fprintf(&b, "\n%s\n", strings.Join(head, "  "))
		if lr.Draft != "" && !lr.Pseudo {
			where := ""
			if r.dir != "" {
				where = " --campaign " + r.dir
			}
			fmt.Fprintf(&b, "  a draft until a review is recorded: handbill locale review %s --by NAME%s\n", lr.Tag, where)
		}
		for _, n := range lr.Notes {
			fmt.Fprintf(&b, "  note: %s\n", n)
		}
		var fits []Fit
		if verbose {
			fits = lr.Fits
		}
		writeRows(&b, lr.Problems, fits)
		var sum []string
		if lr.Errors+lr.Warnings == 0 {
			sum = append(sum, "ok")
		} else {
			sum = append(sum, counts(lr.Errors, lr.Warnings))
		}
		if t, ok := lr.Tightest(); ok {
			sum = append(sum, fmt.Sprintf("tightest fit: %s %s, %s", t.Layout, t.Block, t.Describe()))
		}
		fmt.Fprintf(&b, "  %s\n", strings.Join(sum, "; "))
	}
	nl := len(r.Locales)
	fmt.Fprintf(&b, "\n%d %s, %d %s: %s\n", nl, diag.Plural(nl, "locale", "locales"), len(r.Layouts), diag.Plural(len(r.Layouts), "layout", "layouts"), counts(r.Errors, r.Warnings))
	_, err := io.WriteString(w, b.String())
	return err
}

func counts(errs, warns int) string {
	return fmt.Sprintf("%d %s, %d %s", errs, diag.Plural(errs, "error", "errors"), warns, diag.Plural(warns, "warning", "warnings"))
}

// writeRows writes problems (and fits) as aligned columns, each hint on
// its own line under the text.
func writeRows(b *strings.Builder, ps []Problem, fits []Fit) {
	type row struct{ sev, where, what, kind, text, hint string }
	var rows []row
	for _, p := range ps {
		what := p.ID
		if p.Layout != "" {
			what = strings.TrimSpace(p.Layout + " " + p.Block)
		}
		rows = append(rows, row{string(p.Severity), p.Where(), what, p.Kind, p.Text, p.Hint})
	}
	for _, f := range fits {
		where := f.File
		if f.Line > 0 {
			where = fmt.Sprintf("%s:%d", f.File, f.Line)
		}
		rows = append(rows, row{"fit", where, f.Layout + " " + f.Block, KindFit, f.Describe(), ""})
	}
	var w [4]int
	for _, r := range rows {
		for i, s := range []string{r.sev, r.where, r.what, r.kind} {
			w[i] = max(w[i], utf8.RuneCountInString(s))
		}
	}
	pad := func(s string, n int) string { return s + strings.Repeat(" ", n-utf8.RuneCountInString(s)) }
	indent := 2 + w[0] + 2 + w[1] + 2 + w[2] + 2 + w[3] + 2
	for _, r := range rows {
		fmt.Fprintf(b, "  %s  %s  %s  %s  %s\n", pad(r.sev, w[0]), pad(r.where, w[1]), pad(r.what, w[2]), pad(r.kind, w[3]), r.text)
		if r.hint != "" {
			fmt.Fprintf(b, "%shint: %s\n", strings.Repeat(" ", indent), r.hint)
		}
	}
}

// Prefix puts dir before every file name in the report, so that names are
// relative to the working folder rather than the campaign ("" keeps them).
func (r *Report) Prefix(dir string) {
	if dir == "" {
		return
	}
	r.dir = dir
	fix := func(s *string) {
		if *s != "" {
			*s = path.Join(dir, *s)
		}
	}
	fixAll := func(ps []Problem) {
		for i := range ps {
			fix(&ps[i].File)
		}
	}
	fix(&r.SourceFile)
	fixAll(r.Problems)
	for _, lr := range r.Locales {
		fix(&lr.File)
		fixAll(lr.Problems)
		for i := range lr.Fits {
			fix(&lr.Fits[i].File)
		}
	}
}
