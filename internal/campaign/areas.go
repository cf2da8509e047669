package campaign

// Areas: one campaign printed by many areas (police forces, councils,
// health boards), each with its own name, data values, helpline numbers,
// partner logos and phone region, and everything else the campaign's.
// The areas are written in one of three places: an areas: list in
// campaign.yaml, an areas.yaml beside it (a file holding that list under
// areas:), or an areas.csv (a spreadsheet's table, UTF-8, one header row;
// areacsv.go). Each is decoded into areaFile and resolved here into an
// Area whose Campaign is the campaign as that area prints it, validated
// as the campaign is (every number must be what its QR code dials), with
// every error naming the area.

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/handbill/handbill/internal/decode"
	"github.com/handbill/handbill/internal/diag"
)

// Area is one area of a campaign with areas.
type Area struct {
	ID string
	// Name is the area's name as written (the same in every locale), or
	// "" when NameMessage names the message that translates it.
	Name        string
	NameMessage *MessageRef
	At          Pos // where the area is written: its mapping, or its CSV row
	// Campaign is the campaign as this area prints it: the area's data,
	// helplines, partners, region and emergency numbers over the
	// campaign's, Area set to this area and Areas nil.
	Campaign *Campaign `json:"-"`
}

// areaFile is one area as written in campaign.yaml or areas.yaml, or read
// from a row of areas.csv.
type areaFile struct {
	ID        scalar                  `yaml:"id"`
	Name      dataFile                `yaml:"name"`
	Data      map[string]dataFile     `yaml:"data"`
	Helplines map[string]helplineFile `yaml:"helplines"` // by id; id: itself is not written
	Partners  []partnerFile           `yaml:"partners"`
	Region    scalar                  `yaml:"region"`
	Emergency []scalar                `yaml:"emergency"`
	At        at                      `yaml:"-"`
}

// areasFile is areas.yaml.
type areasFile struct {
	Areas []areaFile `yaml:"areas"`
}

// Area files beside campaign.yaml.
const (
	AreasCSV  = "areas.csv"
	AreasYAML = "areas.yaml"
)

// AreaByID returns the campaign's area id, or nil.
func (c *Campaign) AreaByID(id string) *Area {
	for _, a := range c.Areas {
		if a.ID == id {
			return a
		}
	}
	return nil
}

// AreaIDs are the ids of the campaign's areas, in order.
func (c *Campaign) AreaIDs() []string {
	ids := make([]string, len(c.Areas))
	for i, a := range c.Areas {
		ids[i] = a.ID
	}
	return ids
}

// readAreas returns the areas as written: in campaign.yaml (inline, when
// cf lists any), areas.yaml or areas.csv; more than one of them is an
// error.
func readAreas(c *Campaign, cf *campaignFile, l *diag.List) []areaFile {
	var from []string
	if cf.Areas != nil {
		from = append(from, campaignName+" (areas:)")
	}
	for _, f := range []string{AreasYAML, AreasCSV} {
		if fileExists(c.FS, f) {
			from = append(from, f)
		}
	}
	if len(from) > 1 {
		d := diag.Errorf(campaignName, cf.At.Line, cf.At.Col, "areas", "expected the areas in one place, found them in %s", strings.Join(from, " and "))
		d.Hint = "keep one: an areas: list in campaign.yaml, areas.yaml or areas.csv"
		l.Add(d)
		return nil
	}
	switch {
	case len(from) == 0 || cf.Areas != nil:
		return cf.Areas
	case from[0] == AreasYAML:
		return readAreasYAML(c, l)
	default:
		return readAreasCSV(c, l)
	}
}

// readAreasYAML decodes areas.yaml.
func readAreasYAML(c *Campaign, l *diag.List) []areaFile {
	src, err := readLimited(c.FS, AreasYAML, MaxFileBytes)
	if err != nil {
		l.Add(diag.Errorf(AreasYAML, 0, 0, "", "cannot read the areas file: %v", err))
		return nil
	}
	var af areasFile
	if !decode.File(AreasYAML, src, &af, l) {
		return nil
	}
	if len(af.Areas) == 0 {
		d := diag.Errorf(AreasYAML, 1, 1, "areas", "expected a list of areas under areas:, found none")
		d.Hint = "areas:\n  - id: leeds\n    name: Leeds"
		l.Add(d)
	}
	return af.Areas
}

// resolveAreas resolves the areas over the resolved campaign c: each one's
// Campaign is c with the area's overrides.
func resolveAreas(c *Campaign, afs []areaFile, cf *campaignFile, l *diag.List) {
	first := map[string]scalar{}
	for i, af := range afs {
		p := fmt.Sprintf("areas[%d]", i)
		var al diag.List
		a := resolveArea(c, af, cf, p, &al)
		label := a.ID
		if label == "" {
			label = p
		}
		if f, seen := first[a.ID]; seen && af.ID.Set {
			af.ID.Errorf(&al, p+".id", "expected an area id used once, found %q again (first at %s:%d:%d)", a.ID, f.File, f.Line, f.Col)
		} else {
			first[a.ID] = af.ID
		}
		for _, d := range al {
			d.Msg = fmt.Sprintf("area %q: %s", label, d.Msg)
			if af.Region.Set && d.File != af.At.File {
				// A campaign value that is wrong only in the area's region.
				d.Hint = fmt.Sprintf("area %q sets region %s (%s:%d:%d): give it its own numbers (helplines: {ID: {number: …}}, or a helplines.ID.number column)",
					label, af.Region.V, af.Region.File, af.Region.Line, af.Region.Col)
			}
			l.Add(d)
		}
		c.Areas = append(c.Areas, a)
	}
}

