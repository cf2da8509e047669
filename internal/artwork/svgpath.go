package artwork

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// pt is a point in SVG user units (y down).
type pt struct{ x, y float64 }

// seg is a path segment in user units: op is 'M', 'L', 'C' or 'Z'; a cubic
// uses p[0], p[1] as controls and p[2] as its end, M and L use p[0].
type seg struct {
	op byte
	p  [3]pt
}

// pathBuilder turns SVG path commands into absolute M, L, C and Z
// segments.
type pathBuilder struct {
	segs  []seg
	cur   pt
	start pt
	ctrl  pt   // the last cubic's second control point, for S
	qctrl pt   // the last quadratic's control point, for T
	last  byte // the previous command (upper case)
}

func (b *pathBuilder) move(p pt) {
	b.segs = append(b.segs, seg{op: 'M', p: [3]pt{p}})
	b.cur, b.start = p, p
}

func (b *pathBuilder) line(p pt) {
	b.segs = append(b.segs, seg{op: 'L', p: [3]pt{p}})
	b.cur = p
}

func (b *pathBuilder) cubic(c1, c2, p pt) {
	b.segs = append(b.segs, seg{op: 'C', p: [3]pt{c1, c2, p}})
	b.ctrl, b.cur = c2, p
}

func (b *pathBuilder) quad(c, p pt) {
	q0 := b.cur
	b.cubic(pt{q0.x + 2.0/3*(c.x-q0.x), q0.y + 2.0/3*(c.y-q0.y)}, pt{p.x + 2.0/3*(c.x-p.x), p.y + 2.0/3*(c.y-p.y)}, p)
	b.qctrl = c
}

func (b *pathBuilder) close() {
	b.segs = append(b.segs, seg{op: 'Z'})
	b.cur = b.start
}

// pathArgs is how many numbers each path command takes.
var pathArgs = map[byte]int{'M': 2, 'L': 2, 'H': 1, 'V': 1, 'C': 6, 'S': 4, 'Q': 4, 'T': 2, 'A': 7, 'Z': 0}

// parsePath reads SVG path data (the d attribute) into absolute segments.
func parsePath(d string) ([]seg, error) {
	sc := numScanner{s: d}
	b := &pathBuilder{}
	var cmd byte
	for {
		sc.skipSep()
		if sc.done() {
			break
		}
		c := sc.s[sc.i]
		if isCommand(c) {
			cmd = c
			sc.i++
		} else if cmd == 0 {
			return nil, fmt.Errorf("expected a path command, found %q", sc.rest())
		}
		up := upper(cmd)
		if len(b.segs) == 0 && up != 'M' {
			return nil, fmt.Errorf("path data must start with M or m, found %q", string(cmd))
		}
		n := pathArgs[up]
		args := make([]float64, n)
		for k := range n {
			if up == 'A' && (k == 3 || k == 4) {
				f, err := sc.flag()
				if err != nil {
					return nil, err
				}
				args[k] = f
				continue
			}
			v, err := sc.number()
			if err != nil {
				return nil, fmt.Errorf("command %c: %w", cmd, err)
			}
			args[k] = v
		}
		b.apply(cmd, args)
		switch up {
		case 'Z':
			cmd = 0 // numbers may not follow Z
		case 'M':
			cmd = cmd - 'M' + 'L' // numbers after M continue as L (after m as l)
		}
	}
	return b.segs, nil
}

func isCommand(c byte) bool { _, ok := pathArgs[upper(c)]; return ok }

func upper(c byte) byte {
	if c >= 'a' && c <= 'z' {
		return c - 'a' + 'A'
	}
	return c
}

// apply adds one command with its numbers.
func (b *pathBuilder) apply(cmd byte, a []float64) {
	rel := cmd >= 'a'
	up := upper(cmd)
	o := pt{}
	if rel {
		o = b.cur
	}
	at := func(i int) pt { return pt{o.x + a[i], o.y + a[i+1]} }
	prev := b.last
	b.last = up
	switch up {
	case 'M':
		b.move(at(0))
	case 'L':
		b.line(at(0))
	case 'H':
		x := a[0]
		if rel {
			x += b.cur.x
		}
		b.line(pt{x, b.cur.y})
	case 'V':
		y := a[0]
		if rel {
			y += b.cur.y
		}
		b.line(pt{b.cur.x, y})
	case 'C':
		b.cubic(at(0), at(2), at(4))
	case 'S':
		c1 := b.cur
		if prev == 'C' || prev == 'S' {
			c1 = pt{2*b.cur.x - b.ctrl.x, 2*b.cur.y - b.ctrl.y}
		}
		b.cubic(c1, at(0), at(2))
	case 'Q':
		b.quad(at(0), at(2))
	case 'T':
		c := b.cur
		if prev == 'Q' || prev == 'T' {
			c = pt{2*b.cur.x - b.qctrl.x, 2*b.cur.y - b.qctrl.y}
		}
		b.quad(c, at(0))
	case 'A':
		b.arc(a[0], a[1], a[2], a[3] != 0, a[4] != 0, at(5))
	case 'Z':
		b.close()
	}
}

