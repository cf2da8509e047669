// Package pdf renders a page.Doc to PDF bytes. It is the last stage of the
// pipeline and reads only the display list.
//
// Two writers share the work, each doing what it can express:
//
//   - go-pdf/fpdf (codeberg.org/go-pdf/fpdf) writes the document: the header,
//     the page tree, each page with its MediaBox and its content stream
//     (fpdf's graphics-state prefix; on a page with raster images also
//     handbill's operators, through RawWriteStr, around fpdf's image
//     operators, deflated by fpdf), the catalog with /Lang, images, the
//     cross-reference table and trailer.
//   - handbill then appends one incremental update (ISO 32000-1 §7.5.6,
//     update.go) with what fpdf has no API for or does slowly: on a page
//     without raster images, handbill's operators as a second content
//     stream after fpdf's (fpdf's is then written plain: its deflater
//     allocates a megabyte per page, ours is reused); the fonts as Type0 /
//     CIDFontType2 (TrueType) or CIDFontType0 (CFF) with Identity-H, a
//     resource dictionary naming them and
//     the spot colour spaces, new versions of the page dictionaries (TrimBox
//     and BleedBox in a fixed order, link annotations as indirect objects),
//     the outline, the Info dictionary (dates with a time zone), a new
//     catalog (fpdf's entries, less its empty /Names tree, plus /Version and
//     /Outlines) and a trailer with /ID.
//
// The update is the one mechanism for adding objects: it reads fpdf's
// output as any PDF reader would (startxref, the xref table, objects by
// offset: read.go, with the tokens of lex.go into the values of values.go)
// and never edits a byte of it; update.go writes the new objects, the
// cross-reference section and the trailer. Every dictionary written is
// built from typed values (names, integers, numbers, references, strings,
// arrays: dict.go), never from a format string. Nothing reaches into fpdf's
// private state, and nothing rewrites its output.
//
// Each font is embedded once per document as a subset internal/sfnt cuts
// for the glyphs drawn (fonts.go): CIDs are the subset's glyph ids,
// /BaseFont is a six-letter tag from a hash of the glyph set plus the
// font's PostScript name, /W comes from hmtx. A TrueType subset is the
// /FontFile2 of a CIDFontType2 with /CIDToGIDMap /Identity; a CFF subset's
// CFF table, CID-keyed with CID i drawing glyph i, is the /FontFile3
// (/Subtype /CIDFontType0C) of a CIDFontType0. Its ToUnicode CMap gives
// every glyph drawn a text (PDF/UA-1 §7.21.7): the text of the first
// cluster it draws alone (so ligatures and Arabic contextual forms map to
// their letters), else its own code point, else the characters of its
// clusters that their other glyphs do not stand for (a Bengali reph reads
// র্), else a ZERO WIDTH JOINER (a Nastaliq dot or stroke, a second glyph
// of one letter; fonts.go, shareClusters). Runs are written as TJ arrays carrying the
// shaper's exact positions. Only words whose glyphs' ToUnicode texts do
// not spell their text (conjuncts, reordered marks) are wrapped in marked
// content with /ActualText: poppler ends a word at every marked-content
// boundary and builds no text blocks across line-long spans. Right-to-left
// text is written in reading order, so content order reads logically to
// structure-based readers, MuPDF and pdftotext -raw: words right to left,
// each placed on its own, and the glyphs of a word without ActualText
// right to left at the shaper's positions. A word with ActualText keeps it
// in visual order in the content, as poppler reads it (it reverses a
// right-to-left span's text however its glyphs are drawn), and sits in a
// Span structure element whose /ActualText is in reading order (tags.go),
// which structure-based readers and pdf.js's structure tree use. The print and screen editions of a composition
// draw the same glyphs, so they share one cut subset (a small cache).
//
// A page of a print edition carries its press furniture, and the exporter
// turns it into PDF: the MediaBox is the trim grown by the page's margin,
// the TrimBox is the finished size and the BleedBox the trim grown by the
// bleed; marks are stroked and the slug drawn outside the trim. Colours are
// written as process CMYK (k/K) or, for a colour that names a spot ink, as
// a Separation colour space with the CMYK as its alternate ("All" is
// registration: it prints on every plate); a screen edition writes RGB.
// The same document always gives the same bytes.
//
// The same update carries what the standards a file claims ask for
// (conform.go): a document with a logical structure (page.Doc.Structure)
// is a tagged PDF — each item's content is a marked-content sequence with
// an MCID in its element's structure element, or an /Artifact, link
// annotations have /Contents and sit in the tree (tags.go) — with
// /MarkInfo, /ViewerPreferences /DisplayDocTitle and an XMP packet
// (xmp.go) that claims PDF/UA-1 when Options.UA says so. With
// Options.Intent the file is PDF/X-4: the profile as a GTS_PDFX output
// intent written by handbill (fpdf's AddOutputIntent writes every profile
// as /N 3 /Alternate /DeviceRGB, wrong for a CMYK output profile),
// pdfxid:GTS_PDFXVersion, /Trapped /False, and /Version 1.6. With
// Options.Overprint, 100% K text and QR codes overprint (an ExtGState with
// /OP, /op and /OPM 1). A word that needs /ActualText in a tagged run is a
// marked-content sequence of its own beside the run's, never nested in
// it: poppler ends a structure element's text at the first inner EMC.
package pdf

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"codeberg.org/go-pdf/fpdf"

	"github.com/handbill/handbill/internal/page"
)

