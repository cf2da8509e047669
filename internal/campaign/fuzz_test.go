package campaign

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbill/handbill/internal/diag"
)

// FuzzLoad: no campaign.yaml and layout, however broken or hostile,
// panics campaign loading; it gives a campaign or errors, each at a
// position inside the file it names. Seeded with the bad-input base
// campaign (testdata/base, written for the tests) and the bundled one.
func FuzzLoad(f *testing.F) {
	read := func(p ...string) []byte {
		data, err := os.ReadFile(filepath.Join(p...))
		if err != nil {
			f.Fatal(err)
		}
		return data
	}
	base := read("testdata", "base", "campaign.yaml")
	card := read("testdata", "base", "layouts", "card.yaml")
	f.Add(base, card)
	f.Add(read("..", "..", "campaign.yaml"), read("..", "..", "layouts", "poster-a4.yaml"))
	f.Add(base, []byte("extends: card\n"))
	f.Add([]byte("id: x\nlayouts: [card]\nhelplines: [{id: a, number: '0800 1111'}]\n"), card)
	f.Fuzz(func(t *testing.T, campaignYAML, layoutYAML []byte) {
		fsys := fstest.MapFS{
			"campaign.yaml":     {Data: campaignYAML},
			"layouts/card.yaml": {Data: layoutYAML},
		}
		c, err := Load(fsys)
		if err == nil {
			if c == nil {
				t.Fatal("no campaign and no error")
			}
			return
		}
		lines := map[string]int{"campaign.yaml": lineBound(campaignYAML), "layouts/card.yaml": lineBound(layoutYAML)}
		for _, d := range diag.AsList(err) {
			if n, ok := lines[d.File]; ok && d.Line > n {
				t.Errorf("diagnostic past the end of %s (%d lines): %v", d.File, n, d)
			}
		}
	})
}

// lineBound is an upper bound of the lines of a YAML file: any of CR, LF,
// NEL, LS and PS may end a line.
func lineBound(src []byte) int {
	n := 2
	for _, r := range string(src) {
		if strings.ContainsRune("\r\n\u0085\u2028\u2029", r) {
			n++
		}
	}
	return n
}
