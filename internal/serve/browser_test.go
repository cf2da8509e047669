package serve_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
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
		// Urdu, by its own name.
		chromedp.Click(`//a[@hreflang="ur"][.//span[@lang="ur"][normalize-space()="اردو"]]`),
		chromedp.WaitVisible(chromedp.CSS(`html[lang="ur"] figure img`)),
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
			if dir, err = chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector('h1 span[lang="ur"]')).direction`)); err != nil {
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
	if !strings.HasSuffix(loc, "/poster-a4/ur/screen/") {
		t.Errorf("after choosing the A4 poster and Urdu the browser is at %s", loc)
	}
	// The preview is shown 40rem (640 CSS pixels) wide on a desktop: the
	// browser picks the 900-pixel file of the srcset, whose intrinsic
	// width it then reports as the width shown.
	if loaded != 640 || !strings.HasSuffix(src, "/page-1.png") {
		t.Errorf("the preview image is %d pixels wide as loaded from %s, want 640 from page-1.png", loaded, src)
	}
	if dir != "rtl" {
		t.Errorf("the Urdu name is set %s, want rtl", dir)
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
	var file string
	for ev, err := range progress {
		if err != nil {
			t.Fatal(err)
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			t.Fatal("the download was cancelled")
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			file = filepath.Join(dl, ev.GUID)
			break
		}
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		t.Fatalf("the download is not a PDF: %.20q", data)
	}
	text := string(testtool.Run(t, "pdftotext", "-enc", "UTF-8", file, "-"))
	for _, id := range []string{ld.c.TitleMessage, "strapline", "risks.heading", "young.heading", "parents.heading", "help.heading"} {
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
