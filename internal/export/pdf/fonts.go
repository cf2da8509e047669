package pdf

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"

	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/sfnt"
)

// fontInfo is what the exporter derives from a page.Font once per process.
type fontInfo struct {
	own     []rune // glyph id → its own code point (0 if none)
	widths  []int  // glyph id → advance in 1/1000 em, as /W gives it
	metrics sfnt.Metrics
	psName  string // a PostScript name made of PDF name characters
	space   int    // the glyph id of U+0020, -1 if the font maps none
	zwsp    int    // the glyph id of U+200B, -1 if the font maps none
	err     error
}

type fontEntry struct {
	once sync.Once
	info fontInfo
}

var fontCache sync.Map // *page.Font → *fontEntry

func info(f *page.Font) *fontInfo {
	v, _ := fontCache.LoadOrStore(f, &fontEntry{})
	e := v.(*fontEntry)
	e.once.Do(func() { e.info = readFontInfo(f) })
	return &e.info
}

func readFontInfo(f *page.Font) fontInfo {
	own, err := sfnt.CmapReverse(f.Data)
	if err != nil {
		return fontInfo{err: fmt.Errorf("font %s: %w", f.Name, err)}
	}
	adv, upem, err := sfnt.Advances(f.Data)
	if err != nil {
		return fontInfo{err: fmt.Errorf("font %s: advances: %w", f.Name, err)}
	}
	m, err := sfnt.ReadMetrics(f.Data)
	if err != nil {
		return fontInfo{err: fmt.Errorf("font %s: metrics: %w", f.Name, err)}
	}
	w := make([]int, len(own))
	for g := range w {
		if g < len(adv) {
			w[g] = int(math.Round(float64(adv[g]) * 1000 / float64(upem)))
		}
	}
	ps := pdfName(m.PostScriptName)
	if ps == "" {
		ps = pdfName(f.Name)
	}
	if ps == "" {
		ps = "Font"
	}
	return fontInfo{own: own, widths: w, metrics: m, psName: ps, space: slices.Index(own, ' '), zwsp: slices.Index(own, '\u200b')}
}

// lineEnd returns the glyph the text layer writes where t ends its line
// and the text it stands for: the space where the source had one
// (page.Text.SpaceAfter), a zero-width space after a hyphen
// (page.Text.HyphenBreak); -1 for none, or when the font maps no such
// glyph.
func (fi *fontInfo) lineEnd(t *page.Text) (int, string) {
	switch {
	case t.SpaceAfter:
		return fi.space, " "
	case t.HyphenBreak:
		return fi.zwsp, "\u200b"
	}
	return -1, ""
}

// pdfName keeps the characters a PostScript font name may use and that
// need no escaping in a PDF name (ISO 32000-1 §7.3.5), at most 63 of them.
func pdfName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > ' ' && r < 0x7F && !strings.ContainsRune("()<>[]{}/%#", r) && b.Len() < 63 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// docFont is a font as one document uses it: the subset cut for the glyphs
// it draws and the text each glyph stands for.
type docFont struct {
	res  string // resource name: F1, F2, …
	info *fontInfo
	cut  *cutFont
	// text is what the ToUnicode CMap gives each source glyph: the text of
	// the first cluster the glyph draws alone (a space glyph's own space),
	// else its own code point.
	text map[uint16]string
}

// cid returns the code a source glyph is written with: its glyph id in the
// subset (Identity-H, CIDToGIDMap /Identity).
func (df *docFont) cid(g uint16) uint16 { return df.cut.cid[g] }

// width returns a source glyph's advance in 1/1000 em.
func (df *docFont) width(g uint16) int {
	if int(g) < len(df.info.widths) {
		return df.info.widths[g]
	}
	return 0
}

// usage gathers, in document order, the glyphs of one font and the text
// each stands for.
type usage struct {
	font  *page.Font
	gids  []uint16
	seen  map[uint16]bool
	texts map[uint16]string
	// shared holds, for a glyph with no text of its own that so far has
	// only drawn parts of clusters, those clusters (a few, of distinct
	// texts): their text and their glyphs.
	shared map[uint16][]sharedCluster
}

