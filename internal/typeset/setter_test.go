package typeset

import (
	"reflect"
	"strconv"
	"testing"
)

// A paragraph shaped by one Setter and wrapped by another (as compose's
// workers may) keeps its faces: Wrap takes them from the shaped paragraph,
// so no run of glyphs is left without the face that draws it.
func TestWrapWithAnotherSetter(t *testing.T) {
	shaper, wrapper := NewSetter(registry(t)), NewSetter(registry(t))
	for _, c := range []struct {
		text, lang string
		rtl        bool
	}{
		{"Call Childline free on 0800 1111.", "en-GB", false},
		{"چائلڈ لائن کو 0800 1111 پر کال کریں", "ur", true},
	} {
		sh, err := shaper.Shape(c.text, style(t, c.lang, c.rtl))
		if err != nil {
			t.Fatal(err)
		}
		p := wrapper.Wrap(sh, 12, 200, 1.2)
		if len(p.Lines) == 0 {
			t.Fatalf("%s: no lines", c.lang)
		}
		for i, ln := range p.Lines {
			for _, r := range ln.Runs {
				if len(r.Glyphs) > 0 && r.Face == nil {
					t.Errorf("%s line %d: run %q has glyphs and no face", c.lang, i, r.Source)
				}
			}
		}
	}
}

// A Setter shapes each (text, style) once: asking again returns the same
// paragraph, which wraps exactly as a fresh setter's does; another
// language, direction or weight is shaped on its own; and the store is
// emptied, not grown, past maxShaped paragraphs.
func TestShapeReusesParagraphs(t *testing.T) {
	s := NewSetter(registry(t))
	text := "Call Childline free on 0800 1111."
	a, err := s.Shape(text, style(t, "en-GB", false))
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.Shape(text, style(t, "en-GB", false))
	if err != nil {
		t.Fatal(err)
	}
	if a != b {
		t.Error("the same text and style were shaped twice")
	}
	fresh, _ := set(t, NewSetter(registry(t)), text, "en-GB", false, 12, 120)
	if got, want := s.Wrap(b, 12, 120, 1.2), NewSetter(registry(t)).Wrap(fresh, 12, 120, 1.2); !reflect.DeepEqual(lineTexts(got), lineTexts(want)) || got.Height != want.Height {
		t.Errorf("reused paragraph wraps as %q (%.3f pt), a fresh one as %q (%.3f pt)", lineTexts(got), got.Height, lineTexts(want), want.Height)
	}
	for _, st := range []Style{style(t, "pl", false), style(t, "en-GB", true), {Fonts: registry(t).Fontmap("en-GB", true), Lang: "en-GB"}} {
		c, err := s.Shape(text, st)
		if err != nil {
			t.Fatal(err)
		}
		if c == a {
			t.Errorf("style %+v took the paragraph shaped for en-GB regular, left to right", st)
		}
	}
	for i := 0; len(s.shaped) < maxShaped; i++ {
		if _, err := s.Shape(strconv.Itoa(i), style(t, "en-GB", false)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Shape("one more", style(t, "en-GB", false)); err != nil {
		t.Fatal(err)
	}
	if len(s.shaped) != 1 {
		t.Errorf("after %d paragraphs the setter holds %d; want the store emptied and 1", maxShaped+1, len(s.shaped))
	}
}
