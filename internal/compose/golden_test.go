package compose_test

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/golden"
	"github.com/handbill/handbill/internal/testtool"
	"github.com/handbill/handbill/internal/typeset"
)

// TestDisplayListGolden composes bundled layouts and compares the display
// list's text dump (page.Doc.Dump: every fill, QR square set, link and glyph
// run with its font, size, position, glyph ids and source text) with
// testdata/LAYOUT-LOCALE.golden. A change in layout, fitting, shaping or QR
// drawing shows up here as a readable diff; run with -update to accept it.
func TestDisplayListGolden(t *testing.T) {
	cmp := bundled(t)
	cmp.Creator = "handbill test"
	cmp.Date = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	cases := []struct{ layout, locale string }{
		{"poster-a4", "en-GB"},
		{"leaflet-dl", "en-GB"},
		{"leaflet-a5", "ur"},
		{"poster-a4", "bn"},
	}
	for _, tc := range cases {
		t.Run(tc.layout+"-"+tc.locale, func(t *testing.T) {
			res := cmp.Compose(typeset.NewSetter(cmp.Fonts), layout(t, cmp.Campaign, tc.layout), tc.locale)
			if err := res.Diags.Err(); err != nil {
				t.Fatal(err)
			}
			compare(t, filepath.Join("testdata", tc.layout+"-"+tc.locale+".golden"), res.Doc.Dump())
		})
	}
}

// compare compares got with the golden file name (golden.Compare).
func compare(t *testing.T, name, got string) {
	t.Helper()
	golden.Compare(t, name, []byte(got))
}

// TestArtGolden composes testtool's art campaign in English and Urdu: the mark's box
// and alignment mirror for Urdu, the photo is cropped to its box (fit:
// cover) and Urdu gets its own photo, the partners run right to left.
func TestArtGolden(t *testing.T) {
	c, cat, reg := testtool.Art(t, testtool.ArtDir(t))
	cmp := &compose.Composer{Campaign: c, Catalog: cat, Fonts: reg, Creator: "handbill test", Date: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)}
	for _, loc := range []string{"en-GB", "ur"} {
		t.Run(loc, func(t *testing.T) {
			res := cmp.Compose(typeset.NewSetter(cmp.Fonts), cmp.Campaign.Layouts[0], loc)
			if err := res.Diags.Err(); err != nil {
				t.Fatal(err)
			}
			compare(t, filepath.Join("testdata", "art-"+loc+".golden"), res.Doc.Dump())
		})
	}
}
