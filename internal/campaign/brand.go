package campaign

import (
	"maps"
	"slices"
	"strings"

	"github.com/handbill/handbill/internal/artwork"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/geom"
)

// brandFile is brand: in campaign.yaml, the campaign's brand kit set once:
// its palette, named colours with CMYK for print and RGB for screens,
// which every layout starts from (a layout's own palette: entry of the
// same name overrides it).
type brandFile struct {
	Palette map[string]colorFile `yaml:"palette"`
	Mark    markFile             `yaml:"mark"`
	Type    brandTypeFile        `yaml:"type"`
	Icons   map[string]scalar    `yaml:"icons"` // message id → SVG pictogram (icons.go)
	At      at                   `yaml:"-"`
}

// brandTypeFile is the brand's type: a family for headings and one for
// body text (small text takes the body's). Each is a family of the font
// table by its id (noto-sans), or font files in the campaign folder: one
// file (heading: assets/brand/Serif-Bold.ttf), or {regular, bold,
// licence}. The bundled fonts stay the fallback for what it lacks
// (package fonts, brand.go).
type brandTypeFile struct {
	Heading brandFontFile `yaml:"heading"`
	Body    brandFontFile `yaml:"body"`
}

type brandFontFile struct {
	Regular scalar `yaml:"regular,bare"`
	Bold    scalar `yaml:"bold"`
	Licence scalar `yaml:"licence"`
	Index   scalar `yaml:"index"` // the face of a collection (.ttc, .otc)
	At      at     `yaml:"-"`
}

// markFile is the campaign mark in two variants: light, drawn in light
// colours for dark backgrounds, and dark, for light ones. An image block
// with src: brand.mark shows the one that suits what it is placed on.
type markFile struct {
	Light scalar `yaml:"light"`
	Dark  scalar `yaml:"dark"`
	At    at     `yaml:"-"`
}

// Brand is the campaign's resolved brand kit.
type Brand struct {
	// Palette is the brand's colours by name; every layout's palette holds
	// them unless it overrides a name.
	Palette map[string]geom.Color
	// Type is the brand's families for the roles it gives one for,
	// heading first; package fonts checks and loads them.
	Type []BrandType
	// Icons are the pictograms of brand.icons by the message id of the
	// paragraphs whose icon slot shows them (icons.go); nil when it gives
	// none, and a slot without an icon takes no room.
	Icons map[string]*artwork.Art
	mark  markFile
}

// BrandType is what brand: type: says for one role: the family's regular
// font file or a family of the font table (Regular), and its bold and
// licence files and the face index of a collection, each where
// campaign.yaml writes it.
type BrandType struct {
	Role                          Role // Heading or Body
	Regular, Bold, Licence, Index scalar
	Path                          string // the field: brand.type.heading
}

// MarkSrc is what an image block's src says to show the brand's mark.
const MarkSrc = "brand.mark"

// markFor replaces the src of an image block that shows the brand's mark
// (src: brand.mark) by the variant that suits the block's background:
// the fill of the last rect block drawn under the middle of its box, or
// white paper. A background darker than mid grey (WCAG luminance below
// 0.18, where white and black contrast with it equally) gets the light
// variant; a lighter one the dark variant; either falls back to the other
// when only one is given. It reports false when the brand has no mark:
// the block is the mark's place in a layout every campaign shares (the
// bundled layouts are those `handbill init` writes), and it stays empty
// until campaign.yaml names a mark.
func (b Brand) markFor(im *Image, blocks []Block, box geom.Rect) bool {
	s, ok := im.src[defaultVariant]
	if !ok || len(im.src) != 1 || s.V != MarkSrc {
		return true
	}
	light, dark := b.mark.Light, b.mark.Dark
	if !light.Set && !dark.Set {
		return false
	}
	bg := geom.Color{Name: "paper", RGB: [3]float64{1, 1, 1}}
	cx, cy := box.X+box.W/2, box.Y+box.H/2
	for _, under := range blocks {
		if under.Kind == RectBlock && under.Box.X <= cx && cx <= under.Box.X+under.Box.W && under.Box.Y <= cy && cy <= under.Box.Y+under.Box.H {
			bg = under.Fill
		}
	}
	pick := dark
	if geom.Luminance(bg) < 0.18 {
		pick = light
	}
	if !pick.Set {
		pick = light
		if !light.Set {
			pick = dark
		}
	}
	im.src = variants{defaultVariant: pick}
	return true
}

// resolveBrand resolves the brand's palette; its problems are reported at
// campaign.yaml (once, however many layouts use a colour).
func resolveBrand(bf brandFile, l *diag.List) Brand {
	b := Brand{Palette: map[string]geom.Color{}, mark: bf.Mark}
	for _, t := range []struct {
		role Role
		f    brandFontFile
	}{{Heading, bf.Type.Heading}, {Body, bf.Type.Body}} {
		p := "brand.type." + string(t.role)
		if !t.f.Regular.Set && !t.f.Bold.Set && !t.f.Licence.Set && !t.f.Index.Set {
			continue
		}
		if !t.f.Regular.Set {
			t.f.At.Errorf(l, p, "expected regular: (the family's regular font file), found only %s", strings.Join(setFields(t.f), " and "))
			continue
		}
		b.Type = append(b.Type, BrandType{Role: t.role, Regular: t.f.Regular, Bold: t.f.Bold, Licence: t.f.Licence, Index: t.f.Index, Path: p})
	}
	for _, k := range slices.Sorted(maps.Keys(bf.Palette)) {
		b.Palette[k] = resolveColor(k, bf.Palette[k], l)
	}
	return b
}

// setFields names the fields of f that are given besides regular.
func setFields(f brandFontFile) []string {
	var out []string
	if f.Bold.Set {
		out = append(out, "bold:")
	}
	if f.Licence.Set {
		out = append(out, "licence:")
	}
	if f.Index.Set {
		out = append(out, "index:")
	}
	return out
}
