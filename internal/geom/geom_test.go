package geom

import (
	"math"
	"testing"
)

func TestParseLength(t *testing.T) {
	good := map[string]Pt{"12pt": 12, "25.4mm": 72, "1in": 72, "2.54cm": 72, " 3mm ": 3 * MM}
	for in, want := range good {
		got, err := ParseLength(in)
		if err != nil || math.Abs(float64(got-want)) > 1e-9 {
			t.Errorf("ParseLength(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"12", "mm", "12px", "", "NaNmm", "1e999mm"} {
		if _, err := ParseLength(in); err == nil {
			t.Errorf("ParseLength(%q) succeeded; want an error", in)
		}
	}
}

func TestLengthStringRoundTrip(t *testing.T) {
	for _, p := range []Pt{0, 3 * MM, 12, 210 * MM, 10.25} {
		q, err := ParseLength(p.String())
		if err != nil || math.Abs(float64(p-q)) > 0.01 {
			t.Errorf("%v → %q → %v, %v", float64(p), p.String(), q, err)
		}
	}
}

func TestParseHex(t *testing.T) {
	c, err := ParseHex("#ff8000")
	if err != nil || c != [3]float64{1, 128.0 / 255, 0} {
		t.Fatalf("got %v %v", c, err)
	}
	if Hex(c) != "#ff8000" {
		t.Fatalf("Hex = %s", Hex(c))
	}
	for _, bad := range []string{"ff8000", "#ff80", "#gg0000"} {
		if _, err := ParseHex(bad); err == nil {
			t.Errorf("ParseHex(%q) succeeded", bad)
		}
	}
}

func TestMirror(t *testing.T) {
	r := Rect{10, 0, 50, 10}.MirrorX(100)
	if r.X != 40 {
		t.Fatalf("mirror x = %v", r.X)
	}
}
