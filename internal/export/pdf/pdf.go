// Package pdf renders a page.Doc to PDF bytes with go-pdf/fpdf. It is the
// last stage of the pipeline and reads only the display list.
//
// fpdf maps runes to glyphs through a font's cmap and has no call that
// draws a glyph by id, so for each document and font it cuts a small
// TrueType subset (internal/sfnt) whose cmap gives every glyph used a code:
// the glyph's own Unicode code point when it has one (so text extracts even
// without ActualText), else a Private Use Area code for ligatures, conjuncts
// and contextual forms. Runs are then written straight into the content
// stream as TJ arrays carrying the shaper's exact positions. Only words
// whose codes do not spell their text (ligatures, conjuncts, contextual
// forms, reordered marks) are wrapped in marked content with /ActualText:
// poppler ends a word at every marked-content boundary and builds no text
// blocks across line-long spans, so the design note's one span per run
// interleaved columns in pdftotext. Right-to-left words are written in
// reading order, each placed on its own, with their ActualText reversed as
// poppler expects, so content order (pdftotext -raw) reads logically.
//
// fpdf only embeds the runes it saw drawn through its own text calls; the
// exporter records the codes it writes into fpdf's used-rune table through
// reflection (usedRunes, see markUsed). That reaches into fpdf v0.9.0
// internals: the version is pinned in go.mod and a test fails if the fields
// move.
//
// A page of a print edition carries its press furniture, and the exporter
// turns it into PDF: the MediaBox is the trim grown by the page's margin,
// the TrimBox is the finished size and the BleedBox the trim grown by the
// bleed; marks are stroked and the slug drawn outside the trim. Colours are
// written as process CMYK (k/K) or, for a colour that names a spot ink, as
// a Separation colour space with the CMYK as its alternate ("All" is
// registration: it prints on every plate); a screen edition writes RGB.
// fpdf writes page boxes and spot inks in Go map order; canonical (canon.go)
// puts them in one order, so a document always gives the same bytes.
package pdf

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"
	"unsafe"

	"github.com/go-pdf/fpdf"

	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/sfnt"
)

// ColorMode says how colours are written.
type ColorMode int

const (
	// CMYK writes process colours (DeviceCMYK), for print.
	CMYK ColorMode = iota
	// RGB writes DeviceRGB, for screens and office printers.
	RGB
)

// Options controls the export.
type Options struct {
	Color ColorMode
}

// fontInfo is what the exporter derives from a page.Font, once per process.
type fontInfo struct {
	own    []rune  // glyph id → its own code point (0 if none)
	widths []int16 // glyph id → advance in 1/1000 em, as fpdf rounds it
	err    error
}

var fontCache sync.Map // *page.Font → *fontInfo (with a once)

type fontEntry struct {
	once sync.Once
	info fontInfo
}

func info(f *page.Font) *fontInfo {
	v, _ := fontCache.LoadOrStore(f, &fontEntry{})
	e := v.(*fontEntry)
	e.once.Do(func() {
		own, err := sfnt.CmapReverse(f.Data)
		if err != nil {
			e.info.err = fmt.Errorf("font %s: %w", f.Name, err)
			return
		}
		adv, upem, err := sfnt.Advances(f.Data)
		if err != nil || upem == 0 {
			e.info.err = fmt.Errorf("font %s: advances: %w", f.Name, err)
			return
		}
		w := make([]int16, len(own))
		for g := range w {
			if g < len(adv) {
				w[g] = int16(math.Round(float64(adv[g]) * 1000 / float64(upem)))
			}
		}
		e.info = fontInfo{own: own, widths: w}
	})
	return &e.info
}

// docFont is a font as used in one document.
type docFont struct {
	src    *page.Font
	info   *fontInfo
	family string
	code   map[uint16]rune // glyph id → code in the subset
	res    string          // fpdf's resource id
}

