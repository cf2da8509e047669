package campaign

import (
	"encoding/binary"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbill/handbill/internal/diag"
)

// Ghostscript's profiles (Debian package libgs-common, installed with
// ghostscript; AGPL, so they are read where installed, never committed):
// a CMYK output profile and an RGB display profile.
const (
	gsCMYK = "/usr/share/color/icc/ghostscript/default_cmyk.icc"
	gsRGB  = "/usr/share/color/icc/ghostscript/default_rgb.icc"
)

// profile reads one of Ghostscript's profiles, skipping the test when it is
// not installed (failing with HANDBILL_REQUIRE_TOOLS=1, as testtool.Need).
func profile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("HANDBILL_REQUIRE_TOOLS") == "1" {
			t.Fatalf("%v (install ghostscript, see .ci/run)", err)
		}
		t.Skipf("%v; install ghostscript (see .ci/run) to run this test", err)
	}
	return data
}

const intentYAML = "print:\n  output_intent:\n    profile: assets/press.icc\n    condition: FOGRA39\n    info: Coated FOGRA39 (ISO 12647-2:2004)\nemergency:"

func TestOutputIntent(t *testing.T) {
	m := baseFS(t)
	cmyk := profile(t, gsCMYK)
	m["assets/press.icc"] = &fstest.MapFile{Data: cmyk}
	edit(t, m, "campaign.yaml", "emergency:", intentYAML)
	c, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	o := c.Layouts[0].Print.OutputIntent
	if o == nil {
		t.Fatal("no output intent on the layout")
	}
	if o.Profile != "assets/press.icc" || o.Condition != "FOGRA39" || o.Info != "Coated FOGRA39 (ISO 12647-2:2004)" || len(o.Data) != len(cmyk) || len(o.Sum) != 64 {
		t.Errorf("output intent %+v", o)
	}

	// Without one, the print edition has none.
	c, err = Load(baseFS(t))
	if err != nil {
		t.Fatal(err)
	}
	if c.Layouts[0].Print.OutputIntent != nil {
		t.Error("an output intent without print.output_intent")
	}
}

func TestOutputIntentErrors(t *testing.T) {
	cmyk := profile(t, gsCMYK)
	rgb := profile(t, gsRGB)
	short := append([]byte(nil), cmyk...)
	binary.BigEndian.PutUint32(short[0:4], uint32(len(cmyk)+10))
	v3 := append([]byte(nil), cmyk...)
	v3[8] = 3
	cases := []struct {
		name, yaml string
		data       []byte
		want       string
	}{
		{"rgb display profile", intentYAML, rgb,
			`campaign.yaml:22:14: print.output_intent.profile: assets/press.icc: expected a CMYK output profile (device class 'prtr', colour space 'CMYK'), found class 'mntr' and colour space 'RGB'`},
		{"not a profile", intentYAML, []byte("%PDF-1.7 not a profile at all"),
			`campaign.yaml:22:14: print.output_intent.profile: assets/press.icc: expected an ICC profile (a 128-byte header with the signature 'acsp'), found 29 bytes without it`},
		{"truncated", intentYAML, short, "assets/press.icc: expected an ICC profile of the"},
		{"version 3", intentYAML, v3, "assets/press.icc: expected an ICC profile of version 2 or 4, found version 3"},
		{"missing file", strings.Replace(intentYAML, "press.icc", "presss.icc", 1), cmyk,
			`campaign.yaml:22:14: print.output_intent.profile: cannot read the ICC profile assets/presss.icc`},
		{"outside the folder", strings.Replace(intentYAML, "assets/press.icc", "../press.icc", 1), cmyk,
			`print.output_intent.profile: expected a profile file inside the campaign folder, like "assets/FOGRA39.icc", found "../press.icc"`},
		{"absolute", strings.Replace(intentYAML, "assets/press.icc", gsCMYK, 1), cmyk,
			`expected a profile file inside the campaign folder`},
		{"no condition", strings.Replace(intentYAML, "    condition: FOGRA39\n", "", 1), cmyk,
			`print.output_intent.condition: expected the output condition the profile characterises, like "condition: FOGRA39", found none`},
		{"no profile", strings.Replace(intentYAML, "    profile: assets/press.icc\n", "", 1), cmyk,
			`print.output_intent.profile: expected the print shop's ICC output profile`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := baseFS(t)
			m["assets/press.icc"] = &fstest.MapFile{Data: tc.data}
			edit(t, m, "campaign.yaml", "emergency:", tc.yaml)
			_, err := Load(m)
			if err == nil {
				t.Fatal("loaded")
			}
			var got []string
			for _, d := range diag.AsList(err) {
				got = append(got, d.Error())
			}
			if !strings.Contains(strings.Join(got, "\n"), tc.want) {
				t.Errorf("no diagnostic contains\n%s\ngot:\n%s", tc.want, strings.Join(got, "\n"))
			}
		})
	}
}

// TestOutputIntentLayout: a layout's output intent replaces the campaign's.
func TestOutputIntentLayout(t *testing.T) {
	m := baseFS(t)
	m["assets/press.icc"] = &fstest.MapFile{Data: profile(t, gsCMYK)}
	edit(t, m, "layouts/card.yaml", "pages:", "print: {output_intent: {profile: assets/press.icc, condition: FOGRA51}}\npages:")
	c, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	if c.Print.OutputIntent != nil {
		t.Error("the campaign got the layout's output intent")
	}
	if o := c.Layouts[0].Print.OutputIntent; o == nil || o.Condition != "FOGRA51" || len(o.Data) == 0 {
		t.Errorf("layout output intent %+v", o)
	}
}
