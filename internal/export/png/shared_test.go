package png

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-text/typesetting/font"

	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// parsedFonts is a Parsed that gives one font and counts what it is asked.
type parsedFonts struct {
	f     *page.Font
	ft    *font.Font
	asked int
}

func (p *parsedFonts) ParsedFont(f *page.Font) *font.Font {
	p.asked++
	if f == p.f {
		return p.ft
	}
	return nil
}

// A font its caller has parsed is drawn from, not parsed again, and draws
// the same pixels as the exporter's own parse of the same file.
func TestSharedFont(t *testing.T) {
	// Noto Sans, as bundled (assets/fonts/noto-sans, OFL).
	data, err := os.ReadFile(filepath.Join("..", "..", "..", "assets", "fonts", "noto-sans", "NotoSans-Regular.ttf"))
	if err != nil {
		t.Fatal(err)
	}
	face, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	draw := func(f *page.Font, parsed Parsed) []byte {
		gid, _ := face.NominalGlyph('g')
		p := &page.Page{Size: geom.Size{W: 100, H: 100}, Items: []page.Item{
			&page.Text{Font: f, Size: 60, X: 10, Y: 70, Source: "g", Glyphs: []page.Glyph{{ID: uint16(gid)}}},
		}}
		img, err := Page(p, Options{DPI: 72, Fonts: parsed})
		if err != nil {
			t.Fatal(err)
		}
		return img.Pix
	}
	shared := &page.Font{Name: "NotoSans-Regular", Data: data}
	fonts := &parsedFonts{f: shared, ft: face.Font}
	got := draw(shared, fonts)
	if fonts.asked != 1 {
		t.Errorf("the exporter asked for the parsed font %d times, want once", fonts.asked)
	}
	fo, err := outlinesOf(shared, nil)
	if err != nil {
		t.Fatal(err)
	}
	if fo.face.Font != face.Font {
		t.Error("the exporter parsed the font again instead of drawing from the one given")
	}
	own := draw(&page.Font{Name: "NotoSans-Regular", Data: data}, nil)
	if !bytes.Equal(got, own) {
		t.Error("the shared font draws other pixels than the exporter's own parse")
	}
	if bytes.Count(got, []byte{255}) == len(got) {
		t.Error("nothing was drawn")
	}
}
