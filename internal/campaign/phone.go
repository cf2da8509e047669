package campaign

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/nyaruka/phonenumbers"

	"github.com/handbill/handbill/internal/diag"
)

// DefaultRegion is the region of a campaign.yaml without region:.
const DefaultRegion = "GB"

// checkRegion returns the campaign's region: an ISO 3166 code the phone
// number library knows, DefaultRegion when unset.
func checkRegion(l *diag.List, s scalar) string {
	if !s.Set {
		return DefaultRegion
	}
	if phonenumbers.GetSupportedRegions()[s.V] {
		return s.V
	}
	d := s.Diag("region", "expected a two-letter country code like %q, found %q", DefaultRegion, s.V)
	d.Hint = diag.DidYouMean(s.V, slices.Sorted(maps.Keys(phonenumbers.GetSupportedRegions())))
	if d.Hint == "" {
		d.Hint = "the country the campaign is printed for, as in ISO 3166 (GB, IE, DE, US…): numbers printed without a country code are dialled there"
	}
	l.Add(d)
	return DefaultRegion
}

// printedNumber is a helpline's number as printed, read as dialled in a
// region: either a full number (E164 set) or a short code (Short set, the
// printed digits); Tel is what a mobile phone in the region dials
// (libphonenumber's FormatNumberForMobileDialing), which the QR code
// encodes.
type printedNumber struct {
	E164  string
	Short string
	Tel   string
}

// harmonised116 are the European harmonised numbers of social value the
// European Commission has reserved (Decision 2007/116/EC and its
// amendments): 116 000 missing children, 116 006 victims of crime, 116 111
// child helplines, 116 117 out-of-hours medical care, 116 123 emotional
// support; the same six digits in every EU and EEA country and the UK.
var harmonised116 = []string{"116000", "116006", "116111", "116117", "116123"}

// readPrinted reads a printed number: digits in any of the ways people
// group them (spaces, hyphens, dots, parentheses), a leading + for a
// country code. It returns what it expected when the number is not a
// valid number or short code in region.
func readPrinted(number, region string) (printedNumber, string) {
	expect := fmt.Sprintf("a phone number or short code valid in region %s", region)
	if strings.Trim(number, "0123456789+-.() \u00a0\u202f") != "" || strings.LastIndex(number, "+") > 0 {
		return printedNumber{}, expect + " (digits, spaces, hyphens, dots, parentheses and a leading +)"
	}
	n, err := phonenumbers.Parse(number, region)
	if err != nil {
		return printedNumber{}, expect
	}
	if phonenumbers.IsValidNumber(n) {
		tel := phonenumbers.FormatNumberForMobileDialing(n, region, false)
		if tel == "" {
			return printedNumber{}, fmt.Sprintf("a number a mobile phone in region %s can dial", region)
		}
		return printedNumber{E164: phonenumbers.Format(n, phonenumbers.E164), Tel: tel}, ""
	}
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, number)
	if !strings.Contains(number, "+") && shortCode.MatchString(digits) && validShort(n, digits, region) {
		return printedNumber{Short: digits, Tel: digits}, ""
	}
	return printedNumber{}, expect
}

// validShort says whether digits, n as parsed, is a short number in use
// in region by libphonenumber's short-number data (101 and 116 123 in GB;
// 104 is not one), or a harmonised 116 number the data does not list for
// the region (116 006 in GB) where short numbers of that length are
// possible.
func validShort(n *phonenumbers.PhoneNumber, digits, region string) bool {
	if phonenumbers.IsValidShortNumberForRegion(n, region) {
		return true
	}
	return slices.Contains(harmonised116, digits) && phonenumbers.IsPossibleShortNumberForRegion(n, region)
}

