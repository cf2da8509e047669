package messages

import (
	"crypto/sha1"
	"fmt"
	"io"
	"maps"
	"slices"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Hash returns the hash of a source message as go-i18n's `goi18n merge`
// computes it and writes into translation files: "sha1-" and the hex SHA-1
// of the description followed by the "other" form. A translation carrying
// the hash of the source it was made from can be told stale when the source
// changes.
func Hash(m *i18n.Message) string {
	h := sha1.New()
	io.WriteString(h, m.Description)
	io.WriteString(h, m.Other)
	return fmt.Sprintf("sha1-%x", h.Sum(nil))
}

// SourceHash returns the hash of a whole source message file: every id with
// its description and all its plural forms, in id order. A review records it
// ("reviewed against this source"); when any source message changes, so
// does the hash, and the review no longer covers the current text.
func SourceHash(f *File) string {
	h := sha1.New()
	for _, id := range slices.Sorted(maps.Keys(f.Messages)) {
		m := f.Messages[id]
		fmt.Fprintf(h, "%q %q", id, m.Description)
		for _, form := range PluralCategories {
			if s := Form(m, form); s != "" {
				fmt.Fprintf(h, " %s=%q", form, s)
			}
		}
		io.WriteString(h, "\n")
	}
	return fmt.Sprintf("sha1-%x", h.Sum(nil))
}

// PluralCategories are the CLDR plural categories, in CLDR order.
var PluralCategories = []string{"zero", "one", "two", "few", "many", "other"}

// Form returns the text of plural category form in m ("" when absent).
func Form(m *i18n.Message, form string) string {
	if p := formField(m, form); p != nil {
		return *p
	}
	return ""
}

// SetForm sets the text of plural category form in m.
func SetForm(m *i18n.Message, form, text string) {
	if p := formField(m, form); p != nil {
		*p = text
	}
}

// formField is m's field for plural category form, or nil for a name that
// is not a CLDR category.
func formField(m *i18n.Message, form string) *string {
	switch form {
	case "zero":
		return &m.Zero
	case "one":
		return &m.One
	case "two":
		return &m.Two
	case "few":
		return &m.Few
	case "many":
		return &m.Many
	case "other":
		return &m.Other
	}
	return nil
}

// Forms returns the plural categories m has text for, in CLDR order.
func Forms(m *i18n.Message) []string {
	var out []string
	for _, f := range PluralCategories {
		if Form(m, f) != "" {
			out = append(out, f)
		}
	}
	return out
}

// IsPlural reports whether a source message varies with a count: it has a
// form besides "other". A translation of it needs every category its
// language uses; other messages need only "other" (as goi18n merge does).
func IsPlural(m *i18n.Message) bool {
	return m.Zero != "" || m.One != "" || m.Two != "" || m.Few != "" || m.Many != ""
}

var pluralCache sync.Map // language tag string → []string or error

// pluralSamples are counts that between them reach every category of every
// CLDR rule: integers, the millions that Romance languages call "many",
// decimals (Polish and Lithuanian use "other" only for fractions) and
// compact exponents.
var pluralSamples = func() []any {
	var s []any
	for i := 0; i <= 1000; i++ {
		s = append(s, i)
	}
	for _, n := range []int{10000, 100000, 1000000, 2000000, 10000000} {
		s = append(s, n)
	}
	for i := 0; i <= 30; i++ {
		for _, f := range []string{".0", ".1", ".5", ".00", ".25", ".05"} {
			s = append(s, fmt.Sprintf("%d%s", i, f))
		}
	}
	for _, e := range []string{"1c3", "1c6", "2c6", "1.5c6", "1c7"} {
		s = append(s, e)
	}
	return s
}()

// PluralForms returns the CLDR plural categories locale tag uses, as
// go-i18n's own rules choose them (found by asking go-i18n to pick a form
// for sample counts, so handbill never disagrees with the library that
// renders the text). It fails when go-i18n has no plural rule for the tag.
func PluralForms(tag string) ([]string, error) {
	if v, ok := pluralCache.Load(tag); ok {
		if err, isErr := v.(error); isErr {
			return nil, err
		}
		return v.([]string), nil
	}
	forms, err := pluralForms(tag)
	if err != nil {
		pluralCache.Store(tag, err)
		return nil, err
	}
	pluralCache.Store(tag, forms)
	return forms, nil
}

func pluralForms(tag string) (forms []string, err error) {
	t, err := language.Parse(tag)
	if err != nil {
		return nil, fmt.Errorf("locale %q: %w", tag, err)
	}
	b := i18n.NewBundle(t)
	m := &i18n.Message{ID: "p"}
	for _, f := range PluralCategories {
		SetForm(m, f, f)
	}
	if err := b.AddMessages(t, m); err != nil {
		return nil, err
	}
	loc := i18n.NewLocalizer(b, tag)
	defer func() {
		// go-i18n dereferences a nil rule for a language it has no
		// plural rule for.
		if recover() != nil {
			forms, err = nil, fmt.Errorf("go-i18n has no plural rule for %s", tag)
		}
	}()
	seen := map[string]bool{}
	for _, n := range pluralSamples {
		s, err := loc.Localize(&i18n.LocalizeConfig{MessageID: "p", PluralCount: n})
		if err != nil {
			continue // a sample this version's operand parser refuses
		}
		seen[s] = true
	}
	for _, f := range PluralCategories {
		if seen[f] {
			forms = append(forms, f)
		}
	}
	if !slices.Contains(forms, "other") {
		return nil, fmt.Errorf("go-i18n's plural rule for %s never chooses \"other\"", tag)
	}
	return forms, nil
}
