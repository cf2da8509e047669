package campaign_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/handbill/handbill/internal/campaign"
)

// loadAreas loads testdata/base with the overlay testdata/areas/NAME.
func loadAreas(t *testing.T, name string) *campaign.Campaign {
	t.Helper()
	dir := t.TempDir()
	copyTree(t, filepath.Join("testdata", "base"), dir)
	copyTree(t, filepath.Join("testdata", "areas", name), dir)
	c, err := campaign.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// payloads are the QR payloads of a campaign's helplines by id.
func payloads(c *campaign.Campaign) map[string]string {
	m := map[string]string{}
	for _, h := range c.Helplines {
		m[h.ID] = h.Payload()
	}
	return m
}

func TestAreasCSV(t *testing.T) {
	c := loadAreas(t, "csv")
	if got := c.AreaIDs(); len(got) != 3 || got[0] != "leeds" || got[2] != "bristol" {
		t.Fatalf("area ids %v", got)
	}
	if c.Area != nil || payloads(c)["police"] != "tel:101" {
		t.Errorf("the campaign itself changed: area %v, police %s", c.Area, payloads(c)["police"])
	}
	b := c.AreaByID("bristol")
	if b.Name != "Bristol, City of" || b.Campaign.Area != b || b.At.File != "areas.csv" || b.At.Line != 4 {
		t.Errorf("bristol = %+v", b)
	}
	if b.Campaign.Data["Force"] != "Avon and Somerset Constabulary" {
		t.Errorf("bristol's Force %q", b.Campaign.Data["Force"])
	}
	want := map[string]string{"police": "tel:01174960789", "childline": "tel:08001111"}
	for id, p := range payloads(b.Campaign) {
		if want[id] != p {
			t.Errorf("bristol %s dials %s, want %s", id, p, want[id])
		}
	}
	if n := b.Campaign.Helplines[1].Number; n != "0117 496 0789" {
		t.Errorf("bristol prints police %q", n)
	}
}

func TestAreasYAML(t *testing.T) {
	c := loadAreas(t, "yaml")
	k := c.AreaByID("north-kerry")
	if k == nil || k.NameMessage == nil || k.NameMessage.ID != "area.north-kerry" || k.Name != "" {
		t.Fatalf("north-kerry = %+v", k)
	}
	if k.Campaign.DataMessages["Force"].ID != "force.kerry" || k.Campaign.Data["Force"] != "" {
		t.Errorf("north-kerry's Force: %v / %q", k.Campaign.DataMessages, k.Campaign.Data["Force"])
	}
	hs := k.Campaign.Helplines
	if len(hs) != 3 || hs[0].ID != "childline" || hs[0].NameMessage != "helpline.ispcc.name" || hs[0].PurposeMessage != "helpline.childline.purpose" || hs[2].ID != "hub" {
		t.Fatalf("north-kerry helplines %+v", hs)
	}
	if hs[0].Payload() != "tel:08081570123" || hs[2].Payload() != "tel:01144960789" || hs[1].Payload() != "tel:101" {
		t.Errorf("north-kerry payloads %v", payloads(k.Campaign))
	}
}

func TestAreaOverridesOneNumber(t *testing.T) {
	c := loadAreas(t, "yaml")
	if l := c.AreaByID("leeds"); len(l.Campaign.Helplines) != 2 || payloads(l.Campaign)["police"] != "tel:01134960123" || payloads(l.Campaign)["childline"] != "tel:08001111" {
		t.Errorf("leeds payloads %v", payloads(l.Campaign))
	}
}

func TestAreaPartners(t *testing.T) {
	c := loadAreas(t, "yaml")
	k, l := c.AreaByID("north-kerry"), c.AreaByID("leeds")
	if len(k.Campaign.Partners) != 1 || k.Campaign.Partners[0].Alt != "force.kerry" || k.Campaign.Partners[0].For("en-GB") == nil {
		t.Errorf("north-kerry partners %+v", k.Campaign.Partners)
	}
	if len(l.Campaign.Partners) != 0 || len(c.Partners) != 0 {
		t.Errorf("leeds has partners %+v; the campaign %+v", l.Campaign.Partners, c.Partners)
	}
}

// TestAreaHelplineURL checks an area overrides a helpline's web address
// or gives one to a helpline that has none, and that the others keep the
// campaign's.
func TestAreaHelplineURL(t *testing.T) {
	c := loadAreas(t, "url")
	urls := func(c *campaign.Campaign) map[string]string {
		m := map[string]string{}
		for _, h := range c.Helplines {
			m[h.ID] = h.URL + " " + h.WebLabel()
		}
		return m
	}
	const childline = "https://www.childline.org.uk/ www.childline.org.uk"
	for _, tc := range []struct {
		area              string
		childline, police string
	}{
		{"", childline, " "},
		{"kerry", "https://kerry.example.org/childline kerry.example.org/childline", " "},
		{"leeds", childline, "https://leeds.example.org/ leeds.example.org"},
		{"york", childline, " "},
	} {
		cc := c
		if tc.area != "" {
			cc = c.AreaByID(tc.area).Campaign
		}
		got := urls(cc)
		if got["childline"] != tc.childline || got["police"] != tc.police {
			t.Errorf("area %q: helpline web addresses %q, want childline %q, police %q", tc.area, got, tc.childline, tc.police)
		}
	}
}
