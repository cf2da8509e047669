package check

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/fonts"
	"github.com/handbill/handbill/internal/messages"
)

// checkMessages checks every message of locale tag against the source.
func checkMessages(c *campaign.Campaign, cat *messages.Catalog, reg *fonts.Registry, tag string, lr *Locale) {
	src := cat.File(c.SourceLocale)
	f := cat.File(tag)
	isSource := tag == c.SourceLocale
	mc := &msgChecker{c: c, src: src, f: f, tag: tag, lr: lr, reg: reg, isSource: isSource,
		sameLanguage: sameLanguage(tag, c.SourceLocale)}
	forms, err := messages.PluralForms(tag)
	if err != nil {
		mc.add(Problem{Severity: Error, Kind: KindPlural, File: f.Path, Text: err.Error(),
			Hint: "go-i18n cannot choose plural forms for this tag; use the tag of the language itself (e.g. \"pl\")"})
	}
	mc.forms = forms
	ids := src.IDs()
	for _, id := range ids {
		mc.message(id, src.Messages[id], f.Messages[id])
		mc.text(id)
	}
	if isSource {
		mc.designs()
		return
	}
	if n := noteNoHashes(f); n != "" {
		lr.Notes = append(lr.Notes, n)
	}
	var unknown []string
	for id := range f.Messages {
		if _, ok := src.Messages[id]; !ok {
			unknown = append(unknown, id)
		}
	}
	slices.Sort(unknown)
	for _, id := range unknown {
		p := Problem{Severity: Warning, Kind: KindUnknown, File: f.Path, Line: f.Line(id), ID: id,
			Text: fmt.Sprintf("the source (%s) has no message %q; it is never printed", c.SourceLocale, id)}
		if s := diag.Suggest(id, ids); s != "" {
			p.Hint = fmt.Sprintf("did you mean %q? Rename it, or delete it if the source dropped it", s)
		} else {
			p.Hint = "delete it if the source dropped it"
		}
		mc.add(p)
	}
}

// designs reports each design of the download site (campaign.Designs)
// whose name or description message the source lacks: without it, the
// site names the design by its layout's id and describes it with the
// layout's description, in the source's language on every language's
// page. A translation that lacks a message the source has is missing, as
// any message.
func (mc *msgChecker) designs() {
	for _, d := range campaign.Designs(mc.c.Layouts) {
		names := make([]string, len(d.Layouts))
		for i, l := range d.Layouts {
			names[i] = l.Name
		}
		for _, id := range []string{d.MessageID(), d.MessageID() + ".about"} {
			if mc.src.Messages[id] != nil {
				continue
			}
			what := "name"
			if strings.HasSuffix(id, ".about") {
				what = "description"
			}
			mc.add(Problem{Severity: Warning, Kind: KindMissing, File: mc.f.Path, ID: id,
				Text: fmt.Sprintf("the download site's %s of design %q (%s) comes from this message, which the source lacks: every language's page shows the layout's own words instead", what, d.ID, strings.Join(names, ", ")),
				Hint: fmt.Sprintf("add [%q] with a description and other = \"…\" to %s, then run handbill locale sync", id, mc.f.Path)})
		}
	}
}

// noteNoHashes says, for a translation whose messages carry no source
// hash at all (a file a tool such as Weblate rewrote, which drops them),
// that check cannot tell its stale messages; "" when any message has one.
func noteNoHashes(f *messages.File) string {
	if f == nil || f.Pseudo || len(f.Messages) == 0 {
		return ""
	}
	for _, m := range f.Messages {
		if m.Hash != "" {
			return ""
		}
	}
	return "cannot tell if stale: no message carries the hash of the source it was translated from (locale add writes them; Weblate drops them when it saves)"
}

func sameLanguage(a, b string) bool {
	ta, err1 := language.Parse(a)
	tb, err2 := language.Parse(b)
	if err1 != nil || err2 != nil {
		return false
	}
	ba, _ := ta.Base()
	bb, _ := tb.Base()
	return ba == bb
}

type msgChecker struct {
	c            *campaign.Campaign
	src, f       *messages.File
	tag          string
	forms        []string
	lr           *Locale
	reg          *fonts.Registry
	isSource     bool
	sameLanguage bool
}

func (mc *msgChecker) add(p Problem) { mc.lr.Problems = append(mc.lr.Problems, p) }

