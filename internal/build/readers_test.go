package build_test

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/testtool"
)

// readerShort is, per locale, how many of its messages (over every
// layout) each reader may miss; a message is returned when it is found
// whole in the reader's text with white
// space and format characters aside: poppler's pdftotext (plain and
// -raw), MuPDF's mutool draw -F txt, pdf.js's text content and pdf.js's
// structure tree (the text of each element in the tree's order, a
// word's Span element read as its ActualText, as Firefox gives it to a
// screen reader). The tree must return every message. What the others
// miss, of 96 messages per locale when the test was written:
//   - poppler plain orders blocks by its own heuristics: lines more than
//     1.5 times the font size apart are blocks of their own, and one-line
//     blocks in side-by-side columns that align are taken for a table
//     and read across it. Nastaliq needs a leading of 1.9, so Urdu on the
//     DL leaflet, three panels side by side, loses 1 to 3 messages (the
//     allowance leaves room, as which lines poppler pairs moves with
//     every re-wrap), and since issue 27 set the helpline lines by their
//     own ink (941055b, 91efdde) the Urdu A5 bi-fold's outside loses 5
//     the same way: the cover's lines and the helplines' lines beside it
//     now sit on one grid; on the Arabic DL, set at 12 pt since f1c5730,
//     stacked marks make the third risk paragraph's lines 1.55 times the
//     size apart, so its last line is read after the next panel (ar 1);
//     -raw reads an Arabic number's punctuation and an
//     Urdu word-final zer out of place (ar 3, ur 10);
//   - MuPDF and pdf.js's text content read glyphs by ToUnicode only,
//     without ActualText: Bengali and Gurmukhi clusters whose glyphs are
//     reordered by shaping, Arabic words with marks or lam-alef, and
//     Nastaliq (ar 56 and 30, ur 91, bn 91, pa 59; what they return is
//     mostly the English messages).
var readerShort = map[string][5]int{
	//          poppler raw mutool pdfjs tree
	"en-GB":   {0, 0, 0, 0, 0},
	"ar":      {1, 3, 56, 30, 0},
	"ur":      {7, 10, 91, 91, 0},
	"bn":      {0, 0, 91, 91, 0},
	"pa":      {0, 0, 59, 59, 0},
	"zh-Hans": {0, 0, 0, 0, 0},
}

var readerNames = [5]string{"pdftotext", "pdftotext -raw", "mutool", "pdf.js text", "pdf.js tree"}

// TestReaderMatrix reads the screen edition of every bundled layout in
// en-GB, ar, ur, bn, pa and zh-Hans with five readers and counts the
// messages each returns (see readerShort); it logs the matrix.
func TestReaderMatrix(t *testing.T) {
	testtool.Slow(t)
	testtool.Need(t, "pdftotext", "mutool")
	lib := needPDFJS(t)
	dir, rep, c, cat := buildAll(t)
	type file struct {
		loc  string
		path string
		msgs []string
	}
	var files []file
	for _, o := range rep.Outputs {
		if _, ok := readerShort[o.Locale]; ok && o.Edition == edition.Screen && o.Area == "" {
			files = append(files, file{o.Locale, filepath.Join(dir, o.Path), expectedStrings(t, c, cat, o.Layout, o.Locale)})
		}
	}
	paths := make([]string, len(files))
	for i, f := range files {
		paths[i] = f.path
	}
	out, err := exec.Command("node", append([]string{filepath.Join("testdata", "pdfjs", "read.mjs"), lib}, paths...)...).Output()
	if err != nil {
		t.Fatalf("node read.mjs: %v", err)
	}
	var read []pdfjsDoc
	if err := json.Unmarshal(out, &read); err != nil || len(read) != len(files) {
		t.Fatalf("read.mjs: %v (%d documents for %d files)", err, len(read), len(files))
	}
	got := map[string]*[5]int{}
	total := map[string]int{}
	for i, f := range files {
		texts := [5]string{
			string(testtool.Run(t, "pdftotext", f.path, "-")),
			string(testtool.Run(t, "pdftotext", "-raw", f.path, "-")),
			string(testtool.Run(t, "mutool", "draw", "-F", "txt", "-o", "-", f.path)),
			pdfjsText(&read[i]),
			pdfjsTreeText(&read[i]),
		}
		if got[f.loc] == nil {
			got[f.loc] = &[5]int{}
		}
		for k, text := range texts {
			got[f.loc][k] += countMessages(text, f.msgs)
		}
		total[f.loc] += len(f.msgs)
	}
	t.Logf("messages each reader returns:\n%s", readerReport(t, got, total))
}

// countMessages returns how many of msgs text holds, white space and
// format characters aside.
func countMessages(text string, msgs []string) int {
	have := squeeze(text)
	n := 0
	for _, m := range msgs {
		if strings.Contains(have, squeeze(m)) {
			n++
		}
	}
	return n
}

// pdfjsText is pdf.js's text content of a document, in content order.
func pdfjsText(d *pdfjsDoc) string {
	var b strings.Builder
	for _, p := range d.Pages {
		for _, c := range p.Content {
			b.WriteString(c.Text)
		}
	}
	return b.String()
}

// pdfjsTreeText is the text of pdf.js's structure tree in the tree's
// order: each content kid's text, a word's Span element as its ActualText.
func pdfjsTreeText(d *pdfjsDoc) string {
	var b strings.Builder
	for _, p := range d.Pages {
		content := map[string]string{}
		for _, c := range p.Content {
			content[c.ID] = c.Text
		}
		var walk func(n pdfjsNode)
		walk = func(n pdfjsNode) {
			for _, k := range n.Children {
				switch {
				case k.Type == "content":
					b.WriteString(content[k.ID])
				case k.Role == "Span" && k.Alt != "":
					b.WriteString(k.Alt)
				default:
					walk(k)
				}
			}
		}
		walk(p.Tree)
	}
	return b.String()
}

// readerReport checks each locale's counts against readerShort and
// returns them as a table.
func readerReport(t *testing.T, got map[string]*[5]int, total map[string]int) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "%-8s %5s", "locale", "msgs")
	for _, n := range readerNames {
		fmt.Fprintf(&b, " %15s", n)
	}
	for _, loc := range []string{"en-GB", "ar", "ur", "bn", "pa", "zh-Hans"} {
		short, g := readerShort[loc], got[loc]
		if g == nil {
			t.Errorf("%s: no screen PDFs", loc)
			continue
		}
		fmt.Fprintf(&b, "\n%-8s %5d", loc, total[loc])
		for k := range g {
			fmt.Fprintf(&b, " %15d", g[k])
			if g[k] < total[loc]-short[k] {
				t.Errorf("%s: %s returns %d of %d messages, want at least %d", loc, readerNames[k], g[k], total[loc], total[loc]-short[k])
			}
		}
	}
	return b.String()
}
