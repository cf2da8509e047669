package build_test

import (
	"bytes"
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/testtool"
	"github.com/handbill/handbill/internal/typeset"
)

// rendered is one edition of one pair, kept for the tests of this file.
type rendered struct {
	pair build.Pair
	doc  *build.Document
	path string // the PDF on disk
}

var renders struct {
	once sync.Once
	dir  string
	c    *campaign.Campaign
	all  []rendered
	err  error
}

// renderAll renders every bundled layout in English and Arabic in both
// editions, once per test binary.
func renderAll(t *testing.T) (*campaign.Campaign, []rendered) {
	t.Helper()
	renders.once.Do(func() {
		c, cat, reg := loadBundled(t)
		renders.c = c
		pairs, err := build.Pairs(c, nil, []string{"en-GB", "ar"})
		if err != nil {
			renders.err = err
			return
		}
		dir, err := os.MkdirTemp("", "handbill-print-")
		if err != nil {
			renders.err = err
			return
		}
		renders.dir = dir
		cmp := build.Composer(c, cat, reg, build.Options{Creator: "handbill test", Date: c.Date})
		s := typeset.NewSetter(reg)
		for _, p := range pairs {
			_, docs, err := build.RenderEditions(cmp, s, p, edition.All)
			if err != nil {
				renders.err = fmt.Errorf("%s %s: %w", p.Layout.Name, p.Locale, err)
				return
			}
			for _, d := range docs {
				if d.Err != nil {
					renders.err = fmt.Errorf("%s %s %s: %w", p.Layout.Name, p.Locale, d.Edition, d.Err)
					return
				}
				path := filepath.Join(dir, build.FileName(c.ID, p, d.Edition))
				if err := os.WriteFile(path, d.PDF, 0o644); err != nil {
					renders.err = err
					return
				}
				renders.all = append(renders.all, rendered{pair: p, doc: d, path: path})
			}
		}
	})
	if renders.err != nil {
		t.Fatal(renders.err)
	}
	return renders.c, renders.all
}

// TestEditionBoxes checks every layout's page boxes with pdfinfo -box: the
// print edition's TrimBox is the finished size, its BleedBox 3 mm bigger
// all round, its MediaBox bigger still for the marks and slug; the screen
// edition is the trim alone.
func TestEditionBoxes(t *testing.T) {
	testtool.Need(t, "pdfinfo")
	_, all := renderAll(t)
	for _, r := range all {
		lay := r.pair.Layout
		w, h := float64(lay.Size.W), float64(lay.Size.H)
		got := testtool.PDFBoxes(t, r.path)
		want := map[string][4]float64{}
		switch r.doc.Edition {
		case edition.Print:
			m := float64(r.doc.Doc.Pages[0].Margin)
			b := float64(lay.Print.Bleed)
			if math.Abs(b-3*float64(geom.MM)) > 1e-6 {
				t.Fatalf("%s: bleed %v, want the default 3 mm", lay.Name, lay.Print.Bleed)
			}
			if m < b+6*float64(geom.MM)-1e-6 {
				t.Errorf("%s: margin %.2fpt leaves no room for marks outside the bleed", lay.Name, m)
			}
			want["MediaBox"] = [4]float64{0, 0, w + 2*m, h + 2*m}
			want["TrimBox"] = [4]float64{m, m, m + w, m + h}
			want["BleedBox"] = [4]float64{m - b, m - b, m + w + b, m + h + b}
		case edition.Screen:
			for _, k := range []string{"MediaBox", "TrimBox", "BleedBox"} {
				want[k] = [4]float64{0, 0, w, h}
			}
		}
		for k, v := range want {
			for i := range v {
				if math.Abs(got[k][i]-v[i]) > 0.02 {
					t.Errorf("%s: %s = %v, want %v", filepath.Base(r.path), k, got[k], v)
					break
				}
			}
		}
	}
}

