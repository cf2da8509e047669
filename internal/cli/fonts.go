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
languages: entry, or the chain of its script), then the fallback. The
brand's type (brand: type: in campaign.yaml) is listed with the scripts it
draws; a locale written in one of them sets its headings or body text in
it first.

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
	printBrand(w, reg)
	fmt.Fprintf(w, "locales (each character is drawn by the first family of the chain that has it):\n")
	for _, l := range ld.Locales {
		script, _ := language.Make(l.Tag).Script()
		chain, from := reg.Chain(l.Tag, script.String())
		ids := familyIDs(chain)
		if from == "" {
			ids, from = []string{"(none)"}, "no languages: or scripts: entry"
		}
		fmt.Fprintf(w, "  %-8s %-5s %s; fallback %s  (%s)%s\n", l.Tag, script, strings.Join(ids, " → "), strings.Join(familyIDs(reg.Fallback()), " → "), from, brandFirst(reg, l.Tag))
	}
}

func familyIDs(fs []*fonts.Family) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = f.ID
	}
	return out
}

// printBrand lists the brand's type: each role's family, its files and
// the scripts it draws.
func printBrand(w io.Writer, reg *fonts.Registry) {
	brand := reg.Brand()
	if len(brand) == 0 {
		return
	}
	fmt.Fprintf(w, "brand type (campaign.yaml brand: type:), first in the locales of the scripts it draws:\n")
	for _, role := range []string{fonts.BrandHeading, fonts.BrandBody} {
		if f := brand[role]; f != nil {
			fmt.Fprintf(w, "  %-8s %-15s %-26s %s  (%s)\n", role, f.ID, f.Name, strings.Join(f.BrandScripts(), ", "), strings.Join(f.Files(), ", "))
		}
	}
}

// brandFirst says which roles of a locale the brand's families come
// first in, or "".
func brandFirst(reg *fonts.Registry, tag string) string {
	var roles []string
	for _, role := range []string{fonts.BrandHeading, fonts.BrandBody} {
		if f := reg.BrandFor(tag, role); f != nil {
			roles = append(roles, role+" "+f.ID)
		}
	}
	if len(roles) == 0 {
		return ""
	}
	return "; brand first: " + strings.Join(roles, ", ")
}
