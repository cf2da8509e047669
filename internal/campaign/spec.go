// Package campaign reads a campaign: campaign.yaml and the layouts it names.
// It is the first stage of the pipeline (campaign → messages → fonts → typeset →
// compose → export → build). Files are decoded strictly into unexported
// schema structs (unknown fields are errors, with "did you mean"), then
// resolved into the exported types below: lengths in points, colours from
// the palette, paper sizes, derived layouts merged and scaled. Nothing
// downstream sees a raw string that should have been parsed.
package campaign

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/handbill/handbill/internal/artwork"
	"github.com/handbill/handbill/internal/decode"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/geom"
)

// Pos is where a value is written: a file relative to the campaign folder,
// 1-based line and column, and the field path inside the file.
type Pos struct {
	File string
	Line int
	Col  int
	Path string
}

// Campaign is a resolved campaign.
type Campaign struct {
	FS           fs.FS // the campaign folder
	File         string
	ID           string
	TitleMessage string // message id of the title
	TitleAt      Pos    // where the title's message id is written
	SourceLocale string
	Date         time.Time
	Data         map[string]string // template data shared by every message
	Helplines    []Helpline
	Emergency    string
	// Region is the country the campaign is printed for (ISO 3166, "GB"
	// when campaign.yaml does not say): numbers printed without a country
	// code are read as dialled there.
	Region       string
	Locales      []Locale
	SameAsSource []MessageRef // messages a translation may leave as the source text (names, numbers)
	Layouts      []*Layout
	Print        Print     // print settings every layout starts from (print.go)
	Access       Access    // what check holds text to: sizes, contrast, inks (access.go)
	Warnings     diag.List // what Load found that does not stop a build, such as derived colours
	Partners     []*Image  // the partners strip's logos, in order (image.go)
	art          *artwork.Library
}

// Locale is a locale the campaign builds.
type Locale struct {
	Tag    string
	Review *Review // nil when not reviewed (see review.go)
	At     Pos     // where the tag is listed
}

// Helpline is a phone line printed with a QR code that dials it.
type Helpline struct {
	ID             string
	NameMessage    string
	PurposeMessage string
	Number         string // as printed
	E164           string // "+448001111", or empty for a short code: the printed number's E.164 form (phone.go)
	Dial           string // a national short code such as "101", when there is no E.164 form
	NameAt         Pos    // where NameMessage is written
	PurposeAt      Pos    // where PurposeMessage is written
}

// Payload is what the helpline's QR code encodes: a tel: URI of the E.164
// number, or of the short code when the line has no E.164 form.
func (h Helpline) Payload() string {
	if h.E164 != "" {
		return "tel:" + h.E164
	}
	return "tel:" + h.Dial
}

// Role is a typographic role.
type Role string

// The roles a layout styles.
const (
	Heading Role = "heading"
	Body    Role = "body"
	Small   Role = "small"
)

var roles = []string{string(Heading), string(Body), string(Small)}

// TypeStyle is how a role is set.
type TypeStyle struct {
	Min, Max geom.Pt // allowed size range; fitting picks the largest that fits
	Bold     bool
	Leading  float64 // line height as a multiple of the size
}

// Align is an inline alignment; start and end follow the text direction.
type Align string

// Alignments.
const (
	Start  Align = "start"
	End    Align = "end"
	Center Align = "center"
)

// Layout is a resolved layout.
type Layout struct {
	Name        string
	File        string
	Description string
	Kind        string // poster or leaflet
	Size        geom.Size
	Palette     map[string]geom.Color
	Type        map[Role]TypeStyle
	QRModule    geom.Pt // smallest QR module allowed
	Pages       []Page
	Print       Print // bleed, safe margin, ink limit, rich black (print.go)
	printFile   printFile
}

// Page is one page of a layout.
type Page struct {
	Name   string
	Folds  []geom.Pt // x of fold lines from the left trim edge
	Blocks []Block
}

// BlockKind says what a block draws.
type BlockKind string

// Block kinds.
const (
	RectBlock      BlockKind = "rect"
	TextBlock      BlockKind = "text"
	HelplinesBlock BlockKind = "helplines"
	ImageBlock     BlockKind = "image"    // an SVG, PNG or JPEG file (image.go)
	PartnersBlock  BlockKind = "partners" // the campaign's partner logos in a row
)

// Block is a box on the page.
type Block struct {
	Kind        BlockKind
	Name        string
	Group       string // text blocks of one group on a page are set at one scale
	Box         geom.Rect
	Fill        geom.Color // rect
	Color       geom.Color // text and helplines
	NumberColor geom.Color // helplines
	Align       Align
	VAlign      string // top, middle, bottom
	Paragraphs  []Paragraph
	Arrange     string  // helplines: row or column
	QRSize      geom.Pt // helplines: side of each QR code, quiet zone included
	Image       *Image  // image: the artwork and how it fits
	File        string
	Line        int
}

// Paragraph is one message set in a role.
type Paragraph struct {
	Message  string
	Role     Role
	Min, Max geom.Pt
	Color    geom.Color
	Count    string            // name of a count given as {{.Count}}: "helplines"
	Data     map[string]string // template variable → campaign value name
	File     string            // where the message id is written
	Line     int
	Col      int
	Path     string // field path of the paragraph: pages[0].blocks[1].paragraphs[0]
}

