package compose_test

import (
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/typeset"
)

// TestStructure checks the logical structure of every bundled layout in a
// left-to-right, a right-to-left and a Bengali locale: every text run of
// the message flow is in exactly one element (only the draft mark's repeats
// are left out), every QR code is a Figure with alternative text inside a
// Link with its link, no element is empty, the title is the first heading,
// and on folded leaflets the front cover is read first.
func TestStructure(t *testing.T) {
	cmp := bundled(t)
	for _, lay := range cmp.Campaign.Layouts {
		for _, loc := range []string{"en-GB", "ur", "bn"} {
			t.Run(lay.Name+"-"+loc, func(t *testing.T) {
				res := cmp.Compose(typeset.NewSetter(cmp.Fonts), lay, loc)
				if err := res.Diags.Err(); err != nil {
					t.Fatal(err)
				}
				checkStructure(t, res.Doc, res.Draft != "")
				title, err := cmp.Catalog.Text(loc, cmp.Campaign.TitleMessage, nil, nil)
				if err != nil {
					t.Fatal(err)
				}
				if res.Doc.Title != title {
					t.Errorf("title %q, want the campaign title %q alone", res.Doc.Title, title)
				}
				first := res.Doc.Structure[0]
				if res.Draft != "" {
					first = res.Doc.Structure[1]
				}
				if first.Role != page.RoleH1 {
					t.Errorf("reading starts with %s, want the title (H1); on a folded leaflet the front cover comes first", first.Role)
				}
			})
		}
	}
}

func checkStructure(t *testing.T, doc *page.Doc, draft bool) {
	t.Helper()
	seen := map[page.Item]int{}
	figures := 0
	for _, top := range doc.Structure {
		top.Walk(func(el *page.Element, _ int) {
			if len(el.Kids) == 0 {
				t.Errorf("empty %s element", el.Role)
			}
			var sq, ln int
			for _, k := range el.Kids {
				if it, ok := k.(page.Item); ok {
					seen[it]++
				}
				switch v := k.(type) {
				case *page.Squares:
					sq++
					if el.Role != page.RoleFigure || el.Alt == "" || !strings.Contains(el.Alt, "QR") && !strings.Contains(el.Alt, "二维码") {
						t.Errorf("QR code %q in a %s with alt %q, want a Figure with alternative text", v.Payload, el.Role, el.Alt)
					}
					figures++
				case *page.Link:
					ln++
					if el.Role != page.RoleLink || v.Alt == "" {
						t.Errorf("link %q in a %s with alt %q, want a Link element and alternative text", v.URI, el.Role, v.Alt)
					}
				}
			}
			if el.Role == page.RoleFigure && sq != 1 {
				t.Errorf("Figure with %d QR codes, want 1", sq)
			}
		})
	}
	codes := 0
	for pi, p := range doc.Pages {
		for ii, it := range p.Items {
			n := seen[it]
			switch v := it.(type) {
			case *page.Text:
				if n != 1 && !(draft && v.Color.Name == "draft-ink" && n == 0) {
					t.Errorf("page %d item %d %q is in %d elements, want 1", pi+1, ii+1, v.Source, n)
				}
			case *page.Squares:
				codes++
				if n != 1 {
					t.Errorf("page %d item %d: QR code in %d elements, want 1", pi+1, ii+1, n)
				}
			case *page.Fill:
				if n != 0 {
					t.Errorf("page %d item %d: fill in the structure; fills are decoration", pi+1, ii+1)
				}
			}
		}
	}
	if figures != codes {
		t.Errorf("%d Figures for %d QR codes", figures, codes)
	}
}

// TestRunLang checks the rule for a run's language: a run in a script the
// locale does not use but the source locale does is in the source
// language; digits, punctuation and the locale's own script are not marked.
func TestRunLang(t *testing.T) {
	cmp := bundled(t)
	res := cmp.Compose(typeset.NewSetter(cmp.Fonts), layout(t, cmp.Campaign, "poster-a4"), "ur")
	marked := latinMarked(t, "ur", res.Doc.Pages[0])
	if !marked["Childline"] {
		t.Error(`"Childline" inside Urdu text is not marked as English`)
	}
	// In a Latin-script locale only the draft mark's English half is
	// marked: the script cannot tell English names from the locale's words.
	res = cmp.Compose(typeset.NewSetter(cmp.Fonts), layout(t, cmp.Campaign, "poster-a4"), "pl")
	draft := false
	for _, it := range res.Doc.Pages[0].Items {
		if v, ok := it.(*page.Text); ok && v.Lang != "" {
			if v.Lang == "en-GB" && strings.TrimSpace(v.Source) == compose.DraftEnglish {
				draft = true
				continue
			}
			t.Errorf("Polish run %q has lang %q: a Latin-script locale cannot tell English names by script", v.Source, v.Lang)
		}
	}
	if !draft {
		t.Error("the Polish draft mark's English half is not marked as English")
	}
	// In Chinese, English names inside a run of Chinese text are pieces of
	// their own, marked; the pieces draw the run's glyphs.
	res = cmp.Compose(typeset.NewSetter(cmp.Fonts), layout(t, cmp.Campaign, "poster-a4"), "zh-Hans")
	marked = latinMarked(t, "zh-Hans", res.Doc.Pages[0])
	if !marked["Cumbria Police"] || !marked[compose.DraftEnglish] {
		t.Errorf(`"Cumbria Police" or the draft mark's English half inside Chinese text is not marked as English: %v`, marked)
	}
}

// latinMarked checks that exactly the runs of p in Latin letters say they
// are English, and returns which runs (their text, trimmed) are marked.
func latinMarked(t *testing.T, loc string, p *page.Page) map[string]bool {
	t.Helper()
	marked := map[string]bool{}
	for _, it := range p.Items {
		if v, ok := it.(*page.Text); ok {
			latin := strings.ContainsAny(v.Source, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
			if latin != (v.Lang == "en-GB") {
				t.Errorf("%s run %q has lang %q; want en-GB exactly on runs in Latin letters", loc, v.Source, v.Lang)
			}
			marked[strings.TrimSpace(v.Source)] = v.Lang != ""
		}
	}
	return marked
}
