package typeset

import "testing"

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
