package typeset_test

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/go-text/typesetting/font"

	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/testtool"
	"github.com/handbill/handbill/internal/typeset"
)

// inkBox is a glyph's ink in paragraph coordinates: points, y down from
// the paragraph's top, x from its left edge.
type inkBox struct{ left, top, right, bottom float64 }

// lineInk returns the ink of every glyph of a line placed at the start of
// a box width wide (flush right when rtl), with its baseline at base, from
// the font's glyph extents (go-text Face.GlyphExtents): independent of the
// shaper's extents the typesetter sizes its lines with.
func lineInk(t *testing.T, l typeset.Line, size, width, base float64, rtl bool) []inkBox {
	t.Helper()
	x0 := 0.0
	if rtl {
		x0 = width - l.Width
	}
	var out []inkBox
	for _, r := range l.Runs {
		k := size / float64(r.Face.Upem())
		for _, g := range r.Glyphs {
			e, ok := r.Face.GlyphExtents(font.GID(g.ID))
			if !ok {
				t.Fatalf("%s: no extents for glyph %d", r.Face.File, g.ID)
			}
			if e.Width == 0 || e.Height == 0 {
				continue // no ink (a space)
			}
			left := x0 + r.X + g.X + float64(e.XBearing)*k
			top := base + g.Y - float64(e.YBearing)*k
			out = append(out, inkBox{left, top, left + float64(e.Width)*k, top - float64(e.Height)*k})
		}
	}
	return out
}

// TestInkStaysInItsLine sets each bundled locale's longest message at a
// body size (regular, leading 1.35, as the leaflets' body) and at a
// heading size (bold, leading 1.15) in a column, and checks with the
// fonts' own glyph extents that no glyph's ink crosses its line's box, that
// consecutive lines' ink never touch, and that ink stays inside the
// paragraph's box: Nastaliq's tall stacks and deep descenders, Bengali
// and Gurmukhi vowel signs, Vietnamese-style stacked marks must all get the
// leading they need.
func TestInkStaysInItsLine(t *testing.T) {
	c, cat, reg := testtool.Bundled(t)
	data := map[string]any{"Number": "0800\u00a01111", "Count": 3, "Name": "Childline"}
	for k, v := range c.Data {
		data[k] = v
	}
	data[compose.HelplinesData] = compose.HelplineData(c) // a message may name a helpline's number
	three := 3
	s := typeset.NewSetter(reg)
	roles := []struct {
		name    string
		bold    bool
		size    float64
		width   float64
		leading float64
	}{
		{"body", false, 10, 250, 1.35},
		{"heading", true, 24, 400, 1.15},
	}
	for _, l := range c.Locales {
		tag := l.Tag
		longest := ""
		for id := range cat.File(tag).Messages {
			if strings.HasPrefix(id, "site.") { // the download site's own text: HTML, never typeset
				continue
			}
			text, err := cat.Text(tag, id, data, nil)
			if err != nil { // a plural message
				text, err = cat.Text(tag, id, data, &three)
			}
			if err != nil {
				t.Fatalf("%s %s: %v", tag, id, err)
			}
			if utf8.RuneCountInString(text) > utf8.RuneCountInString(longest) {
				longest = text
			}
		}
		rtl := compose.IsRTL(tag)
		for _, role := range roles {
			t.Run(tag+"/"+role.name, func(t *testing.T) {
				sh, err := s.Shape(longest, typeset.Style{Fonts: reg.Fontmap(tag, role.bold), Lang: tag, RTL: rtl})
				if err != nil {
					t.Fatal(err)
				}
				p := s.Wrap(sh, role.size, role.width, role.leading)
				if len(p.Lines) < 2 {
					t.Fatalf("%d line(s): the test needs consecutive lines", len(p.Lines))
				}
				y := 0.0
				prevBottom := math.Inf(-1)
				for i, l := range p.Lines {
					ink := lineInk(t, l, role.size, role.width, y+l.Ascent, rtl)
					top, bottom := math.Inf(1), math.Inf(-1)
					for _, b := range ink {
						top, bottom = min(top, b.top), max(bottom, b.bottom)
						if b.left < -0.01 || b.right > role.width+0.01 {
							t.Errorf("line %d: ink %.2f–%.2f leaves the box 0–%.0f", i, b.left, b.right, role.width)
						}
					}
					if top < y-0.01 || bottom > y+l.Height+0.01 {
						t.Errorf("line %d: ink %.2f–%.2f crosses its box %.2f–%.2f (%s)", i, top, bottom, y, y+l.Height, excerpt(l))
					}
					if top <= prevBottom {
						t.Errorf("line %d: ink top %.2f touches the line above, whose ink reaches %.2f", i, top, prevBottom)
					}
					prevBottom = bottom
					y += l.Height
				}
				if math.Abs(y-p.Height) > 1e-6 {
					t.Errorf("lines add up to %.3f, the paragraph says %.3f", y, p.Height)
				}
			})
		}
	}
}

func excerpt(l typeset.Line) string {
	var b strings.Builder
	for _, r := range l.Runs {
		b.WriteString(r.Source)
	}
	return fmt.Sprintf("%.40q", b.String())
}
