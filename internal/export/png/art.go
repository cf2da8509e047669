package png

import (
	"fmt"
	"image"
	"image/draw"
	"math"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/math/f64"

	"github.com/handbill/handbill/internal/page"
)

// path fills and strokes a vector path: the fill with the path's rule, the
// stroke as the union of its segments, joins and caps, each filled with the
// nonzero rule.
func (r *raster) path(p *page.Path) {
	subs := r.flatten(p)
	if p.Fill != nil {
		if p.EvenOdd {
			r.evenOdd(subs, rgba(*p.Fill))
		} else {
			r.fillPolys(subs, rgba(*p.Fill))
		}
	}
	if p.Stroke != nil && p.Width > 0 {
		r.fillPolys(strokeOutline(subs, float64(p.Width)*r.s, p.Join, p.Cap, p.MiterLimit), rgba(*p.Stroke))
	}
}

// poly is a flattened subpath in pixels.
type poly struct {
	pts    [][2]float64
	closed bool
}

// flatten turns a path's subpaths into polylines in pixels, curves cut
// into pieces about two pixels long.
func (r *raster) flatten(p *page.Path) []poly {
	var out []poly
	var cur *poly
	px := func(q [2]float64) [2]float64 { return [2]float64{r.px(q[0]), r.py(q[1])} }
	for _, s := range p.Segs {
		var pts [3][2]float64
		for i, q := range s.P[:s.Op.Points()] {
			pts[i] = px([2]float64{float64(q.X), float64(q.Y)})
		}
		switch s.Op {
		case page.MoveTo:
			out = append(out, poly{pts: [][2]float64{pts[0]}})
			cur = &out[len(out)-1]
		case page.LineTo:
			if cur != nil {
				cur.pts = append(cur.pts, pts[0])
			}
		case page.CubicTo:
			if cur == nil {
				continue
			}
			p0 := cur.pts[len(cur.pts)-1]
			l := dist(p0, pts[0]) + dist(pts[0], pts[1]) + dist(pts[1], pts[2])
			n := int(min(max(math.Ceil(l/2), 4), 256))
			for i := 1; i <= n; i++ {
				t := float64(i) / float64(n)
				u := 1 - t
				a, b, c, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
				cur.pts = append(cur.pts, [2]float64{
					a*p0[0] + b*pts[0][0] + c*pts[1][0] + d*pts[2][0],
					a*p0[1] + b*pts[0][1] + c*pts[1][1] + d*pts[2][1],
				})
			}
		case page.Close:
			if cur != nil {
				cur.closed = true
				// A segment after Close starts a new subpath at the same point.
				out = append(out, poly{pts: [][2]float64{cur.pts[0]}})
				cur = &out[len(out)-1]
			}
		}
	}
	return out
}

func dist(a, b [2]float64) float64 { return math.Hypot(b[0]-a[0], b[1]-a[1]) }

// bounds returns the pixel area polygons cover.
func (r *raster) bounds(ps []poly) image.Rectangle {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range ps {
		for _, q := range p.pts {
			x0, y0, x1, y1 = min(x0, q[0]), min(y0, q[1]), max(x1, q[0]), max(y1, q[1])
		}
	}
	return r.area(x0, y0, x1, y1)
}

// fillPolys fills polygons (pixels) as one path with the nonzero rule.
func (r *raster) fillPolys(ps []poly, src image.Image) {
	a := r.bounds(ps)
	if a.Empty() {
		return
	}
	r.z.Reset(a.Dx(), a.Dy())
	r.addPolys(ps, a)
	r.z.Draw(r.dst, a, src, image.Point{})
}

func (r *raster) addPolys(ps []poly, a image.Rectangle) {
	ax, ay := float64(a.Min.X), float64(a.Min.Y)
	for _, p := range ps {
		if len(p.pts) < 2 {
			continue
		}
		for i, q := range p.pts {
			if i == 0 {
				r.z.MoveTo(float32(q[0]-ax), float32(q[1]-ay))
			} else {
				r.z.LineTo(float32(q[0]-ax), float32(q[1]-ay))
			}
		}
		r.z.ClosePath()
	}
}

// evenOdd fills subpaths with the even-odd rule: each is rasterised on its
// own and the coverages combined as a + b − 2ab, which is exact where the
// subpaths do not cross themselves.
func (r *raster) evenOdd(ps []poly, src image.Image) {
	a := r.bounds(ps)
	if a.Empty() {
		return
	}
	acc := image.NewAlpha(image.Rect(0, 0, a.Dx(), a.Dy()))
	one := image.NewAlpha(acc.Rect)
	for _, p := range ps {
		clear(one.Pix)
		r.z.Reset(a.Dx(), a.Dy())
		r.addPolys([]poly{p}, a)
		r.z.Draw(one, one.Rect, image.Opaque, image.Point{})
		for i, v := range one.Pix {
			x, y := int(acc.Pix[i]), int(v)
			acc.Pix[i] = uint8(x + y - (2*x*y+127)/255)
		}
	}
	draw.DrawMask(r.dst, a, src, image.Point{}, acc, image.Point{}, draw.Over)
}

