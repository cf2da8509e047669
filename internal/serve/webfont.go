package serve

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"html"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/handbill/handbill/internal/fonts"
	"github.com/handbill/handbill/internal/sfnt"
)

// Web fonts: the pages use the campaign's own fonts, as the PDFs do, so
// that an Urdu page is set in Nastaliq like the Urdu poster rather than in
// the browser's Naskh. The site serves them itself as WOFF files.
//
// Each language's pages get the fonts their text needs, found the way
// the typesetter finds them (fonts.Fontmap of each lang attribute's locale,
// rune by rune). Fonts of scripts a browser draws without shaping rules
// (Latin, Greek, Cyrillic, Han) are subset to the characters of that
// language's pages and error texts (sfnt.Subset keeps outlines and
// metrics). Fonts of scripts that need shaping (Arabic, Nastaliq, Bengali,
// Gurmukhi…) are served whole: sfnt.Subset drops the GSUB and GPOS tables,
// without which a browser cannot join Nastaliq or form Bengali conjuncts.
// Each font links to its licence file, served beside it (the OFL asks that
// the licence travel with the font).

// webFont is a font file a language's pages use.
type webFont struct {
	family  *fonts.Family
	name    string // the family's name: "Noto Nastaliq Urdu"
	licence string // path of its licence on the site
	css     string // font-family name in the style sheet
	files   [2]string
	whole   bool // served whole (a script that needs shaping), not subset
}

// langFonts is the font stack of one lang attribute value on a page.
type langFonts struct {
	lang    string
	stack   []*webFont
	leading float64
}

var langAttr = regexp.MustCompile(`\blang="([^"]*)"`)

// voidElements have no end tag.
var voidElements = map[string]bool{"meta": true, "link": true, "img": true, "br": true, "input": true, "hr": true, "source": true, "wbr": true}

// pageText adds the text of an HTML page made by the site's templates to
// into, by the language it is in (the nearest lang attribute). The text
// of style and title elements is not drawn with the page's fonts.
func pageText(doc []byte, into map[string]map[rune]bool) {
	s := string(doc)
	stack := []string{""}
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			i = len(s)
		}
		addText(into, stack[len(stack)-1], html.UnescapeString(s[:i]))
		s = s[i:]
		if s == "" {
			break
		}
		j := strings.IndexByte(s, '>')
		if j < 0 {
			break
		}
		tag := s[1:j]
		s = s[j+1:]
		name := strings.ToLower(strings.FieldsFunc(tag, func(r rune) bool { return r == ' ' || r == '/' || r == '\n' })[0])
		switch {
		case strings.HasPrefix(tag, "!"):
		case strings.HasPrefix(tag, "/"):
			if len(stack) > 1 && !voidElements[name] {
				stack = stack[:len(stack)-1]
			}
		case name == "style" || name == "title" || name == "script":
			if k := strings.Index(s, "</"+name); k >= 0 {
				s = s[k:]
			}
			stack = append(stack, stack[len(stack)-1])
		case voidElements[name] || strings.HasSuffix(tag, "/"):
		default:
			lang := stack[len(stack)-1]
			if m := langAttr.FindStringSubmatch(tag); m != nil {
				lang = m[1]
			}
			stack = append(stack, lang)
		}
	}
}

func addText(into map[string]map[rune]bool, lang, text string) {
	for _, r := range text {
		if unicode.IsSpace(r) || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		set := into[lang]
		if set == nil {
			set = map[rune]bool{}
			into[lang] = set
		}
		set[r] = true
	}
}

// fontSet makes the web fonts of the pages of one language, and the
// font stack of each language those pages contain.
type fontSet struct {
	s     *Site
	fonts map[string]*webFont // by family id
	runes map[string]map[rune]bool
	order []string
}

// addFonts gives loc's pages their web fonts: text maps each lang attribute
// on its pages to the characters in it. The fonts and their licences are
// added to the site's files.
func (s *Site) addFonts(loc *localeInfo, text map[string]map[rune]bool) error {
	fsSet := &fontSet{s: s, fonts: map[string]*webFont{}, runes: map[string]map[rune]bool{}}
	langs := make([]string, 0, len(text))
	for lang := range text {
		langs = append(langs, lang)
	}
	slices.Sort(langs)
	loc.langFonts = nil
	for _, lang := range langs {
		tag := lang
		if tag == "" {
			tag = loc.tag
		}
		lf, err := fsSet.stack(lang, tag, text[lang])
		if err != nil {
			return err
		}
		loc.langFonts = append(loc.langFonts, lf)
	}
	loc.fonts = nil
	for _, id := range fsSet.order {
		wf := fsSet.fonts[id]
		if err := fsSet.files(wf); err != nil {
			return err
		}
		loc.fonts = append(loc.fonts, wf)
	}
	return nil
}