// --- schema (what the files may say) ---

type campaignFile struct {
	ID           scalar            `yaml:"id"`
	Title        scalar            `yaml:"title"`
	SourceLocale scalar            `yaml:"source_locale"`
	Date         scalar            `yaml:"date"`
	Data         map[string]scalar `yaml:"data"`
	Helplines    []helplineFile    `yaml:"helplines"`
	Emergency    scalar            `yaml:"emergency"`
	Region       scalar            `yaml:"region"`
	Locales      []localeFile      `yaml:"locales"`
	Layouts      []scalar          `yaml:"layouts"`
	SameAsSource []scalar          `yaml:"same_as_source"`
	Print        printFile         `yaml:"print"`
	Partners     []partnerFile     `yaml:"partners"`
	Access       accessFile        `yaml:"accessibility"`
	At           at                `yaml:"-"`
}

type helplineFile struct {
	ID      scalar `yaml:"id"`
	Name    scalar `yaml:"name"`
	Purpose scalar `yaml:"purpose"`
	Number  scalar `yaml:"number"`
	E164    scalar `yaml:"e164"`
	Dial    scalar `yaml:"dial"`
	At      at     `yaml:"-"`
}

// localeFile is a tag, or a mapping with the tag and its review status.
type localeFile struct {
	Tag        scalar `yaml:"tag,bare"` // a locale may be written as just its tag
	ReviewedBy scalar `yaml:"reviewed_by"`
	ReviewedOn scalar `yaml:"reviewed_on"`
	SourceHash scalar `yaml:"source_hash"`
}

type layoutFile struct {
	Extends     scalar               `yaml:"extends"`
	Description scalar               `yaml:"description"`
	Kind        scalar               `yaml:"kind"`
	Size        []scalar             `yaml:"size"`
	Palette     map[string]colorFile `yaml:"palette"`
	Type        map[string]typeFile  `yaml:"type"`
	QR          qrFile               `yaml:"qr"`
	Pages       []pageFile           `yaml:"pages"`
	Print       printFile            `yaml:"print"`
	At          at                   `yaml:"-"`
}

type colorFile struct {
	CMYK []scalar `yaml:"cmyk"`
	RGB  scalar   `yaml:"rgb"`
	Spot scalar   `yaml:"spot"` // a spot ink's name; CMYK is its alternate
	At   at       `yaml:"-"`
}

type typeFile struct {
	Size    []scalar `yaml:"size"`
	Weight  scalar   `yaml:"weight"`
	Leading scalar   `yaml:"leading"`
	At      at       `yaml:"-"`
}

type qrFile struct {
	Module scalar `yaml:"module"`
}

type pageFile struct {
	Name   scalar      `yaml:"name"`
	Folds  []scalar    `yaml:"folds"`
	Blocks []blockFile `yaml:"blocks"`
}

type blockFile struct {
	Kind        scalar          `yaml:"kind"`
	Name        scalar          `yaml:"name"`
	Group       scalar          `yaml:"group"`
	Box         []scalar        `yaml:"box"`
	Fill        scalar          `yaml:"fill"`
	Color       scalar          `yaml:"color"`
	NumberColor scalar          `yaml:"number_color"`
	Align       scalar          `yaml:"align"`
	VAlign      scalar          `yaml:"valign"`
	Paragraphs  []paragraphFile `yaml:"paragraphs"`
	Arrange     scalar          `yaml:"arrange"`
	QRSize      scalar          `yaml:"qr_size"`
	Src         variants        `yaml:"src"`
	Fit         scalar          `yaml:"fit"`
	Alt         scalar          `yaml:"alt"`
	Mirror      scalar          `yaml:"mirror"`
	At          at              `yaml:"-"`
}

type paragraphFile struct {
	Message scalar            `yaml:"message"`
	Role    scalar            `yaml:"role"`
	Size    []scalar          `yaml:"size"`
	Color   scalar            `yaml:"color"`
	Count   scalar            `yaml:"count"`
	Data    map[string]scalar `yaml:"data"`
	At      at                `yaml:"-"`
}

// --- loading ---

// Load reads campaign.yaml and every layout it names from fsys. All problems
// found are returned together as a diag.List error.
func Load(fsys fs.FS) (*Campaign, error) {
	var l diag.List
	c := load(fsys, &l)
	l = l.Dedup()
	l.Sort()
	if err := l.Err(); err != nil {
		return nil, err
	}
	c.Warnings = l.Warnings()
	return c, nil
}

const campaignName = "campaign.yaml"

