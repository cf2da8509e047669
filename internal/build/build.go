// Package build runs a campaign: it chooses the (layout, locale) pairs,
// composes and exports them in parallel (one typeset.Setter per worker,
// fonts and messages shared), writes every file atomically (temporary file
// and rename in the same folder) and records a manifest. It is the top of
// the pipeline below the CLI.
//
// Each pair is composed once and written in one or both editions
// (edition.go): print, for a print shop (bleed, crop and fold marks, slug,
// CMYK and spot inks, no links), and screen, for downloads and office
// printers (the trim alone, RGB, links, an outline). Before a file is
// written package preflight checks what a print shop would:
// black text and QR codes K only, total ink, QR module size and quiet
// zones; errors stop the file, and the manifest keeps the findings.
//
// A campaign with areas (campaign.Area) is built for every area: a pair
// carries its area, is composed from the area's campaign and is written
// as CAMPAIGN-AREA-LAYOUT-LOCALE-EDITION.pdf. A build into a folder that
// holds an earlier one keeps each output whose inputs are unchanged
// (inputs.go: a hash per file, recorded in the manifest), so a change to
// one area's row rewrites only that area's files.
package build

import (
	"fmt"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/fonts"
	"github.com/handbill/handbill/internal/messages"
	"github.com/handbill/handbill/internal/preflight"
	"github.com/handbill/handbill/internal/typeset"
)

// Options chooses what to build and where.
type Options struct {
	Out           string   // output folder
	Areas         []string // only these areas (all when empty; campaign.Area)
	Layouts       []string // only these layouts (all when empty)
	Locales       []string // only these locales (all when empty)
	Jobs          int      // parallel workers (at least 1)
	AllowFallback bool
	Creator       string
	Date          time.Time
	// Editions are the editions written of every pair (both when empty):
	// see Edition.
	Editions []edition.Edition
	// Progress, when set, is called after each pair with the number done
	// and the total.
	Progress func(done, total int)
	// Previews, when positive, also writes a PNG of each page this many
	// pixels wide beside each PDF (NAME-1.png, NAME-2.png, …), rendered
	// by export/png from the same display list.
	Previews int
	// Final refuses draft locales (not reviewed, or reviewed against an
	// older source): each fails instead of building with the draft mark.
	Final bool
	// Broken are locales that fail before composing, with why (a message
	// file that does not load, a control character in a translation):
	// each of their pairs is a Failure with these diagnostics.
	Broken map[string]diag.List
	// Force builds every pair: without it, an output an earlier build
	// left in the folder whose inputs are unchanged is kept (inputs.go).
	Force bool
	// Waiting, when set, is called when another build holds the output
	// folder's lock (LockName), before this one waits for it.
	Waiting func(lock string)
}

// Output is one file written.
type Output struct {
	Path      string          `json:"path"`           // relative to the output folder
	Area      string          `json:"area,omitempty"` // the area's id, for a campaign with areas
	Layout    string          `json:"layout"`
	Locale    string          `json:"locale"`
	Edition   edition.Edition `json:"edition"`
	Pages     int             `json:"pages"`
	Bytes     int             `json:"bytes"`
	SHA256    string          `json:"sha256"`
	Warnings  []string        `json:"warnings"`
	Fallbacks []string        `json:"fallback_ids,omitempty"`
	Previews  []string        `json:"previews,omitempty"` // PNG files of the pages, with Options.Previews
	// Draft is true when the file carries the draft mark; DraftReason says
	// why (compose.DraftReason, or messages that fell back).
	Draft       bool   `json:"draft"`
	DraftReason string `json:"draft_reason,omitempty"`
	// Stale, in the manifest, marks a file no build recorded as it is now
	// (one killed between writing the file and the manifest): Bytes and
	// SHA256 are the file's, the other details may be out of date until
	// the pair is built again.
	Stale bool `json:"stale,omitempty"`
	// Inputs is the hash of everything the file is made from (inputs.go);
	// Reused, in the manifest of a build, says that build kept the file an
	// earlier one wrote, since its inputs had not changed.
	Inputs string `json:"inputs_sha256,omitempty"`
	Reused bool   `json:"reused,omitempty"`
	// Preflight is what the checks before writing found.
	Preflight *preflight.Report `json:"preflight"`
}

// Failure is a (layout, locale) pair, or one edition of it, that did not
// build.
type Failure struct {
	Area      string            `json:"area,omitempty"`
	Layout    string            `json:"layout"`
	Locale    string            `json:"locale"`
	Edition   edition.Edition   `json:"edition,omitempty"` // empty: every edition
	Diags     diag.List         `json:"errors"`
	Preflight *preflight.Report `json:"preflight,omitempty"` // when preflight failed it
}

// Report is what a build did.
type Report struct {
	Outputs  []Output
	Failures []Failure
}

