// Package compose fills a layout with one locale's strings: it renders each
// message, shapes and fits it into its box through typeset (beside or
// under the pictogram of a paragraph's icon slot, icon.go), draws helpline
// QR codes through qr, mirrors the layout for right-to-left locales, and
// produces a page.Doc plus diagnostics (overflow, missing glyphs, QR module
// size). It is the stage after typeset and qr, before the exporters.
package compose

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-text/typesetting/language"
	xlang "golang.org/x/text/language"

	"github.com/handbill/handbill/internal/artwork"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/fonts"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/messages"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/typeset"
)

// Composer holds what every document of a campaign shares.
type Composer struct {
	Campaign *campaign.Campaign
	Catalog  *messages.Catalog
	Fonts    *fonts.Registry
	Creator  string    // "handbill <version>"
	Date     time.Time // creation date written into documents
	// AllowFallback lets a message missing in a locale come from the source
	// language; the result lists the ids.
	AllowFallback bool
	// MeasureRoom records how each box's text fits at the smallest sizes
	// in Result.Rooms (for check; see room.go).
	MeasureRoom bool

	glyphs glyphReports // glyphs.go
}

// Result is one composed document.
type Result struct {
	Doc       *page.Doc
	Diags     diag.List
	Fallbacks []string // message ids that came from the source language
	Draft     string   // why the document carries the draft mark; "" when it does not (draft.go)
	Rooms     []Room   // with Composer.MeasureRoom: how each box's text fits
	// Filled is, per text block name, the share of its box height its text
	// takes at the size it is set (0.7: 30% of the box left empty).
	Filled map[string]float64
	// IconsLeftOut names the text blocks set without the icons their
	// slots would show, because the text does not fit beside them at
	// its smallest sizes (icon.go).
	IconsLeftOut []string
}

// IsRTL reports whether a locale's script is written right to left.
func IsRTL(tag string) bool {
	t, err := xlang.Parse(tag)
	if err != nil {
		return false
	}
	s, _ := t.Script()
	return page.RTLScript(s.String())
}

// Compose builds the document for layout lay in locale loc. s must not be
// shared with another goroutine during the call.
func (c *Composer) Compose(s *typeset.Setter, lay *campaign.Layout, loc string) *Result {
	j := &job{c: c, s: s, lay: lay, loc: loc, rtl: IsRTL(loc), res: &Result{}, langs: newLangs(loc, c.Campaign.SourceLocale)}
	title := j.text(c.Campaign.TitleMessage, nil, nil, lay.File, 0, "title")
	subject, keywords := j.subject(title)
	doc := &page.Doc{
		// The title is the campaign's, in the locale's words, as a viewer
		// shows it; which layout and locale this is goes to the subject
		// and the keywords.
		Title:   title,
		Subject: subject,
		Author:  j.author(),
		Creator: c.Creator, Lang: loc, RTL: j.rtl, Date: c.Date,
		Keywords: keywords,
	}
	// Every page's text is fitted before anything is drawn: the helplines'
	// numbers are sized from the body text of the whole document.
	preps := make([]pagePrep, len(lay.Pages))
	for pi, pg := range lay.Pages {
		preps[pi].prep, preps[pi].groupT = j.prepareTexts(pg.Blocks)
		j.body = max(j.body, bodySize(pg.Blocks, preps[pi].prep, preps[pi].groupT))
	}
	j.sameSectionHeads(lay, preps)
	for pi, pg := range lay.Pages {
		p := &page.Page{Name: pg.Name, Size: lay.Size, Folds: pg.Folds}
		if j.rtl { // the panels mirror, and so do the folds between them
			p.Folds = make([]geom.Pt, len(pg.Folds))
			for i, f := range pg.Folds {
				p.Folds[len(pg.Folds)-1-i] = lay.Size.W - f
			}
		}
		prep, groupT := preps[pi].prep, preps[pi].groupT
		j.drawing.blocks, j.drawing.prep = pg.Blocks, preps[pi]
		for bi := range pg.Blocks {
			b := &pg.Blocks[bi]
			switch b.Kind {
			case campaign.RectBlock:
				p.Items = append(p.Items, &page.Fill{Rect: j.box(b.Box), Color: b.Fill})
			case campaign.TextBlock:
				if b.Below != "" {
					j.addBlock(pi, b, j.callout(p, pi, b)...)
				} else if pr := prep[bi]; pr != nil {
					t := pr.t
					if g, ok := groupT[b.Group]; ok && b.Group != "" {
						t = g
					}
					j.addBlock(pi, b, j.placeText(p, b, pr, t)...)
				}
			case campaign.HelplinesBlock:
				j.addBlock(pi, b, j.helplines(p, b)...)
			case campaign.ImageBlock:
				j.addBlock(pi, b, j.image(p, b)...)
			case campaign.PartnersBlock:
				j.addBlock(pi, b, j.partners(p, b)...)
			case campaign.IssuerBlock:
				j.addBlock(pi, b, j.issuer(p, b)...)
			}
		}
		doc.Pages = append(doc.Pages, p)
	}
	doc.Structure = j.structure(j.draft(doc))
	j.res.Doc = doc
	return j.res
}

