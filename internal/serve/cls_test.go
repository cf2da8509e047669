package serve_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/handbill/handbill/internal/testtool"
)

// layoutJS waits for the page's fonts and a second more, then reports
// the page's cumulative layout shift (the sum of its layout-shift entries
// without recent input, as Lighthouse's CLS is at most) and the web fonts
// it loaded.
const layoutJS = `(async () => {
	await document.fonts.ready;
	await new Promise(r => setTimeout(r, 1000));
	let cls = 0;
	const shifts = [];
	await new Promise(r => {
		new PerformanceObserver(list => {
			for (const e of list.getEntries()) if (!e.hadRecentInput) { cls += e.value; shifts.push(e.value); }
			r();
		}).observe({type: "layout-shift", buffered: true});
		setTimeout(r, 200);
	});
	const fonts = performance.getEntriesByType("resource").filter(e => e.name.includes("/fonts/") && e.name.endsWith(".woff"));
	const button = document.querySelector("a.button");
	return JSON.stringify({Fold: button ? button.getBoundingClientRect().bottom <= innerHeight : null, CLS: cls, Shifts: shifts, Fonts: fonts.map(e => e.name.replace(/^.*\/fonts\//, "")), FontBytes: fonts.reduce((n, e) => n + e.encodedBodySize, 0)});
})()`

type layoutReport struct {
	Fold      *bool // whether the Download button is above the fold
	CLS       float64
	Shifts    []float64
	Fonts     []string
	FontBytes int
}

// TestLayoutDoesNotShift: on a slow network (150 ms, 1.6 Mbit/s, as
// Lighthouse's mobile profile) the home, poster and reader pages, at
// desktop and phone widths, shift by at most 0.1 (CLS, Lighthouse's "good")
// while their web fonts load, and load only the fonts of the languages
// they are written in; on a poster's page the Download button is above
// the fold, on a phone too (it was below the preview). A page named the fifteen languages in their own
// scripts once downloaded every script's fonts (450–660 KiB) and shifted
// by 0.50–0.63 when they swapped in.
func TestLayoutDoesNotShift(t *testing.T) {
	srv := browsedSite(t)
	pages := []struct {
		path, lang string
		maxFontKB  int
		nastaliq   bool // whether the page shows Urdu text in Nastaliq
	}{
		{"/", "en-GB", 64, false},
		{"/ur/", "ur", 480, true}, // Nastaliq, regular and bold, whole
		{"/poster-a4/ur/screen/", "ur", 480, true},
		{"/en-GB/poster-a4/ur/screen/", "en-GB", 480, true}, // the Urdu title
		{"/leaflet-a5/pl/screen/", "pl", 64, false},
	}
	for _, vp := range []struct {
		name string
		size chromedp.Action[chromedp.Void]
	}{
		{"desktop", chromedp.EmulateViewport(1350, 940)},
		{"phone", chromedp.EmulateViewport(412, 823, chromedp.EmulateMobile, chromedp.EmulatePortrait, chromedp.EmulateScale(1.75))},
	} {
		t.Run(vp.name, func(t *testing.T) {
			ctx := chrome(t)
			err := chromedp.Do(ctx, vp.size, chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
				return slowNetwork(ctx)
			}))
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range pages {
				var rep layoutReport
				err := chromedp.Do(ctx,
					chromedp.Navigate(srv.URL+p.path),
					chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
						out, err := chromedp.Run(ctx, chromedp.Evaluate[string](layoutJS, chromedp.EvalAwaitPromise))
						if err != nil {
							return err
						}
						return json.Unmarshal([]byte(out), &rep)
					}))
				if err != nil {
					t.Fatalf("%s: %v", p.path, err)
				}
				t.Logf("%s: CLS %.3f %v, fonts %d KB: %s", p.path, rep.CLS, rep.Shifts, rep.FontBytes>>10, strings.Join(rep.Fonts, " "))
				if rep.CLS > 0.1 {
					t.Errorf("%s: cumulative layout shift %.3f, want at most 0.1", p.path, rep.CLS)
				}
				if rep.FontBytes > p.maxFontKB<<10 {
					t.Errorf("%s: %d KB of web fonts, want at most %d", p.path, rep.FontBytes>>10, p.maxFontKB)
				}
				if rep.Fold != nil && !*rep.Fold {
					t.Errorf("%s: the Download button is below the fold", p.path)
				}
				nastaliq := strings.Contains(strings.Join(rep.Fonts, " "), "nastaliq")
				if nastaliq != p.nastaliq {
					t.Errorf("%s: Nastaliq loaded %v, want %v", p.path, nastaliq, p.nastaliq)
				}
			}
		})
	}
}

// browsedSite serves the bundled campaign's site for a slow test that
// opens it in Chromium; it is closed when the test ends.
func browsedSite(t *testing.T) *httptest.Server {
	t.Helper()
	testtool.Slow(t)
	testtool.Need(t, "chromium")
	s, _ := site(t)
	srv := httptest.NewServer(s.Handler())
	t.Cleanup(srv.Close)
	return srv
}

// scripted makes the browser ask for the languages acceptLanguage and
// lets the test run its scripts in the pages (axe-core, the layout-shift
// measurement): the site's CSP allows none, so it is bypassed for them.
func scripted(ctx context.Context, acceptLanguage string) error {
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		return err
	}
	if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": acceptLanguage}}); err != nil {
		return err
	}
	_, err := chromedp.Call(ctx, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true})
	return err
}

// slowNetwork makes every request of the page slow, with no cache, so
// fonts arrive after the first paint as on a phone network.
func slowNetwork(ctx context.Context) error {
	if err := scripted(ctx, "en-GB,en;q=0.8"); err != nil {
		return err
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		return err
	}
	_, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Latency: 150, DownloadThroughput: 1.6e6 / 8, UploadThroughput: 750e3 / 8}},
	})
	return err
}
