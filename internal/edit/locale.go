package edit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/handbill/handbill/internal/messages"
)

// CheckTag says why tag cannot be a new locale, or nil: it must be a
// well-formed, known BCP 47 tag in canonical form, and one go-i18n has
// plural rules for.
func CheckTag(tag string) error {
	t, err := language.Parse(tag)
	if err != nil {
		return fmt.Errorf("%q is not a valid BCP 47 language tag: %s", tag, strings.TrimPrefix(err.Error(), "language: "))
	}
	if t.String() != tag {
		return fmt.Errorf("%q is not in canonical form: write %q", tag, t.String())
	}
	if messages.IsPseudo(tag) {
		return fmt.Errorf("%s is a built-in pseudo-locale: it is derived from the source and never written to disk", tag)
	}
	if _, err := messages.PluralForms(tag); err != nil {
		return fmt.Errorf("%q: %v, so handbill cannot tell which plural forms a translation needs", tag, err)
	}
	return nil
}

// NewLocaleFile returns the message file of a new locale, in format
// (toml, json, yaml or yml) — what `goi18n merge` writes as a
// translate.TAG file: every source message with its description (the
// translator's note), the hash of the source message it starts from, and
// the source text in each form to be translated (for a plural message,
// every CLDR category the language uses). campaign names the campaign in
// the file's header comment.
func NewLocaleFile(src *messages.File, campaign, tag, format string) ([]byte, error) {
	forms, err := messages.PluralForms(tag)
	if err != nil {
		return nil, err
	}
	var entries []entry
	for _, id := range src.IDs() {
		entries = append(entries, newEntry(id, src.Messages[id], forms))
	}
	name := display.English.Tags().Name(language.Make(tag))
	header := []string{
		fmt.Sprintf("%s (%s) messages of the campaign %q, created by `handbill locale add`", name, tag, campaign),
		fmt.Sprintf("from %s. Each message holds the source text: replace it with", src.Path),
		fmt.Sprintf("yours in every form (%s needs %s for messages that", name, strings.Join(forms, ", ")),
		"count). Keep {{.Placeholders}} exactly as they are. Leave description (a",
		"note for you) and hash alone: the hash records which source text you",
		"translated, so `handbill check` can tell you when it changes.",
	}
	var b bytes.Buffer
	if err := write(&b, format, header, entries); err != nil {
		return nil, err
	}
	if err := readsBack(b.Bytes(), tag, format, len(entries)); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// write writes entries in format (toml, json, yaml or yml) with header as
// the file's comment where the format has comments.
func write(b *bytes.Buffer, format string, header []string, entries []entry) error {
	switch format {
	case "toml":
		writeTOML(b, header, entries)
	case "json":
		writeJSON(b, entries)
	case "yaml", "yml":
		return writeYAML(b, header, entries)
	default:
		return fmt.Errorf("unknown message file format %q; expected toml, json or yaml", format)
	}
	return nil
}

// readsBack makes sure what handbill wrote reads back as go-i18n reads it,
// with n messages.
func readsBack(data []byte, tag, format string, n int) error {
	got, err := i18n.ParseMessageFileBytes(data, tag+"."+format, map[string]i18n.UnmarshalFunc{
		"toml": toml.Unmarshal, "json": json.Unmarshal, "yaml": yaml.Unmarshal, "yml": yaml.Unmarshal})
	if err != nil {
		return fmt.Errorf("handbill wrote a %s file go-i18n cannot read back: %w", format, err)
	}
	if len(got.Messages) != n {
		return fmt.Errorf("handbill wrote %d messages but go-i18n reads back %d", n, len(got.Messages))
	}
	return nil
}

// entry is one message of a new locale file: its id and its fields, and
// in TOML the comments a synced file keeps (comments.go).
type entry struct {
	id     string
	fields [][2]string       // key, value in file order
	lead   []string          // comment lines above the message
	inner  []string          // comment lines after its [table] line
	inline map[string]string // key ("" for the [table] line): comment after it on its line
}

// newEntry is the entry for source message sm: its description, the hash
// of the source it starts from, its delimiters, and the source text in
// every form the locale needs (forms, for a plural message; other else).
func newEntry(id string, sm *i18n.Message, forms []string) entry {
	e := entry{id: id}
	if sm.Description != "" {
		e.fields = append(e.fields, [2]string{"description", sm.Description})
	}
	e.fields = append(e.fields, [2]string{"hash", messages.Hash(sm)})
	if sm.LeftDelim != "" {
		e.fields = append(e.fields, [2]string{"leftDelim", sm.LeftDelim})
	}
	if sm.RightDelim != "" {
		e.fields = append(e.fields, [2]string{"rightDelim", sm.RightDelim})
	}
	use := []string{"other"}
	if messages.IsPlural(sm) {
		use = forms
	}
	for _, f := range use {
		text := messages.Form(sm, f)
		if text == "" {
			text = sm.Other
		}
		e.fields = append(e.fields, [2]string{f, text})
	}
	return e
}

func writeTOML(b *bytes.Buffer, header []string, entries []entry) {
	for _, h := range header {
		b.WriteString("# " + h + "\n")
	}
	writeTOMLEntries(b, entries)
}

// writeTOMLEntries writes entries as TOML tables, with their comments.
func writeTOMLEntries(b *bytes.Buffer, entries []entry) {
	for _, e := range entries {
		b.WriteString("\n")
		for _, c := range e.lead {
			b.WriteString(c + "\n")
		}
		fmt.Fprintf(b, "[%s]%s\n", tomlKey(e.id), after(e.inline[""]))
		for _, c := range e.inner {
			b.WriteString(c + "\n")
		}
		for _, f := range e.fields {
			fmt.Fprintf(b, "%s = %s%s\n", f[0], tomlString(f[1]), after(e.inline[f[0]]))
		}
	}
}

// after is an inline comment as written after a value, or "".
func after(comment string) string {
	if comment == "" {
		return ""
	}
	return " " + comment
}

// writeJSON writes go-i18n's JSON v2 form (JSON has no comments: no header).
func writeJSON(b *bytes.Buffer, entries []entry) {
	b.WriteString("{")
	for i, e := range entries {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(b, "\n  %s: {", jsonString(e.id))
		for k, f := range e.fields {
			if k > 0 {
				b.WriteString(",")
			}
			fmt.Fprintf(b, "\n    %s: %s", jsonString(f[0]), jsonString(f[1]))
		}
		b.WriteString("\n  }")
	}
	b.WriteString("\n}\n")
}

func writeYAML(b *bytes.Buffer, header []string, entries []entry) error {
	root := &yaml.Node{Kind: yaml.MappingNode, HeadComment: strings.Join(header, "\n")}
	for _, e := range entries {
		m := &yaml.Node{Kind: yaml.MappingNode}
		for _, f := range e.fields {
			m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: f[0]},
				&yaml.Node{Kind: yaml.ScalarNode, Value: f[1], Style: yaml.DoubleQuotedStyle})
		}
		root.Content = append(root.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: e.id}, m)
	}
	enc := yaml.NewEncoder(b)
	enc.SetIndent(2)
	if err := enc.Encode(&yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}}); err != nil {
		return err
	}
	return enc.Close()
}

var bareKey = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

func tomlKey(k string) string {
	if bareKey.MatchString(k) {
		return k
	}
	return tomlString(k)
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		panic(err) // a Go string always encodes
	}
	return strings.TrimSuffix(b.String(), "\n")
}
