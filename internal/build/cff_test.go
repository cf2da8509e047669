package build_test

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"

	"github.com/handbill/handbill"
	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/fonts"
	"github.com/handbill/handbill/internal/loader"
	"github.com/handbill/handbill/internal/messages"
	"github.com/handbill/handbill/internal/testtool"
	"github.com/handbill/handbill/internal/typeset"
)

// notoCJK is where Debian's fonts-noto-cjk (which .ci/run installs) puts
// Noto Sans CJK: OpenType CFF collections of ten faces each (Regular and
// Bold: JP, KR, SC, TC, HK, then the Mono faces).
const notoCJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-%s.ttc"

// cjkFamily is the family a test campaign's fonts.yaml adds for its
// locale: files (its regular and bold) are copied from the system or the
// bundled fonts into assets/fonts/cjk/.
type cjkFamily struct {
	name          string
	regular, bold string // paths on disk; no bold: ""
	index         int    // face in a collection; -1 for a single font
	licence       string // path on disk
}

// cffFamilies are Noto Sans CJK JP and KR from Debian's collections;
// ttFamilies the TrueType families they are measured against, from Debian
// too (.ci/run installs them): IPAexGothic (fonts-ipaexfont-gothic, one
// weight) and NanumGothic (fonts-nanum), with which Korean built before.
// (The bundled Noto Sans TC lacks Japanese forms such as 読 and 悩.)
var (
	cffFamilies = map[string]cjkFamily{
		"ja":      {"Noto Sans CJK JP", fmt.Sprintf(notoCJK, "Regular"), fmt.Sprintf(notoCJK, "Bold"), 0, "/usr/share/doc/fonts-noto-cjk/copyright"},
		"ko":      {"Noto Sans CJK KR", fmt.Sprintf(notoCJK, "Regular"), fmt.Sprintf(notoCJK, "Bold"), 1, "/usr/share/doc/fonts-noto-cjk/copyright"},
		"zh-Hans": {"Noto Sans CJK SC", fmt.Sprintf(notoCJK, "Regular"), fmt.Sprintf(notoCJK, "Bold"), 2, "/usr/share/doc/fonts-noto-cjk/copyright"},
	}
	ttFamilies = map[string]cjkFamily{
		"ja": {"IPAexGothic", "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf", "", -1, "/usr/share/doc/fonts-ipaexfont-gothic/copyright"},
		"ko": {"NanumGothic", "/usr/share/fonts/truetype/nanum/NanumGothic.ttf", "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf", -1, "/usr/share/doc/fonts-nanum/copyright"},
	}
)

// cjkCampaign writes a campaign the way the README's "Add a language" and
// "Add a font" sections make one: the bundled campaign's files with its
// locales cut to the source and tag (its message file from testdata/cjk,
// or the bundled one),
// and a font table of its own, assets/fonts/fonts.yaml, with Noto Sans
// for Latin and fam for the language, its files copied into
// assets/fonts/cjk/ with its licence (for a Debian package, the package's
// copyright file). It returns the folder.
func cjkCampaign(tb testing.TB, tag string, fam cjkFamily) string {
	tb.Helper()
	for _, f := range []string{fam.regular, fam.licence} {
		if _, err := os.Stat(f); err != nil {
			testtool.Missing(tb, f, err)
		}
	}
	dir := tb.TempDir()
	for _, p := range []string{"campaign.yaml", "layouts", "locales/en-GB.toml", "assets/logos", "assets/icons", "assets/fonts/noto-sans"} {
		copyTree(tb, handbill.Bundled, p, dir)
	}
	if own := filepath.Join("testdata", "cjk", tag+".toml"); fileExists(own) {
		copyFile(tb, own, filepath.Join(dir, "locales", tag+".toml"))
	} else {
		copyTree(tb, handbill.Bundled, "locales/"+tag+".toml", dir)
	}
	files := [3]string{"cjk/" + filepath.Base(fam.regular), "cjk/" + filepath.Base(fam.licence), ""}
	lines := ""
	if fam.bold != "" {
		files[2] = "cjk/" + filepath.Base(fam.bold)
		lines = "\n    bold: " + files[2]
	}
	if fam.index >= 0 {
		lines += fmt.Sprintf("\n    index: %d", fam.index)
	}
	for i, from := range []string{fam.regular, fam.licence, fam.bold} {
		if from != "" {
			copyFile(tb, from, filepath.Join(dir, "assets", "fonts", filepath.FromSlash(files[i])))
		}
	}
	yaml, err := os.ReadFile(filepath.Join(dir, "campaign.yaml"))
	if err != nil {
		tb.Fatal(err)
	}
	locales := regexp.MustCompile(`(?m)^locales:\n(?:  #.*\n)*(?:  - .*\n)+`)
	if !locales.Match(yaml) {
		tb.Fatal("campaign.yaml: no locales list to cut")
	}
	yaml = locales.ReplaceAll(yaml, []byte("locales:\n  - en-GB\n  - "+tag+"\n"))
	writeFile(tb, filepath.Join(dir, "campaign.yaml"), yaml)
	writeFile(tb, filepath.Join(dir, "assets", "fonts", "fonts.yaml"), fmt.Appendf(nil, `families:
  - id: noto-sans
    name: Noto Sans
    regular: noto-sans/NotoSans-Regular.ttf
    bold: noto-sans/NotoSans-Bold.ttf
    licence: noto-sans/OFL.txt
    leading: 1.3
  - id: cjk
    name: %s
    regular: %s%s
    licence: %s
    leading: 1.45
scripts:
  Latn: [noto-sans]
  Zyyy: [noto-sans]
  Zinh: [noto-sans]
languages:
  %s: [cjk, noto-sans]
fallback: [noto-sans]
`, fam.name, files[0], lines, files[1], tag))
	return dir
}

