package campaign

import (
	"strings"
	"testing"
	"testing/fstest"

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

// An image block with src: brand.mark shows the brand's light mark on the
// dark heading band and its dark mark on the white page; with only one
// variant, that one everywhere; without a mark, the mark's place stays
// empty (the layouts init writes are the bundled ones, mark included).
func TestBrandMark(t *testing.T) {
	svg := func(fill string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="` + fill + `"/></svg>`)}
	}
	marks := `      - kind: image
        name: mark-on-band
        box: [120mm, 5mm, 20mm, 20mm]
        src: brand.mark
        alt: ""
      - kind: image
        name: mark-on-paper
        box: [120mm, 170mm, 20mm, 20mm]
        src: brand.mark
        alt: ""
`
	sources := func(brand string) ([]string, error) {
		fsys := baseFS(t)
		fsys["assets/light.svg"], fsys["assets/dark.svg"] = svg("#ffffff"), svg("#1d3263")
		fsys["campaign.yaml"].Data = append(fsys["campaign.yaml"].Data, []byte(brand)...)
		fsys["layouts/card.yaml"].Data = append(fsys["layouts/card.yaml"].Data, []byte(marks)...)
		c, err := Load(fsys)
		if err != nil {
			return nil, err
		}
		var out []string
		for _, b := range c.Layouts[0].Pages[0].Blocks {
			if b.Image != nil {
				out = append(out, b.Image.For("en-GB").Source)
			}
		}
		return out, nil
	}
	for _, tc := range []struct{ brand, want string }{
		{"brand:\n  mark: {light: assets/light.svg, dark: assets/dark.svg}\n", "assets/light.svg assets/dark.svg"},
		{"brand:\n  mark: {dark: assets/dark.svg}\n", "assets/dark.svg assets/dark.svg"},
	} {
		got, err := sources(tc.brand)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%q: marks %q, want %s", tc.brand, got, tc.want)
		}
	}
	if got, err := sources(""); err != nil || len(got) != 0 {
		t.Errorf("no mark: images %q, error %v; want none drawn, no error", got, err)
	}
}
