package build_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"unicode"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/text/unicode/norm"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/testtool"
	"github.com/handbill/handbill/internal/typeset"
)

// ocrLocales are the posters read back by OCR: the scripts that need
// shaping most (Bengali conjuncts and reordering, Urdu Nastaliq, Arabic
// joining) and Chinese, Simplified and Traditional, each with the tesseract
// model that reads it (Debian packages tesseract-ocr-ben, -urd, -ara,
// -chi-sim, -chi-tra).
// HANDBILL_OCR_LOCALES=tag:lang,… reads others instead (for example
// pl:pol,pa:pan, with those models installed).
func ocrLocales(t *testing.T) []ocrLocale {
	v := os.Getenv("HANDBILL_OCR_LOCALES")
	if v == "" {
		return []ocrLocale{{"bn", "ben"}, {"ur", "urd"}, {"ar", "ara"}, {"zh-Hans", "chi_sim"}, {"zh-Hant", "chi_tra"}}
	}
	var out []ocrLocale
	for _, f := range strings.Split(v, ",") {
		tag, lang, ok := strings.Cut(f, ":")
		if !ok {
			t.Fatalf("HANDBILL_OCR_LOCALES: expected tag:lang, found %q", f)
		}
		out = append(out, ocrLocale{tag, lang})
	}
	return out
}

type ocrLocale struct{ tag, lang string }

// ocrNoise is how many characters tesseract may read differently in two
// correct renderings of one message.
const ocrNoise = 2

// ocrNorm mirrors /work/shared/tools/pdfcheck's norm: NFKC (presentation
// forms to letters), then no white space and no format characters (bidi
// marks, ZWJ/ZWNJ, which OCR never returns).
func ocrNorm(s string) []rune {
	var out []rune
	for _, r := range norm.NFKC.String(s) {
		if unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
			continue
		}
		out = append(out, r)
	}
	return out
}

