package pdf

import (
	"go/parser"
	"go/token"

	"bytes"
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/go-text/typesetting/font"

	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/testtool"
)

// The font is Noto Sans Regular from the bundled campaign (SIL Open Font
// License, assets/fonts/noto-sans/OFL.txt).
const notoSans = "../../../assets/fonts/noto-sans/NotoSans-Regular.ttf"

var (
	black = geom.Black
	pale  = geom.Color{Name: "pale", CMYK: [4]float64{0.1, 0.04, 0, 0}, RGB: [3]float64{0.9, 0.93, 0.97}}
	brand = geom.Color{Name: "brand", CMYK: [4]float64{1, 0.8, 0.1, 0.35}, RGB: [3]float64{0.11, 0.2, 0.39}, Spot: "PANTONE 288 C"}
	green = geom.Color{Name: "green", CMYK: [4]float64{0.8, 0, 1, 0}, RGB: [3]float64{0.2, 0.7, 0.2}, Spot: "Brand Green"}
	orng  = geom.Color{Name: "orange", CMYK: [4]float64{0, 0.6, 1, 0}, RGB: [3]float64{1, 0.5, 0}, Spot: "Orange 021"}
	reg   = geom.Color{Name: "registration", CMYK: [4]float64{1, 1, 1, 1}, Spot: "All"}
)

// text shapes s naively (one glyph per rune from the cmap, advances from
// hmtx): enough for Latin test text.
func text(t *testing.T, f *page.Font, s string, x, y, size geom.Pt, c geom.Color) *page.Text {
	t.Helper()
	ft, err := font.ParseTTF(bytes.NewReader(f.Data))
	if err != nil {
		t.Fatal(err)
	}
	k := float64(size) / float64(ft.Upem())
	run := &page.Text{Font: f, Size: size, Color: c, X: x, Y: y, Source: s}
	pen := 0.0
	for i, r := range []rune(s) {
		g, ok := ft.NominalGlyph(r)
		if !ok {
			t.Fatalf("no glyph for %q", r)
		}
		adv := float64(ft.HorizontalAdvance(g)) * k
		run.Glyphs = append(run.Glyphs, page.Glyph{ID: uint16(g), X: pen, Advance: adv, Cluster: i})
		pen += adv
	}
	return run
}

func loadFont(t *testing.T) *page.Font {
	t.Helper()
	data, err := os.ReadFile(notoSans)
	if err != nil {
		t.Fatal(err)
	}
	return &page.Font{Name: "NotoSans-Regular", Data: data}
}

var fontOnce *page.Font

// sample is a one-page A5 document with a background band touching the top
// edge, a spot-colour band, black text and a black square; print adds
// 3 mm bleed, a 10 mm margin, crop marks in registration colour and a fold
// mark.
func sample(t *testing.T, print bool) *page.Doc {
	t.Helper()
	if fontOnce == nil {
		fontOnce = loadFont(t)
	}
	f := fontOnce
	mm := geom.MM
	p := &page.Page{Name: "front", Size: geom.Size{W: 148 * mm, H: 210 * mm}, Folds: []geom.Pt{74 * mm}}
	p.Items = []page.Item{
		&page.Fill{Rect: geom.Rect{X: 0, Y: 0, W: 148 * mm, H: 60 * mm}, Color: pale},
		&page.Fill{Rect: geom.Rect{X: 0, Y: 60 * mm, W: 148 * mm, H: 20 * mm}, Color: brand},
		&page.Fill{Rect: geom.Rect{X: 20 * mm, Y: 150 * mm, W: 20 * mm, H: 20 * mm}, Color: green},
		&page.Fill{Rect: geom.Rect{X: 50 * mm, Y: 150 * mm, W: 20 * mm, H: 20 * mm}, Color: orng},
		text(t, f, "Keep it sharp", 15*mm, 30*mm, 24, black),
		&page.Squares{Rects: []geom.Rect{{X: 100 * mm, Y: 20 * mm, W: 20 * mm, H: 20 * mm}}, Color: black, Payload: "tel:101", Bounds: geom.Rect{X: 96 * mm, Y: 16 * mm, W: 28 * mm, H: 28 * mm}},
	}
	if print {
		p.Bleed, p.Margin = 3*mm, 10*mm
		for _, c := range [][4]geom.Pt{{0, -4 * mm, 0, -9 * mm}, {-4 * mm, 0, -9 * mm, 0}} {
			p.Marks = append(p.Marks, page.Mark{Kind: page.CropMark, X1: c[0], Y1: c[1], X2: c[2], Y2: c[3], Width: 0.25, Color: reg})
		}
		p.Marks = append(p.Marks, page.Mark{Kind: page.FoldMark, X1: 74 * mm, Y1: -4 * mm, X2: 74 * mm, Y2: -9 * mm, Width: 0.25, Dash: 2, Color: reg})
		p.Slug = []page.Item{text(t, f, "slug line", 0, 210*mm+8*mm, 6, reg)}
	}
	return &page.Doc{Title: "sample", Lang: "en", Creator: "handbill test", Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), Pages: []*page.Page{p}}
}

