package cli_test

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/cli"
	"github.com/handbill/handbill/internal/testtool"
)

// TestCoarseImageExitsAsBuild: a photo too coarse for print in every
// locale fails the print edition of its layout; the campaign loads and the
// screen edition builds, so build exits 1, and check exits 1 too (not 2,
// which is for a campaign that does not load), with the error at the
// block's line.
func TestCoarseImageExitsAsBuild(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(testtool.ArtDir(t))); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 160, 107))); err != nil { // 32 ppi in its box
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "assets", "photo.png"), b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	card := filepath.Join(dir, "layouts", "card.yaml")
	lay, err := os.ReadFile(card)
	if err == nil { // one photo for every locale: the problem is the layout's
		err = os.WriteFile(card, bytes.Replace(lay, []byte("{default: assets/photo.png, ur: assets/photo-ur.png}"), []byte("assets/photo.png"), 1), 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code := cli.Main([]string{"check", "--campaign", dir}, &out, &errb); code != cli.ExitFailed {
		t.Errorf("check exited %d, want %d\n%s%s", code, cli.ExitFailed, out.String(), errb.String())
	}
	if want := dir + "/layouts/card.yaml:32  card  layout    block photo"; !strings.Contains(out.String(), want) || !strings.Contains(out.String(), "32 ppi") {
		t.Errorf("check printed\n%s\nwant an error at %q about 32 ppi", out.String(), want)
	}
	out.Reset()
	errb.Reset()
	if code := cli.Main([]string{"build", "--campaign", dir, "--out", filepath.Join(dir, "out")}, &out, &errb); code != cli.ExitFailed {
		t.Errorf("build exited %d, want %d\n%s%s", code, cli.ExitFailed, out.String(), errb.String())
	}
}
