package artwork

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

func svgDoc(body string) string {
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50">` + body + `</svg>`
}

// dumpPaths is a compact form of a drawing's paths for comparisons.
func dumpPaths(d *Drawing) string {
	var b strings.Builder
	for _, p := range d.Paths {
		if p.Fill != nil {
			fmt.Fprintf(&b, "fill %s ", p.Fill.Name)
		}
		if p.Stroke != nil {
			fmt.Fprintf(&b, "stroke %s %.3g ", p.Stroke.Name, float64(p.Width))
		}
		if p.EvenOdd {
			b.WriteString("evenodd ")
		}
		for _, s := range p.Segs {
			b.WriteString([]string{"M", "L", "C", "Z"}[s.Op])
			for _, q := range s.P[:s.Op.Points()] {
				fmt.Fprintf(&b, "%.4g,%.4g ", float64(q.X), float64(q.Y))
			}
		}
		b.WriteString("\n")
	}
	return b.String()
}

func TestParseSVG(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"path absolute", `<path d="M10 10 L20 10 20 20 Z" fill="#1d3263"/>`, "fill #1d3263 M10,10 L20,10 L20,20 Z\n"},
		{"path relative and implicit", `<path d="m10,10 10,0 v10 h-10z"/>`, "fill #000000 M10,10 L20,10 L20,20 L10,20 Z\n"},
		{"compact numbers", `<path d="M1-2.5.5 7L3e1,4"/>`, "fill #000000 M1,-2.5 L0.5,7 L30,4 \n"},
		{"quadratic to cubic", `<path d="M0 0Q30 30 60 0"/>`, "fill #000000 M0,0 C20,20 40,20 60,0 \n"},
		{"smooth cubic", `<path d="M0 0C0 10 10 10 10 0S20-10 20 0"/>`, "fill #000000 M0,0 C0,10 10,10 10,0 C10,-10 20,-10 20,0 \n"},
		{"rect", `<rect x="1" y="2" width="3" height="4" fill="white"/>`, "fill #ffffff M1,2 L4,2 L4,6 L1,6 Z\n"},
		{"line stroked", `<line x1="0" y1="0" x2="10" y2="0" stroke="red" stroke-width="2"/>`, "fill #000000 stroke #ff0000 2 M0,0 L10,0 \n"},
		{"polygon", `<polygon points="0,0 10,0 5,5" fill="#abc"/>`, "fill #aabbcc M0,0 L10,0 L5,5 Z\n"},
		{"group inherits and transforms", `<g fill="#010203" transform="translate(10 20)"><rect width="1" height="1" transform="scale(2)"/></g>`, "fill #010203 M10,20 L12,20 L12,22 L10,22 Z\n"},
		{"style wins over attribute", `<path d="M0 0L1 1" fill="red" style="fill:none;stroke:#000;stroke-width:3"/>`, "stroke #000000 3 M0,0 L1,1 \n"},
		{"evenodd", `<path d="M0 0L1 1Z" fill-rule="evenodd"/>`, "fill #000000 evenodd M0,0 L1,1 Z\n"},
		{"hidden and metadata", `<title>x</title><metadata><text/></metadata><path d="M0 0L1 1" display="none"/>`, ""},
		{"stroke scaled", `<path d="M0 0L1 0" fill="none" stroke="black" transform="scale(3)"/>`, "stroke #000000 3 M0,0 L3,0 \n"},
		{"rgb", `<path d="M0 0L1 0" fill="rgb(255, 0, 100%)"/>`, "fill #ff00ff M0,0 L1,0 \n"},
		{"editor elements skipped", `<sodipodi:namedview xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"/><path d="M0 0H1"/>`, "fill #000000 M0,0 L1,0 \n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := ParseSVG("a.svg", []byte(svgDoc(tc.body+`<path d="M0 0" fill="none"/>`)))
			if tc.want == "" {
				if err == nil || !strings.Contains(err.Error(), "found no filled or stroked shape") {
					t.Fatalf("got %v, want nothing drawn", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := dumpPaths(d); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

// TestArcs checks that arcs and circles become cubic curves that stay on
// the circle.
func TestArcs(t *testing.T) {
	d, err := ParseSVG("c.svg", []byte(svgDoc(`<circle cx="50" cy="25" r="20"/><path d="M10 25 A15 15 0 0 1 40 25" fill="none" stroke="#000"/>`)))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Paths) != 2 {
		t.Fatalf("got %d paths", len(d.Paths))
	}
	check := func(p *page.Path, cx, cy, r float64) {
		var x0, y0 float64
		for _, s := range p.Segs {
			if s.Op != page.CubicTo {
				x0, y0 = float64(s.P[0].X), float64(s.P[0].Y)
				continue
			}
			// The curve's midpoint and end are on the circle within 0.1%.
			mx := (x0 + float64(s.P[2].X) + 3*float64(s.P[1].X) + 3*float64(s.P[0].X)) / 8
			my := (y0 + float64(s.P[2].Y) + 3*float64(s.P[1].Y) + 3*float64(s.P[0].Y)) / 8
			x0, y0 = float64(s.P[2].X), float64(s.P[2].Y)
			if got := math.Hypot(mx-cx, my-cy); math.Abs(got-r) > r*1e-3 {
				t.Errorf("curve midpoint %v,%v is %v from the centre, want %v", mx, my, got, r)
			}
			ex, ey := float64(s.P[2].X), float64(s.P[2].Y)
			if got := math.Hypot(ex-cx, ey-cy); math.Abs(got-r) > r*1e-3 {
				t.Errorf("end %v,%v is %v from the centre, want %v", ex, ey, got, r)
			}
		}
	}
	check(d.Paths[0], 50, 25, 20)
	check(d.Paths[1], 25, 25, 15)
	if n := len(d.Paths[1].Segs); n != 3 { // M and two quarter turns
		t.Errorf("half circle arc: %d segments, want 3", n)
	}
}

// TestRefused checks that what is out of scope is an error naming the
// file, line, column and element.
func TestRefused(t *testing.T) {
	cases := []struct{ body, want string }{
		{"\n<text>Police</text>", "a.svg:2:1: <text>: text in a logo is not supported"},
		{"<g>\n  <filter id=\"f\"/></g>", "a.svg:2:3: <filter>: filters are not supported"},
		{"\n<linearGradient/>", "a.svg:2:1: <linearGradient>: gradients are not supported"},
		{"\n<script>alert(1)</script>", "<script>: scripts are not allowed"},
		{"\n<image href=\"x.png\"/>", "<image>: embedded or linked images are not supported"},
		{"\n<use href=\"#a\"/>", "<use>: references (use) are not supported"},
		{"\n<path d=\"M0 0H1\" fill=\"url(#g)\"/>", "a.svg:2:1: <path>: fill: paint servers (gradients, patterns) are not supported"},
		{"\n<path id=\"crest\" d=\"M0 0H1\" opacity=\"0.5\"/>", `<path id="crest">: opacity: only opacity 1 is supported`},
		{"\n<path d=\"M0 0H1\" mask=\"url(#m)\"/>", "<path>: mask: not supported in artwork"},
		{"\n<path d=\"M0 0H1\" style=\"filter:url(#f)\"/>", "<path>: filter: not supported in artwork"},
		{"\n<path d=\"M0 0 X1\"/>", `<path>: d: command L: expected a number, found "X1"`},
		{"\n<path d=\"L0 0\"/>", "<path>: d: path data must start with M or m"},
		{"\n<path d=\"M0 0Z 5\"/>", `<path>: d: expected a path command, found "5"`},
		{"\n<path d=\"M0 0\" fill=\"chartreuse\"/>", `expected a colour like "#1d3263"`},
		{"\n<path d=\"M0 0\" transform=\"perspective(2)\"/>", `transform: expected matrix, translate, scale, rotate, skewX or skewY, found "perspective"`},
		{"\n<blink/>", "<blink>: element not supported in artwork"},
		{"\n<path d=\"M0 0\"", "a.svg:2:1: not well-formed XML"},
		{"<style>path{fill:red}</style>", "<style>: style sheets are not supported"},
	}
	for _, tc := range cases {
		_, err := ParseSVG("a.svg", []byte(svgDoc(tc.body)))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want an error containing %q", tc.body, err, tc.want)
		}
	}
	for _, src := range []string{
		`<svg viewBox="0 0 1 1"><path d="M0 0H1"/></svg>`,
		`<html/>`,
		`<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0H1"/></svg>`,
		`<!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>`,
		``,
	} {
		if _, err := ParseSVG("b.svg", []byte(src)); err == nil {
			t.Errorf("%q: parsed, want an error", src)
		}
	}
}

// TestTransforms checks each transform function against its matrix.
func TestTransforms(t *testing.T) {
	cases := []struct {
		s    string
		x, y float64
	}{
		{"translate(5)", 6, 1},
		{"scale(2 3)", 2, 3},
		{"rotate(90)", -1, 1},
		{"rotate(90 1 1)", 1, 1},
		{"skewX(45)", 2, 1},
		{"matrix(1 0 0 1 10 20)", 11, 21},
		{"translate(1,1) scale(2)", 3, 3},
	}
	for _, tc := range cases {
		m, err := parseTransform(tc.s)
		if err != nil {
			t.Fatal(err)
		}
		x, y := m.apply(1, 1)
		if math.Abs(x-tc.x) > 1e-9 || math.Abs(y-tc.y) > 1e-9 {
			t.Errorf("%s: (1,1) → (%v,%v), want (%v,%v)", tc.s, x, y, tc.x, tc.y)
		}
	}
}

func FuzzParseSVG(f *testing.F) {
	f.Add(svgDoc(`<path d="M0 0C1 2 3 4 5 6A1 2 30 1 0 9 9Z"/>`))
	f.Add(svgDoc(`<g transform="rotate(3 4 5)"><rect width="1" height="1" rx="0.2"/></g>`))
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseSVG("f.svg", []byte(s))
		if err != nil {
			return
		}
		for _, p := range d.Paths {
			if p.Fill == nil && p.Stroke == nil {
				t.Fatal("a path with neither fill nor stroke")
			}
			for _, sg := range p.Segs {
				for _, q := range sg.P {
					if math.IsNaN(float64(q.X)) || math.IsNaN(float64(q.Y)) {
						t.Fatalf("NaN in %q", s)
					}
				}
			}
		}
	})
}

