package campaign

// Loading: campaign.yaml into a Campaign, its helplines, locales and the
// layouts it names (layouts.go), all problems gathered into one diag.List.

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/handbill/handbill/internal/artwork"
	"github.com/handbill/handbill/internal/decode"
	"github.com/handbill/handbill/internal/diag"
)

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
		cf.ID.Errorf(l, "id", "expected an id of at most %d lowercase letters, digits and hyphens, found %q", MaxID, c.ID)
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
	c.Data, c.DataMessages = resolveData(l, cf.Data, "data.")
	c.Region = checkRegion(l, cf.Region)
	c.Emergency, c.EmergencyAt = resolveEmergency(l, cf.Emergency, c.Region)
	c.Helplines = resolveHelplines(l, cf.Helplines, c.Region)
	if cf.Primary.Set {
		c.Primary, c.PrimaryAt = cf.Primary.V, posOf(cf.Primary, "primary")
		checkPrimary(l, c.Helplines, c.PrimaryAt, c.Primary)
	}
	c.Locales = resolveLocales(fsys, l, cf.Locales)
	c.SameAsSource = resolveSameAsSource(l, cf.SameAsSource)
	if len(cf.Locales) == 0 {
		cf.At.Errorf(l, "locales", "expected at least one locale to build, found none")
	}
	c.Print = resolvePrint(cf.Print, DefaultPrint, l)
	resolvePartners(c, cf.Partners, l)
	c.Brand = resolveBrand(cf.Brand, l)
	c.Access = resolveAccess(cf.Access, l)
	c.Publisher = resolvePublisher(c, cf.Publisher, l)
	for i, s := range cf.Layouts {
		p := fmt.Sprintf("layouts[%d]", i)
		if !idPattern.MatchString(s.V) {
			s.Errorf(l, p, "expected a layout name like \"poster-a4\" (a file layouts/NAME.yaml), found %q", s.V)
			continue
		}
		before := len(l.Errors())
		lay, pf := loadLayout(fsys, s.V, cf.Brand.Palette, l)
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
		checkBlockPrimaries(l, c.Helplines, lay)
		if len(l.Errors()) == before {
			// A box that failed to resolve would only add consequences.
			resolveLayoutPrint(c, lay, pf, l)
			resolveLayoutArt(c, lay, l)
		}
		c.Layouts = append(c.Layouts, lay)
	}
	resolveIcons(c, cf.Brand.Icons, l)
	resolveAreas(c, readAreas(c, &cf, l), &cf, l) // last: each area's campaign is a copy of c
	return c
}

// resolveHelplines checks each helpline has its fields, a unique id and a
// number its QR code can dial.
func resolveHelplines(l *diag.List, hs []helplineFile, region string) []Helpline {
	paths := make([]string, len(hs))
	for i := range hs {
		paths[i] = fmt.Sprintf("helplines[%d]", i)
	}
	return resolveHelplinesAt(l, hs, region, paths)
}

// resolveHelplinesAt is resolveHelplines with the field path of each
// helpline given (an area's override is written in the area).
func resolveHelplinesAt(l *diag.List, hs []helplineFile, region string, paths []string) []Helpline {
	var out []Helpline
	firstHL := map[string]scalar{}
	for i, h := range hs {
		p := paths[i]
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
		if h.URL.Set {
			hl.URL = checkWebAddress(l, h.URL, p+".url")
		}
		if h.Number.Set {
			pn := checkDialable(l, h, hl.ID, region, p)
			hl.E164, hl.Dial, hl.Tel = pn.E164, pn.Short, pn.Tel
		}
		out = append(out, hl)
	}
	return out
}

// checkPrimary reports a primary helpline id that names no helpline.
func checkPrimary(l *diag.List, hls []Helpline, at Pos, id string) {
	ids := make([]string, len(hls))
	for i, h := range hls {
		if h.ID == id {
			return
		}
		ids[i] = h.ID
	}
	d := diag.Diagnostic{Severity: diag.Error, File: at.File, Line: at.Line, Col: at.Col, Path: at.Path,
		Msg: fmt.Sprintf("expected the id of one of the campaign's helplines (%s), found %q", strings.Join(ids, ", "), id)}
	d.Hint = diag.DidYouMean(id, ids)
	l.Add(d)
}

// checkBlockPrimaries checks the primary of each helplines block of lay.
func checkBlockPrimaries(l *diag.List, hls []Helpline, lay *Layout) {
	for _, pg := range lay.Pages {
		for _, b := range pg.Blocks {
			if b.Kind == HelplinesBlock && b.Primary != "" {
				checkPrimary(l, hls, b.PrimaryAt, b.Primary)
			}
		}
	}
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

// MaxID is the longest id of a campaign, layout or area.
const MaxID = 64

var (
	// idPattern is an id that goes into file names (campaign, layout,
	// area): at most MaxID characters, so that campaign-layout-area-
	// locale-edition.pdf stays inside a file system's 255-byte name (a
	// 240-character id failed every output with "file name too long").
	idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,63}$`)
	shortCode = regexp.MustCompile(`^[0-9]{3,6}$`)
)

// messageExts are the message file formats the messages package reads, in
// its lookup order (messages.Formats; a test keeps the two equal).
var messageExts = []string{"toml", "json", "yaml", "yml"}

// checkMessageFile reports a locale that has no message file in locales/,
// at the place that names it, suggesting a file whose name is close.
func checkMessageFile(fsys fs.FS, l *diag.List, tag scalar, p string) {
	for _, ext := range messageExts {
		name := "locales/" + tag.V + "." + ext
		if fileExists(fsys, name) {
			return
		}
		// A link out of the folder cannot be opened: say so, not "none".
		if ok, link, target := decode.Inside(fsys, name); !ok {
			d := tag.Diag(p, "expected a message file for locale %s inside the campaign folder, found %s, which leaves it: %s links to %s", tag.V, name, link, target)
			d.Hint = "copy the file into the campaign folder; symbolic links may not point outside it"
			l.Add(d)
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
