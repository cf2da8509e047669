package edit

import (
	"bytes"
	"fmt"
	"maps"
	"slices"

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
// longer has dropped. A message whose id changed while its source text and
// description did not (the locale's hash under the old id is the source
// message's hash under the new one, and no other new message has it) keeps
// its translation and hash under the new id. Comments in the old file are
// not kept; the header says the file was synced.
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
	if err := write(&b, format, header, entries); err != nil {
		return nil, Sync{}, err
	}
	if err := readsBack(b.Bytes(), loc.Tag, format, len(entries)); err != nil {
		return nil, Sync{}, err
	}
	return b.Bytes(), s, nil
}

// renamed maps each new source id to the locale's old id it was renamed
// from: the locale's message under an id the source no longer has carries
// the hash of the source message under an id the locale lacks, and that
// hash is the only such one on both sides.
func renamed(src, loc *messages.File) map[string]string {
	newByHash := map[string][]string{}
	for id, sm := range src.Messages {
		if loc.Messages[id] == nil {
			h := messages.Hash(sm)
			newByHash[h] = append(newByHash[h], id)
		}
	}
	oldByHash := map[string][]string{}
	for id, m := range loc.Messages {
		if src.Messages[id] == nil && m.Hash != "" {
			oldByHash[m.Hash] = append(oldByHash[m.Hash], id)
		}
	}
	out := map[string]string{}
	for h, olds := range oldByHash {
		if news := newByHash[h]; len(olds) == 1 && len(news) == 1 {
			out[news[0]] = olds[0]
		}
	}
	return out
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
