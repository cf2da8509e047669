package campaign

import (
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/diag"
)

// TestPrintedNumbers: every way a valid number is printed is read as the
// number it is, in the campaign's region; the QR code dials what
// libphonenumber says a mobile phone in the region dials for it: national
// digits for GB and IE freephone (some networks do not connect them in
// international form), E.164 for US and foreign numbers; a short code
// stays a short code.
func TestPrintedNumbers(t *testing.T) {
	for _, c := range []struct {
		number, region string
		e164, dial     string
		tel            string
	}{
		{"0800 1111", "GB", "+448001111", "", "08001111"},
		{"+44 800 1111", "GB", "+448001111", "", "08001111"},
		{"(0800) 1111", "GB", "+448001111", "", "08001111"},
		{"0800-1111", "GB", "+448001111", "", "08001111"},
		{"+44 (0) 800 1111", "GB", "+448001111", "", "08001111"},
		{"0333 240 1727", "GB", "+443332401727", "", "03332401727"},
		{"101", "GB", "", "101", "101"},
		{"116 123", "GB", "", "116123", "116123"},
		{"116 111", "GB", "", "116111", "116111"},
		{"116 006", "GB", "", "116006", "116006"},
		{"01 234 5678", "IE", "+35312345678", "", "012345678"},
		{"1800 700 700", "IE", "+3531800700700", "", "1800700700"},
		{"116 111", "DE", "", "116111", "116111"},
		{"0800 1110333", "DE", "+498001110333", "", "08001110333"},
		{"+33 1 23 45 67 89", "GB", "+33123456789", "", "+33123456789"},
		{"(202) 555-0143", "US", "+12025550143", "", "+12025550143"},
	} {
		var l diag.List
		h := helplineFile{Number: scalar{V: c.number, Set: true}}
		pn := checkDialable(&l, h, "x", c.region, "helplines[0]")
		if len(l) > 0 || pn.E164 != c.e164 || pn.Short != c.dial || pn.Tel != c.tel {
			t.Errorf("%q in %s: %+v %v; want e164 %q dial %q tel %q", c.number, c.region, pn, l, c.e164, c.dial, c.tel)
		}
		if pay, want := (Helpline{Tel: pn.Tel}).Payload(), "tel:"+c.tel; pay != want {
			t.Errorf("%q: payload %q, want %q", c.number, pay, want)
		}
	}
}

// TestDialMismatch: an e164 or dial that is not the printed number is an
// error naming the helpline and both forms, at the e164 or dial line.
func TestDialMismatch(t *testing.T) {
	for _, c := range []struct {
		number, e164, dial, region, want string
	}{
		{"0800 1111", "+33123456789", "", "GB", `helpline "x": expected "+448001111", the E.164 form of the printed number "0800 1111" (region GB), found "+33123456789"`},
		{"0800 1111", "+448001111", "", "IE", `expected a phone number or short code valid in region IE`},
		{"01 234 5678", "+4412345678", "", "IE", `expected "+35312345678"`},
		{"101", "+44101", "", "GB", `the printed number "101" is a short code with no E.164 form, found e164 "+44101"`},
		{"101", "", "999", "GB", `expected "101", the printed number "101" as a short code, found "999"`},
		{"0800 1111 ext. 2", "", "", "GB", `expected a phone number or short code`},
		{"0800 111", "", "", "GB", `expected a phone number or short code`},
		{"44+800", "", "", "GB", `expected a phone number or short code`},
		{"104", "", "", "GB", `expected a phone number or short code valid in region GB`},
		{"116 999", "", "", "GB", `expected a phone number or short code valid in region GB`},
	} {
		var l diag.List
		h := helplineFile{Number: scalar{V: c.number, Set: true, Line: 3}, E164: scalar{V: c.e164, Set: c.e164 != "", Line: 4}, Dial: scalar{V: c.dial, Set: c.dial != "", Line: 4}}
		checkDialable(&l, h, "x", c.region, "helplines[0]")
		if len(l) != 1 || !strings.Contains(l[0].Msg, c.want) {
			t.Errorf("%q e164 %q dial %q in %s: %v; want one error with %q", c.number, c.e164, c.dial, c.region, l, c.want)
			continue
		}
		want := 4 // at e164 or dial, unless the printed number itself is wrong
		if strings.HasPrefix(c.want, "expected a phone number") {
			want = 3
		}
		if l[0].Line != want {
			t.Errorf("%q: error at line %d, want %d", c.number, l[0].Line, want)
		}
	}
}

// The hint for a number that is not valid shows one of the campaign's own
// region, not a British one in an Irish campaign.
func TestExampleNumberIsTheRegions(t *testing.T) {
	for region, want := range map[string]string{"IE": "+353 ", "GB": "+44 ", "DE": "+49 "} {
		if got := exampleNumber(region); !strings.HasPrefix(got, want) {
			t.Errorf("exampleNumber(%s) = %q, want a number starting %q", region, got, want)
		}
	}
}