func export(t *testing.T, doc *page.Doc, mode ColorMode) string {
	t.Helper()
	data, err := Export(doc, Options{Color: mode})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func near(a, b [4]float64) bool {
	for i := range a {
		if math.Abs(a[i]-b[i]) > 0.02 {
			return false
		}
	}
	return true
}

func TestPageBoxes(t *testing.T) {
	testtool.Need(t, "pdfinfo")
	mm := float64(geom.MM)
	w, h := 148*mm, 210*mm
	m, b := 10*mm, 3*mm
	got := testtool.PDFBoxes(t, export(t, sample(t, true), CMYK))
	want := map[string][4]float64{
		"MediaBox": {0, 0, w + 2*m, h + 2*m},
		"CropBox":  {0, 0, w + 2*m, h + 2*m},
		"TrimBox":  {m, m, m + w, m + h},
		"BleedBox": {m - b, m - b, m + w + b, m + h + b},
	}
	for k, v := range want {
		if !near(got[k], v) {
			t.Errorf("print %s = %v, want %v", k, got[k], v)
		}
	}
	got = testtool.PDFBoxes(t, export(t, sample(t, false), RGB))
	for _, k := range []string{"MediaBox", "CropBox", "TrimBox", "BleedBox"} {
		if v := [4]float64{0, 0, w, h}; !near(got[k], v) {
			t.Errorf("screen %s = %v, want %v", k, got[k], v)
		}
	}
}

// TestDeterministic exports a document with page boxes and several spot
// inks many times: every run must give the same bytes, and the file must
// stay valid.
func TestDeterministic(t *testing.T) {
	doc := sample(t, true)
	first, err := Export(doc, Options{Color: CMYK})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 40; i++ {
		again, err := Export(doc, Options{Color: CMYK})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, again) {
			t.Fatalf("run %d gave different bytes", i+2)
		}
	}
	for n, name := range []string{"All", "Brand#20Green", "Orange#20021", "PANTONE#20288#20C"} {
		// Spot inks are numbered in name order.
		if want := fmt.Sprintf("/CS%d [/Separation /%s /DeviceCMYK ", n+1, name); !bytes.Contains(first, []byte(want)) {
			t.Errorf("no resource %q", want)
		}
	}
	testtool.Need(t, "qpdf")
	path := filepath.Join(t.TempDir(), "d.pdf")
	if err := os.WriteFile(path, first, 0o644); err != nil {
		t.Fatal(err)
	}
	testtool.Run(t, "qpdf", "--check", path)
}

// TestUpdateRejectsStrangeFiles makes sure the update fails loudly when
// the file it extends is not a PDF with a classic xref table.
func TestUpdateRejectsStrangeFiles(t *testing.T) {
	if _, err := readBase([]byte("%PDF-1.4\nnothing here\n")); err == nil {
		t.Fatal("readBase accepted a file without startxref")
	}
	data, err := Export(sample(t, true), Options{Color: CMYK})
	if err != nil {
		t.Fatal(err)
	}
	broken := regexp.MustCompile(`startxref\n[0-9]+\n%%EOF\n$`).ReplaceAll(bytes.Clone(data), []byte("startxref\n12\n%%EOF\n"))
	if _, err := readBase(broken); err == nil {
		t.Fatal("readBase accepted a file whose startxref is wrong")
	}
}

func TestContentOperators(t *testing.T) {
	testtool.Need(t, "qpdf")
	content := func(mode ColorMode, print bool) string {
		path := export(t, sample(t, print), mode)
		out := filepath.Join(t.TempDir(), "qdf.pdf")
		testtool.Run(t, "qpdf", "--qdf", "--object-streams=disable", path, out)
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	print := content(CMYK, true)
	for _, want := range []string{
		"0 0 0 1 k BT",             // black text: K only
		"0.1 0.04 0 0 k",           // process fill
		"1 0 0 1 28.346 28.346 cm", // trim moved in by the margin
		"/CS1 CS 1 SCN 0.25 w",     // crop mark in registration, 0.25 pt
		"[2] 0 d",                  // dashed fold mark
		"/CS4 cs 1 scn",            // PANTONE 288 C band
		"/CS1 cs 1 scn BT",         // slug text in registration
	} {
		if !strings.Contains(print, want) {
			t.Errorf("print content lacks %q", want)
		}
	}
	if regexp.MustCompile(`\[(<[0-9a-fA-F]{4}>|-?[0-9.]+)*<0000>`).MatchString(print) {
		t.Errorf("print content draws glyph code 0: a run's glyphs were not embedded")
	}
	testtool.Need(t, "pdftotext")
	if txt := string(testtool.Run(t, "pdftotext", export(t, sample(t, true), CMYK), "-")); !strings.Contains(txt, "slug line") || !strings.Contains(txt, "Keep it sharp") {
		t.Errorf("print text layer lacks the slug or the body text:\n%s", txt)
	}
	screen := content(RGB, false)
	for _, bad := range []string{" k\n", " k ", " cs ", " SCN", "/Separation", " cm\n"} {
		if bad == " cm\n" {
			bad = "1 0 0 1 28.346"
		}
		if strings.Contains(screen, bad) {
			t.Errorf("screen content has %q", bad)
		}
	}
	if !strings.Contains(screen, "0 0 0 rg BT") {
		t.Errorf("screen black text is not RGB")
	}
}

// inked counts the pixels with ink in r (pixel coordinates).
func inked(g *image.Gray, r image.Rectangle) int {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if g.GrayAt(x, y).Y > 0 {
				n++
			}
		}
	}
	return n
}

