package campaign

import (
	"maps"
	"slices"

	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/geom"
)

// brandFile is brand: in campaign.yaml, the campaign's brand kit set once:
// its palette, named colours with CMYK for print and RGB for screens,
// which every layout starts from (a layout's own palette: entry of the
// same name overrides it).
type brandFile struct {
	Palette map[string]colorFile `yaml:"palette"`
	At      at                   `yaml:"-"`
}

// Brand is the campaign's resolved brand kit.
type Brand struct {
	// Palette is the brand's colours by name; every layout's palette holds
	// them unless it overrides a name.
	Palette map[string]geom.Color
}

// resolveBrand resolves the brand's palette; its problems are reported at
// campaign.yaml (once, however many layouts use a colour).
func resolveBrand(bf brandFile, l *diag.List) Brand {
	b := Brand{Palette: map[string]geom.Color{}}
	for _, k := range slices.Sorted(maps.Keys(bf.Palette)) {
		b.Palette[k] = resolveColor(k, bf.Palette[k], l)
	}
	return b
}
