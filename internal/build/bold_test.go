package build_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"unicode"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/typeset"
)

// bold reports whether a text item is drawn in a bold face (the fonts
// package names a family's bold face NAME-Bold).
func bold(v *page.Text) bool { return strings.HasSuffix(v.Font.Name, "-Bold") }

// TestBoldInEveryScript composes every bundled layout in every bundled
// locale and checks that the text of each role set bold (weight: bold,
// the headings) is drawn in a bold face, whatever its script: zh-Hans
// had none (issue 27), and its headings printed in the regular weight.
// The build would also have warned (compose's unbold); no warning may say
// so.
func TestBoldInEveryScript(t *testing.T) {
	eachDoc(t, func(name string, lay *campaign.Layout, _ string, res *compose.Result) {
		for _, d := range res.Diags {
			if strings.Contains(d.Msg, "no bold face") {
				t.Errorf("%s: %s", name, d.Msg)
			}
		}
		checked := 0
		for _, v := range texts(res.Doc) {
			if v.TypeRole == "" || !lay.Type[campaign.Role(v.TypeRole)].Bold {
				continue
			}
			checked++
			if !bold(v) {
				t.Errorf("%s: %s text %q is set in %s, not a bold face", name, v.TypeRole, v.Source, v.Font.Name)
			}
		}
		if checked == 0 {
			t.Errorf("%s: no text in a bold role: nothing measured", name)
		}
	})
}

// eachDoc composes every bundled layout in every bundled locale and calls
// f with each document that composes without error (the others are
// errors of the test).
func eachDoc(t *testing.T, f func(name string, lay *campaign.Layout, loc string, res *compose.Result)) {
	t.Helper()
	c, cat, reg := loadBundled(t)
	cmp := compose.Composer{Campaign: c, Catalog: cat, Fonts: reg}
	s := typeset.NewSetter(reg)
	for _, lay := range c.Layouts {
		for _, loc := range c.Locales {
			name := lay.Name + " " + loc.Tag
			res := cmp.Compose(s, lay, loc.Tag)
			if err := res.Diags.Err(); err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			f(name, lay, loc.Tag, res)
		}
	}
}

// TestRunInHeads checks each paragraph the bundled layouts mark runin in
// every locale as drawn: its first sentence (typeset.RunInHead) is drawn
// bold and the rest regular, in one paragraph of the structure tree.
func TestRunInHeads(t *testing.T) {
	_, cat, _ := loadBundled(t)
	found := 0
	eachDoc(t, func(name string, lay *campaign.Layout, loc string, res *compose.Result) {
		for _, para := range runInParagraphs(lay) {
			text, err := cat.Text(loc, para.Message, nil, nil)
			if err != nil {
				t.Fatalf("%s: %s: %v", name, para.Message, err)
			}
			found++
			checkRunIn(t, fmt.Sprintf("%s %s", name, para.Message), res.Doc, text)
		}
	})
	if found == 0 {
		t.Fatal("no bundled layout marks a paragraph runin: nothing measured")
	}
}

// runInParagraphs returns the paragraphs of lay marked runin.
func runInParagraphs(lay *campaign.Layout) []campaign.Paragraph {
	var out []campaign.Paragraph
	for _, pg := range lay.Pages {
		for _, b := range pg.Blocks {
			for _, p := range b.Paragraphs {
				if p.RunIn {
					out = append(out, p)
				}
			}
		}
	}
	return out
}

// checkRunIn finds the structure element whose text is the paragraph's
// and checks that its bold runs read its head, no more and no less.
func checkRunIn(t *testing.T, name string, doc *page.Doc, text string) {
	t.Helper()
	n := typeset.RunInHead(text)
	if n == 0 {
		t.Errorf("%s: %q has no short first sentence to set as a run-in head", name, text)
		return
	}
	want := strings.TrimSpace(string([]rune(text)[:n]))
	el := findParagraph(doc, text)
	if el == nil {
		t.Errorf("%s: no paragraph of the structure tree reads %q", name, text)
		return
	}
	var head strings.Builder
	for _, v := range el.texts {
		if bold(v) {
			head.WriteString(v.Source)
			if v.SpaceAfter {
				head.WriteString(" ")
			}
		}
	}
	if got := normalSpace(head.String()); got != want {
		t.Errorf("%s: bold text %q, want the first sentence %q", name, got, want)
	}
}

// texts returns every text item of doc's pages.
func texts(doc *page.Doc) []*page.Text {
	var out []*page.Text
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			if v, ok := it.(*page.Text); ok {
				out = append(out, v)
			}
		}
	}
	return out
}

// paragraph is a structure element and the text items it holds.
type paragraph struct {
	el    *page.Element
	texts []*page.Text
}