// TestPostersReadBackByOCR builds the A4 poster (screen edition) in
// Bengali, Urdu, Arabic and Chinese (Simplified and Traditional) with build.Run, renders it at 300 dpi
// with pdftoppm and reads it with tesseract, one text block at a time (so
// that columns are not read across), and compares the character error
// rate of each message (best-matching substring, as pdfcheck measures it)
// with the rate tesseract gets on HarfBuzz's own rendering (hb-view) of the
// same message in the same font at the same size. So a shaping, ordering or
// clipping fault shows up as text OCR cannot read, while tesseract's own
// weakness with a script is allowed for:
//   - over all the poster's messages, the CER may be at most 0.02 above
//     the reference's;
//   - each message may have at most 2% of its characters, and at least
//     ocrNoise, more errors than its reference, where the reference is a
//     usable oracle (CER at most 0.05: tesseract reads Nastaliq at 0.1–0.4
//     even from hb-view, so most Urdu messages count in the total only).
//     Two readings of the same text differ by a character or two (a
//     dropped shadda, digits of an RTL line read in visual order), so a
//     per-message bound of 0.02 alone would fail on any short message.
func TestPostersReadBackByOCR(t *testing.T) {
	testtool.Slow(t)
	testtool.Need(t, "pdftoppm", "tesseract", "hb-view")
	c, cat, reg := loadBundled(t)
	locales := ocrLocales(t)
	var tags []string
	for _, l := range locales {
		tags = append(tags, l.tag)
	}
	pairs, err := build.Pairs(c, []string{"poster-a4"}, tags)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	opt := build.Options{Out: dir, Jobs: 2, Creator: "handbill ocr test", Date: c.Date, Editions: []edition.Edition{edition.Screen}}
	rep, err := build.Run(c, cat, reg, pairs, opt)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Failures {
		t.Errorf("%s %s did not build: %v", f.Layout, f.Locale, f.Diags)
	}
	files := map[string]string{}
	for _, o := range rep.Outputs {
		files[o.Locale] = filepath.Join(dir, o.Path)
	}
	cmp := build.Composer(c, cat, reg, opt)
	for _, l := range locales {
		t.Run(l.tag, func(t *testing.T) {
			pdf, ok := files[l.tag]
			if !ok {
				t.Fatalf("no poster built for %s", l.tag)
			}
			// Where the text is: the composed page the PDF was written from.
			res := cmp.Compose(typeset.NewSetter(reg), pairs[0].Layout, l.tag)
			if res.Diags.HasErrors() {
				t.Fatal(res.Diags.Err())
			}
			work := t.TempDir()
			if d := os.Getenv("HANDBILL_OCR_KEEP"); d != "" { // the page and the block images too
				work = filepath.Join(d, l.tag)
				if err := os.MkdirAll(work, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			testtool.Run(t, "pdftoppm", "-r", "300", "-png", "-singlefile", pdf, filepath.Join(work, "page"))
			drawnText := readBlocks(t, work, filepath.Join(work, "page.png"), l.lang, textBlocks(res.Doc.Pages[0]), glyphInk{})
			if d := os.Getenv("HANDBILL_OCR_KEEP"); d != "" { // to look at what tesseract read
				if err := os.WriteFile(filepath.Join(d, l.tag+".txt"), []byte(drawnText), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			drawn := ocrNorm(drawnText)

			msgs := expectedStrings(t, c, cat, "poster-a4", l.tag)
			refs := referenceOCR(t, work, l.lang, msgs, res.Doc.Pages[0])

			var errsDrawn, errsRef, total int
			var table strings.Builder
			for k, m := range msgs {
				want := ocrNorm(m)
				if len(want) == 0 {
					continue
				}
				d, r := substringDistance(want, drawn), substringDistance(want, ocrNorm(refs[k].text))
				errsDrawn, errsRef, total = errsDrawn+d, errsRef+r, total+len(want)
				cd, cr := float64(d)/float64(len(want)), float64(r)/float64(len(want))
				fmt.Fprintf(&table, "  %.3f drawn  %.3f hb-view  %3d chars  %-28s %5.1fpt  %.30q\n", cd, cr, len(want), refs[k].font, refs[k].size, m)
				if allowed := r + max(ocrNoise, int(math.Ceil(0.02*float64(len(want))))); cr <= 0.05 && d > allowed {
					t.Errorf("%q reads back from the poster with %d errors (CER %.3f), HarfBuzz's rendering with %d (CER %.3f); allowed %d", m, d, cd, r, cr, allowed)
				}
			}
			drawnCER, refCER := float64(errsDrawn)/float64(total), float64(errsRef)/float64(total)
			if drawnCER > refCER+0.02 {
				t.Errorf("the poster's messages read back with CER %.4f, HarfBuzz's renderings with %.4f (allowed %.4f)", drawnCER, refCER, refCER+0.02)
			}
			t.Logf("%s poster-a4 (tesseract -l %s): CER drawn %.4f, hb-view %.4f over %d characters\n%s",
				l.tag, l.lang, drawnCER, refCER, total, table.String())
		})
	}
}

// textBlocks groups a page's text runs into blocks, in drawing order: a
// run joins the block before it when it is on the same line or the next
// few, overlaps it across and is set at a size within 1.5x of it (tesseract
// reads a block as one size of type: a 13 pt line above a 58 pt headline
// made it drop the headline); the blocks are returned in points, with room
// around the ink.
func textBlocks(p *page.Page) []textBlock {
	var blocks []textBlock
	var lastY, lastSize geom.Pt
	for _, it := range p.Items {
		tx, ok := it.(*page.Text)
		if !ok || len(tx.Glyphs) == 0 {
			continue
		}
		s := tx.Size
		r := geom.Rect{X: tx.X - 0.3*s, Y: tx.Y - 1.5*s, W: geom.Pt(tx.Width()) + 0.6*s, H: 2.4 * s}
		if s > ocrMaxSize { // display type: room for its ink, not for the lines around it
			r.Y, r.H = tx.Y-1.2*s, 1.7*s
		}
		if n := len(blocks); n > 0 {
			b := &blocks[n-1]
			if tx.Y >= lastY-0.1*s && tx.Y-lastY <= 2.6*max(s, lastSize) && max(s, lastSize) <= 1.5*min(s, lastSize) && r.X < b.Right() && b.X < r.Right() {
				x0, y0 := min(b.X, r.X), min(b.Y, r.Y)
				b.Rect = geom.Rect{X: x0, Y: y0, W: max(b.Right(), r.Right()) - x0, H: max(b.Bottom(), r.Bottom()) - y0}
				b.size = max(b.size, s)
				b.runs = append(b.runs, tx)
				lastY, lastSize = tx.Y, s
				continue
			}
		}
		blocks = append(blocks, textBlock{Rect: r, size: s, runs: []*page.Text{tx}})
		lastY, lastSize = tx.Y, s
	}
	return blocks
}

// textBlock is a block of text runs on the page and the largest size set
// in it.
type textBlock struct {
	geom.Rect
	size geom.Pt
	runs []*page.Text
}

// ocrMaxSize is the largest type tesseract is given: it reads the Arabic
// poster's 82 pt headline at 300 dpi, white on the navy field (glyphs over
// 300 px tall), as noise, whether inverted or binarised, and reads it right
// scaled down to 36 pt. A block set larger is scaled down to it, and its
// reference rendered at it, so both are read alike.
const ocrMaxSize = 36

// readBlocks crops each block out of the 300 dpi page image and reads it
// with tesseract as a uniform block of text (--psm 6), two at a time.
func readBlocks(t *testing.T, work, pngFile, lang string, blocks []textBlock, ink glyphInk) string {
	t.Helper()
	img, sub := readPNG(t, pngFile)
	px := func(v geom.Pt) int { return int(float64(v) * 300 / 72) }
	out := make([]string, len(blocks))
	errs := make([]error, len(blocks))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, b := range blocks {
		r := image.Rect(px(b.X), px(b.Y), px(b.Right()), px(b.Bottom())).Intersect(img.Bounds())
		name := filepath.Join(work, fmt.Sprintf("block-%02d.png", i))
		var buf bytes.Buffer
		if err := png.Encode(&buf, fitSize(alone(t, ink, sub.SubImage(r), blocks, i, px), b.size)); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			cmd := exec.Command("tesseract", name, "-", "-l", lang, "--psm", "6")
			cmd.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
			var errb bytes.Buffer
			cmd.Stderr = &errb
			o, err := cmd.Output()
			if err != nil {
				err = fmt.Errorf("tesseract %s: %v\n%s", name, err, errb.String())
			}
			out[i], errs[i] = string(o), err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return strings.Join(out, "\n")
}

// alone is the crop of block i, framed in a margin of its background,
// with the glyphs of the other blocks that
// reach into it painted over in the crop's background (its commonest
// colour), except where they cross a glyph of block i's own, as a
// reader's eye leaves the neighbouring lines aside. Lines that stand by
// their ink (the helplines since 91efdde, 120f540) bring the tail of a
// 47 pt Urdu "101 ملائیں" into the room kept above the purpose line under
// it, and tesseract read the two as one garbled block.
func alone(t *testing.T, ink glyphInk, img image.Image, blocks []textBlock, i int, px func(geom.Pt) int) image.Image {
	t.Helper()
	b := img.Bounds()
	out := image.NewRGBA(b)
	xdraw.Draw(out, b, img, b.Min, xdraw.Src)
	boxes := func(bl textBlock) []image.Rectangle {
		var rs []image.Rectangle
		for _, v := range bl.runs {
			for _, g := range ink.glyphs(t, v) {
				rs = append(rs, image.Rect(px(g.X), px(g.Y), px(g.Right())+1, px(g.Bottom())+1))
			}
		}
		return rs
	}
	own := boxes(blocks[i])
	var others []image.Rectangle
	for j, o := range blocks {
		if j != i && o.Rect.X < blocks[i].Right() && blocks[i].X < o.Right() && o.Y < blocks[i].Bottom() && blocks[i].Y < o.Bottom() {
			others = append(others, boxes(o)...)
		}
	}
	bg := commonest(out)
	for _, r := range others {
		r = r.Intersect(b)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for x := r.Min.X; x < r.Max.X; x++ {
				if !inAny(image.Pt(x, y), own) {
					out.SetRGBA(x, y, bg)
				}
			}
		}
	}
	// A margin of background all round: a line whose ink reaches the
	// crop's edge (a Nastaliq alef overhanging its advance at the start of
	// a right-to-left line) was left out of tesseract's reading.
	pad := px(blocks[i].size / 2)
	framed := image.NewRGBA(image.Rect(0, 0, b.Dx()+2*pad, b.Dy()+2*pad))
	xdraw.Draw(framed, framed.Bounds(), image.NewUniform(bg), image.Point{}, xdraw.Src)
	xdraw.Draw(framed, b.Sub(b.Min).Add(image.Pt(pad, pad)), out, b.Min, xdraw.Src)
	return framed
}

// commonest is the colour of most of img's pixels (every other one
// sampled): a text crop's background.
func commonest(img *image.RGBA) color.RGBA {
	b := img.Bounds()
	count := map[color.RGBA]int{}
	var bg color.RGBA
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			c := img.RGBAAt(x, y)
			if count[c]++; count[c] > count[bg] {
				bg = c
			}
		}
	}
	return bg
}

// inAny reports whether p lies in one of rs.
func inAny(p image.Point, rs []image.Rectangle) bool {
	for _, r := range rs {
		if p.In(r) {
			return true
		}
	}
	return false
}

// croppable is an image a part of which can be taken (the decoded PNG).
type croppable interface {
	SubImage(image.Rectangle) image.Image
}

// readPNG decodes a PNG file into an image that can be cropped.
func readPNG(t *testing.T, name string) (image.Image, croppable) {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	sub, ok := img.(croppable)
	if !ok {
		t.Fatalf("%s: %T cannot be cropped", name, img)
	}
	return img, sub
}

// fitSize scales img, which holds type of size points at most, down so
// that it holds none above ocrMaxSize.
func fitSize(img image.Image, size geom.Pt) image.Image {
	if size <= ocrMaxSize {
		return img
	}
	k := float64(ocrMaxSize) / float64(size)
	b := img.Bounds()
	out := image.NewRGBA(image.Rect(0, 0, max(1, int(float64(b.Dx())*k)), max(1, int(float64(b.Dy())*k))))
	xdraw.CatmullRom.Scale(out, out.Bounds(), img, b, xdraw.Src, nil)
	return out
}

// reference is tesseract's reading of HarfBuzz's rendering of a message.
type reference struct {
	text string
	font string  // the font it was rendered in: the one the poster draws the message in
	size float64 // points, as on the poster
}

// referenceOCR renders each message with hb-view in the font and at the
// size the poster draws it in (found in the composed page: the longest
// run whose text is part of the message) at 300 dpi, words wrapped at 60
// characters (30 for text without spaces) as pdfcheck --reference-font
// does, and reads each image with tesseract, two at a time.
func referenceOCR(t *testing.T, work, lang string, msgs []string, p *page.Page) []reference {
	t.Helper()
	out := make([]reference, len(msgs))
	errs := make([]error, len(msgs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for k, m := range msgs {
		var run *page.Text // the longest run that draws part of the message
		for _, it := range p.Items {
			if tx, ok := it.(*page.Text); ok && len(ocrNorm(tx.Source)) >= 2 && strings.Contains(string(ocrNorm(m)), string(ocrNorm(tx.Source))) &&
				(run == nil || len(ocrNorm(tx.Source)) > len(ocrNorm(run.Source))) {
				run = tx
			}
		}
		if run == nil {
			t.Fatalf("the poster draws no part of %q", m)
		}
		fontFile := filepath.Join(work, run.Font.Name+".ttf")
		if _, err := os.Stat(fontFile); err != nil {
			if err := os.WriteFile(fontFile, run.Font.Data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		txt := filepath.Join(work, fmt.Sprintf("ref-%02d.txt", k))
		if err := os.WriteFile(txt, []byte(strings.Join(wrapForReference(m), "\n")), 0o644); err != nil {
			t.Fatal(err)
		}
		out[k] = reference{font: run.Font.Name, size: float64(run.Size)}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			png := filepath.Join(work, fmt.Sprintf("ref-%02d.png", k))
			var errb bytes.Buffer
			view := exec.Command("hb-view", "--font-file="+fontFile, fmt.Sprintf("--font-size=%d", int(min(out[k].size, ocrMaxSize)*300/72+0.5)),
				"--margin=40", "--output-format=png", "-o", png, "--text-file="+txt)
			view.Stderr = &errb
			if err := view.Run(); err != nil {
				errs[k] = fmt.Errorf("hb-view %s: %v\n%s", txt, err, errb.String())
				return
			}
			ocr := exec.Command("tesseract", png, "-", "-l", lang)
			ocr.Env = append(os.Environ(), "OMP_THREAD_LIMIT=1")
			ocr.Stderr = &errb
			o, err := ocr.Output()
			if err != nil {
				errs[k] = fmt.Errorf("tesseract %s: %v\n%s", png, err, errb.String())
			}
			out[k].text = string(o)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// wrapForReference breaks a message into lines as pdfcheck does: words
// up to 60 characters a line, and text without spaces (Chinese) every 30.
func wrapForReference(m string) []string {
	var lines []string
	cur := ""
	for _, w := range strings.Fields(m) {
		for len([]rune(w)) > 30 {
			r := []rune(w)
			if cur != "" {
				lines, cur = append(lines, cur), ""
			}
			lines = append(lines, string(r[:30]))
			w = string(r[30:])
		}
		if cur != "" && len([]rune(cur))+len([]rune(w)) > 60 {
			lines, cur = append(lines, cur), ""
		}
		cur = strings.TrimSpace(cur + " " + w)
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// substringDistance is the edit distance between want and its
// best-matching substring of text (free start and end), as pdfcheck's
// substring_distance.
func substringDistance(want, text []rune) int {
	prev := make([]int, len(text)+1)
	cur := make([]int, len(text)+1)
	for i := 1; i <= len(want); i++ {
		cur[0] = i
		for j := 1; j <= len(text); j++ {
			cost := 1
			if want[i-1] == text[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	best := prev[0]
	for _, v := range prev {
		best = min(best, v)
	}
	return best
}
