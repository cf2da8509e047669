package compose_test

import (
	"math"
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/typeset"
)

// An icon slot the campaign fills is drawn at its block's start edge: the
// left in English, the right in Arabic (the box mirrors, the drawing does
// not), with the lines beside it (icon: SIZE) kept a quarter of its side
// clear of it on the end side, or under it (place: above) with no line
// beside it.
func TestIconStartEdge(t *testing.T) {
	cmp := bundled(t)
	lay := layout(t, cmp.Campaign, "leaflet-a5-bifold")
	for _, tc := range []struct {
		loc string
		rtl bool
	}{{"en-GB", false}, {"ar", true}} {
		res := cmp.Compose(typeset.NewSetter(cmp.Fonts), lay, tc.loc)
		if err := res.Diags.Err(); err != nil {
			t.Fatalf("%s: %v", tc.loc, err)
		}
		for _, c := range []struct{ block, message string }{{"points", "point.1"}, {"advice", "section.1.heading"}} {
			b, para := paragraphOf(t, lay, c.block, c.message)
			box := textBox(lay, b, tc.rtl)
			p := res.Doc.Pages[1]
			fig := iconFigure(p, c.message)
			if fig == nil {
				t.Fatalf("%s %s: no icon drawn", tc.loc, c.message)
			}
			if at := map[bool]geom.Pt{false: fig.Box.X - box.X, true: box.Right() - fig.Box.Right()}[tc.rtl]; math.Abs(float64(at)) > 0.01 {
				t.Errorf("%s %s: icon %.1f mm from the start edge, want on it", tc.loc, c.message, at.MM())
			}
			checkBeside(t, tc.loc+" "+c.message, p, box, fig.Box, para, tc.rtl)
		}
	}
}

// checkBeside checks the lines level with an icon: beside it on the end
// side, a quarter of its side away, or none when it is above its text.
func checkBeside(t *testing.T, name string, p *page.Page, box, icon geom.Rect, para campaign.Paragraph, rtl bool) {
	t.Helper()
	gap := 0.25 * float64(para.Icon)
	level := 0
	for _, it := range p.Items {
		v, ok := it.(*page.Text)
		if !ok || v.Y < icon.Y || v.Y > icon.Bottom() || v.X < box.X || v.X > box.Right() {
			continue
		}
		level++
		switch {
		case para.IconAbove:
			t.Errorf("%s: the line %q is level with an icon set above its text", name, v.Source)
		case !rtl && float64(v.X) < float64(icon.Right())+gap-0.01:
			t.Errorf("%s: the line %q starts %.1f mm from the icon, want at least %.1f mm", name, v.Source, (v.X - icon.Right()).MM(), gap/float64(geom.MM))
		case rtl && float64(v.X)+v.Width() > float64(icon.X)-gap+0.01:
			t.Errorf("%s: the line %q ends %.1f mm from the icon, want at least %.1f mm", name, v.Source, (float64(icon.X)-float64(v.X)-v.Width())/float64(geom.MM), gap/float64(geom.MM))
		}
	}
	if level == 0 && !para.IconAbove {
		t.Errorf("%s: no line beside the icon", name)
	}
}

// Where the campaign gives no pictogram (the init starter), an icon slot
// takes no room: the document is the one composed from the layout without
// its slots.
func TestIconSlotEmpty(t *testing.T) {
	cmp := bundled(t)
	none := *cmp.Campaign
	none.Brand.Icons = nil
	bare := &compose.Composer{Campaign: &none, Catalog: cmp.Catalog, Fonts: cmp.Fonts}
	for _, name := range []string{"leaflet-a5", "leaflet-dl"} {
		lay := layout(t, cmp.Campaign, name)
		noSlots := withoutSlots(lay)
		for _, loc := range []string{"en-GB", "ur"} {
			a := bare.Compose(typeset.NewSetter(cmp.Fonts), lay, loc)
			b := bare.Compose(typeset.NewSetter(cmp.Fonts), noSlots, loc)
			if a.Diags.Err() != nil || b.Diags.Err() != nil {
				t.Fatalf("%s %s: %v %v", name, loc, a.Diags.Err(), b.Diags.Err())
			}
			if a.Doc.Dump() != b.Doc.Dump() {
				t.Errorf("%s %s: empty icon slots changed the document", name, loc)
			}
			if iconFigure(a.Doc.Pages[0], "point.1") != nil || iconFigure(a.Doc.Pages[len(a.Doc.Pages)-1], "point.1") != nil {
				t.Errorf("%s %s: an icon drawn with none given", name, loc)
			}
		}
		with := cmp.Compose(typeset.NewSetter(cmp.Fonts), lay, "en-GB")
		without := bare.Compose(typeset.NewSetter(cmp.Fonts), lay, "en-GB")
		if with.Doc.Dump() == without.Doc.Dump() {
			t.Errorf("%s: the campaign's icons change nothing", name)
		}
	}
}