// TestMarksOnlyInPrint checks the marks and slug: the print edition has
// crop marks at every corner and a fold mark at each end of every fold, in
// registration, outside the bleed, and its slug names the job; the screen
// edition has none of them and no registration colour at all.
func TestMarksOnlyInPrint(t *testing.T) {
	c, all := renderAll(t)
	for _, r := range all {
		name := filepath.Base(r.path)
		hasAll := bytes.Contains(r.doc.PDF, []byte("/Separation /All"))
		for _, p := range r.doc.Doc.Pages {
			crop, fold := 0, 0
			for _, m := range p.Marks {
				if m.Color.Spot != "All" || m.Width != 0.25 {
					t.Errorf("%s: mark %+v is not a 0.25 pt registration line", name, m)
				}
				// Every mark lies outside the bleed box.
				bleed := p.Bounds(p.Bleed)
				for _, pt := range [][2]geom.Pt{{m.X1, m.Y1}, {m.X2, m.Y2}} {
					if pt[0] > bleed.X && pt[0] < bleed.Right() && pt[1] > bleed.Y && pt[1] < bleed.Bottom() {
						t.Errorf("%s: mark %+v reaches into the bleed", name, m)
					}
				}
				switch m.Kind {
				case page.CropMark:
					crop++
				case page.FoldMark:
					fold++
					if m.Dash == 0 || (m.X1 != m.X2) || !slices.Contains(p.Folds, m.X1) {
						t.Errorf("%s: fold mark %+v is not a dashed line at a fold %v", name, m, p.Folds)
					}
				}
			}
			slug := ""
			for _, it := range p.Slug {
				slug += it.(*page.Text).Source
			}
			switch r.doc.Edition {
			case edition.Print:
				if crop != 8 || fold != 2*len(p.Folds) {
					t.Errorf("%s page %s: %d crop and %d fold marks, want 8 and %d", name, p.Name, crop, fold, 2*len(p.Folds))
				}
				for _, want := range []string{c.ID, r.pair.Layout.Name, r.pair.Locale, "print", c.Date.Format("2006-01-02"), "source ", "handbill test"} {
					if !strings.Contains(slug, want) {
						t.Errorf("%s: slug %q lacks %q", name, slug, want)
					}
				}
			case edition.Screen:
				if crop+fold != 0 || slug != "" || p.Margin != 0 || p.Bleed != 0 {
					t.Errorf("%s page %s: screen edition has %d marks, slug %q, margin %v", name, p.Name, crop+fold, slug, p.Margin)
				}
			}
		}
		if hasAll != (r.doc.Edition == edition.Print) {
			t.Errorf("%s: registration colour present = %v", name, hasAll)
		}
	}
}

// TestBleedAndRichBlack checks the print edition's art: a fill touching a
// trim edge runs exactly the bleed past it, a fill that does not is left
// alone, and links are dropped.
func TestBleedAndRichBlack(t *testing.T) {
	_, all := renderAll(t)
	for _, r := range all {
		if r.doc.Edition != edition.Print {
			continue
		}
		b := r.pair.Layout.Print.Bleed
		for _, p := range r.doc.Doc.Pages {
			for _, it := range p.Items {
				switch v := it.(type) {
				case *page.Fill:
					for _, e := range []geom.Pt{v.Rect.X, v.Rect.Y, p.Size.W - v.Rect.Right(), p.Size.H - v.Rect.Bottom()} {
						if e < 0 && math.Abs(float64(e+b)) > 0.01 {
							t.Errorf("%s: fill %v runs %v past the trim, want the bleed %v", filepath.Base(r.path), v.Rect, -e, b)
						}
					}
				case *page.Link:
					t.Errorf("%s: print edition has a link to %s", filepath.Base(r.path), v.URI)
				}
			}
		}
	}
	// The pale panel of the A4 poster touches the left, right and bottom
	// edges: it must reach the bleed on those three sides.
	for _, r := range all {
		if r.pair.Layout.Name != "poster-a4" || r.pair.Locale != "en-GB" || r.doc.Edition != edition.Print {
			continue
		}
		found := false
		for _, it := range r.doc.Doc.Pages[0].Items {
			if f, ok := it.(*page.Fill); ok && f.Color.Name == "pale" {
				found = true
				mm := f.Rect.Scale(1 / float64(geom.MM))
				if math.Abs(float64(mm.X)+3) > 0.01 || math.Abs(float64(mm.Right())-213) > 0.01 || math.Abs(float64(mm.Bottom())-300) > 0.01 {
					t.Errorf("pale panel %v mm, want from -3 to 213 mm wide, down to 300 mm", mm)
				}
			}
		}
		if !found {
			t.Fatal("no pale panel on the A4 poster")
		}
	}
}

