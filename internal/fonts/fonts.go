// Package fonts owns the font files a campaign can use: it reads the font
// table (fonts.yaml: families, and which families serve which scripts and
// languages), parses each file once per process (lazily, so a build of one
// locale loads only that locale's fonts), and answers "which face draws this
// rune in this locale" as a go-text shaping.Fontmap. It sits between campaign
// and typeset in the pipeline.
//
// Font files are static OpenType fonts with TrueType or CFF outlines,
// single or in a collection (.ttc, .otc: a family's index: names the face,
// taken out with internal/sfnt when first used). The table is checked when
// it loads, each problem at its line: files (there, inside the folder, a
// usable font), family ids, and the chains' keys — scripts: takes ISO
// 15924 codes of scripts Unicode gives to characters (keys.go: "Khmer"
// suggests Khmr, "Jpan" the languages: entry), languages: BCP 47 tags,
// which a campaign's own table must give only for its locales
// (Registry.CheckLocales). Fontmap.Explain (explain.go) turns characters
// no font draws into an error that names their scripts and says what to
// add.
package fonts

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"

	"github.com/handbill/handbill/internal/decode"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/sfnt"
)

// Table is the file handbill reads, relative to the fonts folder.
const Table = "fonts.yaml"

// Dir is where a campaign keeps its font table (Dir/Table) and font files,
// relative to the campaign folder; the bundled fonts are there too.
const Dir = "assets/fonts"

// tableFile is what fonts.yaml may say, decoded strictly (package decode).
type tableFile struct {
	Families  []familyFile         `yaml:"families"`
	Scripts   map[string]chainFile `yaml:"scripts"`
	Languages map[string]chainFile `yaml:"languages"`
	Fallback  []decode.Scalar      `yaml:"fallback"`
	At        decode.At            `yaml:"-"`
}

type familyFile struct {
	ID      decode.Scalar `yaml:"id"`
	Name    string        `yaml:"name"`
	Regular decode.Scalar `yaml:"regular"`
	Bold    decode.Scalar `yaml:"bold"`
	Licence decode.Scalar `yaml:"licence"`
	Source  string        `yaml:"source"`
	Leading float64       `yaml:"leading"`
	Index   decode.Scalar `yaml:"index"` // the face of a collection (.ttc, .otc), in both weights
	At      decode.At     `yaml:"-"`
}

// Registry is a parsed font table. It is safe for concurrent use; faces are
// parsed on first use and shared.
type Registry struct {
	fsys      fs.FS
	dir       string
	families  map[string]*Family
	scripts   map[language.Script][]*Family
	languages map[string][]*Family
	langAt    map[string]decode.At // where each languages: key is written
	fallback  []*Family
	brand     map[string]*Family // brand.go: the brand's family by role

	mu   sync.Mutex
	maps map[mapKey]*Fontmap
	ink  inkScales // apparent.go

	parsed sync.Map // *page.Font → *font.Font, each face parsed so far (ParsedFont)
}

// Family is one typeface family.
type Family struct {
	ID      string
	Name    string
	Leading float64 // recommended line height as a multiple of the size
	// Licence is the family's licence file as fonts.yaml names it,
	// relative to the fonts folder ("noto-sans/OFL.txt"), or "".
	Licence string
	// Index is the face the family is in its font files when they are
	// collections (.ttc, .otc): 0 for the first.
	Index int
	src   folder // where files are
	files [2]string
	faces [2]*lazyFace
	// brand is set for a family of font files a campaign's brand names
	// (brand.go): its page fonts take the files' own PostScript names.
	brand bool
	// scripts are the scripts a brand's family draws locales of
	// (brand.go), set for a family the brand names.
	scripts []string
}

// folder is where a family's files are named from: the font table's
// folder, or the campaign folder for a brand's files (dir "").
type folder struct {
	fsys fs.FS
	dir  string
}

