package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"maps"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/loader"
	"github.com/handbill/handbill/internal/serve"
)

// serveFlags are the flags of `handbill serve` and `handbill site` that
// shape the site.
type serveFlags struct {
	renders          int
	cacheMB          int
	timeout          time.Duration
	layouts, locales []string
	area             string // in a campaign with areas, the one the site is for
	prefix           string // site only: the path the static copy is served under
	watch            bool   // serve only: --watch (watch.go)
	url              string // the site's public address, for link previews
	// ready, when set, is a last check of the command's own once the
	// campaign and the flags are, before the site is made (site's --out).
	ready func() error
	// areaDone, when set, is told of each area the export wrote (site).
	areaDone func(serve.AreaReport)
}

func (f *serveFlags) add(c *cobra.Command) {
	fl := c.Flags()
	fl.IntVar(&f.renders, "renders", runtime.NumCPU(), "documents rendered at once")
	fl.StringArrayVar(&f.layouts, "layout", nil, "offer only this layout (repeatable)")
	fl.StringArrayVar(&f.locales, "locale", nil, "offer only this locale, a BCP 47 tag such as ur (repeatable)")
	fl.StringVar(&f.area, "area", "", "in a campaign with areas, make the site of this area only (default: every area, with a list to find one's own)")
	fl.StringVar(&f.url, "url", "", "the site's public address, such as https://posters.example.org/, for link previews (og:url, og:image)")
}

// siteArea is the campaign as the site shows it: one area's with --area,
// else the campaign itself (with areas, the site of every area).
func siteArea(ld *loader.Campaign, area string) (*loader.Campaign, error) {
	return inArea(ld, area)
}

// serveHooks are the context that ends when serve is to stop (on SIGINT
// or SIGTERM) and a wrapper around the site's handler. Tests replace them to
// see each request arrive and to stop serve without signalling their
// process.
var serveHooks = struct {
	handler func(http.Handler) http.Handler
	stop    func() (context.Context, context.CancelFunc)
}{
	handler: func(h http.Handler) http.Handler { return h },
	stop: func() (context.Context, context.CancelFunc) {
		return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	},
}