// TestPlatesBlackOnly separates each layout's print edition (English) on
// press plates with Ghostscript: every QR module and every pixel of black
// text is on the black plate and on no other plate, and the crop marks are
// on every plate.
func TestPlatesBlackOnly(t *testing.T) {
	testtool.Slow(t)
	testtool.Need(t, "gs")
	_, all := renderAll(t)
	const dpi = 100
	for _, r := range all {
		if r.doc.Edition != edition.Print || r.pair.Locale != "en-GB" || len(r.doc.Doc.Pages) == 0 {
			continue
		}
		name := filepath.Base(r.path)
		// Overprint off: black text and QR codes overprint the tint
		// beneath them (TestBlackOverprints checks that); here each is
		// separated on its own, to see it carries black ink only.
		pl := testtool.Plates(t, r.path, dpi, "-dOverprint=/disable")
		for _, want := range []string{"Cyan", "Magenta", "Yellow", "Black"} {
			if pl[want] == nil {
				t.Fatalf("%s: no %s plate", name, want)
			}
		}
		// gs writes one set of plates per page: check page 1 only, and the
		// page that holds the QR codes when it is another (renderpage).
		checkPage := func(p *page.Page, pl map[string]*image.Gray) {
			k := float64(dpi) / 72
			m := float64(p.Margin)
			px := func(r geom.Rect) image.Rectangle {
				return image.Rect(int(math.Ceil((float64(r.X)+m)*k)), int(math.Ceil((float64(r.Y)+m)*k)),
					int(math.Floor((float64(r.Right())+m)*k)), int(math.Floor((float64(r.Bottom())+m)*k)))
			}
			textPx := 0
			for _, it := range p.Items {
				switch v := it.(type) {
				case *page.Squares:
					for _, q := range v.Rects {
						box := px(q)
						for y := box.Min.Y; y < box.Max.Y; y++ {
							for x := box.Min.X; x < box.Max.X; x++ {
								if pl["Black"].GrayAt(x, y).Y != 255 {
									t.Fatalf("%s: QR %s pixel %d,%d is not solid black", name, v.Payload, x, y)
								}
								for _, c := range []string{"Cyan", "Magenta", "Yellow"} {
									if pl[c].GrayAt(x, y).Y != 0 {
										t.Fatalf("%s: QR %s pixel %d,%d has %s ink", name, v.Payload, x, y, c)
									}
								}
							}
						}
					}
				case *page.Text:
					if v.Color.Name != "ink" {
						continue
					}
					box := px(geom.Rect{X: v.X, Y: v.Y - 0.75*v.Size, W: geom.Pt(v.Width()), H: v.Size})
					for y := box.Min.Y; y < box.Max.Y; y++ {
						for x := box.Min.X; x < box.Max.X; x++ {
							if pl["Black"].GrayAt(x, y).Y == 0 {
								continue
							}
							textPx++
							for _, c := range []string{"Cyan", "Magenta", "Yellow"} {
								if pl[c].GrayAt(x, y).Y != 0 {
									t.Fatalf("%s: black text %q pixel %d,%d has %s ink", name, v.Source, x, y, c)
								}
							}
						}
					}
				}
			}
			if textPx < 100 {
				t.Errorf("%s page %s: only %d pixels of black text checked", name, p.Name, textPx)
			}
		}
		checkPage(r.doc.Doc.Pages[0], pl)
		// Every plate carries the crop marks: look along each mark of page 1.
		p := r.doc.Doc.Pages[0]
		k := float64(dpi) / 72
		for _, m := range p.Marks {
			if m.Kind != page.CropMark {
				continue
			}
			x := int((float64(m.X1+m.X2)/2 + float64(p.Margin)) * k)
			y := int((float64(m.Y1+m.Y2)/2 + float64(p.Margin)) * k)
			for plate, g := range pl {
				found := false
				for dy := -1; dy <= 1 && !found; dy++ {
					for dx := -1; dx <= 1 && !found; dx++ {
						found = g.GrayAt(x+dx, y+dy).Y > 0
					}
				}
				if !found {
					t.Errorf("%s: no crop mark at %d,%d on the %s plate", name, x, y, plate)
				}
			}
		}
		for i, p := range r.doc.Doc.Pages[1:] {
			plN := platesOfPage(t, r.path, dpi, i+2, "-dOverprint=/disable")
			checkPage(p, plN)
		}
	}
}

// platesOfPage separates page n alone, with Ghostscript options gsArgs.
func platesOfPage(t *testing.T, path string, dpi, n int, gsArgs ...string) map[string]*image.Gray {
	t.Helper()
	one := filepath.Join(t.TempDir(), "page.pdf")
	testtool.Run(t, "qpdf", path, "--pages", path, strconv.Itoa(n), "--", one)
	return testtool.Plates(t, one, dpi, gsArgs...)
}