type lazyFace struct {
	once sync.Once
	face *Face
	err  error
	at   decode.Scalar // where fonts.yaml names the file
	path string        // the field there: families[3].regular
}

// Face is a parsed font file: go-text's face for shaping and measuring, and
// the page.Font exporters embed.
type Face struct {
	*font.Face
	Family *Family
	Bold   bool
	Page   *page.Font
	File   string
	// Ascent and Descent are the font's ink extremes (head yMax/yMin) as
	// fractions of the em, Descent negative.
	Ascent, Descent float64
}

// Load reads the font table at dir/fonts.yaml in fsys and checks that every
// family, file and chain it names exists. Faces are parsed later, on use.
// All problems found are returned together as a diag.List error.
func Load(fsys fs.FS, dir string) (*Registry, error) {
	file := path.Join(dir, Table)
	if st, err := fs.Stat(fsys, file); err == nil && st.Size() > MaxTableBytes {
		return nil, diag.Errorf(file, 0, 0, "", "expected a font table of at most %d KB, found %d KB", MaxTableBytes>>10, st.Size()>>10)
	}
	src, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the font table: %w", file, err)
	}
	var l diag.List
	var t tableFile
	if !decode.File(file, src, &t, &l) {
		return nil, l.Err()
	}
	r := &Registry{fsys: fsys, dir: dir, families: map[string]*Family{}, scripts: map[language.Script][]*Family{},
		languages: map[string][]*Family{}, maps: map[mapKey]*Fontmap{}}
	for i, f := range t.Families {
		r.addFamily(f, fmt.Sprintf("families[%d]", i), &l)
	}
	r.scriptKeys(t.Scripts, &l)
	r.checkKana(t.Scripts, &l)
	r.languageKeys(t.Languages, &l)
	r.fallback = r.chain(t.Fallback, "fallback", &l)
	l.Sort()
	if err := l.Err(); err != nil {
		return nil, err
	}
	return r, nil
}

// addFamily checks a family's fields and files and adds it.
func (r *Registry) addFamily(f familyFile, p string, l *diag.List) {
	if !f.ID.Set || !f.Regular.Set {
		f.At.Errorf(l, p, "expected id and regular (the family's id and its regular font file), found %s missing", missing(f))
		return
	}
	fam := &Family{ID: f.ID.V, Name: f.Name, Leading: f.Leading, Licence: f.Licence.V, src: folder{r.fsys, r.dir}, files: [2]string{f.Regular.V, f.Bold.V}}
	if fam.Leading == 0 {
		fam.Leading = 1.2
	}
	if f.Index.Set {
		n, err := strconv.Atoi(f.Index.V)
		if err != nil || n < 0 {
			f.Index.Errorf(l, p+".index", "expected the number of a face in a font collection (0 for the first), found %q", f.Index.V)
		}
		fam.Index = n
	}
	for w, s := range []decode.Scalar{f.Regular, f.Bold} {
		if !s.Set {
			continue
		}
		fp := p + "." + [2]string{"regular", "bold"}[w]
		if fam.src.checkFile(s, fp, "font file", l) && fam.src.checkFont(s, fam.Index, f.Index.Set, fp, l) {
			fam.faces[w] = &lazyFace{at: s, path: fp}
		}
	}
	if f.Licence.Set {
		fam.src.checkFile(f.Licence, p+".licence", "licence file", l)
	}
	if _, dup := r.families[fam.ID]; dup {
		f.ID.Errorf(l, p+".id", "expected each family id once, found %q again", fam.ID)
	}
	r.families[fam.ID] = fam
}

func missing(f familyFile) string {
	if !f.ID.Set && !f.Regular.Set {
		return "both"
	}
	if !f.ID.Set {
		return "id"
	}
	return "regular"
}