func fileExists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

func copyTree(tb testing.TB, fsys fs.FS, root, dir string) {
	tb.Helper()
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		writeFile(tb, filepath.Join(dir, filepath.FromSlash(p)), data)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
}

func copyFile(tb testing.TB, from, to string) {
	tb.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		tb.Fatal(err)
	}
	writeFile(tb, to, data)
}

func writeFile(tb testing.TB, name string, data []byte) {
	tb.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		tb.Fatal(err)
	}
}

// buildCFFPoster builds the A4 poster of tag's cjkCampaign in Noto Sans CJK, both editions,
// into a new folder, and returns the folder, the report and the campaign.
func buildCFFPoster(tb testing.TB, tag string) (string, *build.Report, *loader.Campaign) {
	tb.Helper()
	c, err := loader.Open(os.DirFS(cjkCampaign(tb, tag, cffFamilies[tag])), loader.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	pairs, err := build.Pairs(c.Campaign, []string{"poster-a4"}, []string{tag})
	if err != nil {
		tb.Fatal(err)
	}
	out := tb.TempDir()
	// The site's messages are not translated; the poster shows none.
	rep, err := build.Run(c.Campaign, c.Catalog, c.Fonts, pairs, build.Options{Out: out, Jobs: 1, AllowFallback: true, Creator: "handbill test", Date: c.Date})
	if err != nil {
		tb.Fatal(err)
	}
	if len(rep.Failures) > 0 {
		tb.Fatalf("build failed: %+v", rep.Failures)
	}
	return out, rep, c
}

// TestCJKPostersInCFFFont builds a Japanese A4 poster from a campaign
// whose fonts.yaml adds Noto Sans CJK JP from Debian's .ttc (face 0), as
// the README says to, and without -short also a Korean one (KR, face 1)
// and a Simplified Chinese one (the bundled zh-Hans translation, SC, face
// 2), and holds both editions of each to what the bundled PDFs meet: pdfcpu's strict validation, qpdf --check, mutool and Ghostscript
// without a word on stderr; pdffonts lists the CJK faces as tagged,
// embedded "CID Type 0C" subsets with Identity-H and a ToUnicode map; each
// embedded CFF program is read by fontTools (every charstring drawn) and,
// wrapped in an OpenType file, accepted by OTS; and pdftotext -raw gives
// back every message of the poster in order.
func TestCJKPostersInCFFFont(t *testing.T) {
	testtool.Need(t, "qpdf", "mutool", "gs", "pdffonts", "pdftotext", "ttx", "ots-sanitize")
	for _, tc := range []struct{ tag, font string }{{"ja", "NotoSansCJKjp-"}, {"ko", "NotoSansCJKkr-"}, {"zh-Hans", "NotoSansCJKsc-"}} {
		t.Run(tc.tag, func(t *testing.T) {
			if tc.tag != "ja" {
				testtool.Slow(t)
			}
			dir, rep, c := buildCFFPoster(t, tc.tag)
			if len(rep.Outputs) != 2 {
				t.Fatalf("%d outputs, want the poster's two editions", len(rep.Outputs))
			}
			for _, o := range rep.Outputs {
				p := filepath.Join(dir, o.Path)
				checkReaders(t, p)
				checkCFFFonts(t, p, tc.font)
				textInOrder(t, p, o.Path, expectedStrings(t, c.Campaign, c.Catalog, o.Layout, o.Locale))
			}
		})
	}
}

// checkReaders runs the PDF readers over p: each must accept it silently.
func checkReaders(t *testing.T, p string) {
	t.Helper()
	if err := api.ValidateFile(p, strictConfig()); err != nil {
		t.Errorf("%s: pdfcpu validate --mode strict: %v", p, err)
	}
	if out, err := exec.Command("qpdf", "--check", p).CombinedOutput(); err != nil {
		t.Errorf("%s: qpdf --check: %v\n%s", p, err, out)
	}
	var stderr bytes.Buffer
	cmd := exec.Command("mutool", "info", p)
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Errorf("%s: mutool info: %v\n%s", p, err, stderr.String())
	}
	out, err := exec.Command("gs", "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=pdfwrite", "-sOutputFile=/dev/null", p).CombinedOutput()
	if err != nil || regexp.MustCompile(`(?i)error|warning|repair|does not conform`).Match(out) {
		t.Errorf("%s: Ghostscript pdfwrite: %v\n%s", p, err, out)
	}
}

