package typeset

import (
	"math"
	"slices"

	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// A paragraph beside a pictogram wraps around it as text wraps around a
// drop cap: the lines level with the pictogram are narrower, kept off
// the paragraph's start edge (the left in a left-to-right paragraph, the
// right in a right-to-left one), and the lines below it take the full
// width. A Frame says so: which lines are narrowed is decided by how
// high a line's ink may reach (its top, plus the room its box keeps above
// the paragraph's highest ink: a Latin line's leading, none in Nastaliq,
// whose lines grow to their ink), so it depends on the heights of the
// lines above it (a run-in head's lines may be taller); Measure and Wrap
// both wrap top down and decide it by the same sums, so they still agree. The last-line
// rule (widow.go) moves words down at each line's own width, and a
// display paragraph is balanced under its frame's widths.

// Frame is the width of each line of a paragraph, in points: Width,
// except that the lines whose ink may reach higher than Depth below the
// paragraph's top are Indent narrower, the room kept at the paragraph's
// start edge (Line.Indent). A Frame with no Indent or no Depth is a
// plain width.
type Frame struct {
	Width  float64
	Indent float64
	Depth  float64
	// limit, when above 0, is the most any line may take: a display
	// paragraph's balanced width (display.go). It narrows the wrapping,
	// not where a line is placed.
	limit float64
}

// Plain returns the frame of a paragraph whose lines are all width
// points wide.
func Plain(width float64) Frame { return Frame{Width: width} }

// plain reports whether every line of the frame has the same width.
func (f Frame) plain() bool { return f.Indent <= 0 || f.Depth <= 0 }

// beside reports whether a line whose ink may reach top points below the
// paragraph's top is narrowed.
func (f Frame) beside(top float64) bool { return !f.plain() && top < f.Depth }

// width is the width a line whose ink may reach top points below the
// paragraph's top is wrapped in.
func (f Frame) width(top float64) float64 {
	w := f.Width
	if f.beside(top) {
		w -= f.Indent
	}
	if f.limit > 0 {
		w = min(w, f.limit)
	}
	return w
}

// narrowest is the width of the frame's narrowest line.
func (f Frame) narrowest() float64 { return f.width(math.Inf(-1)) }

// limited returns the frame with no line wider than w.
func (f Frame) limited(w float64) Frame {
	f.limit = w
	return f
}

// lineWidths gives the wrapper each line's width, in its units, from the
// top of the line, which it keeps as the lines are wrapped top down.
type lineWidths struct {
	sh            *Shaped
	f             Frame
	size, leading float64
	head          int     // where the run-in head ends in the shaped text
	top           float64 // where the next line starts, points below the top
	// rise is how far below a line's top its ink may start, in points:
	// the least room its box keeps above the paragraph's highest ink, on
	// a line with the run-in head or without. A line is beside the
	// frame's inset while its ink may reach above Depth.
	rise float64
}

func (sh *Shaped) lineWidths(size, leading float64, f Frame) *lineWidths {
	k := size / em
	up, _ := sh.lineBox(size, leading, false)
	hUp, _ := sh.lineBox(size, leading, true)
	rise := max(0, min(up-sh.inkUp*k, hUp-max(sh.inkUp, sh.headUp)*k))
	return &lineWidths{sh: sh, f: f, size: size, leading: leading, head: sh.style.Head.end(sh.hidden, len(sh.text)), rise: rise}
}

// beside reports whether the next line is narrowed.
func (w *lineWidths) beside() bool { return w.f.beside(w.top + w.rise) }

// points is the width of the next line, in points.
func (w *lineWidths) points() float64 { return w.f.width(w.top + w.rise) }

// next returns the width the next line is wrapped in, in the wrapper's
// units: its frame width less the room its ink may need, with the
// tolerance Measure counts with (a line fits when its advance is at
// most width/k + 1e-6 shaper units).
func (w *lineWidths) next() fixed.Int26_6 {
	k := w.size / em
	return fixed.Int26_6(math.Floor(((w.points()-(w.sh.padL+w.sh.padR)*k)/k + 1e-6) * 64))
}

// down moves below a line that holds some of the run-in head or not.
func (w *lineWidths) down(held bool) {
	up, dn := w.sh.lineBox(w.size, w.leading, held)
	w.top += up + dn
}

// skip moves below lines.
func (w *lineWidths) skip(lines []shaping.Line) {
	for _, ln := range lines {
		w.down(holdsHead(ln, w.head))
	}
}

// wrapFrame wraps the paragraph in the widths lw gives its lines. A
// plain frame is wrapped in one call, from the setter's copy of the runs
// (nothing the wrapper changes in place reaches the shaped paragraph,
// which is wrapped again at the next trial size); other frames line by
// line (wrapLines). The lines are valid until the setter wraps again.
func (s *Setter) wrapFrame(sh *Shaped, cfg shaping.WrapConfig, lw *lineWidths) []shaping.Line {
	if !lw.f.plain() {
		return s.wrapLines(sh, cfg, lw, -1, 0)
	}
	s.runs = s.runs[:0]
	s.glyphs = s.glyphs[:0]
	for _, r := range sh.runs {
		start := len(s.glyphs)
		s.glyphs = append(s.glyphs, r.Glyphs...)
		r.Glyphs = s.glyphs[start:len(s.glyphs):len(s.glyphs)]
		s.runs = append(s.runs, r)
	}
	lines, _ := s.wrapper.WrapParagraphF(cfg, lw.next(), sh.text, shaping.NewSliceIterator(s.runs))
	return lines
}

// wrapLines wraps fresh copies of the paragraph's runs line by line, each
// in the width lw gives it, line narrow (when 0 or more) at most limit
// wide.
func (s *Setter) wrapLines(sh *Shaped, cfg shaping.WrapConfig, lw *lineWidths, narrow int, limit fixed.Int26_6) []shaping.Line {
	runs := make([]shaping.Output, len(sh.runs))
	for i, r := range sh.runs {
		r.Glyphs = slices.Clone(r.Glyphs)
		runs[i] = r
	}
	var w shaping.LineWrapper
	w.Prepare(cfg, sh.text, shaping.NewSliceIterator(runs))
	var out []shaping.Line
	for i, done := 0, false; !done; i++ {
		width := lw.next()
		if i == narrow {
			width = min(width, limit)
		}
		var line shaping.WrappedLine
		line, done = w.WrapNextLineF(width)
		if line.Line != nil {
			out = append(out, slices.Clone(line.Line))
			lw.down(holdsHead(line.Line, lw.head))
		}
	}
	return out
}