// pagePrep is a page's text blocks fitted before any is placed
// (prepareTexts).
type pagePrep struct {
	prep   map[int]*prepared
	groupT map[string]float64
}

// sameSectionHeads sets every section head of the document (a heading
// that heads text in its block: structure role H2) at one apparent size,
// the smallest any of them was fitted at, so that headings of one role
// do not change size from panel to panel ("What can go wrong" at 40 pt
// beside "Parents and carers" at 28 pt on one spread of the DL). A
// smaller heading needs no more room, so every block still fits; the
// space above each keeps the size it was fitted at (spaceSize), so a
// heading that shrank keeps twice the space above it as below, where
// the text's line under it (Nastaliq's is tall) sets the space below.
func (j *job) sameSectionHeads(lay *campaign.Layout, preps []pagePrep) {
	type head struct {
		pc   *piece
		size float64 // apparent
	}
	var heads []head
	for pi, pg := range lay.Pages {
		for bi, pr := range preps[pi].prep {
			t := pr.t
			if g, ok := preps[pi].groupT[pg.Blocks[bi].Group]; ok && pg.Blocks[bi].Group != "" {
				t = g
			}
			for i, pc := range pr.ps {
				if j.paragraphRole(pr.ps, i) == page.RoleH2 {
					heads = append(heads, head{pc, pc.sizeAt(t) * pc.ink})
				}
			}
		}
	}
	if len(heads) < 2 {
		return
	}
	least := heads[0].size
	for _, h := range heads[1:] {
		least = min(least, h.size)
	}
	for _, h := range heads {
		h.pc.spaceSize = h.size / h.pc.ink
		h.pc.min, h.pc.max = least/h.pc.ink, least/h.pc.ink
	}
}

type job struct {
	c   *Composer
	s   *typeset.Setter
	lay *campaign.Layout
	loc string
	rtl bool
	res *Result
	// blocks is the structure each block produced, in layout order
	// (structure.go).
	blocks []blockStructure
	langs  *langs
	data   map[string]any // the campaign's data in loc (campaignData)
	// unbolded holds the font families a bold text fell back to regular
	// in, warned about once (unbold).
	unbolded map[string]bool
	// body is the apparent size of the largest body text the document
	// sets (points), known before any page is drawn.
	body float64
	// below is, per text block name of the page being drawn, the y of the
	// bottom of its last line (points), for the callouts that follow it.
	below map[string]float64
	// largests are, per page and text block name, the apparent size of
	// the block's largest text (a callout's at_most), in page order.
	largests []map[string]float64
	// drawing is the page being drawn: its blocks and their fitted text
	// (a helplines column measures the line under it, helplinefoot.go).
	drawing struct {
		blocks []campaign.Block
		prep   pagePrep
	}
}

func (j *job) errorf(file string, line int, path, format string, args ...any) {
	j.res.Diags.Add(diag.Diagnostic{Severity: diag.Error, File: file, Line: line, Path: path, Msg: fmt.Sprintf(format, args...)})
}

