package page

import "testing"

func TestDirection(t *testing.T) {
	for _, c := range []struct {
		r    rune
		want bool
	}{{'ب', true}, {'א', true}, {'ހ', true}, {'𞤀', true}, {'a', false}, {'٣', false}, {'ক', false}} {
		if got := StrongRTL(c.r); got != c.want {
			t.Errorf("StrongRTL(%q) = %v", c.r, got)
		}
	}
	if !RTLScript("Arab") || !RTLScript("Adlm") || RTLScript("Latn") {
		t.Error("RTLScript")
	}
}
