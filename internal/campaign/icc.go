package campaign

import (
	"encoding/binary"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
)

// maxProfile bounds an ICC profile's size: press profiles are a few
// megabytes; a larger file is not one.
const maxProfile = 64 << 20

// registry lists the characterised printing conditions of the ICC's
// registry (color.org) handbill knows, by identifier, with other names a
// profile's description or characterisation target may give them (ECI's
// ISO Coated v2 is characterised by FOGRA39, GRACoL 2013 is CGATS21-2
// CRPC6). Names are compared in capitals without spaces or punctuation.
var registry = map[string][]string{
	"FOGRA27": nil, "FOGRA28": nil, "FOGRA29": nil, "FOGRA30": nil, "FOGRA31": nil,
	"FOGRA39": {"ISOCOATEDV2"}, "FOGRA40": {"SCCOATED"}, "FOGRA45": nil, "FOGRA46": nil, "FOGRA47": {"PSOUNCOATEDISO12647"},
	"FOGRA51": {"PSOCOATEDV3"}, "FOGRA52": {"PSOUNCOATEDV3"}, "FOGRA53": nil, "FOGRA54": nil, "FOGRA55": nil,
	"CGATS TR 001": {"SWOP"}, "CGATS TR 003": nil, "CGATS TR 005": nil, "CGATS TR 006": nil,
	"CGATS21-2-CRPC5": nil, "CGATS21-2-CRPC6": {"GRACOL2013"}, "CGATS21-2-CRPC7": nil,
	"JC200103": {"JAPANCOLOR2001COATED"}, "IFRA26": nil, "IFRA30": nil,
}

// registryName returns the registry identifier condition names (in any
// case and spacing), and whether it names one.
func registryName(condition string) (string, bool) {
	c := squash(condition)
	for id := range registry {
		if squash(id) == c {
			return id, true
		}
	}
	return "", false
}

// squash returns s in capitals, letters and digits only.
func squash(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToUpper(r)
		}
		return -1
	}, s)
}

// iccProfile is what handbill reads of an ICC profile beyond its header:
// its tags (ICC.1:2010 §7.3), its description and characterisation target.
type iccProfile struct {
	tags        map[string][]byte
	description string // 'desc'
	target      string // 'targ': the characterisation's name (targetName)
}

// readICC reads an ICC profile's tag table, every tag inside the profile,
// and its text tags. A profile cut short, whose header was patched to its
// new size, has tags that point past its end.
func readICC(b []byte) (*iccProfile, error) {
	if len(b) < 132 {
		return nil, fmt.Errorf("expected an ICC tag table after the header, found %d bytes", len(b))
	}
	n := int(binary.BigEndian.Uint32(b[128:132]))
	if n > (len(b)-132)/12 {
		return nil, fmt.Errorf("expected a tag table of %d entries inside the profile's %d bytes, found it cut short", n, len(b))
	}
	p := &iccProfile{tags: map[string][]byte{}}
	for i := range n {
		e := b[132+12*i:]
		sig := string(e[0:4])
		off, size := int64(binary.BigEndian.Uint32(e[4:8])), int64(binary.BigEndian.Uint32(e[8:12]))
		if off+size > int64(len(b)) || size < 8 {
			return nil, fmt.Errorf("expected tag '%s' inside the profile's %d bytes, found it at bytes %d to %d (a truncated profile)", sig, len(b), off, off+size)
		}
		p.tags[sig] = b[off : off+size]
	}
	p.description = iccText(p.tags["desc"])
	p.target = targetName(iccText(p.tags["targ"]))
	return p, nil
}

// iccText decodes a text tag: textType, textDescriptionType (ICC v2) or
// multiLocalizedUnicodeType (v4, its first record); "" for anything else.
func iccText(t []byte) string {
	if len(t) < 12 {
		return ""
	}
	switch string(t[0:4]) {
	case "text":
		return strings.TrimRight(string(t[8:]), "\x00 ")
	case "desc":
		n := int64(binary.BigEndian.Uint32(t[8:12]))
		if 12+n > int64(len(t)) {
			return ""
		}
		return strings.TrimRight(string(t[12:12+n]), "\x00 ")
	case "mluc":
		if len(t) < 28 || binary.BigEndian.Uint32(t[8:12]) == 0 {
			return ""
		}
		l, off := int64(binary.BigEndian.Uint32(t[20:24])), int64(binary.BigEndian.Uint32(t[24:28]))
		if off+l > int64(len(t)) || l%2 != 0 {
			return ""
		}
		u := make([]uint16, l/2)
		for i := range u {
			u[i] = binary.BigEndian.Uint16(t[off+2*int64(i):])
		}
		return strings.TrimRight(string(utf16.Decode(u)), "\x00 ")
	}
	return ""
}

