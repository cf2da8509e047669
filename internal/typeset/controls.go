package typeset

import (
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/shaping"
)

// A message may hold control characters a translator typed: a tab, a new
// line (TOML multi-line strings), a carriage return. None has a glyph —
// HarfBuzz draws .notdef, a box, for a tab or a form feed — and a paragraph
// separator ends go-text's bidi paragraph, so the Segmenter silently drops
// the text after it and the LineWrapper then panics on the missing runs.
// Shape therefore maps them, one character for one (so positions hold),
// before anything else sees the text:
//   - paragraph and line separators (LF, CR, VT, FF, NEL, U+001C–U+001E,
//     U+2029) become U+2028 LINE SEPARATOR: a mandatory line break
//     (UAX #14 class BK) that keeps one bidi paragraph and shapes to an
//     empty glyph; CR before LF becomes a space (trimmed with the line's
//     trailing white space), so CR LF is one break;
//   - a tab becomes a space;
//   - any other C0 or C1 control becomes U+2060 WORD JOINER.

const (
	lineSeparator = '\u2028'
	wordJoiner    = '\u2060'
)

// normalizeControls maps the control characters of text in place (see
// above) and returns it.
func normalizeControls(text []rune) []rune {
	for i, r := range text {
		switch {
		case r == '\r' && i+1 < len(text) && text[i+1] == '\n':
			text[i] = ' '
		case r == '\n', r == '\r', r == '\v', r == '\f', r == 0x85, r >= 0x1c && r <= 0x1e, r == '\u2029':
			text[i] = lineSeparator
		case r == '\t':
			text[i] = ' '
		case r < 0x20, r >= 0x7f && r < 0xa0:
			text[i] = wordJoiner
		}
	}
	return text
}

// hideControls makes the glyphs of line separators and word joiners in a
// shaped run empty: most fonts have no glyph for U+2028 and HarfBuzz gives
// .notdef, so each becomes the face's space glyph with no advance and no
// ink (one glyph per character still, as trailing-space trimming expects).
func hideControls(o *shaping.Output, text []rune) {
	var space font.GID
	found := false
	for i := range o.Glyphs {
		g := &o.Glyphs[i]
		if c := g.TextIndex(); c < 0 || c >= len(text) || text[c] != lineSeparator && text[c] != wordJoiner {
			continue
		}
		if !found {
			space, _ = o.Face.NominalGlyph(' ')
			found = true
		}
		g.GlyphID = space
		g.Advance, g.XOffset, g.YOffset = 0, 0, 0
		g.Width, g.Height, g.XBearing, g.YBearing = 0, 0, 0, 0
	}
	o.RecomputeAdvance()
}
