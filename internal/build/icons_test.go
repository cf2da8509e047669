package build_test

import (
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/testtool"
)

// iconsLeftOut are the blocks the bundled campaign sets without their
// icons, by "LAYOUT LOCALE BLOCK": Urdu's points on the A5 front need the
// room (Nastaliq's lines are 1.9 em apart; without icons the block takes
// 426.5 of its 428 pt at its smallest sizes, and wrapped around its icon
// the first risk takes a fifth line: 456 pt). The list only shrinks: the
// test fails when a block on it starts drawing its icons.
var iconsLeftOut = []string{"leaflet-a5 ur points"}

// TestIconSlots checks, for every bundled layout in every bundled locale,
// that every icon slot the campaign fills (brand.icons) is drawn as laid
// out, as composed for the PDF: one decorative figure (an artifact in the
// tagged edition) of the slot's side, inside its block's text box, at the
// block's start edge (the right in Arabic and Urdu), clear of every line
// of text on its page and a quarter of its side from the ink of the text
// beside and under it (checkIconClear: Nastaliq too), painted only in the layout's palette colours (so
// the print edition has their CMYK).
func TestIconSlots(t *testing.T) {
	c, _, _ := loadBundled(t)
	var left []string
	found := 0
	eachDoc(t, func(name string, lay *campaign.Layout, loc string, res *compose.Result) {
		rtl := compose.IsRTL(loc)
		for pi, pg := range lay.Pages {
			for _, b := range pg.Blocks {
				for _, para := range b.Paragraphs {
					if para.Icon <= 0 || c.Brand.Icons[para.Message] == nil {
						continue
					}
					if slices.Contains(res.IconsLeftOut, b.Name) {
						if k := name + " " + b.Name; !slices.Contains(left, k) {
							left = append(left, k)
						}
						continue
					}
					found++
					checkIcon(t, name+" "+para.Message, lay, res.Doc.Pages[pi], b, para, rtl)
				}
			}
		}
	})
	if found == 0 {
		t.Fatal("no icon slot drawn: nothing measured")
	}
	if !slices.Equal(left, iconsLeftOut) {
		t.Errorf("blocks set without their icons: %q, want %q", left, iconsLeftOut)
	}
}

// checkIcon checks the one icon of a paragraph on the page it is drawn on.
func checkIcon(t *testing.T, name string, lay *campaign.Layout, p *page.Page, b campaign.Block, para campaign.Paragraph, rtl bool) {
	t.Helper()
	var fig *page.Figure
	var paths []*page.Path
	for _, it := range p.Items {
		if v, ok := it.(*page.Path); ok && v.Figure != nil && v.Figure.Block == "icon "+para.Message {
			if fig != nil && v.Figure != fig {
				t.Errorf("%s: drawn twice", name)
				return
			}
			fig = v.Figure
			paths = append(paths, v)
		}
	}
	if fig == nil {
		t.Errorf("%s: the icon is not drawn", name)
		return
	}
	if fig.Alt != "" {
		t.Errorf("%s: the icon has alternative text %q, want a decorative artifact", name, fig.Alt)
	}
	box := b.TextBox()
	if rtl {
		box = box.MirrorX(lay.Size.W)
	}
	const eps = 0.01
	if math.Abs(float64(fig.Box.W-para.Icon)) > eps || math.Abs(float64(fig.Box.H-para.Icon)) > eps {
		t.Errorf("%s: icon %s, want %.1f mm square", name, rectMM(fig.Box), para.Icon.MM())
	}
	if !box.Contains(fig.Box) {
		t.Errorf("%s: icon %s outside its block's text box %s", name, rectMM(fig.Box), rectMM(box))
	}
	if edge := map[bool]float64{false: float64(fig.Box.X - box.X), true: float64(box.Right() - fig.Box.Right())}[rtl]; math.Abs(edge) > eps {
		t.Errorf("%s: icon %s is %.1f mm from the block's start edge (rtl %v), want on it", name, rectMM(fig.Box), edge/float64(geom.MM), rtl)
	}
	for _, pt := range pathPoints(paths) {
		if !fig.Box.Contains(geom.Rect{X: pt.X - eps, Y: pt.Y - eps}) && !fig.Box.Contains(geom.Rect{X: pt.X, Y: pt.Y}) {
			t.Errorf("%s: the drawing reaches %.1f,%.1f mm, outside its box %s", name, pt.X.MM(), pt.Y.MM(), rectMM(fig.Box))
			break
		}
	}
	for _, it := range p.Items {
		if v, ok := it.(*page.Text); ok {
			if ink := inkOf(v); overlaps(ink, fig.Box) {
				t.Errorf("%s: the text %q (%s) overlaps the icon %s", name, v.Source, rectMM(ink), rectMM(fig.Box))
			}
		}
	}
	checkIconClear(t, name, p, fig, float64(para.Icon))
	checkPaletteInks(t, name, lay, paths)
}

