package compose_test

import (
	"strings"
	"testing"
	"time"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/messages"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/testtool"
	"github.com/handbill/handbill/internal/typeset"
)

func bundled(t *testing.T) *compose.Composer {
	t.Helper()
	c, cat, reg := testtool.Bundled(t)
	return &compose.Composer{Campaign: c, Catalog: cat, Fonts: reg}
}

func layout(t *testing.T, c *campaign.Campaign, name string) *campaign.Layout {
	for _, l := range c.Layouts {
		if l.Name == name {
			return l
		}
	}
	t.Fatalf("no layout %s", name)
	return nil
}

// review records a review of tag against sourceHash in the composer's
// campaign.
func review(cmp *compose.Composer, tag, sourceHash string) {
	for i := range cmp.Campaign.Locales {
		if cmp.Campaign.Locales[i].Tag == tag {
			cmp.Campaign.Locales[i].Review = &campaign.Review{By: "Anna Nowak", On: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), SourceHash: sourceHash}
		}
	}
}

func TestDraftReason(t *testing.T) {
	cmp := bundled(t)
	current := messages.SourceHash(cmp.Catalog.File(cmp.Campaign.SourceLocale))
	review(cmp, "pl", current)
	review(cmp, "cy", "sha1-0000000000000000000000000000000000000000")
	for tag, want := range map[string]string{
		"en-GB": "",
		"pl":    "",
		"cy":    "reviewed by Anna Nowak on 2026-12-01 against an older source",
		"ro":    "not reviewed",
		"en-XA": "pseudo-locale",
		"ar-XB": "pseudo-locale",
	} {
		if got := cmp.DraftReason(tag); got != want {
			t.Errorf("DraftReason(%s) = %q, want %q", tag, got, want)
		}
	}
}

// marks returns the draft bands and the text runs drawn in them, per page.
func marks(p *page.Page) (bands []geom.Rect, words []string) {
	for _, it := range p.Items {
		if f, ok := it.(*page.Fill); ok && f.Color.Name == "draft-band" {
			bands = append(bands, f.Rect)
		}
	}
	for _, it := range p.Items {
		if tx, ok := it.(*page.Text); ok && tx.Color.Name == "draft-ink" {
			words = append(words, tx.Source)
		}
	}
	return bands, words
}

// TestDraftMarkOnEveryPanel: a draft leaflet carries the mark on every
// page and in every panel between folds, in the locale's words and in
// English, clear of the content; a reviewed locale and the source carry
// none.
func TestDraftMarkOnEveryPanel(t *testing.T) {
	cmp := bundled(t)
	review(cmp, "cy", messages.SourceHash(cmp.Catalog.File(cmp.Campaign.SourceLocale)))
	s := typeset.NewSetter(cmp.Fonts)
	lay := layout(t, cmp.Campaign, "leaflet-dl")
	for _, tag := range []string{"pl", "ar", "zh-Hans", "en-XA", "ar-XB"} {
		res := cmp.Compose(s, lay, tag)
		if res.Draft == "" {
			t.Errorf("%s: not marked draft", tag)
		}
		for _, d := range res.Diags {
			t.Errorf("%s: %v", tag, d)
		}
		for _, p := range res.Doc.Pages {
			bands, words := marks(p)
			if len(bands) != len(p.Folds)+1 {
				t.Errorf("%s page %s: %d draft bands for %d panels", tag, p.Name, len(bands), len(p.Folds)+1)
			}
			all := strings.Join(words, " ")
			if !strings.Contains(all, "DRAFT") {
				t.Errorf("%s page %s: the mark's English words are missing: %q", tag, p.Name, all)
			}
			for _, b := range bands {
				if b.Y < 3*geom.MM-0.01 || b.Y+b.H > p.Size.H-3*geom.MM+0.01 {
					t.Errorf("%s page %s: band %v is outside the 3mm safe area", tag, p.Name, b)
				}
				for _, it := range p.Items {
					tx, ok := it.(*page.Text)
					if !ok || tx.Color.Name == "draft-ink" {
						continue
					}
					if top, bottom := tx.Y-tx.Size, tx.Y+tx.Size*0.3; bottom > b.Y && top < b.Y+b.H && tx.X < b.X+b.W && tx.X+geom.Pt(tx.Width()) > b.X {
						t.Errorf("%s page %s: the mark covers %q", tag, p.Name, tx.Source)
					}
				}
			}
		}
	}
	pl := cmp.Compose(s, lay, "pl")
	if _, words := marks(pl.Doc.Pages[0]); !strings.Contains(strings.Join(words, " "), "WERSJA ROBOCZA") {
		t.Errorf("pl: the mark is not in Polish: %q", words)
	}
	for _, tag := range []string{"en-GB", "cy"} {
		res := cmp.Compose(s, lay, tag)
		if res.Draft != "" {
			t.Errorf("%s: marked draft (%s)", tag, res.Draft)
		}
		for _, p := range res.Doc.Pages {
			if bands, _ := marks(p); len(bands) > 0 {
				t.Errorf("%s page %s: has a draft mark", tag, p.Name)
			}
		}
	}
}

