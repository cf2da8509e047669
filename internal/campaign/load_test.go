package campaign

import (
	"math"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbill/handbill/internal/geom"
)

func TestLoadBundledCampaign(t *testing.T) {
	c, err := Load(os.DirFS("../.."))
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != "sexting" || c.SourceLocale != "en-GB" || len(c.Helplines) != 3 || len(c.Layouts) != 5 {
		t.Fatalf("campaign = %+v", c)
	}
	want := map[string]string{"police": "tel:101", "hub": "tel:03332401727", "childline": "tel:08001111"}
	for _, h := range c.Helplines {
		if h.Payload() != want[h.ID] {
			t.Errorf("%s payload %s, want %s", h.ID, h.Payload(), want[h.ID])
		}
	}
	sizes := map[string][2]float64{"poster-a4": {210, 297}, "poster-a3": {297, 420}, "leaflet-a5": {148, 210}, "leaflet-dl": {297, 210}, "leaflet-a5-bifold": {297, 210}}
	for _, l := range c.Layouts {
		s, ok := sizes[l.Name]
		if !ok {
			t.Errorf("unexpected layout %s", l.Name)
			continue
		}
		if math.Abs(l.Size.W.MM()-s[0]) > 0.01 || math.Abs(l.Size.H.MM()-s[1]) > 0.01 {
			t.Errorf("%s size %v×%v mm", l.Name, l.Size.W.MM(), l.Size.H.MM())
		}
	}
	a4, a3 := c.Layouts[0], c.Layouts[1]
	if a3.QRModule != 1*geom.MM || a4.QRModule != 0.7*geom.MM {
		t.Errorf("qr modules %v %v", a3.QRModule, a4.QRModule)
	}
}

// A layout that extends another and sets a larger size of the same
// proportions scales every box and type size by the ratio of the widths
// (the bundled A3 has a hierarchy of its own, so a fixture shows it).
func TestExtendsScales(t *testing.T) {
	fsys := baseFS(t)
	fsys["layouts/big.yaml"] = &fstest.MapFile{Data: []byte("extends: card.yaml\nsize: A4\n")}
	fsys["campaign.yaml"].Data = []byte(strings.Replace(string(fsys["campaign.yaml"].Data), "  - card\n", "  - card\n  - big\n", 1))
	c, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Layouts) != 2 {
		t.Fatalf("%d layouts, want card and big", len(c.Layouts))
	}
	small, big := c.Layouts[0], c.Layouts[1]
	k := float64(big.Size.W / small.Size.W)
	if got := float64(big.Pages[0].Blocks[1].Box.W / small.Pages[0].Blocks[1].Box.W); math.Abs(got-k) > 1e-9 {
		t.Errorf("box not scaled: ratio %v want %v", got, k)
	}
	if big.Type[Heading].Max != small.Type[Heading].Max*geom.Pt(k) {
		t.Errorf("type not scaled: %v, want %v", big.Type[Heading].Max, small.Type[Heading].Max*geom.Pt(k))
	}
}