// ColorMode says how colours are written.
type ColorMode int

const (
	// CMYK writes process colours (DeviceCMYK), for print.
	CMYK ColorMode = iota
	// RGB writes DeviceRGB, for screens and office printers.
	RGB
)

// Options controls the export.
type Options struct {
	Color ColorMode
	// Intent, when set, makes the file PDF/X-4 with this output intent.
	Intent *OutputIntent
	// UA claims PDF/UA-1 for a tagged document (the screen edition).
	UA bool
	// Overprint sets black (100% K) text and QR codes to overprint, for
	// print.
	Overprint bool
}

// version is the PDF version the files conform to, declared in the
// catalog's /Version (ISO 32000-1 §7.2.2: it overrides an earlier header
// version); ActualText needs 1.5.
const version = "1.7"

// Export renders doc as a PDF.
func Export(doc *page.Doc, opt Options) ([]byte, error) {
	if len(doc.Pages) == 0 {
		return nil, fmt.Errorf("document %q has no pages", doc.Title)
	}
	fonts, order, err := embedFonts(doc)
	if err != nil {
		return nil, fmt.Errorf("document %q: %w", doc.Title, err)
	}
	ink, err := newInks(doc, opt.Color)
	if err != nil {
		return nil, fmt.Errorf("document %q: %w", doc.Title, err)
	}
	first := doc.Pages[0].Size
	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: float64(first.W), Ht: float64(first.H)}})
	f.SetCatalogSort(true)
	// A page with raster images goes through fpdf's page content (its
	// image operators interleave with handbill's); on every other page
	// fpdf's content holds only its own graphics-state prefix, written
	// plain, and handbill's operators go into a content stream of the
	// update, deflated by a pooled writer (deflateFast in fonts.go).
	own := !hasImages(doc)
	f.SetCompression(!own)
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetLang(doc.Lang)
	f.SetCreationDate(doc.Date)
	f.SetModificationDate(doc.Date)
	c := &conformance{doc: doc, opt: opt, tags: newTagger(doc), annots: map[*page.Link]int{}}
	links := make([][]*page.Link, len(doc.Pages))
	ims := newRasters(f)
	var buf strings.Builder
	var contents [][]byte // handbill's content stream of each page, deflated, when own
	for i, p := range doc.Pages {
		if p.Margin < p.Bleed || p.Bleed < 0 {
			return nil, fmt.Errorf("page %q: margin %s is less than the bleed %s", p.Name, p.Margin, p.Bleed)
		}
		m := float64(p.Margin)
		f.AddPageFormat("P", fpdf.SizeType{Wd: float64(p.Size.W) + 2*m, Ht: float64(p.Size.H) + 2*m})
		if i == 0 {
			// fpdf writes the lowest header version its features need and
			// has no call to ask for another; an opaque, normal-blend
			// graphics state (it changes nothing drawn) is a PDF 1.4
			// feature, so the header becomes %PDF-1.4, which lets the
			// catalog declare the version the file conforms to.
			f.SetAlpha(1, "Normal")
		}
		buf.Reset()
		if links[i], err = writePage(&buf, p, fonts, ink, ims, c); err != nil {
			return nil, fmt.Errorf("document %q, page %q: %w", doc.Title, p.Name, err)
		}
		if !own {
			f.RawWriteStr(buf.String())
			continue
		}
		z, err := deflateFast([]byte(buf.String()))
		if err != nil {
			return nil, fmt.Errorf("document %q, page %q: %w", doc.Title, p.Name, err)
		}
		contents = append(contents, z)
	}
	var out bytes.Buffer
	if err := f.Output(&out); err != nil {
		return nil, fmt.Errorf("writing %q: %w", doc.Title, err)
	}
	data, err := appendUpdate(out.Bytes(), doc, order, ink, links, contents, c)
	if err != nil {
		return nil, fmt.Errorf("writing %q: %w", doc.Title, err)
	}
	return data, nil
}

