package edit

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbill/handbill/internal/messages"
)

// syncPL syncs the Polish file pl with the source en and returns the new
// file and what sync did.
func syncPL(t *testing.T, en, pl string) (string, Sync) {
	t.Helper()
	cat, err := messages.Load(fstest.MapFS{"locales/en-GB.toml": {Data: []byte(en)}, "locales/pl.toml": {Data: []byte(pl)}}, "locales", "en-GB", []string{"pl"})
	if err != nil {
		t.Fatal(err)
	}
	out, s, err := SyncLocaleFile(cat.File("en-GB"), cat.File("pl"), "mini", "toml")
	if err != nil {
		t.Fatal(err)
	}
	return string(out), s
}

// TestSyncKeepsComments: a synced TOML file keeps its header, the comment
// above each message (under its new id when renamed, above the next
// message kept when removed), comments between a message's keys and after
// a value, and what follows the last message. A "#" inside a string or a
// multi-line string is text.
func TestSyncKeepsComments(t *testing.T) {
	en := `[title]
other = "Think # twice"

[lead]
other = "Anything you send can be saved."

[extra]
other = "New words."

[end]
other = "The end."
`
	pl := `# Polish for the mini campaign.
# Status: draft.

# The headline: short.
[title] # reviewed
hash = "sha1-ba76c6b1d0cfd2d2d2e5b2e2b56c5da3b87ba9d8"
other = "Pomyśl # dwa razy" # keep the hash sign

# Intro, renamed to lead in the source.
[intro]
hash = "sha1-a53f2c8d4b0f6fcd1a1b0b3c0c6f4e4cfb7a9d01"
# inside: checked by Anna
other = """
Wszystko # można zapisać."""

# A paragraph the source dropped.
[old]
other = "Stare słowa."

[end]
other = "Koniec."

# The last line of the file.
`
	// The hashes the source gives: intro's text is lead's.
	src, err := messages.Load(fstest.MapFS{"locales/en-GB.toml": {Data: []byte(en)}}, "locales", "en-GB", nil)
	if err != nil {
		t.Fatal(err)
	}
	pl = strings.Replace(pl, "sha1-a53f2c8d4b0f6fcd1a1b0b3c0c6f4e4cfb7a9d01", messages.Hash(src.File("en-GB").Messages["lead"]), 1)
	got, s := syncPL(t, en, pl)
	want := `# Polish for the mini campaign.
# Status: draft.

# The headline: short.
[title] # reviewed
hash = "sha1-ba76c6b1d0cfd2d2d2e5b2e2b56c5da3b87ba9d8"
other = "Pomyśl # dwa razy" # keep the hash sign

# Intro, renamed to lead in the source.
[lead]
# inside: checked by Anna
hash = "` + messages.Hash(src.File("en-GB").Messages["lead"]) + `"
other = "Wszystko # można zapisać."

[extra]
hash = "` + messages.Hash(src.File("en-GB").Messages["extra"]) + `"
other = "New words."

# A paragraph the source dropped.
[end]
other = "Koniec."

# The last line of the file.
`
	if got != want {
		t.Errorf("synced file:\n%s\nwant\n%s", got, want)
	}
	if s.Renamed["lead"] != "intro" || len(s.Removed) != 1 || s.Removed[0] != "old" {
		t.Errorf("sync %+v: want intro renamed to lead, old removed", s)
	}
}

// TestSyncRenameWithNewNote: a renamed message keeps its translation when
// its text is unchanged, also when its description changed (the locale
// file keeps the description it was translated with); the old hash moves
// with it, so check reports it stale for the new note. Two old messages
// translated from the same text are ambiguous: neither moves.
func TestSyncRenameWithNewNote(t *testing.T) {
	old := `[intro]
description = "The first paragraph."
other = "Anything you send can be saved."
`
	srcOld, err := messages.Load(fstest.MapFS{"locales/en-GB.toml": {Data: []byte(old)}}, "locales", "en-GB", nil)
	if err != nil {
		t.Fatal(err)
	}
	h := messages.Hash(srcOld.File("en-GB").Messages["intro"])
	en := `[lead]
description = "The first paragraph, under the headline: two lines at most."
other = "Anything you send can be saved."
`
	pl := `[intro]
description = "The first paragraph."
hash = "` + h + `"
other = "Wszystko, co wyślesz, można zapisać."
`
	got, s := syncPL(t, en, pl)
	if s.Renamed["lead"] != "intro" || !strings.Contains(got, `other = "Wszystko, co wyślesz, można zapisać."`) || !strings.Contains(got, `hash = "`+h+`"`) {
		t.Errorf("sync %+v:\n%s\nwant intro's translation and hash under lead", s, got)
	}
	twice := pl + `
[intro2]
description = "The first paragraph."
hash = "` + h + `"
other = "Inne tłumaczenie."
`
	if _, s := syncPL(t, en, twice); len(s.Renamed) != 0 {
		t.Errorf("two old messages of one text: renamed %v, want none", s.Renamed)
	}
}
