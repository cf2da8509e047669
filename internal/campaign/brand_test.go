package campaign

import (
	"testing"

	"github.com/handbill/handbill/internal/geom"
)

// The brand's palette is every layout's, and a layout's own colour of the
// same name replaces the brand's whole (its CMYK and RGB both).
func TestBrandPalette(t *testing.T) {
	fsys := baseFS(t)
	fsys["campaign.yaml"].Data = append(fsys["campaign.yaml"].Data, []byte(`
brand:
  palette:
    brand: {cmyk: [100, 0, 60, 55], rgb: "#00664f"}
    pale: {cmyk: [10, 0, 5, 0], rgb: "#e8f4ef"}
`)...)
	c, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	check := func(what string, got geom.Color, cmyk [4]float64, rgb string) {
		t.Helper()
		if got.CMYK != cmyk || geom.Hex(got.RGB) != rgb {
			t.Errorf("%s = cmyk %v rgb %s, want cmyk %v rgb %s", what, got.CMYK, geom.Hex(got.RGB), cmyk, rgb)
		}
	}
	check("brand's pale", c.Brand.Palette["pale"], [4]float64{0.10, 0, 0.05, 0}, "#e8f4ef")
	check("layout's pale (the brand's)", c.Layouts[0].Palette["pale"], [4]float64{0.10, 0, 0.05, 0}, "#e8f4ef")
	check("layout's brand (its own)", c.Layouts[0].Palette["brand"], [4]float64{1, 0.80, 0.10, 0.35}, "#1d3263")
}
