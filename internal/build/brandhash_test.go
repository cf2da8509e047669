package build

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"testing"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/testtool"
)

// TestBrandTypeIsAnInput: a brand font file's content is part of a
// build's inputs, so replacing the file under the same name rebuilds;
// a family of the font table (no file) is hashed with the table.
func TestBrandTypeIsAnInput(t *testing.T) {
	dir := testtool.BrandArt(t, "  type:\n    heading: assets/brand/NotoSerif-Bold-letters.ttf\n    body: noto-sans\n")
	c, err := campaign.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	sum := func() string {
		h := sha256.New()
		if err := hashBrandType(h, os.DirFS(dir), c.Brand.Type); err != nil {
			t.Fatal(err)
		}
		return string(h.Sum(nil))
	}
	before := sum()
	if err := os.WriteFile(filepath.Join(dir, "assets", "brand", "NotoSerif-Bold-letters.ttf"), []byte("another face"), 0o644); err != nil {
		t.Fatal(err)
	}
	if sum() == before {
		t.Error("two brand font files hash the same")
	}
}