// targetName returns the name a characterisation target tag gives
// (ICC.1:2010 §9.2.16): the tag is either a reference, such as "FOGRA39"
// or "CGATS TR 001", returned as it is, or the measurement data in CGATS.17
// text, which Argyll's colprof embeds (130 KB for FOGRA39L.ti3); of data,
// the name is the header's DESCRIPTOR ("FOGRA39L"), for the measurements
// name nothing.
func targetName(t string) string {
	header, _, data := strings.Cut(t, "BEGIN_DATA")
	if !data {
		return t
	}
	for line := range strings.Lines(header) {
		if v, ok := strings.CutPrefix(strings.TrimSpace(line), "DESCRIPTOR"); ok {
			return strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	return ""
}

// checkOutputData checks that an output profile carries the colour
// transforms an output profile must (ICC.1:2010 §8.5): AToB0 from CMYK to
// the connection space and BToA0 back, each a lookup table (checkLUT).
func (p *iccProfile) checkOutputData() error {
	for _, d := range []struct {
		sig     string
		in, out int
	}{{"A2B0", 4, 3}, {"B2A0", 3, 4}} {
		t, ok := p.tags[d.sig]
		if !ok {
			return fmt.Errorf("expected an output profile's colour data (tag '%s'), found none", d.sig)
		}
		if err := checkLUT(d.sig, t, d.in, d.out); err != nil {
			return err
		}
	}
	if p.description == "" {
		return fmt.Errorf("expected a profile description (tag 'desc'), found none")
	}
	return nil
}

// names reports whether the profile's description or characterisation
// target names the registry condition id, or one of its other names.
func (p *iccProfile) names(id string) bool {
	have := squash(p.description) + "|" + squash(p.target)
	for _, n := range append([]string{id}, registry[id]...) {
		if strings.Contains(have, squash(n)) {
			return true
		}
	}
	return false
}

// checkLUT checks lookup-table tag sig (ICC.1:2010 §10.8-10.12): a table
// type, in input and out output channels, and for the version 2 types
// (lut8, lut16) a grid of at least 2 points a side whose tables fit in the
// tag; for the version 4 types (lutAtoB, lutBtoA), B curves and every
// element inside the tag. Little CMS, which Ghostscript and most RIPs
// use, refuses a table with a grid of 0 points; a profile header and tag
// table alone do not show it.
func checkLUT(sig string, t []byte, in, out int) error {
	ty := string(t[0:4])
	if ty != "mft1" && ty != "mft2" && ty != "mAB " && ty != "mBA " {
		return fmt.Errorf("expected tag '%s' to be a lookup table, found type '%s'", sig, ty)
	}
	if len(t) < 12 {
		return fmt.Errorf("expected tag '%s' to be a lookup table, found %d bytes", sig, len(t))
	}
	if gotIn, gotOut := int(t[8]), int(t[9]); gotIn != in || gotOut != out {
		return fmt.Errorf("expected tag '%s' to map %d channels to %d, found %d to %d", sig, in, out, gotIn, gotOut)
	}
	if ty == "mAB " || ty == "mBA " {
		return checkLUTElements(sig, t)
	}
	return checkLUTTables(sig, t, in, out)
}

// checkLUTTables checks a version 2 lookup table (lut8 'mft1', lut16
// 'mft2'): a grid of at least 2 points a side and its curves and grid
// inside the tag.
func checkLUTTables(sig string, t []byte, in, out int) error {
	ty := string(t[0:4])
	grid := int64(t[10])
	if grid < 2 {
		return fmt.Errorf("expected tag '%s' to have a colour grid of at least 2 points a side, found %d", sig, grid)
	}
	points := int64(out)
	for range in {
		points *= grid
	}
	need := 48 + 256*int64(in+out) + points // lut8: one byte an entry
	if ty == "mft2" {
		if len(t) < 52 {
			return fmt.Errorf("expected tag '%s' to be a lookup table, found %d bytes", sig, len(t))
		}
		inN, outN := int64(binary.BigEndian.Uint16(t[48:50])), int64(binary.BigEndian.Uint16(t[50:52]))
		if inN < 2 || outN < 2 {
			return fmt.Errorf("expected tag '%s' to have curves of at least 2 entries, found %d and %d", sig, inN, outN)
		}
		need = 52 + 2*(inN*int64(in)+points+outN*int64(out))
	}
	if need > int64(len(t)) {
		return fmt.Errorf("expected tag '%s''s tables (%d bytes) inside it, found a tag of %d bytes", sig, need, len(t))
	}
	return nil
}

// checkLUTElements checks a version 4 lookup table's element offsets
// (B curves, matrix, M curves, CLUT, A curves): B curves present and
// every element that is present inside the tag.
func checkLUTElements(sig string, t []byte) error {
	if len(t) < 32 {
		return fmt.Errorf("expected tag '%s' to be a lookup table, found %d bytes", sig, len(t))
	}
	for i, name := range []string{"B curves", "matrix", "M curves", "colour grid", "A curves"} {
		off := int64(binary.BigEndian.Uint32(t[12+4*i:]))
		if off == 0 && i == 0 {
			return fmt.Errorf("expected tag '%s' to have B curves, found none", sig)
		}
		if off >= int64(len(t)) {
			return fmt.Errorf("expected tag '%s''s %s inside it, found them at byte %d of %d", sig, name, off, len(t))
		}
	}
	return nil
}
