package build_test

import (
	"encoding/base64"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/testtool"
)

// uaRule is one machine-checkable rule of veraPDF's PDF/UA-1 validation
// profile (ISO 14289-1) that applies to what handbill writes; check
// returns "" when a file meets it, else what is wrong.
type uaRule struct {
	id, what string
	check    func(p *pdfObjects) string
}

// uaRules are the rules TestPDFUARules checks on every screen PDF. Each
// has a planted defect in TestPDFUARulesCatchDefects, so none passes
// because it checks nothing.
var uaRules = []uaRule{
	{"7.1-3", "all content is tagged or an artifact", untaggedContent},
	{"7.1-8/-9, 5", "MarkInfo Marked, DisplayDocTitle, XMP dc:title and pdfuaid:part 1", func(p *pdfObjects) string {
		c := p.catalog()
		if p.dict(c["/MarkInfo"])["/Marked"] != true || p.dict(c["/ViewerPreferences"])["/DisplayDocTitle"] != true {
			return "not Marked, or DisplayDocTitle not true"
		}
		x := string(p.data(c["/Metadata"]))
		for _, re := range []string{`<pdfuaid:part>1</pdfuaid:part>`, `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">[^<]+</rdf:li>`} {
			if !regexp.MustCompile(re).MatchString(x) {
				return "XMP metadata lacks " + re
			}
		}
		return ""
	}},
	{"7.21.7-1/-2", "every character code shown maps to Unicode, not to nothing, U+0000, U+FEFF or U+FFFE", unmappedCodes},
	{"7.3-1", "every Figure has alternative text", func(p *pdfObjects) string {
		return p.none("/StructElem", func(d map[string]any) bool { return d["/S"] == "/Figure" && d["/Alt"] == nil }, "is a Figure without /Alt")
	}},
	{"7.2-29/-34", "a natural language in the catalog and every /Lang well formed (RFC 3066)", badLang},
	{"7.18.1-2, 7.18.5-1/-2", "every link annotation has /Contents and sits in a Link element", badLinks},
	{"7.4.2-1, 7.4.4-1", "the first heading is H1 and no heading level is skipped", badHeadings},
	{"ISO 32000-1 §14.8.4.3.3", "a list holds list items, a list item a label or a body", badLists},
}

// TestPDFUARules checks uaRules on the screen edition of every bundled
// layout in every locale: no free PDF/UA validator runs here (veraPDF
// needs Java), so these are veraPDF's rules for what handbill writes,
// written again.
func TestPDFUARules(t *testing.T) {
	testtool.Need(t, "qpdf")
	dir, rep, _, _ := buildAll(t)
	n := 0
	for _, o := range rep.Outputs {
		if o.Edition != edition.Screen {
			continue
		}
		n++
		p := readObjects(t, filepath.Join(dir, o.Path))
		for _, r := range uaRules {
			if why := r.check(p); why != "" {
				t.Errorf("%s: rule %s (%s): %s", o.Path, r.id, r.what, why)
			}
		}
	}
	if n == 0 {
		t.Fatal("no screen PDFs built")
	}
	t.Logf("%d rules on %d screen PDFs", len(uaRules), n)
}

// TestPDFUARulesCatchDefects plants one defect per rule in an Urdu A4
// poster (which has every kind of element; under -short, the A4 poster of
// the locale the short tier builds) and checks that its rule, and only
// its rule, reports it.
func TestPDFUARulesCatchDefects(t *testing.T) {
	testtool.Need(t, "qpdf")
	dir, rep, _, _ := buildAll(t)
	var path string // the Urdu A4 poster, or under -short the A4 poster built
	for _, o := range rep.Outputs {
		if o.Edition == edition.Screen && o.Layout == "poster-a4" && (o.Locale == "ur" || path == "") {
			path = filepath.Join(dir, o.Path)
		}
	}
	if path == "" {
		t.Fatal("no A4 poster's screen edition was built")
	}
	clean := readObjects(t, path)
	for _, r := range uaRules {
		if why := r.check(clean); why != "" {
			t.Fatalf("the unplanted file fails rule %s: %s", r.id, why)
		}
	}
	for _, r := range uaRules {
		f, ok := uaDefects[r.id]
		if !ok {
			t.Errorf("rule %s has no planted defect", r.id)
			continue
		}
		p := readObjects(t, path)
		f(p)
		for _, o := range uaRules {
			why := o.check(p)
			if o.id == r.id && why == "" {
				t.Errorf("rule %s does not see its planted defect", r.id)
			}
			if o.id != r.id && why != "" {
				t.Errorf("rule %s fires on the defect planted for %s: %s", o.id, r.id, why)
			}
		}
	}
}

