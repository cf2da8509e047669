package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/handbill/handbill/internal/atomicfile"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/check"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/edit"
	"github.com/handbill/handbill/internal/messages"
)

func newLocale(stdout, stderr io.Writer) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "locale",
		Short: "Add a locale for translators, sync translations, or record a review",
		Long: `locale manages a campaign's translations:

  handbill locale add TAG --campaign DIR
      creates DIR/locales/TAG.toml (in the format of the source messages)
      for a translator, and lists TAG in campaign.yaml as not reviewed
  handbill locale review TAG --by NAME --campaign DIR
      records that NAME reviewed TAG against the current source messages,
      so its builds are final (no DRAFT mark)
  handbill locale sync [TAG]... --campaign DIR
      brings the translations' message files up to date with the source
      (new messages added untranslated, removed ones dropped, renamed ids
      keeping their translations)`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return badInput(fmt.Errorf("expected a subcommand: add, review or sync\n\thint: see 'handbill locale --help'"))
		},
	}
	cmd.AddCommand(newLocaleAdd(stdout), newLocaleReview(stdout), newLocaleSync(stdout))
	return cmd
}

// writableCampaign returns the campaign folder a command edits.
func (f *campaignFlags) writableCampaign() (string, fs.FS, error) {
	if f.dir == "" {
		return "", nil, badInput(errors.New("expected --campaign DIR: this command writes into a campaign folder\n\thint: the bundled campaign is built into handbill and cannot be changed"))
	}
	fsys, err := f.folder()
	return f.dir, fsys, err
}

