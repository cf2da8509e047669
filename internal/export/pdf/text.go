package pdf

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf16"

	"golang.org/x/text/unicode/bidi"

	"github.com/handbill/handbill/internal/page"
)

// writeText writes one glyph run: the glyphs as TJ arrays of CIDs at the
// shaper's positions, a new text matrix wherever a glyph is raised or
// lowered (marks in Indic and Arabic scripts), and marked content with
// /ActualText around the words whose glyphs' ToUnicode texts do not spell
// their source text.
func writeText(b *strings.Builder, t *page.Text, df *docFont, h float64, mode *inks, tg *tagger, op string) error {
	t = withoutInvisible(t)
	for _, g := range t.Glyphs {
		if int(g.ID) >= len(df.info.own) {
			return fmt.Errorf("font %s has no glyph %d", t.Font.Name, g.ID)
		}
	}
	size := float64(t.Size)
	b.WriteString("q " + op)
	b.WriteString(mode.fill(t.Color))
	fmt.Fprintf(b, " BT /%s %s Tf", df.res, num(size))
	x0, y0 := float64(t.X), float64(t.Y)
	open := false
	var penX, penY float64 // where the PDF's pen is after the last glyph (page coords, y down)
	cs := clusters(t, df)
	if t.RTL {
		// Write words in reading order (right to left), each placed on
		// its own, so extraction in content order reads them logically.
		slices.Reverse(cs)
	}
	for _, c := range cs {
		if t.RTL && open {
			b.WriteString("] TJ")
			open = false
		}
		if c.span {
			// A span of its own: poppler builds no text blocks across
			// marked content, so only words whose glyphs do not spell
			// their characters carry ActualText.
			if open {
				b.WriteString("] TJ")
				open = false
			}
		}
		gs := c.glyphs
		switch {
		case c.span:
			gs = spanOrder(gs, df, size)
			b.WriteString(tg.spanOpen(c.actual, misread(gs, df, c.logical)))
		case t.RTL:
			gs = logicalOrder(gs)
		}
		for _, g := range gs {
			gx, gy := x0+g.X, y0+g.Y
			if !open || math.Abs(gy-penY) > 1e-4 {
				if open {
					b.WriteString("] TJ")
				}
				fmt.Fprintf(b, " 1 0 0 1 %s %s Tm [", num(gx), num(h-gy))
				open = true
			} else if d := gx - penX; math.Abs(d) > 1e-4 {
				b.WriteString(num(-d * 1000 / size))
			}
			writeCID(b, df.cid(g.ID))
			penX, penY = gx+float64(df.width(g.ID))*size/1000, gy
		}
		if c.span {
			b.WriteString("] TJ")
			b.WriteString(tg.spanClose())
			open = false
		}
	}
	if open {
		b.WriteString("] TJ")
	}
	writeLineEnd(b, t, df, h)
	b.WriteString(" ET Q\n")
	return nil
}

// writeLineEnd writes what ends a line in the text layer (fontInfo.lineEnd)
// at the run's logical end: after its rightmost glyph, or in a
// right-to-left run before its leftmost. The glyph draws nothing.
//
// Where the source had a space (page.Text.SpaceAfter) it is the font's
// space: readers get a space between the last word of the line and the
// first of the next (ISO 32000-1 §14.8.2.5: word breaks are explicit),
// where they used to join them ("Anythingyou"). After a hyphen of the
// source (page.Text.HyphenBreak) it is a zero-width space (U+200B, a line
// break opportunity, which readers neither show nor read aloud): poppler
// drops a hyphen that ends a line, taking it for hyphenation, unless
// something follows it on the line, and read "তরুণ-তরুণী" as
// "তরুণতরুণী". A font without the glyph, or whose glyph stands for other
// text, writes none.
func writeLineEnd(b *strings.Builder, t *page.Text, df *docFont, h float64) {
	gid, text := df.info.lineEnd(t)
	if gid < 0 || len(t.Glyphs) == 0 {
		return
	}
	g := uint16(gid)
	if df.text[g] != text {
		return
	}
	size := float64(t.Size)
	x := math.Inf(-1)
	if t.RTL {
		x = math.Inf(1)
	}
	for _, gl := range t.Glyphs {
		if t.RTL {
			x = min(x, gl.X-float64(df.width(g))*size/1000)
		} else {
			x = max(x, gl.X+float64(df.width(gl.ID))*size/1000)
		}
	}
	fmt.Fprintf(b, " 1 0 0 1 %s %s Tm [", num(float64(t.X)+x), num(h-float64(t.Y)))
	writeCID(b, df.cid(g))
	b.WriteString("] TJ")
}