// arc adds an elliptical arc from the current point to p as cubic curves
// of at most a quarter turn each (SVG 1.1 appendix F.6).
func (b *pathBuilder) arc(rx, ry, phiDeg float64, large, sweep bool, p pt) {
	p0 := b.cur
	if p0 == p {
		return
	}
	rx, ry = math.Abs(rx), math.Abs(ry)
	if rx == 0 || ry == 0 {
		b.line(p)
		return
	}
	phi := phiDeg * math.Pi / 180
	cos, sin := math.Cos(phi), math.Sin(phi)
	dx, dy := (p0.x-p.x)/2, (p0.y-p.y)/2
	x1 := cos*dx + sin*dy
	y1 := -sin*dx + cos*dy
	if l := x1*x1/(rx*rx) + y1*y1/(ry*ry); l > 1 {
		rx, ry = rx*math.Sqrt(l), ry*math.Sqrt(l)
	}
	num := rx*rx*ry*ry - rx*rx*y1*y1 - ry*ry*x1*x1
	den := rx*rx*y1*y1 + ry*ry*x1*x1
	k := math.Sqrt(max(0, num/den))
	if large == sweep {
		k = -k
	}
	cx1, cy1 := k*rx*y1/ry, -k*ry*x1/rx
	cx := cos*cx1 - sin*cy1 + (p0.x+p.x)/2
	cy := sin*cx1 + cos*cy1 + (p0.y+p.y)/2
	angle := func(ux, uy, vx, vy float64) float64 {
		return math.Atan2(ux*vy-uy*vx, ux*vx+uy*vy)
	}
	t1 := angle(1, 0, (x1-cx1)/rx, (y1-cy1)/ry)
	dt := angle((x1-cx1)/rx, (y1-cy1)/ry, (-x1-cx1)/rx, (-y1-cy1)/ry)
	if !sweep && dt > 0 {
		dt -= 2 * math.Pi
	} else if sweep && dt < 0 {
		dt += 2 * math.Pi
	}
	n := int(math.Ceil(math.Abs(dt) / (math.Pi / 2)))
	step := dt / float64(n)
	kappa := 4.0 / 3 * math.Tan(step/4)
	pointAt := func(t float64) (pt, pt) { // point and derivative
		ct, st := math.Cos(t), math.Sin(t)
		x, y := rx*ct, ry*st
		ddx, ddy := -rx*st, ry*ct
		return pt{cos*x - sin*y + cx, sin*x + cos*y + cy}, pt{cos*ddx - sin*ddy, sin*ddx + cos*ddy}
	}
	t := t1
	for i := range n {
		a, da := pointAt(t)
		e, de := pointAt(t + step)
		if i == n-1 {
			e = p
		}
		b.cubic(pt{a.x + kappa*da.x, a.y + kappa*da.y}, pt{e.x - kappa*de.x, e.y - kappa*de.y}, e)
		t += step
	}
}

// numScanner reads numbers from SVG attribute text (path data, points,
// transforms): separated by spaces or commas, or by nothing where a sign or
// a second decimal point starts the next ("1-2", "0.5.5").
type numScanner struct {
	s string
	i int
}

func (s *numScanner) done() bool { return s.i >= len(s.s) }

func (s *numScanner) rest() string {
	r := s.s[s.i:]
	if len(r) > 20 {
		r = r[:20] + "…"
	}
	return r
}

func (s *numScanner) skipSep() {
	for s.i < len(s.s) && strings.IndexByte(" \t\r\n,", s.s[s.i]) >= 0 {
		s.i++
	}
}

// flag reads an arc flag: a single 0 or 1, which may be followed directly
// by the next number.
func (s *numScanner) flag() (float64, error) {
	s.skipSep()
	if s.done() || (s.s[s.i] != '0' && s.s[s.i] != '1') {
		return 0, fmt.Errorf("arc: expected a flag 0 or 1, found %q", s.rest())
	}
	s.i++
	return float64(s.s[s.i-1] - '0'), nil
}

func (s *numScanner) number() (float64, error) {
	s.skipSep()
	start := s.i
	j, digits := mantissa(s.s, s.i)
	if digits == 0 {
		if start >= len(s.s) {
			return 0, fmt.Errorf("expected a number, found the end")
		}
		return 0, fmt.Errorf("expected a number, found %q", s.rest())
	}
	j = exponent(s.s, j)
	v, err := strconv.ParseFloat(s.s[start:j], 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, fmt.Errorf("expected a number, found %q", s.s[start:j])
	}
	s.i = j
	return v, nil
}

// mantissa scans an optional sign, digits and at most one decimal point
// from i; it returns where they end and how many digits it saw.
func mantissa(s string, i int) (end, digits int) {
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	dot := false
	for ; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			return i, digits
		}
	}
	return i, digits
}

// exponent scans an exponent ("e-3") from i, if one is there, and returns
// where it ends.
func exponent(s string, i int) int {
	if i >= len(s) || (s[i] != 'e' && s[i] != 'E') {
		return i
	}
	k := i + 1
	if k < len(s) && (s[k] == '+' || s[k] == '-') {
		k++
	}
	if k >= len(s) || s[k] < '0' || s[k] > '9' {
		return i // an "e" that starts no exponent
	}
	for k < len(s) && s[k] >= '0' && s[k] <= '9' {
		k++
	}
	return k
}

// numbers reads a list of numbers (points="…", a transform's arguments).
func numbers(text string) ([]float64, error) {
	sc := numScanner{s: text}
	var out []float64
	for {
		sc.skipSep()
		if sc.done() {
			return out, nil
		}
		v, err := sc.number()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
}
