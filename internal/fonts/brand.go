package fonts

import (
	"cmp"
	"errors"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/go-text/typesetting/language"
	xlang "golang.org/x/text/language"

	"github.com/handbill/handbill/internal/decode"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/sfnt"
)

// The brand's type. A campaign's brand (brand: type: in campaign.yaml)
// may give a family for headings and one for body text: a family of the
// font table by its id, or font files in the campaign folder. It is one
// entry, not a font table: the brand's family is drawn first, and only in
// the locales whose script it draws (BrandScriptLetters letters of it);
// every character it lacks (digits, punctuation, another script's
// letters) comes from the table's chains as before, and a locale of
// another script (Urdu beside an English brand face) keeps its own fonts
// whole. Small text takes the body family.

// Brand roles: the type roles a brand gives a family for.
const (
	BrandHeading = "heading"
	BrandBody    = "body"
)

// BrandScriptLetters is how many letters of a script a brand's family
// must have to draw the locales written in it: 26 keeps out a Latin
// face's few Greek letters (µ, π, Ω), and lets in any face made for the
// script.
const BrandScriptLetters = 26

// BrandFamily is what a campaign's brand says for one role.
type BrandFamily struct {
	Role string // BrandHeading or BrandBody
	// Regular is a family id of the font table, or the family's regular
	// font file relative to the campaign folder.
	Regular decode.Scalar
	// Bold and Licence are font files relative to the campaign folder,
	// when Regular is one; either may be unset. Index is the face of a
	// collection (.ttc, .otc) in both weights, as in fonts.yaml.
	Bold, Licence, Index decode.Scalar
	Path                 string // the field: brand.type.heading
}

// AddBrand adds a campaign's brand families, their files read from fsys
// (the campaign folder). Each file is checked and parsed now, so that a
// problem is an error at the line of campaign.yaml that names it.
func (r *Registry) AddBrand(fsys fs.FS, bs []BrandFamily) error {
	var l diag.List
	for _, b := range bs {
		fam := r.brandFamily(fsys, b, &l)
		if fam == nil {
			continue
		}
		if fam.scripts == nil {
			if fam.scripts = r.letterScripts(fam, &l); fam.scripts == nil {
				continue
			}
		}
		if r.brand == nil {
			r.brand = map[string]*Family{}
		}
		r.brand[b.Role] = fam
	}
	return l.Err()
}

// brandFamily resolves one role's family, or returns nil after adding
// its problems to l.
func (r *Registry) brandFamily(fsys fs.FS, b BrandFamily, l *diag.List) *Family {
	if fam, ok := r.families[b.Regular.V]; ok {
		for _, s := range []decode.Scalar{b.Bold, b.Licence, b.Index} {
			if s.Set {
				s.Errorf(l, b.Path, "expected bold:, licence: and index: only beside font files, found them beside %q, a family of the font table", b.Regular.V)
				return nil
			}
		}
		return fam
	}
	for _, other := range r.brand { // heading and body in the same files: one family
		if other.brand && other.files == [2]string{b.Regular.V, b.Bold.V} && strconv.Itoa(other.Index) == cmp.Or(b.Index.V, "0") {
			return other
		}
	}
	fam := &Family{ID: "brand-" + b.Role, Licence: b.Licence.V, src: folder{fsys, ""}, files: [2]string{b.Regular.V, b.Bold.V}, brand: true}
	n := len(*l)
	fam.checkBrandFiles(b, l)
	if len(*l) == n {
		return fam
	}
	if ids := slices.Sorted(maps.Keys(r.families)); !strings.ContainsAny(b.Regular.V, "./") {
		if (*l)[n].Hint = diag.DidYouMean(b.Regular.V, ids); (*l)[n].Hint == "" {
			(*l)[n].Hint = "name a font file, or a family of the font table by its id: " + strings.Join(ids, ", ")
		}
	}
	return nil
}

