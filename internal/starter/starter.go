// Package starter writes a new campaign folder for `handbill init`: a
// commented campaign.yaml, the bundled layouts (A4 and A3 posters, A5,
// DL and A5 bi-fold leaflets: topic-neutral, their message ids say what
// each text is — headline, strapline, points, sections, action,
// helplines, footer — and the bundled campaign is one instance of them), the
// source messages with descriptions of what each is for and how long it
// may be, and a README for the folder. It references handbill's bundled
// fonts rather than copying them. Example writes the bundled campaign
// instead, as a worked example. It sits beside the pipeline: what it
// writes is read back through campaign, messages and fonts like any
// campaign, and its tests build it.
package starter

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"text/template"
	"time"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/text/language"

	"github.com/handbill/handbill/internal/atomicfile"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/messages"
)

//go:embed template
var files embed.FS

// Options are what `handbill init` is told.
type Options struct {
	ID     string // the campaign id: the start of every PDF's name
	Locale string // the source locale, a canonical BCP 47 tag
	Region string // ISO 3166 code the phone numbers are read in
	Date   time.Time
}

// emergencyCandidates are the numbers tried, in this order, as the region's
// emergency numbers; libphonenumber's short-number data says which are.
var emergencyCandidates = []string{"112", "999", "911", "000", "110", "119", "100", "101", "102", "190", "193", "199"}

// Emergency returns up to two emergency numbers of region, in the order of
// emergencyCandidates (112 and 999 in IE and GB, 112 and 911 in US).
func Emergency(region string) []string {
	var out []string
	for _, n := range emergencyCandidates {
		if len(out) < 2 && phonenumbers.IsEmergencyNumber(n, region) {
			out = append(out, n)
		}
	}
	return out
}

// Check validates the options as a user gave them: a canonical locale tag,
// a region libphonenumber knows and that has an emergency number, an id
// of lowercase letters, digits and hyphens.
func (o Options) Check() error {
	var l diag.List
	if t, err := language.Parse(o.Locale); err != nil {
		d := diag.Errorf("", 0, 0, "--locale", "expected a BCP 47 language tag like \"en-GB\", found %q", o.Locale)
		d.Hint = "a tag is an ISO 639 language code, then optionally a script and a region: en-IE, ga, pt-BR, zh-Hans"
		l.Add(d)
	} else if t.String() != o.Locale {
		l.Add(diag.Errorf("", 0, 0, "--locale", "expected the canonical form %q, found %q", t.String(), o.Locale))
	}
	regions := slices.Sorted(maps.Keys(phonenumbers.GetSupportedRegions()))
	switch {
	case !slices.Contains(regions, o.Region):
		d := diag.Errorf("", 0, 0, "--region", "expected a two-letter country code like \"IE\", found %q", o.Region)
		d.Hint = diag.DidYouMean(strings.ToUpper(o.Region), regions)
		l.Add(d)
	case len(Emergency(o.Region)) == 0:
		l.Add(diag.Errorf("", 0, 0, "--region", "expected a region with an emergency number among %s, found none for %s", strings.Join(emergencyCandidates, ", "), o.Region))
	}
	if !validID(o.ID) {
		d := diag.Errorf("", 0, 0, "DIR", "expected a folder name of lowercase letters, digits and hyphens (the campaign's id), found %q", o.ID)
		d.Hint = "name the folder like winter-visits, or edit id: in campaign.yaml afterwards"
		l.Add(d)
	}
	return l.Err()
}

func validID(id string) bool {
	if id == "" || id[0] == '-' {
		return false
	}
	return strings.Trim(id, "abcdefghijklmnopqrstuvwxyz0123456789-") == ""
}

// data is what the templates (*.tmpl, delimited by [[ ]]) are given.
type data struct {
	ID, Locale, Region, Date string
	Emergency                string // a YAML flow list: ["112", "999"]
	FirstEmergency           string
	ScanForms                string // help.scan's forms, one TOML line each
}

// scanForms writes the plural message help.scan in every form the source
// locale needs (Irish: one, two, few, many, other), so that a campaign
// init writes in any language checks clean at once: "one" says the code,
// every other form the count of codes.
func scanForms(locale string) (string, error) {
	forms, err := messages.PluralForms(locale)
	if err != nil {
		return "", diag.Errorf("", 0, 0, "--locale", "%s: %v, so handbill cannot tell which plural forms your copy needs", locale, err)
	}
	var b strings.Builder
	for _, f := range forms {
		text := "Scan one of the {{.Count}} codes with your phone's camera to call."
		if f == "one" {
			text = "Scan the code with your phone's camera to call."
		}
		fmt.Fprintf(&b, "%s = %q\n", f, text)
	}
	return b.String(), nil
}

