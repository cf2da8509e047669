package campaign

import (
	"errors"
	"maps"
	"slices"
	"strings"

	"github.com/handbill/handbill/internal/artwork"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/geom"
)

// Icons: brand.icons in campaign.yaml gives a pictogram per message id
// (point.1: assets/icons/lose-control.svg), and a layout paragraph that
// sets that message with an icon slot (icon: 12mm) draws it at its start
// edge (compose). A key must be the message of some slot in the
// campaign's layouts, the file an SVG inside the campaign folder that
// artwork reads, and every colour it paints one of the palette of each
// layout that draws it, by RGB value: print editions take the palette's
// CMYK, and a colour outside it has none.

// resolveIcons reads brand.icons once the layouts are loaded: it knows
// their slots and palettes.
func resolveIcons(c *Campaign, icons map[string]scalar, l *diag.List) {
	if len(icons) == 0 {
		return
	}
	slots := iconSlots(c.Layouts)
	c.Brand.Icons = map[string]*artwork.Art{}
	for _, id := range slices.Sorted(maps.Keys(icons)) {
		s := icons[id]
		p := "brand.icons." + id
		lays, ok := slots[id]
		if !ok {
			d := s.Diag(p, "expected the message id of a paragraph with an icon slot in the campaign's layouts (%s), found %q", slotList(slots), id)
			d.Hint = diag.DidYouMean(id, slices.Sorted(maps.Keys(slots)))
			if d.Hint == "" {
				d.Hint = "a layout paragraph opts into an icon with icon: and a size, like {message: point.1, role: body, icon: 12mm}"
			}
			l.Add(d)
			continue
		}
		a := loadArt(c, s, p, l)
		if a == nil {
			continue
		}
		if a.Drawing == nil {
			s.Errorf(l, p, "expected an SVG pictogram drawn in the palette's colours, found the raster %s", a.Source)
			continue
		}
		if checkIconInks(a.Drawing, lays, s, p, l) {
			c.Brand.Icons[id] = a
		}
	}
}

// checkIconInks reports the first colour of an icon that a layout's
// palette lacks, and whether there is none.
func checkIconInks(d *artwork.Drawing, lays []*Layout, s scalar, p string, l *diag.List) bool {
	for _, lay := range lays {
		if err := d.OffPalette(lay.Palette); err != nil {
			var ae *artwork.Error
			if !errors.As(err, &ae) {
				s.Errorf(l, p, "%v", err)
				return false
			}
			dg := s.Diag(p, "%v, the palette of layout %s, whose print edition has their CMYK", err, lay.Name)
			dg.Hint = "fill and stroke the pictogram with the palette's RGB values (brand.palette), or add its colour to the palette with its CMYK"
			l.Add(dg)
			return false
		}
	}
	return true
}

// iconSlots are the layouts with an icon slot, by the message id of the
// slot's paragraph.
func iconSlots(lays []*Layout) map[string][]*Layout {
	out := map[string][]*Layout{}
	for _, lay := range lays {
		for _, pg := range lay.Pages {
			for _, b := range pg.Blocks {
				for _, para := range b.Paragraphs {
					if para.Icon > 0 && !slices.Contains(out[para.Message], lay) {
						out[para.Message] = append(out[para.Message], lay)
					}
				}
			}
		}
	}
	return out
}

// slotList names the message ids of the icon slots, or says there are none.
func slotList(slots map[string][]*Layout) string {
	if len(slots) == 0 {
		return "none: no paragraph has icon:"
	}
	return strings.Join(slices.Sorted(maps.Keys(slots)), ", ")
}

// icon reads a paragraph's icon slot: its side, a positive length, and
// where the icon goes, beside the text (the default) or above it.
func (r *layoutResolver) icon(f iconFile, p string) (geom.Pt, bool) {
	above := false
	switch f.Place.V {
	case "", "beside":
	case "above":
		above = true
	default:
		d := f.Place.Diag(p+".place", "expected beside or above, found %q", f.Place.V)
		d.Hint = diag.DidYouMean(f.Place.V, []string{"beside", "above"})
		r.l.Add(d)
	}
	if !f.Size.Set {
		if f.Place.Set {
			f.At.Errorf(r.l, p, "missing field \"size\": expected the side of the icon slot, like 12mm")
		}
		return 0, false
	}
	v, err := geom.ParseLength(f.Size.V)
	if err != nil || v <= 0 {
		d := f.Size.Diag(p, "%s", lengthMsg(err, f.Size.V))
		d.Hint = "icon: is the side of the paragraph's icon slot, like 12mm, or {size: 12mm, place: above}; the campaign's brand.icons says which pictogram it shows"
		r.l.Add(d)
		return 0, false
	}
	return r.sc(v), above
}

// LayoutIcons returns the pictograms lay's icon slots draw, by message
// id; empty when the campaign gives none for them.
func (c *Campaign) LayoutIcons(lay *Layout) map[string]*artwork.Art {
	out := map[string]*artwork.Art{}
	for id := range iconSlots([]*Layout{lay}) {
		if a := c.Brand.Icons[id]; a != nil {
			out[id] = a
		}
	}
	return out
}