// checkBrandFiles checks the font and licence files of a brand's family,
// adding each problem to l at the field that names the file.
func (fam *Family) checkBrandFiles(b BrandFamily, l *diag.List) {
	if !b.Regular.Set {
		b.Regular.Errorf(l, b.Path+".regular", "expected a font file or a family of the font table, found none")
		return
	}
	if b.Index.Set {
		n, err := strconv.Atoi(b.Index.V)
		if err != nil || n < 0 {
			b.Index.Errorf(l, b.Path+".index", "expected the number of a face in a font collection (0 for the first), found %q", b.Index.V)
			return
		}
		fam.Index = n
	}
	for w, s := range []decode.Scalar{b.Regular, b.Bold} {
		fp := b.Path + "." + [2]string{"regular", "bold"}[w]
		if s.Set && fam.src.checkFile(s, fp, "font file", l) && fam.src.checkFont(s, fam.Index, b.Index.Set, fp, l) {
			fam.faces[w] = &lazyFace{at: s, path: fp}
		}
	}
	if b.Licence.Set {
		fam.src.checkFile(b.Licence, b.Path+".licence", "licence file", l)
	}
}

// letterScripts parses fam's faces and returns the ISO 15924 codes of
// the scripts its regular face has at least BrandScriptLetters letters
// of, sorted; nil (and its problem in l) when a face cannot be read.
func (r *Registry) letterScripts(fam *Family, l *diag.List) []string {
	for w := range 2 {
		if fam.faces[w] == nil {
			continue
		}
		if _, err := r.face(fam, w == 1); err != nil {
			l.Add(asDiag(err, fam.faces[w]))
			return nil
		}
	}
	f, _ := r.face(fam, false)
	if fam.Name == "" {
		fam.Name = f.Describe().Family
	}
	n := map[language.Script]int{}
	for it := f.Face.Font.Cmap.Iter(); it.Next(); {
		if c, _ := it.Char(); unicode.IsLetter(c) {
			n[language.LookupScript(c)]++
		}
	}
	out := []string{}
	for s, k := range n {
		if k >= BrandScriptLetters {
			out = append(out, s.String())
		}
	}
	slices.Sort(out)
	return out
}

// asDiag is a face's loading error as a diagnostic at the field that
// names the file.
func asDiag(err error, lf *lazyFace) diag.Diagnostic {
	var d diag.Diagnostic
	if errors.As(err, &d) {
		return d
	}
	return lf.at.Diag(lf.path, "expected a readable font file, found %v", err)
}

// brandName is the name a brand's page font takes: the file's own
// PostScript name (name ID 6), or else fallback.
func brandName(data []byte, fallback string) string {
	if m, err := sfnt.ReadMetrics(data); err == nil && m.PostScriptName != "" {
		return m.PostScriptName
	}
	return fallback
}

// Brand returns the brand's family for each role it gives one for.
func (r *Registry) Brand() map[string]*Family { return maps.Clone(r.brand) }

// BrandFor returns the brand's family for a type role ("heading", "body";
// any other role takes the body's) in the locale tag, or nil when the
// brand gives none or the family does not draw the locale's script.
func (r *Registry) BrandFor(tag, role string) *Family {
	if role != BrandHeading {
		role = BrandBody
	}
	fam := r.brand[role]
	if fam == nil || !slices.Contains(fam.scripts, localeScript(tag)) {
		return nil
	}
	return fam
}

// RoleFontmap is Fontmap for text of a type role: the brand's family of
// the role comes first when it draws the locale's script (BrandFor).
func (r *Registry) RoleFontmap(tag, role string, bold bool) *Fontmap {
	fam := r.BrandFor(tag, role)
	if fam == nil {
		return r.Fontmap(tag, bold)
	}
	return r.fontmap(mapKey{strings.ToLower(tag), bold, fam}, tag)
}

// Brand reports whether the family is font files a campaign's brand
// names (in campaign.yaml), not a family of the font table.
func (fam *Family) Brand() bool { return fam.brand }

// BrandScripts returns the ISO 15924 codes of the scripts a brand family
// draws the locales of (BrandScriptLetters), sorted.
func (fam *Family) BrandScripts() []string { return fam.scripts }

// Files returns the family's font files, regular then bold when it has
// one, as the font table or campaign.yaml names them.
func (fam *Family) Files() []string {
	if fam.files[1] == "" {
		return []string{fam.files[0]}
	}
	return []string{fam.files[0], fam.files[1]}
}

// localeScript is the ISO 15924 code of the script a locale is written
// in (its likely script); Chinese in either form is Hani, the script of
// its characters.
func localeScript(tag string) string {
	s, _ := xlang.Make(tag).Script()
	switch c := s.String(); c {
	case "Hans", "Hant":
		return "Hani"
	default:
		return c
	}
}
