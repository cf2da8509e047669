package cli

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/text/language"

	"github.com/handbill/handbill/internal/fonts"
	"github.com/handbill/handbill/internal/loader"
)

func newFonts(stdout io.Writer) *cobra.Command {
	var cf campaignFlags
	cmd := &cobra.Command{
		Use:   "fonts",
		Short: "List the font families, the scripts each serves and each locale's chain",
		Long: `fonts shows what draws each language of the campaign: the font table's
families (the campaign's own assets/fonts/fonts.yaml, or handbill's bundled
fonts when it has none), the scripts each family serves, and for each
locale the chain of families tried in turn for every character (its own
languages: entry, or the chain of its script), then the fallback.

Exit codes: 0 listed, 2 bad input (a campaign or font table that does not
load).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ld, err := cf.open(loader.Report)
			if err != nil {
				return err
			}
			printFonts(stdout, ld, cf.dir)
			return nil
		},
	}
	cf.add(cmd)
	return cmd
}

func printFonts(w io.Writer, ld *loader.Campaign, dir string) {
	reg := ld.Fonts
	table := "handbill's bundled fonts"
	if fsys, err := loader.Folder(dir); err == nil && dir != "" && loader.FontFS(fsys, nil) == fsys {
		table = loader.FontDir + "/" + fonts.Table + " of " + dir
	}
	fams := reg.Families()
	fmt.Fprintf(w, "font table: %s, %d families (and the scripts, languages and fallback each serves):\n", table, len(fams))
	serves := map[string][]string{}
	scripts := reg.Scripts()
	for _, s := range slices.Sorted(maps.Keys(scripts)) {
		for _, f := range scripts[s] {
			serves[f.ID] = append(serves[f.ID], s)
		}
	}
	langs := reg.Languages()
	for _, t := range slices.Sorted(maps.Keys(langs)) {
		for _, f := range langs[t] {
			serves[f.ID] = append(serves[f.ID], "lang "+t)
		}
	}
	for _, f := range reg.Fallback() {
		serves[f.ID] = append(serves[f.ID], "fallback")
	}
	for _, f := range fams {
		fmt.Fprintf(w, "  %-24s %-26s %s\n", f.ID, f.Name, strings.Join(serves[f.ID], ", "))
	}
	fmt.Fprintf(w, "locales (each character is drawn by the first family of the chain that has it):\n")
	for _, l := range ld.Locales {
		script, _ := language.Make(l.Tag).Script()
		chain, from := reg.Chain(l.Tag, script.String())
		ids := familyIDs(chain)
		if from == "" {
			ids, from = []string{"(none)"}, "no languages: or scripts: entry"
		}
		fmt.Fprintf(w, "  %-8s %-5s %s; fallback %s  (%s)\n", l.Tag, script, strings.Join(ids, " → "), strings.Join(familyIDs(reg.Fallback()), " → "), from)
	}
}

func familyIDs(fs []*fonts.Family) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.ID
	}
	return out
}