// uaDefects plants, for each rule of uaRules, a defect only that rule
// should see.
var uaDefects = map[string]func(p *pdfObjects){
	"7.1-3": func(p *pdfObjects) {
		pg := p.pages()[0]
		ref := pageContents(pg)[0]
		p.setData(ref, append(p.data(ref), "\nq 0 0 1 1 re f Q\n"...))
	},
	"7.1-8/-9, 5": func(p *pdfObjects) { p.dict(p.catalog()["/ViewerPreferences"])["/DisplayDocTitle"] = false },
	"7.21.7-1/-2": func(p *pdfObjects) {
		p.each("/Font", func(_ string, d map[string]any) {
			if d["/ToUnicode"] != nil {
				p.setData(d["/ToUnicode"], []byte("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"))
			}
		})
	},
	"7.3-1": func(p *pdfObjects) {
		p.each("/StructElem", func(_ string, d map[string]any) {
			if d["/S"] == "/Figure" {
				delete(d, "/Alt")
			}
		})
	},
	"7.2-29/-34":            func(p *pdfObjects) { p.catalog()["/Lang"] = "u:english" + strings.Repeat("x", 9) },
	"7.18.1-2, 7.18.5-1/-2": func(p *pdfObjects) { p.each("/Annot", func(_ string, d map[string]any) { delete(d, "/Contents") }) },
	"7.4.2-1, 7.4.4-1": func(p *pdfObjects) {
		p.each("/StructElem", func(_ string, d map[string]any) {
			if d["/S"] == "/H1" {
				d["/S"] = "/H3"
			}
		})
	},
	"ISO 32000-1 §14.8.4.3.3": func(p *pdfObjects) {
		p.each("/StructElem", func(_ string, d map[string]any) {
			if d["/S"] == "/LBody" {
				d["/S"] = "/P"
			}
		})
	},
}

// untaggedContent reports the first painting operator outside marked
// content (neither tagged nor an artifact), page by page.
func untaggedContent(p *pdfObjects) string {
	for i, pg := range p.pages() {
		if op := unmarked(p.content(pg)); op != "" {
			return fmt.Sprintf("page %d: %s outside marked content", i+1, op)
		}
	}
	return ""
}

// setData replaces a stream's decoded bytes (a planted defect).
func (p *pdfObjects) setData(ref any, b []byte) {
	r, _ := ref.(string)
	s, _ := p.objs[r]["stream"].(map[string]any)
	s["data"] = base64.StdEncoding.EncodeToString(b)
}

// pageContents returns the references of a page's content streams.
func pageContents(pg map[string]any) []any {
	if c, ok := pg["/Contents"].([]any); ok {
		return c
	}
	return []any{pg["/Contents"]}
}

var (
	textOps = regexp.MustCompile(`/(\w+) [\d.]+ Tf|\[((?:[^\]])*)\] TJ`)
	hexCode = regexp.MustCompile(`<([0-9A-Fa-f]{4})>`)
	bfchar  = regexp.MustCompile(`<([0-9A-Fa-f]{4})>\s*<([0-9A-Fa-f]*)>`)
)

// unmappedCodes checks veraPDF's rules 7.21.7-1 and -2 (ISO 14289-1
// §7.21.7): each two-byte code a page shows (handbill writes text as TJ
// arrays of hex strings in Type0 fonts) has a ToUnicode entry, ActualText
// or not, and the entry is text.
func unmappedCodes(p *pdfObjects) string {
	maps := map[string]map[string]string{} // font ref → code → hex text
	for i, pg := range p.pages() {
		fonts := p.dict(p.dict(pg["/Resources"])["/Font"])
		var font string
		for _, m := range textOps.FindAllStringSubmatch(p.content(pg), -1) {
			if m[1] != "" {
				font, _ = fonts["/"+m[1]].(string)
				continue
			}
			cmap, ok := maps[font]
			if !ok {
				cmap = map[string]string{}
				for _, e := range bfchar.FindAllStringSubmatch(string(p.data(p.dict(font)["/ToUnicode"])), -1) {
					cmap[strings.ToUpper(e[1])] = strings.ToUpper(e[2])
				}
				maps[font] = cmap
			}
			for _, c := range hexCode.FindAllStringSubmatch(m[2], -1) {
				u, ok := cmap[strings.ToUpper(c[1])]
				switch {
				case !ok:
					return fmt.Sprintf("page %d: font %s: code %s has no ToUnicode entry", i+1, font, c[1])
				case u == "" || len(u)%4 != 0 || badUnits(u):
					return fmt.Sprintf("page %d: font %s: code %s maps to <%s>", i+1, font, c[1], u)
				}
			}
		}
	}
	return ""
}