// at returns the position of a piece of form text of message id, or the
// message's line.
func (mc *msgChecker) at(id, form string, start, end int) (int, int) {
	if start >= 0 && end > start {
		if line, col, ok := mc.f.Locate(id, form, start, end); ok && !mc.f.Pseudo {
			return line, col
		}
	}
	return mc.f.Line(id), 0
}

// formLine returns the line of a form's text ("other = ...").
func (mc *msgChecker) formLine(id, text string) (int, int) {
	if text == "" {
		return mc.f.Line(id), 0
	}
	return mc.at(id, text, 0, min(len(text), 40))
}

// text reports control characters and overlong text in message id
// (messages.File.CheckRunes). A pseudo-locale's text is its source's,
// reported there.
func (mc *msgChecker) text(id string) {
	if mc.f.Pseudo {
		return
	}
	if m := mc.f.Messages[id]; m != nil && len(messages.Forms(m)) == 0 && !mc.isSource {
		return // an empty translation, reported by message as missing
	}
	for _, d := range mc.f.CheckRunes(id) {
		mc.add(Problem{Severity: Error, Kind: KindText, File: d.File, Line: d.Line, Col: d.Col, ID: id, Text: d.Msg, Hint: d.Hint})
	}
}

// stale reports a translation whose hash says it was made from an older
// source text.
func (mc *msgChecker) stale(id string, sm, m *i18n.Message) {
	f := mc.f
	if !mc.isSource && !f.Pseudo && m.Hash != "" {
		if h := messages.Hash(sm); m.Hash != h {
			hl, hc := mc.at(id, m.Hash, 0, len(m.Hash))
			mc.add(Problem{Severity: Warning, Kind: KindStale, File: f.Path, Line: hl, Col: hc, ID: id,
				Text: fmt.Sprintf("the source text or its note changed since this was translated (hash %s, source now %s)", short(m.Hash), short(h)),
				Hint: fmt.Sprintf("check it against the source (%s, line %d), update it, then set hash = %q", mc.c.SourceLocale, mc.src.Line(id), h)})
		}
	}
}

func (mc *msgChecker) message(id string, sm, m *i18n.Message) {
	if m == nil || len(messages.Forms(m)) == 0 {
		if !mc.isSource {
			mc.missing(id, sm, m)
		}
		return
	}
	line := mc.f.Line(id)
	mc.stale(id, sm, m)
	// Templates: each form must parse, and use the source's variables.
	srcVars := map[string]bool{}
	for _, v := range templateVars(sm, messages.Forms(sm)) {
		srcVars[v] = true
	}
	parsed := true
	for _, form := range messages.Forms(m) {
		parsed = mc.form(id, form, m, srcVars) && parsed
	}
	// Plural categories (a pseudo-locale has its language's own, made from
	// the source's).
	if mc.forms != nil && !mc.f.Pseudo {
		mc.plural(id, sm, m, line)
	}
	if !parsed || mc.isSource {
		mc.glyphs(id, m)
		return
	}
	mc.identical(id, sm, m)
	mc.numbers(id, sm, m)
	mc.glyphs(id, m)
}

// missing reports a message with no translation, or an empty one (m).
func (mc *msgChecker) missing(id string, sm, m *i18n.Message) {
	f := mc.f
	what := "no translation"
	line := 0
	if m != nil {
		what, line = "an empty translation", f.Line(id)
	}
	mc.add(Problem{Severity: Error, Kind: KindMissing, File: f.Path, Line: line, ID: id,
		Text:  fmt.Sprintf("%s; the source (%s, line %d) reads %q", what, mc.c.SourceLocale, mc.src.Line(id), clip(sm.Other, 60)),
		Hint:  "translate it; until then this locale does not build (with --allow-fallback it prints the source text and is marked draft)",
		order: mc.src.Line(id)})
}

