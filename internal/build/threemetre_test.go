package build_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/testtool"
)

// threeMetreDPI is the resolution at which an A4 poster seen from three
// metres is drawn: a reader with normal vision resolves about one minute of
// arc, 0.87 mm at 3 m, about 29 dots an inch; 25 dpi leaves a margin.
const threeMetreDPI = 25

// TestThreeMetrePoster renders the A4 poster in the source locale at
// threeMetreDPI, enlarges the pixels (nearest neighbour: no detail is
// added) and reads it with tesseract: the headline and the primary
// helpline's number must still be read (issue 27's three-metre test).
func TestThreeMetrePoster(t *testing.T) {
	testtool.Need(t, "pdftoppm", "tesseract")
	c, cat, reg := loadBundled(t)
	pairs, err := build.Pairs(c, []string{"poster-a4"}, []string{c.SourceLocale})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	rep, err := build.Run(c, cat, reg, pairs, build.Options{Out: dir, Jobs: 1, Creator: "handbill test", Date: c.Date, Editions: []edition.Edition{edition.Screen}})
	if err != nil || len(rep.Outputs) != 1 {
		t.Fatalf("building the A4 poster: %v (%d outputs)", err, len(rep.Outputs))
	}
	base := filepath.Join(dir, "far")
	testtool.Run(t, "pdftoppm", "-r", fmt.Sprint(threeMetreDPI), "-png", "-singlefile", filepath.Join(dir, rep.Outputs[0].Path), base)
	big := filepath.Join(dir, "far-x4.png")
	enlarge(t, base+".png", big, 4)
	cmd := exec.Command("tesseract", big, "-", "-l", "eng", "--psm", "3")
	cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tesseract: %v", err)
	}
	read := strings.Join(strings.Fields(string(out)), " ")
	var primary string
	for _, hl := range c.Helplines {
		if hl.ID == c.Primary {
			primary = hl.Number
		}
	}
	title, err := cat.Text(c.SourceLocale, c.TitleMessage, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range strings.Fields(title) {
		if !strings.Contains(read, want) {
			t.Errorf("at %d dpi the poster does not read %q; tesseract read: %s", threeMetreDPI, want, read)
		}
	}
	// A number is read when its digits are, in order: at 25 dpi tesseract
	// puts spaces between digits where the pixels leave a gap ("111 1"),
	// and a reader dials the digits.
	digits := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if !strings.Contains(digits(read), digits(primary)) {
		t.Errorf("at %d dpi the poster does not read %q; tesseract read: %s", threeMetreDPI, primary, read)
	}
}

// enlarge writes the PNG from as to, each pixel n×n.
func enlarge(t *testing.T, from, to string, n int) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	src, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	b := src.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx()*n, b.Dy()*n))
	for y := 0; y < b.Dy()*n; y++ {
		for x := 0; x < b.Dx()*n; x++ {
			dst.Set(x, y, src.At(b.Min.X+x/n, b.Min.Y+y/n))
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, dst); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