// chain resolves a list of family ids, reporting one the table lacks.
func (r *Registry) chain(ids []decode.Scalar, p string, l *diag.List) []*Family {
	out := make([]*Family, 0, len(ids))
	for i, id := range ids {
		fam, ok := r.families[id.V]
		if !ok {
			d := id.Diag(fmt.Sprintf("%s[%d]", p, i), "expected a family of this table, found %q", id.V)
			d.Hint = diag.DidYouMean(id.V, slices.Sorted(maps.Keys(r.families)))
			l.Add(d)
			continue
		}
		out = append(out, fam)
	}
	return out
}

// relative names the folder files are named relative to, for a hint.
func (src folder) relative() string {
	if src.dir == "" {
		return "the campaign folder"
	}
	return src.dir
}

// checkFile reports a file (a font, a licence) that leaves the campaign
// folder, by its name or through a symbolic link, or is not there, at the
// line and column where the table (or campaign.yaml) names it.
func (src folder) checkFile(name decode.Scalar, p, what string, l *diag.List) bool {
	full := path.Join(src.dir, name.V)
	if path.IsAbs(name.V) || !fs.ValidPath(full) {
		d := name.Diag(p, "expected a %s inside the campaign folder, found %q: refused", what, name.V)
		d.Hint = "files are named relative to " + src.relative()
		l.Add(d)
		return false
	}
	if d := decode.InsideDiag(src.fsys, full, name, p); d != nil {
		l.Add(*d)
		return false
	}
	st, err := fs.Stat(src.fsys, full)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		d := name.Diag(p, "expected a %s %s, found none", what, full)
		d.Hint = fmt.Sprintf("files are named relative to %s; add the file or correct the name", src.relative())
		l.Add(d)
	case err != nil:
		l.Add(name.Diag(p, "expected a readable %s %s, found an error: %v", what, full, err))
	case !st.Mode().IsRegular():
		l.Add(name.Diag(p, "expected a %s %s, found a folder or device", what, full))
	case st.Size() > MaxFontBytes:
		d := name.Diag(p, "expected a %s of at most %d MB, found %d MB", what, MaxFontBytes>>20, st.Size()>>20)
		d.Hint = "subset or choose a smaller font; handbill reads every font it uses into memory"
		l.Add(d)
	default:
		return true
	}
	return false
}

// MaxTableBytes is the largest fonts.yaml handbill reads.
const MaxTableBytes = 1 << 20

// MaxFontBytes is the largest font (or licence) file handbill reads.
const MaxFontBytes = 64 << 20

// checkFont reads the head of a font file and reports, at the table's
// line, one that is not a font handbill can use: not an OpenType/TrueType
// file at all (an empty file, a PNG renamed .ttf), a collection without
// the face index asks for, variable CFF2 outlines, or one lacking a table
// it needs. Without it a bad file surfaced only later, as every character
// "missing" from every font.
func (src folder) checkFont(name decode.Scalar, index int, indexSet bool, p string, l *diag.List) bool {
	full := path.Join(src.dir, name.V)
	problem, hint := fontProblem(src.fsys, full, index, indexSet)
	if problem == "" {
		return true
	}
	d := name.Diag(p, "expected an OpenType font file (TrueType or CFF outlines), found %s in %s", problem, full)
	d.Hint = hint
	l.Add(d)
	return false
}

// fontProblem returns what is wrong with face index of the font file at
// name (indexSet: fonts.yaml gives the index), or "".
func fontProblem(fsys fs.FS, name string, index int, indexSet bool) (problem, hint string) {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Sprintf("an unreadable file (%v)", err), ""
	}
	defer f.Close()
	head := make([]byte, 12)
	if n, err := io.ReadFull(f, head); err != nil {
		return fmt.Sprintf("a file of %d bytes", n), "the file is empty or cut short: copy it again from its source"
	}
	switch string(head[:4]) {
	case "\x00\x01\x00\x00", "true", "OTTO":
		if indexSet && index != 0 {
			return fmt.Sprintf("a single font, not a collection with a face %d", index), "remove index from the family, or name the collection (.ttc, .otc) the face is in"
		}
	case "ttcf":
		if head, problem, hint = collectionFace(f, head, index, indexSet); problem != "" {
			return problem, hint
		}
	case "wOFF", "wOF2":
		return "a web font (WOFF)", "use the .ttf or .otf release of the family; WOFF is compressed for browsers"
	default:
		return fmt.Sprintf("a file that is not a font (it starts %q)", head[:4]), "name the family's .ttf or .otf file"
	}
	return directoryProblem(f, head)
}

