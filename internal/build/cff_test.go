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
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"

	"github.com/handbill/handbill"
	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/loader"
	"github.com/handbill/handbill/internal/testtool"
)

// notoCJK is where Debian's fonts-noto-cjk (which .ci/run installs) puts
// Noto Sans CJK: OpenType CFF collections of ten faces each (Regular and
// Bold: JP, KR, SC, TC, HK, then the Mono faces).
const notoCJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-%s.ttc"

// cjkFaces are the collection's face index for each test locale.
var cjkFaces = map[string]struct {
	index int
	name  string
}{
	"ja": {0, "Noto Sans CJK JP"},
	"ko": {1, "Noto Sans CJK KR"},
}

// cffCampaign writes a campaign the way the README's "Add a language" and
// "Add a font" sections make one: the bundled campaign's files with its
// locales cut to the source and tag (its message file from testdata/cjk),
// and a font table of its own, assets/fonts/fonts.yaml, with Noto Sans
// for Latin and the locale's face of Debian's Noto Sans CJK collections,
// copied into assets/fonts/noto-sans-cjk/ with the package's copyright
// file as the licence. It returns the folder.
func cffCampaign(tb testing.TB, tag string) string {
	tb.Helper()
	face := cjkFaces[tag]
	var ttcs [2]string
	for i, w := range []string{"Regular", "Bold"} {
		ttcs[i] = fmt.Sprintf(notoCJK, w)
		if _, err := os.Stat(ttcs[i]); err != nil {
			testtool.Missing(tb, ttcs[i]+" (Debian fonts-noto-cjk)", err)
		}
	}
	dir := tb.TempDir()
	sub, err := fs.Sub(handbill.Bundled, ".")
	if err != nil {
		tb.Fatal(err)
	}
	for _, p := range []string{"campaign.yaml", "layouts", "locales/en-GB.toml", "assets/logos", "assets/fonts/noto-sans"} {
		copyTree(tb, sub, p, dir)
	}
	copyFile(tb, filepath.Join("testdata", "cjk", tag+".toml"), filepath.Join(dir, "locales", tag+".toml"))
	fontDir := filepath.Join(dir, "assets", "fonts", "noto-sans-cjk")
	copyFile(tb, ttcs[0], filepath.Join(fontDir, "NotoSansCJK-Regular.ttc"))
	copyFile(tb, ttcs[1], filepath.Join(fontDir, "NotoSansCJK-Bold.ttc"))
	copyFile(tb, "/usr/share/doc/fonts-noto-cjk/copyright", filepath.Join(fontDir, "copyright"))

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
  - id: noto-sans-cjk
    name: %s
    regular: noto-sans-cjk/NotoSansCJK-Regular.ttc
    bold: noto-sans-cjk/NotoSansCJK-Bold.ttc
    index: %d
    licence: noto-sans-cjk/copyright
    source: Debian fonts-noto-cjk, /usr/share/fonts/opentype/noto/
    leading: 1.45
scripts:
  Latn: [noto-sans]
  Zyyy: [noto-sans]
  Zinh: [noto-sans]
languages:
  %s: [noto-sans-cjk, noto-sans]
fallback: [noto-sans]
`, face.name, face.index, tag))
	return dir
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

// buildCFFPoster builds the A4 poster of cffCampaign(tag), both editions,
// into a new folder, and returns the folder, the report and the campaign.
func buildCFFPoster(tb testing.TB, tag string) (string, *build.Report, *loader.Campaign) {
	tb.Helper()
	c, err := loader.Open(os.DirFS(cffCampaign(tb, tag)), loader.Options{})
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

// TestJapanesePosterInCFFFont builds a Japanese A4 poster from a campaign
// whose fonts.yaml adds Noto Sans CJK JP from Debian's .ttc (face 0), as
// the README says to, and holds both editions to what the bundled PDFs
// meet: pdfcpu's strict validation, qpdf --check, mutool and Ghostscript
// without a word on stderr; pdffonts lists the CJK faces as tagged,
// embedded "CID Type 0C" subsets with Identity-H and a ToUnicode map; each
// embedded CFF program is read by fontTools (every charstring drawn) and,
// wrapped in an OpenType file, accepted by OTS; and pdftotext -raw gives
// back every message of the poster in order.
func TestJapanesePosterInCFFFont(t *testing.T) {
	testtool.Need(t, "qpdf", "mutool", "gs", "pdffonts", "pdftotext", "ttx", "ots-sanitize")
	dir, rep, c := buildCFFPoster(t, "ja")
	if len(rep.Outputs) != 2 {
		t.Fatalf("%d outputs, want the poster's two editions", len(rep.Outputs))
	}
	for _, o := range rep.Outputs {
		p := filepath.Join(dir, o.Path)
		checkReaders(t, p)
		checkCFFFonts(t, p, "NotoSansCJKjp-")
		textInOrder(t, p, o.Path, expectedStrings(t, c.Campaign, c.Catalog, o.Layout, o.Locale))
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
