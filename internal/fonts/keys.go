package fonts

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/go-text/typesetting/language"
	xlang "golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/handbill/handbill/internal/decode"
	"github.com/handbill/handbill/internal/diag"
)

// chainFile is one entry of scripts: or languages:, a list of family ids;
// At is where its key is written.
type chainFile struct {
	IDs []decode.Scalar `yaml:"ids,bare"`
	At  decode.At       `yaml:"-"`
}

// A scripts: key must be a script Unicode gives to characters (the
// Script property of UAX #24, what the font chooser looks up for each
// rune): an ISO 15924 code such as Jpan or Hant, or a name such as Khmer,
// would be accepted and never used. noCharacters says, for the codes of
// writing systems that mix scripts, which keys to write instead.
var noCharacters = map[string]string{
	"Jpan": "Japanese is written in Hani, Hira and Kana: list a Japanese font under languages: ja",
	"Hrkt": "kana are Hira and Kana: list the font under Hira and Kana, or under languages: ja",
	"Kore": "Korean is written in Hang and Hani: list a Korean font under languages: ko",
	"Hans": "hanzi are Hani whichever their form: list a Simplified Chinese font under languages: zh-Hans",
	"Hant": "hanzi are Hani whichever their form: list a Traditional Chinese font under languages: zh-Hant",
	"Zzzz": "Zzzz is the code of no script",
}

// charScripts is the set of scripts Unicode assigns to characters, with
// Common (Zyyy) and Inherited (Zinh), as go-text looks them up.
var charScripts = sync.OnceValue(func() map[language.Script]bool {
	s := map[language.Script]bool{}
	for _, r := range language.ScriptRanges {
		s[r.Script] = true
	}
	return s
})

// scriptNames maps the English name of each script of characters and of
// each code in noCharacters, lower case ("khmer", "japanese"), to its
// code.
var scriptNames = sync.OnceValue(func() map[string]string {
	names := map[string]string{}
	codes := slices.Collect(maps.Keys(noCharacters))
	for s := range charScripts() {
		codes = append(codes, s.String())
	}
	for _, c := range codes {
		if x, err := xlang.ParseScript(c); err == nil {
			names[strings.ToLower(display.English.Scripts().Name(x))] = c
		}
	}
	return names
})

// ScriptName returns a script's English name and code, "Khmer (Khmr)".
func ScriptName(s language.Script) string {
	x, err := xlang.ParseScript(s.String())
	if err != nil {
		return s.String()
	}
	return display.English.Scripts().Name(x) + " (" + s.String() + ")"
}

// scriptKey resolves a scripts: key, or says what is wrong with it and
// what to write instead.
func scriptKey(key string) (s language.Script, problem, hint string) {
	if x, err := xlang.ParseScript(key); err == nil && len(key) == 4 {
		s, _ = language.ParseScript(key)
		if charScripts()[s] {
			return s, "", ""
		}
		return 0, fmt.Sprintf("%q, the code of %s, which Unicode gives to no character (so no text would use this chain)",
			key, display.English.Scripts().Name(x)), noCharacters[x.String()]
	}
	problem = fmt.Sprintf("%q", key)
	name := strings.ToLower(strings.NewReplacer("_", " ", "-", " ").Replace(key))
	if code, ok := scriptNames()[name]; ok {
		if h, ok := noCharacters[code]; ok {
			return 0, problem, h
		}
		return 0, problem, fmt.Sprintf("did you mean %q? (%s is the script's name; keys are ISO 15924 codes)", code, key)
	}
	if x, err := xlang.ParseScript(key); err == nil && noCharacters[x.String()] != "" {
		return 0, problem, noCharacters[x.String()]
	}
	return 0, problem, diag.DidYouMean(key, slices.Sorted(maps.Values(scriptNames())))
}

// scriptKeys resolves the scripts: entries, reporting bad keys at their
// line.
func (r *Registry) scriptKeys(t map[string]chainFile, l *diag.List) {
	for _, key := range slices.Sorted(maps.Keys(t)) {
		c := t[key]
		s, problem, hint := scriptKey(key)
		if problem != "" {
			d := c.At.Diag("scripts."+key, "expected an ISO 15924 code of a script of characters, like \"Latn\" or \"Khmr\", found %s", problem)
			d.Hint = hint
			l.Add(d)
			continue
		}
		if _, dup := r.scripts[s]; dup {
			c.At.Errorf(l, "scripts."+key, "expected each script once, found %s again (as %q)", s, key)
			continue
		}
		r.scripts[s] = r.chain(c.IDs, "scripts."+key, l)
	}
}

