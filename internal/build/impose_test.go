package build_test

import (
	"math"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// folded describes a folded leaflet as its reader meets it, for a
// left-to-right locale: panel widths from the left of each side, and a
// message that belongs on each panel. A right-to-left leaflet is its mirror
// image.
type folded struct {
	outside, inside []float64 // panel widths in mm, left to right
	outHeads        []string  // a message that belongs on each outside panel
	inHeads         []string
	short           int // index of the short panel that folds in, inside (-1: none)
}

var foldedLayouts = map[string]folded{
	// Roll fold: the 97 mm panel folds in first, so it sits at the far end
	// of the inside and its back is the flap seen on opening the cover.
	"leaflet-dl": {
		outside: []float64{97, 100, 100}, inside: []float64{100, 100, 97},
		outHeads: []string{"section.1.text", "helpline.hub.purpose", "headline"},
		inHeads:  []string{"point.1", "point.3", "section.2.text"},
		short:    2,
	},
	"leaflet-a5-bifold": {
		outside: []float64{148.5, 148.5}, inside: []float64{148.5, 148.5},
		outHeads: []string{"helpline.hub.purpose", "headline"},
		inHeads:  []string{"point.1", "section.1.text"},
		short:    -1,
	},
}

// TestImposition folds each folded leaflet's print edition on paper, in
// English and in Arabic: the panels between the folds must have the widths
// of the fold, the two sides must back each other panel for panel (the
// sheet turns over its vertical axis), the short panel must be the one that
// folds in, and each panel must carry its own content: the words of the
// message heading it, and of no other panel's heading.
func TestImposition(t *testing.T) {
	c, all := renderAll(t)
	_, cat, _ := loadBundled(t)
	checked := 0
	for _, r := range all {
		want, ok := foldedLayouts[r.pair.Layout.Name]
		if !ok || r.doc.Edition != edition.Print {
			continue
		}
		checked++
		name := filepath.Base(r.path)
		rtl := compose.IsRTL(r.pair.Locale)
		pages := r.doc.Doc.Pages
		if len(pages) != 2 || pages[0].Name != "outside" || pages[1].Name != "inside" {
			t.Fatalf("%s: pages %v, want outside and inside", name, pages)
		}
		sides := []struct {
			p     *page.Page
			width []float64
			heads []string
		}{{pages[0], want.outside, want.outHeads}, {pages[1], want.inside, want.inHeads}}
		var got [2][]float64
		for si, sd := range sides {
			widths := slicesClone(sd.width)
			heads := append([]string(nil), sd.heads...)
			if rtl { // the mirror image: panels in the other order
				reverse(widths)
				reverse(heads)
			}
			edges := append([]geom.Pt{0}, sd.p.Folds...)
			edges = append(edges, sd.p.Size.W)
			if len(edges)-1 != len(widths) {
				t.Fatalf("%s %s: %d panels, want %d", name, sd.p.Name, len(edges)-1, len(widths))
			}
			for i := range widths {
				w := (edges[i+1] - edges[i]).MM()
				got[si] = append(got[si], w)
				if math.Abs(w-widths[i]) > 0.01 {
					t.Errorf("%s %s: panel %d is %.2f mm, want %.2f", name, sd.p.Name, i, w, widths[i])
				}
			}
			// Each panel's words, from the runs whose middle lies in it.
			words := make([]map[string]bool, len(widths))
			for i := range words {
				words[i] = map[string]bool{}
			}
			for _, it := range sd.p.Items {
				tx, ok := it.(*page.Text)
				if !ok {
					continue
				}
				mid := tx.X + geom.Pt(tx.Width()/2)
				for i := range widths {
					if mid >= edges[i] && mid < edges[i+1] {
						for _, w := range fields(tx.Source) {
							words[i][w] = true
						}
					}
				}
			}
			for i, id := range heads {
				text, err := cat.Text(r.pair.Locale, id, map[string]any{"Count": len(c.Helplines)}, nil)
				if err != nil {
					t.Fatal(err)
				}
				for j := range widths {
					has := true
					for _, w := range fields(text) {
						has = has && words[j][w]
					}
					if has != (i == j) {
						t.Errorf("%s %s: message %s in panel %d = %v, want it in panel %d only", name, sd.p.Name, id, j, has, i)
					}
				}
			}
		}
		// Turned over, outside panel i backs inside panel n-1-i: same width.
		n := len(got[0])
		for i := range got[0] {
			if math.Abs(got[0][i]-got[1][n-1-i]) > 0.01 {
				t.Errorf("%s: outside panel %d (%.1f mm) backs inside panel %d (%.1f mm)", name, i, got[0][i], n-1-i, got[1][n-1-i])
			}
		}
		// The short panel is the inside's last in reading order: it folds in
		// first, under the front cover.
		short := want.short
		if rtl && short >= 0 {
			short = n - 1 - short
		}
		if short >= 0 {
			for i, w := range got[1] {
				if (i == short) != (w < slicesMin(got[1])+0.01) {
					t.Errorf("%s: inside panel %d is %.1f mm; the short panel should be %d", name, i, w, short)
				}
			}
		}
		// Fold marks sit at the folds, top and bottom, on both sides.
		for _, p := range pages {
			for _, f := range p.Folds {
				n := 0
				for _, m := range p.Marks {
					if m.Kind == page.FoldMark && m.X1 == f {
						n++
					}
				}
				if n != 2 {
					t.Errorf("%s %s: %d fold marks at %.1f mm, want 2", name, p.Name, n, f.MM())
				}
			}
		}
	}
	if checked != 4 {
		t.Fatalf("checked %d folded print editions, want 4 (two layouts, two locales)", checked)
	}
}

// fields splits text into words without their punctuation (which the
// typesetter may put in runs of its own).
func fields(s string) []string {
	var out []string
	for _, w := range strings.Fields(s) {
		if w = strings.TrimFunc(w, unicode.IsPunct); w != "" {
			out = append(out, w)
		}
	}
	return out
}

func slicesClone(s []float64) []float64 { return append([]float64(nil), s...) }

func reverse[T any](s []T) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

func slicesMin(s []float64) float64 {
	m := math.Inf(1)
	for _, v := range s {
		m = math.Min(m, v)
	}
	return m
}
