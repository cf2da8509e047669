package build_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/messages"
	"github.com/handbill/handbill/internal/testtool"
)

// built is the bundled campaign built once per test binary. The build's
// error is kept with it, so that every test that needs it reports the same
// first failure instead of a nil report.
var built struct {
	once sync.Once
	dir  string
	rep  *build.Report
	c    *campaign.Campaign
	cat  *messages.Catalog
	err  error
}

func buildAll(t *testing.T) (string, *build.Report, *campaign.Campaign, *messages.Catalog) {
	t.Helper()
	built.once.Do(func() { built.err = buildBundled() })
	if built.err != nil {
		t.Fatalf("building the bundled campaign: %v", built.err)
	}
	return built.dir, built.rep, built.c, built.cat
}

// buildBundled builds the bundled campaign into a new temporary folder
// (removed by TestMain) and fills built.
func buildBundled() error {
	c, cat, reg, err := testtool.LoadBundled()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "handbill-e2e-")
	if err != nil {
		return err
	}
	built.dir, built.c, built.cat = dir, c, cat
	pairs, err := e2ePairs(c)
	if err != nil {
		return err
	}
	built.rep, err = build.Run(c, cat, reg, pairs, build.Options{Out: dir, Jobs: 2, Creator: "handbill test", Date: c.Date})
	return err
}

// shortLocales are the scripts the short tier shapes: Latin, Nastaliq
// right to left, Bengali (conjuncts, the danda) and Chinese in both of its
// fonts (Droid Sans Fallback for Simplified, Noto Sans TC for Traditional):
// one locale per bundled layout.
var shortLocales = []string{"en-GB", "ur", "bn", "zh-Hans", "zh-Hant"}

// e2ePairs is what the end-to-end tests build: every layout in every
// locale, or under -short one locale per layout, the locales of
// shortLocales in turn (poster-a4 en-GB, poster-a3 ur, leaflet-a5 bn…),
// so that the short tier still writes and reads every layout and every
// script in both editions.
func e2ePairs(c *campaign.Campaign) ([]build.Pair, error) {
	if !testing.Short() {
		return build.Pairs(c, nil, nil)
	}
	var pairs []build.Pair
	for i, lay := range c.Layouts {
		p, err := build.Pairs(c, []string{lay.Name}, []string{shortLocales[i%len(shortLocales)]})
		if err != nil {
			return nil, err
		}
		pairs = append(pairs, p...)
	}
	return pairs, nil
}

func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

func TestBundledCampaignBuildsEveryPair(t *testing.T) {
	_, rep, c, _ := buildAll(t)
	for _, f := range rep.Failures {
		t.Errorf("%s %s failed: %v", f.Layout, f.Locale, f.Diags)
	}
	pairs := len(c.Layouts) * len(c.Locales)
	if testing.Short() {
		pairs = len(c.Layouts)
	}
	if want := pairs * len(edition.All); len(rep.Outputs) != want {
		t.Errorf("%d outputs, want %d", len(rep.Outputs), want)
	}
}

var trim = map[string][2]float64{"poster-a4": {210, 297}, "poster-a3": {297, 420}, "leaflet-a5": {148, 210}, "leaflet-dl": {297, 210}, "leaflet-a5-bifold": {297, 210}}

// TestPDFsAreValidAndSized checks every PDF with qpdf and its page size with
// pdfinfo: the trim in the screen edition (print_test.go checks the print
// edition's boxes).
func TestPDFsAreValidAndSized(t *testing.T) {
	testtool.Need(t, "qpdf", "pdfinfo")
	dir, rep, _, _ := buildAll(t)
	sizeRE := regexp.MustCompile(`Page size:\s+([\d.]+) x ([\d.]+) pts`)
	for _, o := range rep.Outputs {
		p := filepath.Join(dir, o.Path)
		testtool.Run(t, "qpdf", "--check", p)
		info := string(testtool.Run(t, "pdfinfo", p))
		m := sizeRE.FindStringSubmatch(info)
		if m == nil {
			t.Fatalf("%s: no page size in pdfinfo output:\n%s", o.Path, info)
		}
		w, _ := strconv.ParseFloat(m[1], 64)
		h, _ := strconv.ParseFloat(m[2], 64)
		want, ok := trim[o.Layout]
		if !ok || o.Edition != edition.Screen {
			continue
		}
		if math.Abs(w/72*25.4-want[0]) > 0.1 || math.Abs(h/72*25.4-want[1]) > 0.1 {
			t.Errorf("%s: page %.2f×%.2f mm, want %v×%v", o.Path, w/72*25.4, h/72*25.4, want[0], want[1])
		}
		if !regexp.MustCompile(`(?m)^Pages:\s+` + strconv.Itoa(o.Pages) + `$`).MatchString(info) {
			t.Errorf("%s: pdfinfo pages differ from manifest %d", o.Path, o.Pages)
		}
		if !regexp.MustCompile(`(?m)^Creator:\s+handbill test$`).MatchString(info) {
			t.Errorf("%s: creator missing:\n%s", o.Path, info)
		}
	}
}