// spanOrder returns the glyphs of a word that carries ActualText in the
// order to draw them: the one that starts furthest left (on the baseline,
// of those that start there) first, and the one that ends furthest right
// last. Poppler places a span's text from the first glyph's origin to the
// last glyph's end. In the shaper's order a Nastaliq or Arabic word often
// begins with a mark or dot placed well to the right of its pen, so
// poppler saw the word start there, and the gap it then saw before the
// word split a line into two blocks ("... خلاف | ایک مہم۔"). The order
// glyphs are drawn in changes nothing on the page: they are one colour.
func spanOrder(gs []page.Glyph, df *docFont, size float64) []page.Glyph {
	if len(gs) < 2 {
		return gs
	}
	end := func(g page.Glyph) float64 { return g.X + float64(df.width(g.ID))*size/1000 }
	first := 0
	for k, g := range gs {
		f := gs[first]
		if g.X < f.X-1e-4 || math.Abs(g.X-f.X) <= 1e-4 && math.Abs(g.Y) < math.Abs(f.Y) {
			first = k
		}
	}
	last := -1
	for k, g := range gs {
		if k != first && (last < 0 || end(g) >= end(gs[last])-1e-4) {
			last = k
		}
	}
	if first == 0 && last == len(gs)-1 {
		return gs
	}
	out := make([]page.Glyph, 0, len(gs))
	out = append(out, gs[first])
	for k, g := range gs {
		if k != first && k != last {
			out = append(out, g)
		}
	}
	return append(out, gs[last])
}

// misread returns logical, a span's text in reading order, when a reader
// that takes the glyphs' ToUnicode texts in content order (pdf.js) would
// not read it (white space and format characters aside), else "": a
// right-to-left word, a Bengali conjunct, a Nastaliq word need a Span
// element carrying logical; a phone number with no-break spaces or a
// full stop between right-to-left marks does not.
func misread(gs []page.Glyph, df *docFont, logical string) string {
	var b strings.Builder
	for _, g := range gs {
		b.WriteString(df.text[g.ID])
	}
	if squeezed(b.String()) == squeezed(logical) {
		return ""
	}
	return logical
}

// squeezed returns s without white space and invisible characters.
func squeezed(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || invisible(r) {
			return -1
		}
		return r
	}, s)
}

// logicalOrder returns the glyphs of a right-to-left word whose
// ToUnicode texts spell it, in reading order (right to left), each placed
// where the shaper put it. Content order is then the reading order that
// structure-based readers and ISO 32000-1 §14.8.2.3 expect; poppler and
// pdf.js, which order glyphs by position, start a word at each glyph that
// goes back left and read the line right to left as before.
func logicalOrder(gs []page.Glyph) []page.Glyph {
	out := slices.Clone(gs)
	slices.Reverse(out)
	return out
}

// cluster is a run of glyphs written together: a word that needs
// ActualText, or glyphs whose ToUnicode texts already spell their
// characters.
type cluster struct {
	glyphs  []page.Glyph
	span    bool   // needs its own ActualText span
	actual  string // the span's ActualText, as poppler reads it
	logical string // the span's text in reading order
}

// clusters splits a run into words (at white space) and works out which
// need ActualText: those holding a glyph whose ToUnicode text is not the
// text it draws here (conjuncts, reordered marks, a glyph that stands for
// different text elsewhere in the document), words whose glyphs do not
// share one baseline or, right to left, overlap, and no-break spaces the
// source writes as spaces. A span covers a whole word, because poppler
// ends a word at every marked-content boundary and builds no text blocks
// across line-long spans. Poppler reads a right-to-left run's text as if
// in visual order and reverses it, so there the text a span carries is
// its characters reversed, and a glyph standing for several characters
// (a lam-alef ligature) always takes a span.
func clusters(t *page.Text, df *docFont) []cluster {
	src := []rune(t.Source)
	gcs := glyphClusters(t, df, src)
	var out []cluster
	for k := 0; k < len(gcs); {
		if gcs[k].alone != nil {
			out = append(out, *gcs[k].alone)
			k++
			continue
		}
		if gcs[k].wordEnd {
			out = append(out, cluster{glyphs: t.Glyphs[gcs[k].i:gcs[k].j]})
			k++
			continue
		}
		l := k
		bad := false
		from, to := gcs[k].from, gcs[k].to
		for l < len(gcs) && !gcs[l].wordEnd {
			bad = bad || gcs[l].bad
			from, to = min(from, gcs[l].from), max(to, gcs[l].to)
			l++
		}
		c := cluster{glyphs: t.Glyphs[gcs[k].i:gcs[l-1].j]}
		if bad || !oneBaseline(c.glyphs) || t.RTL && !flowing(c.glyphs, df, float64(t.Size)) {
			c.span, c.actual, c.logical = true, visual(src[from:to], t.RTL), string(src[from:to])
		}
		out = append(out, c)
		k = l
	}
	return out
}