// OffPalette names the first element that paints a colour the palette
// lacks, at its line and column, and accepts a drawing in palette colours
// however they are written.
func TestOffPalette(t *testing.T) {
	palette := map[string]geom.Color{
		"brand": {Name: "brand", RGB: [3]float64{0x1d / 255.0, 0x32 / 255.0, 0x63 / 255.0}},
		"paper": {Name: "paper", RGB: [3]float64{1, 1, 1}},
	}
	for _, tc := range []struct{ name, src, want string }{
		{"palette", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\n<rect width=\"5\" height=\"5\" fill=\"#1D3263\"/>\n<path d=\"M0 0H1\" fill=\"white\" stroke=\"rgb(29, 50, 99)\"/>\n</svg>", ""},
		{"fill", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\n<rect width=\"5\" height=\"5\" fill=\"#1d3263\"/>\n  <circle r=\"2\" fill=\"red\"/>\n</svg>",
			"a.svg:3:3: fill #ff0000 is not a colour of the palette: expected one of brand #1d3263, paper #ffffff"},
		{"stroke", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\n<g stroke=\"#123456\">\n<path d=\"M0 0H1\" fill=\"#fff\"/></g>\n</svg>",
			"a.svg:3:1: stroke #123456 is not a colour of the palette: expected one of brand #1d3263, paper #ffffff"},
	} {
		d, err := ParseSVG("a.svg", []byte(tc.src))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got := ""
		if err := d.OffPalette(palette); err != nil {
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
}
