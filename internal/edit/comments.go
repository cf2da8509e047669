package edit

import (
	"bytes"
	"strings"

	"github.com/handbill/handbill/internal/messages"
)

// Comments of a TOML message file, kept across `handbill locale sync`.
// The file is read line by line with the message lines the messages
// package found (File.Line): a comment block at the top, apart from the
// first message by a blank line, is the file's header; a block right
// above a message (a [table] or an id = "text" line) goes with it, under
// its new id when it was renamed, and above the next message kept when it
// was removed; a comment between a message's keys stays inside it; one
// after a value on its line stays on that key's line; what follows the
// last message stays at the end. Lines inside a multi-line string are
// text, never comments.

// tomlComments are the comments of one TOML file.
type tomlComments struct {
	header  []string
	lead    map[string][]string          // id: comment lines above the message
	inner   map[string][]string          // id: comment lines between its keys
	inline  map[string]map[string]string // id: key ("" for the [table] line): comment after it
	trailer []string
	order   []string // ids in file order
}

// readTOMLComments reads the comments of f, a TOML message file.
func readTOMLComments(f *messages.File) *tomlComments {
	tc := &tomlComments{lead: map[string][]string{}, inner: map[string][]string{}, inline: map[string]map[string]string{}, order: f.IDs()}
	at := map[int]string{} // line: the id defined there
	for _, id := range tc.order {
		at[f.Line(id)] = id
	}
	lines := strings.Split(string(bytes.ReplaceAll(f.Data(), []byte("\r\n"), []byte("\n"))), "\n")
	var block []string // comment lines not yet placed
	blank := false     // a blank line since the block began
	cur, multi := "", ""
	for i, line := range lines {
		t := strings.TrimSpace(line)
		switch {
		case multi != "":
			if strings.Count(line, multi)%2 == 1 {
				multi = ""
			}
		case strings.HasPrefix(t, "#"):
			if blank && cur == "" && len(block) > 0 { // an earlier block at the top
				tc.header, block = append(tc.header, block...), nil
			}
			block, blank = append(block, line), false
		case t == "":
			blank = true
		case at[i+1] != "":
			if cur == "" && blank { // the top block, apart from the first message
				tc.header, block = append(tc.header, block...), nil
			}
			cur = at[i+1]
			tc.lead[cur], block, blank = block, nil, false
			multi = tc.keyLine(cur, line)
		default:
			if cur != "" {
				tc.inner[cur], block = append(tc.inner[cur], block...), nil
				multi = tc.keyLine(cur, line)
			}
			blank = false
		}
	}
	tc.trailer = block
	return tc
}

// keyLine notes the comment after the value on a line of message id (a
// [table] line, a key = value line, or id = "text"), and returns the
// delimiter of a multi-line string the line opens and does not close.
func (tc *tomlComments) keyLine(id, line string) (multi string) {
	t := strings.TrimSpace(line)
	key, rest := "", t
	if strings.HasPrefix(t, "[") {
		end := strings.LastIndex(t, "]")
		if end < 0 {
			return ""
		}
		rest = t[end+1:]
	} else {
		k, v, ok := strings.Cut(t, "=")
		if !ok {
			return ""
		}
		key = strings.Trim(strings.TrimSpace(k), `"'`)
		if key == id {
			key = "other" // id = "text"
		}
		v = strings.TrimSpace(v)
		for _, d := range []string{`"""`, "'''"} {
			if strings.HasPrefix(v, d) {
				if strings.Count(v, d)%2 == 1 {
					return d
				}
				rest = v[strings.LastIndex(v, d)+3:]
				break
			}
		}
		if rest == t {
			rest = afterString(v)
		}
	}
	if c := strings.TrimSpace(rest); strings.HasPrefix(c, "#") {
		if tc.inline[id] == nil {
			tc.inline[id] = map[string]string{}
		}
		tc.inline[id][key] = c
	}
	return ""
}

// afterString returns what follows the TOML string value v starts with
// (basic "…" with escapes, or literal '…').
func afterString(v string) string {
	if v == "" || v[0] != '"' && v[0] != '\'' {
		return v
	}
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case v[i] == '\\' && q == '"':
			i++
		case v[i] == q:
			return v[i+1:]
		}
	}
	return ""
}

// place puts the comments of the old file onto the new file's entries:
// renamed maps new ids to old ones; the lead comments of a message that is
// gone go above the next message of the old file that stays.
func (tc *tomlComments) place(entries []entry, renamed map[string]string) {
	byOld := map[string]*entry{}
	for i := range entries {
		old := entries[i].id
		if o := renamed[old]; o != "" {
			old = o
		}
		byOld[old] = &entries[i]
	}
	var carry []string
	for _, old := range tc.order {
		e := byOld[old]
		if e == nil {
			carry = append(carry, tc.lead[old]...)
			continue
		}
		e.lead = append(carry, tc.lead[old]...)
		e.inner, e.inline, carry = tc.inner[old], tc.inline[old], nil
	}
	tc.trailer = append(carry, tc.trailer...)
}
