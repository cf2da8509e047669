package build_test

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/testtool"
	"github.com/handbill/handbill/internal/typeset"
)

// pdfjsVersion is the pdfjs-dist .ci/run installs: the last minor line
// whose legacy build runs on Node.js 20 (5.7 and 6 need Node.js 22).
const pdfjsVersion = "5.6.205"

// TestPDFJSReads reads the screen edition of every bundled layout in
// English, Arabic, Urdu and Bengali with a second, independent reader, pdf.js
// (Firefox's PDF viewer; testdata/pdfjs/read.mjs prints what it reads),
// and checks it against the display list build.RenderEditions wrote:
// /MarkInfo /Marked; the Info and XMP titles are the document's localised
// title (no ids) and its language the locale; the outline names each page by its
// heading; on each page the structure elements come in the display list's
// reading order with their roles, nesting and languages; every QR Figure
// has the display list's alternative text, in the locale's script, and
// every other Figure some; every link annotation has /Contents and its URI
// and sits in its Link element (a QR code's /Contents in the script);
// every marked-content sequence belongs to exactly one element; and the
// text under each element is the text of its runs.
//
// pdf.js honours /ActualText only on structure elements (as their alt),
// not in marked content, where handbill writes it (for poppler, whose
// text extraction uses it): a word written with ActualText reads as its
// glyphs' ToUnicode texts, which for Bengali conjuncts and reordered
// vowel signs and for most Nastaliq words are not the word. So in a
// Latin-script locale, whose spans (phone numbers) read right by their
// glyphs, the text must be exact, white space collapsed; elsewhere every
// letter outside a span must be exact and in order, each span standing
// for at least one letter, white space ignored (pdf.js puts spaces inside
// Bengali words at raised glyphs and joins an Urdu comma to the next
// word). The log says how many letters pdf.js reads outside spans.
func TestPDFJSReads(t *testing.T) {
	testtool.Slow(t)
	lib := needPDFJS(t)
	c, cat, reg := loadBundled(t)
	cmp := build.Composer(c, cat, reg, build.Options{Creator: "handbill test", Date: c.Date})
	s := typeset.NewSetter(reg)
	dir := t.TempDir()
	type file struct {
		lay, loc string
		doc      *page.Doc
	}
	var files []file
	var paths []string
	for _, lay := range c.Layouts {
		for _, loc := range []string{"en-GB", "ar", "ur", "bn"} {
			pairs, err := build.Pairs(c, []string{lay.Name}, []string{loc})
			if err != nil {
				t.Fatal(err)
			}
			_, docs, err := build.RenderEditions(cmp, s, pairs[0], []edition.Edition{edition.Screen})
			if err != nil {
				t.Fatal(err)
			}
			if docs[0].Err != nil {
				t.Fatal(docs[0].Err)
			}
			path := filepath.Join(dir, build.FileName(c.ID, pairs[0], edition.Screen))
			if err := os.WriteFile(path, docs[0].PDF, 0o644); err != nil {
				t.Fatal(err)
			}
			files = append(files, file{lay.Name, loc, docs[0].Doc})
			paths = append(paths, path)
		}
	}
	cmd := exec.Command("node", append([]string{filepath.Join("testdata", "pdfjs", "read.mjs"), lib}, paths...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node read.mjs: %v\n%s", err, stderr.String())
	}
	var read []pdfjsDoc
	if err := json.Unmarshal(out, &read); err != nil {
		t.Fatalf("read.mjs printed no JSON: %v\n%.500s", err, out)
	}
	if len(read) != len(files) {
		t.Fatalf("read.mjs read %d files, want %d", len(read), len(files))
	}
	for i, f := range files {
		t.Run(f.lay+"/"+f.loc, func(t *testing.T) {
			checkPDFJSDoc(t, f.lay, f.loc, f.doc, &read[i])
			var plain, all int
			for pi := range f.doc.Pages {
				checkPDFJSPage(t, f.loc, f.doc, pi, &read[i].Pages[pi], &plain, &all)
			}
			t.Logf("pdf.js reads %d of %d letters (%.0f%%) exactly (outside marked-content ActualText)", plain, all, 100*float64(plain)/float64(max(all, 1)))
		})
	}
}

// needPDFJS returns pdf.js's legacy build (pdf.mjs), skipping or failing
// t (testtool.Missing) without it or without a Node.js it runs on.
// HANDBILL_PDFJS names pdf.mjs, else the cache folder .ci/run uses.
func needPDFJS(t *testing.T) string {
	t.Helper()
	testtool.Need(t, "node")
	v, err := exec.Command("node", "--version").Output()
	if err != nil {
		testtool.Missing(t, "node", err)
	}
	if major, minor := nodeVersion(string(v)); major < 20 || major == 20 && minor < 19 {
		testtool.Missing(t, "Node.js 20.19 or later (pdfjs-dist "+pdfjsVersion+" needs it)", fmt.Errorf("node --version says %s", strings.TrimSpace(string(v))))
	}
	home, _ := os.UserHomeDir()
	return testtool.NeedFile(t, "HANDBILL_PDFJS", []string{filepath.Join(home, ".cache", "handbill-pdfjs", "node_modules", "pdfjs-dist", "legacy", "build", "pdf.mjs")},
		"install it with: npm install --prefix ~/.cache/handbill-pdfjs pdfjs-dist@"+pdfjsVersion+" (see .ci/run)")
}

// nodeVersion reads "v20.19.2" as 20, 19; 0, 0 when it cannot.
func nodeVersion(v string) (major, minor int) {
	parts := strings.SplitN(strings.TrimPrefix(strings.TrimSpace(v), "v"), ".", 3)
	if len(parts) < 2 {
		return 0, 0
	}
	major, _ = strconv.Atoi(parts[0])
	minor, _ = strconv.Atoi(parts[1])
	return major, minor
}

// pdfjsDoc is what read.mjs prints of one PDF.
type pdfjsDoc struct {
	Title, Lang       string
	XMPTitle, XMPLang string
	Marked            bool
	Outline           []struct {
		Title string
		Page  int
	}
	Pages []pdfjsPage
}

// pdfjsPage is what pdf.js reads of one page: its structure tree, its
// marked-content sequences with their text, in content order, and its
// annotations.
type pdfjsPage struct {
	Tree    pdfjsNode
	Content []struct{ ID, Tag, Text string }
	Annots  []struct{ ID, Subtype, Contents, URL string }
}

// pdfjsNode is a node of pdf.js's structure tree (getStructTree): an
// element (Role, its Alt or ActualText as Alt, Lang, Children), or a
// content kid (Type "content", ID the marked-content id) or an object kid
// (Type "object", ID the annotation's).
type pdfjsNode struct {
	Role, Alt, Lang string
	Children        []pdfjsNode
	Type, ID        string
}

// checkPDFJSDoc checks what pdf.js reads of the document as a whole.
func checkPDFJSDoc(t *testing.T, lay, loc string, doc *page.Doc, r *pdfjsDoc) {
	t.Helper()
	if !r.Marked {
		t.Error("getMarkInfo: Marked is not true")
	}
	if r.Title != doc.Title || r.XMPTitle != doc.Title {
		t.Errorf("title: Info %q, XMP dc:title %q; want the document's title %q", r.Title, r.XMPTitle, doc.Title)
	}
	if !inScript(doc.Title, loc) || strings.Contains(doc.Title, lay) {
		t.Errorf("title %q: want the campaign's title in %s's script, without the layout's name", doc.Title, loc)
	}
	if r.Lang != loc || r.XMPLang != loc || doc.Lang != loc {
		t.Errorf("language: Info %q, XMP dc:language %q, display list %q; want %q", r.Lang, r.XMPLang, doc.Lang, loc)
	}
	var want []string
	for pi, p := range doc.Pages {
		if p.Bookmark != "" {
			want = append(want, fmt.Sprintf("%d %s", pi+1, p.Bookmark))
		}
	}
	var got []string
	for _, o := range r.Outline {
		got = append(got, fmt.Sprintf("%d %s", o.Page, o.Title))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("outline:\n%s\nwant (page, bookmark):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(r.Pages) != len(doc.Pages) {
		t.Fatalf("pdf.js reads %d pages, want %d", len(r.Pages), len(doc.Pages))
	}
}

// element is one structure element with content on a page, as the display
// list gives it or as pdf.js reads it, in depth-first reading order.
type element struct {
	depth     int // 0 for the Document's kids
	role      string
	alt, lang string
	text      string       // display list: its runs on the page, joined by spaces
	links     []*page.Link // display list: its links on the page
	qr        bool         // display list: a QR code's Figure, or the Link holding one
	content   []string     // pdf.js: its marked-content ids, and its words' ActualText (spanWord)
	spanned   []string     // pdf.js: the marked-content ids of its words' Span elements
	objects   []string     // pdf.js: its annotations' ids
}

// spanWord marks, in element.content, a word's Span element that carries
// the word in reading order as its /ActualText (a right-to-left word whose
// content carries ActualText in visual order, for poppler); pdf.js gives
// it as the Span's alt, as it gives a Figure's.
const spanWord = "ActualText:"

func (e element) String() string {
	s := strings.Repeat("  ", e.depth) + e.role
	if e.lang != "" {
		s += " lang=" + e.lang
	}
	if e.alt != "" {
		s += fmt.Sprintf(" alt=%q", e.alt)
	}
	return s
}

// listing writes elements one a line.
func listing(els []element) string {
	var b strings.Builder
	for _, e := range els {
		b.WriteString(e.String() + "\n")
	}
	return b.String()
}

// displayElements lists the display list's structure elements that have
// an item on page pi, depth first.
func displayElements(doc *page.Doc, pi int) []element {
	on := map[page.Item]bool{}
	for _, it := range doc.Pages[pi].Items {
		on[it] = true
	}
	var has func(el *page.Element) bool
	has = func(el *page.Element) bool {
		for _, k := range el.Kids {
			if c, ok := k.(*page.Element); ok && has(c) {
				return true
			} else if it, ok := k.(page.Item); ok && on[it] {
				return true
			}
		}
		return false
	}
	var els []element
	for _, top := range doc.Structure {
		top.Walk(func(el *page.Element, depth int) {
			if !has(el) {
				return
			}
			e := element{depth: depth, role: string(el.Role), alt: el.Alt, lang: el.Lang}
			var runs []string
			for _, k := range el.Kids {
				switch it := k.(type) {
				case *page.Text:
					if on[it] {
						runs = append(runs, it.Source)
					}
				case *page.Link:
					if on[it] {
						e.links = append(e.links, it)
					}
				}
			}
			e.text = strings.Join(runs, " ")
			e.qr = drawsQR(el)
			els = append(els, e)
		})
	}
	return els
}

// drawsQR reports whether el is a QR code's Figure (it draws Squares) or
// the Link element holding one.
func drawsQR(el *page.Element) bool {
	for _, k := range el.Kids {
		switch k := k.(type) {
		case *page.Squares:
			return true
		case *page.Element:
			if el.Role == page.RoleLink && drawsQR(k) {
				return true
			}
		}
	}
	return false
}

// pdfjsElements lists the elements of pdf.js's structure tree of a page,
// depth first, below the Document element.
func pdfjsElements(t *testing.T, root pdfjsNode) []element {
	t.Helper()
	if root.Role != "Root" || len(root.Children) != 1 || root.Children[0].Role != "Document" {
		t.Fatalf("structure tree: want one Document element under the root, got %d kids of %q", len(root.Children), root.Role)
	}
	var els []element
	var walk func(n pdfjsNode, depth int)
	walk = func(n pdfjsNode, depth int) {
		i := len(els)
		els = append(els, element{depth: depth, role: n.Role, alt: n.Alt, lang: n.Lang})
		for _, k := range n.Children {
			switch k.Type {
			case "content":
				els[i].content = append(els[i].content, k.ID)
			case "object":
				els[i].objects = append(els[i].objects, k.ID)
			default:
				if k.Role == "Span" && k.Alt != "" {
					els[i].content = append(els[i].content, spanWord+k.Alt)
					for _, c := range k.Children {
						els[i].spanned = append(els[i].spanned, c.ID)
					}
					continue
				}
				walk(k, depth+1)
			}
		}
	}
	for _, k := range root.Children[0].Children {
		walk(k, 0)
	}
	return els
}

// checkPDFJSPage checks pdf.js's reading of page pi against the display
// list.
func checkPDFJSPage(t *testing.T, loc string, doc *page.Doc, pi int, r *pdfjsPage, plain, all *int) {
	t.Helper()
	exact := inScript("a", loc) // in a Latin-script locale
	want, got := displayElements(doc, pi), pdfjsElements(t, r.Tree)
	if listing(got) != listing(want) {
		t.Fatalf("page %d: pdf.js reads the structure elements\n%swant, in the display list's order:\n%s", pi+1, listing(got), listing(want))
	}
	seqs := map[string]int{}
	for i, c := range r.Content {
		seqs[c.ID] = i
	}
	annots := map[string]int{}
	for i, a := range r.Annots {
		annots[a.ID] = i
	}
	owned := map[string]bool{}
	for i, g := range got {
		w := want[i]
		if g.role == "Figure" && (g.alt == "" || w.qr && !inScript(g.alt, loc)) {
			t.Errorf("page %d: Figure alt %q: want alternative text, for a QR code in %s's script", pi+1, g.alt, loc)
		}
		var text []pdfjsSeq
		for _, id := range g.spanned {
			if _, ok := seqs[id]; !ok || owned[id] {
				t.Errorf("page %d: %s: marked content %s of a word is not on the page or belongs to two elements", pi+1, g, id)
			}
			owned[id] = true
		}
		for _, id := range g.content {
			if alt, ok := strings.CutPrefix(id, spanWord); ok {
				text = append(text, pdfjsSeq{"ActualText", alt})
				continue
			}
			j, ok := seqs[id]
			if !ok || owned[id] {
				t.Errorf("page %d: %s: marked content %s is not on the page or belongs to two elements", pi+1, g, id)
				continue
			}
			owned[id] = true
			text = append(text, pdfjsSeq{r.Content[j].Tag, r.Content[j].Text})
		}
		if !readsAs(text, w.text, exact) {
			t.Errorf("page %d: %s reads %q; want the text of its runs, %q (exact: %v)", pi+1, g, text, w.text, exact)
		}
		p, a := plainShare(text, w.text)
		*plain, *all = *plain+p, *all+a
		if len(g.objects) != len(w.links) {
			t.Errorf("page %d: %s holds annotations %v, want %d links", pi+1, g, g.objects, len(w.links))
			continue
		}
		for k, id := range g.objects {
			j, ok := annots[id]
			if !ok {
				t.Errorf("page %d: %s holds annotation %s, which is not on the page", pi+1, g, id)
				continue
			}
			a, l := r.Annots[j], w.links[k]
			if a.Subtype != "Link" || a.Contents == "" || a.Contents != l.Alt || a.URL != l.URI || w.qr && !inScript(a.Contents, loc) {
				t.Errorf("page %d: annotation %s is a %s to %q with /Contents %q; want a Link to %q with /Contents %q (a QR code's in %s's script)", pi+1, id, a.Subtype, a.URL, a.Contents, l.URI, l.Alt, loc)
			}
			delete(annots, id)
		}
	}
	for id := range annots {
		t.Errorf("page %d: annotation %s (%s) is in no structure element", pi+1, id, r.Annots[annots[id]].Subtype)
	}
	for _, c := range r.Content {
		if !owned[c.ID] {
			t.Errorf("page %d: marked content %s (%s, %q) belongs to no structure element", pi+1, c.ID, c.Tag, c.Text)
		}
	}
}

// pdfjsSeq is one marked-content sequence as pdf.js reads it.
type pdfjsSeq struct{ Tag, Text string }

// readsAs reports whether the sequences of an element read as want.
// Exactly, ActualText spans (tag Span) included, white space collapsed,
// when exact; else every character outside a span in order, each span
// standing for at least one character (pdf.js reads a span's glyphs, not
// its ActualText), white space ignored. A word's Span element (tag
// ActualText) reads as its ActualText, exactly, in both.
func readsAs(seqs []pdfjsSeq, want string, exact bool) bool {
	// Format characters draw nothing and are not written (a word joiner
	// that keeps "non-⁠emergency" whole).
	want = strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, want)
	if exact {
		var got strings.Builder
		for _, s := range seqs {
			got.WriteString(s.Text)
		}
		return strings.Join(strings.Fields(got.String()), " ") == strings.Join(strings.Fields(want), " ")
	}
	var b strings.Builder
	b.WriteString(`^`)
	for _, s := range seqs {
		if s.Tag == "Span" {
			b.WriteString(`.+?`)
		} else {
			b.WriteString(regexp.QuoteMeta(noSpace(s.Text)))
		}
	}
	b.WriteString(`$`)
	return regexp.MustCompile(b.String()).MatchString(noSpace(want))
}

// plainShare returns how many of the non-space characters of want pdf.js
// reads outside ActualText spans, and how many there are.
func plainShare(seqs []pdfjsSeq, want string) (plain, all int) {
	for _, s := range seqs {
		if s.Tag != "Span" {
			plain += utf8.RuneCountInString(noSpace(s.Text))
		}
	}
	return plain, utf8.RuneCountInString(noSpace(want))
}

// noSpace returns s without its white space.
func noSpace(s string) string { return strings.Join(strings.Fields(s), "") }

// inScript reports whether s has a letter of the script loc is written in.
func inScript(s, loc string) bool {
	sc, _ := language.Make(loc).Script()
	table := map[string]*unicode.RangeTable{"Latn": unicode.Latin, "Arab": unicode.Arabic, "Beng": unicode.Bengali}[sc.String()]
	if table == nil {
		panic("inScript: no table for script " + sc.String())
	}
	for _, r := range s {
		if unicode.IsLetter(r) && unicode.Is(table, r) {
			return true
		}
	}
	return false
}