// glyphCluster is a glyph cluster of a run, in visual order, with its
// text range.
type glyphCluster struct {
	i, j     int // glyphs
	from, to int // runes of the source
	// wordEnd says the cluster is no part of a word: a space, or a
	// neutral standing alone in right-to-left text (alone).
	wordEnd bool
	bad     bool     // its glyphs' ToUnicode texts do not spell its text
	alone   *cluster // a neutral in right-to-left text, written on its own
}

// glyphClusters lists the glyph clusters of run t, whose text is src,
// marking those whose glyphs do not spell their text (bad), spaces, and
// the neutrals of right-to-left text, each written alone.
func glyphClusters(t *page.Text, df *docFont, src []rune) []glyphCluster {
	var gcs []glyphCluster
	var natural []rune // reused: the glyphs' ToUnicode texts in visual order
	forClusters(t, len(src), func(i, j, from, to int) {
		natural = natural[:0]
		multi := false
		for _, g := range t.Glyphs[i:j] {
			n := len(natural)
			for _, r := range df.text[g.ID] {
				natural = append(natural, r)
			}
			multi = multi || len(natural)-n > 1
		}
		bad := !spells(natural, src[from:to], t.RTL) || (t.RTL && multi)
		space := to-from == 1 && unicode.IsSpace(src[from]) && !bad
		gc := glyphCluster{i: i, j: j, from: from, to: to, wordEnd: space, bad: bad}
		if t.RTL && !space && !strongRTL(src[from:to]) {
			gc.wordEnd, gc.alone = true, neutral(t.Glyphs[i:j], src[from:to], bad)
		}
		gcs = append(gcs, gc)
	})
	return gcs
}

// neutral is a neutral of right-to-left text (punctuation, digits' signs)
// as a cluster of its own: poppler puts a neutral before the letters of
// the word it ends, so it stands apart.
func neutral(glyphs []page.Glyph, text []rune, bad bool) *cluster {
	out := &cluster{glyphs: glyphs}
	switch {
	case numberPunct(text):
		// Poppler reads a full stop or hyphen beside digits as part of the
		// number ("999." reads ".999", "מ-3" reads "מ3-"): a RIGHT-TO-LEFT
		// MARK on each side keeps it in the right-to-left text, where the
		// shaper put it.
		out.span, out.actual, out.logical = true, rlm+visual(text, true)+rlm, rlm+string(text)+rlm
	case bad:
		out.span, out.actual, out.logical = true, visual(text, true), string(text)
	}
	return out
}

// rlm is U+200F RIGHT-TO-LEFT MARK.
const rlm = "\u200f"

// numberPunct reports whether rs is punctuation that the bidi algorithm
// lets join a number (classes ES, ET and CS: plus and minus, currency and
// per cent signs, full stop, comma, colon, slash), as readers do.
func numberPunct(rs []rune) bool {
	for _, r := range rs {
		p, _ := bidi.LookupRune(r)
		if c := p.Class(); c != bidi.ES && c != bidi.ET && c != bidi.CS {
			return false
		}
	}
	return len(rs) > 0
}

// spells reports whether natural, glyph texts in visual order, spells
// text, its invisible characters aside: as it is left to right, reversed
// right to left (poppler reverses what it reads of a right-to-left run).
func spells(natural, text []rune, rtl bool) bool {
	text = visible(text)
	if len(natural) != len(text) {
		return false
	}
	for k, r := range natural {
		want := text[k]
		if rtl {
			want = text[len(text)-1-k]
		}
		if r != want {
			return false
		}
	}
	return true
}

