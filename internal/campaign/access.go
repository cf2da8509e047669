package campaign

import (
	"strconv"
	"strings"

	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/geom"
)

// Access is what check holds every layout's text to: the accessibility
// section of campaign.yaml over DefaultAccess.
type Access struct {
	// MinSize is the least apparent size (fonts.Registry.InkScale) of each
	// type role.
	MinSize map[Role]geom.Pt
	// Contrast is the least text/background contrast ratio (WCAG 2.x) for
	// text, and ContrastLarge for large text: at least Large points, or
	// LargeBold points in bold.
	Contrast, ContrastLarge float64
	Large, LargeBold        geom.Pt
	// OneInkBelow is the size below which the print edition must print
	// text in one ink: small type in several inks blurs when the plates
	// are out of register.
	OneInkBelow geom.Pt
}

// DefaultAccess is RNIB Clear Print (body 12 pt; the small text people act
// on, such as helpline purposes, 10 pt; headings no smaller than body) and
// WCAG 2.x AA (4.5:1, or 3:1 for text of 18 pt, 14 pt bold), with text
// below 12 pt in one ink.
var DefaultAccess = Access{
	MinSize:  map[Role]geom.Pt{Heading: 12, Body: 12, Small: 10},
	Contrast: 4.5, ContrastLarge: 3, Large: 18, LargeBold: 14,
	OneInkBelow: 12,
}

// accessFile is the accessibility section of campaign.yaml.
type accessFile struct {
	MinSize       map[string]scalar `yaml:"min_size"`
	Contrast      scalar            `yaml:"contrast"`
	ContrastLarge scalar            `yaml:"contrast_large"`
	OneInkBelow   scalar            `yaml:"one_ink_below"`
}

// resolveAccess returns DefaultAccess with the fields f sets.
func resolveAccess(f accessFile, l *diag.List) Access {
	a := DefaultAccess
	a.MinSize = map[Role]geom.Pt{}
	for r, v := range DefaultAccess.MinSize {
		a.MinSize[r] = v
	}
	for role, s := range f.MinSize {
		path := "accessibility.min_size." + role
		r := Role(role)
		if _, ok := DefaultAccess.MinSize[r]; !ok {
			s.Errorf(l, path, "expected a type role (heading, body or small), found %q", role)
			continue
		}
		if v, ok := accessLength(s, path, l); ok {
			a.MinSize[r] = v
		}
	}
	ratio := func(s scalar, path string, into *float64) {
		if !s.Set {
			return
		}
		v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s.V), ":1"), 64)
		if err != nil || !(v >= 1 && v <= 21) { // NaN is neither
			s.Errorf(l, path, "expected a contrast ratio from 1 to 21 like \"4.5\" or \"4.5:1\", found %q", s.V)
			return
		}
		*into = v
	}
	ratio(f.Contrast, "accessibility.contrast", &a.Contrast)
	ratio(f.ContrastLarge, "accessibility.contrast_large", &a.ContrastLarge)
	if v, ok := accessLength(f.OneInkBelow, "accessibility.one_ink_below", l); ok {
		a.OneInkBelow = v
	}
	return a
}

// accessLength reads a type size of the accessibility section.
func accessLength(s scalar, path string, l *diag.List) (geom.Pt, bool) {
	if !s.Set {
		return 0, false
	}
	v, err := geom.ParseLength(s.V)
	if err != nil || v < 0 || v > 72 {
		s.Errorf(l, path, "expected a type size from 0pt to 72pt like \"12pt\", found %q", s.V)
		return 0, false
	}
	return v, true
}
