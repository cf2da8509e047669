package sfnt

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/go-pdf/fpdf"
)

// checkFPDF embeds the subset out with fpdf v0.9.0, writes every mapped code
// as text and checks the PDF is produced without error. When poppler's
// pdffonts and pdftotext are on PATH it also checks the font is embedded and
// that the extracted text holds the mapped real (non-PUA) code points. The
// poppler part is skipped when the tools are missing, unless
// HANDBILL_REQUIRE_TOOLS=1.
func checkFPDF(t *testing.T, out []byte, m []Mapping) {
	t.Helper()
	var text []rune
	for _, mp := range m {
		text = append(text, mp.Code)
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("x", "", out)
	pdf.SetFont("x", "", 14) // sets pdf.Err() if fpdf could not load the font
	if pdf.Err() {
		t.Fatalf("fpdf rejects the subset: %v", pdf.Error())
	}
	if w := pdf.GetStringWidth(string(text)); w <= 0 && !pdf.Err() {
		t.Errorf("fpdf measures the text as %v wide", w)
	}
	// Short lines, so that no text falls off the page (pdftotext crops).
	for i := 0; i < len(text); i += 16 {
		if i%(16*30) == 0 {
			pdf.AddPage()
		}
		pdf.Text(10, float64(20+8*(i/16%30)), string(text[i:min(i+16, len(text))]))
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		t.Fatalf("fpdf output: %v", err)
	}
	if pdf.Err() {
		t.Fatalf("fpdf: %v", pdf.Error())
	}
	if !bytes.Contains(buf.Bytes(), []byte("/FontFile2")) {
		t.Fatal("fpdf did not embed the font")
	}

	pdffonts, err1 := exec.LookPath("pdffonts")
	pdftotext, err2 := exec.LookPath("pdftotext")
	if err1 != nil || err2 != nil {
		if os.Getenv("HANDBILL_REQUIRE_TOOLS") == "1" {
			t.Fatal("HANDBILL_REQUIRE_TOOLS=1 but pdffonts/pdftotext (poppler-utils) are not on PATH")
		}
		t.Log("poppler's pdffonts/pdftotext not on PATH: skipping the extraction check")
		return
	}
	file := filepath.Join(t.TempDir(), "subset.pdf")
	if err := os.WriteFile(file, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	fonts, err := exec.Command(pdffonts, file).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, fonts)
	}
	if !strings.Contains(string(fonts), "CID TrueType") || !strings.Contains(string(fonts), "yes") {
		t.Fatalf("pdffonts does not list an embedded CID TrueType font:\n%s", fonts)
	}
	got, err := exec.Command(pdftotext, "-enc", "UTF-8", file, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, got)
	}
	extracted := string(got)
	for _, mp := range m {
		c := mp.Code
		if (c >= 0xE000 && c <= 0xF8FF) || unicode.IsSpace(c) || unicode.IsControl(c) {
			continue
		}
		if !strings.ContainsRune(extracted, c) {
			t.Errorf("pdftotext output lacks %U (%q); got %q", c, c, extracted)
		}
	}
}

func TestFPDFAcceptsSubset(t *testing.T) {
	src := loadTestFont(t)
	m := sampleMappings(t, src)
	out, _, err := Subset(src, m)
	if err != nil {
		t.Fatal(err)
	}
	checkFPDF(t, out, m)
}

func TestFPDFAcceptsFullRemap(t *testing.T) {
	src := loadTestFont(t)
	m := allMappings(t, src)
	for _, long := range []bool{false, true} {
		out, _, err := subset(src, m, long)
		if err != nil {
			t.Fatal(err)
		}
		checkFPDF(t, out, m)
	}
}
