package qr

import (
	"testing"

	"github.com/handbill/handbill/internal/geom"
)

func TestCheckPayload(t *testing.T) {
	for _, ok := range []string{"tel:+448001111", "tel:+443332401727", "tel:101"} {
		if err := CheckPayload(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, bad := range []string{"tel:0800 1111", "tel:", "0800", "https://x", "tel:+0123456", "tel:12"} {
		if CheckPayload(bad) == nil {
			t.Errorf("%s accepted", bad)
		}
	}
}

func TestDrawCoversMatrix(t *testing.T) {
	m, err := Matrix("tel:+448001111")
	if err != nil {
		t.Fatal(err)
	}
	side := 25 * geom.MM
	sq, mod, err := Draw("tel:+448001111", 10, 20, side, geom.Black)
	if err != nil {
		t.Fatal(err)
	}
	if want := side / geom.Pt(len(m)+8); mod != want {
		t.Fatalf("module %v want %v", mod, want)
	}
	dark := 0
	for _, row := range m {
		for _, d := range row {
			if d {
				dark++
			}
		}
	}
	area := 0.0
	for _, r := range sq.Rects {
		area += float64(r.W * r.H)
		// every rect lies inside the code, outside the quiet zone
		inner := geom.Rect{X: 10 + 4*mod, Y: 20 + 4*mod, W: side - 8*mod, H: side - 8*mod}
		if !inner.Contains(r) {
			t.Fatalf("rect %v outside the code area", r)
		}
	}
	if got := area / float64(mod*mod); got < float64(dark)-0.01 || got > float64(dark)+0.01 {
		t.Fatalf("rects cover %.2f modules, matrix has %d dark", got, dark)
	}
	if len(sq.Rects) >= dark {
		t.Fatalf("runs not merged: %d rects for %d modules", len(sq.Rects), dark)
	}
}
