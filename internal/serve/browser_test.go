package serve_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"iter"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/handbill/handbill/internal/testtool"
)

// chrome starts a headless Chromium (Debian's, on PATH) with a fresh
// profile and nothing that reaches outside the machine.
func chrome(t *testing.T) context.Context {
	t.Helper()
	testtool.Need(t, "chromium")
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	actx, cancelA := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(bin),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 1000),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
	)
	t.Cleanup(cancelA)
	bctx, cancelB := chromedp.NewContext(actx)
	t.Cleanup(cancelB)
	return bctx
}

// A safeguarding lead opens the home page, chooses the A4 poster, picks
// Urdu and downloads it: the file is a PDF whose text layer is the Urdu
// text, and the poster page, screenshotted, shows the preview.
func TestBrowserDownloadsUrduPoster(t *testing.T) {
	testtool.Slow(t)
	testtool.Need(t, "chromium", "pdftotext")
	s, ld := site(t)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	ctx := chrome(t)
	dl := t.TempDir()
	begin := chromedp.Events(ctx, browser.DownloadWillBegin)
	progress := chromedp.Events(ctx, browser.DownloadProgress)

	var loc, dir, shotName, src string
	var loaded int
	var shot []byte
	err := chromedp.Do(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
				Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dl, EventsEnabled: new(true),
			})
			return err
		}),
		// The poster's A4 size, on the home page.
		chromedp.Click(`//section[.//h2/a[normalize-space()="Poster"]]//p[@class="sizes"]/a[normalize-space()="A4"]`),
		chromedp.WaitVisible(chromedp.CSS(`a[hreflang="ur"]`)),
		// Urdu, by its own name: the Urdu poster, its page still in
		// the English the browser asked for.
		chromedp.Click(`//nav[@aria-labelledby="language"]//a[@hreflang="ur"][.//span[@lang="ur"][normalize-space()="اردو"]]`),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="en-GB"] p.loctitle[lang="ur"]`)),
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			var err error
			if loc, err = chromedp.Run(ctx, chromedp.Location()); err != nil {
				return err
			}
			if loaded, err = chromedp.Run(ctx, chromedp.Poll[int](`(() => { const i = document.querySelector('figure img'); return i.complete && i.naturalWidth })()`, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
				return err
			}
			if src, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('figure img').currentSrc`)); err != nil {
				return err
			}
			if dir, err = chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('p.loctitle[lang="ur"]')).direction`)); err != nil {
				return err
			}
			shot, err = chromedp.Run(ctx, chromedp.FullScreenshot(100))
			return err
		}),
		chromedp.Click(chromedp.CSS(`a.button`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(loc, "/en-GB/poster-a4/ur/screen/") {
		t.Errorf("after choosing the A4 poster and Urdu the browser is at %s", loc)
	}
	// The preview is shown 40rem (640 CSS pixels) wide on a desktop: the
	// browser picks the 900-pixel file of the srcset, whose intrinsic
	// width it then reports as the width shown.
	if loaded != 640 || !strings.HasSuffix(src, "/poster-a4/ur/screen/page-1.png") {
		t.Errorf("the preview image is %d pixels wide as loaded from %s, want 640 from page-1.png", loaded, src)
	}
	if dir != "rtl" {
		t.Errorf("the Urdu title is set %s, want rtl", dir)
	}

	for ev, err := range begin {
		if err != nil {
			t.Fatal(err)
		}
		shotName = ev.SuggestedFilename
		break
	}
	if shotName != "sexting-poster-a4-ur-screen.pdf" {
		t.Errorf("the download is named %q", shotName)
	}
	file := downloaded(t, progress, dl)
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("the download is not a PDF: %.20q", data)
	}
	text := string(testtool.Run(t, "pdftotext", "-enc", "UTF-8", file, "-"))
	// The poster's headings, top to bottom (the risks and the advice to
	// young people and parents are on the leaflets, not the poster).
	for _, id := range []string{ld.c.TitleMessage, "strapline", "action"} {
		want, err := ld.cat.Text("ur", id, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(squash(text), squash(want)) {
			t.Errorf("the PDF's text layer lacks %s %q:\n%s", id, want, text)
		}
	}

	// The screenshot of the poster page is not blank: the preview and the
	// page around it are drawn.
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(os.TempDir(), "handbill-browser-poster-ur.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
	white, colours := inkShare(img)
	t.Logf("screenshot %v: %.0f%% not white, %d colours", img.Bounds().Size(), 100*white, colours)
	if white < 0.2 || colours < 100 {
		t.Errorf("the screenshot looks blank: %.0f%% of it is not white, %d colours", 100*white, colours)
	}
}

// squash drops white space, so that text wrapped onto lines compares
// with the message it came from.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// inkShare returns the share of pixels that are not white and the number
// of distinct colours.
func inkShare(img image.Image) (float64, int) {
	b := img.Bounds()
	ink := 0
	seen := map[[3]uint32]bool{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				ink++
			}
			seen[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
		}
	}
	return float64(ink) / float64(b.Dx()*b.Dy()), len(seen)
}

// axePath finds axe-core (from the npm registry; .ci/run installs it):
// HANDBILL_AXE names axe.min.js, else the cache folder .ci/run uses.
func axePath(t *testing.T) string {
	home, _ := os.UserHomeDir()
	return testtool.NeedFile(t, "HANDBILL_AXE", []string{filepath.Join(home, ".cache", "handbill-axe", "node_modules", "axe-core", "axe.min.js")},
		"install it with: npm install --prefix ~/.cache/handbill-axe axe-core@4 (see .ci/run)")
}

// axeViolation is what the test reports of an axe-core violation.
type axeViolation struct {
	ID, Impact, Help string
	Nodes            []string
}

// runAxe runs axe-core in the page and returns its violations.
func runAxe(ctx context.Context, axe string) ([]axeViolation, error) {
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](axe+";0")); err != nil {
		return nil, err
	}
	js := `axe.run(document).then(r => JSON.stringify(r.violations.map(v => ({ID: v.id, Impact: v.impact || "", Help: v.help, Nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " + n.failureSummary)}))))`
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, err
	}
	var v []axeViolation
	err = json.Unmarshal([]byte(out), &v)
	return v, err
}

// An Urdu reader's whole path, at desktop and phone widths: the browser
// asks for Urdu (Accept-Language: ur), the home page is in Urdu; the
// poster's page is in Urdu and set in Nastaliq; the PDF downloads. axe-core
// finds no violation on either page. Chromium runs in the full suite only.
func TestBrowserUrduReader(t *testing.T) {
	testtool.Slow(t)
	testtool.Need(t, "chromium")
	axe, err := os.ReadFile(axePath(t))
	if err != nil {
		t.Fatal(err)
	}
	s, _ := site(t)
	srv := httptest.NewServer(s.Handler())
	defer srv.Close()
	for _, vp := range []struct {
		name string
		size chromedp.Action[chromedp.Void]
	}{
		{"desktop", chromedp.EmulateViewport(1280, 900)},
		{"phone", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait, chromedp.EmulateScale(2))},
	} {
		t.Run(vp.name, func(t *testing.T) {
			ctx := chrome(t)
			dl := t.TempDir()
			progress := chromedp.Events(ctx, browser.DownloadProgress)
			check := func(page string) {
				t.Helper()
				v, err := runAxe(ctx, string(axe))
				if err != nil {
					t.Fatalf("%s: axe: %v", page, err)
				}
				for _, x := range v {
					t.Errorf("%s: axe: %s (%s): %s\n\t%s", page, x.ID, x.Impact, x.Help, strings.Join(x.Nodes, "\n\t"))
				}
			}
			var lang, dir, font string
			err := chromedp.Do(ctx,
				vp.size,
				chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
					if err := scripted(ctx, "ur"); err != nil {
						return err
					}
					_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
						Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dl, EventsEnabled: new(true),
					})
					return err
				}),
				chromedp.Navigate(srv.URL+"/"),
				chromedp.WaitVisible(chromedp.CSS(`html[lang="ur"] h1`)),
			)
			if err != nil {
				t.Fatal(err)
			}
			check("home")
			err = chromedp.Do(ctx,
				// The poster, by its Urdu name.
				chromedp.Click(`//section[@class="design"]//h2/a[normalize-space()="پوسٹر"]`),
				chromedp.WaitVisible(chromedp.CSS(`a.button`)),
				chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
					var err error
					if lang, err = chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.lang`)); err != nil {
						return err
					}
					if dir, err = chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('h1')).direction`)); err != nil {
						return err
					}
					// The font the h1 is drawn in: its own web font.
					_, err = chromedp.Run(ctx, chromedp.Evaluate[any](`document.fonts.ready.then(() => 0)`, chromedp.EvalAwaitPromise))
					if err != nil {
						return err
					}
					font, err = chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.fonts].filter(f => f.status == "loaded").map(f => f.family).join(",")`))
					return err
				}),
			)
			if err != nil {
				t.Fatal(err)
			}
			if lang != "ur" || dir != "rtl" {
				t.Errorf("the poster's page is lang %q, %s; want ur, rtl", lang, dir)
			}
			if !strings.Contains(font, "hb-noto-nastaliq-urdu") {
				t.Errorf("the page's loaded fonts are %q, want Nastaliq among them", font)
			}
			check("poster")
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a.button`))); err != nil {
				t.Fatal(err)
			}
			data, err := os.ReadFile(downloaded(t, progress, dl))
			if err != nil || !bytes.HasPrefix(data, []byte("%PDF-")) {
				t.Fatalf("the download: %v, %.10q", err, data)
			}
		})
	}
}

// downloaded waits for the browser's download to complete and returns the
// file it was saved as in dl (Chromium names it by its GUID); a cancelled
// download or a failed event fails the test.
func downloaded(t *testing.T, progress iter.Seq2[browser.EventDownloadProgress, error], dl string) string {
	t.Helper()
	for ev, err := range progress {
		if err != nil {
			t.Fatal(err)
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("the download was cancelled")
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			return filepath.Join(dl, ev.GUID)
		}
	}
	t.Fatal("the download's events ended before it completed")
	return ""
}
