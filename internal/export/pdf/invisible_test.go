package pdf

import (
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/testtool"
)

// TestInvisibleNotWritten: the shaper draws a ZWNJ with the face's space
// glyph and no advance. The PDF does not write that glyph, and the space
// glyph keeps the text of a space, so the real space after it reads as a
// space and the word with the ZWNJ stays one word.
func TestInvisibleNotWritten(t *testing.T) {
	run := text(t, loadFont(t), "x y z", 40, 40, 12, black)
	run.Source = "x\u200cy z" // glyph 1, the space glyph, draws the ZWNJ
	run.Glyphs[1].Advance = 0
	run.Glyphs[2].X = run.Glyphs[1].X
	space := run.Glyphs[3].ID
	doc := sample(t, false)
	doc.Pages[0].Items = append([]page.Item{run}, doc.Pages[0].Items...) // the first text of the document
	us, err := collectFonts(doc)
	if err != nil {
		t.Fatal(err)
	}
	if got := us[0].texts[space]; got != " " {
		t.Errorf("the space glyph stands for %q, want a space", got)
	}
	if got := withoutInvisible(run).Glyphs; len(got) != 4 || got[1].ID == space {
		t.Errorf("written glyphs %v, want x y space z", got)
	}
	testtool.Need(t, "pdftotext")
	out := string(testtool.Run(t, "pdftotext", "-enc", "UTF-8", export(t, doc, RGB), "-"))
	if !strings.Contains(out, "xy z") {
		t.Errorf("pdftotext reads %q, want it to hold \"xy z\"", out)
	}
}

// TestNumberPunctInRTL: in a right-to-left run, a full stop beside a
// number is fenced with right-to-left marks; a letter is not.
func TestNumberPunctInRTL(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{{".", true}, {"-", true}, {"،", true}, {"%", true}, {"—", false}, {"(", false}, {"א", false}, {"", false}} {
		if got := numberPunct([]rune(c.s)); got != c.want {
			t.Errorf("numberPunct(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}

// TestSpanOrder: a word carrying ActualText is drawn from its leftmost
// glyph to the one that ends furthest right, whatever the shaper's order
// (a Nastaliq dot set to the right of its letter comes first there), and a
// word already in that order is left as it is.
func TestSpanOrder(t *testing.T) {
	f := loadFont(t)
	run := text(t, f, "abc", 0, 0, 10, black) // advances about 5.6, 6.2, 4.8
	a, b, c := run.Glyphs[0], run.Glyphs[1], run.Glyphs[2]
	dot := a
	dot.X, dot.Y, dot.ID = 9, -1, run.Glyphs[0].ID // a glyph inside b's box, raised
	df := &docFont{info: info(f)}
	for _, tc := range []struct {
		name     string
		in, want []page.Glyph
	}{
		{"in order", []page.Glyph{a, b, c}, []page.Glyph{a, b, c}},
		{"mark first", []page.Glyph{dot, a, b, c}, []page.Glyph{a, dot, b, c}},
		{"right end first", []page.Glyph{c, a, b}, []page.Glyph{a, b, c}},
		{"one wide glyph and its mark", []page.Glyph{dot, a}, []page.Glyph{a, dot}},
	} {
		got := spanOrder(tc.in, df, 10)
		if len(got) != len(tc.want) {
			t.Fatalf("%s: %d glyphs, want %d", tc.name, len(got), len(tc.want))
		}
		for k := range got {
			if got[k] != tc.want[k] {
				t.Errorf("%s: glyph %d at x %.1f, want the one at x %.1f", tc.name, k, got[k].X, tc.want[k].X)
			}
		}
	}
}

// TestLineEnd: what ends a line in the text layer. A line that broke at
// a space ends with the font's space glyph, so readers that join lines
// (MuPDF, structure-based readers) read "Anything you", not
// "Anythingyou"; a line that broke after a hyphen of the source ends with
// a zero-width space, so poppler's plain pdftotext, which drops a hyphen
// that ends a line as hyphenation, reads the Welsh "ar-lein" as written,
// not "arlein"; a line with neither gets nothing.
func TestLineEnd(t *testing.T) {
	testtool.Need(t, "mutool", "pdftotext")
	f := loadFont(t)
	mutool := func(p string) []string { return []string{"mutool", "draw", "-F", "txt", "-o", "-", p} }
	poppler := func(p string) []string { return []string{"pdftotext", "-enc", "UTF-8", p, "-"} }
	for _, c := range []struct {
		name   string
		a, b   string
		space  bool
		hyphen bool
		read   func(string) []string
		want   string
	}{
		{"space", "Anything", "you", true, false, mutool, "Anything \nyou"},
		{"no space", "Anything", "you", false, false, mutool, "Anything\nyou"},
		{"hyphen break", "ar-", "lein", false, true, poppler, "ar-\u200b\nlein"},
		{"hyphen, unmarked", "ar-", "lein", false, false, poppler, "arlein"},
	} {
		a := text(t, f, c.a, 40, 40, 12, black)
		a.SpaceAfter, a.HyphenBreak = c.space, c.hyphen
		b := text(t, f, c.b, 40, 56, 12, black)
		doc := sample(t, false)
		doc.Pages[0].Items = append(doc.Pages[0].Items, a, b)
		args := c.read(export(t, doc, RGB))
		out := string(testtool.Run(t, args[0], args[1:]...))
		if !strings.Contains(out, c.want) {
			t.Errorf("%s: %s reads %q, want it to hold %q", c.name, args[0], out, c.want)
		}
	}
}
