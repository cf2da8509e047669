package preflight

import (
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

var (
	mm    = geom.MM
	ink   = geom.Color{Name: "ink", CMYK: [4]float64{0, 0, 0, 1}}
	rich  = geom.Color{Name: "rich", CMYK: [4]float64{0.6, 0.4, 0.4, 1}, RGB: [3]float64{0, 0, 0}}
	pale  = geom.Color{Name: "pale", CMYK: [4]float64{0.1, 0.04, 0, 0}, RGB: [3]float64{0.9, 0.93, 0.97}}
	navy  = geom.Color{Name: "navy", CMYK: [4]float64{1, 0.8, 0.1, 0.35}, RGB: [3]float64{0.11, 0.2, 0.39}}
	heavy = geom.Color{Name: "heavy", CMYK: [4]float64{1, 1, 0.8, 0.6}, RGB: [3]float64{0.1, 0.05, 0.1}}
	pms   = geom.Color{Name: "pms", CMYK: [4]float64{1, 0.7, 0, 0.1}, RGB: [3]float64{0, 0.2, 0.6}, Spot: "PANTONE 288 C"}
	font  = &page.Font{Name: "test"}
)

func testLayout() *campaign.Layout {
	return &campaign.Layout{Name: "card", File: "layouts/card.yaml", Size: geom.Size{W: 148 * mm, H: 210 * mm}, QRModule: 0.5 * mm, Print: campaign.DefaultPrint}
}

// qrCode is a 29 mm code at x, y: quiet zone 4 mm, one 1 mm module row.
func qrCode(x, y geom.Pt, c geom.Color) *page.Squares {
	return &page.Squares{Color: c, Payload: "tel:101", Bounds: geom.Rect{X: x, Y: y, W: 29 * mm, H: 29 * mm},
		Rects: []geom.Rect{{X: x + 4*mm, Y: y + 4*mm, W: 21 * mm, H: 1 * mm}}}
}

func run(text string, x, y geom.Pt, c geom.Color) *page.Text {
	return &page.Text{Font: font, Size: 10, Color: c, X: x, Y: y, Source: text,
		Glyphs: []page.Glyph{{ID: 1, X: 0, Advance: 30}}}
}

func doc(items ...page.Item) *page.Doc {
	return &page.Doc{Pages: []*page.Page{{Name: "front", Size: geom.Size{W: 148 * mm, H: 210 * mm}, Items: items}}}
}

func problems(l diag.List, sev diag.Severity) string {
	var s []string
	for _, d := range l {
		if d.Severity == sev {
			s = append(s, d.Msg)
		}
	}
	return strings.Join(s, "\n")
}

func TestPreflightBlackText(t *testing.T) {
	d := doc(&page.Fill{Rect: geom.Rect{W: 148 * mm, H: 210 * mm}, Color: pale}, run("rich black words", 20*mm, 20*mm, rich), run("plain", 20*mm, 40*mm, ink))
	pf := Check(d, testLayout(), edition.Print)
	if got := problems(pf.Problems, diag.Error); !strings.Contains(got, `black text in "rich" is C60 M40 Y40 K100: body text and small type must be 100% K`) || strings.Count(got, "\n") != 0 {
		t.Errorf("errors:\n%s", got)
	}
	if pf.KOnly {
		t.Error("KOnly with rich black text")
	}
	if pf = Check(d, testLayout(), edition.Screen); pf.Problems.HasErrors() {
		t.Errorf("screen edition: %v", pf.Problems)
	}
}

func TestPreflightQR(t *testing.T) {
	lay := testLayout()
	bg := &page.Fill{Rect: geom.Rect{X: 10 * mm, Y: 100 * mm, W: 100 * mm, H: 50 * mm}, Color: pale}
	cases := []struct {
		name  string
		items []page.Item
		want  string // an error, or "" for none
	}{
		{"on a pale panel", []page.Item{bg, qrCode(20*mm, 110*mm, ink)}, ""},
		{"fill drawn over", []page.Item{qrCode(20*mm, 110*mm, ink), bg}, `QR code tel:101: its quiet zone (29 mm) is not clear: a "pale" fill is drawn over it`},
		{"edge of a fill", []page.Item{&page.Fill{Rect: geom.Rect{X: 0, Y: 0, W: 148 * mm, H: 120 * mm}, Color: pale}, qrCode(20*mm, 110*mm, ink)}, `the edge of a "pale" fill crosses it`},
		{"dark background", []page.Item{&page.Fill{Rect: geom.Rect{X: 10 * mm, Y: 100 * mm, W: 100 * mm, H: 50 * mm}, Color: navy}, qrCode(20*mm, 110*mm, ink)}, `it stands on "navy", too dark`},
		{"text in the quiet zone", []page.Item{qrCode(20*mm, 110*mm, ink), run("Call", 22*mm, 112*mm, ink)}, `text "Call" overlaps it`},
		{"not K only", []page.Item{qrCode(20*mm, 110*mm, navy)}, `QR code tel:101 is printed in "navy" (C100 M80 Y10 K35): QR codes must be 100% K`},
		{"off the trim", []page.Item{qrCode(130*mm, 110*mm, ink)}, `QR code tel:101: its quiet zone (29 mm) is not clear: it runs off the trimmed page`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pf := Check(doc(tc.items...), lay, edition.Print)
			got := problems(pf.Problems, diag.Error)
			if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
				t.Errorf("errors:\n%s\nwant one containing %q", got, tc.want)
			}
			if len(pf.QR) != 1 || pf.QR[0].ModuleMM != 1 || pf.QR[0].MinimumMM != 0.5 {
				t.Errorf("QR checks %+v", pf.QR)
			}
		})
	}
	folded := doc(qrCode(20*mm, 110*mm, ink))
	folded.Pages[0].Folds = []geom.Pt{30 * mm}
	if pf := Check(folded, lay, edition.Print); pf.QR[0].QuietZone || !strings.Contains(problems(pf.Problems, diag.Error), "the fold at 30 mm crosses it") {
		t.Errorf("a fold through the code: %+v %v", pf.QR, pf.Problems)
	}
	lay.QRModule = 1.2 * mm
	pf := Check(doc(qrCode(20*mm, 110*mm, ink)), lay, edition.Print)
	if got := problems(pf.Problems, diag.Error); !strings.Contains(got, "QR code tel:101 has 1.00 mm modules, below this layout's minimum of 1.20 mm (qr.module)") {
		t.Errorf("errors:\n%s", got)
	}
	if pf = Check(doc(qrCode(20*mm, 110*mm, ink)), lay, edition.Screen); pf.Problems.HasErrors() {
		t.Errorf("screen edition holds QR codes to the print minimum: %v", pf.Problems)
	}
}

