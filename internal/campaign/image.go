package campaign

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/handbill/handbill/internal/artwork"
	"github.com/handbill/handbill/internal/decode"
	"github.com/handbill/handbill/internal/diag"
)

// Image is what an image block, or one of the campaign's partner logos,
// shows.
type Image struct {
	// Art is the artwork by locale: "default" for every locale without a
	// variant of its own (an image with words in it has one per language).
	Art map[string]*artwork.Art
	// Cover fills the box and crops what overflows it (fit: cover); by
	// default the image fits inside the box (fit: contain).
	Cover bool
	// Alt is the message id of the alternative text; "" for a decorative
	// image (written alt: "").
	Alt   string
	AltAt Pos
	// Mirror moves the box and the alignment to the other side for
	// right-to-left locales (the artwork itself is never flipped); mirror:
	// false keeps both as written.
	Mirror bool
	SrcAt  Pos
	src    variants
}

// For returns the artwork shown in locale loc.
func (im *Image) For(loc string) *artwork.Art {
	if a, ok := im.Art[loc]; ok {
		return a
	}
	return im.Art[defaultVariant]
}

// defaultVariant is the src key of the artwork every other locale shows.
const defaultVariant = decode.Default

// variants is a file per locale, written as one path (every locale) or a
// mapping of "default" and locale tags to paths.
type variants = decode.Variants

// partnerFile is one logo of the campaign's partners strip.
type partnerFile struct {
	Src variants `yaml:"src"`
	Alt scalar   `yaml:"alt"`
	At  at       `yaml:"-"`
}

// resolveImageFields reads an image block's fit, alt and mirror; its files
// are read by resolveArt once the campaign's locales are known.
func resolveImageFields(bf *blockFile, bp string, l *diag.List) *Image {
	im := &Image{Mirror: true, src: bf.Src, Alt: bf.Alt.V, AltAt: posOf(bf.Alt, bp+".alt")}
	if len(bf.Src) == 0 {
		bf.At.Errorf(l, bp, "missing field \"src\": expected the image file, like assets/logo.svg, or {default: FILE, LOCALE: FILE}")
	}
	switch bf.Fit.V {
	case "", "contain":
	case "cover":
		im.Cover = true
	default:
		bf.Fit.Errorf(l, bp+".fit", "expected contain or cover, found %q", bf.Fit.V)
	}
	if !bf.Alt.Set {
		bf.At.Errorf(l, bp, "missing field \"alt\": expected the message id of the image's alternative text, or alt: \"\" for a decorative image")
	}
	if bf.Mirror.Set {
		m, err := strconv.ParseBool(bf.Mirror.V)
		if err != nil {
			bf.Mirror.Errorf(l, bp+".mirror", "expected true or false, found %q", bf.Mirror.V)
		}
		im.Mirror = m
	}
	return im
}

// checkImageFields reports image fields on a block of another kind.
func checkImageFields(bf *blockFile, bp string, l *diag.List) {
	if len(bf.Src) > 0 {
		bf.At.Errorf(l, bp+".src", "src is a field of image blocks, found it on a %s block", bf.Kind.V)
	}
	for _, f := range []struct {
		name string
		s    scalar
	}{{"fit", bf.Fit}, {"alt", bf.Alt}, {"mirror", bf.Mirror}} {
		if f.s.Set {
			f.s.Errorf(l, bp+"."+f.name, "%s is a field of image blocks, found it on a %s block", f.name, bf.Kind.V)
		}
	}
}

// resolveArt reads the files of an image: each must be inside the
// campaign folder, exist, and be an SVG, PNG or JPEG that artwork accepts;
// each key must be "default" or a locale the campaign builds, and every
// locale must have an image.
func resolveArt(c *Campaign, im *Image, p string, l *diag.List) {
	im.Art = map[string]*artwork.Art{}
	tags := make([]string, 0, len(c.Locales))
	for _, loc := range c.Locales {
		tags = append(tags, loc.Tag)
	}
	for _, k := range slices.Sorted(maps.Keys(im.src)) {
		s := im.src[k]
		kp := p + ".src"
		if len(im.src) > 1 || k != defaultVariant {
			kp += "." + k
		}
		if k != defaultVariant && !slices.Contains(tags, k) {
			d := s.Diag(kp, "expected default or a locale the campaign builds (%s), found %q", strings.Join(tags, ", "), k)
			d.Hint = diag.DidYouMean(k, append([]string{defaultVariant}, tags...))
			l.Add(d)
			continue
		}
		if s.Set {
			if a := loadArt(c, s, kp, l); a != nil {
				im.Art[k] = a
			}
		}
		if im.SrcAt.File == "" {
			im.SrcAt = posOf(s, kp)
		}
	}
	if _, ok := im.src[defaultVariant]; !ok && len(im.src) > 0 {
		var missing []string
		for _, t := range tags {
			if _, ok := im.src[t]; !ok {
				missing = append(missing, t)
			}
		}
		if len(missing) > 0 {
			s := im.src[slices.Sorted(maps.Keys(im.src))[0]]
			s.Errorf(l, p+".src", "expected an image for every locale, found none for %s", strings.Join(missing, ", "))
		}
	}
	if im.Cover {
		for _, a := range im.Art {
			if a.Drawing != nil {
				im.SrcAt.errorf(l, "fit: cover would crop the vector mark %s: expected fit: contain for SVG artwork", a.Source)
				break
			}
		}
	}
}

