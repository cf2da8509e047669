// Package check is the translator report: for each locale of a campaign it
// finds what would stop a translation from printing right — missing,
// unknown and stale messages, broken or renamed placeholders, missing
// plural forms, text left as the source, characters no font draws, phone
// numbers typed into a translation, and text that does not fit its box in
// some layout (with how much room is left or how much is over) — and says
// where, as file:line, in the translator's terms. It sits at the top of the
// pipeline beside build: it reads campaign, messages and fonts, and composes
// every layout in every locale through compose without exporting anything.
// It also lays out the proof sheet (proof.go).
package check

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/loader"
	"github.com/handbill/handbill/internal/messages"
	"github.com/handbill/handbill/internal/preflight"
	"github.com/handbill/handbill/internal/typeset"
)

// Severity of a problem: errors fail check (and would fail or mar a build),
// warnings fail it only with --strict.
type Severity string

// Severities.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Kinds of problem, as they appear in the report.
const (
	KindFile        = "file"        // the message file cannot be read
	KindMissing     = "missing"     // a source message the locale lacks
	KindUnknown     = "unknown-id"  // an id the source does not have
	KindStale       = "stale"       // translated from an older source text
	KindSyntax      = "syntax"      // a template that does not parse
	KindPlaceholder = "placeholder" // a template variable missing, added or renamed
	KindPlural      = "plural"      // plural categories missing or unused
	KindIdentical   = "identical"   // the same text as the source
	KindGlyphs      = "glyphs"      // characters no font of the locale draws
	KindText        = "text"        // bidi controls, NUL and other control characters; text too long
	KindNumber      = "number"      // a phone number typed into the text
	KindFit         = "fit"         // text that does not fit its box
	KindLayout      = "layout"      // other problems composing a layout
	KindCampaign    = "campaign"    // campaign.yaml, layouts or the source file
	// KindSize, KindContrast and KindInks: access.go.
)

// Problem is one finding.
type Problem struct {
	Severity Severity `json:"severity"`
	Kind     string   `json:"kind"`
	File     string   `json:"file,omitempty"`
	Line     int      `json:"line,omitempty"`
	Col      int      `json:"col,omitempty"`
	ID       string   `json:"message_id,omitempty"`
	Form     string   `json:"form,omitempty"` // plural category
	Area     string   `json:"area,omitempty"` // the area whose composition found it
	Layout   string   `json:"layout,omitempty"`
	Block    string   `json:"block,omitempty"`
	Text     string   `json:"text"`
	Hint     string   `json:"hint,omitempty"`
	order    int      // the source line of a missing message, for sorting
}

// Where returns "file:line:col", as much as is known.
func (p Problem) Where() string {
	return diag.Diagnostic{File: p.File, Line: p.Line, Col: p.Col}.Pos()
}

// Fit is how one box's text fits in one layout at the smallest sizes the
// layout allows.
type Fit struct {
	Area     string    `json:"area,omitempty"` // in a campaign with areas
	Layout   string    `json:"layout"`
	Block    string    `json:"block"`
	File     string    `json:"file"`
	Line     int       `json:"line"`
	Messages []string  `json:"messages"`
	MinSizes []float64 `json:"min_sizes_pt"`
	// Left is the share of the box height free at the smallest sizes:
	// 0.12 is 12% room left, -0.12 is 12% over.
	Left     float64 `json:"room_left"`
	Fits     bool    `json:"fits"`
	Overfull bool    `json:"word_too_wide,omitempty"`
	// WideMessage and WideWord name the word wider than the box and its
	// message, when Overfull.
	WideMessage string `json:"wide_message,omitempty"`
	WideWord    string `json:"wide_word,omitempty"`
}

// Review is a locale's review status in the report.
type Review struct {
	By         string `json:"by"`
	On         string `json:"on"`
	SourceHash string `json:"source_hash"`
	Current    bool   `json:"current"` // made against the current source
}

// Locale is the report for one locale.
type Locale struct {
	Tag    string  `json:"tag"`
	Name   string  `json:"name"` // in its own language
	File   string  `json:"file,omitempty"`
	Source bool    `json:"source,omitempty"`
	Pseudo bool    `json:"pseudo,omitempty"`
	Review *Review `json:"review,omitempty"`
	Draft  string  `json:"draft,omitempty"` // why it builds as a draft
	// Notes are facts about the locale's file that are neither errors nor
	// warnings, such as a file without source hashes (staleness unknown).
	Notes    []string  `json:"notes,omitempty"`
	Problems []Problem `json:"problems"`
	Fits     []Fit     `json:"fit"`
	Errors   int       `json:"errors"`
	Warnings int       `json:"warnings"`
}