// box returns b mirrored for right-to-left locales.
func (j *job) box(r geom.Rect) geom.Rect {
	if j.rtl {
		return r.MirrorX(j.lay.Size.W)
	}
	return r
}

// text renders a message, reporting problems against the place that asked
// for it.
func (j *job) text(id string, extra map[string]any, count *int, file string, line int, path string) string {
	data := maps.Clone(j.campaignData())
	for k, v := range extra {
		data[k] = v
	}
	if count != nil {
		data["Count"] = *count
	}
	return j.render(id, data, count, file, line, path)
}

// render renders a message with data as it is, reporting problems as text
// does.
func (j *job) render(id string, data map[string]any, count *int, file string, line int, path string) string {
	s, err := j.c.Catalog.Text(j.loc, id, data, count)
	var fb *messages.FallbackError
	if errors.As(err, &fb) {
		if j.c.AllowFallback {
			j.res.Fallbacks = append(j.res.Fallbacks, id)
			return s
		}
		j.res.Diags.Add(diag.Diagnostic{Severity: diag.Error, File: fb.File, Msg: fmt.Sprintf("locale %s: message %q is missing", j.loc, id), Hint: "translate it, or build with --allow-fallback to use the source text in a draft"})
		return ""
	}
	if err != nil {
		j.errorf(file, line, path, "%v", err)
		return ""
	}
	return s
}

// HelplineNumber is the one field of a helpline in HelplinesData.
const HelplineNumber = "Number"

// HelplineData is the value of HelplinesData: per helpline id, its Number
// as printed with no-break spaces between the digit groups.
func HelplineData(c *campaign.Campaign) map[string]map[string]string {
	out := make(map[string]map[string]string, len(c.Helplines))
	for _, h := range c.Helplines {
		out[h.ID] = map[string]string{HelplineNumber: keepTogether(h.Number)}
	}
	return out
}

// keepTogether joins a phone number's digit groups with no-break spaces so
// that a line never breaks inside it.
func keepTogether(number string) string { return strings.ReplaceAll(number, " ", "\u00a0") }

// bindHyphens puts a word joiner (U+2060) after each hyphen of a
// helpline's name, so that a line never breaks there ("Police non- /
// emergency"): the hyphen stays a hyphen in the text layer, and the
// joiner is invisible, zero-width and a format character that extraction
// and search ignore.
func bindHyphens(name string) string { return strings.ReplaceAll(name, "-", "-\u2060") }

// piece is a paragraph to fit: shaped once, wrapped per trial size.
type piece struct {
	shaped   *typeset.Shaped
	min, max float64
	leading  float64
	color    geom.Color
	para     *typeset.Para
	width    float64 // para was wrapped at this width…
	size     float64 // …and size
	id       string
	role     campaign.Role
	measure  float64 // longest line in ems of the size (0: the box's width)
	ink      float64 // the apparent size of a point of this text (fonts.Registry.InkScale)
	// spaceSize is the size the space above a heading is counted from
	// when it is larger than the heading's own (sameSectionHeads).
	spaceSize float64
	// icon is the pictogram drawn at the paragraph's start edge, a
	// square of iconSide points (icon.go); nil for none.
	icon      *artwork.Art
	iconSide  float64
	iconAbove bool
	// byInk stands the piece's lines by their glyphs' ink, aligned so
	// (standByInk: a headline, inkHeadline).
	byInk bool
	align campaign.Align
}

// widthFor is the width the piece wraps in at size: width, or its measure
// when that is narrower.
func (pc *piece) widthFor(width, size float64) float64 {
	if pc.measure > 0 {
		return min(width, pc.measure*size)
	}
	return width
}

// shape shapes a message's text in the style of role; display sets it as
// display type (a heading, headline or strapline: typeset.Style.Display).
func (j *job) shape(id, text string, role campaign.Role, display bool, file string, line int, path string) (*typeset.Shaped, campaign.TypeStyle, bool) {
	return j.shapeHead(id, text, role, display, false, file, line, path)
}

