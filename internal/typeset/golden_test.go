package typeset

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/golden"
	"github.com/handbill/handbill/internal/page"
)

// TestGolden sets each testdata/NAME.txt — a header line "# lang=L
// rtl=BOOL size=PT width=PT", comment lines starting with "#", then the
// paragraph — into a one-page page.Doc and compares its Dump with
// testdata/NAME.golden (go test -run Golden -update rewrites them). The
// fixtures are a right-to-left paragraph in Urdu Nastaliq and in Arabic
// with a Latin name and a phone number, an Indic one (Bengali conjuncts,
// reph, pre-base vowels), Chinese and Thai; a change in shaping, bidi
// order, line breaking or line metrics shows up as a diff of glyph ids and
// positions.
func TestGolden(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 2 {
		t.Fatalf("found %d golden fixtures, want the RTL and Indic ones at least", len(files))
	}
	s := NewSetter(registry(t))
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txt")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			lang, rtl, size, width, text, err := parseFixture(string(src))
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			sh, p := set(t, s, text, lang, rtl, size, width)
			if h, over := sh.Measure(size, width, 1.2); h != p.Height || over != p.Overfull {
				t.Errorf("Measure %.3f %v, Wrap %.3f %v", h, over, p.Height, p.Overfull)
			}
			checkPlacedOnce(t, text, p)
			got := paraDoc(name, lang, p, width).Dump()
			golden.Compare(t, strings.TrimSuffix(file, ".txt")+".golden", []byte(got))
		})
	}
}

func parseFixture(src string) (lang string, rtl bool, size, width float64, text string, err error) {
	lines := strings.Split(strings.TrimRight(src, "\n"), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "# ") {
		return "", false, 0, 0, "", fmt.Errorf("expected a header line \"# lang=… rtl=… size=… width=…\"")
	}
	for _, kv := range strings.Fields(lines[0][2:]) {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "lang":
			lang = v
		case "rtl":
			rtl, err = strconv.ParseBool(v)
		case "size":
			size, err = strconv.ParseFloat(v, 64)
		case "width":
			width, err = strconv.ParseFloat(v, 64)
		default:
			err = fmt.Errorf("unknown header field %q", k)
		}
		if err != nil {
			return
		}
	}
	i := 1
	for i < len(lines) && strings.HasPrefix(lines[i], "#") {
		i++
	}
	text = strings.Join(lines[i:], "\n")
	if lang == "" || size <= 0 || width <= 0 || text == "" {
		err = fmt.Errorf("expected lang, size, width and text")
	}
	return
}

// paraDoc places a paragraph on a page as compose does with start
// alignment (flush right in a right-to-left paragraph), 10 pt from the
// page's top-left corner, its box drawn as a fill.
func paraDoc(name, lang string, p *Para, width float64) *page.Doc {
	const margin = 10
	ink := geom.Color{Name: "black", RGB: [3]float64{0, 0, 0}}
	pg := &page.Page{Name: name, Size: geom.Size{W: geom.Pt(width + 2*margin), H: geom.Pt(p.Height + 2*margin)}}
	pg.Items = append(pg.Items, &page.Fill{Rect: geom.Rect{X: margin, Y: margin, W: geom.Pt(width), H: geom.Pt(p.Height)}, Color: geom.Color{Name: "box"}})
	y := float64(margin)
	for _, l := range p.Lines {
		x := float64(margin)
		if p.RTL {
			x += width - l.Width
		}
		for _, r := range l.Runs {
			if len(r.Glyphs) == 0 {
				continue
			}
			pg.Items = append(pg.Items, &page.Text{Font: r.Face.Page, Size: geom.Pt(p.Size), Color: ink,
				X: geom.Pt(x + r.X), Y: geom.Pt(y + l.Ascent), Glyphs: r.Glyphs, Source: r.Source, RTL: r.RTL})
		}
		y += l.Height
	}
	return &page.Doc{Title: name, Lang: lang, RTL: p.RTL, Creator: "typeset golden test", Pages: []*page.Page{pg}}
}
