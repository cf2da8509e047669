package compose_test

import (
	"slices"
	"testing"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/typeset"
)

// TestHeadingShrinksToKeepPhrases: a heading whose phrase is wider than
// its box at the top of its size range, and not at the bottom, is set
// smaller rather than broken inside the phrase: the zh-Hans DL headline
// in a 40 mm box ("先想一想" at the range's 44 pt is 62 mm) reads "发送前，
// / 先想一想", not "发送前，先想一 / 想".
func TestHeadingShrinksToKeepPhrases(t *testing.T) {
	cmp := bundled(t)
	lay := editBlocks(layout(t, cmp.Campaign, "leaflet-dl"), func(b *campaign.Block) {
		if b.Name == "headline" {
			b.Box.W = 40 * geom.MM
		}
	})
	res := cmp.Compose(typeset.NewSetter(cmp.Fonts), lay, "zh-Hans")
	if err := res.Diags.Err(); err != nil {
		t.Fatal(err)
	}
	var lines []string
	var base geom.Pt
	size := geom.Pt(0)
	for _, it := range res.Doc.Pages[0].Items {
		v, ok := it.(*page.Text)
		if !ok || v.Color.Name != "paper" || v.TypeRole != "heading" || v.Size < 20 { // the headline, not the issuer's name
			continue
		}
		if len(lines) == 0 || v.Y != base {
			lines = append(lines, "")
			base = v.Y
		}
		lines[len(lines)-1] += v.Source
		size = v.Size
	}
	if want := []string{"发送前，", "先想一想"}; !slices.Equal(lines, want) {
		t.Errorf("headline lines %q at %.1f pt, want %q", lines, size, want)
	}
	if size >= 44 {
		t.Errorf("headline at %.1f pt: not set smaller than the range's top", size)
	}
}

// editBlocks returns a copy of lay with f applied to every block of every
// page; lay is not changed.
func editBlocks(lay *campaign.Layout, f func(b *campaign.Block)) *campaign.Layout {
	out := *lay
	out.Pages = slices.Clone(lay.Pages)
	for i := range out.Pages {
		out.Pages[i].Blocks = slices.Clone(out.Pages[i].Blocks)
		for k := range out.Pages[i].Blocks {
			f(&out.Pages[i].Blocks[k])
		}
	}
	return &out
}