// resolveArea resolves one area; its problems go to l unprefixed.
func resolveArea(c *Campaign, af areaFile, cf *campaignFile, p string, l *diag.List) *Area {
	a := &Area{ID: af.ID.V, At: Pos{File: af.At.File, Line: af.At.Line, Col: af.At.Col, Path: p}}
	switch {
	case !af.ID.Set:
		af.At.Errorf(l, p, `missing field "id": expected the area's id, like "leeds" (used in file names and --area)`)
	case !idPattern.MatchString(a.ID):
		af.ID.Errorf(l, p+".id", "expected an id of at most %d lowercase letters, digits and hyphens, found %q", MaxID, a.ID)
	}
	switch n := af.Name; {
	case n.Message.Set && n.Message.V != "":
		a.NameMessage = &MessageRef{ID: n.Message.V, At: posOf(n.Message, p+".name.message")}
	case n.Value.Set && n.Value.V != "" && !n.Message.Set:
		a.Name = n.Value.V
	default:
		d := af.At.Diag(p, `missing field "name": expected the area's name, like "Leeds", or a message id, like {message: area.leeds}`)
		d.Hint = "a name the same in every language is written as it is; one that is translated names a message of the source locale"
		l.Add(d)
	}
	ac := *c
	ac.Areas, ac.Area = nil, a
	ac.Data, ac.DataMessages = areaData(c, af.Data, p, l)
	ac.Region = c.Region
	if af.Region.Set {
		ac.Region = checkRegion(l, af.Region)
	}
	switch {
	case af.Emergency != nil:
		ac.Emergency, ac.EmergencyAt = resolveEmergency(l, af.Emergency, ac.Region)
	case ac.Region != c.Region:
		ac.Emergency, _ = resolveEmergency(l, cf.Emergency, ac.Region)
	}
	ac.Helplines = areaHelplines(cf.Helplines, af.Helplines, ac.Region, p, l)
	if af.Partners != nil {
		ac.Partners = nil
		resolvePartners(&ac, af.Partners, l)
	}
	a.Campaign = &ac
	return a
}

// areaData is the campaign's data with the area's values over it: an
// area may give any name the campaign's data has a value for, as a value
// or a message id.
func areaData(c *Campaign, df map[string]dataFile, p string, l *diag.List) (map[string]string, map[string]MessageRef) {
	vals, msgs := maps.Clone(c.Data), maps.Clone(c.DataMessages)
	if len(df) == 0 {
		return vals, msgs
	}
	names := slices.Sorted(maps.Keys(c.Data))
	names = append(names, slices.Collect(maps.Keys(c.DataMessages))...)
	for _, k := range slices.Sorted(maps.Keys(df)) {
		if !slices.Contains(names, k) {
			d := df[k].At.Diag(p+".data."+k, "expected a name the campaign's data: has (%s), found %q", strings.Join(names, ", "), k)
			d.Hint = diag.DidYouMean(k, names)
			if d.Hint == "" {
				d.Hint = fmt.Sprintf("give %s a value in campaign.yaml's data: first, the value of every area without its own", k)
			}
			l.Add(d)
			delete(df, k)
		}
	}
	v, m := resolveData(l, df, p+".data.")
	for k, s := range v {
		vals[k] = s
		delete(msgs, k)
	}
	for k, r := range m {
		if msgs == nil {
			msgs = map[string]MessageRef{}
		}
		msgs[k] = r
		delete(vals, k)
	}
	return vals, msgs
}

// areaHelplines is the campaign's helplines with the area's overrides,
// then the area's extra helplines in id order, each checked as the
// campaign's are in the area's region. A number the area overrides drops
// the campaign's e164 and dial (written for the campaign's number): they
// are derived from the area's number unless the area gives its own.
//
// An area's helplines are written by id (helplines: {hub: {number: …}}):
// the fields it gives override the campaign's helpline of that id; an id
// the campaign does not have is an extra helpline, which needs a name, a
// purpose and a number.
func areaHelplines(base []helplineFile, over map[string]helplineFile, region, p string, l *diag.List) []Helpline {
	for id, o := range over {
		if o.ID.Set {
			o.ID.Errorf(l, p+".helplines."+id+".id", "expected no id: inside an area's helpline, found %q", o.ID.V)
		}
	}
	var merged []helplineFile
	var paths []string
	seen := map[string]bool{}
	for i, h := range base {
		paths = append(paths, fmt.Sprintf("helplines[%d]", i))
		if o, ok := over[h.ID.V]; ok {
			h = overrideHelpline(h, o)
			paths[i] = p + ".helplines." + h.ID.V
		}
		seen[h.ID.V] = true
		merged = append(merged, h)
	}
	for _, id := range slices.Sorted(maps.Keys(over)) {
		if seen[id] {
			continue
		}
		o := over[id]
		h := helplineFile{ID: scalar{V: id, File: o.At.File, Line: o.At.Line, Col: o.At.Col, Set: true}, At: o.At}
		merged = append(merged, overrideHelpline(h, o))
		paths = append(paths, p+".helplines."+id)
	}
	return resolveHelplinesAt(l, merged, region, paths)
}

// overrideHelpline returns h with the fields o sets.
func overrideHelpline(h, o helplineFile) helplineFile {
	if o.Number.Set {
		h.Number, h.E164, h.Dial = o.Number, scalar{}, scalar{}
	}
	for _, f := range []struct{ dst, src *scalar }{{&h.Name, &o.Name}, {&h.Purpose, &o.Purpose}, {&h.E164, &o.E164}, {&h.Dial, &o.Dial}, {&h.URL, &o.URL}} {
		if f.src.Set {
			*f.dst = *f.src
		}
	}
	return h
}