// stack finds the families that draw runes in locale tag, primary first,
// and notes which runes each family draws.
func (f *fontSet) stack(lang, tag string, runes map[rune]bool) (langFonts, error) {
	lf := langFonts{lang: lang}
	fm := f.s.cfg.Fonts.Fontmap(tag, false)
	add := func(face *fonts.Face, r rune) {
		id := face.Family.ID
		wf := f.fonts[id]
		if wf == nil {
			wf = &webFont{family: face.Family, name: face.Family.Name, css: "hb-" + id}
			f.fonts[id] = wf
			f.runes[id] = map[rune]bool{}
			f.order = append(f.order, id)
		}
		if r >= 0 {
			f.runes[id][r] = true
		}
		if !slices.Contains(lf.stack, wf) {
			lf.stack = append(lf.stack, wf)
		}
	}
	primary := fm.Primary()
	if primary == nil {
		return lf, fmt.Errorf("locale %s: no font: %v", tag, fm.Err())
	}
	add(primary, -1)
	lf.leading = primary.Family.Leading
	sorted := make([]rune, 0, len(runes))
	for r := range runes {
		sorted = append(sorted, r)
	}
	slices.Sort(sorted)
	for _, r := range sorted {
		if face := fm.Find(r); face != nil {
			add(face, r)
		}
	}
	// The family that draws the language's own name ("اردو", "বাংলা")
	// first: the browser then takes digits and punctuation from it too,
	// as the typesetter does from the locale's own chain.
	if key := firstLetter(display.Self.Name(language.Make(tag))); key != 0 {
		if face := fm.Find(key); face != nil {
			own := f.fonts[face.Family.ID]
			if i := slices.Index(lf.stack, own); i > 0 {
				lf.stack = append([]*webFont{own}, slices.Delete(lf.stack, i, i+1)...)
			}
			lf.leading = face.Family.Leading
		}
	}
	return lf, fm.Err()
}

func firstLetter(s string) rune {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return r
		}
	}
	return 0
}

// files makes the regular and bold WOFF files of a font and routes them
// with its licence.
func (f *fontSet) files(wf *webFont) error {
	reg := f.s.cfg.Fonts
	runes := f.runes[wf.family.ID]
	for w, bold := range []bool{false, true} {
		face, err := reg.Face(wf.family, bold)
		if err != nil {
			return err
		}
		if face.Bold != bold {
			continue // no bold: the browser emboldens the regular
		}
		data := face.Page.Data
		wf.whole = !subsettable(runes)
		if !wf.whole {
			var m []sfnt.Mapping
			for r := range runes {
				if g, ok := face.NominalGlyph(r); ok && r > 0 && r <= 0xFFFE {
					m = append(m, sfnt.Mapping{GID: uint16(g), Code: r})
				}
			}
			sub, _, err := sfnt.Subset(data, m)
			if err != nil {
				return fmt.Errorf("web font %s: %w", face.File, err)
			}
			data = sub
		}
		woff, err := f.s.fontStore().toWOFF(data)
		if err != nil {
			return fmt.Errorf("web font %s: %w", face.File, err)
		}
		sum := sha256.Sum256(woff)
		p := fmt.Sprintf("fonts/%s-%d-%s.woff", wf.family.ID, 400+300*w, hex.EncodeToString(sum[:6]))
		if err := f.s.addFont(p, "font/woff", func() ([]byte, error) { return woff, nil }); err != nil {
			return err
		}
		wf.files[w] = p
	}
	if wf.family.Licence != "" {
		wf.licence = "fonts/" + wf.family.ID + "/" + path.Base(wf.family.Licence)
		err := f.s.addFont(wf.licence, "text/plain; charset=utf-8", func() ([]byte, error) { return reg.ReadLicence(wf.family) })
		if err != nil {
			return err
		}
	}
	return nil
}