// TestFontsEmbeddedAndSubset checks pdffonts: every font embedded, subset
// small enough that a Chinese poster does not carry the whole font.
func TestFontsEmbeddedAndSubset(t *testing.T) {
	testtool.Need(t, "pdffonts")
	dir, rep, _, _ := buildAll(t)
	for _, o := range rep.Outputs {
		out := string(testtool.Run(t, "pdffonts", filepath.Join(dir, o.Path)))
		lines := strings.Split(strings.TrimSpace(out), "\n")[2:]
		for _, l := range lines {
			f := strings.Fields(l)
			if len(f) < 6 || f[len(f)-5] != "yes" {
				t.Errorf("%s: font not embedded: %s", o.Path, l)
			}
		}
		if o.Bytes > 400<<10 {
			t.Errorf("%s is %d bytes: fonts not subset?", o.Path, o.Bytes)
		}
	}
}

// TestQRCodesDecode renders each page and decodes every QR code with
// zbarimg: each helpline's payload must come back exactly. Every layout in
// English at 150, 200, 300 (pdfcheck's) and 600 dpi, every locale's A4
// poster at 150: zbar fits a code's finder edges with random samples drawn
// from one generator for the whole page, so a code it reads alone can be
// missed at one resolution in the page (the Irish DL of d21f244, at 300
// dpi only; the DL's 101 code at 300 dpi after issue 27's unit spacing,
// read at once in its own panel). A page that misses a code is read again
// as a phone frames it (decodeQRFramed): every code must still decode,
// whole and exact, from the same render.
func TestQRCodesDecode(t *testing.T) {
	testtool.Slow(t)
	testtool.Need(t, "pdftoppm", "zbarimg")
	dir, rep, c, _ := buildAll(t)
	var want []string
	for _, h := range c.Helplines {
		want = append(want, "QR-Code:"+h.Payload())
	}
	slices.Sort(want)
	tmp := t.TempDir()
	for _, o := range rep.Outputs {
		if o.Locale != "en-GB" && o.Layout != "poster-a4" {
			continue // every layout in English, every locale on the A4 poster
		}
		dpis := []string{"150"}
		if o.Locale == "en-GB" {
			dpis = append(dpis, "200", "300", "600")
		}
		for _, dpi := range dpis {
			prefix := filepath.Join(tmp, strings.TrimSuffix(o.Path, ".pdf")+"-"+dpi)
			testtool.Run(t, "pdftoppm", "-r", dpi, "-png", filepath.Join(dir, o.Path), prefix)
			got := decodeQR(prefix + "-*.png")
			if !slices.Equal(got, want) {
				// As a phone frames one code: zbar's random finder samples
				// over a whole page can miss a code it reads in its own
				// part of the page (each code must still decode whole
				// from this render, with its exact payload).
				got = decodeQRFramed(t, prefix+"-*.png")
			}
			if !slices.Equal(got, want) {
				t.Errorf("%s at %s dpi: decoded %q, want %q", o.Path, dpi, got, want)
			}
		}
	}
}

// decodeQR decodes every QR code in the PNGs matching glob with zbarimg and
// returns the "QR-Code:payload" lines, sorted.
func decodeQR(glob string) []string {
	pngs, _ := filepath.Glob(glob)
	var got []string
	for _, png := range pngs {
		out, err := exec.Command("zbarimg", "-q", png).Output()
		if err != nil && len(out) == 0 {
			continue // zbarimg exits 4 on a page without codes
		}
		for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if l != "" {
				got = append(got, l)
			}
		}
	}
	slices.Sort(got)
	return got
}