// errorf records an error at the position.
func (p Pos) errorf(l *diag.List, format string, args ...any) {
	l.Errorf(p.File, p.Line, p.Col, p.Path, format, args...)
}

// loadArt reads one artwork file named by s.
func loadArt(c *Campaign, s scalar, p string, l *diag.List) *artwork.Art {
	name, ok := resolveAsset(".", s.V)
	if !ok {
		l.Add(diag.Diagnostic{Severity: diag.Error, File: s.File, Line: s.Line, Col: s.Col, Path: p,
			Msg:  fmt.Sprintf("expected a path inside the campaign folder, found %q: refused", s.V),
			Hint: "put the image in the campaign's assets/ folder and write its path from the campaign folder, like assets/logo.svg"})
		return nil
	}
	if d := decode.InsideDiag(c.FS, name, s, p); d != nil {
		l.Add(*d)
		return nil
	}
	if !fileExists(c.FS, name) {
		d := diag.Diagnostic{Severity: diag.Error, File: s.File, Line: s.Line, Col: s.Col, Path: p,
			Msg: fmt.Sprintf("expected an image file %s, found none", name)}
		var near []string
		for _, f := range filesIn(c.FS, path.Dir(name)) {
			near = append(near, path.Join(path.Dir(name), f))
		}
		d.Hint = diag.DidYouMean(name, near)
		l.Add(d)
		return nil
	}
	a, err := c.art.Load(name)
	if err != nil {
		d := diag.Diagnostic{Severity: diag.Error, File: s.File, Line: s.Line, Col: s.Col, Path: p, Msg: err.Error()}
		var ae *artwork.Error
		if !errors.As(err, &ae) {
			d.Msg = fmt.Sprintf("cannot read the image %s: %v", name, err)
		}
		l.Add(d)
		return nil
	}
	return a
}

// filesIn lists the names of the files in a folder of the campaign.
func filesIn(fsys fs.FS, dir string) []string {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if !e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out
}

// resolvePartners reads the campaign's partner logos.
func resolvePartners(c *Campaign, pf []partnerFile, l *diag.List) {
	for i, f := range pf {
		p := fmt.Sprintf("partners[%d]", i)
		im := &Image{Mirror: true, src: f.Src, Alt: f.Alt.V, AltAt: posOf(f.Alt, p+".alt")}
		if len(f.Src) == 0 {
			f.At.Errorf(l, p, "missing field \"src\": expected the partner's logo file, like assets/logos/partner.svg")
		}
		if !f.Alt.Set {
			f.At.Errorf(l, p, "missing field \"alt\": expected the message id of the partner's name, read out in place of the logo")
		}
		resolveArt(c, im, p, l)
		c.Partners = append(c.Partners, im)
	}
}

// resolveLayoutArt reads the files of a layout's image blocks, and drops
// the brand mark's blocks when the brand has no mark.
func resolveLayoutArt(c *Campaign, lay *Layout, l *diag.List) {
	for pi := range lay.Pages {
		blocks := lay.Pages[pi].Blocks
		kept := blocks[:0:0]
		for bi := range blocks {
			b := &blocks[bi]
			if b.Image != nil {
				if !c.Brand.markFor(b.Image, blocks[:bi], b.Box) {
					continue
				}
				resolveArt(c, b.Image, fmt.Sprintf("pages[%d].blocks[%d]", pi, bi), l)
			}
			kept = append(kept, *b)
		}
		lay.Pages[pi].Blocks = kept
	}
}
