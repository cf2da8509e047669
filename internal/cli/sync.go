package cli

import (
	"fmt"
	"io"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/handbill/handbill/internal/atomicfile"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/edit"
	"github.com/handbill/handbill/internal/messages"
)

func newLocaleSync(stdout io.Writer) *cobra.Command {
	var cf campaignFlags
	cmd := &cobra.Command{
		Use:   "sync [TAG]...",
		Short: "Bring every translation's messages up to date with the source",
		Long: `sync brings the message files of the campaign's locales (all of them, or
the TAGs named) up to date with the source messages, as goi18n merge does:

  - a message the source gained is added with the source text and hash,
    untranslated (check reports it until it is translated);
  - a message the source no longer has is dropped;
  - a message whose id changed while its source text did not keeps its
    translation and hash under the new id (when its description changed
    too, check then reports it stale, for the translator to read the new
    note);
  - every other translation is kept with its hash, so check still tells
    when its source text changed; its description follows the source's.

A file that needs none of this is left as it is. A file that is rewritten
keeps its format (TOML, JSON or YAML); a TOML file keeps its comments too
(its header, the comments above and inside each message, after a value,
and at the end). JSON has none; a YAML file's are not kept.

Exit codes: 0 done, 2 bad input (a campaign that does not load, an
unknown locale).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLocaleSync(&cf, args, stdout)
		},
	}
	cf.add(cmd)
	return cmd
}

func runLocaleSync(cf *campaignFlags, tags []string, stdout io.Writer) error {
	dir, fsys, err := cf.writableCampaign()
	if err != nil {
		return err
	}
	c, err := campaign.Load(fsys)
	if err != nil {
		return badInput(prefix(err, dir))
	}
	tags, err = syncTags(c, tags)
	if err != nil {
		return badInput(err)
	}
	cat, err := messages.Load(fsys, "locales", c.SourceLocale, tags)
	if err != nil {
		return badInput(prefix(err, dir))
	}
	src := cat.File(c.SourceLocale)
	for _, tag := range tags {
		f := cat.File(tag)
		data, s, err := edit.SyncLocaleFile(src, f, c.ID, strings.TrimPrefix(path.Ext(f.Path), "."))
		if err != nil {
			return fmt.Errorf("locale sync %s: %w", tag, err)
		}
		name := filepath.Join(dir, f.Path)
		if !s.Changed() {
			fmt.Fprintf(stdout, "%s: up to date (%d translations)\n", name, s.Kept)
			continue
		}
		if err := atomicfile.Write(name, data); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: %s\n", name, syncSummary(s))
	}
	return nil
}

// syncTags are the locales sync works on: those named, or every locale of
// the campaign but the source.
func syncTags(c *campaign.Campaign, want []string) ([]string, error) {
	var all []string
	for _, l := range c.Locales {
		if l.Tag != c.SourceLocale {
			all = append(all, l.Tag)
		}
	}
	if len(want) == 0 {
		return all, nil
	}
	for _, t := range want {
		if !slices.Contains(all, t) {
			return nil, diag.Unknown("locale", t, all)
		}
	}
	return want, nil
}

// syncSummary says what sync did to one file.
func syncSummary(s edit.Sync) string {
	var parts []string
	if n := len(s.Added); n > 0 {
		parts = append(parts, fmt.Sprintf("%d added to translate (%s)", n, strings.Join(s.Added, ", ")))
	}
	if n := len(s.Renamed); n > 0 {
		var rs []string
		for _, id := range slices.Sorted(maps.Keys(s.Renamed)) {
			rs = append(rs, s.Renamed[id]+" → "+id)
		}
		parts = append(parts, fmt.Sprintf("%d renamed, translation kept (%s)", n, strings.Join(rs, ", ")))
	}
	if n := len(s.Removed); n > 0 {
		parts = append(parts, fmt.Sprintf("%d removed (%s)", n, strings.Join(s.Removed, ", ")))
	}
	parts = append(parts, fmt.Sprintf("%d kept", s.Kept))
	if s.Notes > 0 {
		parts = append(parts, fmt.Sprintf("%d %s updated", s.Notes, diag.Plural(s.Notes, "note", "notes")))
	}
	return strings.Join(parts, ", ")
}
