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
// transforms an output profile must (ICC.1:2010 §8.5): AToB0 and BToA0,
// each a lookup-table type.
func (p *iccProfile) checkOutputData() error {
	for _, sig := range []string{"A2B0", "B2A0"} {
		t, ok := p.tags[sig]
		if !ok {
			return fmt.Errorf("expected an output profile's colour data (tag '%s'), found none", sig)
		}
		if ty := string(t[0:4]); ty != "mft1" && ty != "mft2" && ty != "mAB " && ty != "mBA " {
			return fmt.Errorf("expected tag '%s' to be a lookup table, found type '%s'", sig, ty)
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
