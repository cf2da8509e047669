package testtool

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/handbill/handbill"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/fonts"
)

// dramaRanges are number ranges Ofcom keeps for drama: real in form,
// valid to libphonenumber, never connected. Each holds 1,000 numbers, the
// last three digits. (Ofcom's 01632 960 and 07700 900 ranges are not
// valid numbers to libphonenumber, so campaign refuses them.)
var dramaRanges = []string{"0113 496 0", "0114 496 0", "0116 496 0", "0117 496 0", "0118 496 0",
	"0121 496 0", "0131 496 0", "0141 496 0", "0151 496 0", "0161 496 0", "020 7946 0", "0191 498 0", "029 2018 0", "0808 157 0"}

// areaNames make made-up area names: a direction and a place.
var (
	areaSides  = []string{"North", "South", "East", "West", "Mid"}
	areaPlaces = []string{"Ashby", "Brent", "Colne", "Dene", "Eden", "Frome", "Garth", "Hale", "Irwell"}
)

// NationalArea is area i (from 0) of the national test campaign: its id,
// name, place (data.Area), force and helpline number (from the drama
// ranges). Places are as short as the bundled "Cumbria": longer ones
// ("East Brackenfield Police") do not fit the A5 leaflets' footers in
// every locale, as check says.
func NationalArea(i int) (id, name, place, force, number string) {
	place = areaPlaces[i/len(areaSides)%len(areaPlaces)]
	name = areaSides[i%len(areaSides)] + " " + place
	if i >= len(areaSides)*len(areaPlaces) {
		name += fmt.Sprintf(" %d", i/(len(areaSides)*len(areaPlaces))+1)
	}
	id = strings.ReplaceAll(strings.ToLower(name), " ", "-")
	r := dramaRanges[i%len(dramaRanges)]
	return id, name, place, place + " Police", fmt.Sprintf("%s%03d", r, 100+i)
}

// National writes the national test campaign into dir: the bundled
// campaign (campaign.yaml, layouts, locales, logos; the fonts stay the
// bundled ones) and an areas.csv of n made-up areas, each with its own
// force name and support hub number (NationalArea). 45 areas make 45 ×
// 15 locales × 5 layouts × 2 editions = 6,750 PDFs.
func National(dir string, n int) error {
	err := fs.WalkDir(handbill.Bundled, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == fonts.Dir {
			if err == nil {
				err = fs.SkipDir
			}
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dir, p), 0o755)
		}
		data, err := fs.ReadFile(handbill.Bundled, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dir, p), data, 0o644)
	})
	if err != nil {
		return err
	}
	var b strings.Builder
	b.WriteString("id,name,data.Force,data.Area,helplines.hub.number\n")
	for i := range n {
		id, name, place, force, number := NationalArea(i)
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s\n", id, name, force, place, number)
	}
	return os.WriteFile(filepath.Join(dir, campaign.AreasCSV), []byte(b.String()), 0o644)
}