// sharedCluster is a cluster of several glyphs and the text they draw
// together.
type sharedCluster struct {
	text   []rune
	glyphs []page.Glyph
}

// maxShared bounds the clusters kept per glyph: enough to tell a glyph
// that always stands for the same characters from one shared by many
// letters.
const maxShared = 8

// share records that glyph g, which has no text yet, draws part of a
// cluster.
func (u *usage) share(g uint16, text []rune, glyphs []page.Glyph) {
	cs := u.shared[g]
	if len(cs) >= maxShared || slices.ContainsFunc(cs, func(c sharedCluster) bool { return slices.Equal(c.text, text) }) {
		return
	}
	u.shared[g] = append(cs, sharedCluster{text: text, glyphs: glyphs})
}

// joiner is U+200D ZERO WIDTH JOINER, the text of a glyph that draws part
// of clusters without standing for characters of its own.
const joiner = "\u200d"

// shareClusters gives each glyph that has no text yet — it has no code
// point of its own and draws no cluster alone — a text, so that every
// code the document uses has a ToUnicode entry (ISO 14289-1 §7.21.7,
// veraPDF rule 7.21.7-1): the characters of its clusters that their other
// glyphs' texts do not account for, when that is the same in every
// cluster it is part of (a Bengali reph reads র্ beside any consonant).
// Any other glyph — the second glyph of one Nastaliq letter, a dot or a
// stroke that several letters share — maps to a ZERO WIDTH JOINER: an
// entry may not be empty (nor U+0000 or U+FEFF), and a copy of a letter
// would read it twice to a reader that reads ToUnicode alone (pdf.js,
// MuPDF). Such a reader may still read a reordered or Nastaliq cluster
// wrongly; the words holding such glyphs carry ActualText (clusters),
// which poppler and structure-based readers read.
func (u *usage) shareClusters() {
	for _, g := range u.gids {
		cs, ok := u.shared[g]
		if _, done := u.texts[g]; done || !ok {
			continue
		}
		text := ""
		for k, c := range cs {
			rest := string(u.rest(g, c))
			if rest == "" || k > 0 && rest != text {
				text = ""
				break
			}
			text = rest
		}
		if text == "" {
			text = joiner
		}
		u.texts[g] = text
	}
}

// rest returns the characters of cluster c that the texts of its glyphs
// other than g do not account for.
func (u *usage) rest(g uint16, c sharedCluster) []rune {
	rest := slices.Clone(c.text)
	for _, o := range c.glyphs {
		if o.ID == g {
			continue
		}
		for _, r := range u.texts[o.ID] {
			if k := slices.Index(rest, r); k >= 0 {
				rest = slices.Delete(rest, k, k+1)
			}
		}
	}
	return rest
}

// note works out the text of glyph g, which has none yet and whose own
// code point is own, from a cluster it draws: glyphs draw text.
func (u *usage) note(g uint16, own rune, text []rune, glyphs []page.Glyph) {
	single := len(glyphs) == 1 && len(text) > 0
	switch {
	case single && len(text) == 1 && unicode.IsSpace(text[0]) && unicode.IsSpace(own):
		// A space glyph stands for U+0020 even where it draws a no-break
		// space: poppler drops U+00A0 from its text, and ActualText
		// carries the no-break space.
		u.texts[g] = string(own)
	case single:
		u.texts[g] = string(text)
	case own != 0:
		u.texts[g] = string(own)
	case len(text) > 0:
		u.share(g, text, glyphs)
	}
}

