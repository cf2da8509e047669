package fonts

import (
	"maps"
	"slices"
	"strings"

	"github.com/go-text/typesetting/language"
)

// The font table as a reader sees it, for `handbill fonts`: which families
// there are, which scripts each serves and which chain a locale starts
// from.

// Families returns the table's families in id order.
func (r *Registry) Families() []*Family {
	out := make([]*Family, 0, len(r.families))
	for _, f := range r.families {
		out = append(out, f)
	}
	slices.SortFunc(out, func(a, b *Family) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Scripts returns, for each script fonts.yaml names (ISO 15924 code), its
// chain of families.
func (r *Registry) Scripts() map[string][]*Family {
	out := make(map[string][]*Family, len(r.scripts))
	for s, c := range r.scripts {
		out[s.String()] = c
	}
	return out
}

// Fallback returns the chain tried after every other for a rune it lacks.
func (r *Registry) Fallback() []*Family { return r.fallback }

// Chain returns the chain a locale starts from, before the fallback: its
// own languages: entry (the most specific of tag's prefixes) when fonts.yaml
// has one, else the chain of script, the locale's script (ISO 15924). from
// says which entry it is ("languages: ur", "scripts: Latn"), or "" when
// neither has one.
func (r *Registry) Chain(tag, script string) (chain []*Family, from string) {
	for t := strings.ToLower(tag); t != ""; {
		if c, ok := r.languages[t]; ok {
			return c, "languages: " + t
		}
		i := strings.LastIndexByte(t, '-')
		if i < 0 {
			break
		}
		t = t[:i]
	}
	s, err := language.ParseScript(script)
	if err != nil {
		return nil, ""
	}
	if c, ok := r.scripts[s]; ok {
		return c, "scripts: " + script
	}
	return nil, ""
}

// Languages returns, for each languages: key of fonts.yaml (lower case),
// its chain of families.
func (r *Registry) Languages() map[string][]*Family { return maps.Clone(r.languages) }
