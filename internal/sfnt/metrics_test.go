package sfnt

import (
	"bytes"
	"os"
	"testing"

	"github.com/go-text/typesetting/font"
)

// TestAdvancesMatchGoText compares every glyph's advance with go-text's.
func TestAdvancesMatchGoText(t *testing.T) {
	src, err := os.ReadFile("testdata/NotoSansGurmukhi-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	adv, upem, err := Advances(src)
	if err != nil {
		t.Fatal(err)
	}
	f, err := font.ParseTTF(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if upem != int(f.Upem()) || len(adv) < 300 {
		t.Fatalf("upem %d glyphs %d; go-text upem %d", upem, len(adv), f.Upem())
	}
	for g, a := range adv {
		if want := f.HorizontalAdvance(font.GID(g)); float32(a) != want {
			t.Fatalf("glyph %d advance %d, go-text %v", g, a, want)
		}
	}
	if _, _, err := Advances(src[:100]); err == nil {
		t.Fatal("truncated font accepted")
	}
}
