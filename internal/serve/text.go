package serve

import (
	"fmt"
	"sort"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/message"
	"golang.org/x/text/number"

	"github.com/handbill/handbill"
	"github.com/handbill/handbill/internal/messages"
)

// The site's own words (headings, buttons, edition names, the draft
// notice, error texts, alt text) are messages of the campaign, with ids
// beginning "site.", in the same go-i18n files as the poster's text: they
// are translated by the same workflow (`locale add` writes them for a new
// locale, `check` reports them missing or stale, a review covers them).
// A campaign whose source locale lacks one gets handbill's own English
// text for it (from the bundled campaign), and New logs which.
const sitePrefix = messages.SitePrefix

// defaultWords are handbill's English text of the site messages: the
// bundled campaign's source file, and for the list of areas, which the
// bundled campaign (without areas) does not show, the package's own
// locales/en-GB.toml.
type defaultWords struct {
	site, areas *messages.Catalog
}

// defaults is handbill's English text of the site messages of the
// bundled campaign, parsed once.
var defaults = sync.OnceValues(func() (defaultWords, error) {
	cat, err := messages.Load(handbill.Bundled, "locales", "en-GB", nil)
	return defaultWords{site: cat}, err
})

// areaDefaults is handbill's English text of the list of areas, parsed
// once.
var areaDefaults = sync.OnceValues(func() (*messages.Catalog, error) {
	return messages.Load(assets, "locales", "en-GB", nil)
})

// words renders the site's messages in one locale.
type words struct {
	tag  string
	cat  *messages.Catalog
	def  defaultWords
	data map[string]any // the campaign's template data
	num  *message.Printer
	ui   display.Namer // language names in this locale

	mu        sync.Mutex
	err       error           // the first message that could not be rendered
	fallbacks map[string]bool // ids shown in the source language
	defaulted map[string]bool // ids shown in handbill's English
}

func newWords(tag string, cat *messages.Catalog, def defaultWords, data map[string]any) *words {
	t := language.Make(tag)
	return &words{tag: tag, cat: cat, def: def, data: data, num: message.NewPrinter(t),
		ui: display.Tags(t), fallbacks: map[string]bool{}, defaulted: map[string]bool{}}
}

// T renders message id with the campaign's data and the name/value pairs
// kv ("Count", 3, ...). Numbers are written with the locale's digits. A
// message the locale lacks is shown in the source language; one the
// campaign's source lacks, in handbill's English. A message that cannot be
// rendered is recorded (Err) and shown as its id.
func (w *words) T(id string, kv ...any) string {
	data := make(map[string]any, len(w.data)+len(kv)/2)
	for k, v := range w.data {
		data[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		v := kv[i+1]
		if n, ok := v.(int); ok {
			v = w.Num(n)
		}
		data[fmt.Sprint(kv[i])] = v
	}
	cat := w.cat
	if !has(cat, id) {
		cat = w.def.site
		if !has(cat, id) {
			cat = w.def.areas
		}
		w.note(w.defaulted, id)
	}
	tag := w.tag
	if cat.File(tag) == nil {
		tag = cat.Source
	}
	s, err := cat.Text(tag, id, data, nil)
	var fb *messages.FallbackError
	switch {
	case err == nil:
	case asFallback(err, &fb):
		w.note(w.fallbacks, id)
	default:
		w.mu.Lock()
		if w.err == nil {
			w.err = err
		}
		w.mu.Unlock()
		return id
	}
	return s
}

// has reports whether the source of cat has message id.
func has(cat *messages.Catalog, id string) bool {
	src := cat.File(cat.Source)
	return src != nil && src.Messages[id] != nil
}

func (w *words) note(set map[string]bool, id string) {
	w.mu.Lock()
	set[id] = true
	w.mu.Unlock()
}

// Num writes n with the locale's digits: ২৯৭ in Bengali, ٢٩٧ in Arabic.
func (w *words) Num(n int) string { return w.num.Sprint(number.Decimal(n, number.NoSeparator())) }

// own reports whether the campaign's source has message id (handbill's
// English does not count: it names only the bundled campaign's designs).
func (w *words) own(id string) bool {
	src := w.cat.File(w.cat.Source)
	return src != nil && src.Messages[id] != nil
}

// Name is the name of the language tag in this locale ("پولش" for pl in
// Urdu), or "" when x/text has none.
func (w *words) Name(tag string) string {
	t, err := language.Parse(tag)
	if err != nil {
		return ""
	}
	return w.ui.Name(t)
}

// Err returns the first message that could not be rendered.
func (w *words) Err() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// Report says which messages came from the source language or from
// handbill, for the start-up log.
func (w *words) Report() (fallbacks, defaulted []string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for id := range w.fallbacks {
		fallbacks = append(fallbacks, id)
	}
	for id := range w.defaulted {
		defaulted = append(defaulted, id)
	}
	sort.Strings(fallbacks)
	sort.Strings(defaulted)
	return fallbacks, defaulted
}
