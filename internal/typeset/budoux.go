package typeset

import (
	"embed"
	"encoding/json"
	"sync"
	"unicode"

	xlang "golang.org/x/text/language"
)

// Japanese and Chinese headlines break between phrases (bunsetsu), as
// Chrome does with Google's BudouX: a BudouX model scores each gap
// between two characters by the characters around it, and a phrase
// starts where the score is positive. The models are BudouX's own
// (Apache-2.0; budoux/README.md says where they came from, budoux/LICENSE
// is their licence); phraseStarts is their only reader. The scoring is
// the model format's: a model maps a feature to its weight, and a gap's
// score is the sum of the weights of the features present there less half
// the sum of all weights (AdaBoost's vote).

//go:embed budoux/ja.json budoux/zh-hans.json budoux/zh-hant.json
var budouxFiles embed.FS

// phraseModel is a BudouX model, read once from its embedded file.
type phraseModel struct {
	once  sync.Once
	file  string
	feats map[string]map[string]int // feature group (UW1…TW4) → characters → weight
	total int                       // the sum of every weight
	// chinese: the model splits finely (a phrase of one character: 的, 了,
	// 先, 请), and Phrases joins those to a neighbour (joinSingles).
	chinese bool
}

var phraseModels = struct{ ja, hans, hant *phraseModel }{
	ja:   &phraseModel{file: "budoux/ja.json"},
	hans: &phraseModel{file: "budoux/zh-hans.json", chinese: true},
	hant: &phraseModel{file: "budoux/zh-hant.json", chinese: true},
}

// phraseModelFor returns the model for a BCP 47 language, or nil when
// there is none: Japanese, and Chinese in Simplified or Traditional
// characters (zh-TW and zh-HK are Traditional).
func phraseModelFor(lang string) *phraseModel {
	tag, err := xlang.Parse(lang)
	if err != nil {
		return nil
	}
	base, _ := tag.Base()
	switch base.String() {
	case "ja":
		return phraseModels.ja
	case "zh":
		if s, _ := tag.Script(); s.String() == "Hant" {
			return phraseModels.hant
		}
		return phraseModels.hans
	}
	return nil
}

// load reads the model. A model that cannot be read is a build defect
// (the file is embedded), so load panics with the reason.
func (m *phraseModel) load() {
	m.once.Do(func() {
		data, err := budouxFiles.ReadFile(m.file)
		if err == nil {
			err = json.Unmarshal(data, &m.feats)
		}
		if err != nil {
			panic("typeset: embedded phrase model " + m.file + ": " + err.Error())
		}
		for _, g := range m.feats {
			for _, w := range g {
				m.total += w
			}
		}
	})
}

// PhraseStarts returns, for each index i of text, whether BudouX's model
// for lang starts a phrase at i (start[0] is true), as the model scores
// it, before joinSingles; nil when lang has no model. It is the reference
// display breaks are measured against.
func PhraseStarts(text []rune, lang string) []bool {
	m := phraseModelFor(lang)
	if m == nil {
		return nil
	}
	return m.modelStarts(text)
}

// phraseStarts returns, for each index i of text, whether a display
// paragraph's phrase starts at i: the model's phrases, with Chinese
// one-character phrases joined to a neighbour (joinSingles).
func (m *phraseModel) phraseStarts(text []rune) []bool {
	start := m.modelStarts(text)
	if m.chinese {
		clauses(text, start)
		joinSingles(text, start)
	}
	return start
}

// clauses starts a phrase after punctuation ("擔心？|請", which the
// model takes for one phrase) and at a Latin word inside Chinese text:
// the model, which learnt from Chinese text, starts phrases inside it
// ("打C|hildline") and not before it. Between two characters that are
// not ideographs UAX #14 decides alone.
func clauses(text []rune, start []bool) {
	for i := 1; i < len(text); i++ {
		a, b := text[i-1], text[i]
		switch {
		case cjk(a) && unicode.Is(unicode.Latin, b), unicode.IsPunct(a) && cjk(b):
			start[i] = true
		case !cjk(a) && !cjk(b):
			start[i] = false
		}
	}
}

// modelStarts returns, for each index i of text, whether the model starts
// a phrase at i (start[0] is true).
func (m *phraseModel) modelStarts(text []rune) []bool {
	m.load()
	n := len(text)
	start := make([]bool, n)
	if n == 0 {
		return start
	}
	start[0] = true
	for i := 1; i < n; i++ {
		// A phrase starts at i when the features present outweigh half of
		// all weights: 2·score > total.
		score := 0
		// w adds the weight of the characters text[from:to] in group g,
		// when they lie inside the text.
		w := func(g string, from, to int) {
			if from >= 0 && to <= n {
				score += m.feats[g][string(text[from:to])]
			}
		}
		w("UW1", i-3, i-2)
		w("UW2", i-2, i-1)
		w("UW3", i-1, i)
		w("UW4", i, i+1)
		w("UW5", i+1, i+2)
		w("UW6", i+2, i+3)
		w("BW1", i-2, i)
		w("BW2", i-1, i+1)
		w("BW3", i, i+2)
		w("TW1", i-3, i)
		w("TW2", i-2, i+1)
		w("TW3", i-1, i+2)
		w("TW4", i, i+3)
		start[i] = 2*score > m.total
	}
	return start
}

// Chinese phrases of one character. The Chinese models split finely:
// "发送|前，|先|想|一|想", "请|拨|打0333", "收到|的|图像", so a heading
// broken at any of their phrases reads "发送前，先 / 想一想" or "请拨 /
// 打": a verb, an adverb or a particle cut from what it belongs to.
// joinSingles joins each phrase that holds one ideograph to the phrases on
// either side ("发送前，", "先想一想", "请拨打", "收到的图像"); to the one
// after only when that starts with an ideograph ("拨打 / Childline": a
// Latin word may start a line).
func joinSingles(text []rune, start []bool) {
	var at []int // the phrases' first indices, and len(text)
	for i, s := range start {
		if s {
			at = append(at, i)
		}
	}
	at = append(at, len(text))
	for k := 0; k+1 < len(at); k++ {
		from, to := at[k], at[k+1]
		if ideographs(text[from:to]) != 1 {
			continue
		}
		start[from] = from == 0
		if to < len(text) && cjk(text[to]) {
			start[to] = false
		}
	}
}

// ideographs counts the ideographs and kana of a phrase.
func ideographs(p []rune) int {
	n := 0
	for _, r := range p {
		if cjk(r) {
			n++
		}
	}
	return n
}
