package compose

import (
	"fmt"
	"slices"
	"sync"

	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/messages"
	"github.com/handbill/handbill/internal/typeset"
)

// glyphReports holds, per locale, the diagnostic for characters its fonts
// cannot draw, made once.
type glyphReports struct {
	mu sync.Mutex
	m  map[string]glyphReport
}

// glyphReport is a locale's diagnostic and the characters it names.
type glyphReport struct {
	d    diag.Diagnostic
	miss []rune
}

// names reports whether the report names every rune of rs.
func (g glyphReport) names(rs []rune) bool {
	for _, r := range rs {
		if !slices.Contains(g.miss, r) {
			return false
		}
	}
	return true
}

// missingGlyphs is the diagnostic for text of message id in locale loc
// that no font draws (me). It is one diagnostic for the whole locale, the
// same whichever layout meets it first, so that a build can report one
// cause once: every character of the locale's message file that its
// fonts (regular or bold) lack, by script, at the line of the first
// message with one, and what to do (fonts.Fontmap.Explain). Characters
// that come from template data rather than the file are reported for the
// message alone.
func (c *Composer) missingGlyphs(loc, id string, me *typeset.MissingError) diag.Diagnostic {
	c.glyphs.mu.Lock()
	defer c.glyphs.mu.Unlock()
	if g, ok := c.glyphs.m[loc]; ok && g.names(me.Runes) {
		return g.d
	}
	f := c.Catalog.File(loc)
	regular, bold := c.Fonts.Fontmap(loc, false), c.Fonts.Fontmap(loc, true)
	var miss []rune
	first, n := "", 0
	for _, mid := range f.IDs() {
		m := f.Messages[mid]
		found := false
		for _, form := range messages.Forms(m) {
			lit := messages.Literal(messages.Form(m, form), m.LeftDelim, m.RightDelim)
			for _, r := range append(regular.Missing(lit), bold.Missing(lit)...) {
				found = true
				if !slices.Contains(miss, r) {
					miss = append(miss, r)
				}
			}
		}
		if found {
			n++
			if first == "" {
				first = mid
			}
		}
	}
	g := glyphReport{miss: miss}
	if !g.names(me.Runes) { // from template data, not the file
		msg, hint := regular.Explain(me.Runes)
		return diag.Diagnostic{Severity: diag.Error, File: f.Path, Line: f.Line(id), Msg: fmt.Sprintf("locale %s, message %q: %s", loc, id, msg), Hint: hint}
	}
	msg, hint := regular.Explain(miss)
	g.d = diag.Diagnostic{Severity: diag.Error, File: f.Path, Line: f.Line(first),
		Msg: fmt.Sprintf("locale %s: %s (in %d of its messages, the first %q)", loc, msg, n, first), Hint: hint}
	if c.glyphs.m == nil {
		c.glyphs.m = map[string]glyphReport{}
	}
	c.glyphs.m[loc] = g
	return g.d
}