// decodeQRFramed decodes the QR codes of each page as a reader holding a
// phone over part of the page sees them: zbarimg on the whole page and on
// tiles of half its width and height, a quarter apart (so every code no
// larger than a quarter of the page lies whole in some tile), each payload
// counted once per page.
func decodeQRFramed(t *testing.T, glob string) []string {
	t.Helper()
	pngs, _ := filepath.Glob(glob)
	var got []string
	for _, name := range pngs {
		img, sub := readPNG(t, name)
		seen := map[string]bool{}
		for _, l := range decodeQR(name) {
			seen[l] = true
		}
		b := img.Bounds()
		w, h := b.Dx()/2, b.Dy()/2
		for y := b.Min.Y; y+h <= b.Max.Y; y += h / 2 {
			for x := b.Min.X; x+w <= b.Max.X; x += w / 2 {
				tile := filepath.Join(t.TempDir(), "tile.png")
				out, err := os.Create(tile)
				if err != nil {
					t.Fatal(err)
				}
				err = png.Encode(out, sub.SubImage(image.Rect(x, y, x+w, y+h)))
				if cerr := out.Close(); err == nil {
					err = cerr
				}
				if err != nil {
					t.Fatal(err)
				}
				for _, l := range decodeQR(tile) {
					seen[l] = true
				}
			}
		}
		for l := range seen {
			got = append(got, l)
		}
	}
	slices.Sort(got)
	return got
}

// expectedStrings renders every message a layout shows in a locale, as
// compose does.
func expectedStrings(t *testing.T, c *campaign.Campaign, cat *messages.Catalog, layout, tag string) []string {
	t.Helper()
	var lay *campaign.Layout
	for _, l := range c.Layouts {
		if l.Name == layout {
			lay = l
		}
	}
	data := map[string]any{compose.HelplinesData: compose.HelplineData(c)}
	for k, v := range c.Data {
		data[k] = v
	}
	var out []string
	add := func(id string, extra map[string]any, count *int) {
		d := map[string]any{}
		for k, v := range data {
			d[k] = v
		}
		for k, v := range extra {
			d[k] = v
		}
		if count != nil {
			d["Count"] = *count
		}
		s, err := cat.Text(tag, id, d, count)
		if err != nil {
			t.Fatalf("%s %s %s: %v", layout, tag, id, err)
		}
		out = append(out, s)
	}
	for _, pg := range lay.Pages {
		for _, b := range pg.Blocks {
			switch {
			case b.Kind == campaign.TextBlock && b.Below != "":
				// A callout is left out where the text above it needs
				// the room (campaign.Block.Below): not expected.
			case b.Kind == campaign.TextBlock:
				for _, p := range b.Paragraphs {
					var count *int
					if p.Count == "helplines" {
						n := len(c.Helplines)
						count = &n
					}
					extra := map[string]any{}
					for k, ref := range p.Data {
						if ref == "emergency" {
							if len(c.Emergency) != 1 {
								t.Fatalf("expected one emergency number in the bundled campaign, found %q", c.Emergency)
							}
							extra[k] = c.Emergency[0]
						}
					}
					add(p.Message, extra, count)
				}
			case b.Kind == campaign.HelplinesBlock:
				for _, h := range primaryFirst(c, &b) {
					add(h.NameMessage, nil, nil)
					add("helpline.call", map[string]any{"Number": h.Number}, nil)
					add(h.PurposeMessage, nil, nil)
				}
			}
		}
	}
	return out
}

// primaryFirst is the campaign's helplines in the order a helplines
// block draws them: its primary helpline (the block's, else the
// campaign's) first, the others in campaign order.
func primaryFirst(c *campaign.Campaign, b *campaign.Block) []campaign.Helpline {
	primary := b.Primary
	if primary == "" {
		primary = c.Primary
	}
	hls := slices.Clone(c.Helplines)
	if i := slices.IndexFunc(hls, func(h campaign.Helpline) bool { return h.ID == primary }); i > 0 {
		h := hls[i]
		hls = slices.Insert(slices.Delete(hls, i, i+1), 0, h)
	}
	return hls
}

// squeeze drops white space and format characters (bidi marks poppler adds
// around right-to-left text), so line breaks do not matter.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, s)
}

// TestTextLayerHoldsEveryMessage extracts each PDF's text with pdftotext
// -raw (content order, which handbill writes in reading order) and finds
// every message of the layout in it, exactly and in order. (poppler's
// default mode orders blocks by its own heuristics: it may interleave the
// lines of side-by-side helpline columns and joins words hyphenated at a
// line end, so it is not a test of what handbill writes.)
func TestTextLayerHoldsEveryMessage(t *testing.T) {
	testtool.Need(t, "pdftotext")
	dir, rep, c, cat := buildAll(t)
	for _, o := range rep.Outputs {
		if o.Locale == "ar" || o.Locale == "ur" {
			continue // right-to-left: see TestRightToLeftTextLayer
		}
		p := filepath.Join(dir, o.Path)
		textInOrder(t, p, o.Path, expectedStrings(t, c, cat, o.Layout, o.Locale))
	}
}

