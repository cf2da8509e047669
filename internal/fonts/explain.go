package fonts

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/go-text/typesetting/language"
	xlang "golang.org/x/text/language"
)

// AddFontSection is the README section that says how to add a font.
const AddFontSection = `README, "Add a font"`

// notoFamily is where a script's Noto family is found on Debian.
type notoFamily struct {
	name, pkg, file string
}

// notoCJK is Noto Sans CJK in Debian's fonts-noto-cjk: OpenType CFF
// collections whose faces are, in order, JP, KR, SC, TC, HK.
var notoCJK = notoFamily{"Noto Sans CJK", "fonts-noto-cjk", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"}

// cjkFaces is the face of notoCJK for a language.
var cjkFaces = map[string]int{"ja": 0, "ko": 1, "zh-hans": 2, "zh": 2, "zh-hant": 3, "zh-hk": 4}

// notoScripts names, for scripts of living languages, the Noto family
// that draws them; those not listed in notoFile are in fonts-noto-core at
// /usr/share/fonts/truetype/noto/NotoSans<Name>-Regular.ttf (Debian
// 20201225-1, checked against the package's files).
var notoScripts = map[language.Script]string{
	language.Armenian: "Armenian", language.Bengali: "Bengali", language.Canadian_Aboriginal: "Canadian Aboriginal",
	language.Cherokee: "Cherokee", language.Devanagari: "Devanagari", language.Ethiopic: "Ethiopic",
	language.Georgian: "Georgian", language.Gujarati: "Gujarati", language.Gurmukhi: "Gurmukhi",
	language.Hebrew: "Hebrew", language.Javanese: "Javanese", language.Kannada: "Kannada",
	language.Khmer: "Khmer", language.Lao: "Lao", language.Malayalam: "Malayalam",
	language.Mongolian: "Mongolian", language.Myanmar: "Myanmar", language.Nko: "NKo",
	language.Ol_Chiki: "Ol Chiki", language.Oriya: "Oriya", language.Sinhala: "Sinhala",
	language.Sundanese: "Sundanese", language.Syriac: "Syriac", language.Tamil: "Tamil",
	language.Telugu: "Telugu", language.Thaana: "Thaana", language.Thai: "Thai",
	language.Tifinagh: "Tifinagh", language.Vai: "Vai", language.Yi: "Yi", language.Adlam: "Adlam",
	language.Arabic: "Arabic",
}

// cjkScripts are the scripts of Chinese, Japanese and Korean text, which
// one font should draw whole for a language (kanji and kana, hangul and
// hanja, in one design and weight).
var cjkScripts = map[language.Script]bool{
	language.Han: true, language.Hiragana: true, language.Katakana: true, language.Hangul: true, language.Bopomofo: true,
}

// family returns the Noto family for script s in language tag, if known.
func family(s language.Script, tag string) (notoFamily, int, bool) {
	if cjkScripts[s] {
		t := strings.ToLower(tag)
		for ; t != ""; t = t[:max(0, strings.LastIndexByte(t, '-'))] {
			if i, ok := cjkFaces[t]; ok {
				return notoCJK, i, true
			}
		}
		return notoCJK, -1, true
	}
	name, ok := notoScripts[s]
	if !ok {
		return notoFamily{}, 0, false
	}
	return notoFamily{"Noto Sans " + name, "fonts-noto-core",
		"/usr/share/fonts/truetype/noto/NotoSans" + strings.ReplaceAll(name, " ", "") + "-Regular.ttf"}, 0, true
}

// Explain says why the runes missing (from Fontmap.Missing) have no font
// in the locale's chains, and what to do. msg names each script (Khmer
// (Khmr)) with its characters. hint says, when a family of the table
// draws them all, which chain to list it in; for scripts the locale's
// fonts draw nothing of, which fonts.yaml entry to add, the README section
// that says how, and the Noto family (and Debian package) that draws
// them; for stray characters of a script the fonts do draw, that they may
// be a typing slip. Chinese, Japanese and Korean scripts are one group: one
// font under the language's entry should draw them all.
func (m *Fontmap) Explain(missing []rune) (msg, hint string) {
	byScript := map[language.Script][]rune{}
	for _, r := range missing {
		s := language.LookupScript(r)
		byScript[s] = append(byScript[s], r)
	}
	scripts := slices.Sorted(maps.Keys(byScript))
	var msgs []string
	var strong []language.Script // the scripts to advise on: Common and Inherited follow the others' font
	for _, s := range scripts {
		msgs = append(msgs, fmt.Sprintf("%s: %s", ScriptName(s), runeList(byScript[s])))
		if s.Strong() {
			strong = append(strong, s)
		}
	}
	if len(strong) == 0 {
		strong = scripts
	}
	msg = "no configured font draws " + strings.Join(msgs, "; ")
	if fam := m.reg.holder(missing); fam != nil {
		h := fmt.Sprintf("%s (%s) in %s draws them, but no chain for %s lists it: add it %s (%s)",
			fam.Name, fam.ID, path.Join(m.reg.dir, Table), m.tag, m.chainAdvice(strong, fam.ID), AddFontSection)
		if cjkScripts[strong[0]] { // the family may draw another language's forms (Chinese hanzi for Japanese kanji)
			h += "; or add a font made for " + m.tag + ": " + familyAdvice(strong[0], m.tag)
		}
		return msg, h
	}
	var hints []string
	for _, g := range groups(strong) {
		hints = append(hints, m.groupHint(g))
	}
	return msg, strings.Join(hints, "; ")
}

// groups puts the scripts of Chinese, Japanese and Korean in one group
// and every other script in a group of its own.
func groups(ss []language.Script) [][]language.Script {
	var out [][]language.Script
	var cjk []language.Script
	for _, s := range ss {
		if cjkScripts[s] {
			cjk = append(cjk, s)
			continue
		}
		out = append(out, []language.Script{s})
	}
	if len(cjk) > 0 {
		out = append(out, cjk)
	}
	return out
}

// groupHint is Explain's hint for a group of scripts no family of the
// table draws all of.
func (m *Fontmap) groupHint(g []language.Script) string {
	names := make([]string, len(g))
	drawn := true
	for i, s := range g {
		names[i] = ScriptName(s)
		drawn = drawn && m.drawsScript(s)
	}
	list := strings.Join(names, ", ")
	slip := fmt.Sprintf("use the usual character of your language (a typing slip or a look-alike from another script?), or add a font that has them to %s (%s)", path.Join(m.reg.dir, Table), AddFontSection)
	switch {
	case !g[0].Strong():
		return slip
	case drawn:
		return fmt.Sprintf("the fonts for %s draw other %s letters: %s", m.tag, list, slip)
	case !m.ownScript(g[0]):
		return fmt.Sprintf("%s is not a script %s is written in: %s", list, m.tag, slip)
	}
	h := fmt.Sprintf("no font for %s draws %s: add a family to %s and list it %s (%s)", m.tag, list, path.Join(m.reg.dir, Table), m.chainAdvice(g, "FAMILY-ID"), AddFontSection)
	if f := familyAdvice(g[0], m.tag); f != "" {
		h += "; " + f
	}
	return h
}

// ownScript reports whether s is a script the locale's language is
// written in (its likely script; for Chinese, Japanese and Korean, any of
// theirs): a missing letter of another script is more likely a slip.
func (m *Fontmap) ownScript(s language.Script) bool {
	sc, _ := xlang.Make(m.tag).Script()
	if cjkScripts[s] {
		return slices.Contains([]string{"Jpan", "Kore", "Hans", "Hant", "Hani"}, sc.String())
	}
	return sc.String() == s.String()
}

// familyAdvice names the Noto family that draws script s for language
// tag, with its Debian package and file, or "".
func familyAdvice(s language.Script, tag string) string {
	nf, index, ok := family(s, tag)
	if !ok {
		return ""
	}
	h := fmt.Sprintf("%s draws it: Debian package %s, %s", nf.name, nf.pkg, nf.file)
	if index >= 0 && nf == notoCJK {
		h += fmt.Sprintf(" (a collection: index: %d is the face for %s)", index, tag)
	}
	return h
}

// runeList lists up to eight runes as U+XXXX 'c', and how many more.
func runeList(rs []rune) string {
	parts := make([]string, 0, 9)
	for i, r := range rs {
		if i == 8 {
			parts = append(parts, fmt.Sprintf("and %d more", len(rs)-8))
			break
		}
		parts = append(parts, fmt.Sprintf("U+%04X %q", r, r))
	}
	return strings.Join(parts, ", ")
}

// chainAdvice says which chain to list family id in for scripts ss: the
// locale's languages: entry for the scripts of Chinese, Japanese and
// Korean (so that one font draws all of its text) or for several scripts,
// else the script's scripts: entry.
func (m *Fontmap) chainAdvice(ss []language.Script, id string) string {
	if slices.ContainsFunc(ss, func(s language.Script) bool { return cjkScripts[s] }) {
		return fmt.Sprintf("under languages: as %s: [%s, noto-sans], so that one font draws all its text (under scripts: Hira or Kana alone, kana and kanji would come from different fonts)", m.tag, id)
	}
	if len(ss) == 1 {
		return fmt.Sprintf("under scripts: as %s: [%s, noto-sans]", ss[0], id)
	}
	return fmt.Sprintf("under languages: as %s: [%s, noto-sans]", m.tag, id)
}

// holder returns a family of the table whose regular face draws every
// rune of rs, or nil.
func (r *Registry) holder(rs []rune) *Family {
	for _, id := range slices.Sorted(maps.Keys(r.families)) {
		fam := r.families[id]
		if fam.faces[0] == nil {
			continue
		}
		f, err := r.face(fam, false)
		if err != nil {
			continue
		}
		all := true
		for _, c := range rs {
			if _, ok := f.Face.Font.NominalGlyph(c); !ok {
				all = false
				break
			}
		}
		if all {
			return fam
		}
	}
	return nil
}

// drawsScript reports whether the locale's fonts draw any of the first
// characters of each range of script s: a script whose letters are all
// missing needs a font, not a spelling fix.
func (m *Fontmap) drawsScript(s language.Script) bool {
	if !s.Strong() {
		return true
	}
	for _, rg := range language.ScriptRanges {
		if rg.Script != s {
			continue
		}
		for c := rg.Start; c <= rg.End && c < rg.Start+16; c++ {
			if m.Find(c) != nil {
				return true
			}
		}
	}
	return false
}
