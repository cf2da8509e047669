package typeset

import (
	"embed"
	"encoding/json"
	"sync"

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
}

var phraseModels = struct{ ja, hans, hant *phraseModel }{
	ja:   &phraseModel{file: "budoux/ja.json"},
	hans: &phraseModel{file: "budoux/zh-hans.json"},
	hant: &phraseModel{file: "budoux/zh-hant.json"},
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

// phraseStarts returns, for each index i of text, whether a phrase starts
// at i (start[0] is true).
func (m *phraseModel) phraseStarts(text []rune) []bool {
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