// checkDialable makes sure a helpline's QR code dials what is printed: it
// reads the printed number for the campaign's region and returns it, with
// its E.164 form or short code and the form a mobile in the region dials,
// which the QR code encodes. e164 and dial in campaign.yaml are optional;
// when given they must be the printed number's.
func checkDialable(l *diag.List, h helplineFile, id, region, p string) printedNumber {
	pn, expect := readPrinted(h.Number.V, region)
	if expect != "" {
		report(l, h.Number, p+".number", fmt.Sprintf("helpline %q: expected %s, found %q", id, expect, h.Number.V),
			fmt.Sprintf("write the number as it is dialled in region %s, or with its country code (%s); set region: in campaign.yaml for a campaign printed elsewhere", region, exampleNumber(region)))
		return printedNumber{}
	}
	hint := "the QR code must dial the number that is printed: correct one of them, or leave e164 and dial out and handbill derives them from the number"
	switch {
	case h.E164.Set && h.Dial.Set:
		h.Dial.Errorf(l, p+".dial", "helpline %q: expected e164 or dial, found both", id)
	case h.E164.Set && pn.Short != "":
		report(l, h.E164, p+".e164", fmt.Sprintf("helpline %q: the printed number %q is a short code with no E.164 form, found e164 %q", id, h.Number.V, h.E164.V),
			fmt.Sprintf("write dial: %q, or leave e164 out", pn.Short))
	case h.E164.Set && !samePhone(h.E164.V, pn.E164):
		report(l, h.E164, p+".e164", fmt.Sprintf("helpline %q: expected %q, the E.164 form of the printed number %q (region %s), found %q", id, pn.E164, h.Number.V, region, h.E164.V), hint)
	case h.Dial.Set && pn.E164 != "":
		report(l, h.Dial, p+".dial", fmt.Sprintf("helpline %q: the printed number %q is a full number (%s), not a short code, found dial %q", id, h.Number.V, pn.E164, h.Dial.V),
			fmt.Sprintf("write e164: %q, or leave dial out", pn.E164))
	case h.Dial.Set && h.Dial.V != pn.Short:
		report(l, h.Dial, p+".dial", fmt.Sprintf("helpline %q: expected %q, the printed number %q as a short code, found %q", id, pn.Short, h.Number.V, h.Dial.V), hint)
	}
	return pn
}

// samePhone says whether an e164 value written in campaign.yaml is the
// E.164 number want (spaces between its digits allowed).
func samePhone(written, want string) bool {
	return strings.ReplaceAll(written, " ", "") == want
}

// report adds an error at s with a hint.
func report(l *diag.List, s scalar, path, msg, hint string) {
	d := s.Diag(path, "%s", msg)
	d.Hint = hint
	l.Add(d)
}

// resolveEmergency reads emergency: one number or a list of them, each an
// emergency number of region by libphonenumber's short-number data (112
// and 999 in IE, 999 and 112 in GB, 911 in US), each listed once.
func resolveEmergency(l *diag.List, ss []scalar, region string) ([]string, Pos) {
	var out []string
	var at Pos
	for i, s := range ss {
		p := "emergency"
		if len(ss) > 1 {
			p = fmt.Sprintf("emergency[%d]", i)
		}
		if i == 0 {
			at = posOf(s, "emergency")
		}
		switch {
		case !shortCode.MatchString(s.V):
			report(l, s, p, fmt.Sprintf("expected an emergency short code like \"999\", found %q", s.V),
				`write the number as dialled, digits only: emergency: "112", or a list: emergency: ["112", "999"]`)
		case !phonenumbers.IsEmergencyNumber(s.V, region):
			report(l, s, p, fmt.Sprintf("expected an emergency number of region %s, found %q", region, s.V),
				"list the numbers that reach the emergency services in the region the campaign is printed for; set region: in campaign.yaml for a campaign printed elsewhere")
		case slices.Contains(out, s.V):
			s.Errorf(l, p, "expected each emergency number once, found %q again", s.V)
		default:
			out = append(out, s.V)
		}
	}
	return out, at
}

// exampleNumber is a number of region written with its country code, as
// libphonenumber's example for the region ("+353 1 234 5678" in IE), for
// hints.
func exampleNumber(region string) string {
	if n := phonenumbers.GetExampleNumber(region); n != nil {
		return phonenumbers.Format(n, phonenumbers.INTERNATIONAL)
	}
	return "+44 800 1111"
}
