package serve

import (
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/geom"
)

// The site's colours come from the brand, and a brand the site cannot be
// read in is refused with the ratio: white on yellow, or an accent ring
// lost on the brand colour.
func TestBrandColors(t *testing.T) {
	col := func(hex string) geom.Color {
		rgb, err := geom.ParseHex(hex)
		if err != nil {
			t.Fatal(err)
		}
		return geom.Color{RGB: rgb}
	}
	c := &campaign.Campaign{File: "campaign.yaml", Brand: campaign.Brand{Palette: map[string]geom.Color{"brand": col("#00664f"), "accent": col("#fbb800")}}}
	sc, err := brandColors(c)
	if err != nil {
		t.Fatal(err)
	}
	if got := sc.css(); !strings.HasPrefix(got, ":root{--brand:#00664f;") || !strings.Contains(got, "--accent:#fbb800") {
		t.Errorf("css() = %q", got)
	}
	for _, tc := range []struct{ brand, accent, want string }{
		{"#ffdd00", "#000000", "white text on the brand colour (header, buttons) has contrast 1.3"},
		{"#00664f", "#00704f", "the accent colour on the brand colour (the header's focus ring) has contrast 1.1"},
	} {
		c.Brand.Palette = map[string]geom.Color{"brand": col(tc.brand), "accent": col(tc.accent)}
		if _, err := brandColors(c); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("brand %s, accent %s: %v, want %q", tc.brand, tc.accent, err, tc.want)
		}
	}
	c.Brand.Palette = nil
	if _, err := brandColors(c); err == nil || !strings.Contains(err.Error(), `found no colour "brand"`) {
		t.Errorf("no brand: %v", err)
	}
}
