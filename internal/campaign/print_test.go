package campaign

import (
	"io/fs"
	"math"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/geom"
)

// baseFS is testdata/base (the one-layout campaign the bad-input cases
// start from) in memory, so a test can change a file of it.
func baseFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	root := os.DirFS("testdata/base")
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(root, p)
		m[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// edit replaces old with new in one file of m, failing when old is absent.
func edit(t *testing.T, m fstest.MapFS, file, old, new string) {
	t.Helper()
	s := string(m[file].Data)
	if !strings.Contains(s, old) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	m[file] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
}

func TestPrintDefaults(t *testing.T) {
	c, err := Load(baseFS(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Layouts[0].Print; got != DefaultPrint {
		t.Errorf("print settings %+v, want the defaults %+v", got, DefaultPrint)
	}
	if DefaultPrint.Bleed != 3*geom.MM || DefaultPrint.SafeMargin != 5*geom.MM || DefaultPrint.InkLimit != 300 || DefaultPrint.RichBlack.Name != "" {
		t.Errorf("defaults %+v, want 3 mm bleed, 5 mm safe margin, 300%% ink, no rich black", DefaultPrint)
	}
	if len(c.Warnings) != 0 {
		t.Errorf("warnings %v", c.Warnings)
	}
}

// TestPrintOverrides sets print settings in the campaign and overrides one
// in the layout: the layout gets the campaign's, field by field.
func TestPrintOverrides(t *testing.T) {
	m := baseFS(t)
	edit(t, m, "campaign.yaml", "emergency:", "print: {bleed: 5mm, ink_limit: 280%, rich_black: [60, 40, 40, 100]}\nemergency:")
	edit(t, m, "layouts/card.yaml", "pages:", "print:\n  bleed: 2mm\n  safe_margin: 8mm\npages:")
	c, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	if c.Print.Bleed != 5*geom.MM {
		t.Errorf("campaign bleed %v", c.Print.Bleed)
	}
	got := c.Layouts[0].Print
	want := Print{Bleed: 2 * geom.MM, SafeMargin: 8 * geom.MM, InkLimit: 280, RichBlack: geom.Color{Name: "rich black", CMYK: [4]float64{0.6, 0.4, 0.4, 1}}}
	if math.Abs(float64(got.Bleed-want.Bleed)) > 1e-9 || math.Abs(float64(got.SafeMargin-want.SafeMargin)) > 1e-9 || got.InkLimit != want.InkLimit || got.RichBlack != want.RichBlack {
		t.Errorf("layout print %+v, want %+v", got, want)
	}
}

// TestPrintErrors checks that each bad print setting is refused where it
// is written, with what was expected.
func TestPrintErrors(t *testing.T) {
	cases := []struct {
		name, file, old, new string
		want                 string // the diagnostic, from file:line:col
	}{
		{"bleed too big", "layouts/card.yaml", "pages:", "print: {bleed: 12mm}\npages:",
			`layouts/card.yaml:13:16: print.bleed: expected a length from 0 to 10mm, found "12mm"`},
		{"bleed without unit", "campaign.yaml", "emergency:", "print: {bleed: 3}\nemergency:",
			`campaign.yaml:20:16: print.bleed: expected a length with a unit (mm, cm, pt or in) like "12pt", found "3"`},
		{"ink limit", "campaign.yaml", "emergency:", "print: {ink_limit: 500%}\nemergency:",
			`campaign.yaml:20:20: print.ink_limit: expected a total ink limit from 100% to 400% like "300%", found "500%"`},
		{"rich black without K 100", "campaign.yaml", "emergency:", "print: {rich_black: [60, 40, 40, 90]}\nemergency:",
			`campaign.yaml:20:34: print.rich_black[3]: expected K 100 in a rich black, found 90`},
		{"unknown print field", "campaign.yaml", "emergency:", "print: {bleeed: 3mm}\nemergency:",
			"campaign.yaml:20:9: print: unknown field \"bleeed\"; expected one of bleed, ink_limit, output_intent, rich_black, safe_margin\n\thint: did you mean \"bleed\"?"},
		{"spot named All", "layouts/card.yaml", `brand: {cmyk: [100, 80, 10, 35], rgb: "#1d3263"}`, `brand: {cmyk: [100, 80, 10, 35], rgb: "#1d3263", spot: All}`,
			`palette.brand.spot: expected the name of a spot ink, found "All", which names a process or registration colour`},
		{"spot name with a slash", "layouts/card.yaml", `brand: {cmyk: [100, 80, 10, 35], rgb: "#1d3263"}`, `brand: {cmyk: [100, 80, 10, 35], rgb: "#1d3263", spot: "Pantone/288"}`,
			`palette.brand.spot: expected an ink name of letters, digits, spaces and . _ + - like "PANTONE 288 C", found "Pantone/288"`},
		{"colour with neither", "layouts/card.yaml", `brand: {cmyk: [100, 80, 10, 35], rgb: "#1d3263"}`, `brand: {spot: "PANTONE 288 C"}`,
			`palette.brand: expected cmyk (for print) and rgb (for screens), found neither`},
		{"text in the safe margin", "layouts/card.yaml", "box: [10mm, 180mm, 128mm, 20mm]", "box: [10mm, 180mm, 128mm, 28mm]",
			`pages[0].blocks[3].box: expected text block "footer" inside the 5mm safe margin, found it 2mm from the bottom edge`},
		{"helplines in a bigger safe margin", "layouts/card.yaml", "pages:", "print: {safe_margin: 12mm}\npages:",
			`pages[0].blocks[1].box: expected text block "headline" inside the 12mm safe margin, found it 10mm from the left edge and 10mm from the top edge and 10mm from the right edge`},
		{"text across a fold", "layouts/card.yaml", "  - name: front\n", "  - name: front\n    folds: [74mm]\n",
			`pages[0].blocks[1].box: expected text block "headline" at least 5mm from the fold at 74mm, found it from 10mm to 138mm`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := baseFS(t)
			edit(t, m, tc.file, tc.old, tc.new)
			_, err := Load(m)
			if err == nil {
				t.Fatal("loaded")
			}
			var got []string
			for _, d := range diag.AsList(err) {
				got = append(got, d.Error())
			}
			for _, g := range got {
				if strings.Contains(g, tc.want) {
					return
				}
			}
			t.Errorf("no diagnostic contains\n%s\ngot:\n%s", tc.want, strings.Join(got, "\n"))
		})
	}
}

// TestDerivedColourWarnings gives a colour only in RGB and another only in
// CMYK: both load, with the other form derived, and a warning each says so.
func TestDerivedColourWarnings(t *testing.T) {
	m := baseFS(t)
	edit(t, m, "layouts/card.yaml", `brand: {cmyk: [100, 80, 10, 35], rgb: "#1d3263"}`, `brand: {rgb: "#1d3263"}`)
	edit(t, m, "layouts/card.yaml", `paper: {cmyk: [0, 0, 0, 0], rgb: "#ffffff"}`, `paper: {cmyk: [0, 0, 0, 0]}`)
	c, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	brand, paper := c.Layouts[0].Palette["brand"], c.Layouts[0].Palette["paper"]
	if want := [4]float64{0.71, 0.49, 0, 0.61}; brand.CMYK != want {
		t.Errorf("brand cmyk %v, want %v derived from #1d3263", brand.CMYK, want)
	}
	if paper.RGB != [3]float64{1, 1, 1} {
		t.Errorf("paper rgb %v", paper.RGB)
	}
	var got []string
	for _, w := range c.Warnings {
		got = append(got, w.Error())
	}
	want := []string{
		`layouts/card.yaml:6:16: warning: palette.brand: no cmyk given: print editions use cmyk [71, 49, 0, 61], derived from rgb #1d3263 by a naive conversion` +
			"\n\thint: ask the print shop or the brand guide for this colour's CMYK and give it as cmyk: [C, M, Y, K]",
		`layouts/card.yaml:7:18: warning: palette.paper: no rgb given: screen editions use #ffffff, derived from cmyk by a naive conversion` +
			"\n\thint: give the screen colour from the brand guide as rgb: \"#rrggbb\"",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
