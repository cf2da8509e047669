package check

import (
	"slices"
	"strings"
	"testing"

	"github.com/handbill/handbill"
	"github.com/handbill/handbill/internal/messages"
)

func bundledReport(t testing.TB, opt Options) *Report {
	in, rep := open(handbill.Bundled)
	if in == nil {
		var b strings.Builder
		rep.WriteTable(&b, false)
		t.Fatalf("the bundled campaign does not load:\n%s", b.String())
	}
	rep, err := Run(in, opt)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// TestBundledCampaignHasNoErrors: the campaign handbill ships passes its
// own check (warnings, such as draft translations, may remain).
func TestBundledCampaignHasNoErrors(t *testing.T) {
	rep := bundledReport(t, Options{})
	if rep.Errors > 0 {
		var b strings.Builder
		rep.WriteTable(&b, false)
		t.Errorf("check finds %d errors in the bundled campaign:\n%s", rep.Errors, b.String())
	}
	if len(rep.Locales) < 3 || len(rep.Layouts) == 0 {
		t.Fatalf("checked %d locales and %d layouts", len(rep.Locales), len(rep.Layouts))
	}
}

// TestPseudoLocalesFitEveryBundledLayout: every bundled layout takes text
// 35% longer (en-XA) and mirrored right to left (ar-XB): every box fits and
// composing finds no problem.
func TestPseudoLocalesFitEveryBundledLayout(t *testing.T) {
	rep := bundledReport(t, Options{Locales: messages.Pseudo})
	for _, lr := range rep.Locales {
		if len(lr.Fits) == 0 {
			t.Errorf("%s: no box was measured", lr.Tag)
		}
		seen := map[string]bool{}
		for _, f := range lr.Fits {
			seen[f.Layout] = true
			if !f.Fits {
				t.Errorf("%s: %s %s: %s", lr.Tag, f.Layout, f.Block, f.Describe())
			}
		}
		for _, l := range rep.Layouts {
			if !seen[l] {
				t.Errorf("%s: layout %s was not measured", lr.Tag, l)
			}
		}
		for _, p := range lr.Problems {
			t.Errorf("%s: %s: %s", lr.Tag, p.Where(), p.Text)
		}
	}
	for _, p := range rep.Problems {
		t.Errorf("campaign: %s: %s", p.Where(), p.Text)
	}
}

// BenchmarkCheckBundled is `handbill check` on the bundled campaign:
// loading it (fonts parse lazily, once per process) and checking every
// locale, pseudo-locales included, in every layout. The issue asks for
// under 2 s.
func BenchmarkCheckBundled(b *testing.B) {
	for b.Loop() {
		bundledReport(b, Options{})
	}
}

// TestIconsLeftOutNoted: where a bundled layout's text does not fit
// beside its icons (Urdu's risks on the A5 front), check says so in a
// note of the locale, and not for a locale that draws them.
func TestIconsLeftOutNoted(t *testing.T) {
	rep := bundledReport(t, Options{Locales: []string{"ur", "en-GB"}})
	want := "leaflet-a5: block points is set without its icons: its text does not fit with them at its smallest sizes"
	for _, lr := range rep.Locales {
		noted := slices.Contains(lr.Notes, want)
		if noted != (lr.Tag == "ur") {
			t.Errorf("%s: notes %q; want the left-out icons noted %v", lr.Tag, lr.Notes, lr.Tag == "ur")
		}
	}
}