func newServe(stdout, stderr io.Writer) *cobra.Command {
	var cf campaignFlags
	var sf serveFlags
	var addr, logFormat string
	var grace time.Duration
	var watch bool
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the poster download site",
		Long: `serve runs the campaign's download site: a home page listing its posters
and leaflets, a page per layout, language and edition with a preview, and
the PDFs to download. PDFs and previews are rendered when first asked for
and kept in a bounded cache; responses carry ETags and Cache-Control.

It logs one JSON line per request on stderr, and stops gracefully on
SIGINT or SIGTERM: it finishes the requests in flight, waiting up to
--grace, then closes any still open, and exits 0.

Memory: --cache-mb bounds the cache, and serve sets the Go runtime's soft
memory limit to what it holds at start plus the cache plus room for
--renders renders (unless GOMEMLIMIT is set), so the process stays near
that bound.

With --watch, serve looks at the campaign folder several times a second
and makes the site again when a file changes; every open page then
reloads by itself (pages carry a small script in this mode only: the
published site has none). A campaign that no longer loads shows its
errors, file:line first, on every page until it loads again. Limit the
site with --layout and --locale for the fastest reload.

Exit codes: 0 stopped by a signal, 1 the server failed, 2 bad input or usage.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx, stop := serveHooks.stop()
			defer stop()
			sf.watch = watch
			return runServe(ctx, &cf, &sf, addr, logFormat, grace, stdout, stderr)
		},
	}
	cf.add(cmd)
	sf.add(cmd)
	fl := cmd.Flags()
	fl.StringVar(&addr, "addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	fl.IntVar(&sf.cacheMB, "cache-mb", 256, "memory for cached PDFs and previews, in MiB (0: cache nothing, every request renders)")
	fl.DurationVar(&sf.timeout, "timeout", 30*time.Second, "longest a request waits for a render before it is answered 503")
	fl.DurationVar(&grace, "grace", 15*time.Second, "longest a shutdown waits for requests in flight")
	fl.StringVar(&logFormat, "log", "json", "access log format: json or text")
	fl.BoolVar(&watch, "watch", false, "make the site again when a campaign file changes; open pages reload by themselves (a script in this mode only)")
	return cmd
}

// site loads the campaign and makes the site.
func (f *serveFlags) site(cf *campaignFlags, log *slog.Logger, static bool) (*serve.Site, error) {
	if f.renders < 1 {
		return nil, badInput(fmt.Errorf("--renders: expected at least 1, found %d", f.renders))
	}
	if err := serve.CheckURL(f.url); err != nil {
		return nil, badInput(fmt.Errorf("--url: %w", err))
	}
	ld, err := cf.open(loader.Confine)
	if err != nil {
		return nil, err
	}
	var all diag.List // a site serves every locale: any broken one is bad input
	for _, t := range slices.Sorted(maps.Keys(ld.Broken)) {
		all = append(all, ld.Broken[t]...)
	}
	if err := all.Err(); err != nil {
		return nil, badInput(err)
	}
	if ld, err = siteArea(ld, f.area); err != nil {
		return nil, badInput(err)
	}
	if _, err := build.Pairs(ld.Campaign, f.layouts, f.locales); err != nil {
		return nil, badInput(err)
	}
	if f.ready != nil {
		if err := f.ready(); err != nil {
			return nil, badInput(err)
		}
	}
	date, err := buildDate(ld.Campaign)
	if err != nil {
		return nil, err
	}
	site, err := serve.New(serve.Config{
		Campaign: ld.Campaign, Catalog: ld.Catalog, Fonts: ld.Fonts,
		Creator: "handbill " + Version, Date: date,
		Renders: f.renders, CacheBytes: cacheBytes(f.cacheMB), Timeout: f.timeout,
		Layouts: f.layouts, Locales: f.locales,
		Log: log, Static: static, Prefix: f.prefix, URL: f.url, Modified: modified(cf), AreaDone: f.areaDone,
	})
	if err != nil {
		return nil, &exitError{ExitFailed, err}
	}
	return site, nil
}

// modified is the newest modification time of the campaign's files
// (the binary's own for the bundled campaign), sent as Last-Modified; zero
// when it cannot be read, and the site then uses its start time.
func modified(cf *campaignFlags) time.Time {
	var newest time.Time
	see := func(p string) {
		if st, err := os.Stat(p); err == nil && st.ModTime().After(newest) {
			newest = st.ModTime()
		}
	}
	if exe, err := os.Executable(); err == nil {
		see(exe)
	}
	if cf.dir == "" {
		return newest
	}
	see(filepath.Join(cf.dir, "campaign.yaml"))
	for _, sub := range []string{"layouts", "locales", "assets"} {
		// Unreadable parts are skipped: loading the campaign reports them.
		_ = filepath.WalkDir(filepath.Join(cf.dir, sub), func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				see(p)
			}
			return nil
		})
	}
	return newest
}

// startGCPercent is the collector's target while the site starts: the
// heap may grow a quarter past what is live, not double it (GOGC=100).
// Starting composes every document once; at the default the garbage of
// those renders took the process to 333–436 MB whatever --cache-mb was,
// above the limit it then logged for --cache-mb 64.
const startGCPercent = 25

// startSite makes the site (static: for `handbill site`) with the
// collector kept close to the live heap, then gives the Go runtime the
// site's memory limit (unless GOMEMLIMIT or GOGC is set), so that the
// process stays within its stated bound from start-up on: --cache-mb
// bounds what is cached; the limit keeps the garbage of renders from
// growing the process past it. The export of every area needs it too:
// without it the national site's export peaked at 929 MB with a 64 MB
// cache, the collector letting the heap double between collections.
func startSite(sf *serveFlags, cf *campaignFlags, log *slog.Logger, static bool) (*serve.Site, error) {
	own := os.Getenv("GOMEMLIMIT") == "" && os.Getenv("GOGC") == ""
	if own {
		defer debug.SetGCPercent(debug.SetGCPercent(startGCPercent))
	}
	site, err := sf.site(cf, log, static)
	if err != nil {
		return nil, err
	}
	if own {
		limit := site.MemoryLimit()
		if static {
			limit += exportRoom
		}
		debug.SetMemoryLimit(limit)
	}
	return site, nil
}

// exportRoom is the memory an export may use beyond a server's limit: it
// renders without pause, and at serve's limit the collector ran so often
// that five areas of the national campaign took 49.8 s of CPU (41.9 s
// without a limit, peak 619 MB); with 450 MiB in all, 43.3 s and 497 MB.
const exportRoom = 192 << 20

// memoryBound is the resident memory serve stays within: the Go runtime's
// limit (what it manages: heap, stacks, its own structures) plus the
// executable, whose pages (code, and the bundled campaign's fonts and
// files embedded in it) count as resident once read and are not the
// runtime's to limit.
func memoryBound(site *serve.Site, log *slog.Logger) int64 {
	b := site.MemoryLimit()
	exe, err := os.Executable()
	var st os.FileInfo
	if err == nil {
		st, err = os.Stat(exe)
	}
	if err != nil {
		log.Warn("the bound leaves out the executable's size", "error", err.Error())
		return b
	}
	return b + st.Size()
}

// extent says how large the site is: its areas, in a campaign with
// areas (each area's addresses are made when first asked for), else its
// addresses.
func extent(site *serve.Site) string {
	if n := site.Areas(); n > 0 {
		return fmt.Sprintf("%d areas", n)
	}
	return fmt.Sprintf("%d addresses", len(site.Paths()))
}

// cacheBytes turns --cache-mb into serve.Config.CacheBytes, where 0 is
// the default and a negative size caches nothing.
func cacheBytes(mb int) int64 {
	if mb == 0 {
		return -1
	}
	return int64(mb) << 20
}

func runServe(ctx context.Context, cf *campaignFlags, sf *serveFlags, addr, logFormat string, grace time.Duration, stdout, stderr io.Writer) error {
	var h slog.Handler
	switch logFormat {
	case "json":
		h = slog.NewJSONHandler(stderr, nil)
	case "text":
		h = slog.NewTextHandler(stderr, nil)
	default:
		return badInput(fmt.Errorf("--log: expected json or text, found %q", logFormat))
	}
	if sf.cacheMB < 0 {
		return badInput(fmt.Errorf("--cache-mb: expected 0 or more, found %d", sf.cacheMB))
	}
	if sf.watch && cf.dir == "" {
		return badInput(fmt.Errorf("--watch: expected --campaign DIR: the bundled campaign is built into handbill and never changes"))
	}
	if sf.timeout <= 0 || grace < 0 {
		return badInput(fmt.Errorf("--timeout and --grace: expected positive durations such as 30s"))
	}
	log := slog.New(h)
	// Listen first, so a bad or busy address fails at once; connections
	// made while the site renders wait in the listen queue.
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return badInput(fmt.Errorf("--addr %s: %w", addr, err))
	}
	defer ln.Close()
	site, err := startSite(sf, cf, log, false)
	if err != nil {
		return err
	}
	log.Info("memory", "limit_mb", site.MemoryLimit()>>20, "bound_mb", memoryBound(site, log)>>20, "cache_mb", sf.cacheMB)
	var handler http.Handler = site.Handler()
	if sf.watch {
		w := &watcher{site: handler, log: log, stamp: func() time.Time { return modified(cf) },
			make: func() (http.Handler, error) {
				s, err := sf.site(cf, log, false)
				if err != nil {
					return nil, err
				}
				return s.Handler(), nil
			}}
		go w.run(ctx)
		handler = w
	}
	srv := &http.Server{
		Handler:           serveHooks.handler(handler),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      sf.timeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(h, slog.LevelWarn),
	}
	fmt.Fprintf(stdout, "serving http://%s/ (%s); stop with Ctrl-C\n", ln.Addr(), extent(site))
	failed := make(chan error, 1)
	go func() { failed <- srv.Serve(ln) }()
	select {
	case err := <-failed:
		return &exitError{ExitFailed, fmt.Errorf("serving: %w", err)}
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", grace.String())
	sctx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(sctx); errors.Is(err, context.DeadlineExceeded) {
		// Past --grace: the requests still running are cut. That is the
		// stop that was asked for, so the exit status is still 0.
		log.Warn("grace period over: closing the connections still open", "grace", grace.String())
		if err := srv.Close(); err != nil {
			return &exitError{ExitFailed, fmt.Errorf("closing connections: %w", err)}
		}
	} else if err != nil {
		return &exitError{ExitFailed, fmt.Errorf("shutting down: %w", err)}
	}
	if err := <-failed; !errors.Is(err, http.ErrServerClosed) {
		return &exitError{ExitFailed, fmt.Errorf("serving: %w", err)}
	}
	st := site.Stats()
	log.Info("stopped", "cached", st.Entries, "cached_bytes", st.Bytes, "hits", st.Hits, "misses", st.Misses, "renders", st.Renders)
	return nil
}
