package build_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
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
	c, cat, reg := loadBundled(t)
	cmp := compose.Composer{Campaign: c, Catalog: cat, Fonts: reg}
	s := typeset.NewSetter(reg)
	for _, lay := range c.Layouts {
		for _, loc := range c.Locales {
			name := lay.Name + " " + loc.Tag
			res := cmp.Compose(s, lay, loc.Tag)
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
		}
	}
}

// TestRunInHeads checks each paragraph the bundled layouts mark runin in
// every locale as drawn: its first sentence (typeset.RunInHead) is drawn
// bold and the rest regular, in one paragraph of the structure tree.
func TestRunInHeads(t *testing.T) {
	c, cat, reg := loadBundled(t)
	cmp := compose.Composer{Campaign: c, Catalog: cat, Fonts: reg}
	s := typeset.NewSetter(reg)
	found := 0
	for _, lay := range c.Layouts {
		for _, loc := range c.Locales {
			name := lay.Name + " " + loc.Tag
			res := cmp.Compose(s, lay, loc.Tag)
			if err := res.Diags.Err(); err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			for _, para := range runInParagraphs(lay) {
				text, err := cat.Text(loc.Tag, para.Message, nil, nil)
				if err != nil {
					t.Fatalf("%s: %s: %v", name, para.Message, err)
				}
				found++
				checkRunIn(t, fmt.Sprintf("%s %s", name, para.Message), res.Doc, text)
			}
		}
	}
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