// Export renders doc as a PDF.
func Export(doc *page.Doc, opt Options) ([]byte, error) {
	if len(doc.Pages) == 0 {
		return nil, fmt.Errorf("document %q has no pages", doc.Title)
	}
	first := doc.Pages[0].Size
	pdf := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: float64(first.W), Ht: float64(first.H)}})
	pdf.SetCatalogSort(true)
	pdf.SetCompression(true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetTitle(doc.Title, true)
	pdf.SetSubject(doc.Subject, true)
	pdf.SetAuthor(doc.Author, true)
	pdf.SetCreator(doc.Creator, true)
	pdf.SetKeywords(doc.Keywords, true)
	pdf.SetProducer(doc.Creator, true)
	pdf.SetLang(doc.Lang)
	pdf.SetCreationDate(doc.Date)
	pdf.SetModificationDate(doc.Date)

	fonts, err := embedFonts(pdf, doc)
	if err != nil {
		return nil, err
	}
	ink, err := newInks(pdf, doc, opt.Color)
	if err != nil {
		return nil, fmt.Errorf("document %q: %w", doc.Title, err)
	}
	var buf strings.Builder
	for _, p := range doc.Pages {
		if p.Margin < p.Bleed || p.Bleed < 0 {
			return nil, fmt.Errorf("page %q: margin %s is less than the bleed %s", p.Name, p.Margin, p.Bleed)
		}
		m := float64(p.Margin)
		pdf.AddPageFormat("P", fpdf.SizeType{Wd: float64(p.Size.W) + 2*m, Ht: float64(p.Size.H) + 2*m})
		if p.Margin > 0 {
			// Page boxes in PDF space (y up), in points: the trim sits m in
			// from every media edge.
			b := float64(p.Bleed)
			pdf.SetPageBox("trim", m, m, float64(p.Size.W), float64(p.Size.H))
			pdf.SetPageBox("bleed", m-b, m-b, float64(p.Size.W)+2*b, float64(p.Size.H)+2*b)
		}
		if p.Bookmark != "" {
			pdf.Bookmark(p.Bookmark, 0, 0)
		}
		h := float64(p.Size.H)
		// Items are in trim coordinates: move the origin to the trim's
		// bottom-left corner, then flip y per item with h.
		fmt.Fprintf(&buf, "q 1 0 0 1 %s %s cm\n", num(m), num(m))
		pdf.RawWriteStr(buf.String())
		writeItems := func(items []page.Item) {
			for _, it := range items {
				buf.Reset()
				switch v := it.(type) {
				case *page.Fill:
					fmt.Fprintf(&buf, "q %s %s re f Q\n", fillColor(v.Color, ink), rect(v.Rect, h))
				case *page.Squares:
					buf.WriteString("q ")
					buf.WriteString(fillColor(v.Color, ink))
					for _, r := range v.Rects {
						buf.WriteByte(' ')
						buf.WriteString(rect(r, h))
						buf.WriteString(" re")
					}
					buf.WriteString(" f Q\n")
				case *page.Text:
					writeText(&buf, v, fonts[v.Font], h, ink)
				case *page.Link:
					pdf.LinkString(float64(v.Rect.X)+m, float64(v.Rect.Y)+m, float64(v.Rect.W), float64(v.Rect.H), v.URI)
				}
				pdf.RawWriteStr(buf.String())
			}
		}
		writeItems(p.Items)
		buf.Reset()
		writeMarks(&buf, p.Marks, h, ink)
		pdf.RawWriteStr(buf.String())
		writeItems(p.Slug)
		pdf.RawWriteStr("Q\n")
	}
	var out bytes.Buffer
	if err := pdf.Output(&out); err != nil {
		return nil, fmt.Errorf("writing %q: %w", doc.Title, err)
	}
	data, err := canonical(out.Bytes())
	if err != nil {
		return nil, fmt.Errorf("writing %q: %w", doc.Title, err)
	}
	return data, nil
}

// writeMarks strokes printer's marks.
func writeMarks(b *strings.Builder, marks []page.Mark, h float64, ink *inks) {
	for _, mk := range marks {
		fmt.Fprintf(b, "q %s %s w 0 J ", ink.stroke(mk.Color), num(float64(mk.Width)))
		if mk.Dash > 0 {
			fmt.Fprintf(b, "[%s] 0 d ", num(float64(mk.Dash)))
		}
		fmt.Fprintf(b, "%s %s m %s %s l S Q\n", num(float64(mk.X1)), num(h-float64(mk.Y1)), num(float64(mk.X2)), num(h-float64(mk.Y2)))
	}
}

