package cli_test

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/handbill/handbill/internal/testtool"
)

// TestServeStaysWithinItsBound: the resident memory bound `handbill serve`
// logs at start (bound_mb) holds from start-up to the end of a crawl of
// every address, by the peak resident memory (VmHWM) of the process. It
// runs handbill as its own process (the test binary as testscript's
// handbill command), with a small cache so that the crawl fills it, on
// three languages including Traditional Chinese, whose font is the
// largest. Start-up once peaked at 333–436 MB whatever --cache-mb was,
// above the limit logged for --cache-mb 64.
func TestServeStaysWithinItsBound(t *testing.T) {
	testtool.Slow(t)
	if runtime.GOOS != "linux" {
		t.Skip("reads /proc/PID/status")
	}
	bin, err := exec.LookPath("handbill")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0", "--cache-mb", "8", "--renders", "2",
		"--layout", "poster-a4", "--layout", "leaflet-a5-bifold", "--locale", "en-GB", "--locale", "ur", "--locale", "zh-Hant")
	cmd.Env = slicesWithout(os.Environ(), "GOMEMLIMIT=", "GOGC=")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr syncBuffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Kill() // ends it if the test failed before stopping it
		_ = cmd.Wait()
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("serve did not start: %v\n%s", err, stderr.String())
	}
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	m := regexp.MustCompile(`^serving (http://127\.0\.0\.1:\d+/) `).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("serve said %q", line)
	}
	var logged struct {
		Msg   string `json:"msg"`
		Bound int64  `json:"bound_mb"`
	}
	// The log line is written before the serving line, and copied from
	// the process's stderr by a goroutine of its own.
	for deadline := time.Now().Add(10 * time.Second); logged.Msg != "memory" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		for _, l := range strings.Split(stderr.String(), "\n") {
			if json.Unmarshal([]byte(l), &logged) == nil && logged.Msg == "memory" {
				break
			}
		}
	}
	if logged.Bound <= 0 {
		t.Fatalf("serve logged no bound_mb:\n%s", stderr.String())
	}
	atStart := peakMB(t, cmd.Process.Pid)
	pages, files := crawlSite(t, m[1])
	after := peakMB(t, cmd.Process.Pid)
	t.Logf("bound %d MB; peak resident memory %d MB at start, %d MB after %d pages and %d other files", logged.Bound, atStart, after, pages, files)
	if after > logged.Bound {
		t.Errorf("peak resident memory %d MB (%d MB at start) is over the %d MB serve states", after, atStart, logged.Bound)
	}
	if pages < 20 || files < 20 {
		t.Errorf("the crawl found only %d pages and %d files", pages, files)
	}
}

func slicesWithout(env []string, prefixes ...string) []string {
	var out []string
	for _, e := range env {
		keep := true
		for _, p := range prefixes {
			keep = keep && !strings.HasPrefix(e, p)
		}
		if keep {
			out = append(out, e)
		}
	}
	return out
}

// peakMB is the peak resident memory of process pid in MiB.
func peakMB(t *testing.T, pid int) int64 {
	t.Helper()
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmHWM:" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return kb >> 10
		}
	}
	t.Fatalf("no VmHWM in /proc/%d/status", pid)
	return 0
}

var crawlRef = regexp.MustCompile(`(?:href|src)="([^"#]*)|srcset="([^"]*)"`)

// crawlSite asks for every address reachable from base's home page
// through href, src and srcset, 4 at a time, and counts the HTML pages
// and the other files; any status but 200 fails the test.
func crawlSite(t *testing.T, base string) (pages, files int) {
	t.Helper()
	root, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Timeout: 2 * time.Minute}
	seen := map[string]bool{root.String(): true}
	queue := []*url.URL{root}
	var mu sync.Mutex
	for len(queue) > 0 {
		batch := queue
		queue = nil
		sem := make(chan struct{}, 4)
		var wg sync.WaitGroup
		for _, u := range batch {
			wg.Add(1)
			sem <- struct{}{}
			go func() {
				defer func() { <-sem; wg.Done() }()
				refs, isPage := fetch(t, client, u)
				mu.Lock()
				defer mu.Unlock()
				if isPage {
					pages++
				} else {
					files++
				}
				for _, ref := range refs {
					v, err := u.Parse(ref)
					if err != nil || v.Host != root.Host {
						continue
					}
					v.Fragment = ""
					if !seen[v.String()] {
						seen[v.String()] = true
						queue = append(queue, v)
					}
				}
			}()
		}
		wg.Wait()
	}
	return pages, files
}

// fetch gets u and returns the references of an HTML page.
func fetch(t *testing.T, client *http.Client, u *url.URL) ([]string, bool) {
	resp, err := client.Get(u.String())
	if err != nil {
		t.Errorf("GET %s: %v", u, err)
		return nil, false
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("GET %s: %d %v", u, resp.StatusCode, err)
		return nil, false
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		return nil, false
	}
	var refs []string
	for _, m := range crawlRef.FindAllStringSubmatch(string(body), -1) {
		if m[1] != "" {
			refs = append(refs, m[1])
		}
		for _, c := range strings.Split(m[2], ",") {
			if f := strings.Fields(c); len(f) > 0 {
				refs = append(refs, f[0])
			}
		}
	}
	return refs, true
}