// checkCFFFonts reads the fonts of p: pdffonts must list every font as a
// tagged, embedded subset with Identity-H and a ToUnicode map, those named
// cffName as CID Type 0C; mutool extracts their CFF programs (.cid) for
// fontTools and OTS.
func checkCFFFonts(t *testing.T, p, cffName string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(string(testtool.Run(t, "pdffonts", p))), "\n")[2:]
	tag := regexp.MustCompile(`^[A-Z]{6}\+[A-Za-z0-9-]+$`)
	cff := 0
	for _, l := range lines {
		f := strings.Fields(l)
		if !tag.MatchString(f[0]) || !strings.Contains(l, "Identity-H       yes yes yes") {
			t.Errorf("%s: pdffonts lists %q, want a tagged embedded subset with Identity-H and ToUnicode", p, l)
		}
		if strings.Contains(f[0], "+"+cffName) {
			cff++
			if !strings.Contains(l, "CID Type 0C") || !strings.HasSuffix(f[0], "-Identity-H") {
				t.Errorf("%s: pdffonts lists %q, want CID Type 0C named CIDFont-Identity-H", p, l)
			}
		}
	}
	if cff == 0 {
		t.Fatalf("%s: no %s font in\n%s", p, cffName, strings.Join(lines, "\n"))
	}
	out := t.TempDir()
	cmd := exec.Command("mutool", "extract", p)
	cmd.Dir = out
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: mutool extract: %v\n%s", p, err, msg)
	}
	files, _ := filepath.Glob(filepath.Join(out, "font-*.cid"))
	if len(files) != cff {
		t.Fatalf("%s: mutool extracted %d CFF programs, pdffonts lists %d", p, len(files), cff)
	}
	for _, f := range files {
		msg, err := fontToolsCFF(f)
		if err != nil {
			t.Errorf("%s: fontTools cannot read %s: %v\n%s", p, filepath.Base(f), err, msg)
			continue
		}
		t.Logf("%s: %s", filepath.Base(p), msg)
		if msg, err := exec.Command("ots-sanitize", f+".otf", f+".ots").CombinedOutput(); err != nil {
			t.Errorf("%s: OTS rejects %s: %v\n%s", p, filepath.Base(f), err, msg)
		}
	}
}