// textInOrder finds each of messages, white space aside, in the text
// pdftotext -raw extracts from the PDF at p, each after the one before.
func textInOrder(t *testing.T, p, name string, messages []string) {
	t.Helper()
	raw := squeeze(string(testtool.Run(t, "pdftotext", "-raw", p, "-")))
	pos := 0
	for _, s := range messages {
		want := squeeze(s)
		i := strings.Index(raw[pos:], want)
		if i < 0 {
			t.Errorf("%s: pdftotext -raw lacks %q after the messages before it", name, s)
			continue
		}
		pos += i + len(want)
	}
}

// TestRightToLeftTextLayer checks that Arabic and Urdu extract in logical
// order: every message found with a character error rate of at most 5% in
// one of poppler's two reading modes. Content order (-raw) reads every word
// and line logically even where the default mode interleaves the lines of
// side-by-side right-to-left columns (poppler's column detection does not
// separate them); the default mode reads a word-final combining mark
// (Urdu zer) in place, where -raw puts it before its word.
func TestRightToLeftTextLayer(t *testing.T) {
	testtool.Need(t, "pdftotext")
	dir, rep, c, cat := buildAll(t)
	for _, o := range rep.Outputs {
		if o.Locale != "ar" && o.Locale != "ur" {
			continue
		}
		p := filepath.Join(dir, o.Path)
		raw := []rune(squeeze(string(testtool.Run(t, "pdftotext", "-raw", p, "-"))))
		flow := []rune(squeeze(string(testtool.Run(t, "pdftotext", p, "-"))))
		for _, s := range expectedStrings(t, c, cat, o.Layout, o.Locale) {
			want := []rune(squeeze(s))
			if cer := min(substringCER(want, raw), substringCER(want, flow)); cer > 0.05 {
				t.Errorf("%s: %q extracts with CER %.3f (> 0.05)", o.Path, s, cer)
			}
		}
	}
}

// substringCER is the edit distance of want against its best-matching
// substring of text, divided by len(want).
func substringCER(want, text []rune) float64 {
	return float64(substringDistance(want, text)) / float64(max(len(want), 1))
}

// TestBuildsAreByteIdentical builds the English A4 poster twice.
func TestBuildsAreByteIdentical(t *testing.T) {
	c, cat, reg := loadBundled(t)
	pairs, err := build.Pairs(c, []string{"poster-a4", "leaflet-dl"}, []string{"en-GB", "ur"})
	if err != nil {
		t.Fatal(err)
	}
	var sums [2][]string
	for i := range sums {
		out := t.TempDir()
		rep, err := build.Run(c, cat, reg, pairs, build.Options{Out: out, Jobs: 2, Creator: "handbill test", Date: c.Date})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range rep.Outputs {
			sums[i] = append(sums[i], o.Path+" "+o.SHA256)
		}
	}
	if !slices.Equal(sums[0], sums[1]) || len(sums[0]) != len(pairs)*len(edition.All) {
		t.Fatalf("two builds differ:\n%v\n%v", sums[0], sums[1])
	}
}

// TestFailedBuildKeepsGoodFile makes a pair fail after a good build and
// checks the good PDF is untouched and no temporary files remain.
func TestFailedBuildKeepsGoodFile(t *testing.T) {
	c, cat, reg := loadBundled(t)
	pairs, err := build.Pairs(c, []string{"poster-a4"}, []string{"en-GB"})
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if _, err := build.Run(c, cat, reg, pairs, build.Options{Out: out, Jobs: 1, Date: c.Date}); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(out, build.FileName(c.ID, pairs[0], edition.Print))
	good, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	// The same layout with its text box shrunk to nothing no longer fits.
	broken := *pairs[0].Layout
	broken.Pages = slices.Clone(broken.Pages)
	broken.Pages[0].Blocks = slices.Clone(broken.Pages[0].Blocks)
	for i, b := range broken.Pages[0].Blocks {
		if b.Name == "help" {
			broken.Pages[0].Blocks[i].Box.H = 5
		}
	}
	rep, err := build.Run(c, cat, reg, []build.Pair{{Layout: &broken, Locale: "en-GB"}}, build.Options{Out: out, Jobs: 1, Date: c.Date})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Failures) != 1 || !strings.Contains(fmt.Sprint(rep.Failures[0].Diags), "help") {
		t.Fatalf("failures = %+v", rep.Failures)
	}
	now, err := os.ReadFile(name)
	if err != nil || !bytes.Equal(now, good) {
		t.Fatalf("good PDF changed by a failed build (err %v)", err)
	}
	left, _ := filepath.Glob(filepath.Join(out, ".*.tmp"))
	if len(left) > 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}
