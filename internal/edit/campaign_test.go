package edit

import (
	"strings"
	"testing"
	"time"
)

func TestAddLocale(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"block list keeps comments and what follows",
			"id: x\nlocales:\n  # the source first\n  - en-GB\n  - {tag: pl}   # draft\nlayouts: [card]\n",
			"id: x\nlocales:\n  # the source first\n  - en-GB\n  - {tag: pl}   # draft\n  - {tag: cy}\nlayouts: [card]\n"},
		{"block list of mappings",
			"locales:\n- tag: en-GB\n- tag: pl\n  reviewed_by: A\n  reviewed_on: 2026-01-02\n  source_hash: sha1-x\n\n# layouts\nlayouts: [card]\n",
			"locales:\n- tag: en-GB\n- tag: pl\n  reviewed_by: A\n  reviewed_on: 2026-01-02\n  source_hash: sha1-x\n- {tag: cy}\n\n# layouts\nlayouts: [card]\n"},
		{"flow list",
			"locales: [en-GB, pl] # two\nlayouts: [card]\n",
			"locales: [en-GB, pl, {tag: cy}] # two\nlayouts: [card]\n"},
		{"last in the file without a newline",
			"layouts: [card]\nlocales:\n  - en-GB",
			"layouts: [card]\nlocales:\n  - en-GB\n  - {tag: cy}\n"},
	} {
		got, listed, err := AddLocale([]byte(c.in), "cy")
		if err != nil || listed || string(got) != c.want {
			t.Errorf("%s: AddLocale =\n%s (listed %v, %v)\nwant\n%s", c.name, got, listed, err, c.want)
		}
	}
	in := "locales: [en-GB, cy]\n"
	if got, listed, err := AddLocale([]byte(in), "cy"); err != nil || !listed || string(got) != in {
		t.Errorf("AddLocale of a listed tag = %q, %v, %v; want it unchanged and listed", got, listed, err)
	}
}

func TestRecordReview(t *testing.T) {
	on := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	const h = "sha1-f1431eb29f1452f50e16030701af0ec0e19f09be"
	entry := "{tag: pl, reviewed_by: Anna Nowak, reviewed_on: 2026-12-01, source_hash: " + h + "}"
	for _, c := range []struct{ name, in, want string }{
		{"bare tag in a block list", "locales:\n  - en-GB\n  - pl # Polish\n  - cy\n", "locales:\n  - en-GB\n  - " + entry + " # Polish\n  - cy\n"},
		{"flow mapping", "locales:\n  - {tag: pl}\n", "locales:\n  - " + entry + "\n"},
		{"block mapping with an old review", "locales:\n  - tag: pl\n    reviewed_by: B\n    reviewed_on: 2025-01-01\n    source_hash: sha1-old\n  - cy\n", "locales:\n  - " + entry + "\n  - cy\n"},
		{"flow list", "locales: [en-GB, \"pl\", cy]\n", "locales: [en-GB, " + entry + ", cy]\n"},
	} {
		got, err := RecordReview([]byte(c.in), "pl", "Anna Nowak", on, h)
		if err != nil || string(got) != c.want {
			t.Errorf("%s: RecordReview =\n%s (%v)\nwant\n%s", c.name, got, err, c.want)
		}
	}
	got, err := RecordReview([]byte("locales: [pl]\n"), "pl", "O'Brien: Ciarán", on, h)
	if err != nil || !strings.Contains(string(got), `reviewed_by: 'O''Brien: Ciarán'`) {
		t.Errorf("a name with a colon must be quoted: %s (%v)", got, err)
	}
	if _, err := RecordReview([]byte("locales: [en-GB]\n"), "pl", "A", on, h); err == nil {
		t.Error("RecordReview of an unlisted locale gave no error")
	}
}

func TestCheckTag(t *testing.T) {
	for tag, want := range map[string]string{
		"pl":      "",
		"pt-BR":   "",
		"zh-Hans": "",
		"p1":      `"p1" is not a valid BCP 47 language tag: tag is not well-formed`,
		"xx":      `"xx" is not a valid BCP 47 language tag: subtag "xx" is well-formed but unknown`,
		"PL":      `"PL" is not in canonical form: write "pl"`,
		"en-XA":   "en-XA is a built-in pseudo-locale: it is derived from the source and never written to disk",
	} {
		err := CheckTag(tag)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != want {
			t.Errorf("CheckTag(%q) = %q, want %q", tag, got, want)
		}
	}
}
