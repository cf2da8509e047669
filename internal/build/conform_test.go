package build_test

import (
	"bytes"
	"errors"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/testtool"
)

// The readers a print shop or a publisher would run over the files: each
// must accept every bundled PDF as it is, with nothing repaired or
// reported.

var pdfcpuOnce sync.Once

// strictConfig is pdfcpu's strict validation (ISO 32000-1 to the letter),
// with its per-user configuration folder left alone.
func strictConfig() *model.Configuration {
	pdfcpuOnce.Do(api.DisableConfigDir)
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	return conf
}

// TestPDFsPassStrictReaders runs pdfcpu's strict validator (in process),
// mutool and Ghostscript's pdfwrite over every bundled PDF. mutool must
// print nothing on stderr and Ghostscript no error, warning or repair.
// Each PDF is a parallel subtest named by its file, so the readers of
// different files run side by side, as many at once as -parallel allows
// (GOMAXPROCS by default): one loop over 150 PDFs × 3 readers took 482 s
// of a busy 2-core machine's 10-minute package timeout.
func TestPDFsPassStrictReaders(t *testing.T) {
	testtool.Need(t, "mutool", "gs")
	dir, rep, _, _ := buildAll(t)
	for _, o := range rep.Outputs {
		t.Run(o.Path, func(t *testing.T) {
			t.Parallel()
			checkStrictReaders(t, filepath.Join(dir, o.Path), o.Edition)
		})
	}
}

var gsComplaint = regexp.MustCompile(`(?i)error|warning|repair|does not conform`)

// checkStrictReaders runs the three readers over the PDF at p.
func checkStrictReaders(t *testing.T, p string, ed edition.Edition) {
	if err := api.ValidateFile(p, strictConfig()); err != nil {
		t.Errorf("pdfcpu validate --mode strict: %v", err)
	}
	var stderr bytes.Buffer
	cmd := exec.Command("mutool", "info", p)
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Errorf("mutool info: %v\n%s", err, stderr.String())
	}
	// Ghostscript is the slow one: under -short, the screen editions.
	if testing.Short() && ed != edition.Screen {
		return
	}
	out, err := exec.Command("gs", "-q", "-dBATCH", "-dNOPAUSE", "-dSAFER", "-sDEVICE=pdfwrite", "-sOutputFile=/dev/null", p).CombinedOutput()
	if err != nil || gsComplaint.Match(out) {
		t.Errorf("Ghostscript pdfwrite: %v\n%s", err, out)
	}
}

// TestPDFStructure reads what the validators do not insist on: the
// declared version covers the features used (ActualText is PDF 1.5), the
// dates carry their time zone, the file has an /ID, and no empty name tree
// is left for a RIP to "repair".
func TestPDFStructure(t *testing.T) {
	dir, rep, _, _ := buildAll(t)
	date := regexp.MustCompile(`/(Creation|Mod)Date \(D:\d{14}[Z+-]\d\d'\d\d\)`)
	for _, o := range rep.Outputs {
		data, err := os.ReadFile(filepath.Join(dir, o.Path))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte("/Version /1.7")) {
			t.Errorf("%s: the catalog does not declare PDF 1.7", o.Path)
		}
		if n := len(date.FindAll(data, -1)); n < 2 {
			t.Errorf("%s: %d dates with a time zone, want the creation and modification dates", o.Path, n)
		}
		if !regexp.MustCompile(`/ID \[<[0-9a-f]{32}> <[0-9a-f]{32}>\]`).Match(data) {
			t.Errorf("%s: no /ID in the trailer", o.Path)
		}
		tail := data[bytes.LastIndex(data, []byte("\nxref\n"))+1:]
		if !bytes.Contains(tail, []byte("/Prev ")) {
			t.Errorf("%s: the last trailer is not an update of fpdf's", o.Path)
		}
	}
}

