package build

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/handbill/handbill/internal/atomicfile"
	"github.com/handbill/handbill/internal/compose"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/export/pdf"
	"github.com/handbill/handbill/internal/export/png"
	"github.com/handbill/handbill/internal/fonts"
	"github.com/handbill/handbill/internal/page"
	"github.com/handbill/handbill/internal/preflight"
	"github.com/handbill/handbill/internal/typeset"
)

// FileName is the output name of one edition of a pair:
// CAMPAIGN-LAYOUT-LOCALE-EDITION.pdf, or CAMPAIGN-AREA-LAYOUT-LOCALE-EDITION.pdf
// for a pair of an area.
func FileName(campaign string, p Pair, ed edition.Edition) string {
	if p.Area != nil {
		return fmt.Sprintf("%s-%s-%s-%s-%s.pdf", campaign, p.Area.ID, p.Layout.Name, p.Locale, ed)
	}
	return fmt.Sprintf("%s-%s-%s-%s.pdf", campaign, p.Layout.Name, p.Locale, ed)
}

// Document is one edition of a pair, rendered and checked.
type Document struct {
	Edition   edition.Edition
	Doc       *page.Doc // the display list written, press furniture included
	PDF       []byte    // nil when Err is set
	Preflight *preflight.Report
	// Err is why the edition was not written: its preflight errors, or a
	// failure to export.
	Err error
}

// Render composes one pair and renders it in edition ed: the PDF bytes,
// the composition (its Diags hold the warnings) and an error when the pair
// did not compose, failed its preflight or did not export.
func Render(cmp *compose.Composer, s *typeset.Setter, p Pair, ed edition.Edition) ([]byte, *compose.Result, error) {
	res, docs, err := RenderEditions(cmp, s, p, []edition.Edition{ed})
	if err != nil {
		return nil, res, err
	}
	return docs[0].PDF, res, docs[0].Err
}

// RenderEditions composes p once and renders each edition from it. The
// error is for the pair as a whole (it did not compose); each Document
// carries its own edition's failure.
func RenderEditions(cmp *compose.Composer, s *typeset.Setter, p Pair, eds []edition.Edition) (*compose.Result, []*Document, error) {
	res := cmp.Compose(s, p.Layout, p.Locale)
	if res.Diags.HasErrors() {
		return res, nil, res.Diags.Err()
	}
	job := edition.Job{Campaign: cmp.Campaign.ID, Area: p.areaID(), Layout: p.Layout.Name, Locale: p.Locale, Creator: cmp.Creator}
	if job.Creator == "" {
		job.Creator = "handbill"
	}
	var docs []*Document
	for _, ed := range eds {
		if ed == edition.Print && job.Source == "" {
			src, err := edition.SourceVersion(cmp.Campaign, cmp.Catalog, p.Layout, p.Locale)
			if err != nil {
				return res, nil, err
			}
			job.Source = src
		}
		d := &Document{Edition: ed}
		docs = append(docs, d)
		doc, err := edition.Doc(res.Doc, p.Layout, ed, s, cmp.Fonts, job)
		if err != nil {
			d.Err = err
			continue
		}
		d.Doc = doc
		d.Preflight = preflight.Check(doc, p.Layout, ed)
		if err := d.Preflight.Problems.Err(); err != nil {
			d.Err = err
			continue
		}
		d.PDF, d.Err = pdf.Export(doc, exportOptions(d.Preflight, p.Layout, ed))
	}
	return res, docs, nil
}

// outcome is what became of one edition of a pair in a build.
type outcome struct {
	out  *Output
	fail *Failure
}

// writeDocs writes each rendered edition atomically and describes it;
// with preview.Width > 0 also a PNG of each page, drawn as preview says.
func writeDocs(campaign, dir string, p Pair, res *compose.Result, docs []*Document, preview png.Options) []outcome {
	var out []outcome
	for _, d := range docs {
		fail := func(err error) outcome {
			f := p.failure(diag.AsList(err))
			f.Edition = d.Edition
			if d.Preflight != nil {
				f.Preflight = d.Preflight
			}
			return outcome{fail: f}
		}
		if d.Err != nil {
			out = append(out, fail(d.Err))
			continue
		}
		name := FileName(campaign, p, d.Edition)
		if err := atomicfile.Write(filepath.Join(dir, name), d.PDF); err != nil {
			out = append(out, fail(err))
			continue
		}
		pngs, err := writePreviews(dir, strings.TrimSuffix(name, ".pdf"), d.Doc, preview)
		if err != nil {
			out = append(out, fail(err))
			continue
		}
		sum := sha256.Sum256(d.PDF)
		o := &Output{Previews: pngs, Path: name, Area: p.areaID(), Layout: p.Layout.Name, Locale: p.Locale, Edition: d.Edition, Pages: len(d.Doc.Pages), Bytes: len(d.PDF),
			SHA256: hex.EncodeToString(sum[:]), Warnings: []string{}, Fallbacks: res.Fallbacks,
			Draft: res.Draft != "", DraftReason: res.Draft, Preflight: d.Preflight}
		for _, w := range res.Diags.Warnings() {
			o.Warnings = append(o.Warnings, w.Error())
		}
		for _, w := range d.Preflight.Problems.Warnings() {
			o.Warnings = append(o.Warnings, w.Error())
		}
		out = append(out, outcome{out: o})
	}
	return out
}

// The PNG exporter reads glyph outlines from the typesetter's fonts.
var _ png.Parsed = (*fonts.Registry)(nil)

// previewOptions are the options of previews width pixels wide (none
// when width is 0), drawn with the fonts the typesetter parsed.
func previewOptions(width int, fonts png.Parsed) png.Options {
	return png.Options{Width: width, Fonts: fonts}
}

// writePreviews writes base-N.png for each page of doc as opt draws it,
// when opt.Width > 0, and returns their names.
func writePreviews(dir, base string, doc *page.Doc, opt png.Options) ([]string, error) {
	var names []string
	for i := range doc.Pages {
		if opt.Width <= 0 {
			break
		}
		data, err := png.Export(doc, i, opt)
		if err != nil {
			return nil, err
		}
		name := fmt.Sprintf("%s-%d.png", base, i+1)
		if err := atomicfile.Write(filepath.Join(dir, name), data); err != nil {
			return nil, err
		}
		names = append(names, name)
	}
	return names, nil
}