func load(fsys fs.FS, l *diag.List) *Campaign {
	src, err := readLimited(fsys, campaignName, MaxFileBytes)
	if err != nil {
		d := diag.Errorf(campaignName, 0, 0, "", "cannot read the campaign file: %v", err)
		d.Hint = "a campaign folder holds campaign.yaml, layouts/ and locales/"
		l.Add(d)
		return nil
	}
	n, ok := decode.Parse(campaignName, src, l)
	if !ok {
		return nil
	}
	var cf campaignFile
	decode.Node(campaignName, n, &cf, "", l)
	c := &Campaign{FS: fsys, File: campaignName, Data: map[string]string{}, art: artwork.NewLibrary(fsys)}
	c.ID = required(l, cf.At, cf.ID, "id", `the campaign's id, like "sexting"`)
	if c.ID != "" && !idPattern.MatchString(c.ID) {
		cf.ID.Errorf(l, "id", "expected an id of lowercase letters, digits and hyphens, found %q", c.ID)
	}
	c.TitleMessage = required(l, cf.At, cf.Title, "title", `the message id of the campaign's title, like "title"`)
	c.TitleAt = posOf(cf.Title, "title")
	c.SourceLocale = required(l, cf.At, cf.SourceLocale, "source_locale", `the language tag of the messages translators start from, like "en-GB"`)
	if c.SourceLocale != "" {
		if _, err := language.Parse(c.SourceLocale); err != nil {
			cf.SourceLocale.Errorf(l, "source_locale", "expected a BCP 47 language tag like \"en-GB\", found %q", c.SourceLocale)
		} else {
			checkMessageFile(fsys, l, cf.SourceLocale, "source_locale")
		}
	}
	if cf.Date.Set {
		t, err := time.Parse(time.RFC3339, cf.Date.V)
		if err != nil {
			cf.Date.Errorf(l, "date", "expected a date like \"2026-11-27T00:00:00Z\", found %q", cf.Date.V)
		}
		c.Date = t.UTC()
	}
	keys := slices.Sorted(maps.Keys(cf.Data))
	for _, k := range keys {
		c.Data[k] = cf.Data[k].V
	}
	c.Emergency = cf.Emergency.V
	if cf.Emergency.Set && !shortCode.MatchString(c.Emergency) {
		cf.Emergency.Errorf(l, "emergency", "expected an emergency short code like \"999\", found %q", c.Emergency)
	}
	c.Region = checkRegion(l, cf.Region)
	c.Helplines = resolveHelplines(l, cf.Helplines, c.Region)
	c.Locales = resolveLocales(fsys, l, cf.Locales)
	c.SameAsSource = resolveSameAsSource(l, cf.SameAsSource)
	if len(cf.Locales) == 0 {
		cf.At.Errorf(l, "locales", "expected at least one locale to build, found none")
	}
	c.Print = resolvePrint(cf.Print, DefaultPrint, l)
	resolvePartners(c, cf.Partners, l)
	c.Access = resolveAccess(cf.Access, l)
	for i, s := range cf.Layouts {
		p := fmt.Sprintf("layouts[%d]", i)
		if !idPattern.MatchString(s.V) {
			s.Errorf(l, p, "expected a layout name like \"poster-a4\" (a file layouts/NAME.yaml), found %q", s.V)
			continue
		}
		before := len(l.Errors())
		lay := loadLayout(fsys, s.V, l)
		if lay == nil {
			if d := decode.InsideDiag(fsys, "layouts/"+s.V+".yaml", s, p); d != nil {
				l.Add(*d)
			} else if !fileExists(fsys, "layouts/"+s.V+".yaml") {
				d := s.Diag(p, "expected a layout file layouts/%s.yaml, found none", s.V)
				d.Hint = diag.DidYouMean(s.V, layoutNames(fsys))
				l.Add(d)
			}
			continue
		}
		if len(l.Errors()) == before {
			// A box that failed to resolve would only add consequences.
			resolveLayoutPrint(c, lay, l)
			resolveLayoutArt(c, lay, l)
		}
		c.Layouts = append(c.Layouts, lay)
	}
	return c
}

// resolveHelplines checks each helpline has its fields, a unique id and a
// number its QR code can dial.
func resolveHelplines(l *diag.List, hs []helplineFile, region string) []Helpline {
	var out []Helpline
	firstHL := map[string]scalar{}
	for i, h := range hs {
		p := fmt.Sprintf("helplines[%d]", i)
		hl := Helpline{ID: h.ID.V, NameMessage: h.Name.V, PurposeMessage: h.Purpose.V, Number: h.Number.V, E164: h.E164.V, Dial: h.Dial.V,
			NameAt: posOf(h.Name, p+".name"), PurposeAt: posOf(h.Purpose, p+".purpose")}
		for _, f := range []struct {
			s          scalar
			name, what string
		}{
			{h.ID, "id", `an id like "childline"`},
			{h.Name, "name", "the message id of the helpline's name"},
			{h.Purpose, "purpose", "the message id of what the helpline is for"},
			{h.Number, "number", `the number as printed, like "0800 1111"`},
		} {
			if !f.s.Set {
				h.At.Errorf(l, p, "missing field %q: expected %s", f.name, f.what)
			}
		}
		if first, seen := firstHL[hl.ID]; seen && h.ID.Set {
			h.ID.Errorf(l, p+".id", "expected a helpline id used once, found %q again (first at %s:%d:%d)", hl.ID, first.File, first.Line, first.Col)
		} else {
			firstHL[hl.ID] = h.ID
		}
		if h.Number.Set {
			hl.E164, hl.Dial = checkDialable(l, h, hl.ID, region, p)
		}
		out = append(out, hl)
	}
	return out
}

