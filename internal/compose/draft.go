package compose

import (
	"errors"
	"fmt"
	"strings"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/messages"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/typeset"
)

// DraftMessage is the message id of the draft mark in the locale's own
// language.
const DraftMessage = "draft.mark"

// DraftEnglish is the draft mark in English, printed beside the locale's
// own words so that a print shop reads it too.
const DraftEnglish = "DRAFT — translation not yet checked"

// Draft mark geometry: a band along the top edge of each panel (between
// folds), inside the trim by draftInset, clear of the content; at the
// bottom edge when the top has no room. Which edge is the layout's choice,
// the same in every locale (draftEdge): the room its text and helplines
// boxes leave. The band's height is that room less draftGap, so that the
// band sits as far from the copy in every locale.
const (
	draftInset   = 3 * geom.MM // from the trim edges: safe from the cut
	draftGap     = 3 * geom.MM // from the nearest content: a designer's clearance (a heading 1 mm under the band read as crowded)
	draftMaxBand = 6 * geom.MM
	draftMinBand = 3 * geom.MM
	draftMaxSize = 8.0 // points
	draftMinSize = 4.0
)

var (
	draftPaper = geom.Color{Name: "draft-band", CMYK: [4]float64{0, 0, 0, 0}, RGB: [3]float64{1, 1, 1}}
	draftInk   = geom.Color{Name: "draft-ink", CMYK: [4]float64{0, 1, 1, 0}, RGB: [3]float64{0.89, 0.02, 0.09}}
)

// DraftReason says why locale tag builds as a draft, or "" when it does
// not: the source locale never does; a pseudo-locale always does; a
// translation does until a review of it against the current source
// messages is recorded in campaign.yaml.
func (c *Composer) DraftReason(tag string) string {
	return DraftReason(c.Campaign, c.Catalog, tag)
}

// DraftReason is Composer.DraftReason for a campaign and its catalog.
func DraftReason(c *campaign.Campaign, cat *messages.Catalog, tag string) string {
	if tag == c.SourceLocale {
		return ""
	}
	if messages.IsPseudo(tag) {
		return "pseudo-locale"
	}
	var loc *campaign.Locale
	for i := range c.Locales {
		if c.Locales[i].Tag == tag {
			loc = &c.Locales[i]
		}
	}
	if loc == nil {
		return "not a locale of the campaign"
	}
	r := loc.Review
	if r == nil {
		return "not reviewed"
	}
	if src := cat.File(cat.Source); src != nil && messages.SourceHash(src) != r.SourceHash {
		return fmt.Sprintf("reviewed by %s on %s against an older source", r.By, r.On.Format("2006-01-02"))
	}
	return ""
}

// draft marks the document as a draft when its locale is one or when some
// message fell back to the source language: the reason goes into the
// result, and every page gets the mark. It returns the mark's first copy
// as a paragraph for the structure (nil without a mark): the other copies
// repeat it and are decoration.
func (j *job) draft(doc *page.Doc) *page.Element {
	var why []string
	if r := j.c.DraftReason(j.loc); r != "" {
		why = append(why, r)
	}
	if n := len(j.res.Fallbacks); n > 0 {
		why = append(why, fmt.Sprintf("%d %s in the source language (%s)", n, diag.Plural(n, "message", "messages"), strings.Join(j.res.Fallbacks, ", ")))
	}
	if len(why) == 0 {
		return nil
	}
	j.res.Draft = strings.Join(why, "; ")
	words := j.draftWords()
	var first *page.Element
	for pi, p := range doc.Pages {
		var e edge
		if pi < len(j.lay.Pages) {
			e = draftEdge(j.lay.Pages[pi], p.Size.H)
		}
		if el := j.draftMark(p, words, e); first == nil {
			first = el
		}
	}
	return first
}

// draftWords returns the mark's text: the locale's words and the English
// ones, or the English alone when the locale has none of its own yet (a
// missing draft.mark is reported by check, not here: a draft must never
// fail to build for want of its own warning).
func (j *job) draftWords() string {
	if src := j.c.Catalog.File(j.c.Catalog.Source); j.loc == j.c.Campaign.SourceLocale || src == nil || src.Messages[DraftMessage] == nil {
		return DraftEnglish
	}
	s, err := j.c.Catalog.Text(j.loc, DraftMessage, nil, nil)
	var fb *messages.FallbackError
	switch {
	case errors.As(err, &fb):
		return DraftEnglish
	case err != nil:
		j.res.Diags.Add(diag.Diagnostic{Severity: diag.Warning, Msg: fmt.Sprintf("locale %s: the draft mark is printed in English only: %v", j.loc, err)})
		return DraftEnglish
	case s == DraftEnglish || strings.TrimSpace(s) == "":
		return DraftEnglish
	}
	return s + "  ·  " + DraftEnglish
}

