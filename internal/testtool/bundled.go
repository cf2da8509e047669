package testtool

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"testing"

	"github.com/handbill/handbill"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/fonts"
	"github.com/handbill/handbill/internal/loader"
	"github.com/handbill/handbill/internal/messages"
)

// LoadBundled reads the campaign built into handbill as a build does
// (loader.Open): the campaign, the message files of every locale it lists
// (and the pseudo-locales), and the font table. Fonts are parsed later, on
// first use. A locale set aside as broken is an error: the bundled campaign
// has none.
func LoadBundled() (*campaign.Campaign, *messages.Catalog, *fonts.Registry, error) {
	return open(handbill.Bundled, nil)
}

// open opens the campaign in fsys as a build does, the locales read limited
// to only (all when empty), and fails on any locale set aside.
func open(fsys fs.FS, only []string) (*campaign.Campaign, *messages.Catalog, *fonts.Registry, error) {
	ld, err := loader.Open(fsys, loader.Options{Policy: loader.Confine, Only: only})
	if err != nil {
		return nil, nil, nil, err
	}
	for _, tag := range slices.Sorted(maps.Keys(ld.Broken)) {
		return nil, nil, nil, fmt.Errorf("locale %s does not load: %w", tag, ld.Broken[tag].Err())
	}
	return ld.Campaign, ld.Catalog, ld.Fonts, nil
}

// Bundled is LoadBundled for a test: it fails t on error.
func Bundled(t testing.TB) (*campaign.Campaign, *messages.Catalog, *fonts.Registry) {
	t.Helper()
	c, cat, reg, err := LoadBundled()
	if err != nil {
		t.Fatal(err)
	}
	return c, cat, reg
}

var boxRE = regexp.MustCompile(`(?m)^(\w+Box):\s+([-0-9.]+)\s+([-0-9.]+)\s+([-0-9.]+)\s+([-0-9.]+)`)

// PDFBoxes reads page 1's boxes (MediaBox, TrimBox, BleedBox…) with
// pdfinfo -box, in points.
func PDFBoxes(t testing.TB, path string) map[string][4]float64 {
	t.Helper()
	Need(t, "pdfinfo")
	out := Run(t, "pdfinfo", "-box", path)
	got := map[string][4]float64{}
	for _, m := range boxRE.FindAllStringSubmatch(string(out), -1) {
		var b [4]float64
		for i := range b {
			b[i], _ = strconv.ParseFloat(m[i+2], 64)
		}
		got[m[1]] = b
	}
	return got
}

// ArtDir is the folder of the artwork test campaign (testdata/art): an A5
// card that places an SVG mark, a raster photo with an Urdu variant and
// two partner logos, in en-GB and ur.
func ArtDir(t testing.TB) string {
	t.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("testtool: cannot find its own source folder")
	}
	return filepath.Join(filepath.Dir(file), "testdata", "art")
}

// Art loads the artwork test campaign from dir (ArtDir, or a copy of it
// that a test changed) with the bundled fonts.
func Art(t testing.TB, dir string) (*campaign.Campaign, *messages.Catalog, *fonts.Registry) {
	t.Helper()
	c, cat, reg, err := open(os.DirFS(dir), []string{"en-GB", "ur"})
	if err != nil {
		t.Fatal(err)
	}
	return c, cat, reg
}

// BrandArt copies the artwork test campaign (ArtDir) and the brand
// typeface of testdata/brand (Noto Serif Bold cut down to Latin letters,
// see its README) into assets/brand/ of a temporary folder, adds brand:
// and then the lines of brand (indented under it) to its campaign.yaml,
// and returns the folder.
func BrandArt(t testing.TB, brand string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(ArtDir(t))); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(dir, "assets", "brand"), os.DirFS(filepath.Join(filepath.Dir(ArtDir(t)), "brand"))); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(filepath.Join(dir, "campaign.yaml"), os.O_APPEND|os.O_WRONLY, 0)
	if err == nil {
		_, err = f.WriteString("brand:\n" + brand)
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		t.Fatal(err)
	}
	return dir
}