// embedFonts cuts and registers one subset per font the document uses and
// marks its codes as used so fpdf keeps them.
func embedFonts(pdf *fpdf.Fpdf, doc *page.Doc) (map[*page.Font]*docFont, error) {
	used := map[*page.Font]map[uint16]bool{}
	var order []*page.Font
	for _, p := range doc.Pages {
		for _, it := range append(p.Items[:len(p.Items):len(p.Items)], p.Slug...) {
			t, ok := it.(*page.Text)
			if !ok {
				continue
			}
			set := used[t.Font]
			if set == nil {
				set = map[uint16]bool{}
				used[t.Font] = set
				order = append(order, t.Font)
			}
			for _, g := range t.Glyphs {
				set[g.ID] = true
			}
		}
	}
	out := map[*page.Font]*docFont{}
	for i, f := range order {
		fi := info(f)
		if fi.err != nil {
			return nil, fi.err
		}
		gids := make([]uint16, 0, len(used[f]))
		for g := range used[f] {
			gids = append(gids, g)
		}
		sort.Slice(gids, func(a, b int) bool { return gids[a] < gids[b] })
		df := &docFont{src: f, info: fi, family: "f" + strconv.Itoa(i), code: map[uint16]rune{}}
		maps := make([]sfnt.Mapping, 0, len(gids))
		pua := rune(0xE000)
		for _, g := range gids {
			if int(g) >= len(fi.own) {
				return nil, fmt.Errorf("font %s has no glyph %d", f.Name, g)
			}
			c := fi.own[g]
			if c == 0 || c > 0xFFFF || (c >= 0xE000 && c <= 0xF8FF) {
				c = pua
				pua++
				if pua > 0xF8FF {
					return nil, fmt.Errorf("font %s: more glyphs without code points than the Private Use Area holds", f.Name)
				}
			}
			df.code[g] = c
			maps = append(maps, sfnt.Mapping{GID: g, Code: c})
		}
		sub, _, err := sfnt.Subset(f.Data, maps)
		if err != nil {
			return nil, fmt.Errorf("font %s: %w", f.Name, err)
		}
		pdf.AddUTF8FontFromBytes(df.family, "", sub)
		if err := pdf.Error(); err != nil {
			return nil, fmt.Errorf("font %s: %w", f.Name, err)
		}
		pdf.SetFont(df.family, "", 10)
		if err := pdf.Error(); err != nil {
			return nil, fmt.Errorf("font %s: %w", f.Name, err)
		}
		res, err := markUsed(pdf, df.code)
		if err != nil {
			return nil, err
		}
		df.res = res
		out[f] = df
	}
	return out, nil
}

// markUsed adds codes to the current font's used-rune table and returns
// the font's resource id. See the package doc.
func markUsed(pdf *fpdf.Fpdf, codes map[uint16]rune) (string, error) {
	cf := reflect.ValueOf(pdf).Elem().FieldByName("currentFont")
	if !cf.IsValid() {
		return "", fmt.Errorf("fpdf internals changed: no currentFont field (handbill needs fpdf v0.9.0)")
	}
	cf = reflect.NewAt(cf.Type(), unsafe.Pointer(cf.UnsafeAddr())).Elem()
	ur, id := cf.FieldByName("usedRunes"), cf.FieldByName("i")
	if !ur.IsValid() || ur.Type() != reflect.TypeOf(map[int]int(nil)) || !id.IsValid() || id.Kind() != reflect.String {
		return "", fmt.Errorf("fpdf internals changed: font usedRunes/i fields (handbill needs fpdf v0.9.0)")
	}
	used := reflect.NewAt(ur.Type(), unsafe.Pointer(ur.UnsafeAddr())).Elem().Interface().(map[int]int)
	for _, c := range codes {
		used[int(c)] = int(c)
	}
	return reflect.NewAt(id.Type(), unsafe.Pointer(id.UnsafeAddr())).Elem().String(), nil
}

// writeText writes one glyph run: a marked-content span with the source
// text, then the glyphs as TJ arrays, a new text matrix wherever a glyph is
// raised or lowered (marks in Indic and Arabic scripts).
func writeText(b *strings.Builder, t *page.Text, df *docFont, h float64, mode *inks) {
	size := float64(t.Size)
	b.WriteString("q ")
	b.WriteString(fillColor(t.Color, mode))
	fmt.Fprintf(b, " BT /F%s %s Tf", df.res, num(size))
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
			// marked content, so only clusters whose codes do not spell
			// their characters carry ActualText.
			if open {
				b.WriteString("] TJ")
				open = false
			}
			b.WriteString(" /Span <</ActualText ")
			b.WriteString(utf16Hex(c.actual))
			b.WriteString(">> BDC")
		}
		for _, g := range c.glyphs {
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
			fmt.Fprintf(b, "<%04X>", df.code[g.ID])
			w := 0.0
			if int(g.ID) < len(df.info.widths) {
				w = float64(df.info.widths[g.ID]) * size / 1000
			}
			penX, penY = gx+w, gy
		}
		if c.span {
			b.WriteString("] TJ EMC")
			open = false
		}
	}
	if open {
		b.WriteString("] TJ")
	}
	b.WriteString(" ET Q\n")
}

