package cli

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/serve"
)

func newSite(stdout, stderr io.Writer) *cobra.Command {
	var cf campaignFlags
	var sf serveFlags
	var out string
	cmd := &cobra.Command{
		Use:   "site",
		Short: "Write the poster download site as static files",
		Long: `site writes the download site that 'handbill serve' runs as static files:
the home page, a page per layout, language and edition (FOLDER/index.html),
every PNG preview and every PDF, and 404.html. Put the folder on any web
server, a school intranet or a CDN; it also works opened straight from a
disk, since its links name index.html. Every link is relative, except in
404.html: a web server sends it for a missing address at any depth, so its
links start from --prefix, the path the site is served under.

Translations that do not fit a layout are left out and reported on stderr.
Files are written atomically; files already in the folder are kept.

A campaign with areas is written as the site of every area: the list of
areas (by name, a page per initial, and a search field), then each area's
own site in a folder named by its id, one area after the other, with a
line on stderr for each. An area whose inputs have not changed since the
last export into the folder (its row, the layouts, messages, fonts and
handbill itself: recorded in .handbill-areas.json) is kept as it is, so
writing the site again after one area's number changed rewrites only that
area. --area writes one area's site alone.

Exit codes: 0 written, 1 some files failed, 2 bad input or usage.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runSite(&cf, &sf, out, stdout, stderr)
		},
	}
	cf.add(cmd)
	sf.add(cmd)
	cmd.Flags().StringVarP(&out, "out", "o", "site", "output folder")
	cmd.Flags().StringVar(&sf.prefix, "prefix", "/", "the path the site will be served under, such as /posters/ (404.html's links start from it)")
	return cmd
}

func runSite(cf *campaignFlags, sf *serveFlags, out string, stdout, stderr io.Writer) error {
	start := time.Now()
	if !strings.HasPrefix(sf.prefix, "/") || !strings.HasSuffix(sf.prefix, "/") {
		return badInput(fmt.Errorf("--prefix: expected a path that starts and ends with /, such as /posters/, found %q", sf.prefix))
	}
	// --out is checked once the other flags are, before any page is made.
	sf.ready = func() error { return writableFolder(out) }
	sf.cacheMB, sf.timeout = 64, time.Hour
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	bar := newProgress(stderr)
	sf.areaDone = func(a serve.AreaReport) {
		bar.clear()
		switch {
		case a.Err != nil:
			fmt.Fprintf(stderr, "area %d/%d %s: %v\n", a.N, a.Of, a.ID, a.Err)
		case a.Kept:
			fmt.Fprintf(stderr, "area %d/%d %s: %d files kept (unchanged)\n", a.N, a.Of, a.ID, a.Files)
		default:
			fmt.Fprintf(stderr, "area %d/%d %s: %d files in %s\n", a.N, a.Of, a.ID, a.Files, a.Took.Round(100*time.Millisecond))
		}
	}
	site, err := startSite(sf, cf, log, true)
	if err != nil {
		return err
	}
	rep, err := site.Export(out, bar.update)
	bar.clear()
	if err != nil {
		return &exitError{ExitFailed, err}
	}
	fmt.Fprintf(stdout, "wrote %d files (%s) to %s in %s\n", rep.Files, size(int(rep.Bytes)), filepath.Clean(out), time.Since(start).Round(time.Millisecond))
	if rep.Kept > 0 {
		fmt.Fprintf(stdout, "kept %d files of areas that have not changed\n", rep.Kept)
	}
	if rep.Removed > 0 {
		fmt.Fprintf(stdout, "removed %d files of the last export that the site no longer has\n", rep.Removed)
	}
	// 404.html is the one file whose links cannot be relative: say where
	// they lead, so that a folder served at another path is not found
	// broken only by a visitor who mistypes an address.
	fmt.Fprintf(stdout, "404.html links from %s: serve the folder at that path, or write it again with --prefix PATH\n", sf.prefix)
	return nil
}

// writableFolder makes sure --out names a folder handbill can write into,
// creating it when missing, before anything is made: site used to make
// every page and fail on each, exit 1 after 20–29 s and a thousand lines,
// where build refuses at once (exit 2).
func writableFolder(out string) error {
	if st, err := os.Stat(out); err == nil && !st.IsDir() {
		d := diag.Diagnostic{Severity: diag.Error, Msg: fmt.Sprintf("--out %s: expected a folder, found a file", out),
			Hint: "name a folder (it is created when missing)"}
		return d
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return fmt.Errorf("--out %s: expected a folder handbill can create, found an error: %w", out, err)
	}
	f, err := os.CreateTemp(out, ".handbill-write-*")
	if err != nil {
		return fmt.Errorf("--out %s: expected a folder handbill can write into, found an error: %w", out, errors.Unwrap(err))
	}
	f.Close()
	return os.Remove(f.Name())
}