// Report is what check found.
type Report struct {
	Campaign   string    `json:"campaign"`
	Source     string    `json:"source_locale"`
	SourceFile string    `json:"source_file,omitempty"`
	SourceHash string    `json:"source_hash,omitempty"`
	Messages   int       `json:"messages"`
	Layouts    []string  `json:"layouts"`
	Problems   []Problem `json:"problems"` // about the campaign as a whole
	Locales    []*Locale `json:"locales"`
	Errors     int       `json:"errors"`
	Warnings   int       `json:"warnings"`
	dir        string    // the campaign folder file names are prefixed with (Prefix)
}

// Options chooses what to check.
type Options struct {
	Locales []string // only these (campaign locales or pseudo-locales); all when empty
	Layouts []string // only these; all when empty
	Jobs    int      // parallel compositions; NumCPU when 0
}

// Failed is the report of a campaign that cannot be checked at all: the
// problems of the error loader.Open returned.
func Failed(err error) *Report {
	r := &Report{}
	for _, d := range diag.AsList(err) {
		r.Problems = append(r.Problems, fromDiag(d, KindCampaign))
	}
	r.count()
	return r
}

func fromDiag(d diag.Diagnostic, kind string) Problem {
	sev := Error
	if d.Severity == diag.Warning {
		sev = Warning
	}
	text := d.Msg
	if d.Path != "" {
		text = d.Path + ": " + text
	}
	return Problem{Severity: sev, Kind: kind, File: d.File, Line: d.Line, Col: d.Col, Text: text, Hint: d.Hint}
}

// Run checks the locales and layouts opt selects.
func Run(in *loader.Campaign, opt Options) (*Report, error) {
	c, cat := in.Campaign, in.Catalog
	src := cat.File(c.SourceLocale)
	r := &Report{Campaign: c.ID, Source: c.SourceLocale, SourceFile: src.Path, SourceHash: messages.SourceHash(src), Messages: len(src.Messages)}
	tags, err := selectLocales(c, opt.Locales)
	if err != nil {
		return nil, err
	}
	layouts, err := selectLayouts(c, opt.Layouts)
	if err != nil {
		return nil, err
	}
	for _, l := range layouts {
		r.Layouts = append(r.Layouts, l.Name)
	}
	// Messages the campaign's own files get wrong (source file, campaign
	// data, template variables a place does not give) go to the locale
	// whose file they are in, or to the campaign.
	byFile := map[string][]diag.Diagnostic{}
	for _, d := range compose.CheckMessages(c, cat) {
		byFile[d.File] = append(byFile[d.File], d)
	}
	for _, tag := range tags {
		r.Locales = append(r.Locales, checkLocale(in, tag, r.SourceHash, byFile))
	}
	for _, l := range c.Locales { // locales not checked this time
		if f := cat.File(l.Tag); f != nil && l.Tag != c.SourceLocale {
			delete(byFile, f.Path)
		}
	}
	for _, ds := range byFile {
		for _, d := range ds {
			r.Problems = append(r.Problems, fromDiag(d, KindCampaign))
		}
	}
	r.Problems = append(r.Problems, unlisted(c)...)
	r.Problems = append(r.Problems, publisherProblems(c)...)
	checkLayouts(in, layouts, r, opt.Jobs)
	for _, lr := range r.Locales {
		sortProblems(lr.Problems)
	}
	sortProblems(r.Problems)
	r.count()
	return r, nil
}

