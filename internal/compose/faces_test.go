package compose_test

import (
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/typeset"
)

// On the DL, "Get help", the scan line and the helplines are on one panel
// (the back cover, campaign.checkHelpFaces) and read one after the other
// in the structure tree: the heading, the paragraph, the list (issue 26).
func TestDLHelpReadsTogether(t *testing.T) {
	cmp := bundled(t)
	lay := layout(t, cmp.Campaign, "leaflet-dl")
	for _, loc := range []string{"en-GB", "ur", "zh-Hans"} {
		res := cmp.Compose(typeset.NewSetter(cmp.Fonts), lay, loc)
		if err := res.Diags.Err(); err != nil {
			t.Fatal(err)
		}
		heading, err := cmp.Catalog.Text(loc, "action", nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		var seq []*page.Element
		for _, top := range res.Doc.Structure {
			top.Walk(func(el *page.Element, _ int) {
				switch el.Role {
				case page.RoleH2, page.RoleP, page.RoleList:
					seq = append(seq, el)
				}
			})
		}
		at := -1
		for i, el := range seq {
			if el.Role == page.RoleH2 && strings.TrimSpace(elementText(el)) == heading {
				at = i
			}
		}
		switch {
		case at < 0:
			t.Errorf("%s: no H2 %q in the structure", loc, heading)
		case at+2 >= len(seq) || seq[at+1].Role != page.RoleP || seq[at+2].Role != page.RoleList:
			t.Errorf("%s: %q is not followed by the scan line (P) and the helplines (L)", loc, heading)
		}
	}
}

// elementText is the source text of an element's own runs.
func elementText(el *page.Element) string {
	var b strings.Builder
	for _, k := range el.Kids {
		if v, ok := k.(*page.Text); ok {
			b.WriteString(v.Source)
		}
	}
	return b.String()
}