// TestFallbackMakesADraft: with AllowFallback, a reviewed locale that
// takes a message from the source language is a draft, and says which.
func TestFallbackMakesADraft(t *testing.T) {
	cmp := bundled(t)
	review(cmp, "pl", messages.SourceHash(cmp.Catalog.File(cmp.Campaign.SourceLocale)))
	// Catalog.Text reports a fallback for a message the locale's file lacks.
	delete(cmp.Catalog.File("pl").Messages, "footer")
	cmp.AllowFallback = true
	s := typeset.NewSetter(cmp.Fonts)
	res := cmp.Compose(s, layout(t, cmp.Campaign, "poster-a4"), "pl")
	if res.Draft == "" || !strings.Contains(res.Draft, "footer") {
		t.Errorf("Draft = %q, want the fallen-back footer named", res.Draft)
	}
	if bands, _ := marks(res.Doc.Pages[0]); len(bands) == 0 {
		t.Error("no draft mark")
	}
}

// TestDraftMarkOneEdge: the draft mark of a page sits at the same edge in
// every locale, the one its layout leaves room at (the A5 leaflet's front
// had it at the top in Urdu, Arabic, Bengali, Punjabi and Chinese and at
// the bottom in the Latin-script locales; the DL's front at the bottom in
// Arabic alone).
func TestDraftMarkOneEdge(t *testing.T) {
	cmp := bundled(t)
	s := typeset.NewSetter(cmp.Fonts)
	for _, lay := range cmp.Campaign.Layouts {
		edges := map[string][]string{} // page: "top pl", "bottom ur"…
		for _, l := range cmp.Campaign.Locales {
			if l.Tag == cmp.Campaign.SourceLocale {
				continue
			}
			res := cmp.Compose(s, lay, l.Tag)
			for _, p := range res.Doc.Pages {
				bands, _ := marks(p)
				if len(bands) == 0 {
					t.Fatalf("%s %s page %s: no draft mark", lay.Name, l.Tag, p.Name)
				}
				e := "top"
				if bands[0].Y > p.Size.H/2 {
					e = "bottom"
				}
				if es := edges[p.Name]; len(es) > 0 && !strings.HasPrefix(es[0], e+" ") {
					t.Errorf("%s page %s: the draft mark is at the %s in %s, at the %s", lay.Name, p.Name, e, l.Tag, es[0])
				}
				edges[p.Name] = append(edges[p.Name], e+" in "+l.Tag)
			}
		}
	}
}

// TestDraftMarkWithoutRoom: a layout whose text reaches within 9 mm of
// both the top and the bottom edge leaves no strip for the draft mark:
// the build warns, says how much room the mark needs, and still draws
// it (a draft must never build unmarked).
func TestDraftMarkWithoutRoom(t *testing.T) {
	cmp := bundled(t)
	a4 := layout(t, cmp.Campaign, "poster-a4")
	lay := editBlocks(a4, func(b *campaign.Block) {
		switch b.Name {
		case "campaign":
			b.Box.Y = 6 * geom.MM
		case "emergency":
			b.Box.Y = a4.Size.H - 6*geom.MM - b.Box.H
		}
	})
	res := cmp.Compose(typeset.NewSetter(cmp.Fonts), lay, "pl")
	found := false
	for _, d := range res.Diags {
		if strings.Contains(d.Msg, "no free strip") {
			found = true
			if !strings.Contains(d.Hint, "at least 9 mm below its top edge") {
				t.Errorf("hint %q does not say the room the mark needs", d.Hint)
			}
		}
	}
	if !found {
		t.Errorf("no warning about the draft mark's room; diagnostics: %v", res.Diags)
	}
	if bands, _ := marks(res.Doc.Pages[0]); len(bands) == 0 {
		t.Error("the draft is not marked")
	}
}