// collectFonts returns the fonts the document draws text with, in order of
// first use, with their glyphs and the text each glyph stands for.
func collectFonts(doc *page.Doc) ([]*usage, error) {
	var order []*usage
	byFont := map[*page.Font]*usage{}
	add := func(t *page.Text) error {
		u := byFont[t.Font]
		if u == nil {
			u = &usage{font: t.Font, seen: map[uint16]bool{}, texts: map[uint16]string{}, shared: map[uint16][]sharedCluster{}}
			byFont[t.Font] = u
			order = append(order, u)
		}
		fi := info(t.Font)
		if fi.err != nil {
			return fi.err
		}
		t = withoutInvisible(t)
		src := []rune(t.Source)
		forClusters(t, len(src), func(i, j, from, to int) {
			text := visible(src[from:to])
			for _, g := range t.Glyphs[i:j] {
				if int(g.ID) >= len(fi.own) {
					continue // reported when the run is written
				}
				if !u.seen[g.ID] {
					u.seen[g.ID] = true
					u.gids = append(u.gids, g.ID)
				}
				if _, ok := u.texts[g.ID]; !ok {
					u.note(g.ID, fi.own[g.ID], text, t.Glyphs[i:j])
				}
			}
		})
		if gid, text := fi.lineEnd(t); gid >= 0 {
			g := uint16(gid)
			if !u.seen[g] {
				u.seen[g] = true
				u.gids = append(u.gids, g)
			}
			if _, ok := u.texts[g]; !ok {
				u.texts[g] = text
			}
		}
		return nil
	}
	for _, p := range doc.Pages {
		for _, items := range [][]page.Item{p.Items, p.Slug} {
			for _, it := range items {
				if t, ok := it.(*page.Text); ok {
					if err := add(t); err != nil {
						return nil, err
					}
				}
			}
		}
	}
	for _, u := range order {
		u.shareClusters()
	}
	return order, nil
}

// forClusters calls fn for each glyph cluster of t in visual order: glyphs
// i to j (exclusive) draw runes from to to (exclusive) of the source,
// which is n runes long.
func forClusters(t *page.Text, n int, fn func(i, j, from, to int)) {
	starts := make([]int, 0, len(t.Glyphs))
	for _, g := range t.Glyphs {
		starts = append(starts, g.Cluster)
	}
	// Left-to-right runs come in cluster order and right-to-left runs in
	// reverse: sorting is for the rest.
	if !slices.IsSorted(starts) {
		if slices.Reverse(starts); !slices.IsSorted(starts) {
			slices.Sort(starts)
		}
	}
	for i := 0; i < len(t.Glyphs); {
		j := i + 1
		for j < len(t.Glyphs) && t.Glyphs[j].Cluster == t.Glyphs[i].Cluster {
			j++
		}
		c := t.Glyphs[i].Cluster
		from := max(0, min(c, n))
		to := n
		if k, _ := slices.BinarySearch(starts, c+1); k < len(starts) {
			to = min(starts[k], n)
		}
		fn(i, j, from, max(from, to))
		i = j
	}
}

// cutFont is a subset with everything its PDF objects need. Documents that
// draw the same glyphs with the same text — the print and screen editions
// of one composition — share it, so a font is cut and deflated once.
type cutFont struct {
	baseFont string            // six-letter tag + PostScript name
	cid      map[uint16]uint16 // source glyph id → glyph id in the subset
	file     []byte            // the subset, deflated
	length1  int               // the subset's length before deflating
	widths   array             // the /W array: [0 [w0 w1 …]], in CID order
	toUni    []byte            // the ToUnicode CMap, deflated
	desc     dict              // FontDescriptor entries but the font file
	cff      bool              // file is a CFF font program (CIDFontType0C), not TrueType
}

// cutCache keeps recently cut subsets, bounded: one document's fonts are
// reused by its other edition and by nothing much else.
var cutCache = struct {
	sync.Mutex
	m     map[cutKey]*cutFont
	order []cutKey
}{m: map[cutKey]*cutFont{}}

const cutCacheSize = 64

type cutKey struct {
	font *page.Font
	sum  [32]byte // of the glyph ids and their texts
}

// cut returns the subset of u's font for u's glyphs, from the cache or
// freshly cut.
func cut(u *usage, fi *fontInfo) (*cutFont, error) {
	gids := slices.Clone(u.gids)
	slices.Sort(gids)
	h := sha256.New()
	var b [2]byte
	for _, g := range gids {
		binary.BigEndian.PutUint16(b[:], g)
		h.Write(b[:])
		h.Write([]byte(u.texts[g]))
		h.Write([]byte{0})
	}
	key := cutKey{font: u.font}
	h.Sum(key.sum[:0])

	cutCache.Lock()
	c, ok := cutCache.m[key]
	cutCache.Unlock()
	if ok {
		return c, nil
	}
	c, err := newCut(u.font, fi, gids, u.texts, key.sum)
	if err != nil {
		return nil, err
	}
	cutCache.Lock()
	if _, ok := cutCache.m[key]; !ok {
		cutCache.m[key] = c
		cutCache.order = append(cutCache.order, key)
		if len(cutCache.order) > cutCacheSize {
			delete(cutCache.m, cutCache.order[0])
			cutCache.order = cutCache.order[1:]
		}
	}
	cutCache.Unlock()
	return c, nil
}

