package compose

import (
	"testing"

	"github.com/handbill/handbill/internal/page"
)

// TestSplitAt: a run cut where its language changes gives pieces that
// draw the same glyphs at the same places, with their own source and
// clusters; a line end's word break stays with the last piece.
func TestSplitAt(t *testing.T) {
	run := &page.Text{X: 10, Source: "中Cumbria 中", SpaceAfter: true}
	for i := range []rune(run.Source) {
		run.Glyphs = append(run.Glyphs, page.Glyph{ID: uint16(i + 1), X: float64(5 * i), Cluster: i})
	}
	ps := splitAt(run, []int{1, 8})
	want := []string{"中", "Cumbria", " 中"}
	if len(ps) != len(want) {
		t.Fatalf("%d pieces, want %d", len(ps), len(want))
	}
	n := 0
	for k, p := range ps {
		if p.Source != want[k] || p.SpaceAfter != (k == len(ps)-1) {
			t.Errorf("piece %d: %q space-after %v, want %q", k, p.Source, p.SpaceAfter, want[k])
		}
		for i, g := range p.Glyphs {
			orig := run.Glyphs[n]
			if g.ID != orig.ID || float64(p.X)+g.X != float64(run.X)+orig.X || g.Cluster != i {
				t.Errorf("piece %d glyph %d: id %d at %.1f cluster %d, want id %d at %.1f", k, i, g.ID, float64(p.X)+g.X, g.Cluster, orig.ID, float64(run.X)+orig.X)
			}
			n++
		}
	}
	if n != len(run.Glyphs) {
		t.Errorf("pieces draw %d glyphs, want %d", n, len(run.Glyphs))
	}
}

// TestEndsWithHyphen: the hyphens poppler drops at a line end mark a
// hyphen break; a soft hyphen, which it should drop, does not.
func TestEndsWithHyphen(t *testing.T) {
	for s, want := range map[string]bool{"ar-": true, "তরুণ-": true, "x\u2010": true, "x\uff0d": true, "x\u00ad": false, "x–": false, "ar": false, "": false} {
		if got := endsWithHyphen(s); got != want {
			t.Errorf("endsWithHyphen(%q) = %v, want %v", s, got, want)
		}
	}
}
