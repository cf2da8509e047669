package campaign

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/geom"
)

// Print is how a layout goes to press: what a print shop asks for and what
// the print edition's preflight checks. A campaign's print section sets it
// for every layout; a layout's own print section overrides field by field.
type Print struct {
	// Bleed is how far background art that touches a trim edge runs past
	// it (the shop trims inside it).
	Bleed geom.Pt
	// SafeMargin is how far text, QR codes and logos keep inside the trim
	// edges and away from folds.
	SafeMargin geom.Pt
	// InkLimit is the most total ink (C+M+Y+K, in percent) a colour may
	// lay down; more is a warning naming the colour.
	InkLimit float64
	// RichBlack, when its Name is set, is what large solid areas of 100% K
	// print as in the print edition; text and QR codes stay K only.
	RichBlack geom.Color
	// OutputIntent, when set, is the printing condition the print edition
	// is made for, and makes it PDF/X-4 (intent.go).
	OutputIntent *OutputIntent
}

// DefaultPrint is what a campaign that says nothing gets: 3 mm bleed, 5 mm
// safe margin, 300% total ink, plain K for large black areas.
var DefaultPrint = Print{Bleed: 3 * geom.MM, SafeMargin: 5 * geom.MM, InkLimit: 300}

// printFile is the print section of campaign.yaml or a layout.
type printFile struct {
	Bleed      scalar     `yaml:"bleed"`
	SafeMargin scalar     `yaml:"safe_margin"`
	InkLimit   scalar     `yaml:"ink_limit"`
	RichBlack  []scalar   `yaml:"rich_black"`
	Intent     intentFile `yaml:"output_intent"`
}

// resolvePrint returns base with the fields f sets.
func resolvePrint(f printFile, base Print, l *diag.List) Print {
	p := base
	length := func(s scalar, field string, max geom.Pt) (geom.Pt, bool) {
		if !s.Set {
			return 0, false
		}
		v, err := geom.ParseLength(s.V)
		if err != nil {
			s.Errorf(l, "print."+field, "%v", err)
			return 0, false
		}
		if v < 0 || v > max {
			s.Errorf(l, "print."+field, "expected a length from 0 to %s, found %q", max, s.V)
			return 0, false
		}
		return v, true
	}
	if v, ok := length(f.Bleed, "bleed", 10*geom.MM); ok {
		p.Bleed = v
	}
	if v, ok := length(f.SafeMargin, "safe_margin", 30*geom.MM); ok {
		p.SafeMargin = v
	}
	if f.InkLimit.Set {
		v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(f.InkLimit.V), "%")), 64)
		if err != nil || !(v >= 100 && v <= 400) { // NaN is neither
			f.InkLimit.Errorf(l, "print.ink_limit", "expected a total ink limit from 100%% to 400%% like \"300%%\", found %q", f.InkLimit.V)
		} else {
			p.InkLimit = v
		}
	}
	if len(f.RichBlack) > 0 {
		cmyk, ok := parseCMYK(f.RichBlack, "print.rich_black", l)
		switch {
		case !ok:
		case cmyk[3] != 1:
			f.RichBlack[3].Errorf(l, "print.rich_black[3]", "expected K 100 in a rich black, found %s", f.RichBlack[3].V)
		default:
			p.RichBlack = geom.Color{Name: "rich black", CMYK: cmyk}
		}
	}
	p.OutputIntent = resolveIntent(f.Intent, base.OutputIntent, l)
	return p
}

// parseCMYK reads [C, M, Y, K] in percent into fractions.
func parseCMYK(s []scalar, path string, l *diag.List) ([4]float64, bool) {
	var c [4]float64
	if len(s) != 4 {
		s[0].Errorf(l, path, "expected four percentages [C, M, Y, K], found %d values", len(s))
		return c, false
	}
	ok := true
	for i, v := range s {
		f, err := strconv.ParseFloat(strings.TrimSuffix(v.V, "%"), 64)
		if err != nil || !(f >= 0 && f <= 100) { // NaN is neither
			v.Errorf(l, fmt.Sprintf("%s[%d]", path, i), "expected a percentage from 0 to 100, found %q", v.V)
			ok = false
			continue
		}
		c[i] = f / 100
	}
	return c, ok
}