// cffCheck is run by the Python that runs ttx (it has fontTools): it
// parses a bare CFF font program, draws every charstring, and writes the
// program into an OpenType file beside it (FILE.otf) for OTS, which reads
// only whole fonts.
const cffCheck = `
import io, sys
from fontTools.cffLib import CFFFontSet
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import newTable
path = sys.argv[1]
data = open(path, "rb").read()
cff = CFFFontSet()
cff.decompile(io.BytesIO(data), None)
top = cff[cff.fontNames[0]]
order = top.charset
inked = 0
for g in order:
    pen = BoundsPen(top.CharStrings)
    top.CharStrings[g].draw(pen)
    inked += pen.bounds is not None
fb = FontBuilder(1000, isTTF=False)
fb.font.sfntVersion = "OTTO"
fb.setupGlyphOrder(order)
fb.setupCharacterMap({})
fb.setupHorizontalMetrics({g: (1000, 0) for g in order})
fb.setupHorizontalHeader(ascent=880, descent=-120)
fb.setupNameTable({"familyName": "Embedded", "styleName": "Regular"})
fb.setupOS2()
fb.setupPost()
fb.setupMaxp()
t = newTable("CFF ")
t.decompile(data, fb.font)
fb.font["CFF "] = t
fb.save(path + ".otf")
print(cff.fontNames[0], len(order), "glyphs,", inked, "inked")
`

// fontToolsCFF runs cffCheck on file.
func fontToolsCFF(file string) (string, error) {
	python, err := ttxPython()
	if err != nil {
		return "", err
	}
	out, err := exec.Command(python, "-c", cffCheck, file).CombinedOutput()
	return strings.TrimSpace(string(out)), err
}

// ttxPython is the interpreter named by ttx's #! line: the Python that
// has fontTools (another python3 on PATH may not).
func ttxPython() (string, error) {
	ttx, err := exec.LookPath("ttx")
	if err != nil {
		return "", err
	}
	f, err := os.Open(ttx)
	if err != nil {
		return "", err
	}
	defer f.Close()
	line, err := bufio.NewReader(f).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, "#!") {
		return "", errors.New("ttx has no #! line")
	}
	fields := strings.Fields(strings.TrimPrefix(line, "#!"))
	if len(fields) == 0 || path.Base(fields[0]) == "env" && len(fields) < 2 {
		return "", errors.New("ttx's #! line names no interpreter")
	}
	if path.Base(fields[0]) == "env" {
		return fields[1], nil
	}
	return fields[0], nil
}

// BenchmarkCJKPoster renders the A4 poster's print edition in Japanese and
// Korean with each font route: cff is Noto Sans CJK JP or KR from
// Debian's .ttc collections, truetype the TrueType families of
// ttFamilies. first opens the campaign anew for every poster (the font
// table read, the face taken out of its collection and parsed by go-text
// when first used): what one locale costs a fresh build process. warm
// renders from one opened campaign with a new setter for every poster,
// as BenchmarkPosterA4FirstLayout does. B/pdf is the file's size.
func BenchmarkCJKPoster(b *testing.B) {
	for _, tag := range []string{"ja", "ko"} {
		for _, route := range []string{"cff", "truetype"} {
			fam := cffFamilies[tag]
			if route == "truetype" {
				fam = ttFamilies[tag]
			}
			dir := cjkCampaign(b, tag, fam)
			b.Run(tag+"/"+route+"/first", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					renderCJK(b, dir, tag, nil)
				}
			})
			b.Run(tag+"/"+route+"/warm", func(b *testing.B) {
				c := openCJK(b, dir)
				renderCJK(b, dir, tag, c) // fonts parsed, outside the timing
				b.ReportAllocs()
				for b.Loop() {
					renderCJK(b, dir, tag, c)
				}
			})
		}
	}
}