// checkLocale checks the messages of locale tag. byFile holds the
// problems compose.CheckMessages found, by file: those of tag's file are
// added (unless checkMessages reported the same) and taken out.
func checkLocale(in *loader.Campaign, tag, sourceHash string, byFile map[string][]diag.Diagnostic) *Locale {
	c, cat := in.Campaign, in.Catalog
	lr := &Locale{Tag: tag, Name: autonym(tag), Source: tag == c.SourceLocale, Pseudo: messages.IsPseudo(tag)}
	if broken, ok := in.Broken[tag]; ok {
		for _, d := range broken {
			lr.Problems = append(lr.Problems, fromDiag(d, KindFile))
			lr.File = d.File
		}
		return lr
	}
	f := cat.File(tag)
	if !lr.Pseudo {
		lr.File = f.Path
	}
	lr.Draft = compose.DraftReason(c, cat, tag)
	lr.Review = reviewOf(c, tag, sourceHash)
	checkMessages(c, cat, in.Fonts, tag, lr)
	if lr.Pseudo {
		return lr
	}
	for _, d := range byFile[f.Path] {
		if !slices.ContainsFunc(lr.Problems, func(p Problem) bool {
			return p.ID == d.Path && (p.Kind == KindPlaceholder || p.Kind == KindSyntax || p.Kind == KindText && p.Text == d.Msg)
		}) {
			p := fromDiag(d, KindPlaceholder)
			p.ID, p.Text = d.Path, d.Msg
			lr.Problems = append(lr.Problems, p)
		}
	}
	delete(byFile, f.Path)
	return lr
}

// reviewOf is the review recorded for locale tag in campaign.yaml, nil
// when there is none; Current says whether it was against sourceHash.
func reviewOf(c *campaign.Campaign, tag, sourceHash string) *Review {
	for _, l := range c.Locales {
		if l.Tag == tag && l.Review != nil {
			return &Review{By: l.Review.By, On: l.Review.On.Format("2006-01-02"), SourceHash: l.Review.SourceHash, Current: l.Review.SourceHash == sourceHash}
		}
	}
	return nil
}