// embedFonts cuts one subset per font the document draws with and names
// them F1, F2, … in order of first use.
func embedFonts(doc *page.Doc) (map[*page.Font]*docFont, []*docFont, error) {
	us, err := collectFonts(doc)
	if err != nil {
		return nil, nil, err
	}
	fonts := make(map[*page.Font]*docFont, len(us))
	order := make([]*docFont, 0, len(us))
	for i, u := range us {
		fi := info(u.font)
		c, err := cut(u, fi)
		if err != nil {
			return nil, nil, err
		}
		df := &docFont{res: "F" + strconv.Itoa(i+1), info: fi, cut: c, text: u.texts}
		fonts[u.font] = df
		order = append(order, df)
	}
	return fonts, order, nil
}

// writePage writes the content stream of one page and returns its links.
// Items are in trim coordinates: the origin moves to the trim's
// bottom-left corner, and y flips per item with the trim height.
func writePage(b *strings.Builder, p *page.Page, fonts map[*page.Font]*docFont, ink *inks, ims *rasters, c *conformance) ([]*page.Link, error) {
	h := float64(p.Size.H)
	fmt.Fprintf(b, "q 1 0 0 1 %s %s cm\n", num(float64(p.Margin)), num(float64(p.Margin)))
	var links []*page.Link
	write := func(items []page.Item) error {
		for _, it := range items {
			if v, ok := it.(*page.Link); ok {
				links = append(links, v)
				continue
			}
			b.WriteString(c.tags.open(it))
			op := ""
			if c.overprints(it) {
				op = "/GSop gs "
			}
			switch v := it.(type) {
			case *page.Fill:
				fmt.Fprintf(b, "q %s %s re f Q\n", ink.fill(v.Color), rect(v.Rect, h))
			case *page.Squares:
				writeSquares(b, v, h, ink, op)
			case *page.Text:
				if err := writeText(b, v, fonts[v.Font], h, ink, c.tags, op); err != nil {
					return err
				}
			case *page.Path:
				writePath(b, v, h, ink)
			case *page.Image:
				if err := ims.draw(b, v, h, float64(p.Margin)); err != nil {
					return err
				}
			default:
				return fmt.Errorf("display-list item %T has no PDF form", it)
			}
			b.WriteString(c.tags.close())
		}
		return nil
	}
	if err := write(p.Items); err != nil {
		return nil, err
	}
	if len(p.Marks) > 0 && c.tags != nil {
		b.WriteString(artifactOpen)
		writeMarks(b, p.Marks, h, ink)
		b.WriteString(markedClose)
	} else {
		writeMarks(b, p.Marks, h, ink)
	}
	if err := write(p.Slug); err != nil {
		return nil, err
	}
	b.WriteString("Q\n")
	return links, nil
}

// hasImages reports whether any page draws a raster image.
func hasImages(doc *page.Doc) bool {
	for _, p := range doc.Pages {
		for _, items := range [][]page.Item{p.Items, p.Slug} {
			for _, it := range items {
				if _, ok := it.(*page.Image); ok {
					return true
				}
			}
		}
	}
	return false
}

// writeMarks strokes printer's marks.
func writeMarks(b *strings.Builder, marks []page.Mark, h float64, ink *inks) {
	for _, mk := range marks {
		fmt.Fprintf(b, "q %s %s w 0 J ", ink.stroke(mk.Color), num(float64(mk.Width)))
		if mk.Dash > 0 {
			fmt.Fprintf(b, "[%s] 0 d ", num(float64(mk.Dash)))
		}
		fmt.Fprintf(b, "%s %s m %s %s l S Q\n", num(float64(mk.X1)), num(h-float64(mk.Y1)), num(float64(mk.X2)), num(h-float64(mk.Y2)))
	}
}