// resolveLocales checks each locale is a canonical BCP 47 tag, listed once,
// with a message file.
func resolveLocales(fsys fs.FS, l *diag.List, lfs []localeFile) []Locale {
	var out []Locale
	seenLoc := map[string]scalar{}
	for i, lf := range lfs {
		p := fmt.Sprintf("locales[%d]", i)
		tag, err := language.Parse(lf.Tag.V)
		if err != nil {
			d := lf.Tag.Diag(p, "expected a BCP 47 language tag like \"pl\" or \"zh-Hans\", found %q", lf.Tag.V)
			d.Hint = "a tag is an ISO 639 language code, then optionally a script and a region: pl, pt-BR, zh-Hans, sr-Latn"
			l.Add(d)
			continue
		}
		if tag.String() != lf.Tag.V {
			lf.Tag.Errorf(l, p, "expected the canonical form %q, found %q", tag.String(), lf.Tag.V)
			continue
		}
		if first, seen := seenLoc[lf.Tag.V]; seen {
			lf.Tag.Errorf(l, p, "expected each locale once, found %q again (first at %s:%d:%d)", lf.Tag.V, first.File, first.Line, first.Col)
			continue
		}
		seenLoc[lf.Tag.V] = lf.Tag
		checkMessageFile(fsys, l, lf.Tag, p)
		out = append(out, Locale{Tag: lf.Tag.V, Review: resolveReview(l, lf, p), At: posOf(lf.Tag, p)})
	}
	return out
}

var (
	idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	shortCode = regexp.MustCompile(`^[0-9]{3,6}$`)
)

// messageExts are the message file formats the messages package reads, in
// its lookup order (messages.Formats; a test keeps the two equal).
var messageExts = []string{"toml", "json", "yaml", "yml"}

// checkMessageFile reports a locale that has no message file in locales/,
// at the place that names it, suggesting a file whose name is close.
func checkMessageFile(fsys fs.FS, l *diag.List, tag scalar, p string) {
	for _, ext := range messageExts {
		if fileExists(fsys, "locales/"+tag.V+"."+ext) {
			return
		}
	}
	d := tag.Diag(p, "expected a message file locales/%s.toml (or .json, .yaml, .yml) for locale %s, found none", tag.V, tag.V)
	d.Hint = fmt.Sprintf("add locales/%s.toml with the translated messages, or stop listing %s", tag.V, tag.V)
	var have []string
	entries, err := fs.ReadDir(fsys, "locales")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		d.Hint = fmt.Sprintf("cannot list locales/: %v", err)
	}
	lang, _, _ := strings.Cut(tag.V, "-")
	for _, e := range entries {
		name, ext, _ := strings.Cut(e.Name(), ".")
		if l, _, _ := strings.Cut(name, "-"); l == lang && slices.Contains(messageExts, ext) {
			have = append(have, name)
		}
	}
	if len(have) > 0 {
		d.Hint = fmt.Sprintf("did you mean %q? locales/ has a file for it", have[0])
	}
	l.Add(d)
}

// layoutNames lists the layouts in layouts/ (NAME of layouts/NAME.yaml).
func layoutNames(fsys fs.FS) []string {
	entries, err := fs.ReadDir(fsys, "layouts")
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".yaml"); ok && !e.IsDir() {
			out = append(out, n)
		}
	}
	return out
}

// required returns a required field's value, reporting it missing at the
// mapping that lacks it.
func required(l *diag.List, a at, s scalar, field, what string) string {
	if !s.Set {
		a.Errorf(l, "", "missing field %q: expected %s", field, what)
	}
	return s.V
}

func fileExists(fsys fs.FS, name string) bool {
	_, err := fs.Stat(fsys, name)
	return err == nil
}

// --- layouts ---

// loadLayout reads layouts/NAME.yaml, following extends.
func loadLayout(fsys fs.FS, name string, l *diag.List) *Layout {
	file := "layouts/" + name + ".yaml"
	var lf layoutFile
	var baseSize []scalar
	var baseFile string
	if !decodeLayoutFile(fsys, file, &lf, &baseSize, &baseFile, l, nil) {
		return nil
	}
	return resolveLayout(name, file, &lf, baseSize, baseFile, l)
}