// findParagraph returns the structure element whose text items read
// text (a line's trimmed space restored), or nil.
func findParagraph(doc *page.Doc, text string) *paragraph {
	var found *paragraph
	var walk func(el *page.Element)
	walk = func(el *page.Element) {
		p := &paragraph{el: el}
		var b strings.Builder
		for _, k := range el.Kids {
			switch v := k.(type) {
			case *page.Element:
				walk(v)
			case *page.Text:
				p.texts = append(p.texts, v)
				b.WriteString(v.Source)
				if v.SpaceAfter {
					b.WriteString(" ")
				}
			}
		}
		if found == nil && len(p.texts) > 0 && normalSpace(b.String()) == normalSpace(text) {
			found = p
		}
	}
	for _, el := range doc.Structure {
		walk(el)
	}
	return found
}

// normalSpace folds runs of white space (no-break spaces too) into one
// space and trims the ends.
func normalSpace(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

// TestSectionHeadsOneSize composes every bundled layout in every bundled
// locale and measures its section heads as drawn (the structure tree's
// H2 elements: a heading that heads text): one apparent size per
// document (issue 27: "What can go wrong" at 40 pt beside "Parents and
// carers" at 28 pt on one spread of the DL).
func TestSectionHeadsOneSize(t *testing.T) {
	docs := 0
	eachDoc(t, func(name string, _ *campaign.Layout, _ string, res *compose.Result) {
		sizes := map[string]float64{} // text → apparent size
		for _, el := range elements(res.Doc.Structure, page.RoleH2) {
			for _, k := range el.Kids {
				if v, ok := k.(*page.Text); ok {
					sizes[v.Source] = max(sizes[v.Source], float64(v.Apparent()))
				}
			}
		}
		if len(sizes) < 2 {
			return
		}
		docs++
		lo, hi, loText, hiText := math.Inf(1), 0.0, "", ""
		for text, size := range sizes {
			if size < lo {
				lo, loText = size, text
			}
			if size > hi {
				hi, hiText = size, text
			}
		}
		if hi-lo > 0.05 {
			t.Errorf("%s: section heads at %.1f pt (%q) and %.1f pt (%q), want one size", name, hi, hiText, lo, loText)
		}
	})
	if docs == 0 {
		t.Fatal("no document has two section heads: nothing measured")
	}
}

// elements returns the elements of role in the structure trees els, at
// any depth.
func elements(els []*page.Element, role page.Role) []*page.Element {
	var out []*page.Element
	for _, el := range els {
		if el.Role == role {
			out = append(out, el)
		}
		for _, k := range el.Kids {
			if e, ok := k.(*page.Element); ok {
				out = append(out, elements([]*page.Element{e}, role)...)
			}
		}
	}
	return out
}

// TestLastLines measures every paragraph of every bundled layout in every
// bundled locale as drawn (the structure tree's P elements of two lines
// or more in a text role, lines by baseline): the last line holds at least two words and
// twelve characters (letters, marks, digits; a Hangul syllable counts
// two), or three characters of Chinese (issue 27: "Think before you / send", "always call / 999.",
// "به." alone), unless the line before holds two words (typeset's
// widow.go gives all it can: it keeps a line of two words). Display type
// (headings, helpline names) is balanced instead.
func TestLastLines(t *testing.T) {
	paras := 0
	eachDoc(t, func(name string, _ *campaign.Layout, _ string, res *compose.Result) {
		for _, el := range elements(res.Doc.Structure, page.RoleP) {
			lines, display := paragraphLines(el)
			if len(lines) < 2 || display {
				continue // balanced instead (typeset's display.go)
			}
			paras++
			last, before := lines[len(lines)-1], lines[len(lines)-2]
			if shortLastLine(last) && len(strings.Fields(before)) > 2 {
				t.Errorf("%s: paragraph %q ends with the line %q, and the line before could give it a word", name, strings.Join(lines, " / "), last)
			}
		}
	})
	if paras == 0 {
		t.Fatal("no paragraph of two lines: nothing measured")
	}
}

// paragraphLines returns the text of an element's lines, by baseline, in
// the order drawn, and whether it is display type: set in the heading
// role, or all bold (a helpline's name, set bold at body size).
func paragraphLines(el *page.Element) ([]string, bool) {
	var lines []string
	display, allBold := false, true
	var base geom.Pt
	for _, k := range el.Kids {
		v, ok := k.(*page.Text)
		if !ok {
			continue
		}
		if len(lines) == 0 || math.Abs(float64(v.Y-base)) > 0.5 {
			lines = append(lines, "")
			base = v.Y
		}
		lines[len(lines)-1] += v.Source
		display = display || v.TypeRole == string(campaign.Heading)
		allBold = allBold && bold(v)
	}
	return lines, display || allBold
}

// shortLastLine reports whether a paragraph's last line breaks the rule
// of TestLastLines.
func shortLastLine(line string) bool {
	letters, han, words := 0, 0, 0
	for _, w := range strings.Fields(line) {
		has := false
		for _, r := range w {
			switch {
			case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
				han++
				has = true
			case unicode.Is(unicode.Hangul, r): // about an em wide: two letters (typeset's widow.go)
				letters += 2
				has = true
			case unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r):
				letters++
				has = true
			}
		}
		if has {
			words++
		}
	}
	if han > 0 {
		return han+letters < 3
	}
	return words < 2 || letters < 12
}