// TestEmbeddedFontsAreWellFormed takes every font program out of the
// screen editions (the print editions embed the same subsets) with mutool
// and hands it to fontTools (ttx decompiles every table; a bare CFF
// program is parsed and every charstring drawn) and the OpenType
// Sanitizer; pdffonts must list every font of every PDF under a subset tag
// and its PostScript name.
func TestEmbeddedFontsAreWellFormed(t *testing.T) {
	testtool.Need(t, "ttx", "ots-sanitize", "pdffonts", "mutool")
	dir, rep, _, _ := buildAll(t)
	tmp := t.TempDir()
	fonts := map[string][]string{} // font programs by PDF
	tag := regexp.MustCompile(`^[A-Z]{6}\+[A-Za-z0-9-]+$`)
	for _, o := range rep.Outputs {
		p := filepath.Join(dir, o.Path)
		lines := strings.Split(strings.TrimSpace(string(testtool.Run(t, "pdffonts", p))), "\n")[2:]
		for _, l := range lines {
			f := strings.Fields(l)
			trueType := strings.Contains(l, "CID TrueType")
			cff := strings.Contains(l, "CID Type 0C") && strings.HasSuffix(f[0], "-Identity-H")
			if !tag.MatchString(f[0]) || !(trueType || cff) || !strings.Contains(l, "Identity-H") {
				t.Errorf("%s: pdffonts lists %q, want a tagged CID TrueType or CID Type 0C subset with Identity-H", o.Path, l)
			}
		}
		if o.Edition != edition.Screen {
			continue
		}
		// mutool writes each embedded font program as font-NNNN.ttf, or
		// font-NNNN.cid for a bare CFF program (checked as cff_test does).
		out := filepath.Join(tmp, strings.TrimSuffix(o.Path, ".pdf"))
		if err := os.Mkdir(out, 0o755); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("mutool", "extract", p)
		cmd.Dir = out
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: mutool extract: %v\n%s", o.Path, err, msg)
		}
		files, _ := filepath.Glob(filepath.Join(out, "font-*.ttf"))
		cids, _ := filepath.Glob(filepath.Join(out, "font-*.cid"))
		if len(files)+len(cids) != len(lines) {
			t.Errorf("%s: mutool extracted %d font programs, pdffonts lists %d fonts", o.Path, len(files)+len(cids), len(lines))
		}
		for _, f := range cids {
			if msg, err := fontToolsCFF(f); err != nil {
				t.Errorf("%s: fontTools cannot read %s: %v\n%s", o.Path, filepath.Base(f), err, msg)
			} else if msg, err := exec.Command("ots-sanitize", f+".otf", f+".ots").CombinedOutput(); err != nil {
				t.Errorf("%s: OTS rejects %s: %v\n%s", o.Path, filepath.Base(f), err, msg)
			}
		}
		for _, file := range files {
			if msg, err := exec.Command("ots-sanitize", file, file+".ots").CombinedOutput(); err != nil {
				t.Errorf("%s: OTS rejects %s: %v\n%s", o.Path, filepath.Base(file), err, msg)
			}
		}
		fonts[o.Path] = files
	}
	if len(fonts) == 0 {
		t.Fatal("no PDFs read")
	}
	// One fontTools run over every font program (its start-up is the
	// slow part); only if it fails, one per PDF to say which.
	if msg, err := ttx(slices.Concat(slices.Collect(maps.Values(fonts))...)); err != nil {
		for pdf, files := range fonts {
			if msg, err := ttx(files); err != nil {
				t.Errorf("%s: fontTools cannot read its fonts: %v\n%s", pdf, err, msg)
			}
		}
		if !t.Failed() {
			t.Errorf("fontTools cannot read the fonts together: %v\n%s", err, msg)
		}
	}
}

// ttx decompiles every table of files with fontTools, each beside itself;
// -e makes a table it cannot decompile an error, not a log line.
func ttx(files []string) ([]byte, error) {
	msg, err := exec.Command("ttx", append([]string{"-q", "-e"}, files...)...).CombinedOutput()
	if err == nil && bytes.Contains(msg, []byte("ERROR")) {
		err = errors.New("ttx logged an error")
	}
	return msg, err
}

// TestSharedCharactersTakeTheRunsFont: punctuation, digits and the danda
// come from the font of the script they sit in, so a Bengali or Punjabi
// poster embeds no Devanagari font.
func TestSharedCharactersTakeTheRunsFont(t *testing.T) {
	testtool.Need(t, "pdffonts")
	dir, rep, _, _ := buildAll(t)
	foreign := map[string]string{"bn": "Devanagari", "pa": "Devanagari"}
	checked := 0
	for _, o := range rep.Outputs {
		bad, ok := foreign[o.Locale]
		if !ok || o.Edition != edition.Screen {
			continue
		}
		checked++
		if out := testtool.Run(t, "pdffonts", filepath.Join(dir, o.Path)); bytes.Contains(out, []byte(bad)) {
			t.Errorf("%s embeds a %s font:\n%s", o.Path, bad, out)
		}
	}
	if checked == 0 {
		t.Fatal("no Bengali or Punjabi PDFs built")
	}
}
