package compose_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/testtool"
	"github.com/handbill/handbill/internal/typeset"
)

// TestBrandTypeface sets testtool's art campaign with a brand heading
// face (brand: type: heading: one font file, testtool/testdata/brand: Noto
// Serif Bold cut down to Latin letters) and a title with a colon, a digit
// and a full stop. In English the headline's letters are the brand's and
// what it lacks comes from the bundled Noto Sans Bold; body text stays in
// Noto Sans; in Urdu, a script the brand face does not draw, nothing is
// set in it.
func TestBrandTypeface(t *testing.T) {
	dir := testtool.BrandArt(t, "  type:\n    heading: {regular: assets/brand/NotoSerif-Bold-letters.ttf, licence: assets/brand/OFL.txt}\n")
	if err := os.WriteFile(filepath.Join(dir, "locales", "en-GB.toml"), []byte(strings.Replace(mustRead(t, filepath.Join(dir, "locales", "en-GB.toml")),
		`title = "Think before you send"`, `title = "Think before you send: 2 seconds."`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	c, cat, reg := testtool.Art(t, dir)
	cmp := &compose.Composer{Campaign: c, Catalog: cat, Fonts: reg, Creator: "handbill test", Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}
	fontsOf := func(loc string) map[string]string { // role: each font name with the text it draws
		res := cmp.Compose(typeset.NewSetter(reg), c.Layouts[0], loc)
		if err := res.Diags.Err(); err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, it := range res.Doc.Pages[0].Items {
			if tx, ok := it.(*page.Text); ok && tx.TypeRole != "" {
				got[tx.TypeRole] += tx.Font.Name + "[" + tx.Source + "] "
			}
		}
		return got
	}
	en := fontsOf("en-GB")
	for _, want := range []string{"NotoSerif-Bold[Think before you", "NotoSans-Bold[: 2", "NotoSerif-Bold[seconds", "NotoSans-Bold[."} {
		if !strings.Contains(en["heading"], want) {
			t.Errorf("en-GB heading runs %s: want %s…]", en["heading"], want)
		}
	}
	if strings.Contains(en["body"], "Serif") {
		t.Errorf("en-GB body runs %s: want no brand face (the brand gives a heading face only)", en["body"])
	}
	if ur := fontsOf("ur"); strings.Contains(ur["heading"], "Serif") || !strings.Contains(ur["heading"], "NotoNastaliqUrdu-Bold") {
		t.Errorf("ur heading runs %s: want Nastaliq and no brand face", ur["heading"])
	}
}

func mustRead(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
