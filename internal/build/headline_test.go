package build_test

import (
	"math"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/loader"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/typeset"
)

// TestCJKTitleLines composes the three leaflets of the Korean and the
// Japanese test campaigns (testdata/cjk, Noto Sans CJK KR and JP from
// Debian's .ttc, as the README's font path adds them) and reads the
// campaign title as it is set on each cover (the document's H1). Korean
// breaks at spaces only and never leaves one syllable on a line: the A5
// cover of issue 21 read "보내기 전에 생각하세 / 요". Japanese breaks only
// between BudouX's phrases 送る|前に、|考えよう: the bifold's cover read
// "送る前に、考え / よう".
func TestCJKTitleLines(t *testing.T) {
	for _, c := range []struct {
		tag    string
		phrase []string // the title's pieces a line may break between
		a5     []string // the A5 cover's lines
	}{
		{"ko", []string{"보내기 ", "전에 ", "생각하세요"}, []string{"보내기 전에", "생각하세요"}},
		{"ja", []string{"送る", "前に、", "考えよう"}, nil},
	} {
		lc, err := loader.Open(os.DirFS(cjkCampaign(t, c.tag, cffFamilies[c.tag])), loader.Options{})
		if err != nil {
			t.Fatal(err)
		}
		title := strings.Join(c.phrase, "")
		cmp := build.Composer(lc.Campaign, lc.Catalog, lc.Fonts, build.Options{Creator: "handbill test", AllowFallback: true})
		for _, layout := range []string{"leaflet-a5", "leaflet-a5-bifold", "leaflet-dl"} {
			pairs, err := build.Pairs(lc.Campaign, []string{layout}, []string{c.tag})
			if err != nil {
				t.Fatal(err)
			}
			_, res, err := build.Render(cmp, typeset.NewSetter(lc.Fonts), pairs[0], edition.Screen)
			if err != nil {
				t.Fatal(err)
			}
			lines := titleLines(res.Doc)
			if got := strings.Join(lines, " "); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(title, " ", "") {
				t.Fatalf("%s %s: the title reads %q, want %q", c.tag, layout, got, title)
			}
			if !breaksBetween(lines, c.phrase) {
				t.Errorf("%s %s: the title breaks inside a phrase: %q", c.tag, layout, lines)
			}
			for _, l := range lines {
				if r := []rune(l); len(r) == 1 && unicode.Is(unicode.Hangul, r[0]) {
					t.Errorf("%s %s: one syllable alone on a line: %q", c.tag, layout, lines)
				}
			}
			if layout == "leaflet-a5" && c.a5 != nil && !slices.Equal(lines, c.a5) {
				t.Errorf("%s A5 cover: title lines %q, want %q", c.tag, lines, c.a5)
			}
		}
	}
}

// breaksBetween reports whether every line but the first starts where one
// of phrases does (spaces not counted).
func breaksBetween(lines, phrases []string) bool {
	count := func(s string) int { return len([]rune(strings.ReplaceAll(s, " ", ""))) }
	var starts []int
	at := 0
	for _, p := range phrases {
		starts = append(starts, at)
		at += count(p)
	}
	at = 0
	for i, l := range lines {
		if i > 0 && !slices.Contains(starts, at) {
			return false
		}
		at += count(l)
	}
	return true
}

// titleLines returns the lines of the document's title (its H1) as set:
// the text of its runs grouped by baseline, top to bottom, left to right,
// without the spaces at line ends.
func titleLines(d *page.Doc) []string {
	var runs []*page.Text
	for _, top := range d.Structure {
		top.Walk(func(el *page.Element, _ int) {
			if el.Role != page.RoleH1 {
				return
			}
			for _, k := range el.Kids {
				if tx, ok := k.(*page.Text); ok {
					runs = append(runs, tx)
				}
			}
		})
	}
	slices.SortStableFunc(runs, func(a, b *page.Text) int {
		if math.Abs(float64(a.Y-b.Y)) > 0.5 {
			return int(math.Copysign(1, float64(a.Y-b.Y)))
		}
		return int(math.Copysign(1, float64(a.X-b.X)))
	})
	var lines []string
	for i, r := range runs {
		if i == 0 || math.Abs(float64(r.Y-runs[i-1].Y)) > 0.5 {
			lines = append(lines, "")
		}
		lines[len(lines)-1] += r.Source
	}
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	return lines
}