// badUnits reports whether hex UTF-16 text holds U+0000, U+FEFF or U+FFFE.
func badUnits(u string) bool {
	for k := 0; k+4 <= len(u); k += 4 {
		switch u[k : k+4] {
		case "0000", "FEFF", "FFFE":
			return true
		}
	}
	return false
}

// langTag is veraPDF's test of a language tag (RFC 3066's form).
var langTag = regexp.MustCompile(`^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$`)

// badLang checks the catalog's /Lang and every /Lang in the structure
// elements and in marked content.
func badLang(p *pdfObjects) string {
	l, _ := p.catalog()["/Lang"].(string)
	if l = strings.TrimPrefix(l, "u:"); !langTag.MatchString(l) {
		return fmt.Sprintf("catalog /Lang %q", l)
	}
	bad := p.none("/StructElem", func(d map[string]any) bool {
		v, ok := d["/Lang"].(string)
		return ok && !langTag.MatchString(strings.TrimPrefix(v, "u:"))
	}, "has a malformed /Lang")
	if bad != "" {
		return bad
	}
	mc := regexp.MustCompile(`/Lang \(([^)]*)\)`)
	for i, pg := range p.pages() {
		for _, m := range mc.FindAllStringSubmatch(p.content(pg), -1) {
			if !langTag.MatchString(m[1]) {
				return fmt.Sprintf("page %d: marked content /Lang %q", i+1, m[1])
			}
		}
	}
	return ""
}

// badLinks checks that every link annotation has /Contents and a
// /StructParent, and that the Link elements' object references are the
// annotations, one each.
func badLinks(p *pdfObjects) string {
	bad, n := "", 0
	p.each("/Annot", func(r string, d map[string]any) {
		n++
		if d["/Subtype"] == "/Link" && (d["/Contents"] == nil || d["/StructParent"] == nil) {
			bad = r + " has no /Contents or /StructParent"
		}
	})
	objr := 0
	p.each("/StructElem", func(_ string, d map[string]any) {
		kids, _ := d["/K"].([]any)
		for _, k := range kids {
			if kd, ok := k.(map[string]any); ok && kd["/Type"] == "/OBJR" {
				if d["/S"] != "/Link" {
					bad = "an annotation sits in a " + fmt.Sprint(d["/S"])
				}
				objr++
			}
		}
	})
	if bad == "" && objr != n {
		bad = fmt.Sprintf("%d link annotations, %d object references in the tree", n, objr)
	}
	return bad
}

// structOrder returns the structure elements' types depth first, in the
// tree's order.
func structOrder(p *pdfObjects) []string {
	var out []string
	var walk func(ref any)
	walk = func(ref any) {
		d := p.dict(ref)
		if d == nil || d["/Type"] != "/StructElem" {
			return
		}
		out = append(out, fmt.Sprint(d["/S"]))
		kids, ok := d["/K"].([]any)
		if !ok {
			kids = []any{d["/K"]}
		}
		for _, k := range kids {
			if r, ok := k.(string); ok {
				walk(r)
			}
		}
	}
	walk(p.dict(p.catalog()["/StructTreeRoot"])["/K"])
	return out
}

// badHeadings checks the headings in reading order: the first is H1, and
// each is at most one level below the one before.
func badHeadings(p *pdfObjects) string {
	last := 0
	for _, s := range structOrder(p) {
		if len(s) != 3 || !strings.HasPrefix(s, "/H") {
			continue
		}
		lv, err := strconv.Atoi(s[2:])
		if err != nil {
			continue
		}
		if last == 0 && lv != 1 || lv > last+1 {
			return fmt.Sprintf("heading %s after level %d", s, last)
		}
		last = lv
	}
	if last == 0 {
		return "no headings"
	}
	return ""
}

// badLists checks that an L holds only LI (or a Caption) and an LI only
// Lbl or LBody.
func badLists(p *pdfObjects) string {
	allowed := map[any]map[any]bool{"/L": {"/LI": true, "/Caption": true}, "/LI": {"/Lbl": true, "/LBody": true}}
	bad := ""
	lists := 0
	p.each("/StructElem", func(r string, d map[string]any) {
		ok := allowed[d["/S"]]
		if ok == nil {
			return
		}
		lists++
		kids, _ := d["/K"].([]any)
		for _, k := range kids {
			if s := p.dict(k)["/S"]; s != nil && !ok[s] {
				bad = fmt.Sprintf("%s %s holds a %v", d["/S"], r, s)
			}
		}
	})
	if bad == "" && lists == 0 {
		return "no lists"
	}
	return bad
}