func newLocaleAdd(stdout io.Writer) *cobra.Command {
	var cf campaignFlags
	var force bool
	cmd := &cobra.Command{
		Use:   "add TAG",
		Short: "Create the message file of a new locale and list it in campaign.yaml",
		Long: `add creates locales/TAG.EXT for a translator, in the format of the source
messages (TOML, JSON or YAML, as go-i18n reads them): every source message
with its description as the translator's note, the source text to
translate (in every plural form the language needs) and the hash of the
source message, as goi18n merge writes it, so the file also goes through
go-i18n's own tool and Weblate's go-i18n formats. It then lists TAG in campaign.yaml
as not reviewed: it builds with a DRAFT mark until a review is recorded.

TAG is a BCP 47 language tag such as pl, pt-BR or zh-Hans.

Exit codes: 0 created, 2 bad input (an invalid tag, an existing file
without --force).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLocaleAdd(&cf, args[0], force, stdout)
		},
	}
	cf.add(cmd)
	cmd.Flags().BoolVar(&force, "force", false, "overwrite an existing message file (its translations are lost)")
	return cmd
}

func runLocaleAdd(cf *campaignFlags, tag string, force bool, stdout io.Writer) error {
	dir, fsys, err := cf.writableCampaign()
	if err != nil {
		return err
	}
	if err := edit.CheckTag(tag); err != nil {
		return badInput(fmt.Errorf("locale add: %w", err))
	}
	c, err := campaign.Load(fsys)
	if err != nil {
		return badInput(prefix(err, dir))
	}
	if tag == c.SourceLocale {
		return badInput(fmt.Errorf("locale add: %s is the source locale of the campaign", tag))
	}
	cat, err := messages.Load(fsys, "locales", c.SourceLocale, nil)
	if err != nil {
		return badInput(prefix(err, dir))
	}
	src := cat.File(c.SourceLocale)
	format := strings.TrimPrefix(path.Ext(src.Path), ".")
	name := path.Join("locales", tag+"."+format)
	for _, ext := range messages.Formats {
		p := path.Join("locales", tag+"."+ext)
		if _, err := fs.Stat(fsys, p); err != nil {
			continue
		}
		if p != name {
			return badInput(fmt.Errorf("locale add: %s exists; expected one message file per locale\n\thint: remove it to start again in %s", filepath.Join(dir, p), format))
		}
		if !force {
			return badInput(fmt.Errorf("locale add: %s exists\n\thint: edit it, or add --force to start again from the source (its translations are lost)", filepath.Join(dir, p)))
		}
	}
	data, err := edit.NewLocaleFile(src, c.ID, tag, format)
	if err != nil {
		return err
	}
	campaignSrc, err := fs.ReadFile(fsys, "campaign.yaml")
	if err != nil {
		return err
	}
	edited, listed, err := edit.AddLocale(campaignSrc, tag)
	if err != nil {
		return badInput(prefix(err, dir))
	}
	// Both files must make a campaign that loads before either is written.
	over := overlay{base: fsys, files: map[string][]byte{name: data, "campaign.yaml": edited}}
	if _, err := campaign.Load(over); err != nil {
		return fmt.Errorf("locale add: the campaign would not load after adding %s (please report this): %w", tag, prefix(err, dir))
	}
	if err := atomicfile.Write(filepath.Join(dir, name), data); err != nil {
		return err
	}
	if !listed {
		if err := atomicfile.Write(filepath.Join(dir, "campaign.yaml"), edited); err != nil {
			return err
		}
	}
	forms, _ := messages.PluralForms(tag) // CheckTag made sure it has rules
	fmt.Fprintf(stdout, "created %s: %d messages to translate (plural forms: %s)\n", filepath.Join(dir, name), len(src.Messages), strings.Join(forms, ", "))
	if listed {
		fmt.Fprintf(stdout, "%s is already listed in %s\n", tag, filepath.Join(dir, "campaign.yaml"))
	} else {
		fmt.Fprintf(stdout, "listed %s in %s, not reviewed: it builds with a DRAFT mark\n", tag, filepath.Join(dir, "campaign.yaml"))
	}
	fmt.Fprintf(stdout, "next: translate it, then run: handbill check --campaign %s --locale %s\n", dir, tag)
	return nil
}

func newLocaleReview(stdout io.Writer) *cobra.Command {
	var cf campaignFlags
	var by, on string
	var force bool
	cmd := &cobra.Command{
		Use:   "review TAG",
		Short: "Record that a translation was reviewed against the current source",
		Long: `review writes into TAG's entry in campaign.yaml who reviewed the translation,
when, and the hash of the source messages it was reviewed against. Builds of
TAG are then final (no DRAFT mark) until the source changes.

It refuses a locale that check finds errors in, unless --force.

Exit codes: 0 recorded, 1 check found errors, 2 bad input.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLocaleReview(&cf, args[0], by, on, force, stdout)
		},
	}
	cf.add(cmd)
	fl := cmd.Flags()
	fl.StringVar(&by, "by", "", "who reviewed the translation (required)")
	fl.StringVar(&on, "on", "", "the date of the review, like 2026-12-01 (default: today)")
	fl.BoolVar(&force, "force", false, "record the review even though check finds errors")
	return cmd
}

func runLocaleReview(cf *campaignFlags, tag, by, on string, force bool, stdout io.Writer) error {
	dir, fsys, err := cf.writableCampaign()
	if err != nil {
		return err
	}
	date, err := reviewFlags(by, on)
	if err != nil {
		return err
	}
	in, rep := openReport(fsys)
	if in == nil {
		rep.Prefix(dir)
		if err := rep.WriteTable(stdout, false); err != nil {
			return err
		}
		return &exitError{ExitFailed, nil}
	}
	if err := reviewable(in.Campaign, tag, dir); err != nil {
		return err
	}
	rep, err = check.Run(in, check.Options{Locales: []string{tag}})
	if err != nil {
		return badInput(err)
	}
	if rep.Errors > 0 && !force {
		rep.Prefix(dir)
		if err := rep.WriteTable(stdout, false); err != nil {
			return err
		}
		return &exitError{ExitFailed, fmt.Errorf("locale review: check finds %d %s in %s; not recorded\n\thint: fix them, or add --force to record the review anyway", rep.Errors, diag.Plural(rep.Errors, "error", "errors"), tag)}
	}
	campaignSrc, err := fs.ReadFile(fsys, "campaign.yaml")
	if err != nil {
		return err
	}
	edited, err := edit.RecordReview(campaignSrc, tag, by, date, rep.SourceHash)
	if err != nil {
		return badInput(prefix(err, dir))
	}
	if _, err := campaign.Load(overlay{base: fsys, files: map[string][]byte{"campaign.yaml": edited}}); err != nil {
		return fmt.Errorf("locale review: the campaign would not load after recording the review (please report this): %w", prefix(err, dir))
	}
	if err := atomicfile.Write(filepath.Join(dir, "campaign.yaml"), edited); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "recorded in %s: %s reviewed by %s on %s against source %s\n", filepath.Join(dir, "campaign.yaml"), tag, by, date.Format(time.DateOnly), rep.SourceHash)
	fmt.Fprintf(stdout, "builds of %s are final until the source messages change\n", tag)
	return nil
}

