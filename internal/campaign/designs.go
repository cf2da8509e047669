package campaign

import (
	"sort"
	"strings"
)

// Designs: the download site offers a campaign's layouts by design, a
// design in one or more paper sizes, and names each by two messages of
// the campaign, which check can therefore ask for by id.

// Design is a set of layouts made from one design in different sizes
// (poster-a4 and poster-a3 extend base/poster.yaml), or one layout.
type Design struct {
	// ID names the design in message ids (MessageID): the base layout
	// its layouts extend, when they share one ("poster", even for a
	// campaign with only poster-a4); else what their names share; else
	// the layout's name.
	ID      string
	Layouts []*Layout // smallest paper first
}

// DesignPrefix begins the ids of the messages that name designs on the
// download site: DesignPrefix+ID is a design's name ("Poster"), and that
// with ".about" its description.
const DesignPrefix = "site.design."

// MessageID is the id of the message that names d on the download site;
// MessageID()+".about" describes it.
func (d *Design) MessageID() string { return DesignPrefix + strings.ToLower(d.ID) }

// Designs puts layouts that share a kind and description (layouts made
// from one base keep its kind and description: a layout of another size
// only resizes it) into one design, in the order of ls.
func Designs(ls []*Layout) []*Design {
	var out []*Design
	byKey := map[string]*Design{}
	for _, l := range ls {
		key := string(l.Kind) + "\x00" + l.Description
		d := byKey[key]
		if d == nil {
			d = &Design{}
			byKey[key] = d
			out = append(out, d)
		}
		d.Layouts = append(d.Layouts, l)
	}
	for _, d := range out {
		d.ID = designID(d.Layouts)
		sort.SliceStable(d.Layouts, func(i, j int) bool {
			a, b := d.Layouts[i].Size, d.Layouts[j].Size
			return a.W*a.H < b.W*b.H
		})
	}
	return out
}

// designID is the id of the design of ls (Design.ID).
func designID(ls []*Layout) string {
	base, id := ls[0].Base, ls[0].Name
	for _, l := range ls[1:] {
		if l.Base != base {
			base = ""
		}
		id = commonPrefix(id, l.Name)
	}
	if base != "" {
		return base
	}
	if id = strings.Trim(id, "-_"); id == "" {
		return ls[0].Name
	}
	return id
}

// commonPrefix returns the longest common prefix of a and b that ends at
// a word boundary ("poster-a4", "poster-a3" → "poster-").
func commonPrefix(a, b string) string {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	if n == len(a) && n == len(b) {
		return a
	}
	return a[:strings.LastIndexAny(a[:n], "-_")+1]
}
