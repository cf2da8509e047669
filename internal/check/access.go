package check

import (
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// Kinds of accessibility finding (the campaign's accessibility section,
// campaign.Access; defaults RNIB Clear Print and WCAG 2.x AA).
const (
	KindSize     = "size"     // text below the least apparent size of its role
	KindContrast = "contrast" // text too close in lightness to its background
	KindInks     = "inks"     // small text printed in more than one ink
)

// paper is the background where no fill lies under the text.
var paper = geom.Color{Name: "paper", RGB: [3]float64{1, 1, 1}}

// accessProblems finds, in one composed layout, text below the least size
// of its role, text whose contrast with what lies under it is below the
// campaign's ratio, and small text that the print edition would print in
// several inks. Each finding is reported once per layout, at its worst:
// the smallest size per role, the lowest contrast per pair of colours,
// the smallest text per colour.
func accessProblems(acc campaign.Access, lay *campaign.Layout, doc *page.Doc) []Problem {
	f := &findings{acc: acc, size: map[string]*worst{}, contrast: map[[2]string]*worst{}, inks: map[string]*worst{}}
	for _, p := range doc.Pages {
		for i, it := range p.Items {
			if t, ok := it.(*page.Text); ok && t.TypeRole != "" && len(t.Glyphs) > 0 {
				f.run(t, background(p.Items[:i], t))
			}
		}
	}
	return f.problems(lay)
}

// worst is the worst run found for one finding: its value (size, contrast
// ratio) and, for contrast, the background.
type worst struct {
	run *page.Text
	v   float64
	bg  geom.Color
}

// findings are accessProblems' worst runs: by role (size), by pair of
// colours (contrast), by colour (inks).
type findings struct {
	acc      campaign.Access
	size     map[string]*worst
	contrast map[[2]string]*worst
	inks     map[string]*worst
}

func keepWorst[K comparable](m map[K]*worst, k K, w *worst) {
	if cur, ok := m[k]; !ok || w.v < cur.v {
		m[k] = w
	}
}

// run measures one text run set on bg.
func (f *findings) run(t *page.Text, bg geom.Color) {
	acc := f.acc
	a := float64(t.Apparent())
	if least := acc.MinSize[campaign.Role(t.TypeRole)]; a < float64(least)-0.005 {
		keepWorst(f.size, t.TypeRole, &worst{run: t, v: a})
	}
	need := acc.Contrast
	if a >= float64(acc.Large) || (strings.HasSuffix(t.Font.Name, "-Bold") && a >= float64(acc.LargeBold)) {
		need = acc.ContrastLarge
	}
	if r := Contrast(t.Color, bg); r < need {
		keepWorst(f.contrast, [2]string{t.Color.Name, bg.Name}, &worst{run: t, v: r, bg: bg})
	}
	if n := len(Inks(t.Color)); n > 1 && float64(t.Size) < float64(acc.OneInkBelow)-0.005 {
		keepWorst(f.inks, t.Color.Name, &worst{run: t, v: float64(t.Size)})
	}
}

// problems reports each finding once, at its worst, in a stable order.
func (f *findings) problems(lay *campaign.Layout) []Problem {
	acc := f.acc
	var out []Problem
	add := func(kind, text, hint string) {
		out = append(out, Problem{Severity: Warning, Kind: kind, File: lay.File, Layout: lay.Name, Text: text, Hint: hint})
	}
	for _, role := range slices.Sorted(maps.Keys(f.size)) {
		w := f.size[role]
		add(KindSize, fmt.Sprintf("%s text at %.1fpt (apparent size), below the campaign's %gpt minimum: %s", role, w.v, float64(acc.MinSize[campaign.Role(role)]), excerpt(w.run.Source)),
			fmt.Sprintf("raise the smallest size of type.%s (and of the paragraphs that set their own) in %s to at least %gpt", role, lay.File, float64(acc.MinSize[campaign.Role(role)])))
	}
	pairs := slices.SortedFunc(maps.Keys(f.contrast), func(a, b [2]string) int {
		return cmp.Or(cmp.Compare(a[0], b[0]), cmp.Compare(a[1], b[1]))
	})
	for _, k := range pairs {
		w := f.contrast[k]
		need := acc.Contrast
		if w.run.Apparent() >= acc.Large {
			need = acc.ContrastLarge
		}
		add(KindContrast, fmt.Sprintf("text in %s on %s: contrast %.2f:1, below %g:1: %s", hexName(w.run.Color), hexName(w.bg), w.v, need, excerpt(w.run.Source)),
			"darken the text colour or lighten the background in the layout's palette")
	}
	for _, name := range slices.Sorted(maps.Keys(f.inks)) {
		w := f.inks[name]
		add(KindInks, fmt.Sprintf("%.1fpt text printed in %s, which takes %d inks (%s): small type blurs when the plates are out of register: %s",
			w.v, name, len(Inks(w.run.Color)), strings.Join(Inks(w.run.Color), "+"), excerpt(w.run.Source)),
			fmt.Sprintf("set text below %gpt in one ink (black, or a spot colour), or larger", float64(acc.OneInkBelow)))
	}
	return out
}

// background returns the colour of the last fill drawn before run (items)
// under the middle of its first glyphs, or paper.
func background(items []page.Item, t *page.Text) geom.Color {
	return fillAt(items, t.X+geom.Pt(min(t.Width(), float64(t.Size))/2), t.Y-t.Size/3)
}

// Contrast returns the WCAG 2.x contrast ratio of two colours' RGB
// values, from 1 to 21 (geom.Contrast).
func Contrast(a, b geom.Color) float64 { return geom.Contrast(a, b) }

// Inks returns the inks a colour prints with: its spot ink, or the process
// inks (C, M, Y, K) it lays down.
func Inks(c geom.Color) []string {
	if c.Spot != "" {
		return []string{c.Spot}
	}
	var out []string
	for i, v := range c.CMYK {
		if v > 0.001 {
			out = append(out, "CMYK"[i:i+1])
		}
	}
	return out
}

// hexName names a colour for a report: its palette name and RGB value.
func hexName(c geom.Color) string {
	return fmt.Sprintf("%s (#%02x%02x%02x)", c.Name, int(math.Round(c.RGB[0]*255)), int(math.Round(c.RGB[1]*255)), int(math.Round(c.RGB[2]*255)))
}

// excerpt quotes the start of a run's text.
func excerpt(s string) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) > 40 {
		return fmt.Sprintf("%q…", string(r[:40]))
	}
	return fmt.Sprintf("%q", string(r))
}
