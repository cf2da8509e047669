package build_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/page"
)

// TestNumberLineWhole measures every helpline entry of every bundled
// layout in every bundled locale as drawn (the structure tree's helplines
// list: each entry's paragraph that holds a helpline's number, lines by
// baseline): the number line is one line, or its words over its number
// (or the number over the words, in the order of the language), each
// whole: a reader dials from it (a suffix hyphened to the number goes
// with it: Bengali "0800 1111-এ / কল করুন"). The Urdu DL's "0800 1111 پر / کال کریں"
// split its words; the Polish DL's "Zadzwoń pod / numer / 0800 1111" and
// the Bengali "0800 1111 নম্বরে / কল করুন" did too. Where the words and the
// number do not fit one line at the number's size (1.5× the body: "Llama
// al 0800 1111" at 27 pt is 100 mm, the DL's column 69 mm), the number
// takes a line of its own, as a designer sets "Call / 0800 1111" (where
// the words alone are wider than the column, typeset breaks them too: no
// bundled document does since 5a26e30 shortened the Polish words).
func TestNumberLineWhole(t *testing.T) {
	c, _, _ := loadBundled(t)
	lines, split := 0, 0
	eachDoc(t, func(name string, _ *campaign.Layout, _ string, res *compose.Result) {
		for _, list := range elements(res.Doc.Structure, page.RoleList) {
			for _, el := range elements([]*page.Element{list}, page.RoleP) {
				ls, _ := paragraphLines(el)
				if !isNumberLine(c, strings.Join(ls, " ")) {
					continue
				}
				lines++
				if len(ls) == 1 {
					continue
				}
				split++
				if !wholeParts(c, ls) {
					t.Errorf("%s: the number line is set in %d lines: %q, want one line, or its words and its number on a line each", name, len(ls), strings.Join(ls, " / "))
				}
			}
		}
	})
	if want := len(c.Helplines); lines < want {
		t.Fatalf("found %d number lines in the bundled documents, want at least %d: nothing measured", lines, want)
	}
	t.Logf("%d number lines, %d of them the words over the number", lines, split)
}

// wholeParts reports whether a number line of two lines is its words and
// its number, a line each: the number alone, or with a suffix hyphened
// to it ("0800 1111-এ / কল করুন", typeset's suffixEnd).
func wholeParts(c *campaign.Campaign, ls []string) bool {
	if len(ls) != 2 {
		return false
	}
	return slices.ContainsFunc(c.Helplines, func(hl campaign.Helpline) bool {
		return slices.ContainsFunc(ls, func(l string) bool {
			l = normalSpace(l)
			suffix, hyphened := strings.CutPrefix(l, hl.Number+"-")
			return l == hl.Number || hyphened && suffix != "" && !strings.Contains(suffix, " ")
		})
	})
}
