package campaign

import (
	"os"
	"slices"
	"testing"
)

// TestDesigns: the bundled layouts make four designs, the two posters
// one; a campaign with only poster-a4 still has the design "poster" (its
// base), so the site finds site.design.poster, the message init writes.
func TestDesigns(t *testing.T) {
	c, err := Load(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*Layout{}
	for _, l := range c.Layouts {
		byName[l.Name] = l
	}
	ids := func(names ...string) []string {
		var ls []*Layout
		for _, n := range names {
			ls = append(ls, byName[n])
		}
		var out []string
		for _, d := range Designs(ls) {
			out = append(out, d.MessageID())
			for _, l := range d.Layouts[1:] {
				out = append(out, "+"+l.Name)
			}
		}
		return out
	}
	for _, tc := range []struct {
		layouts []string
		want    []string
	}{
		{[]string{"poster-a4", "poster-a3", "leaflet-a5", "leaflet-dl", "leaflet-a5-bifold"},
			[]string{"site.design.poster", "+poster-a3", "site.design.leaflet-a5", "site.design.leaflet-dl", "site.design.leaflet-a5-bifold"}},
		{[]string{"poster-a4"}, []string{"site.design.poster"}},
		{[]string{"poster-a3"}, []string{"site.design.poster"}},
		{[]string{"leaflet-dl"}, []string{"site.design.leaflet-dl"}},
	} {
		if got := ids(tc.layouts...); !slices.Equal(got, tc.want) {
			t.Errorf("Designs(%v) = %v, want %v", tc.layouts, got, tc.want)
		}
	}
}
