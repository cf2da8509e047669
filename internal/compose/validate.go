package compose

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/messages"
)

// HelplinesData is the template variable every message gets with the
// campaign's helplines by id: {{.Helplines.childline.Number}} prints that
// helpline's number as campaign.yaml gives it, its digit groups joined by
// no-break spaces so they never break across lines (HelplineData).
const HelplinesData = "Helplines"

// CallMessage is the message id of a helpline's number line ("Call
// {{.Number}}"), which every helplines block shows.
const CallMessage = "helpline.call"

// use is a place that shows a message: where its id is written, and the
// template variables that place gives it.
type use struct {
	id   string
	at   campaign.Pos
	vars []string // sorted
	how  string   // where the variables beyond campaign data come from
	hint string   // what to add when the source locale lacks the message, if not the usual
	from string   // what the place gives, when not the campaign's data and how
}

// uses lists every message the campaign and its layouts show, with what
// Compose gives each: the campaign's data to all, Count to a paragraph with
// a count, a paragraph's data, and Number to the helpline number line.
func uses(c *campaign.Campaign) []use {
	shared := sharedNames(c)
	data := append(slices.Collect(maps.Keys(c.DataMessages)), shared...)
	with := func(extra ...string) []string {
		v := append(slices.Clone(data), extra...)
		sort.Strings(v)
		return slices.Compact(v)
	}
	out := []use{{id: c.TitleMessage, at: c.TitleAt, vars: with()}}
	out = append(out, dataUses(c, shared)...)
	out = append(out, areaUses(c)...)
	for _, h := range c.Helplines {
		out = append(out, use{id: h.NameMessage, at: h.NameAt, vars: with()}, use{id: h.PurposeMessage, at: h.PurposeAt, vars: with()})
	}
	if len(c.Emergency) > 1 {
		out = append(out, emergencyUse(c, with("First", "Second")))
	}
	logos := slices.Clone(c.Partners)
	if c.Publisher != nil && c.Publisher.Logo != nil {
		logos = append(logos, c.Publisher.Logo)
	}
	for _, im := range logos {
		if im.Alt != "" {
			out = append(out, use{id: im.Alt, at: im.AltAt, vars: with()})
		}
	}
	for _, lay := range c.Layouts {
		for pi, pg := range lay.Pages {
			for bi, b := range pg.Blocks {
				switch b.Kind {
				case campaign.ImageBlock:
					if b.Image.Alt != "" {
						out = append(out, use{id: b.Image.Alt, at: b.Image.AltAt, vars: with()})
					}
				case campaign.HelplinesBlock:
					if len(c.Helplines) > 0 {
						out = append(out, use{id: CallMessage, vars: with("Number"), how: "Number (each helpline's number)",
							at: campaign.Pos{File: b.File, Line: b.Line, Path: fmt.Sprintf("pages[%d].blocks[%d]", pi, bi)}})
					}
				case campaign.TextBlock:
					for _, p := range b.Paragraphs {
						var extra, how []string
						if p.Count != "" {
							extra = append(extra, "Count")
							how = append(how, "Count (its count: "+p.Count+")")
						}
						for _, k := range slices.Sorted(maps.Keys(p.Data)) {
							extra = append(extra, k)
							how = append(how, fmt.Sprintf("%s (its data: %s)", k, p.Data[k]))
						}
						out = append(out, use{id: p.Message, vars: with(extra...), how: strings.Join(how, ", "),
							at: campaign.Pos{File: p.File, Line: p.Line, Col: p.Col, Path: p.Path + ".message"}})
					}
				}
			}
		}
	}
	return out
}

// withQRAlt adds to us the QR codes' alternative text, shown wherever
// helplines are, when the source locale has it (QRAltMessage).
func withQRAlt(us []use, src *messages.File) []use {
	if src.Messages[QRAltMessage] == nil {
		return us
	}
	for _, u := range us {
		if u.id == CallMessage {
			vars := append(slices.Clone(u.vars), "Name")
			sort.Strings(vars)
			return append(us, use{id: QRAltMessage, at: u.at, vars: vars, how: "Name (each helpline's name) and Number (its number)"})
		}
	}
	return us
}

