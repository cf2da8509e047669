package serve

import (
	"fmt"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/geom"
)

// The site's colours come from the campaign, not from site.css: the
// brand's palette (campaign.yaml brand:) names brand (the header, links,
// buttons, focus rings) and accent (the header's rule and focus ring);
// a campaign without a brand palette takes them from its first layout's
// palette, which holds both in the bundled campaign. They must meet
// WCAG 2.x AA where the site uses them: white text on brand, and so brand
// links on white, at 4.5:1; accent on brand at 3:1 (a focus ring).

// siteColors are the colours the style sheet's custom properties hold.
type siteColors struct{ brand, accent geom.Color }

// brandColors finds the site's colours in c, or says which is missing.
func brandColors(c *campaign.Campaign) (siteColors, error) {
	pick := func(name string) (geom.Color, bool) {
		if col, ok := c.Brand.Palette[name]; ok {
			return col, true
		}
		if len(c.Layouts) > 0 {
			col, ok := c.Layouts[0].Palette[name]
			return col, ok
		}
		return geom.Color{}, false
	}
	var sc siteColors
	var ok bool
	for _, f := range []struct {
		name string
		to   *geom.Color
	}{{"brand", &sc.brand}, {"accent", &sc.accent}} {
		if *f.to, ok = pick(f.name); !ok {
			return sc, fmt.Errorf("%s: the site takes its colours from the brand, found no colour %q in brand.palette or in the first layout's palette\n\thint: add %s: {cmyk: [C, M, Y, K], rgb: \"#rrggbb\"} to brand: palette: in campaign.yaml", c.File, f.name, f.name)
		}
	}
	white := geom.Color{Name: "white", RGB: [3]float64{1, 1, 1}}
	for _, p := range []struct {
		what   string
		fg, bg geom.Color
		need   float64
	}{
		{"white text on the brand colour (header, buttons)", white, sc.brand, 4.5},
		{"the accent colour on the brand colour (the header's focus ring)", sc.accent, sc.brand, 3},
	} {
		if r := geom.Contrast(p.fg, p.bg); r < p.need {
			return sc, fmt.Errorf("%s: the site's colours: %s has contrast %.2f:1 (%s on %s), below WCAG 2.x AA's %g:1\n\thint: darken brand or choose another accent in brand: palette: in campaign.yaml", c.File, p.what, r, geom.Hex(p.fg.RGB), geom.Hex(p.bg.RGB), p.need)
		}
	}
	return sc, nil
}

// css is the style sheet's custom properties: --brand, --accent and
// --brand-hover (the brand mixed a fifth of the way to white).
func (sc siteColors) css() string {
	var hover [3]float64
	for i, v := range sc.brand.RGB {
		hover[i] = v + (1-v)*0.2
	}
	return fmt.Sprintf(":root{--brand:%s;--brand-hover:%s;--accent:%s}\n", geom.Hex(sc.brand.RGB), geom.Hex(hover), geom.Hex(sc.accent.RGB))
}
