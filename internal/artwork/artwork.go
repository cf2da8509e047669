// Package artwork reads the images a layout places: SVG marks into
// display-list paths (page.Path) and PNG or JPEG rasters into decoded,
// shared page.Raster values. It sits beside typeset and qr, below compose,
// and is called by campaign, which resolves an image block's file into an Art
// once per campaign.
//
// SVG is read with encoding/xml by a small parser of its own: the subset
// logos use (paths, basic shapes, groups, transforms, fill and stroke,
// fill-rule, opacity 1). Everything else — text, filters, masks, clipping,
// gradients, patterns, scripts, references to other elements or files —
// is refused with an error naming the file, line and element, never
// skipped, so what is printed is what the file shows. fpdf's SVGBasicParse
// reads only the d attribute of top-level paths (no transforms, shapes,
// groups, arcs or colours) and skips the rest silently, and a Go SVG
// library for rasterising (oksvg) also skips what it does not know; see
// the note on issue 12.
package artwork

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// Art is one artwork file, read and checked: a vector Drawing or a Raster.
type Art struct {
	Source  string
	Drawing *Drawing     // an SVG file
	Raster  *page.Raster // a PNG or JPEG file
	sum     string
}

// MarshalJSON writes the file's name and content hash, so that a layout's
// source version (edition.SourceVersion) changes with its artwork and never
// carries its pixels.
func (a *Art) MarshalJSON() ([]byte, error) {
	return json.Marshal(map[string]string{"source": a.Source, "sha256": a.sum})
}

// Size returns the artwork's natural proportions: the SVG's viewBox, or
// the raster's pixels.
func (a *Art) Size() (w, h float64) {
	if a.Drawing != nil {
		return float64(a.Drawing.ViewBox.W), float64(a.Drawing.ViewBox.H)
	}
	return float64(a.Raster.Width), float64(a.Raster.Height)
}

// Library loads artwork files from a campaign folder, each once however
// many blocks and layouts place it. It is safe for concurrent use.
type Library struct {
	fsys fs.FS
	mu   sync.Mutex
	m    map[string]*loaded
}

type loaded struct {
	once sync.Once
	art  *Art
	err  error
}

// NewLibrary returns a library reading from fsys.
func NewLibrary(fsys fs.FS) *Library { return &Library{fsys: fsys, m: map[string]*loaded{}} }

// Kinds are the file extensions artwork may have.
var Kinds = []string{".svg", ".png", ".jpg", ".jpeg"}

// Load reads the artwork file name (a slash-separated path inside the
// campaign folder).
func (l *Library) Load(name string) (*Art, error) {
	l.mu.Lock()
	e, ok := l.m[name]
	if !ok {
		e = &loaded{}
		l.m[name] = e
	}
	l.mu.Unlock()
	e.once.Do(func() { e.art, e.err = load(l.fsys, name) })
	return e.art, e.err
}