// CheckMessages checks, before anything is composed, the messages the
// campaign and its layouts name: each must be in the source locale, and no
// locale's text of it may use a template variable that the place showing it
// does not give (which would print "<no value>"). A missing message is
// reported where its id is written; an undefined variable where the message
// file uses it, once per file (a pseudo-locale shares its source's file).
// So are characters no message may hold (messages.File.CheckRunes).
func CheckMessages(c *campaign.Campaign, cat *messages.Catalog) diag.List {
	var l diag.List
	src := cat.File(cat.Source)
	if src == nil {
		l.Add(diag.Diagnostic{Severity: diag.Error, Msg: fmt.Sprintf("the source locale %s has no message file", cat.Source)})
		return l
	}
	ids := slices.Sorted(maps.Keys(src.Messages))
	data := slices.Sorted(maps.Keys(c.Data))
	data = append(data, slices.Sorted(maps.Keys(c.DataMessages))...)
	l = append(l, dataRefs(c, data)...)
	tags := []string{cat.Source}
	for _, loc := range c.Locales {
		if f := cat.File(loc.Tag); f != nil && !slices.Contains(tags, loc.Tag) {
			tags = append(tags, loc.Tag)
		}
	}
	type key struct{ file, id, v string }
	reported := map[key]bool{}
	parsed := map[key]bool{}
	scanned := map[key]bool{} // messages whose characters and placeholder paths were checked
	for _, u := range withQRAlt(uses(c), src) {
		if u.id == "" {
			continue // campaign reported the missing field
		}
		if _, ok := src.Messages[u.id]; !ok {
			d := diag.Errorf(u.at.File, u.at.Line, u.at.Col, u.at.Path, "the source locale (%s) has no message %q", src.Path, u.id)
			if d.Hint = u.hint; d.Hint == "" {
				d.Hint = diag.DidYouMean(u.id, ids)
			}
			if d.Hint == "" {
				d.Hint = fmt.Sprintf("add [%q] to %s, or name one of its messages", u.id, src.Path)
			}
			l.Add(d)
			continue
		}
		for _, tag := range tags {
			f := cat.File(tag)
			m, ok := f.Messages[u.id]
			if !ok {
				continue // a missing translation fails only that locale's outputs, in Compose
			}
			if k := (key{f.Path, u.id, ""}); !scanned[k] {
				scanned[k] = true
				l = append(l, f.CheckRunes(u.id)...)
				l = append(l, pathProblems(c, f, u.id)...)
			}
			used, err := messages.Variables(m)
			if err != nil {
				if k := (key{f.Path, u.id, ""}); !parsed[k] {
					parsed[k] = true
					d := f.TemplateError(u.id)
					if d == nil { // a form go-i18n's own parse refuses
						d = &diag.Diagnostic{Severity: diag.Error, File: f.Path, Line: f.Line(u.id), Path: u.id,
							Msg: fmt.Sprintf("expected a valid template, found an error: %v", err)}
					}
					l.Add(*d)
				}
				continue
			}
			for _, v := range used {
				k := key{f.Path, u.id, v}
				if slices.Contains(u.vars, v) || reported[k] {
					continue
				}
				reported[k] = true
				l.Add(undefinedVar(f, m, u, v, data))
			}
		}
	}
	l.Sort()
	return l
}

// undefinedVar reports template variable v of message m in file f, which
// use u does not give; data are the campaign's data names.
func undefinedVar(f *messages.File, m *i18n.Message, u use, v string, data []string) diag.Diagnostic {
	d := diag.Diagnostic{Severity: diag.Error, File: f.Path, Line: f.Line(u.id), Col: 1, Path: u.id}
	action := "{{." + v + "}}"
	re := regexp.MustCompile(`\{\{-?\s*\.` + regexp.QuoteMeta(v) + `\b[^}]*\}\}`)
	for _, form := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
		if loc := re.FindStringIndex(form); loc != nil {
			action = form[loc[0]:loc[1]]
			if line, col, ok := f.Locate(u.id, form, loc[0], loc[1]); ok {
				d.Line, d.Col = line, col
			}
			break
		}
	}
	given := make([]string, len(u.vars))
	for i, g := range u.vars {
		given[i] = "{{." + g + "}}"
		if g == HelplinesData {
			given[i] = "{{." + g + ".ID.Number}}"
		}
	}
	d.Msg = fmt.Sprintf("template variable %s is not given to this message: expected one of %s, found %s", "."+v, strings.Join(given, ", "), action)
	if len(u.vars) == 0 {
		d.Msg = fmt.Sprintf("template variable %s is not given to this message: expected no variables, found %s", "."+v, action)
	}
	where := u.at.File
	if u.at.Line > 0 {
		where = fmt.Sprintf("%s:%d", where, u.at.Line)
		if u.at.Col > 0 {
			where = fmt.Sprintf("%s:%d", where, u.at.Col)
		}
	}
	from := u.from
	if from == "" {
		from = "the campaign's data"
		if len(data) > 0 {
			from += " (" + strings.Join(data, ", ") + ")"
		}
		if u.how != "" {
			from += " and " + u.how
		}
	}
	d.Hint = fmt.Sprintf("%s (%s) shows this message with %s", where, u.at.Path, from)
	if sg := diag.Suggest(v, u.vars); sg != "" {
		d.Hint = fmt.Sprintf("did you mean {{.%s}}? %s", sg, d.Hint)
	}
	return d
}

