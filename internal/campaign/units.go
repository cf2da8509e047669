package campaign

// Units: paper sizes, lengths, size ranges and boxes as a layout writes them.

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/geom"
)

func lengthMsg(err error, v string) string {
	if err != nil {
		return err.Error()
	}
	return fmt.Sprintf("expected a positive length inside the page, found %q", v)
}

func parseSize(s []scalar, a at, l *diag.List) (geom.Size, bool) {
	switch len(s) {
	case 0:
		a.Errorf(l, "", "missing field \"size\": expected a paper name (%s) or [width, height]", strings.Join(slices.Sorted(maps.Keys(geom.Paper)), ", "))
		return geom.Size{}, false
	case 1:
		p, ok := geom.Paper[s[0].V]
		if !ok {
			names := slices.Sorted(maps.Keys(geom.Paper))
			d := s[0].Diag("size", "expected a paper name (%s) or [width, height], found %q", strings.Join(names, ", "), s[0].V)
			d.Hint = diag.DidYouMean(s[0].V, names)
			if w, h, ok := isoA(s[0].V); ok {
				d.Hint = fmt.Sprintf("%s is not built in: write size: [%dmm, %dmm]", s[0].V, w, h)
			}
			l.Add(d)
			return geom.Size{}, false
		}
		return p, true
	case 2:
		w, err1 := geom.ParseLength(s[0].V)
		h, err2 := geom.ParseLength(s[1].V)
		if err1 != nil {
			s[0].Errorf(l, "size[0]", "%v", err1)
		}
		if err2 != nil {
			s[1].Errorf(l, "size[1]", "%v", err2)
		}
		if err1 != nil || err2 != nil {
			return geom.Size{}, false
		}
		if w <= 0 || h <= 0 {
			s[0].Errorf(l, "size", "expected a positive width and height")
			return geom.Size{}, false
		}
		return geom.Size{W: w, H: h}, true
	}
	s[0].Errorf(l, "size", "expected a paper name or [width, height], found %d values", len(s))
	return geom.Size{}, false
}

// isoA returns the portrait size in whole millimetres of ISO 216 paper
// "A0" to "A10" (each the previous halved, rounded down).
func isoA(name string) (w, h int, ok bool) {
	n, err := strconv.Atoi(strings.TrimPrefix(strings.ToUpper(name), "A"))
	if err != nil || !strings.HasPrefix(strings.ToUpper(name), "A") || n < 0 || n > 10 {
		return 0, 0, false
	}
	w, h = 841, 1189
	for range n {
		w, h = h/2, w
	}
	return w, h, true
}

func parseRange(s []scalar, p string, a at, l *diag.List) (geom.Pt, geom.Pt, bool) {
	if len(s) != 2 {
		if len(s) > 0 {
			a = at{File: s[0].File, Line: s[0].Line, Col: s[0].Col}
		}
		a.Errorf(l, p, "expected a size range [min, max] like [9pt, 14pt], found %d values", len(s))
		return 0, 0, false
	}
	mn, err1 := geom.ParseLength(s[0].V)
	if err1 != nil {
		s[0].Errorf(l, p+"[0]", "%v", err1)
	}
	mx, err2 := geom.ParseLength(s[1].V)
	if err2 != nil {
		s[1].Errorf(l, p+"[1]", "%v", err2)
	}
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	if mn <= 0 || mn > mx {
		s[0].Errorf(l, p, "expected 0 < min ≤ max, found [%s, %s]", s[0].V, s[1].V)
		return 0, 0, false
	}
	return mn, mx, true
}

func parseBox(s []scalar, p string, a at, l *diag.List) (geom.Rect, bool) {
	if len(s) != 4 {
		a.Errorf(l, p, "expected a box [x, y, width, height] in lengths like 15mm, found %d values", len(s))
		return geom.Rect{}, false
	}
	var v [4]geom.Pt
	ok := true
	for i := range s {
		x, err := geom.ParseLength(s[i].V)
		if err != nil {
			d := s[i].Diag(fmt.Sprintf("%s[%d]", p, i), "%v", err)
			if _, e := strconv.ParseFloat(s[i].V, 64); e == nil {
				d.Hint = fmt.Sprintf("write %q", s[i].V+"mm")
			}
			l.Add(d)
			ok = false
		}
		v[i] = x
	}
	if ok && (v[2] <= 0 || v[3] <= 0) {
		s[2].Errorf(l, p, "expected a positive width and height")
		ok = false
	}
	return geom.Rect{X: v[0], Y: v[1], W: v[2], H: v[3]}, ok
}