func newCut(f *page.Font, fi *fontInfo, gids []uint16, texts map[uint16]string, sum [32]byte) (*cutFont, error) {
	maps := make([]sfnt.Mapping, 0, len(gids))
	taken := map[rune]bool{}
	for _, g := range gids {
		c := fi.own[g]
		if c < 1 || c > 0xFFFE || (c >= 0xD800 && c <= 0xDFFF) || taken[c] {
			c = 0
		}
		taken[c] = true
		maps = append(maps, sfnt.Mapping{GID: g, Code: c})
	}
	// The tag names the subset: six capitals from the hash of its glyphs.
	var tag [6]byte
	for i := range tag {
		tag[i] = 'A' + sum[i]%26
	}
	baseFont := string(tag[:]) + "+" + fi.psName
	sub, newID, err := sfnt.SubsetNamed(f.Data, maps, baseFont)
	if err != nil {
		return nil, fmt.Errorf("font %s: %w", f.Name, err)
	}
	c := &cutFont{baseFont: baseFont, cid: newID, length1: len(sub), cff: sfnt.IsCFF(sub)}
	if c.file, err = program(sub); err != nil {
		return nil, fmt.Errorf("font %s: %w", f.Name, err)
	}

	// Widths of every glyph of the subset, in CID order.
	byCID := make([]uint16, len(newID))
	for old, nw := range newID {
		byCID[nw] = old
	}
	ws := make(array, len(byCID))
	for i, old := range byCID {
		ws[i] = fi.widths[old]
	}
	c.widths = array{0, ws}
	if c.toUni, err = deflate(toUnicode(gids, newID, texts)); err != nil {
		return nil, fmt.Errorf("font %s: %w", f.Name, err)
	}
	c.desc = descriptor(fi, c.baseFont)
	return c, nil
}

// program returns the font program of a subset, deflated: a TrueType
// subset whole (FontFile2), a CFF subset's bare CFF table (FontFile3,
// CIDFontType0C).
func program(sub []byte) ([]byte, error) {
	if sfnt.IsCFF(sub) {
		cff, err := sfnt.CFFTable(sub)
		if err != nil {
			return nil, err
		}
		sub = cff
	}
	return deflate(sub)
}

// descriptor returns the FontDescriptor entries but the font file
// (ISO 32000-1 §9.8), in 1/1000 em.
func descriptor(fi *fontInfo, baseFont string) dict {
	m := fi.metrics
	s := func(v int) int { return int(math.Round(float64(v) * 1000 / float64(m.UnitsPerEm))) }
	flags := 4 // symbolic: glyphs outside the standard Latin set
	if m.FixedPitch {
		flags |= 1
	}
	if m.ItalicAngle != 0 {
		flags |= 64
	}
	weight := m.Weight
	if weight == 0 {
		weight = 400
	}
	stemV := int(math.Round(50 + float64(weight*weight)/(65*65)))
	return dict{}.with("Type", name("FontDescriptor")).with("FontName", name(escapeName(baseFont))).with("Flags", flags).
		with("FontBBox", array{s(m.XMin), s(m.YMin), s(m.XMax), s(m.YMax)}).with("ItalicAngle", number(m.ItalicAngle)).
		with("Ascent", s(m.Ascent)).with("Descent", s(m.Descent)).with("CapHeight", s(m.CapHeight)).with("StemV", stemV)
}

