package artwork

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbill/handbill/internal/page"
)

func encodePNG(t testing.TB, img image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// bomb returns a PNG whose header claims w×h pixels: a few hundred bytes
// that would decode to gigabytes.
func bomb(t testing.TB, w, h uint32) []byte {
	data := encodePNG(t, image.NewGray(image.Rect(0, 0, 1, 1)))
	// IHDR's data starts at 16: width, height; its CRC follows the 13 bytes.
	binary.BigEndian.PutUint32(data[16:], w)
	binary.BigEndian.PutUint32(data[20:], h)
	binary.BigEndian.PutUint32(data[29:], crc32.ChecksumIEEE(data[12:29]))
	return data
}

func TestDecodeRaster(t *testing.T) {
	nrgba := image.NewNRGBA(image.Rect(0, 0, 4, 3))
	for i := range nrgba.Pix {
		nrgba.Pix[i] = 200
	}
	opaque := image.NewRGBA(image.Rect(0, 0, 4, 3))
	for i := range opaque.Pix {
		opaque.Pix[i] = 255
	}
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, opaque, nil); err != nil {
		t.Fatal(err)
	}
	cmyk, err := os.ReadFile("testdata/cmyk.jpg")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		data   []byte
		format string
		model  page.ColorModel
		alpha  bool
		w, h   int
	}{
		{"png with alpha", encodePNG(t, nrgba), "png", page.RGB, true, 4, 3},
		{"opaque png", encodePNG(t, opaque), "png", page.RGB, false, 4, 3},
		{"grey png", encodePNG(t, image.NewGray(image.Rect(0, 0, 2, 2))), "png", page.Gray, false, 2, 2},
		{"rgb jpeg", jb.Bytes(), "jpeg", page.RGB, false, 4, 3},
		{"cmyk jpeg", cmyk, "jpeg", page.CMYK, false, 40, 30},
	}
	for _, tc := range cases {
		r, err := DecodeRaster("x", tc.data)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if r.Format != tc.format || r.Model != tc.model || r.Alpha != tc.alpha || r.Width != tc.w || r.Height != tc.h {
			t.Errorf("%s: got %s %s alpha=%v %dx%d, want %s %s alpha=%v %dx%d", tc.name, r.Format, r.Model, r.Alpha, r.Width, r.Height, tc.format, tc.model, tc.alpha, tc.w, tc.h)
		}
		if !bytes.Equal(r.Data, tc.data) {
			t.Errorf("%s: the file's bytes are not kept as they are", tc.name)
		}
	}
	// The CMYK JPEG decodes to CMYK samples: red on the left, cyan on the right.
	r, _ := DecodeRaster("x", cmyk)
	if c := color.CMYKModel.Convert(r.Pixels.At(5, 5)).(color.CMYK); c.M < 240 || c.C > 15 {
		t.Errorf("left half is %v, want C0 M100 Y100 K0", c)
	}
}

// TestDecodeRasterRefuses checks that an oversized and a malformed image
// each give a clear error, and that a decompression bomb is refused from
// its header.
func TestDecodeRasterRefuses(t *testing.T) {
	good := encodePNG(t, image.NewGray(image.Rect(0, 0, 8, 8)))
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"bomb", bomb(t, 100000, 100000), "photo.png: the image is 100000×100000 pixels (10000.0 megapixels), over the limit of 40 megapixels"},
		{"truncated", good[:len(good)-20], "photo.png: cannot decode the png image"},
		{"bad header", append([]byte("\x89PNG\r\n\x1a\n"), "garbage"...), "photo.png: cannot read the PNG header"},
		{"not an image", []byte("GIF89a"), "photo.png: expected a PNG or JPEG image, found a file that is neither"},
		{"bad jpeg", []byte{0xff, 0xd8, 0xff, 0x00}, "photo.png: cannot read the JPEG header"},
	}
	for _, tc := range cases {
		_, err := DecodeRaster("photo.png", tc.data)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want %q", tc.name, err, tc.want)
		}
	}
	allocs := testing.AllocsPerRun(5, func() {
		if _, err := DecodeRaster("b.png", bomb(t, 100000, 100000)); err == nil {
			t.Fatal("bomb decoded")
		}
	})
	if allocs > 100 {
		t.Errorf("refusing a bomb took %v allocations: it was decoded", allocs)
	}
}

func TestLibrary(t *testing.T) {
	fsys := fstest.MapFS{
		"assets/mark.svg":  {Data: []byte(svgDoc(`<path d="M0 0H10V10Z" fill="#1d3263"/>`))},
		"assets/photo.png": {Data: encodePNG(t, image.NewGray(image.Rect(0, 0, 2, 2)))},
		"assets/logo.gif":  {Data: []byte("GIF89a")},
	}
	lib := NewLibrary(fsys)
	a, err := lib.Load("assets/mark.svg")
	if err != nil || a.Drawing == nil {
		t.Fatalf("svg: %v", err)
	}
	b, _ := lib.Load("assets/mark.svg")
	if a != b {
		t.Error("a file loaded twice is read twice")
	}
	if r, err := lib.Load("assets/photo.png"); err != nil || r.Raster == nil {
		t.Fatalf("png: %v", err)
	}
	if _, err := lib.Load("assets/logo.gif"); err == nil || !strings.Contains(err.Error(), `expected an SVG, PNG or JPEG file (.svg, .png, .jpg, .jpeg), found ".gif"`) {
		t.Errorf("gif: %v", err)
	}
	if _, err := lib.Load("assets/none.png"); err == nil {
		t.Error("a missing file loaded")
	}
}