// shapeHead is shape with the paragraph's first sentence set bold as a
// run-in head when runIn is set and the sentence is short
// (typeset.RunInHead).
func (j *job) shapeHead(id, text string, role campaign.Role, display, runIn bool, file string, line int, path string) (*typeset.Shaped, campaign.TypeStyle, bool) {
	ts := j.lay.Type[role]
	// A helpline's number line breaks, if at all, between its words and
	// its number only (typeset's dial.go).
	st := typeset.Style{Fonts: j.c.Fonts.RoleFontmap(j.loc, string(role), ts.Bold), Lang: j.loc, RTL: j.rtl, Display: display, Dial: id == CallMessage}
	if n := typeset.RunInHead(text); runIn && n > 0 {
		st.Head = typeset.Head{Fonts: j.c.Fonts.RoleFontmap(j.loc, string(role), true), Runes: n}
	}
	sh, ok := j.shapeStyle(id, text, st, file, line, path)
	return sh, ts, ok
}

// shapeStyle shapes a message's text in st, reporting missing glyphs once
// per locale and other errors against the place that asked for it.
func (j *job) shapeStyle(id, text string, st typeset.Style, file string, line int, path string) (*typeset.Shaped, bool) {
	sh, err := j.s.Shape(text, st)
	if err != nil {
		var me *typeset.MissingError
		if errors.As(err, &me) {
			if d := j.c.missingGlyphs(j.loc, id, me); !slices.Contains(j.res.Diags, d) { // once per locale
				j.res.Diags.Add(d)
			}
		} else {
			j.errorf(file, line, path, "message %q: %v", id, err)
		}
		return nil, false
	}
	j.unbold(sh)
	return sh, true
}

// unbold warns, once per document and family, that text meant to be bold
// is set in a family without a bold face, naming the script: the
// hierarchy of bold headings and heads is lost there.
func (j *job) unbold(sh *typeset.Shaped) {
	for _, ft := range sh.Unbold() {
		fam := ft.Face.Family
		if j.unbolded[fam.ID] {
			continue
		}
		if j.unbolded == nil {
			j.unbolded = map[string]bool{}
		}
		j.unbolded[fam.ID] = true
		script := fonts.ScriptName(scriptOf(ft.Text))
		d := diag.Diagnostic{Severity: diag.Warning, File: j.c.Fonts.TablePath(),
			Msg:  fmt.Sprintf("locale %s: %s text meant to be bold (%q) is set in %s (%s), which has no bold face: it prints in the regular weight", j.loc, script, ft.Text, fam.Name, fam.ID),
			Hint: fmt.Sprintf("add bold: to the family %s in the font table, or list a family with a bold face for %s before it", fam.ID, script)}
		if fam.Brand() {
			d.File, d.Hint = "campaign.yaml", "add a bold font file to the brand's type in campaign.yaml"
		}
		j.res.Diags.Add(d)
	}
}

// scriptOf is the script of text's first character that has one of its
// own (Common when none has).
func scriptOf(text string) language.Script {
	for _, r := range text {
		if s := language.LookupScript(r); s != language.Common && s != language.Inherited {
			return s
		}
	}
	return language.Common
}

// wrapAt sets every piece at scale t (size = min + t·(max−min)) in width
// and returns the stacked height with paragraph gaps and whether every line
// fits the width.
func (j *job) wrapAt(ps []*piece, t, width float64) (float64, bool) {
	h := 0.0
	over := false
	for i, pc := range ps {
		h += pc.height(j.wrapPiece(pc, pc.sizeAt(t), width).Height)
		if i < len(ps)-1 {
			h += gapAfter(ps, i, t)
		}
		over = over || pc.para.Overfull
	}
	return h, !over
}

// measureAt is wrapAt without building lines: the stacked height at scale
// t and whether every word fits the width.
func measureAt(ps []*piece, t, width float64) (float64, bool) {
	h := 0.0
	ok := true
	for i, pc := range ps {
		ph, over := pc.shaped.MeasureFrame(pc.sizeAt(t), pc.frame(width), pc.leading)
		h += pc.height(ph)
		if i < len(ps)-1 {
			h += gapAfter(ps, i, t)
		}
		ok = ok && !over && !pc.breaksPhrase(pc.sizeAt(t), width-pc.indent())
	}
	return h, ok
}