// addFont routes a font file or licence at site path p, made by data
// when the site has none there yet. The site of one area of a campaign
// with areas puts it in the fonts every area shares, at the root of the
// site of every area, and notes that its pages use it.
func (s *Site) addFont(p, ctype string, data func() ([]byte, error)) error {
	if s.cfg.shared != nil {
		s.fontFiles[p] = true
		return s.cfg.shared.fonts.add(p, ctype, data)
	}
	if s.files[p] != nil {
		return nil
	}
	b, err := data()
	if err != nil {
		return err
	}
	s.files[p] = newBlob(b, ctype)
	s.routes[p] = &route{kind: fileRoute}
	return nil
}

// fontStore holds the web fonts of the sites of every area, which their
// pages share at the root of the site of every area, and the WOFF file
// made from each font program, so that a font served whole is compressed
// once rather than once per area.
type fontStore struct {
	mu    sync.Mutex
	files map[string]*blob
	woffs map[[sha256.Size]byte][]byte
}

func newFontStore() *fontStore {
	return &fontStore{files: map[string]*blob{}, woffs: map[[sha256.Size]byte][]byte{}}
}

// fontStore is the site's store of WOFF files: the shared one of the
// site of every area, or nil (whose toWOFF makes each file anew).
func (s *Site) fontStore() *fontStore {
	if s.cfg.shared != nil {
		return s.cfg.shared.fonts
	}
	return nil
}

// add keeps the file made by data at p, unless there is one.
func (fs *fontStore) add(p, ctype string, data func() ([]byte, error)) error {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.files[p] != nil {
		return nil
	}
	b, err := data()
	if err != nil {
		return err
	}
	fs.files[p] = newBlob(b, ctype)
	return nil
}

// file returns the file at p, or nil.
func (fs *fontStore) file(p string) *blob {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.files[p]
}

// toWOFF is toWOFF(ttf), made once per font program when fs is not nil.
func (fs *fontStore) toWOFF(ttf []byte) ([]byte, error) {
	if fs == nil {
		return toWOFF(ttf)
	}
	sum := sha256.Sum256(ttf)
	fs.mu.Lock()
	w, ok := fs.woffs[sum]
	fs.mu.Unlock()
	if ok {
		return w, nil
	}
	w, err := toWOFF(ttf)
	if err != nil {
		return nil, err
	}
	fs.mu.Lock()
	fs.woffs[sum] = w
	fs.mu.Unlock()
	return w, nil
}

// subsettable reports whether a browser draws runes right from a font
// without its shaping tables: letters of Latin, Greek, Cyrillic and Han,
// digits and punctuation, no combining marks.
func subsettable(runes map[rune]bool) bool {
	for r := range runes {
		if unicode.Is(unicode.Mn, r) || !unicode.In(r, unicode.Latin, unicode.Greek, unicode.Cyrillic, unicode.Han, unicode.Common) {
			return false
		}
	}
	return true
}

// pageFonts are the web fonts a page of loc's uses and the font stacks it
// sets, for a page written in loc's language and in langs (the language of
// the document a page is about). Other languages on the page (the names of
// languages, each in its own) keep their stacks only when those are small
// subsets; a language whose stack needs a font served whole (Nastaliq,
// Arabic, Bengali…) is drawn there with the reader's own fonts, so a page
// downloads no script's font to show one word of it.
func (loc *localeInfo) pageFonts(langs ...string) ([]*webFont, []langFonts) {
	var stacks []langFonts
	used := map[*webFont]bool{}
	for _, lf := range loc.langFonts {
		own := lf.lang == "" || lf.lang == loc.tag || slices.Contains(langs, lf.lang)
		if !own && slices.ContainsFunc(lf.stack, func(wf *webFont) bool { return wf.whole }) {
			continue
		}
		stacks = append(stacks, lf)
		for _, wf := range lf.stack {
			used[wf] = true
		}
	}
	var fonts []*webFont
	for _, wf := range loc.fonts {
		if used[wf] {
			fonts = append(fonts, wf)
		}
	}
	return fonts, stacks
}

// preloads are the font files of the page's own language and of langs
// (the language of the document it is about), which the page asks for at
// once (<link rel="preload">) rather than once styled, so that they are
// there for its first paint.
func (loc *localeInfo) preloads(root string, langs ...string) []string {
	var out []string
	for _, lf := range loc.langFonts {
		if lf.lang != "" && lf.lang != loc.tag && !slices.Contains(langs, lf.lang) {
			continue
		}
		for _, wf := range lf.stack {
			for _, p := range wf.files {
				if p != "" && !slices.Contains(out, root+p) {
					out = append(out, root+p)
				}
			}
		}
	}
	return out
}

