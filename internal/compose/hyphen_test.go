package compose_test

import (
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/typeset"
)

// A helpline's name bound by compose's bindHyphens never breaks at its hyphen
// ("Police non- / emergency line"), where the same name unbound does.
func TestBindHyphens(t *testing.T) {
	reg := bundled(t).Fonts
	s := typeset.NewSetter(reg)
	st := typeset.Style{Fonts: reg.Fontmap("en-GB", true), Lang: "en-GB"}
	const name, size = "Police non-emergency line", 12.0
	lineEnds := func(text string, width float64) []string {
		sh, err := s.Shape(text, st)
		if err != nil {
			t.Fatal(err)
		}
		var ends []string
		for _, ln := range s.Wrap(sh, size, width, 1.2).Lines {
			var b strings.Builder
			for _, r := range ln.Runs {
				b.WriteString(r.Source)
			}
			ends = append(ends, strings.TrimRight(b.String(), " \u2060"))
		}
		return ends
	}
	broke := false
	for w := 60.0; w < 160; w += 2 {
		if plain := lineEnds(name, w); len(plain) > 1 && strings.HasSuffix(plain[0], "-") {
			broke = true
			for _, l := range lineEnds(compose.BindHyphens(name), w) {
				if strings.HasSuffix(l, "-") {
					t.Errorf("at %.0f pt the bound name breaks at its hyphen: line %q", w, l)
				}
			}
		}
	}
	if !broke {
		t.Fatal("the typesetter breaks the unbound name at its hyphen at no width tried: the test exercises nothing")
	}
}
