package serve

import (
	"bytes"
	"encoding/binary"
	img "image"
	"image/color"
	"image/png"
)

// addFiles makes the files the pages use besides previews: the favicon,
// and the web fonts of each language with their licences.
func (s *Site) addFiles() error {
	ico, err := favicon()
	if err != nil {
		return err
	}
	s.files["favicon.ico"] = newBlob(ico, "image/x-icon")
	s.routes["favicon.ico"] = &route{kind: fileRoute}
	s.files["robots.txt"] = newBlob([]byte(robots), "text/plain; charset=utf-8")
	s.routes["robots.txt"] = &route{kind: fileRoute}
	return nil
}

// robots is the site's robots.txt: pages and PDFs may be indexed, so that
// a school finds the posters by searching; previews, rendered on demand
// and of no use in a search result, are left alone. Crawlers read it only
// at a host's root, so it applies when the site is served at one.
const robots = `# handbill download site
User-agent: *
Disallow: /*.png$
Allow: /
`

// fontLinks names the fonts of a page of loc's also written in langs with
// links to their licences.
func (loc *localeInfo) fontLinks(root string, langs ...string) []fontLink {
	var out []fontLink
	fonts, _ := loc.pageFonts(langs...)
	for _, f := range fonts {
		out = append(out, fontLink{Name: f.name, Href: root + f.licence})
	}
	return out
}

// favicon draws the site's icon, the header's colours (a navy square with
// a yellow band, like the site's header), 32 pixels square, as an ICO file
// holding one PNG.
func favicon() ([]byte, error) {
	const n = 32
	pic := img.NewNRGBA(img.Rect(0, 0, n, n))
	navy := color.NRGBA{0x1d, 0x32, 0x63, 0xff}
	yellow := color.NRGBA{0xfb, 0xb8, 0x00, 0xff}
	for y := range n {
		for x := range n {
			c := navy
			if y >= 22 && y < 27 {
				c = yellow
			}
			pic.Set(x, y, c)
		}
	}
	var p bytes.Buffer
	if err := png.Encode(&p, pic); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	// ICONDIR: reserved, type 1 (icon), one image; ICONDIRENTRY: width,
	// height, colours, reserved, planes, bits per pixel, size, offset.
	for _, v := range []any{uint16(0), uint16(1), uint16(1), uint8(n), uint8(n), uint8(0), uint8(0),
		uint16(1), uint16(32), uint32(p.Len()), uint32(6 + 16)} {
		if err := binary.Write(&b, binary.LittleEndian, v); err != nil {
			return nil, err
		}
	}
	b.Write(p.Bytes())
	return b.Bytes(), nil
}
