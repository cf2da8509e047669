package build_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"

	"github.com/handbill/handbill"
	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/fonts"
	"github.com/handbill/handbill/internal/messages"
	"github.com/handbill/handbill/internal/testtool"
	"github.com/handbill/handbill/internal/typeset"
)

// pdfObjects is a PDF as qpdf --json reads it: every object (the latest
// version of each), streams decoded, and the trailer.
type pdfObjects struct {
	objs    map[string]map[string]any // "7 0 R" → {"value": …} or {"stream": {"dict", "data"}}
	trailer map[string]any
}

func readObjects(t *testing.T, path string) *pdfObjects {
	t.Helper()
	out, err := exec.Command("qpdf", "--json", "--json-stream-data=inline", "--decode-level=generalized", path, "-").Output()
	if err != nil {
		t.Fatalf("qpdf --json %s: %v", path, err)
	}
	var doc struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	var objs map[string]map[string]any
	if err := json.Unmarshal(out, &doc); err != nil || len(doc.QPDF) < 2 {
		t.Fatalf("qpdf --json %s: %v", path, err)
	}
	if err := json.Unmarshal(doc.QPDF[1], &objs); err != nil {
		t.Fatalf("qpdf --json %s: %v", path, err)
	}
	p := &pdfObjects{objs: map[string]map[string]any{}}
	for k, v := range objs {
		if k == "trailer" {
			p.trailer, _ = v["value"].(map[string]any)
			continue
		}
		p.objs[strings.TrimPrefix(k, "obj:")] = v
	}
	return p
}

// dict returns the dictionary of a reference, or of a stream.
func (p *pdfObjects) dict(v any) map[string]any {
	if r, ok := v.(string); ok {
		o := p.objs[r]
		if d, ok := o["value"].(map[string]any); ok {
			return d
		}
		if s, ok := o["stream"].(map[string]any); ok {
			d, _ := s["dict"].(map[string]any)
			return d
		}
	}
	d, _ := v.(map[string]any)
	return d
}

// data returns a stream's decoded bytes.
func (p *pdfObjects) data(ref any) []byte {
	r, _ := ref.(string)
	s, _ := p.objs[r]["stream"].(map[string]any)
	b, _ := base64.StdEncoding.DecodeString(fmt.Sprint(s["data"]))
	return b
}

func (p *pdfObjects) catalog() map[string]any { return p.dict(p.trailer["/Root"]) }

// each calls f for every object whose dictionary has /Type typ (or, for
// typ "", every dictionary).
func (p *pdfObjects) each(typ string, f func(ref string, d map[string]any)) {
	for r := range p.objs {
		if d := p.dict(r); d != nil && (typ == "" || d["/Type"] == typ) {
			f(r, d)
		}
	}
}

// none returns "" when no object of type typ is bad, else one that is,
// named, with what it lacks.
func (p *pdfObjects) none(typ string, bad func(d map[string]any) bool, lacks string) string {
	found := ""
	p.each(typ, func(r string, d map[string]any) {
		if bad(d) {
			found = r + " " + lacks
		}
	})
	return found
}

func (p *pdfObjects) pages() []map[string]any {
	var out []map[string]any
	for _, k := range p.dict(p.catalog()["/Pages"])["/Kids"].([]any) {
		out = append(out, p.dict(k))
	}
	return out
}

// content returns a page's content stream, decoded.
func (p *pdfObjects) content(pg map[string]any) string {
	switch c := pg["/Contents"].(type) {
	case []any:
		var s strings.Builder
		for _, r := range c {
			s.Write(p.data(r))
		}
		return s.String()
	default:
		return string(p.data(c))
	}
}