// breaksPhrase reports whether the piece at size in width would be set
// as body text is because a word or phrase of its display setting is
// wider than width (typeset's Shaped.Loosened: "先想一想" in a narrow
// headline box), while at its smallest size it is not: fitting then takes
// the size as not fitting and sets the piece smaller, so that a heading
// breaks inside a phrase or a word only when no size in its range keeps
// them whole (typeset's display.go).
func (pc *piece) breaksPhrase(size, width float64) bool {
	return size > pc.min && pc.shaped.Loosened(size, width) && !pc.shaped.Loosened(pc.min, width)
}

// fit finds the largest common scale t in [0,1] at which the pieces fit in
// width×height, leaves them set at it, and returns t, the height and
// whether it fits; when nothing fits, the height is what the smallest sizes
// need. The search counts lines (Measure); lines are built once, at the end.
func (j *job) fit(ps []*piece, width, height float64) (float64, float64, bool) {
	fits := func(t float64) (float64, bool) {
		h, ok := measureAt(ps, t, width)
		return h, ok && h <= height+0.01
	}
	t := 1.0
	if _, ok := fits(1); !ok {
		if h, ok := fits(0); !ok {
			j.wrapAt(ps, 0, width)
			return 0, h, false
		}
		t = largestFit(0, 1, func(m float64) bool { _, ok := fits(m); return ok })
	}
	// Build the lines; should the wrapper break differently from the
	// count, step down until they fit.
	for {
		h, ok := j.wrapAt(ps, t, width)
		if ok && h <= height+0.01 {
			return t, h, true
		}
		if t <= 0 {
			return 0, h, false
		}
		t = max(0, t-0.02)
	}
}

// gapAfter is the space after paragraph i of ps at scale t: half a line
// of its size, or, above a heading that follows other text, headingSpace
// times the heading's size, so a heading sits closer to the text it heads
// than to the text before it (twice the space above as below).
func gapAfter(ps []*piece, i int, t float64) float64 {
	g := 0.5 * ps[i].sizeAt(t)
	if next := ps[i+1]; next.role == campaign.Heading && ps[i].role != campaign.Heading {
		g = max(g, headingSpace*max(next.sizeAt(t), next.spaceSize))
	}
	if next := ps[i+1]; next.icon != nil && next.iconAbove {
		g = max(g, iconAboveSpace*next.iconSide) // the icon goes with the text below it
	}
	return g
}