// TestPlates separates the print sample on press plates: the black text
// and the black square are on the black plate only (they knock out the
// tint beneath them), each spot ink has a plate of its own, and the
// registration marks print on every plate.
func TestPlates(t *testing.T) {
	path := export(t, sample(t, true), CMYK)
	const dpi = 72
	pl := testtool.Plates(t, path, dpi)
	for _, want := range []string{"Cyan", "Magenta", "Yellow", "Black", "PANTONE 288 C", "Brand Green", "Orange 021"} {
		if pl[want] == nil {
			t.Fatalf("no %s plate; plates: %v", want, keys(pl))
		}
	}
	if pl["All"] != nil {
		t.Errorf("registration became a plate of its own")
	}
	mm := float64(geom.MM)
	px := func(x, y, w, h float64) image.Rectangle { // trim mm → pixels on the media
		k := float64(dpi) / 72
		m := 10 * mm
		return image.Rect(int((x*mm+m)*k), int((y*mm+m)*k), int(((x+w)*mm+m)*k+0.999), int(((y+h)*mm+m)*k+0.999))
	}
	// The black square (100..120 mm, 20..40 mm), inset a pixel.
	sq := px(100, 20, 20, 20).Inset(1)
	if n := inked(pl["Black"], sq); n != sq.Dx()*sq.Dy() {
		t.Errorf("black square: %d of %d pixels on the black plate", n, sq.Dx()*sq.Dy())
	}
	for _, c := range []string{"Cyan", "Magenta", "Yellow", "PANTONE 288 C", "Brand Green", "Orange 021"} {
		if n := inked(pl[c], sq); n != 0 {
			t.Errorf("black square: %d pixels on the %s plate", n, c)
		}
	}
	// Black text over the pale band: where the black plate has ink, no
	// other plate has.
	txt := px(15, 20, 80, 14)
	nk := 0
	for y := txt.Min.Y; y < txt.Max.Y; y++ {
		for x := txt.Min.X; x < txt.Max.X; x++ {
			if pl["Black"].GrayAt(x, y).Y == 0 {
				continue
			}
			nk++
			for _, c := range []string{"Cyan", "Magenta", "Yellow"} {
				if pl[c].GrayAt(x, y).Y != 0 {
					t.Fatalf("text pixel %d,%d has %s ink", x, y, c)
				}
			}
		}
	}
	if nk < 50 {
		t.Errorf("only %d text pixels on the black plate", nk)
	}
	// The PANTONE band is on its own plate only.
	band := px(5, 62, 100, 16)
	if n := inked(pl["PANTONE 288 C"], band); n != band.Dx()*band.Dy() {
		t.Errorf("spot band: %d of %d pixels", n, band.Dx()*band.Dy())
	}
	for _, c := range []string{"Cyan", "Magenta", "Yellow", "Black"} {
		if n := inked(pl[c], band); n != 0 {
			t.Errorf("spot band has %d pixels of %s", n, c)
		}
	}
	// The top-left crop mark (x 0, y -4..-9 mm) on every plate.
	mark := px(-0.5, -8.5, 1, 4)
	for name, g := range pl {
		if inked(g, mark) == 0 {
			t.Errorf("no crop mark on the %s plate", name)
		}
	}
}

func keys[V any](m map[string]V) []string {
	var k []string
	for n := range m {
		k = append(k, n)
	}
	return k
}

// TestNoPrivateAccess keeps the exporter on fpdf's public API: nothing in
// the package may reach into another package's private state.
func TestNoPrivateAccess(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no Go files: %v", err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		ast, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range ast.Imports {
			if p := strings.Trim(imp.Path.Value, `"`); p == "reflect" || p == "unsafe" {
				t.Errorf("%s imports %s", f, p)
			}
		}
	}
}