// reviewFlags checks --by and --on and returns the review's date (today
// without --on).
func reviewFlags(by, on string) (time.Time, error) {
	if strings.TrimSpace(by) == "" {
		return time.Time{}, badInput(errors.New("locale review: expected --by NAME, the reviewer"))
	}
	if err := checkReviewer(by); err != nil {
		return time.Time{}, badInput(err)
	}
	if on == "" {
		return time.Now(), nil
	}
	date, err := time.Parse(time.DateOnly, on)
	if err != nil {
		return time.Time{}, badInput(fmt.Errorf("locale review: --on: expected a date like 2026-12-01, found %q", on))
	}
	return date, nil
}

// reviewable refuses to review the source locale, a pseudo-locale or a
// locale the campaign in dir does not list.
func reviewable(c *campaign.Campaign, tag, dir string) error {
	listed := false
	for _, l := range c.Locales {
		listed = listed || l.Tag == tag
	}
	switch {
	case tag == c.SourceLocale:
		return badInput(fmt.Errorf("locale review: %s is the source locale; it is never a draft", tag))
	case messages.IsPseudo(tag):
		return badInput(fmt.Errorf("locale review: %s is a pseudo-locale; it is always a draft", tag))
	case !listed:
		return badInput(fmt.Errorf("locale review: %s is not a locale of the campaign\n\thint: add it with: handbill locale add %s --campaign %s", tag, tag, dir))
	}
	return nil
}

// overlay is a campaign folder with some files replaced, to check an edit
// before writing it.
type overlay struct {
	base  fs.FS
	files map[string][]byte
}

func (o overlay) Open(name string) (fs.File, error) {
	if data, ok := o.files[name]; ok {
		return &memFile{name: path.Base(name), data: data}, nil
	}
	return o.base.Open(name)
}

// memFile is an fs.File over bytes.
type memFile struct {
	name string
	data []byte
	off  int
}

func (f *memFile) Stat() (fs.FileInfo, error) { return memInfo{f}, nil }
func (f *memFile) Close() error               { return nil }
func (f *memFile) Read(p []byte) (int, error) {
	if f.off >= len(f.data) {
		return 0, io.EOF
	}
	n := copy(p, f.data[f.off:])
	f.off += n
	return n, nil
}

type memInfo struct{ f *memFile }

func (i memInfo) Name() string       { return i.f.name }
func (i memInfo) Size() int64        { return int64(len(i.f.data)) }
func (i memInfo) Mode() fs.FileMode  { return 0o644 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }

// maxReviewer is the longest reviewer name --by takes, in characters.
const maxReviewer = 200

// checkReviewer refuses a reviewer name campaign.yaml cannot hold on one
// line: a line break or another control character, or a very long one.
func checkReviewer(by string) error {
	for i, r := range by {
		if unicode.IsControl(r) {
			return diag.Diagnostic{Severity: diag.Error, Path: "--by",
				Msg:  fmt.Sprintf("expected a name on one line, found %s at character %d of %q", messages.RuneName(r), utf8.RuneCountInString(by[:i])+1, by),
				Hint: `write the reviewer's name only, like --by "Anna Nowak"`}
		}
	}
	if n := utf8.RuneCountInString(by); n > maxReviewer {
		return diag.Diagnostic{Severity: diag.Error, Path: "--by", Msg: fmt.Sprintf("expected a name of at most %d characters, found %d", maxReviewer, n)}
	}
	return nil
}