// toUnicode writes a ToUnicode CMap (ISO 32000-1 §9.10.3) giving each
// subset glyph with a known text that text.
func toUnicode(gids []uint16, newID map[uint16]uint16, texts map[uint16]string) []byte {
	type pair struct {
		cid  uint16
		text string
	}
	var ps []pair
	for _, g := range gids {
		if t := texts[g]; t != "" {
			ps = append(ps, pair{newID[g], t})
		}
	}
	slices.SortFunc(ps, func(a, b pair) int { return int(a.cid) - int(b.cid) })
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for len(ps) > 0 {
		n := min(len(ps), 100) // at most 100 entries per block
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for _, p := range ps[:n] {
			fmt.Fprintf(&b, "<%04X> <", p.cid)
			for _, u := range utf16.Encode([]rune(p.text)) {
				fmt.Fprintf(&b, "%04X", u)
			}
			b.WriteString(">\n")
		}
		b.WriteString("endbfchar\n")
		ps = ps[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// putFont writes the objects of one embedded font (Type0 font, CIDFont
// descendant, descriptor, font program, ToUnicode CMap) and returns the
// Type0 font's object number. A TrueType subset is a CIDFontType2 with
// /CIDToGIDMap /Identity and its program in /FontFile2; a CFF subset a
// CIDFontType0 whose CFF program (FontFile3, /Subtype /CIDFontType0C)
// maps CID i to glyph i through its own charset, and whose Type0 font is
// named CIDFont name, hyphen, CMap name (ISO 32000-1 §9.7.6.1).
func putFont(u *update, c *cutFont) int {
	type0, cidFont, desc, file, toUni := u.alloc(), u.alloc(), u.alloc(), u.alloc(), u.alloc()
	type0Name, subtype, fileKey, fileDict := c.baseFont, name("CIDFontType2"), name("FontFile2"), dict{}.with("Length1", c.length1)
	if c.cff {
		type0Name, subtype, fileKey, fileDict = c.baseFont+"-Identity-H", "CIDFontType0", "FontFile3", dict{}.with("Subtype", name("CIDFontType0C"))
	}
	u.object(type0, dict{}.with("Type", name("Font")).with("Subtype", name("Type0")).with("BaseFont", name(escapeName(type0Name))).
		with("Encoding", name("Identity-H")).with("DescendantFonts", array{ref(cidFont)}).with("ToUnicode", ref(toUni)))
	system := dict{}.with("Registry", ascii("Adobe")).with("Ordering", ascii("Identity")).with("Supplement", 0)
	u.object(cidFont, dict{}.with("Type", name("Font")).with("Subtype", subtype).with("BaseFont", name(escapeName(c.baseFont))).
		with("CIDSystemInfo", system).with("FontDescriptor", ref(desc)).ifWith(!c.cff, "CIDToGIDMap", name("Identity")).
		with("DW", 0).with("W", c.widths))
	u.object(desc, append(c.desc[:len(c.desc):len(c.desc)], entry{fileKey, ref(file)}))
	u.stream(file, fileDict, c.file, true)
	u.stream(toUni, nil, c.toUni, true)
	return type0
}

// Deflate writers are kept for reuse: a new one allocates about a
// megabyte. Fonts, CMaps and profiles, cut once and shared by editions,
// take level 5 (within 0.1% of level 6's size on the bundled fonts, in
// two thirds of the time); page content, written for every document, the
// fastest level (as fpdf deflates page content).
var (
	zlibPool = writerPool(5)
	fastPool = writerPool(zlib.BestSpeed)
)

func writerPool(level int) *sync.Pool {
	return &sync.Pool{New: func() any {
		w, err := zlib.NewWriterLevel(nil, level)
		if err != nil {
			panic(err) // the levels above are valid
		}
		return w
	}}
}

// deflate compresses data with zlib (FlateDecode).
func deflate(data []byte) ([]byte, error) { return deflateWith(zlibPool, data) }

// deflateFast compresses data with zlib at its fastest level.
func deflateFast(data []byte) ([]byte, error) { return deflateWith(fastPool, data) }

func deflateWith(pool *sync.Pool, data []byte) ([]byte, error) {
	var b bytes.Buffer
	b.Grow(len(data)/2 + 64)
	w := pool.Get().(*zlib.Writer)
	defer pool.Put(w)
	w.Reset(&b)
	if _, err := w.Write(data); err != nil {
		return nil, fmt.Errorf("deflate: %w", err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("deflate: %w", err)
	}
	return b.Bytes(), nil
}
