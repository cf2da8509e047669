package campaign

import (
	"encoding/binary"
	"fmt"
	"io/fs"
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

// intentYAML claims SWOP (CGATS TR 001 in the ICC registry), the condition
// Ghostscript's CMYK profile describes itself as ("Artifex CMYK SWOP
// Profile").
const intentYAML = "print:\n  output_intent:\n    profile: assets/press.icc\n    condition: CGATS TR 001\n    info: SWOP (CGATS TR 001)\nemergency:"

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
	if o.Profile != "assets/press.icc" || o.Condition != "CGATS TR 001" || !o.Registry || o.Info != "SWOP (CGATS TR 001)" || len(o.Data) != len(cmyk) || len(o.Sum) != 64 {
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
	// Cut short with its header patched to the new size: the tags that
	// were cut off point past the end.
	cut := append([]byte(nil), cmyk[:len(cmyk)/2]...)
	binary.BigEndian.PutUint32(cut[0:4], uint32(len(cut)))
	// A grid of 0 points (Ghostscript then reports "error executing PDF
	// token" drawing through the profile) and a table for RGB, not CMYK.
	noGrid := patchTag(t, cmyk, "A2B0", 10, 0)
	rgbIn := patchTag(t, cmyk, "A2B0", 8, 3)
	cases := []struct {
		name, yaml string
		data       []byte
		want       string
	}{
		{"no colour grid", intentYAML, noGrid, "assets/press.icc: expected tag 'A2B0' to have a colour grid of at least 2 points a side, found 0"},
		{"a table from RGB", intentYAML, rgbIn, "assets/press.icc: expected tag 'A2B0' to map 4 channels to 3, found 3 to 3"},
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
		{"a registry condition the profile does not name", strings.Replace(intentYAML, "CGATS TR 001", "FOGRA39", 1), cmyk,
			`campaign.yaml:22:14: print.output_intent.profile: assets/press.icc: expected a profile for FOGRA39, whose description or characterisation names it, found one described as "Artifex CMYK SWOP Profile"`},
		{"cut short, header patched", intentYAML, cut, "assets/press.icc: expected tag 'B2A0' inside the profile's"},
		{"custom without info", strings.Replace(strings.Replace(intentYAML, "CGATS TR 001", "custom", 1), "    info: SWOP (CGATS TR 001)\n", "", 1), cmyk,
			`print.output_intent.info: expected a description of the printing condition "custom", which is not in the ICC registry`},
		{"no condition", strings.Replace(intentYAML, "    condition: CGATS TR 001\n", "", 1), cmyk,
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

// patchTag returns a copy of profile with byte at of tag sig set to v.
func patchTag(t *testing.T, profile []byte, sig string, at int, v byte) []byte {
	t.Helper()
	p := append([]byte(nil), profile...)
	for i := range int(binary.BigEndian.Uint32(p[128:132])) {
		e := p[132+12*i:]
		if string(e[0:4]) == sig {
			p[int(binary.BigEndian.Uint32(e[4:8]))+at] = v
			return p
		}
	}
	t.Fatalf("the profile has no tag '%s'", sig)
	return nil
}

// TestOutputIntentLayout: a layout's output intent replaces the campaign's.
func TestOutputIntentLayout(t *testing.T) {
	m := baseFS(t)
	m["assets/press.icc"] = &fstest.MapFile{Data: profile(t, gsCMYK)}
	edit(t, m, "layouts/card.yaml", "pages:", "print: {output_intent: {profile: assets/press.icc, condition: custom, info: the shop's own press}}\npages:")
	c, err := Load(m)
	if err != nil {
		t.Fatal(err)
	}
	if c.Print.OutputIntent != nil {
		t.Error("the campaign got the layout's output intent")
	}
	if o := c.Layouts[0].Print.OutputIntent; o == nil || o.Condition != "custom" || o.Registry || len(o.Data) == 0 {
		t.Errorf("layout output intent %+v", o)
	}
}

// TestOutputIntentFile: the profile must be a regular file of at most
// 64 MB.
func TestOutputIntentFile(t *testing.T) {
	for _, tc := range []struct {
		name string
		file *fstest.MapFile
		want string
	}{
		{"a folder", &fstest.MapFile{Mode: fs.ModeDir}, "cannot read the ICC profile assets/press.icc: expected a regular file, found a d"},
		{"too large", &fstest.MapFile{Data: []byte("x"), Sys: int64(maxProfile + 1)}, "expected a profile of at most 64 MB, found 64 MB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := baseFS(t)
			m["assets/press.icc"] = tc.file
			edit(t, m, "campaign.yaml", "emergency:", intentYAML)
			_, err := Load(sizedFS{m})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// sizedFS is a MapFS whose files say the size in their Sys field (an
// int64), so a test need not hold 64 MB.
type sizedFS struct{ fstest.MapFS }

func (f sizedFS) Stat(name string) (fs.FileInfo, error) {
	st, err := fs.Stat(f.MapFS, name)
	if err != nil {
		return nil, err
	}
	if n, ok := f.MapFS[name].Sys.(int64); ok {
		return sizedInfo{st, n}, nil
	}
	return st, nil
}

type sizedInfo struct {
	fs.FileInfo
	size int64
}

func (i sizedInfo) Size() int64 { return i.size }

// TestTargetName: a characterisation target tag is a reference, read as
// it is, or measurement data in CGATS.17 text (as Argyll's colprof embeds
// it), named by its DESCRIPTOR; its measurements are never matched or
// quoted.
func TestTargetName(t *testing.T) {
	data := "CTI3\r\n\r\nORIGINATOR \"Fogra, www.fogra.org\"\r\nDESCRIPTOR \"FOGRA39L\"\r\nNUMBER_OF_FIELDS 11\r\n" +
		"BEGIN_DATA_FORMAT\r\nSAMPLE_ID CMYK_C CMYK_M CMYK_Y CMYK_K XYZ_X XYZ_Y XYZ_Z LAB_L LAB_A LAB_B\r\nEND_DATA_FORMAT\r\n" +
		"BEGIN_DATA\r\n1 0 0 0 0 84.48 87.62 74.57 95.00 0.00 -2.00\r\nEND_DATA\r\n"
	for _, tc := range []struct{ tag, want string }{
		{"FOGRA39", "FOGRA39"},
		{"CGATS TR 001", "CGATS TR 001"},
		{data, "FOGRA39L"},
		{strings.Replace(data, "DESCRIPTOR \"FOGRA39L\"\r\n", "", 1), ""},
		{"", ""},
	} {
		if got := targetName(tc.tag); got != tc.want {
			t.Errorf("targetName(%.30q) = %q, want %q", tc.tag, got, tc.want)
		}
	}
	p := &iccProfile{description: "Press 7", target: targetName(data)}
	if !p.names("FOGRA39") || p.names("FOGRA51") || p.names("CGATS TR 001") {
		t.Errorf("a profile of FOGRA39L data: names FOGRA39 %v, FOGRA51 %v, CGATS TR 001 %v", p.names("FOGRA39"), p.names("FOGRA51"), p.names("CGATS TR 001"))
	}
}

// TestCheckLUTVersion4: a version 4 table (lutAtoBType) needs its B
// curves and every element it names inside the tag.
func TestCheckLUTVersion4(t *testing.T) {
	tag := func(offsets ...uint32) []byte {
		b := make([]byte, 64)
		copy(b, "mAB ")
		b[8], b[9] = 4, 3
		for i, o := range offsets {
			binary.BigEndian.PutUint32(b[12+4*i:], o)
		}
		return b
	}
	for _, tc := range []struct {
		name string
		t    []byte
		want string
	}{
		{"B curves only", tag(32), ""},
		{"B curves, grid and A curves", tag(32, 0, 0, 40, 48), ""},
		{"no B curves", tag(0, 0, 0, 40, 48), "expected tag 'A2B0' to have B curves, found none"},
		{"grid past the end", tag(32, 0, 0, 64), "expected tag 'A2B0''s colour grid inside it, found them at byte 64 of 64"},
	} {
		err := checkLUT("A2B0", tc.t, 4, 3)
		if got := fmt.Sprint(err); (tc.want == "" && err != nil) || (tc.want != "" && got != tc.want) {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
}
