package cli

import (
	"io"
	"testing"
)

// BenchmarkBuildOnePoster is `handbill build` of the English A4 poster
// (print edition) as a fresh process does it: campaign, messages and font
// table loaded and fonts parsed anew on every call, only the Go runtime
// warm. It measures what a user waits for beyond process start.
func BenchmarkBuildOnePoster(b *testing.B) {
	out := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		if code := Main([]string{"build", "--layout", "poster-a4", "--locale", "en-GB", "--edition", "print", "--out", out}, io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