// Manifest is manifest.json in the output folder.
type Manifest struct {
	Campaign string `json:"campaign"`
	Creator  string `json:"creator"`
	Date     string `json:"date"`
	// Written and Kept count this build's files: written anew, or kept
	// from an earlier build since their inputs had not changed (each kept
	// file has Reused set).
	Written int       `json:"written"`
	Kept    int       `json:"kept"`
	Files   []Output  `json:"files"`
	Failed  []Failure `json:"failed,omitempty"`
	// Warnings are the campaign's own (such as palette colours derived
	// from one form only), shared by every file.
	Warnings []string `json:"warnings,omitempty"`
}

// Pair is one document to build: a layout in a locale and, in a campaign
// with areas, for one area.
type Pair struct {
	Layout *campaign.Layout
	Locale string
	Area   *campaign.Area // nil in a campaign without areas
}

// failure is a Failure of the pair, every edition.
func (p Pair) failure(diags diag.List) *Failure {
	return &Failure{Area: p.areaID(), Layout: p.Layout.Name, Locale: p.Locale, Diags: diags}
}

// areaID is the pair's area's id, or "".
func (p Pair) areaID() string {
	if p.Area == nil {
		return ""
	}
	return p.Area.ID
}

// Pairs returns the (layout, locale) pairs selected by the filters, in
// campaign order, or an error naming an unknown filter value; in a
// campaign with areas, every area's.
func Pairs(c *campaign.Campaign, layouts, locales []string) ([]Pair, error) {
	return AreaPairs(c, nil, layouts, locales)
}

// AreaPairs is Pairs of only the areas named (all when empty), area by
// area; naming an area of a campaign without areas is an error.
func AreaPairs(c *campaign.Campaign, areas, layouts, locales []string) ([]Pair, error) {
	for _, a := range areas {
		if c.AreaByID(a) == nil {
			if len(c.Areas) == 0 {
				return nil, diag.List{diag.Errorf("", 0, 0, "", "unknown area %q; the campaign has no areas", a)}.Err()
			}
			return nil, diag.Unknown("area", a, c.AreaIDs())
		}
	}
	pairs, err := layoutPairs(c, layouts, locales)
	if err != nil || len(c.Areas) == 0 {
		return pairs, err
	}
	var out []Pair
	for _, a := range c.Areas {
		if len(areas) > 0 && !slices.Contains(areas, a.ID) {
			continue
		}
		for _, p := range pairs {
			p.Area = a
			out = append(out, p)
		}
	}
	return out, nil
}

// layoutPairs are the (layout, locale) pairs of the filters.
func layoutPairs(c *campaign.Campaign, layouts, locales []string) ([]Pair, error) {
	var lnames, tags []string
	for _, l := range c.Layouts {
		lnames = append(lnames, l.Name)
	}
	for _, l := range c.Locales {
		tags = append(tags, l.Tag)
	}
	for _, n := range layouts {
		if !slices.Contains(lnames, n) {
			return nil, diag.Unknown("layout", n, lnames)
		}
	}
	for _, t := range locales {
		if messages.IsPseudo(t) && !slices.Contains(tags, t) {
			tags = append(tags, t) // built in, built only when asked for
			continue
		}
		if !slices.Contains(tags, t) {
			return nil, diag.Unknown("locale", t, tags)
		}
	}
	var out []Pair
	for _, l := range c.Layouts {
		if len(layouts) > 0 && !slices.Contains(layouts, l.Name) {
			continue
		}
		for _, t := range tags {
			if len(locales) > 0 && !slices.Contains(locales, t) {
				continue
			}
			out = append(out, Pair{Layout: l, Locale: t})
		}
	}
	return out, nil
}

// Composer returns the composer a build uses.
func Composer(c *campaign.Campaign, cat *messages.Catalog, reg *fonts.Registry, opt Options) *compose.Composer {
	return &compose.Composer{Campaign: c, Catalog: cat, Fonts: reg, Creator: opt.Creator, Date: opt.Date, AllowFallback: opt.AllowFallback}
}

// composers are the composers of a build by area: the campaign's under
// nil, and each area's, whose Campaign is the area's.
func composers(c *campaign.Campaign, cat *messages.Catalog, reg *fonts.Registry, opt Options) map[*campaign.Area]*compose.Composer {
	m := map[*campaign.Area]*compose.Composer{nil: Composer(c, cat, reg, opt)}
	for _, a := range c.Areas {
		m[a] = Composer(a.Campaign, cat, reg, opt)
	}
	return m
}

// MaxJobsPerCPU caps parallel workers: each holds its own typesetter and
// documents, and beyond a few per CPU they only cost memory.
const MaxJobsPerCPU = 4

// Workers is the number of workers a build of pairs documents runs for
// jobs asked: at least 1, at most one per pair and MaxJobsPerCPU per CPU.
func Workers(jobs, pairs int) int {
	return max(1, min(jobs, pairs, MaxJobsPerCPU*runtime.NumCPU()))
}

