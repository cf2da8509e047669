package serve_test

import (
	"fmt"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/serve"
	"github.com/handbill/handbill/internal/typeset"
)

// posterPDFs are the PDF addresses of the A4 poster, every locale and
// edition.
func posterPDFs(b *testing.B, ld loaded) []string {
	var out []string
	for _, l := range ld.c.Locales {
		for _, ed := range edition.All {
			out = append(out, fmt.Sprintf("/poster-a4/%s/%s/sexting-poster-a4-%s-%s.pdf", l.Tag, ed, l.Tag, ed))
		}
	}
	return out
}

// BenchmarkRenderPDF is the in-process baseline for an uncached download:
// compose the A4 poster and export one edition, through build, in
// parallel on every core as the site's render slots do.
func BenchmarkRenderPDF(b *testing.B) {
	ld := load(b)
	cmp := build.Composer(ld.c, ld.cat, ld.reg, build.Options{Creator: "handbill bench"})
	var lay build.Pair
	for _, l := range ld.c.Layouts {
		if l.Name == "poster-a4" {
			lay.Layout = l
		}
	}
	var n atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		set := typeset.NewSetter(ld.reg)
		for pb.Next() {
			i := n.Add(1)
			p := lay
			p.Locale = ld.c.Locales[int(i)%len(ld.c.Locales)].Tag
			if _, _, err := build.Render(cmp, set, p, edition.All[int(i/7)%len(edition.All)]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkDownload serves A4 poster PDFs through the site's handler:
// cached (every document rendered as the site starts), and uncached (a
// cache too small to keep anything, so each request renders).
func BenchmarkDownload(b *testing.B) {
	ld := load(b)
	paths := posterPDFs(b, ld)
	for _, tc := range []struct {
		name  string
		bytes int64
	}{{"cached", 256 << 20}, {"uncached", 1}} {
		cfg := config(ld)
		cfg.Layouts = []string{"poster-a4"}
		cfg.CacheBytes = tc.bytes
		s, err := serve.New(cfg)
		if err != nil {
			b.Fatal(err)
		}
		h := s.Handler()
		b.Run(tc.name, func(b *testing.B) {
			var n atomic.Int64
			b.ReportAllocs()
			b.RunParallel(func(pb *testing.PB) {
				for pb.Next() {
					p := paths[int(n.Add(1))%len(paths)]
					w := httptest.NewRecorder()
					h.ServeHTTP(w, httptest.NewRequest("GET", p, nil))
					if w.Code != 200 {
						b.Fatalf("%s: %d", p, w.Code)
					}
				}
			})
		})
	}
}

// BenchmarkAreaExport makes and writes the static site of every area of
// the areas test campaign (three areas, one layout, two locales), from
// scratch and
// again with nothing changed (every area kept): the per-area work of the
// national export, and what skipping an unchanged area saves. The
// national matrix itself: README, Performance.
func BenchmarkAreaExport(b *testing.B) {
	s, dir := areaSite(b, "csv", "", true)
	b.Run("scratch", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			s, _ := areaSite(b, "csv", dir, true) // each area's site made anew, as by handbill site
			if _, err := s.Export(b.TempDir(), nil); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("unchanged", func(b *testing.B) {
		out := b.TempDir()
		if _, err := s.Export(out, nil); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for b.Loop() {
			rep, err := s.Export(out, nil)
			if err != nil {
				b.Fatal(err)
			}
			if rep.Kept == 0 {
				b.Fatal("nothing kept")
			}
		}
	})
}
