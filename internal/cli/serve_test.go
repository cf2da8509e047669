package cli_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/handbill/handbill/internal/cli"
)

// syncBuffer is a bytes.Buffer safe to write from the server and read
// from the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serve starts `handbill serve` in this process and returns its address
// and the channel its exit code arrives on.
func serveInProcess(t *testing.T, args ...string) (string, *syncBuffer, chan int) {
	t.Helper()
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- cli.Main(append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), &out, &errb)
	}()
	re := regexp.MustCompile(`^serving (http://127\.0\.0\.1:\d+/) \(\d+ addresses\); stop with Ctrl-C\n$`)
	deadline := time.Now().Add(2 * time.Minute)
	for time.Now().Before(deadline) {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			return m[1], &errb, done
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d before serving:\n%s\n%s", code, out.String(), errb.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
	t.Fatalf("serve did not start:\n%s\n%s", out.String(), errb.String())
	return "", nil, nil
}

// When told to stop (on SIGTERM; here through the hook the signal cancels)
// serve stops taking connections, finishes the requests in flight and exits
// 0, logging that it stopped. With one render at a time, previews asked for
// together queue up: the stop comes once every one has reached the site's
// handler, while most still wait, and every one is answered.
func TestServeStopsGracefully(t *testing.T) {
	arrived, stop := stopHooks(t, 64)
	// A grace long enough for a loaded machine: the test is that every
	// request is answered, not how fast.
	args := []string{"--layout", "poster-a4", "--renders", "1", "--grace", "5m"}
	locales := []string{"en-GB", "ar", "bn", "so"}
	if testing.Short() {
		// Four previews queue up as well as eight, on a site of three
		// locales (serve fits every locale it offers as it starts).
		locales = []string{"ar", "so"}
		args = append(args, "--locale", "en-GB", "--locale", "ur", "--locale", "ar", "--locale", "so")
	}
	base, logs, done := serveInProcess(t, args...)
	resp, err := http.Get(base + "poster-a4/ur/screen/sexting-poster-a4-ur-screen.pdf")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || !bytes.HasPrefix(body, []byte("%PDF-")) {
		t.Fatalf("download: %v, %d, %.10q", err, resp.StatusCode, body)
	}

	type answer struct {
		path   string
		status int
		png    bool
		at     time.Time
		err    error
	}
	var paths []string
	for _, loc := range locales {
		for _, ed := range []string{"screen", "print"} {
			paths = append(paths, fmt.Sprintf("poster-a4/%s/%s/page-1.png", loc, ed))
		}
	}
	answers := make(chan answer, len(paths))
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	for _, p := range paths {
		go func() {
			r, err := client.Get(base + p)
			if err != nil {
				answers <- answer{path: p, err: err, at: time.Now()}
				return
			}
			b, err := io.ReadAll(r.Body)
			r.Body.Close()
			answers <- answer{p, r.StatusCode, bytes.HasPrefix(b, []byte("\x89PNG")), time.Now(), err}
		}()
	}
	<-arrived // the download's
	for range paths {
		<-arrived
	}
	signalled := time.Now()
	stop()
	late := 0
	for range paths {
		a := <-answers
		if a.err != nil || a.status != 200 || !a.png {
			t.Errorf("%s: %v, %d, png %v", a.path, a.err, a.status, a.png)
		}
		if a.at.After(signalled) {
			late++
		}
	}
	if late == 0 {
		t.Error("every preview was answered before the signal: the test proves nothing")
	}
	t.Logf("%d of %d previews were answered after the signal", late, len(paths))
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited with %d after SIGTERM, want 0:\n%s", code, logs.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop")
	}
	if _, err := http.Get(base); err == nil {
		t.Error("serve still answers after it stopped")
	}
	for _, want := range []string{`"msg":"shutting down"`, `"msg":"stopped"`, `"msg":"request","method":"GET","path":"/poster-a4/so/print/page-1.png","status":200`} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("the log lacks %s", want)
		}
	}
}

// Past --grace serve closes the connections still open and exits 0, as
// its help and the README say: the stop was asked for. Previews rendered
// one at a time with nothing cached outlast a 1 ms grace.
func TestServePastGraceExitsZero(t *testing.T) {
	arrived, stop := stopHooks(t, 16)
	base, logs, done := serveInProcess(t, "--layout", "poster-a4", "--locale", "en-GB", "--locale", "ur", "--locale", "pl",
		"--renders", "1", "--cache-mb", "0", "--grace", "1ms")
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	for _, loc := range []string{"en-GB", "ur", "pl"} {
		for _, ed := range []string{"screen", "print"} {
			go func() {
				r, err := client.Get(base + "poster-a4/" + loc + "/" + ed + "/page-1.png")
				if err == nil {
					io.Copy(io.Discard, r.Body)
					r.Body.Close()
				}
			}()
		}
	}
	for range 6 {
		<-arrived // every preview is in the handler, one rendering, the others waiting
	}
	stop()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited with %d past its grace, want 0:\n%s", code, logs.String())
		}
	case <-time.After(time.Minute):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(logs.String(), `"msg":"grace period over: closing the connections still open"`) {
		t.Errorf("the log does not say the grace period ran out:\n%s", logs.String())
	}
}

func TestServeBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"serve", "--addr", "nonsense"}, "--addr nonsense: "},
		{[]string{"serve", "--log", "xml"}, "--log: expected json or text, found \"xml\""},
		{[]string{"serve", "--cache-mb", "-1"}, "--cache-mb: expected 0 or more, found -1"},
		{[]string{"serve", "--layout", "poster-a5"}, `hint: did you mean "poster-a4"?`},
		{[]string{"serve", "--addr", "127.0.0.1:0", "--url", "posters.example.org"}, `--url: expected the site's public address, such as https://posters.example.org/ (http or https, ending in /), found "posters.example.org"`},
		{[]string{"site", "--out", "x", "--url", "https://posters.example.org"}, `--url: expected the site's public address`},
	} {
		var out, errb bytes.Buffer
		if code := cli.Main(tc.args, &out, &errb); code != cli.ExitBadInput {
			t.Errorf("%v: exit %d, want %d", tc.args, code, cli.ExitBadInput)
		}
		if !strings.Contains(errb.String(), tc.want) {
			t.Errorf("%v: stderr %q lacks %q", tc.args, errb.String(), tc.want)
		}
	}
}

// stopHooks makes serveInProcess's serve report each request reaching the
// site's handler on arrived (buffered for n) and stop when stop is called,
// as it does on SIGTERM.
func stopHooks(t *testing.T, n int) (arrived chan struct{}, stop context.CancelFunc) {
	arrived = make(chan struct{}, n)
	ctx, stop := context.WithCancel(context.Background())
	t.Cleanup(stop)
	restore := cli.SetServeHooks(
		func(h http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				arrived <- struct{}{}
				h.ServeHTTP(w, r)
			})
		},
		func() (context.Context, context.CancelFunc) { return ctx, stop })
	t.Cleanup(restore)
	return arrived, stop
}