// Run builds the pairs into opt.Out. Failed pairs are reported, not
// written; the others still build. A previous good file for a failed pair is
// left as it was. One build at a time writes to a folder: Run holds its
// lock (LockName) throughout, removes the temporary files of interrupted
// builds first, and writes manifest.json last from the files present.
// Problems with the folder itself are a *FolderError.
func Run(c *campaign.Campaign, cat *messages.Catalog, reg *fonts.Registry, pairs []Pair, opt Options) (*Report, error) {
	dir, err := openFolder(opt.Out, c.ID, opt.Waiting)
	if err != nil {
		return nil, err
	}
	defer dir.close()
	cmps := composers(c, cat, reg, opt)
	in, err := newInputs(c, cat, cmps, pairs, opt)
	if err != nil {
		return nil, err
	}
	jobs := Workers(opt.Jobs, len(pairs))
	eds := opt.Editions
	if len(eds) == 0 {
		eds = edition.All
	}
	results := make([][]outcome, len(pairs))
	// A worker takes all of a locale's pairs at once: its setter shapes
	// each message once and sets it in every layout.
	next := make(chan []int)
	var mu sync.Mutex
	done := 0
	finish := func(i int, out []outcome) {
		results[i] = out
		if opt.Progress != nil {
			mu.Lock()
			done++
			opt.Progress(done, len(pairs))
			mu.Unlock()
		}
	}
	// Files are written, synced and renamed by their own goroutines, at
	// most one per worker at a time, so a worker sets the next pair while
	// the disk syncs the last one.
	b := &batch{c: c, cmps: cmps, in: in, dir: dir, opt: opt, eds: eds, writing: make(chan struct{}, jobs), finish: finish}
	var workers sync.WaitGroup
	for w := 0; w < jobs; w++ {
		workers.Add(1)
		go func() {
			defer workers.Done()
			s := typeset.NewSetter(reg)
			for group := range next {
				for _, i := range group {
					b.pair(s, i, pairs[i])
				}
			}
		}()
	}
	for _, group := range byLocale(pairs, jobs) {
		next <- group
	}
	close(next)
	workers.Wait()
	b.writers.Wait()
	rep := &Report{}
	for _, rs := range results {
		for _, r := range rs {
			if r.out != nil {
				rep.Outputs = append(rep.Outputs, *r.out)
			} else {
				rep.Failures = append(rep.Failures, *r.fail)
			}
		}
	}
	if err := dir.writeManifest(c, opt, rep); err != nil {
		return rep, err
	}
	return rep, nil
}

// batch is what the workers of a Run share.
type batch struct {
	c       *campaign.Campaign
	cmps    map[*campaign.Area]*compose.Composer
	in      *inputs
	dir     *folder
	opt     Options
	eds     []edition.Edition
	writing chan struct{} // a token per file being written
	writers sync.WaitGroup
	finish  func(i int, out []outcome)
}

// pair builds pair i with setter s: refused, kept from an earlier build,
// or composed and handed to a writer.
func (b *batch) pair(s *typeset.Setter, i int, p Pair) {
	cmp := b.cmps[p.Area]
	if fail := refuse(cmp, p, b.opt); fail != nil {
		b.finish(i, []outcome{{fail: fail}})
		return
	}
	keys := map[edition.Edition]string{}
	for _, ed := range b.eds {
		keys[ed] = b.in.key(p, ed)
	}
	kept, todo := b.dir.reusable(p, b.eds, keys, b.c.ID, b.opt.Previews, b.opt.Force)
	if len(todo) == 0 {
		b.finish(i, kept)
		return
	}
	res, docs, err := RenderEditions(cmp, s, p, todo)
	if err != nil {
		b.finish(i, []outcome{{fail: p.failure(diag.AsList(err))}})
		return
	}
	b.writing <- struct{}{}
	b.writers.Add(1)
	go func() {
		defer b.writers.Done()
		outs := writeDocs(b.c.ID, b.opt.Out, p, res, docs, previewOptions(b.opt.Previews, cmp.Fonts))
		for _, o := range outs {
			if o.out != nil {
				o.out.Inputs = keys[o.out.Edition]
			}
		}
		b.finish(i, append(kept, outs...))
		<-b.writing
	}()
}

// byLocale groups the indices of pairs by locale, in order of first
// appearance, keeping the pairs' order within a group. With fewer locales
// than workers, each pair is a group of its own, so every worker has work.
func byLocale(pairs []Pair, workers int) [][]int {
	var groups [][]int
	at := map[string]int{}
	for i, p := range pairs {
		g, ok := at[p.Locale]
		if !ok {
			g = len(groups)
			at[p.Locale] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	if len(groups) < workers {
		groups = groups[:0]
		for i := range pairs {
			groups = append(groups, []int{i})
		}
	}
	return groups
}

// refuse returns why a pair is not built, or nil: its locale is broken, or
// a draft in a --final build.
func refuse(cmp *compose.Composer, p Pair, opt Options) *Failure {
	if l, ok := opt.Broken[p.Locale]; ok {
		return p.failure(l)
	}
	if r := cmp.DraftReason(p.Locale); opt.Final && r != "" {
		return p.failure(diag.List{{Severity: diag.Error,
			Msg:  fmt.Sprintf("locale %s is a draft (%s); --final refuses it", p.Locale, r),
			Hint: fmt.Sprintf("review the translation, then record it: handbill locale review %s --by NAME", p.Locale)}})
	}
	return nil
}
