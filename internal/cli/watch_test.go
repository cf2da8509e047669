package cli_test

import (
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/handbill/handbill/internal/cli"
	"github.com/handbill/handbill/internal/testtool"
)

// serve --watch makes the site again when a campaign file is saved, and
// its pages carry the script that reloads them (the published site has
// none). Saving a message shows on the page and in the preview; saving a
// campaign that does not load shows its errors with file:line, and the
// next good save brings the site back. The time from saving to the new
// preview is logged: the issue asks for at most a second.
func TestServeWatch(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "winter")
	if code := cli.Main([]string{"init", dir, "--region", "IE"}, io.Discard, io.Discard); code != cli.ExitOK {
		t.Fatalf("init: exit %d", code)
	}
	_, stop := stopHooks(t, 1<<16)
	base, logs, done := serveInProcess(t, "--campaign", dir, "--watch", "--layout", "poster-a4", "--renders", "1")
	defer func() {
		stop()
		if code := <-done; code != cli.ExitOK {
			t.Errorf("serve exited %d:\n%s", code, logs.String())
		}
	}()
	page, resp := getPage(t, base)
	if !strings.Contains(page, "<script>") || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "script-src 'sha256-") {
		t.Fatalf("the home page in watch mode has no reload script allowed by its policy:\n%s", resp.Header.Get("Content-Security-Policy"))
	}
	if v, _ := getPage(t, base+"_handbill/version"); v != "0" {
		t.Fatalf("version %q, want 0", v)
	}

	src := filepath.Join(dir, "locales", "en-GB.toml")
	good, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(good), `other = "Your headline here"`, `other = "Look in on your neighbours"`, 1)
	start := time.Now()
	write(t, src, edited)
	waitVersion(t, base, "1")
	home, _ := getPage(t, base)
	link := regexp.MustCompile(`href="(poster-a4/[^"]*)"`).FindStringSubmatch(home)
	if link == nil || !strings.Contains(home, "Look in on your neighbours") {
		t.Fatalf("after the save the home page does not show the new headline:\n%s", home)
	}
	design, _ := getPage(t, base+link[1])
	img := regexp.MustCompile(`<img [^>]*src="([^"]+\.png)"`).FindStringSubmatch(design)
	if img == nil {
		t.Fatalf("no preview on %s", link[1])
	}
	if _, r := getPage(t, base+strings.TrimPrefix(filepath.Join(link[1], img[1]), "/")); r.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("preview %s: %s", img[1], r.Header.Get("Content-Type"))
	}
	t.Logf("saved to new preview: %s", time.Since(start).Round(time.Millisecond))

	write(t, filepath.Join(dir, "campaign.yaml"), "id: winter\ntitle: headline\nregion: XX\n")
	waitVersion(t, base, "2")
	broken, r := getPage(t, base)
	if r.StatusCode != http.StatusInternalServerError || !strings.Contains(broken, "The campaign does not load") ||
		!regexp.MustCompile(`winter/campaign\.yaml:3:9 region</code>: expected a two-letter country code`).MatchString(broken) || !strings.Contains(broken, "<script>") {
		t.Fatalf("a broken campaign: %d\n%s", r.StatusCode, broken)
	}
}

func getPage(t *testing.T, url string) (string, *http.Response) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b), resp
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// waitVersion waits until the site in watch mode answers version v.
func waitVersion(t *testing.T, base, v string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if got, _ := getPage(t, base+"_handbill/version"); got == v {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("the site did not reach version %s", v)
}

// In a browser, an open page of serve --watch reloads by itself when a
// campaign file is saved: its script runs under the page's policy.
func TestServeWatchReloadsInBrowser(t *testing.T) {
	testtool.Slow(t)
	testtool.Need(t, "chromium")
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "winter")
	if code := cli.Main([]string{"init", dir}, io.Discard, io.Discard); code != cli.ExitOK {
		t.Fatalf("init: exit %d", code)
	}
	_, stop := stopHooks(t, 1<<16)
	base, logs, done := serveInProcess(t, "--campaign", dir, "--watch", "--layout", "poster-a4", "--renders", "1")
	defer func() {
		stop()
		if code := <-done; code != cli.ExitOK {
			t.Errorf("serve exited %d:\n%s", code, logs.String())
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	actx, cancelA := chromedp.NewExecAllocator(ctx, chromedp.ExecPath(bin), chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-extensions", true))
	defer cancelA()
	bctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	if _, err := chromedp.Run(bctx, chromedp.Navigate(base)); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(dir, "locales", "en-GB.toml")
	good, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	write(t, src, strings.Replace(string(good), `other = "Your headline here"`, `other = "Look in on your neighbours"`, 1))
	for time.Since(start) < 20*time.Second {
		shown, err := chromedp.Run(bctx, chromedp.Evaluate[bool](`document.body.innerText.includes("Look in on your neighbours")`))
		if err == nil && shown {
			t.Logf("saved to the open page showing it: %s", time.Since(start).Round(time.Millisecond))
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the open page did not reload with the new headline")
}