// form checks one plural form of message id: that it parses (it reports
// false when not) and, in a translation, that it uses exactly the source's
// placeholders (srcVars).
func (mc *msgChecker) form(id, form string, m *i18n.Message, srcVars map[string]bool) bool {
	f := mc.f
	text := messages.Form(m, form)
	vars, err := formVars(text, m.LeftDelim, m.RightDelim)
	if err != nil {
		d := f.FormError(id, form)
		mc.add(Problem{Severity: Error, Kind: KindSyntax, File: f.Path, Line: d.Line, Col: d.Col, ID: id, Form: form, Text: d.Msg, Hint: d.Hint})
		return false
	}
	if mc.isSource {
		return true
	}
	srcNames := slices.Sorted(maps.Keys(srcVars))
	var left []string // source variables this form leaves out
	for _, v := range srcNames {
		if !slices.Contains(vars, v) && (v != "Count" || form == "other") {
			left = append(left, v) // a form for one item may leave out the count
		}
	}
	renamed := mc.extraVars(id, form, text, vars, srcVars, srcNames, left)
	for _, v := range left {
		if renamed[v] {
			continue
		}
		l, col := mc.formLine(id, text)
		mc.add(Problem{Severity: Error, Kind: KindPlaceholder, File: f.Path, Line: l, Col: col, ID: id, Form: form,
			Text: fmt.Sprintf("form %q leaves out {{.%s}}; the printed text would lack it", form, v),
			Hint: fmt.Sprintf("keep {{.%s}} where it belongs in your sentence, written exactly as in the source", v)})
	}
	return true
}

// extraVars reports the placeholders of a form (vars) that the source
// does not have, as renamings of one it left out where one is close; it
// returns the source placeholders so renamed.
func (mc *msgChecker) extraVars(id, form, text string, vars []string, srcVars map[string]bool, srcNames, left []string) map[string]bool {
	renamed := map[string]bool{}
	for _, v := range vars {
		if srcVars[v] || v == compose.HelplinesData && len(mc.c.Helplines) > 0 {
			continue // every message may name a helpline's number
		}
		start := strings.Index(text, "."+v)
		l, col := mc.at(id, text, max(start-2, 0), start+1+len(v))
		p := Problem{Severity: Error, Kind: KindPlaceholder, File: mc.f.Path, Line: l, Col: col, ID: id, Form: form,
			Text: fmt.Sprintf("form %q uses {{.%s}}, which the source does not have (the source has %s)", form, v, listVars(srcNames))}
		if s := diag.Suggest(v, left); s != "" {
			renamed[s] = true
			p.Text = fmt.Sprintf("form %q renames the source's {{.%s}} to {{.%s}}", form, s, v)
			p.Hint = fmt.Sprintf("write {{.%s}}: placeholders are case-sensitive and never translated", s)
		} else if s := diag.Suggest(v, srcNames); s != "" {
			p.Hint = fmt.Sprintf("did you mean {{.%s}}? Placeholders are case-sensitive and never translated", s)
		} else {
			p.Hint = "placeholders come from the source text: copy them exactly, add no others"
		}
		mc.add(p)
	}
	return renamed
}

func (mc *msgChecker) plural(id string, sm, m *i18n.Message, line int) {
	f := mc.f
	name := display.English.Tags().Name(language.Make(mc.tag))
	if !messages.IsPlural(sm) {
		for _, form := range messages.Forms(m) {
			if form != "other" {
				l, col := mc.formLine(id, messages.Form(m, form))
				mc.add(Problem{Severity: Warning, Kind: KindPlural, File: f.Path, Line: l, Col: col, ID: id, Form: form,
					Text: fmt.Sprintf("form %q is never used: the source message does not vary with a number, so only \"other\" is printed", form),
					Hint: "put the whole translation in other"})
			}
		}
		return
	}
	var missing []string
	for _, form := range mc.forms {
		if messages.Form(m, form) == "" {
			missing = append(missing, form)
		}
	}
	if len(missing) > 0 {
		mc.add(Problem{Severity: Error, Kind: KindPlural, File: f.Path, Line: line, ID: id,
			Text: fmt.Sprintf("missing plural %s %s: %s needs %s", diag.Plural(len(missing), "form", "forms"), quoteList(missing), name, strings.Join(mc.forms, ", ")),
			Hint: fmt.Sprintf("add %s; %s", quoteList(missing), formHint(mc.tag, missing))})
	}
	for _, form := range messages.Forms(m) {
		if !slices.Contains(mc.forms, form) {
			l, col := mc.formLine(id, messages.Form(m, form))
			mc.add(Problem{Severity: Warning, Kind: KindPlural, File: f.Path, Line: l, Col: col, ID: id, Form: form,
				Text: fmt.Sprintf("form %q is never used in %s, which has %s", form, name, strings.Join(mc.forms, ", ")),
				Hint: "delete it"})
		}
	}
}