func selectLocales(c *campaign.Campaign, want []string) ([]string, error) {
	var all []string
	for _, l := range c.Locales {
		all = append(all, l.Tag)
	}
	if !slices.Contains(all, c.SourceLocale) {
		all = append([]string{c.SourceLocale}, all...)
	}
	all = append(all, messages.Pseudo...)
	if len(want) == 0 {
		return all, nil
	}
	var out []string
	for _, t := range want {
		if !slices.Contains(all, t) {
			return nil, diag.Unknown("locale", t, all)
		}
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out, nil
}

func selectLayouts(c *campaign.Campaign, want []string) ([]*campaign.Layout, error) {
	var names []string
	for _, l := range c.Layouts {
		names = append(names, l.Name)
	}
	for _, n := range want {
		if !slices.Contains(names, n) {
			return nil, diag.Unknown("layout", n, names)
		}
	}
	var out []*campaign.Layout
	for _, l := range c.Layouts {
		if len(want) == 0 || slices.Contains(want, l.Name) {
			out = append(out, l)
		}
	}
	return out, nil
}

// autonym is a locale's name in its own language.
func autonym(tag string) string {
	switch tag {
	case messages.PseudoLong:
		return "pseudo-locale: accented, 35% longer"
	case messages.PseudoRTL:
		return "pseudo-locale: mirrored right to left"
	}
	t, err := language.Parse(tag)
	if err != nil {
		return tag
	}
	if n := display.Self.Name(t); n != "" {
		return n
	}
	return tag
}

// checkLayouts composes every selected layout in every checked locale,
// records how each box fits, and adds the problems composing finds that
// the message checks have not already reported.
//
// A campaign with areas is composed for every area: a long area name or
// number must fit too. Problems found in one area's composition name it.
func checkLayouts(in *loader.Campaign, layouts []*campaign.Layout, r *Report, jobs int) {
	areas, cmps := areaComposers(in)
	var tasks []*checkTask
	for _, lr := range r.Locales {
		if _, broken := in.Broken[lr.Tag]; broken {
			continue
		}
		for _, a := range areas {
			for _, lay := range layouts {
				tasks = append(tasks, &checkTask{lr: lr, lay: lay, area: a})
			}
		}
	}
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	next := make(chan *checkTask)
	var wg sync.WaitGroup
	for w := 0; w < min(jobs, max(len(tasks), 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := typeset.NewSetter(in.Fonts)
			for t := range next {
				t.res = cmps[t.area].Compose(s, t.lay, t.lr.Tag)
				// What the print edition would refuse in placed artwork
				// (low-resolution rasters, colours off the palette).
				t.res.Diags = append(t.res.Diags, preflight.PrintArtProblems(t.res.Doc, t.lay)...)
			}
		}()
	}
	for _, t := range tasks {
		next <- t
	}
	close(next)
	wg.Wait()

	reportTasks(in, tasks, areas, r)
}

// checkTask is one composition check makes: a layout in a locale, for an
// area in a campaign with areas.
type checkTask struct {
	lr   *Locale
	lay  *campaign.Layout
	area *campaign.Area
	res  *compose.Result
}

// problemKey identifies a diagnostic across the compositions that meet it.
type problemKey struct {
	File, Path, Msg string
	Line            int
}

// reportTasks adds what the compositions found to the report. A problem
// every locale meets in a layout (a QR code too small, a helpline that
// cannot be dialled) belongs to the campaign, once; when only some areas
// meet it, once per area, naming it.
func reportTasks(in *loader.Campaign, tasks []*checkTask, areas []*campaign.Area, r *Report) {
	tags := map[problemKey]map[string]bool{}
	inAreas := map[problemKey]map[*campaign.Area]bool{}
	for _, t := range tasks {
		for _, d := range t.res.Diags {
			k := problemKey{d.File, d.Path, d.Msg, d.Line}
			if tags[k] == nil {
				tags[k], inAreas[k] = map[string]bool{}, map[*campaign.Area]bool{}
			}
			tags[k][t.lr.Tag] = true
			inAreas[k][t.area] = true
		}
	}
	type wide struct {
		k    problemKey
		area *campaign.Area
	}
	reported := map[wide]bool{}
	for _, t := range tasks {
		for _, d := range t.res.Diags {
			k := problemKey{d.File, d.Path, d.Msg, d.Line}
			if len(r.Locales) > 1 && len(tags[k]) == len(r.Locales) {
				w := wide{k, t.area}
				if len(inAreas[k]) == len(areas) {
					w.area = nil // every area's: the campaign's
				}
				if !reported[w] {
					reported[w] = true
					p := fromDiag(d, KindLayout)
					p.Layout = t.lay.Name
					r.Problems = append(r.Problems, inArea(p, w.area))
				}
				continue
			}
			if p, ok := layoutProblem(t.lr, t.lay, t.res, d); ok {
				t.lr.Problems = append(t.lr.Problems, inArea(p, t.area))
			}
		}
		for _, room := range t.res.Rooms {
			t.lr.addFit(room, t.area)
		}
		if t.area == areas[0] { // the same sizes, colours and inks in every area
			t.lr.Notes = append(t.lr.Notes, iconNotes(t.lay, t.res)...)
			t.lr.Problems = append(t.lr.Problems, accessProblems(in.Campaign.Access, t.lay, t.res.Doc)...)
			t.lr.Problems = append(t.lr.Problems, artProblems(in.Campaign.Access, t.lay, t.res.Doc)...)
		}
	}
}

// iconNotes says which text blocks of a layout are set without the icons
// their slots would show, in this locale: the text does not fit with
// them, wrapped around them, at its smallest sizes (compose, icon.go).
// Not a fault: the words come first.
func iconNotes(lay *campaign.Layout, res *compose.Result) []string {
	var out []string
	for _, b := range res.IconsLeftOut {
		out = append(out, fmt.Sprintf("%s: block %s is set without its icons: its text does not fit with them at its smallest sizes", lay.Name, b))
	}
	return out
}

// layoutProblem turns a diagnostic of composing into a problem of the
// locale, unless the report says it better elsewhere: text that does not
// fit is a Fit; a message's own faults (missing, glyphs, templates) are
// reported once, by the message checks, at the message.
func layoutProblem(lr *Locale, lay *campaign.Layout, res *compose.Result, d diag.Diagnostic) (Problem, bool) {
	for _, room := range res.Rooms {
		if !room.Fits() && d.File == room.File && d.Line == room.Line && strings.HasPrefix(d.Path, "block ") {
			return Problem{}, false
		}
	}
	if lr.File != "" && d.File == lr.File {
		return Problem{}, false
	}
	for _, p := range lr.Problems {
		if p.Severity == Error && p.ID != "" && strings.Contains(d.Msg, fmt.Sprintf("%q", p.ID)) {
			return Problem{}, false
		}
	}
	p := fromDiag(d, KindLayout)
	p.Layout = lay.Name
	return p, true
}

func (lr *Locale) addFit(room compose.Room, area *campaign.Area) {
	// Rounded: the report should not change with the last bits of a
	// floating-point sum on another CPU.
	f := Fit{Area: areaID(area), Layout: room.Layout, Block: room.Block, File: room.File, Line: room.Line, Messages: room.Messages,
		Left: math.Round(room.Left()*1000) / 1000, Fits: room.Fits(), Overfull: room.Overfull,
		WideMessage: room.WideMessage, WideWord: room.WideWord}
	for _, s := range room.Sizes {
		f.MinSizes = append(f.MinSizes, math.Round(float64(s)*100)/100)
	}
	lr.Fits = append(lr.Fits, f)
	if f.Fits {
		return
	}
	p := Problem{Severity: Error, Kind: KindFit, File: f.File, Line: f.Line, Layout: f.Layout, Block: f.Block, Text: f.Describe()}
	if f.Overfull {
		p.Hint = "break the long word (a hyphen or a shorter synonym), or widen the box in the layout; Thai, Lao, Khmer and Myanmar break between the words of a dictionary: type U+200B ZERO WIDTH SPACE where a word it does not know may break"
	} else {
		p.Hint = fmt.Sprintf("shorten the text of %s by about %.0f%%, or give the box more room in the layout", diag.Some(f.Messages, 8, "messages"), -f.Left/(1-f.Left)*100+0.5)
	}
	lr.Problems = append(lr.Problems, inArea(p, area))
}

// areaComposers are the areas check composes (one nil area for a
// campaign without areas) and a composer for each.
func areaComposers(in *loader.Campaign) ([]*campaign.Area, map[*campaign.Area]*compose.Composer) {
	cmps := map[*campaign.Area]*compose.Composer{}
	areas := in.Areas
	if len(areas) == 0 {
		areas = []*campaign.Area{nil}
	}
	for _, a := range areas {
		c := in.Campaign
		if a != nil {
			c = a.Campaign
		}
		cmps[a] = &compose.Composer{Campaign: c, Catalog: in.Catalog, Fonts: in.Fonts, Creator: "handbill check", AllowFallback: true, MeasureRoom: true}
	}
	return areas, cmps
}

// areaID is the id of area, or "" for nil.
func areaID(area *campaign.Area) string {
	if area == nil {
		return ""
	}
	return area.ID
}

// inArea is p as found in area's composition: it names the area.
func inArea(p Problem, area *campaign.Area) Problem {
	if area != nil {
		p.Area = area.ID
		p.Text = fmt.Sprintf("area %q: %s", area.ID, p.Text)
	}
	return p
}

// Describe says how the box's text fits: "12% over at 9pt minimum",
// "23% room left at 9–14pt minimum".
func (f Fit) Describe() string {
	lo, hi := slices.Min(f.MinSizes), slices.Max(f.MinSizes)
	at := fmt.Sprintf("%spt", trimFloat(lo))
	if hi-lo > 0.05 {
		at = fmt.Sprintf("%s–%spt", trimFloat(lo), trimFloat(hi))
	}
	switch {
	case f.Overfull && f.WideWord != "":
		return fmt.Sprintf("the word %q in message %s is wider than the box at %s minimum", f.WideWord, f.WideMessage, at)
	case f.Overfull:
		return fmt.Sprintf("a word is wider than the box at %s minimum", at)
	case f.Left < 0:
		return fmt.Sprintf("%.0f%% over at %s minimum", -f.Left*100+0.4999, at)
	}
	return fmt.Sprintf("%.0f%% room left at %s minimum", f.Left*100-0.4999, at)
}

func trimFloat(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	return strings.TrimSuffix(s, ".0")
}

// Tightest returns the fit with the least room, or false when there is none.
func (lr *Locale) Tightest() (Fit, bool) {
	if len(lr.Fits) == 0 {
		return Fit{}, false
	}
	best := lr.Fits[0]
	for _, f := range lr.Fits[1:] {
		if f.Overfull && !best.Overfull || f.Overfull == best.Overfull && f.Left < best.Left {
			best = f
		}
	}
	return best, true
}

func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if c := strings.Compare(a.File, b.File); c != 0 {
			return c
		}
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		if a.Col != b.Col {
			return a.Col - b.Col
		}
		if a.order != b.order {
			return a.order - b.order
		}
		if c := strings.Compare(a.Layout+" "+a.Block, b.Layout+" "+b.Block); c != 0 {
			return c
		}
		if c := strings.Compare(a.Kind, b.Kind); c != 0 {
			return c
		}
		return strings.Compare(a.Text, b.Text)
	})
}

