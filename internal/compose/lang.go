package compose

import (
	"slices"
	"unicode"

	"github.com/go-text/typesetting/language"

	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// Runs in another language than the document's get their own /Lang
// (PDF/UA-1 §7.2, ISO 32000-1 §14.9.2): a run is split where the language
// changes, so that each piece can say which it is. The pieces draw the
// same glyphs at the same places. Two changes are known: a word of the
// source language's script inside text whose script the locale does not
// use (an English name inside Chinese), and the English half of the draft
// mark, which follows the locale's own words in every locale, Latin-script
// ones too.

// splitAt returns t cut at rune offsets cuts of its Source (ascending,
// inside it) into pieces, each with its glyphs, source and place; t alone
// when it cannot be cut (a right-to-left run, glyphs out of source order).
func splitAt(t *page.Text, cuts []int) []*page.Text {
	if len(cuts) == 0 || t.RTL || !slices.IsSortedFunc(t.Glyphs, func(a, b page.Glyph) int { return a.Cluster - b.Cluster }) {
		return []*page.Text{t}
	}
	src := []rune(t.Source)
	bounds := append(append([]int{0}, cuts...), len(src))
	out := make([]*page.Text, 0, len(bounds)-1)
	g := 0
	for k := 0; k+1 < len(bounds); k++ {
		from, to := bounds[k], bounds[k+1]
		end := g
		for end < len(t.Glyphs) && (t.Glyphs[end].Cluster < to || k+2 == len(bounds)) {
			end++
		}
		if end == g || from >= to {
			continue
		}
		piece := *t
		x0 := t.Glyphs[g].X
		piece.X = t.X + geom.Pt(x0)
		piece.Glyphs = make([]page.Glyph, end-g)
		for i, gl := range t.Glyphs[g:end] {
			gl.X -= x0
			gl.Cluster -= from
			piece.Glyphs[i] = gl
		}
		piece.Source = string(src[from:to])
		piece.SpaceAfter = t.SpaceAfter && end == len(t.Glyphs)
		out = append(out, &piece)
		g = end
	}
	if len(out) == 0 {
		return []*page.Text{t}
	}
	return out
}

// foreignWords returns the rune ranges of t's source, [from, to) pairs,
// that are words in the source language's script where the document's
// language does not use that script: from a word's first letter to the
// last letter before the document's script returns.
func (l *langs) foreignWords(source string) [][2]int {
	if !l.differs || !l.srcOK {
		return nil
	}
	var out [][2]int
	start, last := -1, -1
	for i, r := range []rune(source) {
		s := language.LookupScript(r)
		if !s.Strong() || !unicode.IsLetter(r) {
			continue
		}
		foreign := !l.docUses(s) && l.src.UseScript(s)
		switch {
		case foreign && start < 0:
			start, last = i, i
		case foreign:
			last = i
		case start >= 0:
			out = append(out, [2]int{start, last + 1})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, [2]int{start, last + 1})
	}
	return out
}

// langRuns returns t split where its words change language, each piece
// with its /Lang: words in the source language's script inside a run of
// the document's script. A run that is all one language is t itself, with
// runLang's answer.
func (l *langs) langRuns(t *page.Text) []*page.Text {
	t.Lang = l.runLang(t.Source)
	ws := l.foreignWords(t.Source)
	if t.Lang != "" || len(ws) == 0 {
		return []*page.Text{t}
	}
	n := len([]rune(t.Source))
	var cuts []int
	for _, w := range ws {
		cuts = append(cuts, w[0], w[1])
	}
	cuts = slices.DeleteFunc(slices.Compact(cuts), func(c int) bool { return c <= 0 || c >= n })
	pieces := splitAt(t, cuts)
	if len(pieces) == 1 {
		return pieces
	}
	for _, p := range pieces {
		p.Lang = l.runLang(p.Source)
	}
	return pieces
}

// markSource gives the source language's /Lang to the part of the items
// of p from n0 on that sets text from rune offset from of line (one line
// of text, whose runs are those items in reading order): the draft mark's
// English half. A run that straddles from is split there.
func (l *langs) markSource(p *page.Page, n0 int, line string, from int) {
	if !l.differs {
		return
	}
	src := []rune(line)
	items := slices.Clone(p.Items[n0:])
	p.Items = p.Items[:n0]
	pos := 0
	for _, it := range items {
		t, ok := it.(*page.Text)
		if !ok {
			p.Items = append(p.Items, it)
			continue
		}
		rs := []rune(t.Source)
		start := indexRunes(src, rs, pos)
		if start < 0 {
			p.Items = append(p.Items, t)
			continue
		}
		end := start + len(rs)
		pos = end
		switch {
		case end <= from:
			p.Items = append(p.Items, t)
		case start >= from:
			t.Lang = l.srcTag
			p.Items = append(p.Items, t)
		default:
			pieces := splitAt(t, []int{from - start})
			if len(pieces) == 2 {
				pieces[1].Lang = l.srcTag
			}
			for _, pc := range pieces {
				p.Items = append(p.Items, pc)
			}
		}
	}
}

// indexRunes returns the first index at or after pos where sub occurs in
// s, or -1.
func indexRunes(s, sub []rune, pos int) int {
	for i := pos; i+len(sub) <= len(s); i++ {
		if slices.Equal(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}