// unmarked returns the first painting operator of content that is in no
// marked-content sequence (neither tagged nor an artifact), or "".
func unmarked(content string) string {
	depth := 0
	ops := regexp.MustCompile(`\b(BDC|BMC|EMC|TJ|Tj|f|S|re f)\b`)
	for _, m := range ops.FindAllString(content, -1) {
		switch m {
		case "BDC", "BMC":
			depth++
		case "EMC":
			depth--
		default:
			if depth == 0 {
				return m
			}
		}
	}
	return ""
}

// standardsIntents are the printing conditions TestStandards builds the
// print editions for, each named in campaign.yaml as a user would, so that
// campaign.Load checks the profile against the condition it claims:
// Ghostscript's generic CMYK profile ("Artifex CMYK SWOP Profile") as
// CGATS TR 001 (SWOP), and a real FOGRA39 press profile that Argyll builds
// from Fogra's characterisation data (testtool.FOGRA39Profile). Each
// profile is also claimed for a condition it is not for, which must be
// refused.
var standardsIntents = []struct {
	condition, info string
	profile         func(testing.TB) string
	wrong           []string // registry conditions the profile is not for
}{
	{"CGATS TR 001", "SWOP (CGATS TR 001), Ghostscript's profile", ghostscriptCMYK, []string{"FOGRA39"}},
	{"FOGRA39", "Coated FOGRA39 (ISO 12647-2:2004)", testtool.FOGRA39Profile, []string{"FOGRA51", "CGATS TR 001"}},
}

// ghostscriptCMYK returns the path of Ghostscript's CMYK output profile
// (Debian's libgs-common, installed with ghostscript; AGPL, so read where
// installed, never committed).
func ghostscriptCMYK(tb testing.TB) string {
	const p = "/usr/share/color/icc/ghostscript/default_cmyk.icc"
	if _, err := os.Stat(p); err != nil {
		testtool.Missing(tb, p+" (Debian package libgs-common, with ghostscript)", err)
	}
	return p
}

// intentCampaign loads the bundled campaign with an output intent in its
// campaign.yaml: profile (a file on disk, served as assets/press.icc) for
// condition, described by info.
func intentCampaign(tb testing.TB, profile, condition, info string) (*campaign.Campaign, error) {
	tb.Helper()
	src, err := fs.ReadFile(handbill.Bundled, "campaign.yaml")
	if err != nil {
		tb.Fatal(err)
	}
	intent := fmt.Sprintf("\nprint:\n  output_intent:\n    profile: assets/press.icc\n    condition: %s\n    info: %q\nemergency:", condition, info)
	yaml := strings.Replace(string(src), "\nemergency:", intent, 1)
	if yaml == string(src) {
		tb.Fatal("campaign.yaml: no emergency: line to put the output intent before")
	}
	p := filepath.Join(tb.TempDir(), "campaign.yaml")
	if err := os.WriteFile(p, []byte(yaml), 0o644); err != nil {
		tb.Fatal(err)
	}
	return campaign.Load(withLocales{FS: handbill.Bundled, extra: map[string]string{"campaign.yaml": p, "assets/press.icc": profile}})
}

// stdFile is a PDF TestStandards checks: its name and its objects.
type stdFile struct {
	name string
	p    *pdfObjects
}

// standardsFiles renders edition ed of the A4 poster and the DL leaflet in
// English and Urdu from campaign c into dir; each must pass pdfcpu's
// strict validation.
func standardsFiles(t *testing.T, c *campaign.Campaign, cat *messages.Catalog, reg *fonts.Registry, ed edition.Edition, dir string) []stdFile {
	t.Helper()
	cmp := build.Composer(c, cat, reg, build.Options{Creator: "handbill test", Date: c.Date})
	s := typeset.NewSetter(reg)
	var files []stdFile
	for _, name := range []string{"poster-a4", "leaflet-dl"} {
		for _, loc := range []string{"en-GB", "ur"} {
			pairs, err := build.Pairs(c, []string{name}, []string{loc})
			if err != nil {
				t.Fatal(err)
			}
			data, _, err := build.Render(cmp, s, pairs[0], ed)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, build.FileName(c.ID, pairs[0], ed))
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := api.ValidateFile(path, strictConfig()); err != nil {
				t.Errorf("%s: pdfcpu validate --mode strict: %v", filepath.Base(path), err)
			}
			files = append(files, stdFile{filepath.Base(path), readObjects(t, path)})
		}
	}
	return files
}

