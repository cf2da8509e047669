package build

// Incremental builds: each output's inputs are hashed into one key, the
// manifest records it (Output.Inputs), and a later build into the folder
// keeps an output whose key, and whose file, are unchanged instead of
// composing and writing it again (Output.Reused). The key covers
// everything a document is made from:
//
//   - the program: the running executable's bytes (the bundled fonts,
//     layouts and code are in it) and the creator string;
//   - the campaign as the pair's area prints it: the resolved campaign,
//     its layouts (their artwork by content hash) and the area, as JSON,
//     so that changing one area's row changes only that area's keys;
//   - the pair's layout, resolved, as JSON;
//   - the locale's messages and the source's (fallbacks, pseudo-locales);
//   - the campaign's own font files, when it has a font table;
//   - the layout, locale and edition, and the options that change a file:
//     date, fallbacks, preview width.

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/fonts"
	"github.com/handbill/handbill/internal/messages"
)

// inputs holds the hashes shared by the keys of a build.
type inputs struct {
	base      [sha256.Size]byte // program, options, fonts
	campaigns map[*campaign.Area][sha256.Size]byte
	layouts   map[*campaign.Layout][sha256.Size]byte
	locales   map[string][sha256.Size]byte
}

// newInputs hashes what the pairs of a build are made from.
func newInputs(c *campaign.Campaign, cat *messages.Catalog, cmps map[*campaign.Area]*compose.Composer, pairs []Pair, opt Options) (*inputs, error) {
	in := &inputs{campaigns: map[*campaign.Area][sha256.Size]byte{}, layouts: map[*campaign.Layout][sha256.Size]byte{}, locales: map[string][sha256.Size]byte{}}
	base, err := baseHash(c, opt)
	if err != nil {
		return nil, err
	}
	in.base = base
	for a, cmp := range cmps {
		js, err := json.Marshal(cmp.Campaign)
		if err != nil {
			return nil, fmt.Errorf("input hash: %w", err)
		}
		in.campaigns[a] = sha256.Sum256(js)
	}
	for _, p := range pairs {
		if _, ok := in.layouts[p.Layout]; !ok {
			// The pair's own layout: a caller may build one the campaign
			// does not list, under a listed name.
			js, err := json.Marshal(p.Layout)
			if err != nil {
				return nil, fmt.Errorf("input hash: %w", err)
			}
			in.layouts[p.Layout] = sha256.Sum256(js)
		}
		if _, ok := in.locales[p.Locale]; ok {
			continue
		}
		h := sha256.New()
		for _, tag := range []string{c.SourceLocale, p.Locale} {
			if err := hashMessages(h, cat.File(tag)); err != nil {
				return nil, fmt.Errorf("input hash: %w", err)
			}
		}
		var sum [sha256.Size]byte
		copy(sum[:], h.Sum(nil))
		in.locales[p.Locale] = sum
	}
	return in, nil
}

// key is the hash of the inputs of one edition of a pair.
func (in *inputs) key(p Pair, ed edition.Edition) string {
	h := sha256.New()
	c, lay, l := in.campaigns[p.Area], in.layouts[p.Layout], in.locales[p.Locale]
	fmt.Fprintf(h, "%x %x %x %x %q %q %q", in.base, c, lay, l, p.Layout.Name, p.Locale, ed)
	return hex.EncodeToString(h.Sum(nil))
}

// hashMessages adds a locale's messages to h, as the catalog holds them
// (nothing for a locale without a file of its own, as a pseudo-locale).
func hashMessages(h hash.Hash, f *messages.File) error {
	if f == nil {
		return nil
	}
	js, err := json.Marshal(f.Messages)
	if err != nil {
		return err
	}
	fmt.Fprintf(h, "%s %d\n", f.Tag, len(js))
	h.Write(js)
	return nil
}

// hashFonts adds the campaign's own font files to h, when it has a font
// table; the bundled fonts are part of the executable.
func hashFonts(h hash.Hash, fsys fs.FS) error {
	if _, err := fs.Stat(fsys, path.Join(fonts.Dir, fonts.Table)); err != nil {
		return nil
	}
	return fs.WalkDir(fsys, fonts.Dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := fsys.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		fmt.Fprintf(h, "%s\n", name)
		_, err = io.Copy(h, f)
		return err
	})
}

// hashBrandType adds the font files of the brand's type to h: the
// campaign names them, and their content is an input as the font table's
// files are. A family of the font table is hashed with the table.
func hashBrandType(h hash.Hash, fsys fs.FS, ts []campaign.BrandType) error {
	for _, t := range ts {
		for _, s := range []string{t.Regular.V, t.Bold.V} {
			b, err := fs.ReadFile(fsys, s)
			switch {
			case s == "" || errors.Is(err, fs.ErrNotExist):
				continue // none, or a family of the font table
			case err != nil:
				return err
			}
			fmt.Fprintf(h, "brand %s %s %d\n", t.Role, s, len(b))
			h.Write(b)
		}
	}
	return nil
}