// spotName is what a spot ink may be called: printable ASCII without the
// characters PDF names and ink lists give a meaning to.
var spotName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9 ._+-]*$`)

// resolveColor turns a palette entry into a colour. A palette gives each
// colour in CMYK (print) and RGB (screens); when it gives only one, the
// other is derived by a naive conversion and a warning says so, because
// neither direction matches what a press or a screen really shows.
func resolveColor(name string, cf colorFile, l *diag.List) geom.Color {
	col := geom.Color{Name: name}
	p := "palette." + name
	hasCMYK := len(cf.CMYK) > 0
	if hasCMYK {
		col.CMYK, _ = parseCMYK(cf.CMYK, p+".cmyk", l)
	}
	if cf.RGB.Set {
		rgb, err := geom.ParseHex(cf.RGB.V)
		if err != nil {
			cf.RGB.Errorf(l, p+".rgb", "%v", err)
		}
		col.RGB = rgb
	}
	switch {
	case !hasCMYK && !cf.RGB.Set:
		d := cf.At.Diag(p, "expected cmyk (for print) and rgb (for screens), found neither")
		d.Hint = `write it like {cmyk: [100, 80, 10, 35], rgb: "#1d3263"}`
		l.Add(d)
	case !hasCMYK:
		col.CMYK = rgbToCMYK(col.RGB)
		d := cf.RGB.Diag(p, "no cmyk given: print editions use %s, derived from rgb %s by a naive conversion", cmykString(col.CMYK), cf.RGB.V)
		d.Severity, d.Hint = diag.Warning, "ask the print shop or the brand guide for this colour's CMYK and give it as cmyk: [C, M, Y, K]"
		l.Add(d)
	case !cf.RGB.Set:
		col.RGB = geom.CMYKToRGB(col.CMYK)
		d := cf.CMYK[0].Diag(p, "no rgb given: screen editions use %s, derived from cmyk by a naive conversion", geom.Hex(col.RGB))
		d.Severity, d.Hint = diag.Warning, `give the screen colour from the brand guide as rgb: "#rrggbb"`
		l.Add(d)
	}
	if cf.Spot.Set {
		switch {
		case !spotName.MatchString(cf.Spot.V):
			cf.Spot.Errorf(l, p+".spot", "expected an ink name of letters, digits, spaces and . _ + - like \"PANTONE 288 C\", found %q", cf.Spot.V)
		case cf.Spot.V == "All" || cf.Spot.V == "None" || slicesContainsFold([]string{"cyan", "magenta", "yellow", "black"}, cf.Spot.V):
			cf.Spot.Errorf(l, p+".spot", "expected the name of a spot ink, found %q, which names a process or registration colour", cf.Spot.V)
		default:
			col.Spot = cf.Spot.V
		}
	}
	return col
}

func slicesContainsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// rgbToCMYK is the naive device conversion, used only when a palette gives
// no CMYK (and a warning says so).
func rgbToCMYK(c [3]float64) [4]float64 {
	k := 1 - math.Max(c[0], math.Max(c[1], c[2]))
	if k >= 1 {
		return [4]float64{0, 0, 0, 1}
	}
	f := func(v float64) float64 { return math.Round((1-v-k)/(1-k)*100) / 100 }
	return [4]float64{f(c[0]), f(c[1]), f(c[2]), math.Round(k*100) / 100}
}

func cmykString(c [4]float64) string {
	return fmt.Sprintf("cmyk [%g, %g, %g, %g]", math.Round(c[0]*100), math.Round(c[1]*100), math.Round(c[2]*100), math.Round(c[3]*100))
}

// resolveLayoutPrint gives lay its print settings (the campaign's,
// overridden by the layout's print section) and checks that its text and
// helpline blocks keep inside the safe area: SafeMargin inside every trim
// edge and away from every fold.
func resolveLayoutPrint(c *Campaign, lay *Layout, pf printFile, l *diag.List) {
	lay.Print = resolvePrint(pf, c.Print, l)
	loadIntent(c.FS, lay.Print.OutputIntent, l)
	m := lay.Print.SafeMargin
	safe := geom.Rect{X: m, Y: m, W: lay.Size.W - 2*m, H: lay.Size.H - 2*m}
	for pi, pg := range lay.Pages {
		for bi, b := range pg.Blocks {
			if b.Kind != TextBlock && b.Kind != HelplinesBlock {
				continue // background art may run into the bleed
			}
			b.Box = b.TextBox() // a text block's field may run into the bleed
			p := fmt.Sprintf("pages[%d].blocks[%d].box", pi, bi)
			d := diag.Errorf(b.File, b.Line, 0, p, "")
			if d.File == "" {
				d.File = lay.File
			}
			if !safe.Contains(b.Box) {
				var edges []string
				if b.Box.X < safe.X-0.01 {
					edges = append(edges, fmt.Sprintf("%s from the left edge", b.Box.X))
				}
				if b.Box.Y < safe.Y-0.01 {
					edges = append(edges, fmt.Sprintf("%s from the top edge", b.Box.Y))
				}
				if r := lay.Size.W - b.Box.Right(); r < m-0.01 {
					edges = append(edges, fmt.Sprintf("%s from the right edge", r))
				}
				if r := lay.Size.H - b.Box.Bottom(); r < m-0.01 {
					edges = append(edges, fmt.Sprintf("%s from the bottom edge", r))
				}
				d.Msg = fmt.Sprintf("expected %s block %q inside the %s safe margin, found it %s", b.Kind, b.Name, m, strings.Join(edges, " and "))
				d.Hint = fmt.Sprintf("text and QR codes may be trimmed off or cut into there: keep the box within %s,%s to %s,%s, or lower print.safe_margin if the print shop allows", safe.X, safe.Y, safe.Right(), safe.Bottom())
				l.Add(d)
				continue
			}
			for _, f := range pg.Folds {
				if b.Box.X < f+m-0.01 && b.Box.Right() > f-m+0.01 {
					d.Msg = fmt.Sprintf("expected %s block %q at least %s from the fold at %s, found it from %s to %s", b.Kind, b.Name, m, f, b.Box.X, b.Box.Right())
					d.Hint = "keep each panel's text and QR codes within its panel, inside the safe margin"
					l.Add(d)
					break
				}
			}
		}
	}
}
