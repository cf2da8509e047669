package testtool

import (
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/tiff"
)

// Plates separates a PDF onto press plates with Ghostscript's tiffsep
// device at dpi (the whole MediaBox) and returns each plate by name
// ("Cyan", "Black", a spot ink's name…); a pixel's value is its ink
// coverage, 0 none to 255 full. gsArgs are more Ghostscript options, such
// as -dOverprint=/enable.
func Plates(t testing.TB, path string, dpi int, gsArgs ...string) map[string]*image.Gray {
	t.Helper()
	Need(t, "gs")
	dir := t.TempDir()
	out := filepath.Join(dir, "p.tif")
	args := append([]string{"-q", "-dSAFER", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiffsep", "-sCompression=none", fmt.Sprintf("-r%d", dpi)}, gsArgs...)
	cmd := exec.Command("gs", append(args, "-o", out, path)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("gs: %v\n%s", err, b)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "p(*).tif"))
	res := map[string]*image.Gray{}
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(f), "p("), ").tif")
		r, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		img, err := tiff.Decode(r)
		r.Close()
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		g, ok := img.(*image.Gray)
		if !ok {
			t.Fatalf("%s: %T, want a grey plate", f, img)
		}
		for i := range g.Pix {
			g.Pix[i] = 255 - g.Pix[i] // tiffsep writes film: 0 is full ink
		}
		res[name] = g
	}
	return res
}