// CampaignErrors is the number of errors about the campaign as a whole,
// which fail every output, as build says: the campaign's own problems
// (KindCampaign: it does not load, or its source file breaks a rule every
// locale shares), and the source locale's errors in its own messages (a
// template, placeholder or character the source holds is in every
// locale's fallback and in the campaign's contract with translators). A
// source text that overflows a box or lacks a glyph fails that locale's
// outputs only; a problem composing a layout that every locale meets (a
// raster too coarse for print, a QR code too small) fails that layout's
// outputs, as a build that writes the others and exits 1.
func (r *Report) CampaignErrors() int {
	errs := 0
	for _, p := range r.Problems {
		if p.Severity == Error && p.Kind == KindCampaign {
			errs++
		}
	}
	for _, lr := range r.Locales {
		if !lr.Source {
			continue
		}
		for _, p := range lr.Problems {
			if p.Severity == Error && (p.Kind == KindSyntax || p.Kind == KindPlaceholder || p.Kind == KindText) {
				errs++
			}
		}
	}
	return errs
}

func (r *Report) count() {
	r.Errors, r.Warnings = tally(r.Problems)
	for _, lr := range r.Locales {
		lr.Errors, lr.Warnings = tally(lr.Problems)
		r.Errors += lr.Errors
		r.Warnings += lr.Warnings
	}
}

