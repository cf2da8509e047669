package pdf

import (
	"testing"

	"github.com/handbill/handbill/internal/page"
)

// TestShareClusters: a glyph with no code point of its own that only ever
// draws part of clusters takes the characters its other glyphs do not
// stand for when that is the same in every cluster (a Bengali reph beside
// any consonant reads র্), and otherwise — the second glyph of one
// Nastaliq letter, a stroke that several letters share — reads as a zero
// width joiner, never as nothing and never as a second copy of a letter. A
// glyph that already has a text keeps it.
func TestShareClusters(t *testing.T) {
	const ka, ta, reph, beh, dot, stroke, alone = 10, 12, 11, 20, 21, 22, 30
	g := func(ids ...uint16) []page.Glyph {
		out := make([]page.Glyph, len(ids))
		for k, id := range ids {
			out[k] = page.Glyph{ID: id}
		}
		return out
	}
	u := &usage{
		gids:  []uint16{ka, ta, reph, beh, dot, stroke, alone},
		texts: map[uint16]string{ka: "ক", ta: "ত", alone: "x"},
		shared: map[uint16][]sharedCluster{
			reph:   {{text: []rune("র্ক"), glyphs: g(ka, reph)}, {text: []rune("র্ত"), glyphs: g(reph, ta)}},
			beh:    {{text: []rune("ب"), glyphs: g(beh, dot)}},
			dot:    {{text: []rune("ب"), glyphs: g(beh, dot)}},
			stroke: {{text: []rune("ک"), glyphs: g(stroke, ka)}, {text: []rune("ل"), glyphs: g(stroke, ta)}},
			alone:  {{text: []rune("yz"), glyphs: g(alone, ka)}},
		},
	}
	u.shareClusters()
	for id, want := range map[uint16]string{ka: "ক", ta: "ত", reph: "র্", beh: "ب", dot: joiner, stroke: joiner, alone: "x"} {
		if got := u.texts[id]; got != want {
			t.Errorf("glyph %d stands for %q, want %q", id, got, want)
		}
	}
}