func TestPreflightInks(t *testing.T) {
	d := doc(&page.Fill{Rect: geom.Rect{W: 148 * mm, H: 50 * mm}, Color: heavy}, &page.Fill{Rect: geom.Rect{Y: 50 * mm, W: 148 * mm, H: 50 * mm}, Color: pms},
		run("words", 20*mm, 120*mm, ink))
	pf := Check(d, testLayout(), edition.Print)
	if got := problems(pf.Problems, diag.Warning); got != `colour "heavy" lays down 340% ink (C100 M100 Y80 K60), over the 300% total ink limit` {
		t.Errorf("warnings:\n%s", got)
	}
	if pf.Problems.HasErrors() {
		t.Errorf("errors: %v", pf.Problems)
	}
	if strings.Join(pf.Inks, ", ") != "process CMYK, PANTONE 288 C" || pf.MaxInk != 340 || pf.MaxInkName != "heavy" {
		t.Errorf("inks %v, max %v (%s)", pf.Inks, pf.MaxInk, pf.MaxInkName)
	}
	sum := pf.Summary()
	for _, want := range []string{"inks process CMYK + PANTONE 288 C, max 340% (heavy) of 300%", "black text and QR codes K only", "no raster images", "1 warning"} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary %q lacks %q", sum, want)
		}
	}
	if strings.Contains(sum, "1 warnings") {
		t.Errorf("summary %q says \"1 warnings\"", sum)
	}
}
