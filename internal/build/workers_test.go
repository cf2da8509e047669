package build

import (
	"reflect"
	"testing"

	"github.com/handbill/handbill/internal/campaign"
)

// A worker takes a locale's pairs together, in the order given, so its
// setter shapes each message once; with fewer locales than workers every
// pair goes on its own, so no worker idles.
func TestByLocale(t *testing.T) {
	a4, a5 := &campaign.Layout{Name: "poster-a4"}, &campaign.Layout{Name: "leaflet-a5"}
	pairs := []Pair{{Layout: a4, Locale: "en-GB"}, {Layout: a4, Locale: "ur"}, {Layout: a5, Locale: "en-GB"}, {Layout: a5, Locale: "ur"}}
	if got, want := byLocale(pairs, 2), [][]int{{0, 2}, {1, 3}}; !reflect.DeepEqual(got, want) {
		t.Errorf("two locales, two workers: groups %v, want %v", got, want)
	}
	if got, want := byLocale(pairs, 3), [][]int{{0}, {1}, {2}, {3}}; !reflect.DeepEqual(got, want) {
		t.Errorf("two locales, three workers: groups %v, want %v", got, want)
	}
}