// cluster is a run of glyphs written together: a word that needs
// ActualText, or glyphs whose own codes already spell their characters.
type cluster struct {
	glyphs []page.Glyph
	span   bool // needs its own ActualText span
	actual string
}

// clusters splits a run into words (at white space) and works out which
// need ActualText: those holding ligatures, conjuncts or contextual forms
// coded in the Private Use Area, marks reordered around their base, or
// no-break spaces the source writes as spaces. A span covers a whole word,
// because poppler ends a word at every marked-content boundary and builds
// no text blocks across line-long spans. Poppler reads a right-to-left
// run's text as if in visual order and reverses it, so there the text a
// span carries is its characters reversed.
func clusters(t *page.Text, df *docFont) []cluster {
	src := []rune(t.Source)
	starts := make([]int, 0, len(t.Glyphs))
	for _, g := range t.Glyphs {
		starts = append(starts, g.Cluster)
	}
	sort.Ints(starts)
	end := func(c int) int {
		i := sort.SearchInts(starts, c+1)
		if i < len(starts) {
			return min(starts[i], len(src))
		}
		return len(src)
	}
	// Glyph clusters, in visual order, with their text range.
	type gc struct {
		i, j       int // glyphs
		from, to   int // runes of src
		space, bad bool
		alone      *cluster // a neutral in right-to-left text, written on its own
	}
	var gcs []gc
	for i := 0; i < len(t.Glyphs); {
		j := i + 1
		for j < len(t.Glyphs) && t.Glyphs[j].Cluster == t.Glyphs[i].Cluster {
			j++
		}
		from := max(0, min(t.Glyphs[i].Cluster, len(src)))
		to := max(from, end(t.Glyphs[i].Cluster))
		var natural []rune
		for _, g := range t.Glyphs[i:j] {
			if code := df.code[g.ID]; int(g.ID) < len(df.info.own) && df.info.own[g.ID] == code {
				natural = append(natural, code)
			}
		}
		want := slices.Clone(src[from:to])
		if t.RTL {
			slices.Reverse(want)
		}
		bad := string(natural) != string(want)
		space := to-from == 1 && unicode.IsSpace(src[from]) && !bad
		if t.RTL && !space && !strongRTL(src[from:to]) {
			// Punctuation in right-to-left text stands on its own: poppler
			// puts a neutral before the letters of the word it ends.
			out := cluster{glyphs: t.Glyphs[i:j]}
			if bad {
				out.span, out.actual = true, string(want)
			}
			gcs = append(gcs, gc{i: i, j: j, from: from, to: to, space: true, bad: bad, alone: &out})
			i = j
			continue
		}
		gcs = append(gcs, gc{i: i, j: j, from: from, to: to, space: space, bad: bad})
		i = j
	}
	var out []cluster
	for k := 0; k < len(gcs); {
		if gcs[k].alone != nil {
			out = append(out, *gcs[k].alone)
			k++
			continue
		}
		if gcs[k].space {
			out = append(out, cluster{glyphs: t.Glyphs[gcs[k].i:gcs[k].j]})
			k++
			continue
		}
		l := k
		bad := false
		from, to := gcs[k].from, gcs[k].to
		for l < len(gcs) && !gcs[l].space {
			bad = bad || gcs[l].bad
			from, to = min(from, gcs[l].from), max(to, gcs[l].to)
			l++
		}
		c := cluster{glyphs: t.Glyphs[gcs[k].i:gcs[l-1].j]}
		if bad {
			want := slices.Clone(src[from:to])
			if t.RTL {
				slices.Reverse(want)
			}
			c.span, c.actual = true, string(want)
		}
		out = append(out, c)
		k = l
	}
	return out
}

// strongRTL reports whether rs holds a right-to-left letter.
func strongRTL(rs []rune) bool {
	for _, r := range rs {
		if unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko) && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

func utf16Hex(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// fillColor returns the operators setting the fill colour.
func fillColor(c geom.Color, mode *inks) string { return mode.fill(c) }

// rect formats a rectangle in PDF coordinates (y up) on a page of height h.
func rect(r geom.Rect, h float64) string {
	return num(float64(r.X)) + " " + num(h-float64(r.Y)-float64(r.H)) + " " + num(float64(r.W)) + " " + num(float64(r.H))
}

// num formats a number with at most three decimals and no trailing zeros.
func num(v float64) string {
	s := strconv.FormatFloat(math.Round(v*1000)/1000, 'f', -1, 64)
	if s == "-0" {
		return "0"
	}
	return s
}