// fontCSS is the part of the style sheet of a page of loc's at root that
// loads its web fonts and sets each language in its own stack (see
// pageFonts). Faces are font-display:optional: a font not there for the
// first paint (they are preloaded) is not swapped in later, so text never
// moves under the reader; the font is cached for the next page.
func (loc *localeInfo) fontCSS(root string, langs ...string) string {
	var b strings.Builder
	fonts, stacks := loc.pageFonts(langs...)
	for _, wf := range fonts {
		for w, p := range wf.files {
			if p == "" {
				continue
			}
			fmt.Fprintf(&b, "@font-face{font-family:%q;src:url(%q) format(\"woff\");font-weight:%d;font-display:optional}\n", wf.css, root+p, 400+300*w)
		}
	}
	for _, lf := range stacks {
		names := make([]string, 0, len(lf.stack)+1)
		for _, wf := range lf.stack {
			names = append(names, fmt.Sprintf("%q", wf.css))
		}
		names = append(names, "sans-serif")
		sel := "html"
		if lf.lang != "" {
			sel = fmt.Sprintf(":lang(%s)", lf.lang)
		}
		fmt.Fprintf(&b, "%s{font-family:%s", sel, strings.Join(names, ","))
		if lf.leading > 1.5 {
			fmt.Fprintf(&b, ";line-height:%.2g", lf.leading)
		}
		b.WriteString("}\n")
	}
	return b.String()
}

// styleAt is the style sheet of a page of loc's at root that is also
// written in langs.
func (loc *localeInfo) styleAt(root string, langs ...string) string {
	return styleSheet + loc.fontCSS(root, langs...)
}

// toWOFF wraps a TrueType font as WOFF 1.0: the same tables, each
// zlib-compressed when that makes it smaller.
func toWOFF(ttf []byte) ([]byte, error) {
	if len(ttf) < 12 {
		return nil, errors.New("not an sfnt font: too short")
	}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	if len(ttf) < 12+16*n {
		return nil, errors.New("not an sfnt font: table directory past the end")
	}
	type table struct {
		tag, sum       uint32
		data, stored   []byte
		offset, origLn uint32
	}
	tables := make([]table, n)
	total := uint32(12 + 16*n)
	for i := range tables {
		rec := ttf[12+16*i:]
		off, ln := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
		if uint64(off)+uint64(ln) > uint64(len(ttf)) {
			return nil, fmt.Errorf("table %q past the end of the font", rec[:4])
		}
		t := table{tag: binary.BigEndian.Uint32(rec), sum: binary.BigEndian.Uint32(rec[4:]), data: ttf[off : off+ln], origLn: ln}
		var z bytes.Buffer
		zw, err := zlib.NewWriterLevel(&z, zlib.BestCompression)
		if err != nil {
			return nil, err
		}
		if _, err := zw.Write(t.data); err != nil {
			return nil, err
		}
		if err := zw.Close(); err != nil {
			return nil, err
		}
		t.stored = t.data
		if z.Len() < len(t.data) {
			t.stored = z.Bytes()
		}
		tables[i] = t
		total += (ln + 3) &^ 3
	}
	slices.SortFunc(tables, func(a, b table) int { return int(int64(a.tag) - int64(b.tag)) })
	off := uint32(44 + 20*n)
	for i := range tables {
		tables[i].offset = off
		off += (uint32(len(tables[i].stored)) + 3) &^ 3
	}
	var b bytes.Buffer
	hdr := []any{uint32(0x774F4646), binary.BigEndian.Uint32(ttf), off, uint16(n), uint16(0), total,
		uint16(1), uint16(0), uint32(0), uint32(0), uint32(0), uint32(0), uint32(0)}
	for _, v := range hdr {
		if err := binary.Write(&b, binary.BigEndian, v); err != nil {
			return nil, err
		}
	}
	for _, t := range tables {
		for _, v := range []uint32{t.tag, t.offset, uint32(len(t.stored)), t.origLn, t.sum} {
			if err := binary.Write(&b, binary.BigEndian, v); err != nil {
				return nil, err
			}
		}
	}
	for _, t := range tables {
		b.Write(t.stored)
		for b.Len()%4 != 0 {
			b.WriteByte(0)
		}
	}
	return b.Bytes(), nil
}