// TestStandards lists each requirement of PDF/UA-1 (ISO 14289-1:2014) and
// PDF/X-4 (ISO 15930-7:2010) that handbill meets, with the clause it comes
// from, and checks it on the English and Urdu A4 posters and DL leaflets:
// the screen editions for PDF/UA-1, the print editions for PDF/X-4, once
// for each of standardsIntents. Ghostscript renders each print edition
// through its output intent's profile (-dUsePDFX3Profile), which fails on
// a profile its colour engine cannot use. No free full validator runs
// here (veraPDF needs Java from a registry we cannot reach), so this is
// the list of what is claimed; a print shop's preflight or veraPDF remains
// the judge.
func TestStandards(t *testing.T) {
	testtool.Need(t, "qpdf")
	c, cat, reg := loadBundled(t)
	screen := standardsFiles(t, c, cat, reg, edition.Screen, t.TempDir())
	type req struct {
		clause, what string
		check        func(p *pdfObjects) string // "" when met, else what is wrong
	}
	xmpHas := func(p *pdfObjects, re string) string {
		x := string(p.data(p.catalog()["/Metadata"]))
		if !regexp.MustCompile(re).MatchString(x) {
			return "XMP metadata has no " + re
		}
		return ""
	}
	tagged := []req{
		{"ISO 14289-1 §7.1, ISO 32000-1 §14.7.1", "catalog /MarkInfo /Marked true and a /StructTreeRoot", func(p *pdfObjects) string {
			if mi := p.dict(p.catalog()["/MarkInfo"]); mi["/Marked"] != true || p.catalog()["/StructTreeRoot"] == nil {
				return "not marked as tagged"
			}
			return ""
		}},
		{"ISO 14289-1 §7.1 (1)", "all content is tagged or an artifact", untaggedContent},
		{"ISO 32000-1 §14.7.4.4", "every page has /StructParents and the parent tree has its entry", func(p *pdfObjects) string {
			for i, pg := range p.pages() {
				if pg["/StructParents"] == nil {
					return fmt.Sprintf("page %d has no /StructParents", i+1)
				}
			}
			if p.dict(p.dict(p.catalog()["/StructTreeRoot"])["/ParentTree"]) == nil {
				return "no parent tree"
			}
			return ""
		}},
		{"ISO 14289-1 §7.3", "every Figure has alternative text", func(p *pdfObjects) string {
			return p.none("/StructElem", func(d map[string]any) bool { return d["/S"] == "/Figure" && d["/Alt"] == nil }, "is a Figure without /Alt")
		}},
		{"ISO 14289-1 §7.2", "the document's natural language in the catalog (/Lang)", func(p *pdfObjects) string {
			if l, _ := p.catalog()["/Lang"].(string); len(l) < 4 {
				return "no /Lang"
			}
			return ""
		}},
		{"ISO 14289-1 §7.21.4.1, ISO 15930-7 §6.3.5", "every font program is embedded", func(p *pdfObjects) string {
			return p.none("/FontDescriptor", func(d map[string]any) bool { return d["/FontFile2"] == nil }, "has no embedded font program")
		}},
		{"ISO 14289-1 §7.21.7", "every font maps its glyphs to Unicode (/ToUnicode)", func(p *pdfObjects) string {
			return p.none("/Font", func(d map[string]any) bool { return d["/Subtype"] == "/Type0" && d["/ToUnicode"] == nil }, "has no /ToUnicode")
		}},
	}
	ua := append(tagged,
		req{"ISO 14289-1 §5", "XMP metadata identifies PDF/UA-1 (pdfuaid:part 1)", func(p *pdfObjects) string {
			return xmpHas(p, `<pdfuaid:part>1</pdfuaid:part>`)
		}},
		req{"ISO 14289-1 §7.1 (8)", "XMP metadata has dc:title", func(p *pdfObjects) string {
			return xmpHas(p, `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">[^<]+</rdf:li>`)
		}},
		req{"ISO 14289-1 §7.1 (9)", "/ViewerPreferences /DisplayDocTitle true", func(p *pdfObjects) string {
			if p.dict(p.catalog()["/ViewerPreferences"])["/DisplayDocTitle"] != true {
				return "DisplayDocTitle not set"
			}
			return ""
		}},
		req{"ISO 14289-1 §7.18.1, §7.18.5", "every link annotation has /Contents and sits in the structure tree (/StructParent, a Link with an OBJR)", func(p *pdfObjects) string {
			bad, n := "", 0
			p.each("/Annot", func(r string, d map[string]any) {
				n++
				if d["/Contents"] == nil || d["/StructParent"] == nil {
					bad = r + " has no /Contents or /StructParent"
				}
			})
			objr := 0
			p.each("/StructElem", func(_ string, d map[string]any) {
				kids, _ := d["/K"].([]any)
				for _, k := range kids {
					if kd, ok := k.(map[string]any); ok && kd["/Type"] == "/OBJR" && p.dict(kd["/Obj"])["/Subtype"] == "/Link" {
						objr++
					}
				}
			})
			if bad == "" && (n == 0 || objr != n) {
				bad = fmt.Sprintf("%d link annotations, %d object references in the tree", n, objr)
			}
			return bad
		}},
		req{"ISO 14289-1 §7.18.3", "pages with annotations have /Tabs /S", func(p *pdfObjects) string {
			for i, pg := range p.pages() {
				if pg["/Annots"] != nil && pg["/Tabs"] != "/S" {
					return fmt.Sprintf("page %d has annotations and no /Tabs /S", i+1)
				}
			}
			return ""
		}},
	)
	// x4 are PDF/X-4's requirements for a print edition made for the
	// registry condition cond.
	x4 := func(cond string) []req {
		return append(append([]req(nil), tagged...),
			req{"ISO 15930-7 §6.2.2", "a GTS_PDFX output intent with an embedded CMYK profile (/N 4), a registry condition and /RegistryName", func(p *pdfObjects) string {
				ois, _ := p.catalog()["/OutputIntents"].([]any)
				if len(ois) != 1 {
					return fmt.Sprintf("%d output intents", len(ois))
				}
				oi := p.dict(ois[0])
				if oi["/S"] != "/GTS_PDFX" || oi["/OutputConditionIdentifier"] != "u:"+cond || oi["/RegistryName"] != "u:http://www.color.org" {
					return fmt.Sprintf("output intent %v", oi)
				}
				if n := p.dict(oi["/DestOutputProfile"])["/N"]; n != 4.0 && n != float64(4) {
					return fmt.Sprintf("profile /N %v", n)
				}
				if len(p.data(oi["/DestOutputProfile"])) < 128 {
					return "profile not embedded"
				}
				return ""
			}},
			req{"ISO 15930-7 §6.7.2", "XMP metadata names the version (pdfxid:GTS_PDFXVersion PDF/X-4) with xmpMM DocumentID, VersionID, RenditionClass", func(p *pdfObjects) string {
				for _, re := range []string{`<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>`, `<xmpMM:DocumentID>uuid:`, `<xmpMM:VersionID>`, `<xmpMM:RenditionClass>`} {
					if s := xmpHas(p, re); s != "" {
						return s
					}
				}
				return ""
			}},
			req{"ISO 15930-7 §6.7.3", "Info /Trapped /False, agreeing with XMP pdf:Trapped, and a /Title", func(p *pdfObjects) string {
				info := p.dict(p.trailer["/Info"])
				if info["/Trapped"] != "/False" || info["/Title"] == nil {
					return fmt.Sprintf("Info /Trapped %v /Title %v", info["/Trapped"], info["/Title"])
				}
				return xmpHas(p, `<pdf:Trapped>False</pdf:Trapped>`)
			}},
			req{"ISO 15930-7 §6.1.3", "the trailer has an /ID", func(p *pdfObjects) string {
				if id, _ := p.trailer["/ID"].([]any); len(id) != 2 {
					return "no /ID"
				}
				return ""
			}},
			req{"ISO 15930-7 §6.2.3", "every page has a TrimBox, inside its BleedBox, inside its MediaBox", func(p *pdfObjects) string {
				for i, pg := range p.pages() {
					if pg["/TrimBox"] == nil || pg["/BleedBox"] == nil {
						return fmt.Sprintf("page %d lacks a TrimBox or BleedBox", i+1)
					}
				}
				return ""
			}},
			req{"ISO 15930-7 §6.2.4", "no RGB colour (device CMYK and Separation only)", func(p *pdfObjects) string {
				for i, pg := range p.pages() {
					if regexp.MustCompile(`\b(rg|RG)\b|DeviceRGB`).MatchString(p.content(pg)) {
						return fmt.Sprintf("page %d uses RGB", i+1)
					}
				}
				return ""
			}},
			req{"ISO 15930-7 §6.1.2 (PDF 1.6)", "the file declares PDF 1.6, the version PDF/X-4 is based on", func(p *pdfObjects) string {
				if v := p.catalog()["/Version"]; v != "/1.6" {
					return fmt.Sprintf("catalog /Version %v", v)
				}
				return ""
			}},
		)
	}
	check := func(t *testing.T, std string, files []stdFile, reqs []req) {
		for _, r := range reqs {
			for _, f := range files {
				if why := r.check(f.p); why != "" {
					t.Errorf("%s %s (%s): %s: %s", std, r.clause, r.what, f.name, why)
				}
			}
		}
	}
	check(t, "PDF/UA-1", screen, ua)
	for _, in := range standardsIntents {
		t.Run(in.condition, func(t *testing.T) {
			testtool.Need(t, "gs")
			profile := in.profile(t)
			c, err := intentCampaign(t, profile, in.condition, in.info)
			if err != nil {
				t.Fatalf("the campaign with %s's profile %s as %s: %v", in.condition, profile, in.condition, err)
			}
			dir := t.TempDir()
			prints := standardsFiles(t, c, cat, reg, edition.Print, dir)
			check(t, "PDF/X-4", prints, x4(in.condition))
			for _, f := range prints {
				gsThroughIntent(t, filepath.Join(dir, f.name))
			}
			for _, wrong := range in.wrong {
				_, err := intentCampaign(t, profile, wrong, in.info)
				want := "expected a profile for " + wrong + ", whose description or characterisation names it"
				if err == nil || !strings.Contains(err.Error(), want) || len(err.Error()) > 600 {
					t.Errorf("%s's profile claimed for %s: got %v, want a short error with %q", in.condition, wrong, err, want)
				}
			}
		})
	}
}

// gsThroughIntent has Ghostscript draw the PDF at p with its output
// intent's profile as the device's (-dUsePDFX3Profile, which covers
// PDF/X-4's), so that its colour engine (Little CMS) reads the profile's
// tables: a profile it cannot use makes it report "error executing PDF
// token".
func gsThroughIntent(t *testing.T, p string) {
	t.Helper()
	out, err := exec.Command("gs", "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-dUsePDFX3Profile", "-sDEVICE=nullpage", p).CombinedOutput()
	if err != nil || len(bytes.TrimSpace(out)) > 0 {
		t.Errorf("%s: Ghostscript drawing through the output intent: %v\n%s", filepath.Base(p), err, out)
	}
}