// pathProblems reports the placeholders of message id in f whose path
// does not lead to one value: {{.Helplines.ID.Number}} must name a
// helpline of the campaign and one of its fields (a shorter path would
// print a Go map, map[Number:0800 1111]); every other variable is one
// value, with no fields.
func pathProblems(c *campaign.Campaign, f *messages.File, id string) diag.List {
	m := f.Messages[id]
	var l diag.List
	for _, form := range messages.Forms(m) {
		text := messages.Form(m, form)
		phs, err := messages.Placeholders(text, m.LeftDelim, m.RightDelim)
		if err != nil {
			continue // reported by TemplateError
		}
		for _, p := range phs {
			msg, hint := pathProblem(c, p.Path)
			if msg == "" {
				continue
			}
			d := diag.Diagnostic{Severity: diag.Error, File: f.Path, Line: f.Line(id), Path: id, Hint: hint,
				Msg: fmt.Sprintf("form %q: placeholder %s: %s", form, text[p.Start:p.End], msg)}
			if line, col, ok := f.Locate(id, text, p.Start, min(p.End, p.Start+2)); ok && !f.Pseudo {
				d.Line, d.Col = line, col
			}
			l.Add(d)
		}
	}
	return l
}

// pathProblem says what is wrong with a placeholder's path, "" when it
// leads to one value.
func pathProblem(c *campaign.Campaign, path []string) (msg, hint string) {
	ids := make([]string, len(c.Helplines))
	for i, h := range c.Helplines {
		ids[i] = h.ID
	}
	if path[0] != HelplinesData {
		if len(path) > 1 {
			return fmt.Sprintf("expected {{.%s}}, one value, found a field %q of it", path[0], path[1]),
				fmt.Sprintf("write {{.%s}}", path[0])
		}
		return "", ""
	}
	example := fmt.Sprintf("{{.%s.%s.%s}}", HelplinesData, "ID", HelplineNumber)
	if len(ids) > 0 {
		example = fmt.Sprintf("{{.%s.%s.%s}}", HelplinesData, ids[0], HelplineNumber)
	}
	switch {
	case len(path) < 3:
		return fmt.Sprintf("expected a helpline's id and field, as in %s, found a path that would print a Go map", example),
			fmt.Sprintf("write %s (helpline ids: %s)", example, strings.Join(ids, ", "))
	case !slices.Contains(ids, path[1]):
		hint := fmt.Sprintf("helpline ids in campaign.yaml: %s", strings.Join(ids, ", "))
		if s := diag.Suggest(path[1], ids); s != "" {
			hint = fmt.Sprintf("did you mean %q? %s", s, hint)
		}
		return fmt.Sprintf("expected the id of one of the campaign's helplines, found %q", path[1]), hint
	case len(path) > 3 || path[2] != HelplineNumber:
		return fmt.Sprintf("expected the helpline's field %s, found %q", HelplineNumber, strings.Join(path[2:], ".")),
			fmt.Sprintf("write %s", example)
	}
	return "", ""
}

// dataRefs reports a paragraph's data: that names a campaign value
// (data.NAME) campaign.yaml does not have: it printed nothing in its
// place ("always call ."). data are the names campaign.yaml's data: has.
func dataRefs(c *campaign.Campaign, data []string) diag.List {
	var l diag.List
	for _, lay := range c.Layouts {
		for _, pg := range lay.Pages {
			for _, b := range pg.Blocks {
				for _, p := range b.Paragraphs {
					for _, k := range slices.Sorted(maps.Keys(p.Data)) {
						name, ok := strings.CutPrefix(p.Data[k], "data.")
						if !ok || slices.Contains(data, name) {
							continue
						}
						d := diag.Errorf(p.File, p.Line, p.Col, p.Path+".data."+k, "expected a value campaign.yaml's data: has, found %q", p.Data[k])
						if d.Hint = diag.DidYouMean(name, data); d.Hint == "" {
							d.Hint = fmt.Sprintf("add %s to data: in campaign.yaml (it has %s), or name one of its values", name, strings.Join(data, ", "))
						}
						l.Add(d)
					}
				}
			}
		}
	}
	return l
}
