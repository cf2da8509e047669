package build_test

import (
	"bytes"
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/cff"
	"github.com/go-text/typesetting/font/opentype/tables"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/testtool"
)

// traceGlyphRE finds, in `mutool trace`, each text span's font and each
// glyph's character and glyph id (the CID, which is the glyph id of the
// embedded TrueType subset: handbill writes an identity CIDToGIDMap).
var traceGlyphRE = regexp.MustCompile(`<span font="([^"]+)"|<g unicode="([^"]*)" glyph="(\d+)"`)

// cjkStop are the marks whose place in the em box tells the Traditional
// convention (Taiwan, Hong Kong: centred) from the Simplified one
// (mainland: at the lower left, or on the baseline).
const cjkStop = "，。、"

// TestTraditionalChinesePunctuation builds the A4 poster in zh-Hant and
// zh-Hans (screen edition, both weights: the headline is bold) and reads
// back, from each PDF, the glyph that draws every full-width comma, full
// stop and enumeration comma: the font it is drawn in (mutool trace) and
// that glyph's outline in the embedded font program (qpdf), measured with
// go-text. In zh-Hant each must come from Noto Sans TC with its ink
// centred in the em: the middle of the ink within 0.1 em of the middle of
// the advance, and within 0.1 em of 0.38 em above the baseline (the middle
// of the ideographic em box, -0.12 to 0.88 em). zh-Hans is set in Noto
// Sans CJK SC's mainland forms, which sit low at the left (， 0.05 em
// above the baseline and 0.22–0.27 em left of the middle, 。 0.09 em and
// 0.31 em): the pair shows that the measure tells the two conventions
// apart.
func TestTraditionalChinesePunctuation(t *testing.T) {
	testtool.Need(t, "mutool", "qpdf")
	c, cat, reg := loadBundled(t)
	cmp := build.Composer(c, cat, reg, build.Options{Creator: "handbill test", Date: c.Date})
	for _, tc := range []struct {
		tag     string
		font    string // the PostScript name, without the subset tag, of every face drawing cjkStop
		centred bool
	}{
		{"zh-Hant", "NotoSansTC-", true},
		{"zh-Hans", "NotoSansCJKsc-", false},
	} {
		t.Run(tc.tag, func(t *testing.T) {
			path, _ := renderPDF(t, cmp, reg, c, "poster-a4", tc.tag, edition.Screen)
			programs := fontPrograms(t, path)
			seen := map[string]bool{}
			n := 0
			for _, g := range stopGlyphs(t, path) {
				n++
				if !strings.HasPrefix(g.font, tc.font) {
					t.Errorf("%q drawn in %s, want %s*", g.char, g.font, tc.font)
				}
				key := g.font + "/" + strconv.Itoa(g.gid) + g.char
				if seen[key] {
					continue
				}
				seen[key] = true
				ink, ok := programs[g.font]
				if !ok {
					t.Fatalf("%s: no embedded font program (have %v)", g.font, slices.Sorted(maps.Keys(programs)))
				}
				dx, y := ink(t, g.gid)
				centred := math.Abs(dx) <= 0.1 && math.Abs(y-0.38) <= 0.1
				t.Logf("%q in %s, glyph %d: ink centre %+.2f em from the advance's middle, %.2f em above the baseline", g.char, g.font, g.gid, dx, y)
				if centred != tc.centred {
					t.Errorf("%q in %s, glyph %d: ink centre %+.2f em from the advance's middle, %.2f em above the baseline: centred = %v, want %v",
						g.char, g.font, g.gid, dx, y, centred, tc.centred)
				}
			}
			if n < 10 {
				t.Errorf("%d of %q drawn, want the poster's (at least 10)", n, cjkStop)
			}
		})
	}
}

type stopGlyph struct {
	font, char string
	gid        int
}

// stopGlyphs returns every glyph of the PDF at path that draws one of
// cjkStop, with its font's name (subset tag stripped).
func stopGlyphs(t *testing.T, path string) []stopGlyph {
	t.Helper()
	var out []stopGlyph
	cur := ""
	for _, m := range traceGlyphRE.FindAllStringSubmatch(string(testtool.Run(t, "mutool", "trace", path)), -1) {
		if m[1] != "" {
			_, cur, _ = strings.Cut(m[1], "+")
			continue
		}
		if m[2] == "" || !strings.Contains(cjkStop, m[2]) {
			continue
		}
		gid, _ := strconv.Atoi(m[3])
		out = append(out, stopGlyph{cur, m[2], gid})
	}
	return out
}

// inkFunc returns the middle of a glyph's ink in em: dx from the middle
// of its advance (positive to the right), y above the baseline.
type inkFunc func(t *testing.T, gid int) (dx, y float64)

// fontPrograms reads every embedded font program of the PDF at path, by
// its font's name (subset tag stripped): TrueType (FontFile2) through
// go-text's font parser, CFF (FontFile3, a CIDFontType0C program) through
// its CFF parser.
func fontPrograms(t *testing.T, path string) map[string]inkFunc {
	t.Helper()
	p := readObjects(t, path)
	out := map[string]inkFunc{}
	p.each("/FontDescriptor", func(r string, d map[string]any) {
		name, _ := d["/FontName"].(string)
		_, name, _ = strings.Cut(name, "+")
		if ff3, ok := d["/FontFile3"]; ok {
			prog, err := cff.Parse(p.data(ff3))
			if err != nil {
				t.Fatalf("%s (%s): %v", name, r, err)
			}
			out[name] = func(t *testing.T, gid int) (float64, float64) { return cffInkCentre(t, prog, gid) }
			return
		}
		face, err := font.ParseTTF(bytes.NewReader(p.data(d["/FontFile2"])))
		if err != nil {
			t.Fatalf("%s (%s): %v", name, r, err)
		}
		out[name] = func(t *testing.T, gid int) (float64, float64) { return inkCentre(t, face, gid) }
	})
	return out
}

// inkCentre is an inkFunc of a TrueType face.
func inkCentre(t *testing.T, ft *font.Face, gid int) (dx, y float64) {
	t.Helper()
	e, ok := ft.GlyphExtents(font.GID(gid))
	if !ok || e.Width == 0 || e.Height == 0 {
		t.Fatalf("glyph %d: no ink", gid)
	}
	upem := float64(ft.Upem())
	adv := float64(ft.HorizontalAdvance(font.GID(gid)))
	dx = (float64(e.XBearing) + float64(e.Width)/2 - adv/2) / upem
	y = (float64(e.YBearing) + float64(e.Height)/2) / upem // YBearing is the top, Height negative
	return dx, y
}

// cffInkCentre is an inkFunc of a CFF program, for the full-width marks
// of cjkStop: their advance is the em (1000 units in Noto Sans CJK, whose
// font matrix is the usual 1/1000), which a bare CFF program does not
// hold (the PDF's /W array does).
func cffInkCentre(t *testing.T, prog *cff.CFF, gid int) (dx, y float64) {
	t.Helper()
	_, b, err := prog.LoadGlyph(tables.GlyphID(gid))
	if err != nil || b.Max.X <= b.Min.X || b.Max.Y <= b.Min.Y {
		t.Fatalf("glyph %d: no ink (%v)", gid, err)
	}
	return ((b.Min.X+b.Max.X)/2 - 500) / 1000, (b.Min.Y + b.Max.Y) / 2 / 1000
}