// formHint gives example counts for plural categories.
func formHint(tag string, forms []string) string {
	examples := map[string][]int{}
	for n := 0; n <= 112; n++ {
		form := pluralOf(tag, n)
		if len(examples[form]) < 4 {
			examples[form] = append(examples[form], n)
		}
	}
	var parts []string
	for _, f := range forms {
		if ex := examples[f]; len(ex) > 0 {
			s := make([]string, len(ex))
			for i, n := range ex {
				s[i] = fmt.Sprint(n)
			}
			parts = append(parts, fmt.Sprintf("%s is used for %s, …", f, strings.Join(s, ", ")))
		} else {
			parts = append(parts, fmt.Sprintf("%s is used for fractions such as 1.5", f))
		}
	}
	return strings.Join(parts, "; ")
}

// pluralOf asks go-i18n which category it uses for n in tag.
func pluralOf(tag string, n int) string {
	t, err := language.Parse(tag)
	if err != nil {
		return ""
	}
	b := i18n.NewBundle(t)
	m := &i18n.Message{ID: "p"}
	for _, f := range messages.PluralCategories {
		messages.SetForm(m, f, f)
	}
	if b.AddMessages(t, m) != nil {
		return ""
	}
	s, err := i18n.NewLocalizer(b, tag).Localize(&i18n.LocalizeConfig{MessageID: "p", PluralCount: n})
	if err != nil {
		return ""
	}
	return s
}

// identical warns about forms left as the source text.
func (mc *msgChecker) identical(id string, sm, m *i18n.Message) {
	if mc.sameLanguage || mc.f.Pseudo {
		return
	}
	for _, ref := range mc.c.SameAsSource {
		if ref.ID == id {
			return
		}
	}
	var same []string
	for _, form := range messages.Forms(m) {
		text := messages.Form(m, form)
		s := messages.Form(sm, form)
		if s == "" {
			s = sm.Other
		}
		if text == s && hasLetters(messages.Literal(text, m.LeftDelim, m.RightDelim)) {
			same = append(same, form)
		}
	}
	if len(same) == 0 {
		return
	}
	l, col := mc.formLine(id, messages.Form(m, same[0]))
	what := "the text is"
	if len(messages.Forms(m)) > 1 {
		what = fmt.Sprintf("%s %s", diag.Plural(len(same), "form", "forms"), quoteList(same))
		what += diag.Plural(len(same), " is", " are")
	}
	mc.add(Problem{Severity: Warning, Kind: KindIdentical, File: mc.f.Path, Line: l, Col: col, ID: id,
		Text: fmt.Sprintf("%s the same as the source: not translated yet?", what),
		Hint: fmt.Sprintf("translate it; if it is a name or number that stays as it is, list %q under same_as_source in campaign.yaml", id)})
}