// strokeOutline returns polygons whose union is the stroke of the
// polylines at width w (pixels), each turned the same way so that the
// nonzero rule fills their union.
func strokeOutline(ps []poly, w float64, join page.Join, cp page.Cap, miter float64) []poly {
	h := w / 2
	var out []poly
	add := func(pts ...[2]float64) { out = append(out, orient(poly{pts: pts, closed: true})) }
	for _, p := range ps {
		pts := dedupe(p.pts)
		n := len(pts)
		if n < 2 {
			// A zero-length segment shows as a dot with round caps; a lone
			// move draws nothing.
			if n == 1 && len(p.pts) > 1 && cp == page.RoundCap && !p.closed {
				add(circle(pts[0], h)...)
			}
			continue
		}
		segs := n - 1
		if p.closed {
			segs = n
		}
		for i := range segs {
			a, b := pts[i], pts[(i+1)%n]
			nx, ny := normal(a, b, h)
			ax, ay, bx, by := a[0], a[1], b[0], b[1]
			if !p.closed && cp == page.SquareCap {
				dx, dy := ny, -nx // along the segment, h long
				if i == 0 {
					ax, ay = ax-dx, ay-dy
				}
				if i == segs-1 {
					bx, by = bx+dx, by+dy
				}
			}
			add([2]float64{ax + nx, ay + ny}, [2]float64{bx + nx, by + ny}, [2]float64{bx - nx, by - ny}, [2]float64{ax - nx, ay - ny})
		}
		// Joins at every inner vertex (all of them on a closed subpath).
		for i := range n {
			if !p.closed && (i == 0 || i == n-1) {
				continue
			}
			prev, v, next := pts[(i+n-1)%n], pts[i], pts[(i+1)%n]
			out = append(out, joinPolys(prev, v, next, h, join, miter)...)
		}
		if !p.closed && cp == page.RoundCap {
			add(circle(pts[0], h)...)
			add(circle(pts[n-1], h)...)
		}
	}
	return out
}

// joinPolys fills the corner at v between segments prev→v and v→next.
func joinPolys(prev, v, next [2]float64, h float64, join page.Join, miter float64) []poly {
	if join == page.RoundJoin {
		return []poly{orient(poly{pts: circle(v, h), closed: true})}
	}
	n1x, n1y := normal(prev, v, h)
	n2x, n2y := normal(v, next, h)
	cross := (v[0]-prev[0])*(next[1]-v[1]) - (v[1]-prev[1])*(next[0]-v[0])
	s := 1.0 // the outer side of the turn
	if cross > 0 {
		s = -1
	}
	a := [2]float64{v[0] + s*n1x, v[1] + s*n1y}
	b := [2]float64{v[0] + s*n2x, v[1] + s*n2y}
	out := []poly{orient(poly{pts: [][2]float64{v, a, b}, closed: true})}
	if join == page.MiterJoin {
		// The miter tip is where the two outer edges meet.
		cosT := (n1x*n2x + n1y*n2y) / (h * h)
		ratio := math.Sqrt(2 / (1 + cosT)) // miter length / stroke width
		if cosT > -1+1e-9 && ratio <= max(miter, 1) {
			mx, my := (a[0]+b[0])/2-v[0], (a[1]+b[1])/2-v[1]
			ml := math.Hypot(mx, my)
			if ml > 1e-12 {
				k := h * ratio / ml
				tip := [2]float64{v[0] + mx*k, v[1] + my*k}
				out = append(out, orient(poly{pts: [][2]float64{a, tip, b, v}, closed: true}))
			}
		}
	}
	return out
}

// normal returns the left normal of a→b, h long.
func normal(a, b [2]float64, h float64) (float64, float64) {
	l := dist(a, b)
	return -(b[1] - a[1]) / l * h, (b[0] - a[0]) / l * h
}

func circle(c [2]float64, h float64) [][2]float64 {
	n := int(min(max(math.Ceil(h*2), 8), 64))
	pts := make([][2]float64, n)
	for i := range pts {
		t := 2 * math.Pi * float64(i) / float64(n)
		pts[i] = [2]float64{c[0] + h*math.Cos(t), c[1] + h*math.Sin(t)}
	}
	return pts
}

// dedupe drops points equal to the one before (and a closing point equal
// to the first), which have no direction.
func dedupe(pts [][2]float64) [][2]float64 {
	out := make([][2]float64, 0, len(pts))
	for _, q := range pts {
		if len(out) == 0 || dist(out[len(out)-1], q) > 1e-9 {
			out = append(out, q)
		}
	}
	if len(out) > 2 && dist(out[0], out[len(out)-1]) <= 1e-9 {
		out = out[:len(out)-1]
	}
	return out
}

// orient turns a polygon counter-clockwise (positive area in y-down
// pixels), so that overlapping pieces add up instead of cancelling.
func orient(p poly) poly {
	area := 0.0
	for i, q := range p.pts {
		n := p.pts[(i+1)%len(p.pts)]
		area += q[0]*n[1] - n[0]*q[1]
	}
	if area < 0 {
		for i, j := 0, len(p.pts)-1; i < j; i, j = i+1, j-1 {
			p.pts[i], p.pts[j] = p.pts[j], p.pts[i]
		}
	}
	return p
}

// image draws a raster scaled into its rect, clipped to its clip box, with
// Catmull-Rom resampling; transparent pixels show what is beneath.
func (r *raster) image(im *page.Image) error {
	if im.Raster == nil || im.Raster.Pixels == nil {
		return fmt.Errorf("image has no decoded raster")
	}
	src := im.Raster.Pixels
	clip := r.area(r.px(float64(im.Clip.X)), r.py(float64(im.Clip.Y)), r.px(float64(im.Clip.Right())), r.py(float64(im.Clip.Bottom())))
	if clip.Empty() {
		return nil
	}
	sb := src.Bounds()
	sx := float64(im.Rect.W) * r.s / float64(sb.Dx())
	sy := float64(im.Rect.H) * r.s / float64(sb.Dy())
	m := f64.Aff3{sx, 0, r.px(float64(im.Rect.X)) - sx*float64(sb.Min.X), 0, sy, r.py(float64(im.Rect.Y)) - sy*float64(sb.Min.Y)}
	dst := r.dst.SubImage(clip).(*image.RGBA)
	xdraw.CatmullRom.Transform(dst, m, src, sb, xdraw.Over, nil)
	return nil
}