// largestFit narrows [lo, hi] to within 0.005 by halving, keeping lo a
// scale that fits (or the lo given, when none tried does), and returns
// lo: the one search every fitting uses.
func largestFit(lo, hi float64, fits func(float64) bool) float64 {
	for hi-lo > 0.005 {
		if mid := (lo + hi) / 2; fits(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// headingSpace is the space above a heading that follows other text, in
// its size: with the half line below it and the leading above its
// capitals, twice the space between it and its text.
const headingSpace = 2.0

// sizeAt is the piece's size at scale t.
func (pc *piece) sizeAt(t float64) float64 { return pc.min + t*(pc.max-pc.min) }

// prepared is a text block shaped and fitted, waiting to be placed.
type prepared struct {
	ps []*piece
	t  float64 // the largest scale at which it fits on its own
	ok bool
}

// prepareTexts fits a page's text blocks before anything is drawn, by
// index: blocks of one group share the smallest scale any of them needs
// (groupT), so side-by-side columns match; a block with an at_most is
// fitted under the block it names.
func (j *job) prepareTexts(blocks []campaign.Block) (map[int]*prepared, map[string]float64) {
	prep := map[int]*prepared{}
	groupT := map[string]float64{}
	largest := map[string]float64{} // apparent size of each block's largest text
	j.largests = append(j.largests, largest)
	for _, bi := range capsLast(blocks) {
		b := &blocks[bi]
		if b.Below != "" {
			continue // fitted where it is drawn, in the room left (callout)
		}
		pr := j.prepareText(b, largest[b.AtMost.Block]*b.AtMost.Times)
		if pr == nil {
			continue
		}
		largest[b.Name] = pr.largest()
		if !pr.ok {
			continue
		}
		prep[bi] = pr
		if t, seen := groupT[b.Group]; b.Group != "" && (!seen || pr.t < t) {
			groupT[b.Group] = pr.t
		}
	}
	return prep, groupT
}

// capsLast returns the indexes of a page's text blocks, those without an
// at_most first: a block's cap is known once the block it names is fitted.
func capsLast(blocks []campaign.Block) []int {
	var first, last []int
	for bi, b := range blocks {
		switch {
		case b.Kind != campaign.TextBlock:
		case b.AtMost.Block == "":
			first = append(first, bi)
		default:
			last = append(last, bi)
		}
	}
	return append(first, last...)
}

// bodySize is the apparent size of the largest body text of a page's
// prepared blocks, each at its group's scale.
func bodySize(blocks []campaign.Block, prep map[int]*prepared, groupT map[string]float64) float64 {
	m := 0.0
	for bi, pr := range prep {
		t := pr.t
		if g, ok := groupT[blocks[bi].Group]; ok && blocks[bi].Group != "" {
			t = g
		}
		for _, pc := range pr.ps {
			if pc.role == campaign.Body {
				m = max(m, pc.sizeAt(t)*pc.ink)
			}
		}
	}
	return m
}

// largest is the apparent size of the block's largest text at its scale.
func (pr *prepared) largest() float64 {
	m := 0.0
	for _, pc := range pr.ps {
		m = max(m, (pc.min+pr.t*(pc.max-pc.min))*pc.ink)
	}
	return m
}

// prepareText renders, shapes and fits a text block's paragraphs. A cap
// above 0 is the largest apparent size any of them may take
// (campaign.Block.AtMost); it lowers a paragraph's range, the bottom too
// where the cap is under it.
func (j *job) prepareText(b *campaign.Block, limit float64) *prepared {
	ps := j.textPieces(b, limit)
	if len(ps) == 0 {
		return nil
	}
	box := j.textBox(b)
	t, h, ok := j.fit(ps, float64(box.W), float64(box.H))
	if !ok && dropIcons(ps) {
		j.res.IconsLeftOut = append(j.res.IconsLeftOut, b.Name)
		t, h, ok = j.fit(ps, float64(box.W), float64(box.H))
	}
	if !ok {
		j.overflow(b, h, float64(box.H), ps)
	} else {
		t = j.inkHeadline(b, ps, box, t)
	}
	j.measure(b, "", ps, box)
	return &prepared{ps: ps, t: t, ok: ok}
}

// textBox is where a text block's lines go: its box, mirrored for a
// right-to-left locale, and FieldInset inside it when the block has a
// field of its own (fill).
func (j *job) textBox(b *campaign.Block) geom.Rect { return j.box(b.TextBox()) }

// callout draws a text block that takes the room the block it follows
// (campaign.Block.Below) leaves, and returns its paragraphs; nothing when
// its text does not fit there at its least sizes (a long translation
// needs the room).
func (j *job) callout(p *page.Page, pi int, b *campaign.Block) []*page.Element {
	end, ok := j.below[b.Below]
	if !ok {
		return nil
	}
	c := *b
	if top := geom.Pt(end) + campaign.FieldInset; top > c.Box.Y {
		c.Box.H -= top - c.Box.Y
		c.Box.Y = top
	}
	box := j.textBox(&c)
	if box.H <= 0 || box.W <= 0 {
		return nil
	}
	limit := 0.0
	if b.AtMost.Block != "" {
		limit = j.largests[pi][b.AtMost.Block] * b.AtMost.Times
	}
	ps := j.textPieces(&c, limit)
	if len(ps) == 0 {
		return nil
	}
	t, _, fits := j.fit(ps, float64(box.W), float64(box.H))
	if !fits {
		return nil
	}
	return j.placeText(p, &c, &prepared{ps: ps, t: t, ok: true}, t)
}

// textPieces renders and shapes a text block's paragraphs (prepareText).
func (j *job) textPieces(b *campaign.Block, limit float64) []*piece {
	var ps []*piece
	for qi, para := range b.Paragraphs {
		path := fmt.Sprintf("%s.paragraphs[%d]", b.Name, qi)
		var count *int
		if para.Count == "helplines" {
			n := len(j.c.Campaign.Helplines)
			count = &n
		}
		extra := map[string]any{}
		for k, ref := range para.Data {
			if ref == "emergency" {
				extra[k] = j.emergency(para.File, para.Line, path)
			} else {
				extra[k] = j.campaignData()[strings.TrimPrefix(ref, "data.")]
			}
		}
		text := j.text(para.Message, extra, count, para.File, para.Line, path)
		if text == "" {
			continue
		}
		sh, ts, ok := j.shapeHead(para.Message, text, para.Role, para.Role == campaign.Heading, para.RunIn, para.File, para.Line, path)
		if !ok {
			continue
		}
		k := j.c.Fonts.InkScale(sh.Main())
		pc := &piece{shaped: sh, min: float64(para.Min) / k, max: float64(para.Max) / k, leading: ts.Leading, color: para.Color, id: para.Message, role: para.Role, ink: k}
		j.setIcon(pc, para)
		if limit > 0 {
			pc.max = min(pc.max, limit/k)
			pc.min = min(pc.min, pc.max)
		}
		ps = append(ps, pc)
	}
	return ps
}

// placeText sets a prepared block at scale t, draws it and returns its
// paragraphs as structure elements.
func (j *job) placeText(p *page.Page, b *campaign.Block, pr *prepared, t float64) []*page.Element {
	if b.Fill.Name != "" {
		p.Items = append(p.Items, &page.Fill{Rect: j.box(b.Box), Color: b.Fill})
	}
	box := j.textBox(b)
	h, _ := j.wrapAt(pr.ps, t, float64(box.W))
	if j.res.Filled == nil {
		j.res.Filled = map[string]float64{}
	}
	j.res.Filled[b.Name] = h / float64(box.H)
	y := float64(box.Y)
	switch b.VAlign {
	case campaign.Middle:
		y += (float64(box.H) - h) / 2
	case campaign.Bottom:
		y += float64(box.H) - h
	}
	els := make([]*page.Element, 0, len(pr.ps))
	for i, pc := range pr.ps {
		var n0 int
		y, n0 = j.placePiece(p, pc, box, b.Align, y)
		if i < len(pr.ps)-1 {
			y += gapAfter(pr.ps, i, t)
		}
		els = append(els, element(j.paragraphRole(pr.ps, i), p, n0))
	}
	if j.below == nil {
		j.below = map[string]float64{}
	}
	j.below[b.Name] = y
	return els
}

func (j *job) overflow(b *campaign.Block, need, have float64, ps []*piece) {
	over := (need - have) / have * 100
	sizes := make([]string, 0, len(ps))
	for _, pc := range ps {
		sizes = append(sizes, fmt.Sprintf("%s %.1fpt", pc.id, pc.min))
	}
	msg := fmt.Sprintf("%s: locale %s: text does not fit: it needs %.1fmm at the smallest sizes (%s), the box is %.1fmm high (%.0f%% over)",
		j.lay.Name, j.loc, need/float64(geom.MM), diag.Some(sizes, 8, "paragraphs"), have/float64(geom.MM), math.Ceil(over))
	hint := "shorten the translation, or widen the box or lower the role's minimum size in the layout"
	if h := leadingHint(ps, float64(j.textBox(b).W), need, have); h != "" {
		hint = h
	}
	// A word wider than the box is named first: no cut elsewhere fits it.
	if _, _, _, wide := wideWord(ps, float64(j.textBox(b).W)); wide || math.IsInf(over, 0) || need <= have {
		msg, hint = j.overwide(b, ps)
	}
	j.res.Diags.Add(diag.Diagnostic{Severity: diag.Error, File: b.File, Line: b.Line, Path: "block " + b.Name, Msg: msg, Hint: hint})
}

// overwide says which message and word of a block do not fit its width
// at their smallest size, and what to do about it.
func (j *job) overwide(b *campaign.Block, ps []*piece) (msg, hint string) {
	width := float64(j.textBox(b).W)
	id, word, need, ok := wideWord(ps, width)
	if !ok {
		return fmt.Sprintf("%s: locale %s: a word is wider than the box at the smallest size", j.lay.Name, j.loc), "widen the box or lower the role's minimum size in the layout"
	}
	msg = fmt.Sprintf("%s: locale %s: message %q: the word %q is wider than the box at the smallest size (%.1fmm at %.1fpt, the box is %.1fmm wide)",
		j.lay.Name, j.loc, id, word, need/float64(geom.MM), ps[slices.IndexFunc(ps, func(pc *piece) bool { return pc.id == id })].min, width/float64(geom.MM))
	return msg, "widen the box or lower the role's minimum size in the layout; in text written without spaces (Thai, Lao, Khmer, Myanmar) a word the typesetter's dictionary does not know is kept whole: type U+200B ZERO WIDTH SPACE where it may break"
}

// wideWord returns the first message of ps with a word wider than width
// points at the message's smallest size, the word and the width it needs.
func wideWord(ps []*piece, width float64) (id, word string, need float64, ok bool) {
	for _, pc := range ps {
		if word, need, ok := pc.shaped.Overwide(pc.min, width-pc.indent()); ok {
			return pc.id, word, need, true
		}
	}
	return "", "", 0, false
}

// place draws a paragraph's lines from y down inside box and returns the y
// below it. role is recorded on each run ("" for text that is not copy).
func (j *job) place(p *page.Page, para *typeset.Para, role campaign.Role, color geom.Color, box geom.Rect, align campaign.Align, y float64) float64 {
	for n, ln := range para.Lines {
		x := j.lineX(box, ln, align)
		base := y + ln.Ascent
		// Content order is reading order (typeset's Run.Order), so text
		// extracted in content order (pdftotext -raw) reads logically, also
		// where a left-to-right phrase inside right-to-left text spans fonts.
		runs := slices.Clone(ln.Runs)
		slices.SortStableFunc(runs, func(a, b typeset.Run) int { return a.Order - b.Order })
		var last *page.Text
		for _, r := range runs {
			if len(r.Glyphs) == 0 {
				continue
			}
			if r.Face == nil { // a typesetter bug: say so rather than lose the text
				j.errorf(j.lay.File, 0, "", "%s: locale %s: the run %q has glyphs but no face to draw them with", j.lay.Name, j.loc, r.Source)
				continue
			}
			t := &page.Text{Font: r.Face.Page, Size: geom.Pt(para.Size), Color: color,
				X: geom.Pt(x + r.X), Y: geom.Pt(base), Glyphs: r.Glyphs, Source: r.Source, RTL: r.RTL,
				TypeRole: string(role), Ink: j.c.Fonts.InkScale(r.Face)}
			for _, piece := range j.langs.langRuns(t) {
				p.Items = append(p.Items, piece)
				last = piece
			}
		}
		// A line that broke at a space keeps the word break in the text
		// layer (ISO 32000-1 §14.8.2.5), on its logically last run; one
		// that broke after a hyphen keeps the hyphen (page.Text.HyphenBreak).
		if last != nil && n < len(para.Lines)-1 {
			last.SpaceAfter = ln.SpaceAfter
			last.HyphenBreak = !ln.SpaceAfter && endsWithHyphen(last.Source)
		}
		y += ln.Height
	}
	return y
}

// lineX is where place draws line ln's left end in box.
func (j *job) lineX(box geom.Rect, ln typeset.Line, align campaign.Align) float64 {
	// A line beside an icon keeps its Indent at the start edge.
	x := float64(box.X)
	if !j.rtl {
		x += ln.Indent
	}
	free := float64(box.W) - ln.Indent - ln.Width
	switch {
	case align == campaign.Center:
		x += free / 2
	case (align == campaign.Start) == j.rtl: // end in LTR, start in RTL: flush right
		x += free
	}
	return x
}

// endsWithHyphen reports whether s ends with a hyphen that poppler's
// plain text drops at a line end (ASCII's, U+2010 and their small and
// full-width forms); a soft hyphen (U+00AD) is meant to be dropped.
func endsWithHyphen(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '-', '\u2010', '\ufe63', '\uff0d':
		return true
	}
	return false
}
