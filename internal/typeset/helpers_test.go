package typeset

import (
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/handbill/handbill/internal/fonts"
)

// The tests set text in the fonts handbill ships (assets/fonts, each with
// its licence and source in fonts.yaml), so they prove what the bundled
// campaign gets.
var bundled struct {
	once sync.Once
	reg  *fonts.Registry
	err  error
}

func registry(tb testing.TB) *fonts.Registry {
	tb.Helper()
	bundled.once.Do(func() {
		bundled.reg, bundled.err = fonts.Load(os.DirFS("../.."), "assets/fonts")
	})
	if bundled.err != nil {
		tb.Fatal(bundled.err)
	}
	return bundled.reg
}

// style returns the style of a paragraph in locale lang.
func style(tb testing.TB, lang string, rtl bool) Style {
	return Style{Fonts: registry(tb).Fontmap(lang, false), Lang: lang, RTL: rtl}
}

// set shapes text and wraps it at size points in width points with
// leading 1.2.
func set(tb testing.TB, s *Setter, text, lang string, rtl bool, size, width float64) (*Shaped, *Para) {
	tb.Helper()
	sh, err := s.Shape(text, style(tb, lang, rtl))
	if err != nil {
		tb.Fatalf("shape %q: %v", text, err)
	}
	return sh, s.Wrap(sh, size, width, 1.2)
}

// logical returns the sources of a line's runs in reading order.
func logical(l Line) string {
	runs := slices.Clone(l.Runs)
	slices.SortFunc(runs, func(a, b Run) int { return a.Order - b.Order })
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.Source)
	}
	return b.String()
}

// lineTexts returns each line's logical text.
func lineTexts(p *Para) []string {
	out := make([]string, len(p.Lines))
	for i, l := range p.Lines {
		out[i] = logical(l)
	}
	return out
}

// widestWord returns the width of the paragraph's widest unbreakable piece
// on a line of its own at size, with the room its ink needs: the narrowest
// width it sets in without being overfull.
func widestWord(sh *Shaped, size float64) float64 {
	w := 0.0
	for _, sg := range sh.segs {
		w = max(w, sg.width-sg.trail)
	}
	return (w + sh.padL + sh.padR) * size / em
}