// decodeLayoutFile decodes file into lf after its base (if it extends one),
// so that the file's own fields override the base's. baseSize receives the
// size the base declared, for scaling.
func decodeLayoutFile(fsys fs.FS, file string, lf *layoutFile, baseSize *[]scalar, baseFile *string, l *diag.List, chain []string) bool {
	chain = append(chain, file)
	src, err := readLimited(fsys, file, MaxFileBytes)
	if err != nil {
		if ok, _, _ := decode.Inside(fsys, file); len(chain) == 1 && (errors.Is(err, fs.ErrNotExist) || !ok) {
			return false // the caller reports a missing layout where it is named
		}
		l.Errorf(file, 0, 0, "", "cannot read layout: %v", err)
		return false
	}
	n, ok := decode.Parse(file, src, l)
	if !ok {
		return false
	}
	// Read extends first.
	var head struct {
		Extends scalar `yaml:"extends"`
	}
	if root := n.Content[0]; root.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value == "extends" {
				decode.Node(file, root.Content[i+1], &head.Extends, "extends", l)
			}
		}
	}
	if head.Extends.Set {
		base, ok := resolveAsset(path.Dir(file), head.Extends.V)
		if !ok {
			d := head.Extends.Diag("extends", "expected a path inside the campaign folder, found %q: refused", head.Extends.V)
			d.Hint = "a layout can extend only files of its own campaign, such as base/poster.yaml"
			l.Add(d)
			return false
		}
		if d := decode.InsideDiag(fsys, base, head.Extends, "extends"); d != nil {
			l.Add(*d)
			return false
		}
		if !fileExists(fsys, base) {
			head.Extends.Errorf(l, "extends", "expected a base layout file %s, found none", base)
			return false
		}
		if slices.Contains(chain, base) {
			d := head.Extends.Diag("extends", "expected a base layout that does not extend this one again, found a cycle: %s", strings.Join(append(chain, base), " → "))
			d.Hint = "remove extends from one of them"
			l.Add(d)
			return false
		}
		if len(chain) >= MaxExtends {
			d := head.Extends.Diag("extends", "expected a chain of at most %d layouts, found a longer one: %s → …", MaxExtends, strings.Join(append(chain, base), " → "))
			d.Hint = "merge some of the base layouts; a longer chain is hard to follow"
			l.Add(d)
			return false
		}
		if !decodeLayoutFile(fsys, base, lf, baseSize, baseFile, l, chain) {
			return false
		}
		*baseSize = lf.Size
		*baseFile = base
	}
	decode.Node(file, n, lf, "", l)
	return true
}

// MaxExtends is the longest chain of layouts extending each other.
const MaxExtends = 16

// MaxFileBytes is the largest YAML file (campaign.yaml, a layout) campaign
// reads: far more than any real one, small enough that a hostile file
// cannot exhaust memory.
const MaxFileBytes = 1 << 20

