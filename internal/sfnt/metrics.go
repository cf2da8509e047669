package sfnt

import "fmt"

// Advances returns each glyph's horizontal advance in font units (from
// hmtx, the last long metric repeated for the glyphs after it, as the
// format says) and the font's units per em. It reads only head, hhea, maxp
// and hmtx, so it is far cheaper than parsing the glyph outlines.
func Advances(src []byte) (adv []uint16, upem int, err error) {
	recs, err := fontDir(src)
	if err != nil {
		return nil, 0, err
	}
	t := pick(src, recs, tagHead, tagHhea, tagMaxp, tagHmtx)
	head, hhea, maxp, hmtx := t[0], t[1], t[2], t[3]
	if len(head) < 54 || len(hhea) < 36 || len(maxp) < 6 {
		return nil, 0, fmt.Errorf("%w: head, hhea or maxp table missing or short", ErrMalformed)
	}
	upem = int(u16(head, 18))
	numGlyphs := int(u16(maxp, 4))
	long := int(u16(hhea, 34))
	if long == 0 || long > numGlyphs || len(hmtx) < 4*long {
		return nil, 0, fmt.Errorf("%w: hmtx holds fewer metrics than hhea says", ErrMalformed)
	}
	adv = make([]uint16, numGlyphs)
	for g := range adv {
		adv[g] = u16(hmtx, 4*min(g, long-1))
	}
	return adv, upem, nil
}

// Metrics are the font-wide values a PDF font descriptor needs, in font
// units (y up) unless said otherwise.
type Metrics struct {
	UnitsPerEm             int
	XMin, YMin, XMax, YMax int     // head: the bounding box of all glyphs
	Ascent, Descent        int     // hhea ascender and descender (Descent ≤ 0)
	CapHeight              int     // OS/2 sCapHeight (version 2 and later), else Ascent
	ItalicAngle            float64 // post, in degrees counter-clockwise from vertical
	FixedPitch             bool    // post.isFixedPitch
	Weight                 int     // OS/2 usWeightClass (400 regular, 700 bold), 0 if absent
	// PostScriptName is name ID 6 (Windows or Mac record), or "" when the
	// font has none.
	PostScriptName string
}

// ReadMetrics reads the font-wide metrics of a TrueType or OpenType CFF
// font from its head, hhea, OS/2, post and name tables.
func ReadMetrics(src []byte) (Metrics, error) {
	var m Metrics
	recs, err := fontDir(src)
	if err != nil {
		return m, err
	}
	t := pick(src, recs, tagHead, tagHhea, tagOS2, tagPost, tagName)
	head, hhea, os2, post, name := t[0], t[1], t[2], t[3], t[4]
	if len(head) < 54 || len(hhea) < 36 {
		return m, fmt.Errorf("%w: head or hhea table missing or short", ErrMalformed)
	}
	i16 := func(b []byte, off int) int { return int(int16(u16(b, off))) }
	m.UnitsPerEm = int(u16(head, 18))
	if m.UnitsPerEm < 16 || m.UnitsPerEm > 16384 {
		return m, fmt.Errorf("%w: head.unitsPerEm %d out of range", ErrMalformed, m.UnitsPerEm)
	}
	m.XMin, m.YMin, m.XMax, m.YMax = i16(head, 36), i16(head, 38), i16(head, 40), i16(head, 42)
	m.Ascent, m.Descent = i16(hhea, 4), i16(hhea, 6)
	m.CapHeight = m.Ascent
	if len(os2) >= 6 {
		m.Weight = int(u16(os2, 4))
	}
	if len(os2) >= 90 && u16(os2, 0) >= 2 {
		if c := i16(os2, 88); c > 0 {
			m.CapHeight = c
		}
	}
	if len(post) >= 16 {
		m.ItalicAngle = float64(int32(u32(post, 4))) / 65536
		m.FixedPitch = u32(post, 12) != 0
	}
	m.PostScriptName = postScriptName(name)
	return m, nil
}

// postScriptName returns name ID 6 from a name table, preferring the
// Windows Unicode record, or "" when there is none or it is malformed.
func postScriptName(t []byte) string {
	if len(t) < 6 {
		return ""
	}
	count, strOff := int(u16(t, 2)), int(u16(t, 4))
	var mac string
	for i := range count {
		r := 6 + 12*i
		if r+12 > len(t) {
			return mac
		}
		platform, enc, id := u16(t, r), u16(t, r+2), u16(t, r+6)
		n, off := int(u16(t, r+8)), strOff+int(u16(t, r+10))
		if id != 6 || off+n > len(t) {
			continue
		}
		s := t[off : off+n]
		switch {
		case platform == 3 && (enc == 1 || enc == 0) && n%2 == 0:
			rs := make([]rune, 0, n/2)
			for k := 0; k < n; k += 2 {
				rs = append(rs, rune(u16(s, k)))
			}
			return string(rs)
		case platform == 1 && enc == 0 && mac == "":
			mac = string(s)
		}
	}
	return mac
}