// withoutSlots returns a copy of lay whose paragraphs have no icon slot.
func withoutSlots(lay *campaign.Layout) *campaign.Layout {
	out := *lay
	out.Pages = make([]campaign.Page, len(lay.Pages))
	for pi, pg := range lay.Pages {
		out.Pages[pi] = pg
		out.Pages[pi].Blocks = make([]campaign.Block, len(pg.Blocks))
		for bi, b := range pg.Blocks {
			b.Paragraphs = append([]campaign.Paragraph(nil), b.Paragraphs...)
			for qi := range b.Paragraphs {
				b.Paragraphs[qi].Icon, b.Paragraphs[qi].IconAbove = 0, false
			}
			out.Pages[pi].Blocks[bi] = b
		}
	}
	return &out
}

// iconFigure is the figure of the icon of message on p, or nil.
func iconFigure(p *page.Page, message string) *page.Figure {
	for _, it := range p.Items {
		if v, ok := it.(*page.Path); ok && v.Figure != nil && v.Figure.Block == "icon "+message {
			return v.Figure
		}
	}
	return nil
}

// paragraphOf returns the block named block of lay and its paragraph
// setting message.
func paragraphOf(t *testing.T, lay *campaign.Layout, block, message string) (campaign.Block, campaign.Paragraph) {
	t.Helper()
	for _, pg := range lay.Pages {
		for _, b := range pg.Blocks {
			for _, para := range b.Paragraphs {
				if b.Name == block && para.Message == message {
					return b, para
				}
			}
		}
	}
	t.Fatalf("%s: no paragraph %s in block %s", lay.Name, message, block)
	return campaign.Block{}, campaign.Paragraph{}
}

// A paragraph beside its icon wraps around it: its lines level with the
// icon start a quarter of the icon's side clear of it (the icon is at the
// start edge: the left in English, the right in Arabic and Urdu), and
// the lines under the icon take the block's full width, starting at its
// start edge.
func TestIconWrapAround(t *testing.T) {
	cmp := bundled(t)
	lay := layout(t, cmp.Campaign, "leaflet-a5-bifold")
	b, para := paragraphOf(t, lay, "points", "point.1")
	for _, tc := range []struct {
		loc string
		rtl bool
	}{{"en-GB", false}, {"ar", true}, {"ur", true}} {
		res := cmp.Compose(typeset.NewSetter(cmp.Fonts), lay, tc.loc)
		if err := res.Diags.Err(); err != nil {
			t.Fatalf("%s: %v", tc.loc, err)
		}
		box := textBox(lay, b, tc.rtl)
		p := res.Doc.Pages[1]
		fig := iconFigure(p, para.Message)
		if fig == nil {
			t.Fatalf("%s: no icon drawn", tc.loc)
		}
		gap := 0.25 * float64(para.Icon)
		beside, under := 0, 0
		for _, v := range paragraphRuns(p, para.Message) {
			// Where the line starts, from the start edge.
			from := float64(v.X - box.X)
			if tc.rtl {
				from = float64(box.Right()) - float64(v.X) - v.Width()
			}
			switch {
			case v.Y <= fig.Box.Bottom():
				beside++
				if from < float64(fig.Box.W)+gap-0.01 {
					t.Errorf("%s: the line %q beside the icon starts %.1f mm from the start edge, want at least %.1f mm", tc.loc, v.Source, from/float64(geom.MM), (float64(fig.Box.W)+gap)/float64(geom.MM))
				}
			case from < float64(fig.Box.W)/2:
				under++ // a full line under the icon
			}
		}
		if beside == 0 || under == 0 {
			t.Errorf("%s: %d lines beside the icon, %d lines under it at the full width: want both", tc.loc, beside, under)
		}
	}
}

// paragraphRuns returns the runs of the paragraph drawn after the icon of
// message on p: the text drawn from its icon's paths to the next icon.
func paragraphRuns(p *page.Page, message string) []*page.Text {
	var out []*page.Text
	in := false
	for _, it := range p.Items {
		switch v := it.(type) {
		case *page.Path:
			if v.Figure != nil && strings.HasPrefix(v.Figure.Block, "icon ") {
				if in && v.Figure.Block != "icon "+message {
					return out
				}
				in = v.Figure.Block == "icon "+message
			}
		case *page.Text:
			if in {
				out = append(out, v)
			}
		}
	}
	return out
}

// textBox is where block b's lines go on the page, mirrored in a
// right-to-left locale.
func textBox(lay *campaign.Layout, b campaign.Block, rtl bool) geom.Rect {
	if rtl {
		return b.TextBox().MirrorX(lay.Size.W)
	}
	return b.TextBox()
}
