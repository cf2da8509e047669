package compose

import (
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/typeset"
)

// A run of glyphs that reaches place without the face that draws it is an
// error in the result, never text that silently vanishes from the page.
func TestPlaceReportsRunWithoutFace(t *testing.T) {
	j := &job{lay: &campaign.Layout{Name: "card", File: "layouts/card.yaml"}, loc: "en-GB", res: &Result{}}
	para := &typeset.Para{Size: 12, Lines: []typeset.Line{{Height: 14, Runs: []typeset.Run{
		{Source: "Call", Glyphs: []page.Glyph{{ID: 1}}},
	}}}}
	p := &page.Page{}
	j.place(p, para, campaign.Body, geom.Black, geom.Rect{W: 100, H: 100}, campaign.Start, 0)
	if len(p.Items) != 0 {
		t.Errorf("placed %d items for a run without a face", len(p.Items))
	}
	if err := j.res.Diags.Err(); err == nil || !strings.Contains(err.Error(), `"Call"`) {
		t.Errorf("diagnostics %v: want an error naming the run", j.res.Diags)
	}
}
