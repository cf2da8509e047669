package compose

import (
	"github.com/go-text/typesetting/language"
	xlanguage "golang.org/x/text/language"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// The logical structure (page.Doc.Structure) compose gives a document, for
// tagged PDF and screen readers:
//
//   - the campaign title is H1; a heading-role paragraph followed by other
//     text in its block is H2 (it heads what follows), and so is one that
//     ends a block of headings when a later block of the same group
//     follows it in reading order (a heading set above a group's columns
//     heads them); every other paragraph is P;
//   - the helplines are a list (L → LI → LBody): per helpline its name,
//     number line and purpose as P, its web address (when it gives one)
//     as a P holding a Link (the words and the link to the address,
//     helplineweb.go), then a Link holding the QR code (a Figure whose
//     Alt text is the translated QRAltMessage) and the link;
//   - the draft mark's words are a P at the very start of the document,
//     once: its copies on the other panels and pages are decoration, and so
//     are rect fills and the draft band;
//   - reading order is the layout's block order within a panel (the
//     message flow), pages in order, and on folded leaflets the order a
//     reader unfolds the sheet (readingOrder). Right-to-left locales
//     mirror the geometry, not this order, so they read right to left;
//   - a run of text in a script the locale does not use but the source
//     locale does (an English name inside Urdu, Bengali or Chinese text)
//     carries the source locale as its Lang (runLang).

// QRAltMessage is the message id of a QR code's alternative text ("QR code:
// call {{.Name}} on {{.Number}}"), given the helpline's translated name and
// its number. A campaign whose source locale lacks it gets the name and
// the number line instead, still in the locale's words.
const QRAltMessage = "qr.alt"

// blockStructure is the structure a block produced, and where the block
// sits: its page and its panel between the page's folds (in layout
// coordinates, so the same panel in every locale).
type blockStructure struct {
	page, panel int
	els         []*page.Element
	group       string // the block's fitting group, "" for none
	headings    bool   // a text block whose paragraphs are all headings
}

// panelOf returns the panel of the page that box's centre lies in: 0 left
// of the first fold, and so on.
func panelOf(box geom.Rect, folds []geom.Pt) int {
	cx := box.X + box.W/2
	n := 0
	for _, f := range folds {
		if cx > f {
			n++
		}
	}
	return n
}

// readingOrder returns the order in which a reader meets the panels of a
// layout, as (page, panel) pairs. A sheet folded into panels (two pages,
// outside and inside, with the same folds) is read the way it is unfolded:
// the front cover (the outside's last panel), the outside's flaps that
// fold in (its first panels, seen on opening), the inside from its first
// panel, and the back cover (the outside's second-to-last panel) last.
// Anything else reads page by page, panel by panel.
func readingOrder(pages []campaign.Page) [][2]int {
	var out [][2]int
	if len(pages) == 2 && len(pages[0].Folds) > 0 && len(pages[0].Folds) == len(pages[1].Folds) {
		n := len(pages[0].Folds) + 1
		out = append(out, [2]int{0, n - 1})
		for i := 0; i < n-2; i++ {
			out = append(out, [2]int{0, i})
		}
		for i := 0; i < n; i++ {
			out = append(out, [2]int{1, i})
		}
		return append(out, [2]int{0, n - 2})
	}
	for pi, pg := range pages {
		for i := 0; i <= len(pg.Folds); i++ {
			out = append(out, [2]int{pi, i})
		}
	}
	return out
}

// structure puts the blocks' elements in reading order: the draft mark's
// words first, then panel by panel, blocks in layout order within a panel.
func (j *job) structure(draft *page.Element) []*page.Element {
	var out []*page.Element
	if draft != nil {
		out = append(out, draft)
	}
	var ordered []*blockStructure
	for _, at := range readingOrder(j.lay.Pages) {
		for i := range j.blocks {
			if bs := &j.blocks[i]; bs.page == at[0] && bs.panel == at[1] {
				ordered = append(ordered, bs)
			}
		}
	}
	headGroups(ordered)
	for _, bs := range ordered {
		out = append(out, bs.els...)
	}
	return out
}

// headGroups makes H2 the last paragraph of a block of headings that a
// later block of its group follows in reading order: the heading a layout
// sets in a block of its own above the group's columns heads them.
func headGroups(ordered []*blockStructure) {
	for i, bs := range ordered {
		if !bs.headings || bs.group == "" {
			continue
		}
		last := bs.els[len(bs.els)-1]
		if last.Role != page.RoleP {
			continue
		}
		for _, next := range ordered[i+1:] {
			if next.group == bs.group {
				last.Role = page.RoleH2
				break
			}
		}
	}
}

// addBlock records the elements block b of page pi produced.
func (j *job) addBlock(pi int, b *campaign.Block, els ...*page.Element) {
	if len(els) == 0 {
		return
	}
	panel := panelOf(b.Box, j.lay.Pages[pi].Folds)
	headings := b.Kind == campaign.TextBlock && len(b.Paragraphs) > 0
	for _, para := range b.Paragraphs {
		headings = headings && para.Role == campaign.Heading
	}
	j.blocks = append(j.blocks, blockStructure{page: pi, panel: panel, els: els, group: b.Group, headings: headings})
}

// paragraphRole is the structure role of paragraph i of a text block: H1
// for the campaign title, H2 for a heading followed by other text, P
// otherwise.
func (j *job) paragraphRole(ps []*piece, i int) page.Role {
	switch {
	case ps[i].id == j.c.Campaign.TitleMessage:
		return page.RoleH1
	case ps[i].role == campaign.Heading && i+1 < len(ps) && ps[i+1].role != campaign.Heading:
		return page.RoleH2
	}
	return page.RoleP
}

// element returns an element of role whose kids are the text runs place
// drew from index n0 of p's items on.
func element(role page.Role, p *page.Page, n0 int) *page.Element {
	el := &page.Element{Role: role, Kids: make([]page.Node, 0, len(p.Items)-n0)}
	for _, it := range p.Items[n0:] {
		el.Kids = append(el.Kids, it.(*page.Text))
	}
	return el
}

// langs knows which scripts the document's locale and the source locale
// are written in.
type langs struct {
	doc, src     language.LangID
	docOK, srcOK bool
	srcTag       string
	differs      bool // the locales are different languages
	// latin says the document's language is written in the Latin script:
	// elsewhere a Latin word is foreign even where the language's data
	// lists Latin among its scripts (Chinese, for pinyin).
	latin bool
}

func newLangs(loc, src string) *langs {
	l := &langs{srcTag: src}
	l.doc, l.docOK = language.NewLangID(language.NewLanguage(loc))
	l.src, l.srcOK = language.NewLangID(language.NewLanguage(src))
	l.differs = language.NewLanguage(loc).Primary() != language.NewLanguage(src).Primary()
	sc, _ := xlanguage.Make(loc).Script()
	l.latin = sc.String() == "Latn"
	return l
}

// docUses reports whether the document's language is written in script
// s; for a language the script data does not know (zh-Hans), whether s is
// anything but a Latin script the language is not written in.
func (l *langs) docUses(s language.Script) bool {
	if s == language.Latin && !l.latin {
		return false
	}
	return !l.docOK || l.doc.UseScript(s)
}

// runLang returns the language of a run of text whose language may differ
// from the document's: the source locale when the run's script (that of
// its first letter of a specific script) is one the document's language
// does not use and the source language does; "" otherwise (same language,
// or a script neither explains, which stays the document's).
func (l *langs) runLang(source string) string {
	if !l.differs || !l.srcOK {
		return ""
	}
	for _, r := range source {
		s := language.LookupScript(r)
		if !s.Strong() {
			continue
		}
		if !l.docUses(s) && l.src.UseScript(s) {
			return l.srcTag
		}
		return ""
	}
	return ""
}
