package campaign

import (
	"math"
	"os"
	"testing"

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
	k := float64(a3.Size.W / a4.Size.W)
	if got := float64(a3.Pages[0].Blocks[1].Box.W / a4.Pages[0].Blocks[1].Box.W); math.Abs(got-k) > 1e-9 {
		t.Errorf("A3 box not scaled from A4: ratio %v want %v", got, k)
	}
	if a3.Type[Heading].Max != a4.Type[Heading].Max*geom.Pt(k) {
		t.Errorf("A3 type not scaled")
	}
	if a3.QRModule != 1*geom.MM || a4.QRModule != 0.7*geom.MM {
		t.Errorf("qr modules %v %v", a3.QRModule, a4.QRModule)
	}
}