// appendUpdate appends to fpdf's output the incremental update described
// in the package doc.
func appendUpdate(data []byte, doc *page.Doc, fonts []*docFont, ink *inks, links [][]*page.Link, contents [][]byte, c *conformance) ([]byte, error) {
	b, err := readBase(data)
	if err != nil {
		return nil, fmt.Errorf("reading fpdf's output: %w", err)
	}
	pages, err := b.pages()
	if err != nil {
		return nil, fmt.Errorf("reading fpdf's output: %w", err)
	}
	if len(pages) != len(doc.Pages) {
		return nil, fmt.Errorf("reading fpdf's output: %d pages, expected %d", len(pages), len(doc.Pages))
	}
	u := newUpdate(b)

	// Fonts, then the resource dictionary every page shares (fpdf's
	// object 2 holds fpdf's own resources; its new version adds ours).
	var res dict
	for _, df := range fonts {
		res = res.with(name(df.res), ref(putFont(u, df.cut)))
	}
	ours := map[name]dict{"Font": res, "ColorSpace": ink.colorSpaces()}
	if c.opt.Overprint && c.opt.Color == CMYK {
		gs := u.alloc()
		u.object(gs, overprintGS)
		ours["ExtGState"] = dict{}.with("GSop", ref(gs))
	}
	if err := putResources(u, b, pages[0], ours); err != nil {
		return nil, err
	}
	for i, n := range pages {
		var content []byte
		if contents != nil {
			content = contents[i]
		}
		if err := putPage(u, b, n, i, doc.Pages[i], links[i], content, c); err != nil {
			return nil, err
		}
	}
	outline := putOutline(u, doc, pages)
	u.object(b.info, infoDict(doc, c))
	extra := func(d dict) (dict, error) { return c.catalogEntries(d, u, data, pages) }
	if err := putCatalog(u, b, outline, c.version(), extra); err != nil {
		return nil, err
	}
	return u.finish(b.root, b.info), nil
}

// putResources writes the new version of the shared resource dictionary:
// fpdf's entries (its graphics states, XObjects) merged with handbill's,
// given as the entries of each sub-dictionary (Font: F1 → 9 0 R, …).
func putResources(u *update, b *base, firstPage int, ours map[name]dict) error {
	pg, err := b.dictObject(firstPage)
	if err != nil {
		return err
	}
	r, ok := pg.get("Resources").(ref)
	if !ok {
		return fmt.Errorf("reading fpdf's output: the first page has no shared /Resources")
	}
	old, err := b.dictObject(int(r))
	if err != nil {
		return err
	}
	var d dict
	for _, e := range old {
		if e.key == "ProcSet" { // obsolete (ISO 32000-1 §14.2)
			continue
		}
		sub, isDict := e.val.(dict)
		add, mine := ours[e.key]
		if !mine || !isDict {
			d = append(d, e)
			continue
		}
		delete(ours, e.key)
		d = d.with(e.key, append(sub[:len(sub):len(sub)], add...))
	}
	for _, k := range []name{"Font", "ColorSpace", "ExtGState", "XObject"} {
		if add, ok := ours[k]; ok && len(add) > 0 {
			d = d.with(k, add)
		}
	}
	u.object(int(r), d)
	return nil
}

// writeSquares fills a QR code's modules in one path. The path is drawn in
// module units from the code's lower-left corner (a cm scales it), so
// each row's run of dark modules is a few small integers: a third of the
// bytes of page coordinates, and less for the deflater to do.
func writeSquares(b *strings.Builder, v *page.Squares, h float64, ink *inks, op string) {
	b.WriteString("q " + op)
	b.WriteString(ink.fill(v.Color))
	if len(v.Rects) > 0 {
		m := float64(v.Rects[0].H) // every rect is one module high
		ox, top := float64(v.Bounds.X), float64(v.Bounds.Y+v.Bounds.H)
		b.WriteString(" " + exact(m) + " 0 0 " + exact(m) + " " + num(ox) + " " + num(h-top) + " cm")
		for _, r := range v.Rects {
			b.WriteString(" " + num((float64(r.X)-ox)/m) + " " + num((top-float64(r.Y+r.H))/m) + " " + num(float64(r.W)/m) + " " + num(float64(r.H)/m) + " re")
		}
	}
	b.WriteString(" f Q\n")
}