// readLimited reads a file of at most limit bytes, or says it is larger.
func readLimited(fsys fs.FS, name string, limit int64) ([]byte, error) {
	if st, err := fs.Stat(fsys, name); err == nil && st.Size() > limit {
		return nil, fmt.Errorf("expected a file of at most %d KB, found %d KB", limit>>10, st.Size()>>10)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err == nil && int64(len(data)) > limit {
		return nil, fmt.Errorf("expected a file of at most %d KB, found more", limit>>10)
	}
	return data, err
}

// resolveAsset joins rel onto dir and refuses a result outside the campaign.
func resolveAsset(dir, rel string) (string, bool) {
	if path.IsAbs(rel) || strings.Contains(rel, "\\") {
		return "", false
	}
	p := path.Clean(path.Join(dir, rel))
	if !fs.ValidPath(p) || p == ".." || strings.HasPrefix(p, "../") {
		return "", false
	}
	return p, true
}

func resolveLayout(name, file string, lf *layoutFile, baseSize []scalar, baseFile string, l *diag.List) *Layout {
	lay := &Layout{Name: name, File: file, Description: lf.Description.V, Kind: lf.Kind.V, Palette: map[string]geom.Color{}, Type: map[Role]TypeStyle{}}
	if !lf.Kind.Set {
		lf.At.Errorf(l, "", "missing field \"kind\": expected poster or leaflet")
	} else if lay.Kind != "poster" && lay.Kind != "leaflet" {
		lf.Kind.Errorf(l, "kind", "expected poster or leaflet, found %q", lay.Kind)
	}
	size, ok := parseSize(lf.Size, lf.At, l)
	if !ok {
		return nil
	}
	lay.Size = size
	r := &layoutResolver{lay: lay, file: file, l: l, scale: 1, scaleY: 1}
	r.scaleFromBase(lf, baseSize, baseFile)
	lay.printFile = lf.Print
	for _, k := range slices.Sorted(maps.Keys(lf.Palette)) {
		lay.Palette[k] = resolveColor(k, lf.Palette[k], l)
	}
	r.types(lf)
	lay.QRModule = 0.5 * geom.MM
	if lf.QR.Module.Set {
		m, err := geom.ParseLength(lf.QR.Module.V)
		if err != nil || m <= 0 {
			lf.QR.Module.Errorf(l, "qr.module", "%s", lengthMsg(err, lf.QR.Module.V))
		}
		lay.QRModule = m
	}
	if len(lf.Pages) == 0 {
		lf.At.Errorf(l, "pages", "expected at least one page, found none")
	}
	for pi, pf := range lf.Pages {
		lay.Pages = append(lay.Pages, r.page(pf, fmt.Sprintf("pages[%d]", pi)))
	}
	return lay
}

// layoutResolver resolves one layout's styles, pages and blocks: lengths of
// a derived layout are scaled from its base's size by scale (horizontally)
// and scaleY (vertically), and colours are looked up in its palette.
type layoutResolver struct {
	lay           *Layout
	file          string
	l             *diag.List
	scale, scaleY float64
}

// scaleFromBase sets the scale of a layout derived from a base of another
// size, which must have the same proportions.
func (r *layoutResolver) scaleFromBase(lf *layoutFile, baseSize []scalar, baseFile string) {
	if baseFile == "" || len(baseSize) == 0 {
		return
	}
	size := r.lay.Size
	bs, ok := parseSize(baseSize, at{File: baseFile, Line: 1, Col: 1}, r.l)
	if !ok || bs == size {
		return
	}
	r.scale = float64(size.W / bs.W)
	r.scaleY = float64(size.H / bs.H)
	if q := r.scaleY / r.scale; q < 0.99 || q > 1.01 {
		lf.Size[0].Errorf(r.l, "size", "a derived layout must keep its base's proportions to scale it (base %s×%s, this %s×%s)", bs.W, bs.H, size.W, size.H)
	}
}

// sc scales a horizontal length, or a size, from the base.
func (r *layoutResolver) sc(p geom.Pt) geom.Pt { return p * geom.Pt(r.scale) }

// types resolves the type styles, one for each role.
func (r *layoutResolver) types(lf *layoutFile) {
	for _, k := range slices.Sorted(maps.Keys(lf.Type)) {
		tf := lf.Type[k]
		if !slices.Contains(roles, k) {
			d := tf.At.Diag("type."+k, "expected a role (%s), found %q", strings.Join(roles, ", "), k)
			d.Hint = diag.DidYouMean(k, roles)
			r.l.Add(d)
			continue
		}
		r.lay.Type[Role(k)] = r.typeStyle(tf, "type."+k)
	}
	for _, role := range roles {
		if _, ok := r.lay.Type[Role(role)]; !ok {
			lf.At.Errorf(r.l, "type", "missing role %q: expected a style for each of %s", role, strings.Join(roles, ", "))
		}
	}
}

func (r *layoutResolver) typeStyle(tf typeFile, p string) TypeStyle {
	ts := TypeStyle{Leading: 1.25}
	if mn, mx, ok := parseRange(tf.Size, p+".size", tf.At, r.l); ok {
		ts.Min, ts.Max = r.sc(mn), r.sc(mx)
	}
	switch tf.Weight.V {
	case "", "regular":
	case "bold":
		ts.Bold = true
	default:
		tf.Weight.Errorf(r.l, p+".weight", "expected regular or bold, found %q", tf.Weight.V)
	}
	if tf.Leading.Set {
		f, err := strconv.ParseFloat(tf.Leading.V, 64)
		if err != nil || f < 0.8 || f > 4 {
			tf.Leading.Errorf(r.l, p+".leading", "expected a line height between 0.8 and 4 times the size, found %q", tf.Leading.V)
		}
		ts.Leading = f
	}
	return ts
}

// color returns the palette colour s names (def when s is absent).
func (r *layoutResolver) color(s scalar, p string, def string) geom.Color {
	nm := s.V
	if !s.Set {
		nm = def
	}
	c, ok := r.lay.Palette[nm]
	if !ok {
		names := slices.Sorted(maps.Keys(r.lay.Palette))
		d := s.Diag(p, "expected a palette colour (%s), found %q", strings.Join(names, ", "), nm)
		if d.File == "" {
			d.File = r.file
		}
		d.Hint = diag.DidYouMean(nm, names)
		r.l.Add(d)
	}
	return c
}

func (r *layoutResolver) page(pf pageFile, pp string) Page {
	pg := Page{Name: pf.Name.V}
	for fi, f := range pf.Folds {
		x, err := geom.ParseLength(f.V)
		if err != nil || x <= 0 || x >= r.lay.Size.W/geom.Pt(r.scale) {
			f.Errorf(r.l, fmt.Sprintf("%s.folds[%d]", pp, fi), "%s", lengthMsg(err, f.V))
		}
		pg.Folds = append(pg.Folds, r.sc(x))
	}
	for bi, bf := range pf.Blocks {
		if b, ok := r.block(bf, fmt.Sprintf("%s.blocks[%d]", pp, bi)); ok {
			pg.Blocks = append(pg.Blocks, b)
		}
	}
	return pg
}

var blockKinds = []string{string(RectBlock), string(TextBlock), string(HelplinesBlock), string(ImageBlock), string(PartnersBlock)}

// block resolves a block; it reports false for a block of no known kind.
func (r *layoutResolver) block(bf blockFile, bp string) (Block, bool) {
	b := Block{Kind: BlockKind(bf.Kind.V), Name: bf.Name.V, Group: bf.Group.V, File: bf.Kind.File, Line: bf.Kind.Line, Align: Start, VAlign: "top", Arrange: "column"}
	if !slices.Contains(blockKinds, bf.Kind.V) {
		d := bf.At.Diag(bp+".kind", "expected a block kind (%s), found %q", strings.Join(blockKinds, ", "), bf.Kind.V)
		if bf.Kind.Set {
			d.File, d.Line, d.Col = bf.Kind.File, bf.Kind.Line, bf.Kind.Col
			d.Hint = diag.DidYouMean(bf.Kind.V, blockKinds)
		}
		r.l.Add(d)
		return b, false
	}
	if box, ok := parseBox(bf.Box, bp+".box", bf.At, r.l); ok {
		b.Box = geom.Rect{X: box.X * geom.Pt(r.scale), Y: box.Y * geom.Pt(r.scaleY), W: box.W * geom.Pt(r.scale), H: box.H * geom.Pt(r.scaleY)}
		r.checkOnPage(b.Box, bf.Box[0], bp+".box")
	}
	if bf.Align.Set {
		switch Align(bf.Align.V) {
		case Start, End, Center:
			b.Align = Align(bf.Align.V)
		default:
			d := bf.Align.Diag(bp+".align", "expected start, end or center, found %q", bf.Align.V)
			if bf.Align.V == "left" || bf.Align.V == "right" {
				d.Hint = "alignment follows the text direction so right-to-left locales mirror: use start or end"
			}
			r.l.Add(d)
		}
	}
	if bf.VAlign.Set {
		if !slices.Contains([]string{"top", "middle", "bottom"}, bf.VAlign.V) {
			bf.VAlign.Errorf(r.l, bp+".valign", "expected top, middle or bottom, found %q", bf.VAlign.V)
		}
		b.VAlign = bf.VAlign.V
	}
	if b.Kind != ImageBlock {
		checkImageFields(&bf, bp, r.l)
	}
	switch b.Kind {
	case ImageBlock:
		b.Image = resolveImageFields(&bf, bp, r.l)
	case RectBlock:
		if !bf.Fill.Set {
			bf.At.Errorf(r.l, bp, "missing field \"fill\": expected the palette colour a rect is filled with")
		} else {
			b.Fill = r.color(bf.Fill, bp+".fill", "")
		}
	case TextBlock:
		b.Color = r.color(bf.Color, bp+".color", "ink")
		if len(bf.Paragraphs) == 0 {
			bf.At.Errorf(r.l, bp, "missing field \"paragraphs\": expected at least one message in a text block")
		}
		for qi, qf := range bf.Paragraphs {
			b.Paragraphs = append(b.Paragraphs, r.paragraph(qf, b.Color, fmt.Sprintf("%s.paragraphs[%d]", bp, qi)))
		}
	case HelplinesBlock:
		r.helplines(&b, bf, bp)
	}
	return b, true
}

// checkOnPage reports a box that is not inside the trim, saying which edges
// it crosses.
func (r *layoutResolver) checkOnPage(box geom.Rect, first scalar, p string) {
	size := r.lay.Size
	if (geom.Rect{W: size.W, H: size.H}).Contains(box) {
		return
	}
	d := first.Diag(p, "expected a box on the %s×%s page, found one from %s,%s to %s,%s", size.W, size.H, box.X, box.Y, box.X+box.W, box.Y+box.H)
	var over []string
	if e := box.X + box.W - size.W; e > 0 {
		over = append(over, fmt.Sprintf("%s past the right edge", e))
	}
	if e := box.Y + box.H - size.H; e > 0 {
		over = append(over, fmt.Sprintf("%s past the bottom edge", e))
	}
	if box.X < 0 {
		over = append(over, fmt.Sprintf("%s past the left edge", -box.X))
	}
	if box.Y < 0 {
		over = append(over, fmt.Sprintf("%s past the top edge", -box.Y))
	}
	if len(over) > 0 {
		d.Hint = "it reaches " + strings.Join(over, " and ") + "; boxes are [x, y, width, height] from the top left of the trim"
	}
	r.l.Add(d)
}

func (r *layoutResolver) paragraph(qf paragraphFile, color geom.Color, qp string) Paragraph {
	l := r.l
	para := Paragraph{Message: qf.Message.V, Role: Role(qf.Role.V), Color: color, Count: qf.Count.V, File: qf.Message.File, Line: qf.Message.Line, Col: qf.Message.Col, Path: qp}
	if !qf.Message.Set {
		qf.At.Errorf(l, qp, "missing field \"message\": expected a message id")
		para.File, para.Line, para.Col = qf.At.File, qf.At.Line, qf.At.Col
	}
	ts, ok := r.lay.Type[para.Role]
	if !ok {
		d := qf.Role.Diag(qp+".role", "expected a role (%s), found %q", strings.Join(roles, ", "), qf.Role.V)
		if d.File == "" {
			d.File, d.Line, d.Col = qf.At.File, qf.At.Line, qf.At.Col
		}
		d.Hint = diag.DidYouMean(qf.Role.V, roles)
		l.Add(d)
	}
	para.Min, para.Max = ts.Min, ts.Max
	if len(qf.Size) > 0 {
		if mn, mx, ok := parseRange(qf.Size, qp+".size", qf.At, l); ok {
			para.Min, para.Max = r.sc(mn), r.sc(mx)
		}
	}
	if qf.Color.Set {
		para.Color = r.color(qf.Color, qp+".color", "")
	}
	if qf.Count.Set && qf.Count.V != "helplines" {
		qf.Count.Errorf(l, qp+".count", "expected a count the campaign knows (helplines), found %q", qf.Count.V)
	}
	if len(qf.Data) > 0 {
		para.Data = map[string]string{}
		for _, k := range slices.Sorted(maps.Keys(qf.Data)) {
			v := qf.Data[k]
			para.Data[k] = v.V
			if v.V != "emergency" && !strings.HasPrefix(v.V, "data.") {
				v.Errorf(l, qp+".data."+k, "expected a campaign value (emergency or data.NAME), found %q", v.V)
			}
		}
	}
	return para
}

func (r *layoutResolver) helplines(b *Block, bf blockFile, bp string) {
	b.Color = r.color(bf.Color, bp+".color", "ink")
	b.NumberColor = r.color(bf.NumberColor, bp+".number_color", "ink")
	if bf.Arrange.Set {
		if bf.Arrange.V != "row" && bf.Arrange.V != "column" {
			bf.Arrange.Errorf(r.l, bp+".arrange", "expected row or column, found %q", bf.Arrange.V)
		}
		b.Arrange = bf.Arrange.V
	}
	if !bf.QRSize.Set {
		bf.At.Errorf(r.l, bp, "missing field \"qr_size\": expected the side of each QR code, like \"25mm\"")
	} else if q, err := geom.ParseLength(bf.QRSize.V); err != nil || q <= 0 {
		bf.QRSize.Errorf(r.l, bp+".qr_size", "%s", lengthMsg(err, bf.QRSize.V))
	} else {
		b.QRSize = r.sc(q)
	}
}

func lengthMsg(err error, v string) string {
	if err != nil {
		return err.Error()
	}
	return fmt.Sprintf("expected a positive length inside the page, found %q", v)
}

func parseSize(s []scalar, a at, l *diag.List) (geom.Size, bool) {
	switch len(s) {
	case 0:
		a.Errorf(l, "", "missing field \"size\": expected a paper name (%s) or [width, height]", strings.Join(slices.Sorted(maps.Keys(geom.Paper)), ", "))
		return geom.Size{}, false
	case 1:
		p, ok := geom.Paper[s[0].V]
		if !ok {
			names := slices.Sorted(maps.Keys(geom.Paper))
			d := s[0].Diag("size", "expected a paper name (%s) or [width, height], found %q", strings.Join(names, ", "), s[0].V)
			d.Hint = diag.DidYouMean(s[0].V, names)
			if w, h, ok := isoA(s[0].V); ok {
				d.Hint = fmt.Sprintf("%s is not built in: write size: [%dmm, %dmm]", s[0].V, w, h)
			}
			l.Add(d)
			return geom.Size{}, false
		}
		return p, true
	case 2:
		w, err1 := geom.ParseLength(s[0].V)
		h, err2 := geom.ParseLength(s[1].V)
		if err1 != nil {
			s[0].Errorf(l, "size[0]", "%v", err1)
		}
		if err2 != nil {
			s[1].Errorf(l, "size[1]", "%v", err2)
		}
		if err1 != nil || err2 != nil {
			return geom.Size{}, false
		}
		if w <= 0 || h <= 0 {
			s[0].Errorf(l, "size", "expected a positive width and height")
			return geom.Size{}, false
		}
		return geom.Size{W: w, H: h}, true
	}
	s[0].Errorf(l, "size", "expected a paper name or [width, height], found %d values", len(s))
	return geom.Size{}, false
}

// isoA returns the portrait size in whole millimetres of ISO 216 paper
// "A0" to "A10" (each the previous halved, rounded down).
func isoA(name string) (w, h int, ok bool) {
	n, err := strconv.Atoi(strings.TrimPrefix(strings.ToUpper(name), "A"))
	if err != nil || !strings.HasPrefix(strings.ToUpper(name), "A") || n < 0 || n > 10 {
		return 0, 0, false
	}
	w, h = 841, 1189
	for range n {
		w, h = h/2, w
	}
	return w, h, true
}

func parseRange(s []scalar, p string, a at, l *diag.List) (geom.Pt, geom.Pt, bool) {
	if len(s) != 2 {
		if len(s) > 0 {
			a = at{File: s[0].File, Line: s[0].Line, Col: s[0].Col}
		}
		a.Errorf(l, p, "expected a size range [min, max] like [9pt, 14pt], found %d values", len(s))
		return 0, 0, false
	}
	mn, err1 := geom.ParseLength(s[0].V)
	if err1 != nil {
		s[0].Errorf(l, p+"[0]", "%v", err1)
	}
	mx, err2 := geom.ParseLength(s[1].V)
	if err2 != nil {
		s[1].Errorf(l, p+"[1]", "%v", err2)
	}
	if err1 != nil || err2 != nil {
		return 0, 0, false
	}
	if mn <= 0 || mn > mx {
		s[0].Errorf(l, p, "expected 0 < min ≤ max, found [%s, %s]", s[0].V, s[1].V)
		return 0, 0, false
	}
	return mn, mx, true
}

func parseBox(s []scalar, p string, a at, l *diag.List) (geom.Rect, bool) {
	if len(s) != 4 {
		a.Errorf(l, p, "expected a box [x, y, width, height] in lengths like 15mm, found %d values", len(s))
		return geom.Rect{}, false
	}
	var v [4]geom.Pt
	ok := true
	for i := range s {
		x, err := geom.ParseLength(s[i].V)
		if err != nil {
			d := s[i].Diag(fmt.Sprintf("%s[%d]", p, i), "%v", err)
			if _, e := strconv.ParseFloat(s[i].V, 64); e == nil {
				d.Hint = fmt.Sprintf("write %q", s[i].V+"mm")
			}
			l.Add(d)
			ok = false
		}
		v[i] = x
	}
	if ok && (v[2] <= 0 || v[3] <= 0) {
		s[2].Errorf(l, p, "expected a positive width and height")
		ok = false
	}
	return geom.Rect{X: v[0], Y: v[1], W: v[2], H: v[3]}, ok
}