func load(fsys fs.FS, name string) (*Art, error) {
	ext := strings.ToLower(path.Ext(name))
	known := false
	for _, k := range Kinds {
		known = known || k == ext
	}
	if !known {
		return nil, &Error{File: name, Msg: fmt.Sprintf("expected an SVG, PNG or JPEG file (%s), found %q", strings.Join(Kinds, ", "), ext)}
	}
	if st, err := fs.Stat(fsys, name); err != nil {
		return nil, err
	} else if st.Size() > MaxFileBytes {
		return nil, &Error{File: name, Msg: fmt.Sprintf("the file is %d MB, over the limit of %d MB", st.Size()>>20, MaxFileBytes>>20)}
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	a := &Art{Source: name, sum: hex.EncodeToString(sum[:])}
	if ext == ".svg" {
		a.Drawing, err = ParseSVG(name, data)
	} else {
		a.Raster, err = DecodeRaster(name, data)
	}
	if err != nil {
		return nil, err
	}
	return a, nil
}

// Fit places content of natural size w×h into box: scaled to fit inside
// it (contain) or to cover it (cover), and aligned: ax and ay are 0 for
// left or top, 0.5 for centre, 1 for right or bottom.
func Fit(w, h float64, box geom.Rect, cover bool, ax, ay float64) geom.Rect {
	k := min(float64(box.W)/w, float64(box.H)/h)
	if cover {
		k = max(float64(box.W)/w, float64(box.H)/h)
	}
	r := geom.Rect{W: geom.Pt(w * k), H: geom.Pt(h * k)}
	r.X = box.X + geom.Pt(ax)*(box.W-r.W)
	r.Y = box.Y + geom.Pt(ay)*(box.H-r.H)
	return r
}

// Place returns the drawing's paths drawn into rect (the viewBox scaled to
// it), each colour matched by value to a palette entry, which it then
// carries with its name; a colour the palette lacks keeps its hex name (a
// print preflight error). fig is set on every path.
func (d *Drawing) Place(rect geom.Rect, palette map[string]geom.Color, fig *page.Figure) []page.Item {
	kx := float64(rect.W / d.ViewBox.W)
	ky := float64(rect.H / d.ViewBox.H)
	byHex := byHex(palette)
	match := func(c *geom.Color) *geom.Color {
		if c == nil {
			return nil
		}
		if p, ok := byHex[c.Name]; ok {
			return &p
		}
		cc := *c
		return &cc
	}
	out := make([]page.Item, 0, len(d.Paths))
	for _, src := range d.Paths {
		p := *src
		p.Segs = make([]page.Seg, len(src.Segs))
		for i, s := range src.Segs {
			for j := range s.Op.Points() {
				s.P[j] = geom.XY{X: rect.X + (s.P[j].X-d.ViewBox.X)*geom.Pt(kx), Y: rect.Y + (s.P[j].Y-d.ViewBox.Y)*geom.Pt(ky)}
			}
			p.Segs[i] = s
		}
		p.Width = src.Width * geom.Pt(min(kx, ky))
		p.Fill, p.Stroke = match(src.Fill), match(src.Stroke)
		p.Figure = fig
		out = append(out, &p)
	}
	return out
}

// byHex indexes a palette by the hex form of its RGB values; where two
// names share a value, the first by name wins.
func byHex(palette map[string]geom.Color) map[string]geom.Color {
	m := map[string]geom.Color{}
	for _, name := range sortedNames(palette) {
		c := palette[name]
		if _, seen := m[geom.Hex(c.RGB)]; !seen {
			m[geom.Hex(c.RGB)] = c
		}
	}
	return m
}

// OffPalette returns an error naming the file, line and column of the
// first element that paints a colour the palette does not hold (by RGB
// value, as Place matches them), or nil when every colour is the
// palette's: artwork that must print in the palette's inks (a section
// icon) is checked with it, since Place keeps an unknown colour as its
// hex value, which has no CMYK of the campaign's.
func (d *Drawing) OffPalette(palette map[string]geom.Color) error {
	known := byHex(palette)
	for i, p := range d.Paths {
		for _, c := range []struct {
			what string
			col  *geom.Color
		}{{"fill", p.Fill}, {"stroke", p.Stroke}} {
			if c.col == nil {
				continue
			}
			if _, ok := known[c.col.Name]; ok {
				continue
			}
			var at Pos
			if i < len(d.At) {
				at = d.At[i]
			}
			return &Error{File: d.Source, Line: at.Line, Col: at.Col,
				Msg: fmt.Sprintf("%s %s is not a colour of the palette: expected one of %s", c.what, c.col.Name, paletteList(palette))}
		}
	}
	return nil
}

// paletteList names a palette's colours with their RGB values, by name.
func paletteList(palette map[string]geom.Color) string {
	names := sortedNames(palette)
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = fmt.Sprintf("%s %s", n, geom.Hex(palette[n].RGB))
	}
	return strings.Join(out, ", ")
}

func sortedNames(m map[string]geom.Color) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}