// collectionFace moves f to face index of the collection whose first 12
// bytes are head, and returns the face's first 12 bytes.
func collectionFace(f fs.File, head []byte, index int, indexSet bool) ([]byte, string, string) {
	n := int(binary.BigEndian.Uint32(head[8:12]))
	faces := fmt.Sprintf("a font collection of %d faces", n)
	if !indexSet {
		return nil, faces, fmt.Sprintf("add index: to the family: the face to use, 0 to %d (fc-scan --format '%%{index} %%{fullname}\\n' FILE lists them)", n-1)
	}
	if index >= n {
		return nil, fmt.Sprintf("%s, so no face %d", faces, index), fmt.Sprintf("faces are numbered 0 to %d", n-1)
	}
	rs, ok := f.(io.ReadSeeker)
	offs := make([]byte, 4*(index+1))
	if !ok {
		return nil, "a collection that cannot be read at a face", ""
	}
	if _, err := io.ReadFull(rs, offs); err != nil {
		return nil, "a collection header cut short", "the file is damaged: copy it again from its source"
	}
	if _, err := rs.Seek(int64(binary.BigEndian.Uint32(offs[4*index:])), io.SeekStart); err != nil {
		return nil, fmt.Sprintf("a collection whose face %d cannot be read (%v)", index, err), ""
	}
	h := make([]byte, 12)
	if _, err := io.ReadFull(rs, h); err != nil || string(h[:4]) == "ttcf" {
		return nil, fmt.Sprintf("a collection whose face %d is outside the file", index), "the file is damaged: copy it again from its source"
	}
	return h, "", ""
}

// directoryProblem reads the table directory that follows head, a font's
// first 12 bytes, in f and returns what is wrong with it, or "": a table
// that ends beyond the file (go-text trusts the directory, and panicked on
// a font cut short), or one handbill needs that is not there.
func directoryProblem(f fs.File, head []byte) (problem, hint string) {
	n := int(binary.BigEndian.Uint16(head[4:6]))
	dir := make([]byte, 16*n)
	if _, err := io.ReadFull(f, dir); err != nil {
		return "a table directory cut short", "the file is damaged: copy it again from its source"
	}
	size := int64(-1)
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	have := map[string]bool{}
	for i := range n {
		rec := dir[16*i : 16*i+16]
		have[string(rec[:4])] = true
		end := int64(binary.BigEndian.Uint32(rec[8:12])) + int64(binary.BigEndian.Uint32(rec[12:16]))
		if size >= 0 && end > size {
			return fmt.Sprintf("a file cut short (its %q table ends at byte %d, the file at %d)", rec[:4], end, size),
				"the file is damaged, perhaps by an interrupted copy: copy it again from its source"
		}
	}
	if have["CFF2"] && !have["CFF "] {
		return "variable CFF2 outlines", "use a static (non-variable) .otf or .ttf of the family"
	}
	need := []string{"cmap", "head", "hhea", "hmtx", "maxp", "loca", "glyf"}
	if string(head[:4]) == "OTTO" {
		need = []string{"cmap", "head", "hhea", "hmtx", "maxp", "CFF "}
	}
	for _, t := range need {
		if !have[t] {
			return fmt.Sprintf("a font without its %q table", t), "the file is damaged or not a complete font: copy it again from its source"
		}
	}
	return "", ""
}

