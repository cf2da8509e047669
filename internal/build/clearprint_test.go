package build_test

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/messages"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/testtool"
	"github.com/handbill/handbill/internal/typeset"
)

// clearPrint is the least apparent size (points, fonts.Registry.InkScale)
// of each role on every bundled layout: RNIB Clear Print's 12 pt body, and
// 10 pt for the essential small text (helpline purposes, the scan line).
var clearPrint = map[string]float64{"body": 12, "small": 10, "heading": 12}

// trmRE finds the text rendering matrix of each span in `mutool trace`.
var trmRE = regexp.MustCompile(`<span [^>]*trm="([-0-9.]+) ([-0-9.]+) ([-0-9.]+) ([-0-9.]+)"`)

// TestClearPrintSizes renders every bundled layout in every bundled locale
// and pseudo-locale, in the print edition (the screen edition draws the
// same runs, without the slug), and checks every run of campaign
// copy against the role's least apparent size. It then reads the glyph
// sizes back from each PDF's content streams (mutool trace) and requires
// each to be a size the display list drew, so nothing smaller reaches the
// page unchecked; under -short it reads back one PDF per layout, in the
// locales of the short tier in turn (mutool is the slow part).
func TestClearPrintSizes(t *testing.T) {
	testtool.Need(t, "mutool")
	c, cat, reg := loadBundled(t)
	locales := slices.Clone(messages.Pseudo)
	for _, l := range c.Locales {
		locales = append(locales, l.Tag)
	}
	pairs, err := build.Pairs(c, nil, locales)
	if err != nil {
		t.Fatal(err)
	}
	traced := map[string]string{} // under -short, the locale read back per layout
	for i, lay := range c.Layouts {
		traced[lay.Name] = shortLocales[i%len(shortLocales)]
	}
	cmp := build.Composer(c, cat, reg, build.Options{Creator: "handbill test"})
	s := typeset.NewSetter(reg)
	dir := t.TempDir()
	for _, p := range pairs {
		_, docs, err := build.RenderEditions(cmp, s, p, []edition.Edition{edition.Print})
		if err != nil {
			t.Errorf("%s %s: %v", p.Layout.Name, p.Locale, err)
			continue
		}
		for _, d := range docs {
			if d.Err != nil {
				t.Errorf("%s %s %s: %v", p.Layout.Name, p.Locale, d.Edition, d.Err)
				continue
			}
			name := fmt.Sprintf("%s %s %s", p.Layout.Name, p.Locale, d.Edition)
			drawn := checkRoles(t, name, d.Doc)
			if testing.Short() && traced[p.Layout.Name] != p.Locale {
				continue
			}
			path := filepath.Join(dir, "x.pdf")
			if err := os.WriteFile(path, d.PDF, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, m := range trmRE.FindAllStringSubmatch(string(testtool.Run(t, "mutool", "trace", path)), -1) {
				a, _ := strconv.ParseFloat(m[1], 64)
				b, _ := strconv.ParseFloat(m[2], 64)
				size := math.Round(math.Hypot(a, b)*100) / 100
				if !slices.ContainsFunc(drawn, func(v float64) bool { return math.Abs(v-size) < 0.015 }) {
					t.Errorf("%s: the PDF draws text at %.2f pt, which no run of the display list has (%v)", name, size, drawn)
				}
			}
		}
	}
}

// checkRoles checks the apparent size of every run with a role and returns
// the nominal sizes of every run the document draws, rounded to 0.01 pt.
func checkRoles(t *testing.T, name string, doc *page.Doc) []float64 {
	t.Helper()
	var sizes []float64
	low := map[string]float64{}
	for _, p := range doc.Pages {
		for _, it := range slices.Concat(p.Items, p.Slug) {
			v, ok := it.(*page.Text)
			if !ok {
				continue
			}
			sizes = append(sizes, math.Round(float64(v.Size)*100)/100)
			if v.TypeRole == "" {
				continue
			}
			min, ok := clearPrint[v.TypeRole]
			if !ok {
				t.Errorf("%s: run %q has unknown role %q", name, v.Source, v.TypeRole)
				continue
			}
			if a := float64(v.Apparent()); a < min-0.005 {
				if cur, seen := low[v.TypeRole]; !seen || a < cur {
					low[v.TypeRole] = a
				}
			}
		}
	}
	for role, a := range low {
		t.Errorf("%s: %s text at %.2f pt apparent, below %.0f pt", name, role, a, clearPrint[role])
	}
	slices.Sort(sizes)
	return slices.Compact(sizes)
}

// TestHeadingsAboveBody checks every text block of every bundled layout:
// each heading's size range lies above each body paragraph's, so at the
// common scale fitting sets a block at, its headings are larger than its
// body text.
func TestHeadingsAboveBody(t *testing.T) {
	c, _, _ := loadBundled(t)
	for _, lay := range c.Layouts {
		for _, pg := range lay.Pages {
			for _, b := range pg.Blocks {
				for _, h := range b.Paragraphs {
					if h.Role != "heading" {
						continue
					}
					for _, p := range b.Paragraphs {
						if p.Role == "body" && (h.Min <= p.Min || h.Max <= p.Max) {
							t.Errorf("%s: block %s: heading %s [%s, %s] is not above body %s [%s, %s]",
								lay.Name, b.Name, h.Message, h.Min, h.Max, p.Message, p.Min, p.Max)
						}
					}
				}
			}
		}
	}
}
