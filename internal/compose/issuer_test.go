package compose_test

import (
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/typeset"
)

// TestIssuerLockup composes an issuer block alone on the A4 poster, with
// and without a logo (the bundled mark stands in for one), in English and
// Urdu, the name written as itself and as a message: the name is drawn
// bold and in the locale's words, the web address under it with a link
// over it that a Link element holds with its text, everything inside the
// box, and the logo at the start of the reading direction (left in
// English, right in Urdu) beside the words.
func TestIssuerLockup(t *testing.T) {
	cmp := bundled(t)
	a4 := layout(t, cmp.Campaign, "poster-a4")
	var logo *campaign.Image
	for _, b := range a4.Pages[0].Blocks {
		if b.Name == "mark" {
			logo = b.Image
		}
	}
	if logo == nil {
		t.Fatal("the A4 poster has no mark block to borrow a logo from")
	}
	box := geom.Rect{X: 20 * geom.MM, Y: 250 * geom.MM, W: 120 * geom.MM, H: 20 * geom.MM}
	issuer := campaign.Block{Kind: campaign.IssuerBlock, Name: "issuer", Box: box, Color: a4.Palette["brand"],
		Align: campaign.Start, VAlign: campaign.Bottom, NameMin: 12, NameMax: 18}
	lay := *a4
	lay.Pages = []campaign.Page{{Name: "poster", Blocks: []campaign.Block{issuer}}}
	for _, tc := range []struct {
		locale  string
		message string // the name's message id, "" for campaign.yaml's name
		logo    bool
	}{{"en-GB", "", false}, {"en-GB", "", true}, {"ur", "", true}, {"ur", "helpline.police.name", false}} {
		c := *cmp.Campaign
		pub := *c.Publisher
		pub.Logo = nil
		if tc.logo {
			pub.Logo = logo
		}
		name := pub.Name
		if tc.message != "" {
			pub.Name, pub.NameMessage = "", campaign.MessageRef{ID: tc.message}
			var err error
			if name, err = cmp.Catalog.Text(tc.locale, tc.message, nil, nil); err != nil {
				t.Fatal(err)
			}
		}
		c.Publisher = &pub
		run := compose.Composer{Campaign: &c, Catalog: cmp.Catalog, Fonts: cmp.Fonts}
		res := run.Compose(typeset.NewSetter(cmp.Fonts), &lay, tc.locale)
		label := tc.locale + " " + tc.message
		if err := res.Diags.Err(); err != nil {
			t.Fatalf("%s: %v", label, err)
		}
		checkLockup(t, label, res.Doc, lockupWant{box: box, name: name, web: pub.WebLabel(), url: pub.URL, logo: tc.logo, rtl: tc.locale == "ur", w: lay.Size.W})
	}
}

type lockupWant struct {
	box            geom.Rect
	name, web, url string
	logo, rtl      bool
	w              geom.Pt
}

// checkLockup checks one composed lock-up against what it should show.
func checkLockup(t *testing.T, label string, doc *page.Doc, want lockupWant) {
	t.Helper()
	box := want.box
	if want.rtl {
		box = box.MirrorX(want.w)
	}
	p := doc.Pages[0]
	var name, web strings.Builder
	var link *page.Link
	var words, logo geom.Rect
	for _, it := range p.Items {
		switch v := it.(type) {
		case *page.Text:
			if v.TypeRole == "" {
				continue // the draft band
			}
			at := geom.Rect{X: v.X, Y: v.Y, W: geom.Pt(v.Width()), H: 0.1}
			if !box.Contains(at) {
				t.Errorf("%s: %q drawn at %v, outside the box %v", label, v.Source, at, box)
			}
			words = union(words, at)
			if strings.Contains(v.Font.Name, "Bold") {
				name.WriteString(v.Source)
			} else {
				web.WriteString(v.Source)
			}
		case *page.Link:
			link = v
		case *page.Path:
			logo = union(logo, v.Bounds())
		}
	}
	if got := strings.ReplaceAll(name.String(), "\u2060", ""); got != want.name {
		t.Errorf("%s: bold name %q, want %q", label, got, want.name)
	}
	if web.String() != want.web {
		t.Errorf("%s: web address %q, want %q", label, web.String(), want.web)
	}
	if link == nil || link.URI != want.url {
		t.Errorf("%s: link %+v, want one to %s", label, link, want.url)
	}
	if !linkElement(doc.Structure, link, want.web) {
		t.Errorf("%s: no Link element holds the link and the text %q", label, want.web)
	}
	switch {
	case want.logo != (logo.W > 0):
		t.Errorf("%s: logo drawn %v, want %v", label, logo.W > 0, want.logo)
	case !want.logo:
	case !box.Contains(logo):
		t.Errorf("%s: logo at %v, outside the box %v", label, logo, box)
	case !want.rtl && logo.Right() > words.X, want.rtl && logo.X < words.Right():
		t.Errorf("%s: logo at %v is not at the reading start of the words at %v", label, logo, words)
	}
}

// linkElement reports whether a Link element of the structure holds link
// and text runs reading text.
func linkElement(els []*page.Element, link *page.Link, text string) bool {
	found := false
	for _, el := range els {
		el.Walk(func(e *page.Element, _ int) {
			if e.Role != page.RoleLink {
				return
			}
			var s strings.Builder
			hasLink := false
			for _, k := range e.Kids {
				switch v := k.(type) {
				case *page.Text:
					s.WriteString(v.Source)
				case *page.Link:
					hasLink = hasLink || v == link
				}
			}
			found = found || (hasLink && s.String() == text)
		})
	}
	return found
}

// union is the least rectangle holding a and b; an empty a is none.
func union(a, b geom.Rect) geom.Rect {
	if a.W == 0 && a.H == 0 {
		return b
	}
	x0, y0 := min(a.X, b.X), min(a.Y, b.Y)
	return geom.Rect{X: x0, Y: y0, W: max(a.Right(), b.Right()) - x0, H: max(a.Bottom(), b.Bottom()) - y0}
}
