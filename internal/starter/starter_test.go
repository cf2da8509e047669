package starter

import (
	"slices"
	"strings"
	"testing"
)

func TestEmergency(t *testing.T) {
	for region, want := range map[string][]string{"IE": {"112", "999"}, "GB": {"112", "999"}, "US": {"112", "911"}, "DE": {"112", "110"}} {
		if got := Emergency(region); !slices.Equal(got, want) {
			t.Errorf("Emergency(%s) = %q, want %q", region, got, want)
		}
	}
}

func TestCheck(t *testing.T) {
	ok := Options{ID: "winter", Locale: "en-IE", Region: "IE"}
	if err := ok.Check(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		o    Options
		want string
	}{
		{Options{ID: "winter", Locale: "english", Region: "IE"}, `--locale: expected a BCP 47 language tag like "en-GB", found "english"`},
		{Options{ID: "winter", Locale: "en-ie", Region: "IE"}, `--locale: expected the canonical form "en-IE", found "en-ie"`},
		{Options{ID: "winter", Locale: "ga", Region: "ie"}, `did you mean "IE"?`},
		{Options{ID: "Winter Visits", Locale: "ga", Region: "IE"}, `DIR: expected a folder name of lowercase letters, digits and hyphens (the campaign's id), found "Winter Visits"`},
	} {
		err := c.o.Check()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.o, err, c.want)
		}
	}
}
