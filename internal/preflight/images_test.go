package preflight

import (
	"image"
	"testing"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// TestRasterProblemAtItsBlock: a raster too coarse for print is reported
// at the line of the block that places it, in the file that block is
// written in — the base layout a poster extends — not at the layout's
// file without a line.
func TestRasterProblemAtItsBlock(t *testing.T) {
	lay := testLayout()
	lay.Pages = []campaign.Page{{Name: "front", Blocks: []campaign.Block{
		{Kind: campaign.ImageBlock, Name: "photo", File: "layouts/base/card.yaml", Line: 42},
	}}}
	// 100 × 100 pixels over 28.2 mm: 90 ppi.
	r := &page.Raster{Source: "assets/photo.png", Format: "png", Width: 100, Height: 100, Model: page.Gray, Pixels: image.NewGray(image.Rect(0, 0, 100, 100))}
	box := geom.Rect{X: 10 * mm, Y: 10 * mm, W: 28.2 * mm, H: 28.2 * mm}
	d := doc(&page.Image{Raster: r, Rect: box, Clip: box, Figure: &page.Figure{Source: r.Source, Block: "photo", Box: box}})
	pf := Check(d, lay, edition.Print)
	var got []diag.Diagnostic
	for _, p := range pf.Problems {
		if p.Path == "block photo" {
			got = append(got, p)
		}
	}
	if len(got) != 1 || got[0].Severity != diag.Error || got[0].Pos() != "layouts/base/card.yaml:42" {
		t.Fatalf("problems of block photo: %v, want one error at layouts/base/card.yaml:42", got)
	}
}