func hasLetters(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// numbers warns about phone-number-like digit runs in a translation that
// the source text does not have: numbers come from the campaign's data, so
// a typed one goes stale or wrong unseen.
func (mc *msgChecker) numbers(id string, sm, m *i18n.Message) {
	have := map[string]bool{}
	for _, form := range messages.Forms(sm) {
		for _, n := range digitRuns(messages.Literal(messages.Form(sm, form), sm.LeftDelim, sm.RightDelim)) {
			have[n.digits] = true
		}
	}
	reported := map[string]bool{}
	for _, form := range messages.Forms(m) {
		text := messages.Form(m, form)
		for _, n := range digitRuns(messages.Literal(text, m.LeftDelim, m.RightDelim)) {
			if have[n.digits] || reported[n.digits] || len([]rune(n.digits)) < 3 {
				continue
			}
			reported[n.digits] = true
			start := strings.Index(text, n.written)
			l, col := mc.at(id, text, start, start+len(n.written))
			mc.add(Problem{Severity: Warning, Kind: KindNumber, File: mc.f.Path, Line: l, Col: col, ID: id, Form: form,
				Text: fmt.Sprintf("form %q contains the number %s, which the source text does not", form, n.written),
				Hint: mc.numberHint(n.digits, sm)})
		}
	}
}

// numberHint names the placeholder to write instead of a typed number
// (digits only): {{.Number}} when the source message has it, else the
// helpline's number when it is one of the campaign's helplines, else the
// general rule.
func (mc *msgChecker) numberHint(digits string, sm *i18n.Message) string {
	if sourceHas(sm, "Number") {
		return "write {{.Number}} instead, as the source does: the number is filled in from campaign.yaml"
	}
	for _, h := range mc.c.Helplines {
		if onlyDigits(h.Number) == digits {
			return fmt.Sprintf("write {{.%s.%s.Number}} instead: it prints %s from campaign.yaml, on one line", compose.HelplinesData, h.ID, h.Number)
		}
	}
	return fmt.Sprintf("phone numbers come from campaign.yaml: write {{.%s.ID.Number}} with the helpline's id (see the translator guide)", compose.HelplinesData)
}

// sourceHas reports whether message m uses template variable v.
func sourceHas(m *i18n.Message, v string) bool {
	vs, err := messages.Variables(m)
	return err == nil && slices.Contains(vs, v)
}

// onlyDigits returns the ASCII digits of s.
func onlyDigits(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

type digitRun struct{ written, digits string }

// digitRuns finds runs of decimal digits in any script, with their value
// in ASCII digits.
func digitRuns(s string) []digitRun {
	var out []digitRun
	rs := []rune(s)
	for i := 0; i < len(rs); {
		if !unicode.IsDigit(rs[i]) {
			i++
			continue
		}
		j := i
		var b strings.Builder
		for j < len(rs) {
			if unicode.IsDigit(rs[j]) {
				b.WriteRune('0' + digitValue(rs[j]))
				j++
				continue
			}
			// "0800 1111", "0800-1111": one number in groups.
			if (rs[j] == ' ' || rs[j] == '-' || rs[j] == '\u00a0') && j+1 < len(rs) && unicode.IsDigit(rs[j+1]) {
				j++
				continue
			}
			break
		}
		out = append(out, digitRun{written: string(rs[i:j]), digits: b.String()})
		i = j
	}
	return out
}

// digitValue is the value of a decimal digit: Unicode encodes each
// script's digits 0–9 consecutively, so it is the distance from the zero.
func digitValue(r rune) rune {
	z := r
	for z > 0 && unicode.IsDigit(z-1) && r-z < 9 {
		z--
	}
	return (r - z) % 10
}

// glyphs reports characters that no font configured for the locale draws,
// regular or bold.
func (mc *msgChecker) glyphs(id string, m *i18n.Message) {
	reg := mc.reg
	regular, bold := reg.Fontmap(mc.tag, false), reg.Fontmap(mc.tag, true)
	for _, form := range messages.Forms(m) {
		text := messages.Form(m, form)
		lit := messages.Literal(text, m.LeftDelim, m.RightDelim)
		miss := regular.Missing(lit)
		for _, r := range bold.Missing(lit) {
			if !slices.Contains(miss, r) {
				miss = append(miss, r)
			}
		}
		if len(miss) == 0 {
			continue
		}
		start := strings.IndexRune(text, miss[0])
		l, col := mc.at(id, text, start, start+len(string(miss[0])))
		msg, hint := regular.Explain(miss)
		mc.add(Problem{Severity: Error, Kind: KindGlyphs, File: mc.f.Path, Line: l, Col: col, ID: id, Form: form,
			Text: fmt.Sprintf("form %q, locale %s: %s", form, mc.tag, msg), Hint: hint})
	}
}

// templateVars returns the variables the given forms of m use.
func templateVars(m *i18n.Message, forms []string) []string {
	set := map[string]bool{}
	for _, form := range forms {
		vs, err := formVars(messages.Form(m, form), m.LeftDelim, m.RightDelim)
		if err != nil {
			continue // the source's own syntax error is reported on the source
		}
		for _, v := range vs {
			set[v] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// formVars returns the variables one form uses (the first name of each
// placeholder's path), sorted; the error is messages.Placeholders'.
func formVars(text, left, right string) ([]string, error) {
	phs, err := messages.Placeholders(text, left, right)
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	for _, p := range phs {
		set[p.Path[0]] = true
	}
	return slices.Sorted(maps.Keys(set)), nil
}

func listVars(vs []string) string {
	if len(vs) == 0 {
		return "no placeholders"
	}
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = "{{." + v + "}}"
	}
	return strings.Join(out, ", ")
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}

func short(h string) string {
	if len(h) > 17 {
		return h[:17] + "…"
	}
	return h
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
