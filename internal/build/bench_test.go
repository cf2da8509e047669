package build_test

import (
	"testing"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/fonts"
	"github.com/handbill/handbill/internal/messages"
	"github.com/handbill/handbill/internal/testtool"
	"github.com/handbill/handbill/internal/typeset"
)

// loadBundled reads the bundled campaign once for a benchmark or test.
func loadBundled(tb testing.TB) (*campaign.Campaign, *messages.Catalog, *fonts.Registry) {
	tb.Helper()
	return testtool.Bundled(tb)
}

// BenchmarkPosterA4 renders one edition of the A4 poster to PDF bytes in a
// warm process (fonts parsed once, as in a build; the setter keeps the
// paragraphs it shaped, as a build's worker does for a locale's later
// layouts and second edition), composition included,
// for one locale of each script family: Latin, Bengali, Urdu (Nastaliq)
// and Chinese in both of its fonts (zh-Hans in Droid Sans Fallback, zh-Hant
// in Noto Sans TC). The two editions of a pair share their font subsets, as
// they do in a build, where both are rendered from one composition.
func BenchmarkPosterA4(b *testing.B) {
	benchPosters(b, edition.All, func(reg *fonts.Registry) func() *typeset.Setter {
		s := typeset.NewSetter(reg)
		return func() *typeset.Setter { return s }
	})
}

// BenchmarkPosterA4FirstLayout is BenchmarkPosterA4 with a new Setter for
// every poster, so every paragraph is shaped anew (and go-text's per-face
// caches start empty): what the first layout of a locale costs in a build,
// before the setter's shaped paragraphs serve the other layouts and the
// second edition.
func BenchmarkPosterA4FirstLayout(b *testing.B) {
	benchPosters(b, []edition.Edition{edition.Print}, func(reg *fonts.Registry) func() *typeset.Setter {
		return func() *typeset.Setter { return typeset.NewSetter(reg) }
	})
}

// benchPosters renders the A4 poster in one locale of each script family
// (and of each Chinese font),
// in each edition given, with the setter that setter(reg) hands out for
// each poster, and reports CPU time beside wall time.
func benchPosters(b *testing.B, eds []edition.Edition, setter func(*fonts.Registry) func() *typeset.Setter) {
	c, cat, reg := loadBundled(b)
	cmp := build.Composer(c, cat, reg, build.Options{Creator: "handbill bench"})
	for _, loc := range []string{"en-GB", "bn", "ur", "zh-Hans", "zh-Hant"} {
		pairs, err := build.Pairs(c, []string{"poster-a4"}, []string{loc})
		if err != nil {
			b.Fatal(err)
		}
		for _, ed := range eds {
			b.Run(loc+"/"+string(ed), func(b *testing.B) {
				next := setter(reg)
				b.ReportAllocs()
				cpu := testtool.CPUTime(b)
				for b.Loop() {
					if _, _, err := build.Render(cmp, next(), pairs[0], ed); err != nil {
						b.Fatal(err)
					}
				}
				cpu()
			})
		}
	}
}

// BenchmarkCampaign builds every layout in every locale into a temporary
// folder with one worker per CPU, as `handbill build` does, in a warm
// process: one untimed build first parses the fonts (Noto Sans TC alone
// takes about 0.3 s), which a fresh process pays once (README,
// Performance) and the download site at its start.
func BenchmarkCampaign(b *testing.B) {
	c, cat, reg := loadBundled(b)
	pairs, err := build.Pairs(c, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	// Force: every iteration builds every file, none kept from the last.
	opt := build.Options{Out: out, Jobs: 2, Creator: "handbill bench", Force: true}
	if _, err := build.Run(c, cat, reg, pairs, opt); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	cpu := testtool.CPUTime(b)
	for b.Loop() {
		if _, err := build.Run(c, cat, reg, pairs, opt); err != nil {
			b.Fatal(err)
		}
	}
	cpu()
}
