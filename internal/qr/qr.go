// Package qr turns a payload into a QR code drawn as vector squares: the
// module matrix comes from skip2/go-qrcode, the quiet zone is kept here
// (four modules on every side), and dark modules are merged into horizontal
// runs so a code is a few dozen rectangles, not hundreds. It sits beside
// typeset, feeding compose.
//
// The tests read every code back with zbarimg at 150, 200, 300 and 600
// dpi (internal/build's TestQRCodesDecode; qrscan in the init
// testscript). zbar fits each finder pattern's edges with random samples
// from a generator that starts from the same seed in every zbarimg run
// and is shared by the whole page, so a code missed at one resolution
// only, that zbar reads alone or after any other image, is a miss of its
// sampler rather than of the code (d21f244's Irish DL at 300 dpi): test
// that before changing the module size or the quiet zone.
package qr

import (
	"fmt"
	"regexp"
	"sync"
	"sync/atomic"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// QuietZone is the clear margin around a code, in modules (ISO/IEC 18004).
const QuietZone = 4

// Level is the error correction level used unless a layout asks otherwise:
// Q restores up to 25% damage, enough for a folded or scuffed leaflet.
const Level = qrcode.High // skip2 calls level Q "High" (25%); H is "Highest"

var telURI = regexp.MustCompile(`^tel:(\+[1-9][0-9]{6,14}|[0-9]{3,17})$`)

// CheckPayload reports whether a payload is one handbill knows how to
// print: a tel: URI of an E.164 number, or of the digits a phone in the
// campaign's region dials (a national number, a short code).
func CheckPayload(p string) error {
	if !telURI.MatchString(p) {
		return fmt.Errorf("expected a tel: URI of an E.164 number (tel:+12025550143), a national number (tel:08001111) or a short code (tel:101), found %q", p)
	}
	return nil
}

// Matrix returns the dark modules of the code for payload, without quiet
// zone; true is dark. The matrix is shared between callers (a campaign
// draws the same few codes on every page it builds): do not change it.
func Matrix(payload string) ([][]bool, error) {
	if m, ok := matrices.Load(payload); ok {
		return m.([][]bool), nil
	}
	c, err := qrcode.New(payload, Level)
	if err != nil {
		return nil, fmt.Errorf("qr code for %q: %w", payload, err)
	}
	c.DisableBorder = true
	m := c.Bitmap()
	if matrixCount.Add(1) <= maxMatrices {
		matrices.Store(payload, m)
	}
	return m, nil
}

// matrices caches the matrix of each payload: encoding costs more than
// all the rest of drawing a code. A campaign has a handful of payloads;
// past maxMatrices codes are encoded afresh, so memory stays bounded.
var (
	matrices    sync.Map // payload → [][]bool
	matrixCount atomic.Int64
)

const maxMatrices = 256

// Draw lays out the code for payload in a square box of the given side
// (quiet zone included) at x, y, and returns the squares and the module size.
func Draw(payload string, x, y, side geom.Pt, color geom.Color) (*page.Squares, geom.Pt, error) {
	m, err := Matrix(payload)
	if err != nil {
		return nil, 0, err
	}
	n := len(m)
	mod := side / geom.Pt(n+2*QuietZone)
	sq := &page.Squares{Color: color, Payload: payload, Bounds: geom.Rect{X: x, Y: y, W: side, H: side}}
	x0, y0 := x+QuietZone*mod, y+QuietZone*mod
	for r, row := range m {
		for c := 0; c < n; {
			if !row[c] {
				c++
				continue
			}
			start := c
			for c < n && row[c] {
				c++
			}
			sq.Rects = append(sq.Rects, geom.Rect{X: x0 + geom.Pt(start)*mod, Y: y0 + geom.Pt(r)*mod, W: geom.Pt(c-start) * mod, H: mod})
		}
	}
	return sq, mod, nil
}
