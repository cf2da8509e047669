package messages

import (
	"slices"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

// The expected hashes are from go-i18n's own tests of goi18n merge
// (goi18n/merge_command_test.go, v2.7.0); internal/check runs goi18n
// itself on the bundled campaign.
func TestHashMatchesGoi18nVectors(t *testing.T) {
	for _, c := range []struct {
		m    i18n.Message
		want string
	}{
		{i18n.Message{Other: "Hello"}, "sha1-f7ff9e8b7bb2e09b70935a5d785e0cc5d9d0abf0"},
		{i18n.Message{Other: "Goodbye"}, "sha1-b5b29c53e3c71cb9c6581ab053d7758fab8ca24d"},
		{i18n.Message{Other: "Hi"}, "sha1-94dd9e08c129c785f7f256e82fbe0a30e6d1ae40"},
		{i18n.Message{Description: "Message that tells the user how many unread emails they have",
			One: "{{.Count}} unread email", Other: "{{.Count}} unread emails"}, "sha1-5afbc91dfedb9755627655c365eb47a89e541099"},
	} {
		if got := Hash(&c.m); got != c.want {
			t.Errorf("Hash(%+v) = %s, want %s", c.m, got, c.want)
		}
	}
}

func TestSourceHashChangesWithAnyForm(t *testing.T) {
	f := &File{Messages: map[string]*i18n.Message{
		"a": {ID: "a", Description: "d", One: "one", Other: "other"},
		"b": {ID: "b", Other: "b"},
	}}
	base := SourceHash(f)
	if base != SourceHash(f) {
		t.Fatal("SourceHash is not deterministic")
	}
	for name, change := range map[string]func(){
		"one form":    func() { f.Messages["a"].One = "uno" },
		"description": func() { f.Messages["a"].Description = "note" },
		"new message": func() { f.Messages["c"] = &i18n.Message{ID: "c", Other: "c"} },
	} {
		change()
		if SourceHash(f) == base {
			t.Errorf("changing the %s left the source hash as it was", name)
		}
		base = SourceHash(f)
	}
}

func TestPluralForms(t *testing.T) {
	for tag, want := range map[string][]string{
		"en-GB":   {"one", "other"},
		"pl":      {"one", "few", "many", "other"},
		"ar":      {"zero", "one", "two", "few", "many", "other"},
		"zh-Hans": {"other"},
		"ro":      {"one", "few", "other"},
		"ar-XB":   {"zero", "one", "two", "few", "many", "other"},
	} {
		got, err := PluralForms(tag)
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("PluralForms(%s) = %v, %v; want %v", tag, got, err, want)
		}
	}
	if _, err := PluralForms("xx"); err == nil {
		t.Error("PluralForms(xx) gave no error for an unknown language")
	}
}