func tally(ps []Problem) (errs, warns int) {
	for _, p := range ps {
		if p.Severity == Error {
			errs++
		} else {
			warns++
		}
	}
	return
}

// WriteJSON writes the report as indented JSON.
func (r *Report) JSON() ([]byte, error) {
	if r.Layouts == nil {
		r.Layouts = []string{}
	}
	if r.Problems == nil {
		r.Problems = []Problem{}
	}
	if r.Locales == nil {
		r.Locales = []*Locale{}
	}
	for _, lr := range r.Locales {
		if lr.Problems == nil {
			lr.Problems = []Problem{}
		}
		if lr.Fits == nil {
			lr.Fits = []Fit{}
		}
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, errors.Join(errors.New("check: encoding the report"), err)
	}
	return append(b, '\n'), nil
}

// unlisted warns of a message file in locales/ whose locale campaign.yaml
// does not list: it is never built or checked, and a translator who added
// locales/de.toml heard nothing of it.
func unlisted(c *campaign.Campaign) []Problem {
	ents, err := fs.ReadDir(c.FS, "locales")
	if err != nil {
		return nil // the source's file is reported missing elsewhere
	}
	listed := map[string]bool{c.SourceLocale: true}
	for _, l := range c.Locales {
		listed[l.Tag] = true
	}
	var out []Problem
	for _, e := range ents {
		ext := strings.TrimPrefix(path.Ext(e.Name()), ".")
		tag := strings.TrimSuffix(e.Name(), "."+ext)
		if e.IsDir() || !slices.Contains(messages.Formats, ext) || listed[tag] {
			continue
		}
		out = append(out, Problem{Severity: Warning, Kind: KindFile, File: path.Join("locales", e.Name()),
			Text: fmt.Sprintf("locale %s is not listed in campaign.yaml's locales: this file is never built or checked", tag),
			Hint: fmt.Sprintf("add - %s to locales: in campaign.yaml (handbill locale add does both), or remove the file", tag)})
	}
	return out
}

// publisherProblems warns of a campaign that does not say who publishes
// it, or gives no way to reach them: a school asked to print a poster
// about sexting looks for who is behind it and whom to ask, and the
// download site's footer and the PDFs' Author are where they look.
func publisherProblems(c *campaign.Campaign) []Problem {
	p := c.Publisher
	switch {
	case p == nil:
		return []Problem{{Severity: Warning, Kind: KindCampaign, File: c.File,
			Text: "no publisher: the download site and the PDFs do not say who publishes the campaign or how to reach them",
			Hint: "add publisher: {name: Cumbria Police, url: https://www.cumbria.police.uk/, email: safeguarding@example.org} to campaign.yaml"}}
	case !p.Contact():
		return []Problem{{Severity: Warning, Kind: KindCampaign, File: p.At.File, Line: p.At.Line, Col: p.At.Col,
			Text: "publisher: expected a way to reach the publisher (url or email), found neither",
			Hint: "add url: with the publisher's web site or email: with an address that answers questions about the campaign"}}
	}
	return nil
}
