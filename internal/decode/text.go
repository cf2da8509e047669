package decode

import (
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/unicode/runenames"
)

// Invisible characters no text handbill prints may hold: a translation,
// a value of campaign.yaml or a layout. The Unicode bidi
// algorithm sets the direction of every run from the letters themselves;
// an embedding, override or isolate control in a message overrides it
// (U+202E prints the title reversed, and copied text comes out a letter a
// line), and control characters such as NUL have no place in printed text.
// The characters scripts need stay allowed: ZWJ and ZWNJ (Arabic, Indic,
// emoji), LRM, RLM and ALM (marks, not overrides), the word joiner, soft
// hyphen and zero-width space, and the tab, new line and carriage return a
// text editor writes.

// Forbidden says why r may not be in printed text and what to do instead,
// or "" when it may.
func Forbidden(r rune) (why, hint string) {
	const del = "delete it: it prints wrongly or not at all"
	switch {
	case r == '\t', r == '\n', r == '\r':
		return "", ""
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return "a bidi embedding, override or isolate control",
			"delete it: handbill sets the direction of each run from its letters; where a neutral character needs a direction, use U+200F RIGHT-TO-LEFT MARK or U+200E LEFT-TO-RIGHT MARK"
	case r < 0x20, r >= 0x7f && r < 0xa0:
		return "a control character", del + "; write a line break as a new line inside a \"\"\" string"
	case r == 0xfeff, r >= 0x206a && r <= 0x206f, r >= 0xfff9 && r <= 0xfffb:
		return "an invisible formatting character", del + "; U+2060 WORD JOINER keeps words together"
	case r == utf8.RuneError:
		return "the replacement character", "the file is not valid UTF-8 here: save it as UTF-8 and retype the text"
	}
	return "", ""
}

// RuneName is "U+202E RIGHT-TO-LEFT OVERRIDE".
func RuneName(r rune) string {
	if n := runenames.Name(r); n != "" && n[0] != '<' {
		return fmt.Sprintf("U+%04X %s", r, n)
	}
	return fmt.Sprintf("U+%04X", r)
}