// checkIconClear checks that the ink of the text drawn after an icon (its
// paragraph, beside or under it, and what follows) keeps a quarter of the
// icon's side from it, measured from the glyphs' outlines: the lines
// beside it by their indent, the lines under it (wrapped around it at the
// full width, or under an icon set above) by where they start. Text whose
// ink reaches above the icon's top (the paragraphs before) is not its.
func checkIconClear(t *testing.T, name string, p *page.Page, fig *page.Figure, side float64) {
	t.Helper()
	gap := 0.25 * side
	gi := glyphInk{}
	after := false
	for _, it := range p.Items {
		switch v := it.(type) {
		case *page.Path:
			after = after || v.Figure == fig
		case *page.Text:
			if !after {
				continue
			}
			ink := gi.of(t, v)
			if ink.Y < fig.Box.Y || ink.W == 0 {
				continue
			}
			if d := rectGap(ink, fig.Box); d < gap-0.05 {
				t.Errorf("%s: the text %q (ink %s) is %.2f mm from the icon %s, want at least %.2f mm", name, v.Source, rectMM(ink), d/float64(geom.MM), rectMM(fig.Box), gap/float64(geom.MM))
			}
		}
	}
}

// checkPaletteInks checks every colour paths paint is one of the layout's
// palette, CMYK and RGB.
func checkPaletteInks(t *testing.T, name string, lay *campaign.Layout, paths []*page.Path) {
	t.Helper()
	for _, v := range paths {
		for _, col := range []*geom.Color{v.Fill, v.Stroke} {
			if col == nil {
				continue
			}
			want, ok := lay.Palette[col.Name]
			if !ok || want.CMYK != col.CMYK || want.RGB != col.RGB {
				t.Errorf("%s: the icon paints %s (CMYK %v), not a colour of the palette", name, col.Name, col.CMYK)
			}
		}
	}
}

// pathPoints are the end and control points of paths.
func pathPoints(paths []*page.Path) []geom.XY {
	var out []geom.XY
	for _, v := range paths {
		for _, s := range v.Segs {
			out = append(out, s.P[:s.Op.Points()]...)
		}
	}
	return out
}

// TestIconInksInPrint reads the print edition of each bundled leaflet in
// English and Urdu as written, with qpdf: every colour its content sets is
// CMYK and one of the layout's palette, none RGB. A pictogram colour
// outside the palette would print in a CMYK of its own (artwork keeps it
// by its hex value), which this finds; campaign refuses such an icon.
func TestIconInksInPrint(t *testing.T) {
	testtool.Need(t, "qpdf")
	c, cat, reg := loadBundled(t)
	cmp := &compose.Composer{Campaign: c, Catalog: cat, Fonts: reg}
	rgb := regexp.MustCompile(`(?:^|\s)[-0-9.]+ [-0-9.]+ [-0-9.]+ (?:rg|RG)\b`)
	cmyk := regexp.MustCompile(`(?:^|\s)([-0-9.]+) ([-0-9.]+) ([-0-9.]+) ([-0-9.]+) (?:k|K)\b`)
	for _, layout := range []string{"leaflet-a5", "leaflet-dl", "leaflet-a5-bifold"} {
		lay := layoutNamed(t, c, layout)
		for _, loc := range []string{"en-GB", "ur"} {
			name := layout + " " + loc + " print"
			path, _ := renderPDF(t, cmp, reg, c, layout, loc, edition.Print)
			qdf := filepath.Join(t.TempDir(), "qdf.pdf")
			if out, err := exec.Command("qpdf", "--qdf", "--object-streams=disable", path, qdf).CombinedOutput(); err != nil {
				t.Fatalf("qpdf: %v: %s", err, out)
			}
			data, err := os.ReadFile(qdf)
			if err != nil {
				t.Fatal(err)
			}
			if m := rgb.Find(data); m != nil {
				t.Errorf("%s: an RGB colour %q", name, m)
			}
			ms := cmyk.FindAllSubmatch(data, -1)
			if len(ms) == 0 {
				t.Fatalf("%s: no CMYK colour set", name)
			}
			for _, m := range ms {
				var v [4]float64
				for i := range v {
					v[i], _ = strconv.ParseFloat(string(m[i+1]), 64)
				}
				if !inPalette(v, lay.Palette) && v != draftInk {
					t.Errorf("%s: the colour %s is not a CMYK of the palette", name, strings.TrimSpace(string(m[0])))
				}
			}
		}
	}
}

// draftInk is the red of the draft mark on a translation not yet
// reviewed (compose's draft band), the one colour not the palette's.
var draftInk = [4]float64{0, 1, 1, 0}

// inPalette reports whether v is the CMYK (0–1) of a palette colour.
func inPalette(v [4]float64, palette map[string]geom.Color) bool {
	for _, col := range palette {
		same := true
		for i := range v {
			same = same && math.Abs(col.CMYK[i]-v[i]) < 0.001
		}
		if same {
			return true
		}
	}
	return false
}

// layoutNamed returns the campaign's layout called name.
func layoutNamed(t *testing.T, c *campaign.Campaign, name string) *campaign.Layout {
	t.Helper()
	for _, lay := range c.Layouts {
		if lay.Name == name {
			return lay
		}
	}
	t.Fatalf("no layout %s", name)
	return nil
}