// face returns the parsed face of fam in the weight, falling back to regular
// when the family has no bold.
func (r *Registry) face(fam *Family, bold bool) (*Face, error) {
	w := 0
	if bold && fam.faces[1] != nil {
		w = 1
	}
	lf := fam.faces[w]
	lf.once.Do(func() {
		name := path.Join(fam.src.dir, fam.files[w])
		data, err := fs.ReadFile(fam.src.fsys, name)
		if err == nil {
			data, err = sfnt.FontInCollection(data, fam.Index) // a single font is itself
		}
		if err != nil {
			lf.err = fmt.Errorf("font %s: %w", name, err)
			return
		}
		ft, err := parseTTF(data)
		if err != nil {
			d := lf.at.Diag(lf.path, "expected a font file go-text can read, found one it cannot in %s: %v", name, err)
			d.Hint = "the file is damaged or not a complete font: copy it again from its source"
			lf.err = d
			return
		}
		f := &Face{Face: ft, Family: fam, Bold: w == 1, File: name}
		f.Page = &page.Font{Name: psName(fam.Name, w == 1), Data: data}
		if fam.brand {
			f.Page.Name = brandName(data, f.Page.Name)
		}
		upem := float64(ft.Upem())
		if ext, ok := ft.FontHExtents(); ok {
			f.Ascent, f.Descent = float64(ext.Ascender)/upem, float64(ext.Descender)/upem
		}
		lf.face = f
		r.parsed.Store(f.Page, ft.Font)
	})
	return lf.face, lf.err
}

// ParsedFont returns the font the registry parsed for p, a page.Font of
// one of its faces, or nil when it has parsed none for it. A go-text Font
// is safe for concurrent use: an exporter that draws glyphs (export/png)
// reads their outlines from it instead of parsing p.Data again, which
// for the bundled fonts would keep a second copy of 76 MB.
func (r *Registry) ParsedFont(p *page.Font) *font.Font {
	if r == nil {
		return nil
	}
	if v, ok := r.parsed.Load(p); ok {
		return v.(*font.Font)
	}
	return nil
}

// parseTTF is go-text's font.ParseTTF, with a panic inside it (a table
// whose offsets lead outside its data: go-text trusts some of them)
// turned into an error, so that a damaged font fails with its name, not
// the process. fontProblem has checked every table's bounds already.
func parseTTF(data []byte) (ft *font.Face, err error) {
	defer func() {
		if p := recover(); p != nil {
			ft, err = nil, fmt.Errorf("a damaged table (%v)", p)
		}
	}()
	return font.ParseTTF(bytes.NewReader(data))
}

func psName(name string, bold bool) string {
	n := strings.ReplaceAll(name, " ", "")
	if bold {
		return n + "-Bold"
	}
	return n + "-Regular"
}

type mapKey struct {
	lang  string
	bold  bool
	brand *Family // brand.go: the brand's family drawn first, or nil
}

// Face returns the parsed face of fam in the weight; bold falls back to
// the regular face when the family has no bold (Face.Bold says which).
func (r *Registry) Face(fam *Family, bold bool) (*Face, error) { return r.face(fam, bold) }

// TablePath is the font table's path in the campaign folder
// (assets/fonts/fonts.yaml).
func (r *Registry) TablePath() string { return path.Join(r.dir, Table) }

// ReadLicence returns the text of fam's licence file.
func (r *Registry) ReadLicence(fam *Family) ([]byte, error) {
	if fam.Licence == "" {
		return nil, fmt.Errorf("%s: font family %s names no licence file", path.Join(r.dir, Table), fam.ID)
	}
	if !fs.ValidPath(fam.Licence) {
		return nil, fmt.Errorf("%s: font family %s: licence %q leaves the fonts folder", path.Join(r.dir, Table), fam.ID, fam.Licence)
	}
	return fs.ReadFile(fam.src.fsys, path.Join(fam.src.dir, fam.Licence))
}

// Fontmap returns the face resolver for a locale and weight, shared across
// documents.
func (r *Registry) Fontmap(tag string, bold bool) *Fontmap {
	return r.fontmap(mapKey{strings.ToLower(tag), bold, nil}, tag)
}