// languageKeys resolves the languages: entries: each key must be a valid
// BCP 47 tag. Whether a campaign has a locale it applies to is
// CheckLocales's question.
func (r *Registry) languageKeys(t map[string]chainFile, l *diag.List) {
	r.langAt = map[string]decode.At{}
	for _, key := range slices.Sorted(maps.Keys(t)) {
		c := t[key]
		if _, err := xlang.Parse(key); err != nil || strings.Contains(key, "_") {
			d := c.At.Diag("languages."+key, "expected a BCP 47 language tag like \"ja\" or \"zh-Hant\", found %q", key)
			d.Hint = languageHint(key)
			l.Add(d)
			continue
		}
		lower := strings.ToLower(key)
		if _, dup := r.languages[lower]; dup {
			c.At.Errorf(l, "languages."+key, "expected each language once, found %q again", key)
			continue
		}
		r.languages[lower] = r.chain(c.IDs, "languages."+key, l)
		r.langAt[key] = c.At
	}
}

// languageHint suggests the tag meant by a key that is no BCP 47 tag:
// ja_JP is written ja-JP, and jp, kr, cn are countries (Japan, Korea,
// China), whose language is ja, ko, zh.
func languageHint(key string) string {
	if t, err := xlang.Parse(strings.ReplaceAll(key, "_", "-")); err == nil {
		return fmt.Sprintf("did you mean %q?", t.String())
	}
	if reg, err := xlang.ParseRegion(key); err == nil {
		if t, err := xlang.Compose(reg); err == nil {
			if b, conf := t.Base(); conf != xlang.No {
				return fmt.Sprintf("did you mean %q? (%s is the code of a country, %s; its language is %s)",
					b.String(), key, display.English.Regions().Name(reg), b.String())
			}
		}
	}
	return ""
}

// CheckLocales reports each languages: key of the table that none of a
// campaign's locales (tags) uses: a locale uses the key equal to its tag
// or to a shorter form of it (zh for zh-Hant-TW), so ja-JP does nothing
// for a campaign whose locale is ja. Call it for a campaign's own table,
// not for the bundled one, which serves every campaign.
func (r *Registry) CheckLocales(tags []string) error {
	var l diag.List
	for _, key := range slices.Sorted(maps.Keys(r.langAt)) {
		if slices.ContainsFunc(tags, func(t string) bool { return usesKey(t, key) }) {
			continue
		}
		d := r.langAt[key].Diag("languages."+key, "expected the tag of one of the campaign's locales (%s), found %q, which no locale uses",
			strings.Join(tags, ", "), key)
		d.Hint = diag.DidYouMean(key, tags)
		l.Add(d)
	}
	return l.Err()
}

// usesKey reports whether locale tag looks up languages: key (see
// Registry.languageChain).
func usesKey(tag, key string) bool {
	tag, key = strings.ToLower(tag), strings.ToLower(key)
	return tag == key || strings.HasPrefix(tag, key+"-")
}

// checkKana reports a scripts: chain for kana (Hira, Kana) headed by
// another family than the chain for kanji (Hani): Japanese text would mix
// two designs, and two weights where one family has a bold and the other
// not. A Japanese font belongs under languages: ja, which comes first for
// every character of Japanese text.
func (r *Registry) checkKana(t map[string]chainFile, l *diag.List) {
	han := r.scripts[language.Han]
	for _, key := range slices.Sorted(maps.Keys(t)) {
		s, _, _ := scriptKey(key)
		kana := r.scripts[s]
		if (s != language.Hiragana && s != language.Katakana) || len(kana) == 0 || len(han) > 0 && han[0] == kana[0] {
			continue
		}
		kanji := "no font"
		if len(han) > 0 {
			kanji = fmt.Sprintf("%s (%s)", han[0].Name, han[0].ID)
		}
		d := t[key].At.Diag("scripts."+key, "expected the kana chain to start with the family that draws kanji, found %s (%s) for %s but %s for Hani: Japanese text would mix two designs",
			kana[0].Name, kana[0].ID, ScriptName(s), kanji)
		d.Hint = fmt.Sprintf("list a Japanese font under languages: as ja: [%s, noto-sans] instead, so that it draws kanji and kana alike", kana[0].ID)
		l.Add(d)
	}
}