// draftMark draws the mark on one page: per panel, a white band with the
// words in red, centred, on one line. It returns the first panel's words as
// a paragraph, nil when it could not set them.
func (j *job) draftMark(p *page.Page, words string, e edge) *page.Element {
	band, ok := draftBand(p, e)
	if !ok {
		j.res.Diags.Add(diag.Diagnostic{Severity: diag.Warning, Path: "page " + p.Name,
			Msg:  fmt.Sprintf("%s: locale %s: no free strip at the top or bottom edge for the draft mark; it is drawn over the top edge", j.lay.Name, j.loc),
			Hint: fmt.Sprintf("start the page's text and helplines boxes at least %.0f mm below its top edge, or end them %.0f mm above its bottom edge (%.0f mm from the trim, a %.0f mm band, %.0f mm clear of the text)", (draftInset + draftMinBand + draftGap).MM(), (draftInset + draftMinBand + draftGap).MM(), draftInset.MM(), draftMinBand.MM(), draftGap.MM())})
	}
	sh, err := j.shapeDraft(words)
	if err != nil && words != DraftEnglish {
		words = DraftEnglish // the locale's fonts lack a character of its words
		sh, err = j.shapeDraft(words)
	}
	if err != nil {
		j.res.Diags.Add(diag.Diagnostic{Severity: diag.Error, Path: "page " + p.Name, Msg: fmt.Sprintf("%s: locale %s: cannot set the draft mark: %v", j.lay.Name, j.loc, err)})
		return nil
	}
	var first *page.Element
	edges := append([]geom.Pt{0}, p.Folds...)
	edges = append(edges, p.Size.W)
	for i := 0; i+1 < len(edges); i++ {
		panel := geom.Rect{X: edges[i] + draftInset, Y: band.Y, W: edges[i+1] - edges[i] - 2*draftInset, H: band.H}
		if panel.W <= 0 {
			continue
		}
		// One line: measure at the largest size and scale down to the width.
		wide := 4 * float64(p.Size.W) // room for one line at any size tried
		size := draftMaxSize
		para := j.s.Wrap(sh, size, wide, 1.2)
		if w := lineWidth(para); w > float64(panel.W)-4 {
			size = max(draftMinSize, size*(float64(panel.W)-4)/w)
			para = j.s.Wrap(sh, size, wide, 1.2)
		}
		p.Items = append(p.Items, &page.Fill{Rect: panel, Color: draftPaper})
		y := float64(panel.Y) + (float64(panel.H)-para.Height)/2
		n0 := len(p.Items)
		j.place(p, para, "", draftInk, panel, campaign.Center, y)
		// The English half says it is English, in every locale.
		j.langs.markSource(p, n0, words, len([]rune(words))-len([]rune(DraftEnglish)))
		if first == nil {
			first = element(page.RoleP, p, n0)
		}
	}
	return first
}

func (j *job) shapeDraft(words string) (*typeset.Shaped, error) {
	return j.s.Shape(words, typeset.Style{Fonts: j.c.Fonts.Fontmap(j.loc, true), Lang: j.loc, RTL: j.rtl})
}

func lineWidth(p *typeset.Para) float64 {
	w := 0.0
	for _, l := range p.Lines {
		w = max(w, l.Width)
	}
	return w
}

// edge is the edge of a page the draft mark goes along, and the room the
// layout's boxes leave there (0: none at either edge).
type edge struct {
	bottom bool
	room   geom.Pt
}

// draftEdge chooses the edge of a layout page for the draft mark: the
// top when the page's text and helplines boxes leave room for the band
// there, else the bottom when they leave it there. It depends on the
// layout alone, so the mark sits at the same edge of a page in every
// locale (the A5 leaflet's front had it at the top in Urdu and at the
// bottom in Polish, whose headline reaches higher in its box).
func draftEdge(pg campaign.Page, height geom.Pt) edge {
	top, bottom := height, geom.Pt(0)
	for _, b := range pg.Blocks {
		if b.Kind == campaign.TextBlock || b.Kind == campaign.HelplinesBlock {
			top, bottom = min(top, b.Box.Y), max(bottom, b.Box.Y+b.Box.H)
		}
	}
	fits := func(free geom.Pt) bool { return free-draftGap-draftInset >= draftMinBand }
	switch {
	case fits(top):
		return edge{room: top}
	case fits(height - bottom):
		return edge{bottom: true, room: height - bottom}
	}
	return edge{}
}

// draftBand finds the strip for the mark at the layout's edge e: as tall
// as the room the layout's boxes leave there, less draftGap (text stays
// in its box; the ink of the locale's text, estimated here, does not let
// the band grow towards it: Nastaliq's tall line boxes put its estimate
// below the ink, and the band 1 mm from the Urdu DL's heading). Without
// room in the layout, it is along the top edge above the content, else
// along the bottom edge below it. Background
// fills do not count as content; text and QR codes do. ok is false when
// neither edge has room, and the band is then the top one.
func draftBand(p *page.Page, e edge) (geom.Rect, bool) {
	top, low := p.Size.H, geom.Pt(0)
	for _, it := range p.Items {
		var y0, y1 geom.Pt
		switch v := it.(type) {
		case *page.Text:
			y0, y1 = v.Y-v.Size, v.Y+v.Size*0.3
		case *page.Squares:
			y0, y1 = v.Bounds.Y, v.Bounds.Y+v.Bounds.H
		default:
			continue
		}
		top, low = min(top, y0), max(low, y1)
	}
	atTop := func(free geom.Pt) (geom.Rect, bool) {
		h := min(free-draftGap-draftInset, draftMaxBand)
		return geom.Rect{Y: draftInset, H: h}, h >= draftMinBand
	}
	atBottom := func(free geom.Pt) (geom.Rect, bool) {
		h := min(free-draftGap-draftInset, draftMaxBand)
		return geom.Rect{Y: p.Size.H - draftInset - h, H: h}, h >= draftMinBand
	}
	switch {
	case e.room > 0 && e.bottom:
		return atBottom(e.room)
	case e.room > 0:
		return atTop(e.room)
	}
	if r, ok := atTop(top); ok {
		return r, true
	}
	if r, ok := atBottom(p.Size.H - low); ok {
		return r, true
	}
	return geom.Rect{Y: draftInset, H: draftMaxBand}, false
}
