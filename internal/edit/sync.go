package edit

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/handbill/handbill/internal/messages"
)

// Sync is what SyncLocaleFile did to one locale's messages.
type Sync struct {
	Added   []string          // source messages the locale lacked, now there untranslated (the source text)
	Removed []string          // messages the source no longer has, dropped
	Renamed map[string]string // new id → old id: the source text is unchanged, so the translation moved
	Kept    int               // translations kept under their id
	Notes   int               // kept translations whose description (note) now follows the source's
}

// Changed reports whether the file needs rewriting.
func (s Sync) Changed() bool {
	return len(s.Added)+len(s.Removed)+len(s.Renamed)+s.Notes > 0
}

// SyncLocaleFile brings the messages of loc up to date with src, as
// `goi18n merge` does, and returns the file in format: every source
// message in source order; a translation kept with its hash (so check
// still tells when it went stale) and the source's current description; a
// message the locale lacks added with the source text and the source's
// hash (check reports it as not translated); a message the source no
// longer has dropped. A message whose id changed while its source text
// did not keeps its translation and hash under the new id (renamed). A
// TOML file keeps its comments (comments.go), its own header among them;
// other formats, and a TOML file without a header, get a header that says
// the file was synced.
func SyncLocaleFile(src, loc *messages.File, campaign, format string) ([]byte, Sync, error) {
	forms, err := messages.PluralForms(loc.Tag)
	if err != nil {
		return nil, Sync{}, err
	}
	s := Sync{Renamed: map[string]string{}}
	renames := renamed(src, loc)
	var entries []entry
	for _, id := range src.IDs() {
		sm := src.Messages[id]
		m, old := loc.Messages[id], id
		if m == nil {
			if old = renames[id]; old != "" {
				m = loc.Messages[old]
				s.Renamed[id] = old
			}
		}
		if m == nil {
			s.Added = append(s.Added, id)
			entries = append(entries, newEntry(id, sm, forms))
			continue
		}
		if old == id {
			s.Kept++
		}
		if m.Description != sm.Description {
			s.Notes++
		}
		entries = append(entries, keptEntry(id, sm, m))
	}
	for _, id := range loc.IDs() {
		if src.Messages[id] == nil && !slices.Contains(slices.Collect(maps.Values(s.Renamed)), id) {
			s.Removed = append(s.Removed, id)
		}
	}
	header := []string{
		fmt.Sprintf("%s messages of the campaign %q, synced with %s by `handbill locale sync`.", loc.Tag, campaign, src.Path),
		"Keep {{.Placeholders}} exactly as they are. Leave description (a note for",
		"you) and hash alone: the hash records which source text you translated.",
	}
	var b bytes.Buffer
	if format == "toml" && loc.Data() != nil {
		tc := readTOMLComments(loc)
		tc.place(entries, s.Renamed)
		tc.write(&b, header, entries)
	} else if err := write(&b, format, header, entries); err != nil {
		return nil, Sync{}, err
	}
	if err := readsBack(b.Bytes(), loc.Tag, format, len(entries)); err != nil {
		return nil, Sync{}, err
	}
	return b.Bytes(), s, nil
}

// renamed maps each new source id to the locale's old id it was renamed
// from: the locale's message under an id the source no longer has was
// translated from the text of the source message under an id the locale
// lacks, and they are the only such pair. Its hash says so: it is the
// source message's hash under the new id (text and description
// unchanged), or the hash of the new id's text with the description the
// locale file keeps beside the translation (locale add and sync write the
// source's description there), so the text is unchanged and only the
// description changed. The hash moves with the translation either way, so
// check then reports it stale, for the translator to read the new note.
func renamed(src, loc *messages.File) map[string]string {
	var news, olds []string
	for _, id := range src.IDs() {
		if loc.Messages[id] == nil {
			news = append(news, id)
		}
	}
	for _, id := range loc.IDs() {
		if src.Messages[id] == nil && loc.Messages[id].Hash != "" {
			olds = append(olds, id)
		}
	}
	from := func(old, nu string) bool {
		m, sm := loc.Messages[old], src.Messages[nu]
		return m.Hash == messages.Hash(sm) || m.Hash == messages.Hash(&i18n.Message{Description: m.Description, Other: sm.Other})
	}
	out := map[string]string{}
	for _, old := range olds {
		var match []string
		for _, nu := range news {
			if from(old, nu) {
				match = append(match, nu)
			}
		}
		if len(match) == 1 && slices.IndexFunc(olds, func(o string) bool { return o != old && from(o, match[0]) }) < 0 {
			out[match[0]] = old
		}
	}
	return out
}

// write writes a synced TOML file: the old file's header, or header when
// it had none, the entries with their comments, and the old file's
// comments after its last message.
func (tc *tomlComments) write(b *bytes.Buffer, header []string, entries []entry) {
	if len(tc.header) == 0 {
		for _, h := range header {
			b.WriteString("# " + h + "\n")
		}
	}
	for _, h := range tc.header {
		b.WriteString(h + "\n")
	}
	writeTOMLEntries(b, entries)
	if len(tc.trailer) > 0 {
		b.WriteString("\n" + strings.Join(tc.trailer, "\n") + "\n")
	}
}

// keptEntry is a translation m of source message sm, kept: the source's
// description, m's hash, delimiters and every form m has.
func keptEntry(id string, sm, m *i18n.Message) entry {
	e := entry{id: id}
	if sm.Description != "" {
		e.fields = append(e.fields, [2]string{"description", sm.Description})
	}
	if m.Hash != "" {
		e.fields = append(e.fields, [2]string{"hash", m.Hash})
	}
	if m.LeftDelim != "" {
		e.fields = append(e.fields, [2]string{"leftDelim", m.LeftDelim})
	}
	if m.RightDelim != "" {
		e.fields = append(e.fields, [2]string{"rightDelim", m.RightDelim})
	}
	for _, f := range messages.Forms(m) {
		e.fields = append(e.fields, [2]string{f, messages.Form(m, f)})
	}
	return e
}
