package fonts

import (
	"maps"
	"math"
	"slices"
	"sync"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	xlang "golang.org/x/text/language"
)

// The apparent-size rule. Reading guidance (RNIB Clear Print: body text at
// least 12 pt) is stated for Latin type, whose size the reader judges by
// the height of its lower-case letters. Some scripts draw their letters
// smaller within the em: Noto Nastaliq Urdu's letters are about 0.46 em
// tall where Noto Sans's are 0.56 em, so 12 pt Nastaliq reads like 10 pt
// Latin. handbill therefore compares type by ink height, not nominal size:
//
//	apparent size = nominal size × InkScale(face)
//	InkScale = min(1, median ink height of the face's glyphs in a sample
//	           of its own script, shaped / RefInk)
//
// The ink height of a glyph is its bounding box height as shaped (marks and
// glyphs without ink or advance left out); the sample is a plain sentence
// per script (inkSamples). A face's own script is the script (or the
// language's script) whose chain in fonts.yaml it heads. Latin, Greek and
// Cyrillic faces, and faces of scripts without a sample, have scale 1: the
// guidance is written for them. A scale is never above 1: a script that
// looks large is not allowed smaller type for it.
//
// Layouts give type sizes as apparent sizes; compose sets each paragraph at
// apparent ÷ InkScale of the face that draws most of it, so Urdu body text
// reads as large as English body text.

// RefInk is the median ink height of Noto Sans Regular on the Latin sample
// ("The boy wrote…", below), as a fraction of the em: the reference every
// other script is compared with.
const RefInk = 0.556

// inkSamples are plain sentences (a boy writing a long letter to a friend in
// the city) in each script whose letters may sit smaller in the em than
// Latin lower case. Any script not listed has scale 1.
var inkSamples = map[language.Script]string{
	language.Arabic:     "كتب الولد رسالة طويلة إلى صديقه في المدينة",
	language.Hebrew:     "הילד כתב מכתב ארוך לחבר שלו בעיר",
	language.Devanagari: "लड़के ने शहर में अपने दोस्त को एक लंबा पत्र लिखा",
	language.Bengali:    "ছেলেটি শহরে তার বন্ধুকে একটি লম্বা চিঠি লিখল",
	language.Gurmukhi:   "ਮੁੰਡੇ ਨੇ ਸ਼ਹਿਰ ਵਿੱਚ ਆਪਣੇ ਦੋਸਤ ਨੂੰ ਇੱਕ ਲੰਬੀ ਚਿੱਠੀ ਲਿਖੀ",
	language.Gujarati:   "છોકરાએ શહેરમાં તેના મિત્રને એક લાંબો પત્ર લખ્યો",
	language.Tamil:      "சிறுவன் நகரத்தில் உள்ள தன் நண்பனுக்கு ஒரு நீண்ட கடிதம் எழுதினான்",
	language.Thai:       "เด็กชายเขียนจดหมายยาวถึงเพื่อนในเมือง",
	language.Ethiopic:   "ልጁ በከተማው ላለው ጓደኛው ረጅም ደብዳቤ ጻፈ",
	language.Han:        "男孩给城里的朋友写了一封长信",
}

// inkLangSamples are the samples for faces that head a language's chain,
// where the language writes its script differently (Urdu in Nastaliq).
var inkLangSamples = map[string]string{
	"ur": "لڑکے نے شہر میں رہنے والے اپنے پرانے دوست کو ایک لمبا خط لکھا اور اس میں اپنے گھر والوں کی باتیں بتائیں کہ وہ کیسے ہیں",
}

// rtlSample lists the sample scripts written right to left.
var rtlSample = map[language.Script]bool{language.Arabic: true, language.Hebrew: true}

type inkScales struct {
	once  sync.Once
	own   map[*Family]sample // the sample of the script each family's chain heads
	mu    sync.Mutex
	scale map[*Face]float64
}

// InkScale returns the apparent-size factor of face f (see the rule above):
// 1 for Latin faces, below 1 for a face whose letters sit smaller in the em.
// It is computed once per face, from the family's regular weight, and
// rounded to hundredths.
func (r *Registry) InkScale(f *Face) float64 {
	if f == nil {
		return 1
	}
	r.ink.once.Do(func() { r.ink.own = r.ownScripts() })
	r.ink.mu.Lock()
	defer r.ink.mu.Unlock()
	if k, ok := r.ink.scale[f]; ok {
		return k
	}
	k := 1.0
	if s, ok := r.ink.own[f.Family]; ok {
		reg := f // both weights take the scale of the regular design
		if f.Bold {
			if rf, err := r.face(f.Family, false); err == nil {
				reg = rf
			}
		}
		if m := medianInk(reg.Face.Font, s); m > 0 {
			k = min(1, math.Round(m/RefInk*100)/100)
		}
	}
	if r.ink.scale == nil {
		r.ink.scale = map[*Face]float64{}
	}
	r.ink.scale[f] = k
	return k
}

// ownScripts maps each family that heads a script's or a language's chain,
// for a script with a sample, to that script.
func (r *Registry) ownScripts() map[*Family]sample {
	own := map[*Family]sample{}
	for s, c := range r.scripts {
		if text, ok := inkSamples[s]; ok && len(c) > 0 {
			own[c[0]] = sample{s, text}
		}
	}
	for _, tag := range slices.Sorted(maps.Keys(r.languages)) {
		c := r.languages[tag]
		t, err := xlang.Parse(tag)
		if err != nil || len(c) == 0 {
			continue
		}
		sc, _ := t.Script()
		s, err := language.ParseScript(sc.String())
		if err != nil {
			continue
		}
		if text, ok := inkLangSamples[tag]; ok {
			own[c[0]] = sample{s, text}
		} else if text, ok := inkSamples[s]; ok {
			own[c[0]] = sample{s, text}
		}
	}
	return own
}

// sample is a sentence in a script.
type sample struct {
	script language.Script
	text   string
}

// medianInk shapes the sample s with ft and returns the median
// ink height of its glyphs as a fraction of the em, or 0 when ft does not
// draw the sample.
func medianInk(ft *font.Font, s sample) float64 {
	text := []rune(s.text)
	for _, c := range text {
		if _, ok := ft.NominalGlyph(c); !ok && c != ' ' {
			return 0
		}
	}
	dir := di.DirectionLTR
	if rtlSample[s.script] {
		dir = di.DirectionRTL
	}
	var sh shaping.HarfbuzzShaper
	out := sh.Shape(shaping.Input{Text: text, RunEnd: len(text), Direction: dir, Face: font.NewFace(ft),
		Size: fixed.I(1000), Script: s.script})
	var hs []float64
	for _, g := range out.Glyphs {
		if g.Advance == 0 || g.Height == 0 {
			continue
		}
		hs = append(hs, float64(-g.Height)/64/1000)
	}
	if len(hs) == 0 {
		return 0
	}
	slices.Sort(hs)
	return hs[len(hs)/2]
}