// visual returns text in the order poppler expects ActualText: reversed
// in a right-to-left run.
func visual(text []rune, rtl bool) string {
	if !rtl {
		return string(text)
	}
	r := slices.Clone(text)
	slices.Reverse(r)
	return string(r)
}

// oneBaseline reports whether glyphs all sit on one baseline. Poppler
// splits a word whose glyphs are raised or lowered (Nastaliq's cascade)
// into pieces, so such a word carries its text as ActualText.
func oneBaseline(gs []page.Glyph) bool {
	for _, g := range gs[1:] {
		if math.Abs(g.Y-gs[0].Y) > 1e-4 {
			return false
		}
	}
	return true
}

// flowing reports whether each glyph has an advance and starts where the
// one before it ends, give or take kerning. Poppler splits a right-to-left
// word whose glyphs overlap (the zero-width alef of an Arabic lam-alef, a
// mark placed back over its letter) and reverses the pieces, so such a
// word carries its text as ActualText.
func flowing(gs []page.Glyph, df *docFont, size float64) bool {
	pen := gs[0].X
	for _, g := range gs {
		w := df.width(g.ID)
		if w <= 0 || math.Abs(g.X-pen) > 0.02*size {
			return false
		}
		pen = g.X + float64(w)*size/1000
	}
	return true
}

// strongRTL reports whether rs holds a right-to-left letter (of any
// script page.StrongRTL knows, the project's one list).
func strongRTL(rs []rune) bool {
	return slices.ContainsFunc(rs, page.StrongRTL)
}

// Invisible characters — format characters (Unicode Cf: ZWNJ, ZWJ, bidi
// marks, the word joiner) and the line separator — draw nothing: the
// shaper gives each the face's space glyph with no advance (Noto's own
// ZWNJ and ZWJ glyphs are visible symbols). Written to the PDF, such a
// glyph would give the space glyph two texts: one ToUnicode entry for
// both, so either every space of the document reads as a ZWNJ (and each
// real space needs ActualText, which splits poppler's lines) or every
// ZWNJ reads as a space that splits a Persian word. So they are not
// written: the text layer reads "میدهی" for "می‌دهی", the letters the
// reader sees, and a search for either form finds it wherever the viewer
// ignores format characters, as poppler's does.

// invisible reports whether r draws nothing (the soft hyphen, drawn as a
// hyphen where a line breaks at it, is not invisible).
func invisible(r rune) bool {
	return r == '\u2028' || r != '\u00ad' && unicode.Is(unicode.Cf, r)
}

// visible returns rs without its invisible characters (rs itself when it
// has none).
func visible(rs []rune) []rune {
	if !slices.ContainsFunc(rs, invisible) {
		return rs
	}
	return slices.DeleteFunc(slices.Clone(rs), invisible)
}

// withoutInvisible returns t without the glyphs that draw invisible
// characters only (t itself when it has none).
func withoutInvisible(t *page.Text) *page.Text {
	src := []rune(t.Source)
	if !slices.ContainsFunc(src, invisible) {
		return t
	}
	keep := make([]page.Glyph, 0, len(t.Glyphs))
	forClusters(t, len(src), func(i, j, from, to int) {
		if to > from && len(visible(src[from:to])) == 0 {
			return
		}
		keep = append(keep, t.Glyphs[i:j]...)
	})
	if len(keep) == len(t.Glyphs) {
		return t
	}
	out := *t
	out.Glyphs = keep
	return &out
}

// utf16Hex writes s as a hex text string in UTF-16BE with a byte order
// mark, the form PDF text strings take outside PDFDocEncoding.
func utf16Hex(s string) string {
	us := utf16.Encode([]rune(s))
	b := make([]byte, 0, 6+4*len(us))
	b = append(b, "<FEFF"...)
	for _, u := range us {
		b = appendHex4(b, u)
	}
	return string(append(b, '>'))
}

// writeCID writes a two-byte code as a hex string, <0A1F>.
func writeCID(b *strings.Builder, c uint16) {
	var buf [6]byte
	b.Write(append(appendHex4(append(buf[:0], '<'), c), '>'))
}

// appendHex4 appends u as four upper-case hex digits.
func appendHex4(b []byte, u uint16) []byte {
	const hex = "0123456789ABCDEF"
	return append(b, hex[u>>12], hex[u>>8&15], hex[u>>4&15], hex[u&15])
}
