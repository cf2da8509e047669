package artwork

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"

	"github.com/handbill/handbill/internal/page"
)

// Limits on what a raster may be, so that a decompression bomb (a small
// file that decodes to gigabytes) is refused before it is decoded: the
// header is read first, and the pixel count checked against MaxPixels.
const (
	// MaxPixels is the largest raster decoded: 40 megapixels, an A2 poster
	// at 300 ppi, 160 MB as 8-bit RGBA.
	MaxPixels = 40_000_000
	// MaxFileBytes is the largest artwork file read.
	MaxFileBytes = 64 << 20
)

// DecodeRaster reads a PNG or JPEG file: its header first, refusing one
// over MaxPixels, then its samples.
func DecodeRaster(file string, data []byte) (*page.Raster, error) {
	cfg, format, err := decodeConfig(data)
	if err != nil {
		return nil, &Error{File: file, Msg: err.Error()}
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, &Error{File: file, Msg: fmt.Sprintf("expected a positive pixel size, found %d×%d", cfg.Width, cfg.Height)}
	}
	if n := int64(cfg.Width) * int64(cfg.Height); n > MaxPixels {
		return nil, &Error{File: file, Msg: fmt.Sprintf("the image is %d×%d pixels (%.1f megapixels), over the limit of %d megapixels", cfg.Width, cfg.Height, float64(n)/1e6, MaxPixels/1_000_000)}
	}
	var img image.Image
	switch format {
	case "png":
		img, err = png.Decode(bytes.NewReader(data))
	case "jpeg":
		img, err = jpeg.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return nil, &Error{File: file, Msg: fmt.Sprintf("cannot decode the %s image: %v", format, err)}
	}
	r := &page.Raster{Source: file, Format: format, Data: data, Width: cfg.Width, Height: cfg.Height, Model: model(cfg.ColorModel), Pixels: img}
	if o, ok := img.(interface{ Opaque() bool }); ok {
		r.Alpha = !o.Opaque()
	}
	return r, nil
}

// decodeConfig reads the header of a PNG or JPEG by its signature.
func decodeConfig(data []byte) (image.Config, string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return cfg, "", fmt.Errorf("cannot read the PNG header: %v", err)
		}
		return cfg, "png", nil
	case bytes.HasPrefix(data, []byte{0xff, 0xd8}):
		cfg, err := jpeg.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return cfg, "", fmt.Errorf("cannot read the JPEG header: %v", err)
		}
		return cfg, "jpeg", nil
	}
	return image.Config{}, "", fmt.Errorf("expected a PNG or JPEG image, found a file that is neither")
}

// model says which colour space a decoder's colour model is.
func model(m color.Model) page.ColorModel {
	switch m {
	case color.GrayModel, color.Gray16Model:
		return page.Gray
	case color.CMYKModel:
		return page.CMYK
	}
	return page.RGB
}
