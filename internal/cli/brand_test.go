package cli_test

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/handbill/handbill/internal/cli"
	"github.com/handbill/handbill/internal/testtool"
)

// TestFontsShowsBrand: `handbill fonts` lists the brand's type with the
// scripts it draws, and says which locales set it first: English does,
// Urdu (a script the Latin brand face lacks) keeps its chain.
func TestFontsShowsBrand(t *testing.T) {
	dir := testtool.BrandArt(t, "  type:\n    heading: assets/brand/NotoSerif-Bold-letters.ttf\n")
	var out, errb bytes.Buffer
	if code := cli.Main([]string{"fonts", "--campaign", dir}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, re := range []string{
		`(?m)^  heading  brand-heading +Noto Serif +Latn  \(assets/brand/NotoSerif-Bold-letters\.ttf\)$`,
		`(?m)^  en-GB +Latn +noto-sans; fallback noto-sans  \(scripts: Latn\); brand first: heading brand-heading$`,
		`(?m)^  ur +Arab +noto-nastaliq-urdu → noto-naskh-arabic → noto-sans; fallback noto-sans  \(languages: ur\)$`,
	} {
		if !regexp.MustCompile(re).MatchString(out.String()) {
			t.Errorf("fonts printed\n%s\nwant a line matching %s", out.String(), re)
		}
	}
}
