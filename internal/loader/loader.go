// Package loader opens a campaign folder: campaign.yaml and its layouts
// (campaign), the message files of its locales (messages) and its font table
// (fonts), under one of two named policies for a locale that cannot be
// used. It is the one way in for build, check, proof, serve, site and the
// tests; the cli only turns flags into Options and prints what comes back.
// It sits above campaign, messages, fonts and compose (whose message check
// the Confine policy runs) and below build, check and cli.
package loader

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"slices"

	"github.com/handbill/handbill"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/fonts"
	"github.com/handbill/handbill/internal/messages"
)

// Policy is what Open does with a problem confined to one locale.
type Policy int

const (
	// Confine is a build's policy: a locale whose message file does not
	// load, or whose messages fail compose.CheckMessages (a placeholder the
	// source does not give, a control character…), is set aside in Broken
	// with its problems, and the other locales still build. A problem with
	// the campaign as a whole (campaign.yaml, a layout, the source locale,
	// the font table) fails Open.
	Confine Policy = iota
	// Report is check's policy: a locale whose message file does not load
	// is set aside in Broken; the messages of the others are not judged
	// here, since check reports them one by one.
	Report
)

// FontDir is where a campaign keeps its font table and font files.
const FontDir = fonts.Dir

// Options says what Open reads.
type Options struct {
	Policy Policy
	// Only, when set, limits the message files read to the source's and
	// these locales' (a build of one locale need not parse the others);
	// pseudo-locales are read only when listed. When empty, every locale
	// the campaign lists and every pseudo-locale is read.
	Only []string
	// Fonts is where the font table comes from when the campaign has none
	// of its own at FontDir/fonts.yaml: nil means the bundled fonts.
	Fonts fs.FS
}

// Campaign is an opened campaign: what campaign.yaml and the layouts say,
// the message files, the font table, and the locales set aside.
type Campaign struct {
	*campaign.Campaign
	Catalog *messages.Catalog
	Fonts   *fonts.Registry
	// Broken holds, by tag, the problems of the locales set aside under
	// the policy (see Policy); nil entries never occur.
	Broken map[string]diag.List
}

// Open reads the campaign in fsys under opt. Its error is a diag.List
// error naming file:line:col for each problem with the campaign as a
// whole; problems confined to a locale are in Campaign.Broken instead.
func Open(fsys fs.FS, opt Options) (*Campaign, error) {
	c, err := campaign.Load(fsys)
	if err != nil {
		return nil, err
	}
	cat, broken, err := messages.LoadEach(fsys, "locales", c.SourceLocale, tags(c, opt.Only))
	if err != nil {
		return nil, err
	}
	if broken == nil {
		broken = map[string]diag.List{}
	}
	if opt.Policy == Confine {
		global := confine(compose.CheckMessages(c, cat).Errors(), c, cat, broken)
		if err := global.Err(); err != nil {
			return nil, err
		}
	}
	reg, err := fonts.Load(FontFS(fsys, opt.Fonts), FontDir)
	if err != nil {
		return nil, err
	}
	if _, err := fs.Stat(fsys, path.Join(FontDir, fonts.Table)); err == nil {
		// The campaign's own table: its languages: are the campaign's.
		if err := reg.CheckLocales(c.Tags()); err != nil {
			return nil, err
		}
	}
	if err := reg.AddBrand(fsys, brandType(c.Brand.Type)); err != nil {
		return nil, err
	}
	return &Campaign{Campaign: c, Catalog: cat, Fonts: reg, Broken: broken}, nil
}

// brandType is the brand's type (campaign.yaml's brand: type:) as the
// font registry takes it.
func brandType(ts []campaign.BrandType) []fonts.BrandFamily {
	out := make([]fonts.BrandFamily, len(ts))
	for i, t := range ts {
		out[i] = fonts.BrandFamily{Role: string(t.Role), Regular: t.Regular, Bold: t.Bold, Licence: t.Licence, Index: t.Index, Path: t.Path}
	}
	return out
}

// tags are the locales whose message files Open reads (see Options.Only).
func tags(c *campaign.Campaign, only []string) []string {
	var out []string
	for _, l := range c.Locales {
		if len(only) == 0 || slices.Contains(only, l.Tag) {
			out = append(out, l.Tag)
		}
	}
	for _, p := range messages.Pseudo { // built in: derived from the source, never on disk
		if len(only) == 0 || slices.Contains(only, p) {
			out = append(out, p)
		}
	}
	return out
}

// FontFS is where a campaign's fonts come from: the campaign folder when it
// has a font table at FontDir/fonts.yaml, else fallback (nil: the bundled
// fonts).
func FontFS(fsys, fallback fs.FS) fs.FS {
	if _, err := fs.Stat(fsys, path.Join(FontDir, fonts.Table)); err == nil {
		return fsys
	}
	if fallback == nil {
		return handbill.Bundled
	}
	return fallback
}

// confine is the Confine policy: the errors in l that belong to one
// translation's message file are added to broken under its tag; the others
// (the source's, the campaign's) are returned.
func confine(l diag.List, c *campaign.Campaign, cat *messages.Catalog, broken map[string]diag.List) diag.List {
	byFile := map[string]string{}
	for _, loc := range c.Locales {
		if f := cat.File(loc.Tag); f != nil && loc.Tag != c.SourceLocale {
			byFile[f.Path] = loc.Tag
		}
	}
	var global diag.List
	for _, d := range l {
		if t, ok := byFile[d.File]; ok {
			broken[t] = append(broken[t], d)
			continue
		}
		global = append(global, d)
	}
	return global
}

// ErrNotFolder is the error of Folder for a path that is not a folder.
var ErrNotFolder = errors.New("expected a campaign folder")

// Folder is the campaign folder dir as a file system that nothing read
// through it can leave: a symbolic link out of the folder fails to open
// (os.Root), as ../ and absolute paths are refused by name. It falls back
// to os.DirFS where the folder cannot be opened as a root, so that the
// error comes from the first read, with its file name. An empty dir is the
// bundled campaign.
func Folder(dir string) (fs.FS, error) {
	if dir == "" {
		return handbill.Bundled, nil
	}
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotFolder)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return os.DirFS(dir), nil
	}
	return root.FS(), nil // open for the life of the process, as the campaign is
}
