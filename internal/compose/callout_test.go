package compose_test

import (
	"testing"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/typeset"
)

// A callout (a text block with below: and a fill) takes the room the text
// it follows leaves: its field starts FieldInset under that text's last
// line and ends at its box's foot, its text FieldInset inside the field;
// where the text needs the room (Urdu's points on the A5 front fill the
// page), it is left out and nothing is reported.
func TestCallout(t *testing.T) {
	cmp := bundled(t)
	lay := *layout(t, cmp.Campaign, "leaflet-a5")
	lay.Pages = append([]campaign.Page(nil), lay.Pages...)
	front := &lay.Pages[0]
	var points campaign.Block
	for _, b := range front.Blocks {
		if b.Name == "points" {
			points = b
		}
	}
	if points.Name == "" {
		t.Fatal("the A5 front has no block named points")
	}
	field := geom.Color{Name: "callout-field", RGB: [3]float64{1, 0.8, 0}}
	callout := campaign.Block{Kind: campaign.TextBlock, Name: "callout", Below: "points", Box: points.Box, Fill: field,
		Color: points.Color, VAlign: campaign.Middle,
		Paragraphs: []campaign.Paragraph{{Message: "strapline", Role: campaign.Heading, Min: 14, Max: 20}}}
	var blocks []campaign.Block
	for _, b := range front.Blocks {
		if b.Below == "" { // the layout's own callouts aside
			blocks = append(blocks, b)
		}
	}
	front.Blocks = append(blocks, callout)
	for _, tc := range []struct {
		locale string
		drawn  bool
	}{{"en-GB", true}, {"ur", false}} {
		res := cmp.Compose(typeset.NewSetter(cmp.Fonts), &lay, tc.locale)
		if err := res.Diags.Err(); err != nil {
			t.Fatalf("%s: %v", tc.locale, err)
		}
		fill, last, inField := calloutOf(t, tc.locale, res.Doc.Pages[0], field.Name, points.Box)
		if (fill != nil) != tc.drawn {
			t.Fatalf("%s: callout drawn %v, want %v", tc.locale, fill != nil, tc.drawn)
		}
		if fill == nil {
			continue
		}
		if inField == 0 {
			t.Errorf("%s: the callout's field holds no text", tc.locale)
		}
		if float64(fill.Rect.Y) < last+float64(campaign.FieldInset) {
			t.Errorf("%s: the field starts at %.1f mm, less than %.0f mm under the last baseline of the points (%.1f mm)", tc.locale, fill.Rect.Y.MM(), campaign.FieldInset.MM(), last/float64(geom.MM))
		}
		if fill.Rect.Bottom() != points.Box.Bottom() {
			t.Errorf("%s: the field ends at %.1f mm, want the box's foot %.1f mm", tc.locale, fill.Rect.Bottom().MM(), points.Box.Bottom().MM())
		}
	}
}

// calloutOf finds on p the field of colour name, the last baseline of the
// text in box drawn before it and how many runs the field holds; each
// must be inside it.
func calloutOf(t *testing.T, locale string, p *page.Page, name string, box geom.Rect) (fill *page.Fill, last float64, inField int) {
	t.Helper()
	for _, it := range p.Items {
		switch v := it.(type) {
		case *page.Fill:
			if v.Color.Name == name {
				fill = v
			}
		case *page.Text:
			at := geom.Rect{X: v.X, Y: v.Y, W: 0.1, H: 0.1}
			switch {
			case fill != nil:
				inField++
				if !fill.Rect.Contains(at) {
					t.Errorf("%s: callout text %q outside its field %v", locale, v.Source, fill.Rect)
				}
			case box.Contains(at):
				last = float64(v.Y)
			}
		}
	}
	return fill, last, inField
}