var exe struct {
	once sync.Once
	sum  [sha256.Size]byte
	err  error
}

// executableHash is the hash of the running program's file, computed once.
func executableHash() ([sha256.Size]byte, error) {
	exe.once.Do(func() {
		name, err := os.Executable()
		if err != nil {
			exe.err = err
			return
		}
		f, err := os.Open(name)
		if err != nil {
			exe.err = err
			return
		}
		defer f.Close()
		h := sha256.New()
		if _, exe.err = io.Copy(h, f); exe.err == nil {
			copy(exe.sum[:], h.Sum(nil))
		}
	})
	return exe.sum, exe.err
}

// reusable splits the editions of a pair into the outputs an earlier build
// left that this one keeps (inputs and file unchanged) and the editions to
// build. With force, every edition is built.
func (f *folder) reusable(p Pair, eds []edition.Edition, keys map[edition.Edition]string, campaign string, previews int, force bool) ([]outcome, []edition.Edition) {
	if force || f.prev == nil {
		return nil, eds
	}
	var kept []outcome
	var todo []edition.Edition
	for _, ed := range eds {
		rec, ok := f.prevFiles[FileName(campaign, p, ed)]
		if !ok || rec.Inputs != keys[ed] || rec.Stale || !f.intact(rec, previews) {
			todo = append(todo, ed)
			continue
		}
		rec.Reused = true
		kept = append(kept, outcome{out: &rec})
	}
	return kept, todo
}

// intact says whether an earlier build's output is in the folder as it
// recorded it: the file with its size, unchanged since that build wrote
// its manifest (folder.sum), and its previews when asked for.
func (f *folder) intact(rec Output, previews int) bool {
	st, err := os.Stat(filepath.Join(f.dir, rec.Path))
	if err != nil || !st.Mode().IsRegular() || st.Size() != int64(rec.Bytes) || st.ModTime().After(f.prevTime) {
		return false
	}
	if previews > 0 && (len(rec.Previews) != rec.Pages || len(f.present(rec.Previews)) != rec.Pages) {
		return false
	}
	return true
}

// baseHash is the hash of what every document of a build shares: the
// program, the options that change a file, the campaign's own font files
// and its brand's type.
func baseHash(c *campaign.Campaign, opt Options) ([sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	exe, err := executableHash()
	if err != nil {
		return sum, fmt.Errorf("input hash: %w", err)
	}
	h := sha256.New()
	fmt.Fprintf(h, "exe %x\ncreator %q\ndate %s\nfallback %t\npreviews %d\n", exe, opt.Creator, opt.Date.UTC().Format("2006-01-02T15:04:05Z"), opt.AllowFallback, opt.Previews)
	if err := hashFonts(h, c.FS); err != nil {
		return sum, fmt.Errorf("input hash: %w", err)
	}
	if err := hashBrandType(h, c.FS, c.Brand.Type); err != nil {
		return sum, fmt.Errorf("input hash: %w", err)
	}
	copy(sum[:], h.Sum(nil))
	return sum, nil
}

// CampaignKeys key the documents of each area of campaign c, in every
// layout, locale and edition, for the site export: what the areas share
// (baseHash, and every locale's messages) is hashed once, when the keys
// are made, so each area's key costs only its own campaign.
type CampaignKeys struct {
	shared [sha256.Size]byte
}

// NewCampaignKeys hashes what the areas of c share.
func NewCampaignKeys(c *campaign.Campaign, cat *messages.Catalog, opt Options) (*CampaignKeys, error) {
	base, err := baseHash(c, opt)
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	h.Write(base[:])
	for _, tag := range append([]string{c.SourceLocale}, c.Tags()...) {
		if err := hashMessages(h, cat.File(tag)); err != nil {
			return nil, fmt.Errorf("input hash: %w", err)
		}
	}
	k := &CampaignKeys{}
	copy(k.shared[:], h.Sum(nil))
	return k, nil
}

// Key is the hash of everything the documents of area campaign a (an
// area's own campaign, or c itself) are made from: what the areas share
// and a resolved with its layouts. The site export keys each area's part
// of the site with it, so that an export after one area's row changed
// makes only that area's pages again.
func (k *CampaignKeys) Key(a *campaign.Campaign) (string, error) {
	js, err := json.Marshal(a)
	if err != nil {
		return "", fmt.Errorf("input hash: %w", err)
	}
	h := sha256.New()
	h.Write(k.shared[:])
	fmt.Fprintf(h, "campaign %d\n", len(js))
	h.Write(js)
	return hex.EncodeToString(h.Sum(nil)), nil
}