func (r *Registry) fontmap(k mapKey, tag string) *Fontmap {
	r.mu.Lock()
	defer r.mu.Unlock()
	if m, ok := r.maps[k]; ok {
		return m
	}
	m := &Fontmap{reg: r, bold: k.bold, tag: tag, lang: r.languageChain(k.lang), cache: map[rune]*Face{}}
	if k.brand != nil {
		m.brand = []*Family{k.brand}
	}
	r.maps[k] = m
	return m
}

// languageChain finds the most specific languages entry for tag: "zh-hant-tw"
// tries zh-hant-tw, zh-hant, zh.
func (r *Registry) languageChain(tag string) []*Family {
	for t := tag; t != ""; {
		if c, ok := r.languages[t]; ok {
			return c
		}
		i := strings.LastIndexByte(t, '-')
		if i < 0 {
			break
		}
		t = t[:i]
	}
	return nil
}

// Fontmap resolves runes to faces for one locale and weight: the brand's
// family of the role when it draws the locale's script (brand.go), then
// the locale's own chain (so Urdu gets Nastaliq, not Naskh), then the
// chain of the rune's script, then the table's fallback. It implements
// shaping.Fontmap.
type Fontmap struct {
	reg   *Registry
	tag   string
	bold  bool
	brand []*Family // the brand's family, or none
	lang  []*Family

	mu    sync.Mutex
	cache map[rune]*Face
	first *Face
	err   error
}

// Bold reports whether the map resolves to bold faces (where a family
// has one).
func (m *Fontmap) Bold() bool { return m.bold }

// Err returns the first error met while loading a face, if any.
func (m *Fontmap) Err() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.err
}

// Find returns the face that draws r, or nil when no configured font can.
func (m *Fontmap) Find(r rune) *Face {
	m.mu.Lock()
	defer m.mu.Unlock()
	if f, ok := m.cache[r]; ok {
		return f
	}
	f := m.find(r)
	m.cache[r] = f
	return f
}

func (m *Fontmap) find(r rune) *Face {
	s := language.LookupScript(r)
	chains := [][]*Family{m.brand, m.lang, m.reg.scripts[s], m.reg.fallback}
	for _, c := range chains {
		for _, fam := range c {
			f, err := m.reg.face(fam, m.bold)
			if err != nil {
				if m.err == nil {
					m.err = err
				}
				continue
			}
			if _, ok := f.Face.Font.NominalGlyph(r); ok { // Font is safe to share; Face caches
				return f
			}
		}
	}
	return nil
}

// Primary returns the first face of the locale's chain (or of the Latin
// chain for locales without one): the face whose metrics set empty lines.
func (m *Fontmap) Primary() *Face {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.first != nil {
		return m.first
	}
	c := m.brand
	if len(c) == 0 {
		c = m.lang
	}
	if len(c) == 0 {
		c = m.reg.scripts[language.Latin]
	}
	if len(c) == 0 {
		c = m.reg.fallback
	}
	for _, fam := range c {
		if f, err := m.reg.face(fam, m.bold); err == nil {
			m.first = f
			return f
		} else if m.err == nil {
			m.err = err
		}
	}
	return nil
}

// ResolveFace implements shaping.Fontmap. Runes no font draws resolve to
// the primary face; Missing reports them before shaping so they are errors,
// never boxes.
func (m *Fontmap) ResolveFace(r rune) *font.Face {
	if f := m.Find(r); f != nil {
		return f.Face
	}
	if p := m.Primary(); p != nil {
		return p.Face
	}
	return nil
}

// Missing returns the runes of text that no configured font can draw.
// Controls and default-ignorable format characters (ZWJ, ZWNJ, bidi marks)
// are not drawn and never missing.
func (m *Fontmap) Missing(text string) []rune {
	var out []rune
	for _, r := range text {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == ' ' {
			continue
		}
		if m.Find(r) == nil && !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}