// TestQRCodesDecodeTrimmed renders each layout's print edition at 150 dpi,
// trims it to the TrimBox, and decodes every helpline's code with zbarimg,
// from poppler's anti-aliased rendering or from one without vector
// anti-aliasing (as a platesetter's RIP images it: each pixel ink or none).
// At 150 dpi zbar is at its edge with a version-1 code: tel:03332401727's
// (1.14 mm modules on the A3 poster, 6.7 px) decodes alone at every pixel
// phase, but in the trimmed anti-aliased A3 page at three of six offsets
// (at all six aliased), and in the aliased bifold leaflet at none (at all
// six anti-aliased).
func TestQRCodesDecodeTrimmed(t *testing.T) {
	testtool.Slow(t)
	testtool.Need(t, "pdftoppm", "zbarimg", "pdfinfo")
	c, all := renderAll(t)
	var want []string
	for _, h := range c.Helplines {
		want = append(want, "QR-Code:"+h.Payload())
	}
	slices.Sort(want)
	tmp := t.TempDir()
	for _, r := range all {
		if r.doc.Edition != edition.Print {
			continue
		}
		const dpi = 150
		trim := testtool.PDFBoxes(t, r.path)["TrimBox"]
		media := testtool.PDFBoxes(t, r.path)["MediaBox"]
		k := float64(dpi) / 72
		x, y := int(math.Round(trim[0]*k)), int(math.Round((media[3]-trim[3])*k))
		w, h := int(math.Round((trim[2]-trim[0])*k)), int(math.Round((trim[3]-trim[1])*k))
		prefix := filepath.Join(tmp, strings.TrimSuffix(filepath.Base(r.path), ".pdf"))
		for _, aa := range []string{"yes", "no"} {
			testtool.Run(t, "pdftoppm", "-r", strconv.Itoa(dpi), "-aaVector", aa, "-x", strconv.Itoa(x), "-y", strconv.Itoa(y), "-W", strconv.Itoa(w), "-H", strconv.Itoa(h), "-png", r.path, prefix+"-aa"+aa)
		}
		got := slices.Compact(decodeQR(prefix + "-aa*.png"))
		if !slices.Equal(got, want) {
			t.Errorf("%s: decoded %q from the trimmed page, want %q", filepath.Base(r.path), got, want)
		}
	}
}

// TestEditionsByteIdentical renders every layout in both editions twice:
// the bytes must not change.
func TestEditionsByteIdentical(t *testing.T) {
	c, cat, reg := loadBundled(t)
	_, all := renderAll(t)
	cmp := build.Composer(c, cat, reg, build.Options{Creator: "handbill test", Date: c.Date})
	s := typeset.NewSetter(reg)
	for _, r := range all {
		data, _, err := build.Render(cmp, s, r.pair, r.doc.Edition)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(data, r.doc.PDF) {
			t.Errorf("%s differs between two renders", filepath.Base(r.path))
		}
	}
}

// TestScreenEdition checks what the screen edition adds and drops: RGB
// only, links on the QR codes and the issuer's and helplines' web
// addresses, an outline for leaflets, and a file no bigger than the print
// edition's.
func TestScreenEdition(t *testing.T) {
	c, all := renderAll(t)
	links := wantLinks(c)
	size := map[string]int{}
	for _, r := range all {
		size[r.pair.Layout.Name+" "+r.pair.Locale+" "+string(r.doc.Edition)] = len(r.doc.PDF)
	}
	for _, r := range all {
		if r.doc.Edition != edition.Screen {
			continue
		}
		name := filepath.Base(r.path)
		if bytes.Contains(r.doc.PDF, []byte("/Separation")) {
			t.Errorf("%s: screen edition has a spot colour", name)
		}
		if n := bytes.Count(r.doc.PDF, []byte("/Subtype /Link")); n != links {
			t.Errorf("%s: %d links, want %d: one per helpline, the issuer's web address and each helpline's", name, n, links)
		}
		outline := bytes.Contains(r.doc.PDF, []byte("/Type /Outlines"))
		if outline != (len(r.doc.Doc.Pages) > 1) {
			t.Errorf("%s: outline present = %v with %d pages", name, outline, len(r.doc.Doc.Pages))
		}
		for _, p := range r.doc.Doc.Pages {
			if len(r.doc.Doc.Pages) > 1 && p.Bookmark == "" {
				t.Errorf("%s: page %s has no outline entry", name, p.Name)
			}
		}
		if print := size[r.pair.Layout.Name+" "+r.pair.Locale+" print"]; len(r.doc.PDF) > print {
			t.Errorf("%s: %d bytes, more than the print edition's %d", name, len(r.doc.PDF), print)
		}
	}
}
