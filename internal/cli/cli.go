// Package cli is handbill's command line: commands, flags, output and exit
// codes. It is the top of the pipeline and may use every other package;
// cmd/handbill/main.go only calls Main.
package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/loader"
)

// Version is handbill's version, written into every PDF as its creator.
const Version = "0.1.0"

// Exit codes.
const (
	ExitOK       = 0 // everything asked for was built
	ExitFailed   = 1 // some outputs failed
	ExitBadInput = 2 // bad input or usage
)

// exitError carries an exit code through cobra.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func badInput(err error) error { return &exitError{ExitBadInput, err} }

// Main runs handbill with args (without the program name) and returns the
// exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	code := ExitBadInput // cobra's own errors are usage errors
	if errors.As(err, &ee) {
		code = ee.code
		err = ee.err
	} else {
		err = usageError(root, args, err)
	}
	if err != nil {
		printErr(stderr, err)
	}
	return code
}

// usageError puts one of cobra's own errors (an unknown command or flag,
// arguments where none are taken) in handbill's form: the message, then a
// hint naming where the usage is and, for an unknown command, cobra's
// suggestion (Command.SuggestionsFor; the root's DisableSuggestions keeps
// cobra from adding its own to the message).
func usageError(root *cobra.Command, args []string, err error) error {
	cmd, rest, _ := root.Find(args)
	if cmd == nil {
		cmd = root
	}
	hint := fmt.Sprintf("see '%s --help'", cmd.CommandPath())
	if cmd.HasAvailableSubCommands() {
		if word := firstWord(rest); word != "" {
			if s := cmd.SuggestionsFor(word); len(s) > 0 {
				hint = fmt.Sprintf("did you mean %q? %s", s[0], hint)
			}
		}
	}
	return diag.Diagnostic{Severity: diag.Error, Msg: err.Error(), Hint: hint}
}

// firstWord is the first of args that is not a flag.
func firstWord(args []string) string {
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			return a
		}
	}
	return ""
}

func printErr(w io.Writer, err error) {
	for _, d := range diag.AsList(err) {
		fmt.Fprintln(w, "handbill: "+d.Error())
	}
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "handbill",
		Short: "Typeset multilingual, print-ready leaflets and posters with QR codes",
		Long: `handbill turns a campaign — translated messages, layouts and fonts — into
print-ready leaflet and poster PDFs, one per layout and locale, with vector
QR codes that dial the campaign's helplines.

Without --campaign it uses the campaign built into handbill.`,
		SilenceUsage:       true,
		SilenceErrors:      true,
		DisableSuggestions: true, // usageError adds them as a hint
		// SuggestionsFor's distance (cobra's default, which it sets only
		// when it suggests by itself).
		SuggestionsMinimumDistance: 2,
		Version:                    Version,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return badInput(fmt.Errorf("%w\n\thint: see '%s --help'", err, c.CommandPath()))
	})
	root.AddCommand(newBuild(stdout, stderr))
	root.AddCommand(newCheck(stdout, stderr))
	root.AddCommand(newInit(stdout), newFonts(stdout))
	root.AddCommand(newLocale(stdout, stderr))
	root.AddCommand(newProof(stdout, stderr))
	root.AddCommand(newServe(stdout, stderr), newSite(stdout, stderr))
	return root
}

// campaignFlags are shared by commands that read a campaign.
type campaignFlags struct {
	dir string
	// only, when set, limits the message files read to the source and
	// these locales (a build of one locale need not parse the others).
	only []string
}

func (f *campaignFlags) add(c *cobra.Command) {
	c.Flags().StringVar(&f.dir, "campaign", "", "campaign folder holding campaign.yaml, layouts/, locales/ (default: the bundled campaign)")
}

// open reads the campaign the flags name under policy: the bundled one
// without --campaign. Every problem with the campaign as a whole is bad
// input (exit 2), its file names made relative to the working folder;
// the problems of locales set aside are prefixed likewise.
func (f *campaignFlags) open(policy loader.Policy) (*loader.Campaign, error) {
	fsys, err := f.folder()
	if err != nil {
		return nil, err
	}
	ld, err := loader.Open(fsys, loader.Options{Policy: policy, Only: f.only})
	if err != nil {
		return nil, badInput(prefix(err, f.dir))
	}
	for t, l := range ld.Broken {
		ld.Broken[t] = diag.AsList(prefix(l.Err(), f.dir))
	}
	return ld, nil
}

// folder is the campaign folder the flags name (loader.Folder), a path that
// is no folder being bad input.
func (f *campaignFlags) folder() (fs.FS, error) {
	fsys, err := loader.Folder(f.dir)
	if err != nil {
		return nil, badInput(fmt.Errorf("--campaign %w", err))
	}
	return fsys, nil
}

// prefix makes diagnostic file names relative to the working folder.
func prefix(err error, dir string) error {
	if dir == "" {
		return err
	}
	l := diag.AsList(err)
	for i := range l {
		if l[i].File != "" {
			l[i].File = path.Join(dir, l[i].File)
		} else {
			l[i].Msg = dir + ": " + l[i].Msg
		}
	}
	return l.Err()
}

// maxEpoch is the last second of 9999, the last a PDF date can hold.
const maxEpoch = 253402300799

// buildDate is SOURCE_DATE_EPOCH when set, else the campaign's date, else
// the Unix epoch: never the clock, so builds are reproducible.
func buildDate(c *campaign.Campaign) (time.Time, error) {
	if v := os.Getenv("SOURCE_DATE_EPOCH"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 || n > maxEpoch {
			return time.Time{}, badInput(diag.Diagnostic{Severity: diag.Error, Path: "SOURCE_DATE_EPOCH",
				Msg:  fmt.Sprintf("expected seconds since 1970 from 0 to %d (9999-12-31), found %q", maxEpoch, v),
				Hint: "PDF and manifest dates have four-digit years; for the last commit's date use SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)"})
		}
		return time.Unix(n, 0).UTC(), nil
	}
	if !c.Date.IsZero() {
		return c.Date, nil
	}
	return time.Unix(0, 0).UTC(), nil
}