// Write writes a new campaign into dir, which must not exist or be empty,
// and returns the files written, relative to dir, in order. Its layouts
// are bundled's (handbill's own campaign is an instance of them with its
// own copy, brand and mark): one set of layouts, not a copy kept in step.
func Write(dir string, o Options, bundled fs.FS) ([]string, error) {
	if err := o.Check(); err != nil {
		return nil, err
	}
	nums := Emergency(o.Region)
	quoted := make([]string, len(nums))
	for i, n := range nums {
		quoted[i] = fmt.Sprintf("%q", n)
	}
	scan, err := scanForms(o.Locale)
	if err != nil {
		return nil, err
	}
	d := data{ID: o.ID, Locale: o.Locale, Region: o.Region, Date: o.Date.UTC().Format(time.RFC3339),
		Emergency: "[" + strings.Join(quoted, ", ") + "]", FirstEmergency: nums[0], ScanForms: scan}
	src, err := fs.Sub(files, "template")
	if err != nil {
		return nil, err
	}
	layouts := part{bundled, func(name string, b []byte) (string, []byte, error) {
		if !strings.HasPrefix(name, "layouts/") {
			return "", nil, nil
		}
		return name, b, nil
	}}
	return writeTree(dir, part{src, func(name string, b []byte) (string, []byte, error) {
		out, ok := strings.CutSuffix(name, ".tmpl")
		if !ok {
			return name, b, nil
		}
		if out == "locales/source.toml" {
			out = "locales/" + o.Locale + ".toml"
		}
		t, err := template.New(name).Delims("[[", "]]").Option("missingkey=error").Parse(string(b))
		if err != nil {
			return "", nil, fmt.Errorf("starter template %s: %w", name, err)
		}
		var buf bytes.Buffer
		if err := t.Execute(&buf, d); err != nil {
			return "", nil, fmt.Errorf("starter template %s: %w", name, err)
		}
		return out, buf.Bytes(), nil
	}}, layouts)
}

// ExampleFiles are the parts of the bundled campaign Example writes: all
// of it but the fonts, which every campaign without its own
// assets/fonts/fonts.yaml takes from handbill.
var ExampleFiles = []string{"campaign.yaml", "layouts", "locales", "assets/logos", "assets/icons"}

// Example writes the files of bundled named by ExampleFiles into dir, which
// must not exist or be empty, and returns the files written.
func Example(dir string, bundled fs.FS) ([]string, error) {
	return writeTree(dir, part{bundled, func(name string, b []byte) (string, []byte, error) {
		for _, p := range ExampleFiles {
			if name == p || strings.HasPrefix(name, p+"/") {
				return name, b, nil
			}
		}
		return "", nil, nil
	}})
}

// part is a tree of files to write and how: conv renames and rewrites
// each (an empty name skips it).
type part struct {
	src  fs.FS
	conv func(name string, b []byte) (string, []byte, error)
}

// writeTree writes every file of each part, in order, under dir.
func writeTree(dir string, parts ...part) ([]string, error) {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		d := diag.Errorf("", 0, 0, "", "%s: expected a new or empty folder, found %d entries (%s…)", dir, len(entries), entries[0].Name())
		d.Hint = "name a folder that does not exist yet; handbill init never overwrites a campaign"
		return nil, d
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	var written []string
	for _, pt := range parts {
		if err := fs.WalkDir(pt.src, ".", func(name string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			return writeOne(dir, pt, name, &written)
		}); err != nil {
			return written, err
		}
	}
	return written, nil
}

// writeOne writes the file name of pt under dir and adds it to written.
func writeOne(dir string, pt part, name string, written *[]string) error {
	b, err := fs.ReadFile(pt.src, name)
	if err != nil {
		return err
	}
	out, b, err := pt.conv(name, b)
	if err != nil || out == "" {
		return err
	}
	p := filepath.Join(dir, filepath.FromSlash(out))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	if err := atomicfile.Write(p, b); err != nil {
		return err
	}
	*written = append(*written, path.Clean(out))
	return nil
}
