package fonts_test

import (
	"testing"

	"github.com/handbill/handbill/internal/testtool"
)

// TestInkScale pins the apparent-size factors of the bundled faces: Noto
// Nastaliq Urdu draws its letters smaller in the em than Noto Sans and
// gets a factor below 1, in both weights; Latin, Naskh and Bengali faces
// and both Chinese faces (Droid Sans Fallback; Noto Sans TC, regular and
// bold) read at their nominal size.
func TestInkScale(t *testing.T) {
	_, _, reg := testtool.Bundled(t)
	for _, c := range []struct {
		tag  string
		r    rune
		bold bool
		want float64
	}{
		{"en-GB", 'a', false, 1},
		{"ar", 'ب', false, 1},
		{"bn", 'ক', false, 1},
		{"zh-Hans", '中', false, 1},
		{"zh-Hant", '中', false, 1},
		{"zh-Hant", '中', true, 1},
		{"ur", 'ب', false, 0.90},
		{"ur", 'ب', true, 0.90},
	} {
		f := reg.Fontmap(c.tag, c.bold).Find(c.r)
		if f == nil {
			t.Fatalf("%s: no face for %q", c.tag, c.r)
		}
		if got := reg.InkScale(f); got != c.want {
			t.Errorf("%s %q bold=%v (%s): InkScale = %.2f, want %.2f", c.tag, c.r, c.bold, f.Family.ID, got, c.want)
		}
	}
}