func openCJK(b *testing.B, dir string) *loader.Campaign {
	c, err := loader.Open(os.DirFS(dir), loader.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// renderCJK renders tag's A4 poster, print edition, from c (nil: opened
// from dir) and reports its size.
func renderCJK(b *testing.B, dir, tag string, c *loader.Campaign) {
	if c == nil {
		c = openCJK(b, dir)
	}
	pairs, err := build.Pairs(c.Campaign, []string{"poster-a4"}, []string{tag})
	if err != nil {
		b.Fatal(err)
	}
	cmp := build.Composer(c.Campaign, c.Catalog, c.Fonts, build.Options{Creator: "handbill bench", AllowFallback: true})
	pdf, _, err := build.Render(cmp, typeset.NewSetter(c.Fonts), pairs[0], edition.Print)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(len(pdf)), "B/pdf")
}

// TestMissingGlyphsOncePerLocale builds every layout of the bundled
// campaign in Japanese with the bundled fonts, whose chains give ja no
// font for kana: every layout fails with one and the same diagnostic (so
// build prints the cause once, naming the other layouts in one line),
// which names the scripts and, since a bundled family draws kana though no
// chain for ja lists it, that family and the languages: entry to add.
func TestMissingGlyphsOncePerLocale(t *testing.T) {
	c, _, reg := loadBundled(t)
	fsys := withLocales{FS: handbill.Bundled, extra: map[string]string{"locales/ja.toml": filepath.Join("testdata", "cjk", "ja.toml")}}
	c.Locales = append(c.Locales, campaign.Locale{Tag: "ja"})
	cat, err := messages.Load(fsys, "locales", c.SourceLocale, []string{c.SourceLocale, "ja"})
	if err != nil {
		t.Fatal(err)
	}
	pairs, err := build.Pairs(c, nil, []string{"ja"})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := build.Run(c, cat, reg, pairs, build.Options{Out: t.TempDir(), Jobs: 2, AllowFallback: true, Editions: []edition.Edition{edition.Screen}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Failures) != len(pairs) || len(rep.Outputs) != 0 {
		t.Fatalf("%d of %d pairs failed, %d built", len(rep.Failures), len(pairs), len(rep.Outputs))
	}
	first := rep.Failures[0].Diags
	if len(first) != 1 {
		t.Fatalf("%s: %d diagnostics, want one for the locale:\n%v", rep.Failures[0].Layout, len(first), first)
	}
	for _, f := range rep.Failures[1:] {
		if !slices.Equal(f.Diags, first) {
			t.Errorf("%s: %v, want the same as %s: %v", f.Layout, f.Diags, rep.Failures[0].Layout, first)
		}
	}
	d := first[0]
	for _, w := range []string{"locale ja: no configured font draws Hiragana (Hira)", "Katakana (Kana)", `the first "headline"`} {
		if !strings.Contains(d.Msg, w) {
			t.Errorf("message %q lacks %q", d.Msg, w)
		}
	}
	if !strings.Contains(d.Hint, "droid-sans-fallback") || !strings.Contains(d.Hint, "languages: as ja:") {
		t.Errorf("hint %q does not say which family draws kana and where to list it", d.Hint)
	}
	if d.File != "locales/ja.toml" || d.Line == 0 {
		t.Errorf("at %s:%d, want the line of ja.toml's first message with kana", d.File, d.Line)
	}
}

// TestFitHintBlamesLeading: with Noto Sans's leading in fonts.yaml raised
// from 1.3 to 3, the English A4 poster's title no longer fits its box,
// and the hint says that the family's leading is too large (above the
// layout's heading leading), not the translation too long.
func TestFitHintBlamesLeading(t *testing.T) {
	c, cat, _ := loadBundled(t)
	src, err := fs.ReadFile(handbill.Bundled, "assets/fonts/fonts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	table := filepath.Join(t.TempDir(), "fonts.yaml")
	tall := strings.Replace(string(src), "    leading: 1.3\n", "    leading: 3\n", 1)
	if tall == string(src) {
		t.Fatal("no leading: 1.3 in the bundled fonts.yaml")
	}
	writeFile(t, table, []byte(tall))
	reg, err := fonts.Load(withLocales{FS: handbill.Bundled, extra: map[string]string{"assets/fonts/fonts.yaml": table}}, "assets/fonts")
	if err != nil {
		t.Fatal(err)
	}
	cmp := build.Composer(c, cat, reg, build.Options{})
	pairs, err := build.Pairs(c, []string{"poster-a4"}, []string{"en-GB"})
	if err != nil {
		t.Fatal(err)
	}
	_, res, err := build.Render(cmp, typeset.NewSetter(reg), pairs[0], edition.Screen)
	if err == nil {
		t.Fatal("the poster fits with Noto Sans at leading 3")
	}
	found := false
	for _, d := range res.Diags {
		if strings.Contains(d.Msg, "does not fit") {
			found = true
			t.Logf("%s\n\thint: %s", d.Msg, d.Hint)
			if !strings.Contains(d.Hint, "Noto Sans (noto-sans) 3 is above the layout's") || !strings.Contains(d.Hint, "not the translation") {
				t.Errorf("hint %q does not blame Noto Sans's leading", d.Hint)
			}
		}
	}
	if !found {
		t.Fatalf("no fit error in %v", res.Diags)
	}
}
