package serve

import (
	"context"
	"fmt"
	"slices"

	"github.com/handbill/handbill/internal/build"
	"github.com/handbill/handbill/internal/edition"
	hpng "github.com/handbill/handbill/internal/export/png"
	"github.com/handbill/handbill/internal/page"
)

// Edition is an edition of every document (edition.Edition) as the site
// offers it. Its words are site messages: site.edition.ID is its name
// ("Office printer or screen"), site.edition.ID.about one sentence on when
// to choose it.
type Edition struct {
	ID string // in addresses: "screen", "print"
	// Accessible, when not empty, is the id of a site message added to
	// the edition's description, for an edition whose PDFs are tagged for
	// screen readers (say "accessible" there).
	Accessible string
	build      edition.Edition
}

// Name and About are the ids of the edition's site messages.
func (e *Edition) Name() string  { return sitePrefix + "edition." + e.ID }
func (e *Edition) About() string { return e.Name() + ".about" }

// siteEditions are build's editions in the site's order: the screen
// edition first, as the default the home page links to, since a school
// prints on its own printer.
func siteEditions() []*Edition {
	var out []*Edition
	for _, e := range edition.All {
		out = append(out, &Edition{ID: string(e), build: e})
	}
	slices.SortStableFunc(out, func(a, b *Edition) int {
		switch {
		case a.build == edition.Screen && b.build != edition.Screen:
			return -1
		case b.build == edition.Screen && a.build != edition.Screen:
			return 1
		}
		return 0
	})
	return out
}

// rendered is one edition of a (layout, locale) pair: its display list,
// as the edition prints it, and its PDF.
type rendered struct {
	doc *page.Doc
	pdf *blob
}

// docKey is the cache key of a document.
func (s *Site) docKey(l *layoutInfo, loc string, ed *Edition) string {
	return "doc " + s.mount + l.Name + "/" + loc + "/" + ed.ID
}

// renderPair composes (l, loc) once and renders it in the editions eds
// through build, holding a render slot. It returns the failure of the
// pair as a whole, or one result or error per edition.
func (s *Site) renderPair(l *layoutInfo, loc string, eds []*Edition) ([]*rendered, []error, error) {
	bes := make([]edition.Edition, len(eds))
	for i, e := range eds {
		bes[i] = e.build
	}
	set := <-s.slots
	_, docs, err := build.RenderEditions(s.cmp, set, build.Pair{Layout: l.Layout, Locale: loc, Area: s.cfg.Campaign.Area}, bes)
	s.slots <- set
	if err != nil {
		return nil, nil, err
	}
	out := make([]*rendered, len(eds))
	errs := make([]error, len(eds))
	for i, d := range docs {
		if errs[i] = d.Err; d.Err == nil {
			out[i] = &rendered{doc: d.Doc, pdf: newBlob(d.PDF, "application/pdf")}
		}
	}
	return out, errs, nil
}

// doc returns one edition of (l, loc), from the cache or rendered, and
// whether it was cached.
func (s *Site) doc(ctx context.Context, l *layoutInfo, loc string, ed *Edition) (*rendered, bool, error) {
	v, hit, err := s.cache.get(ctx, s.docKey(l, loc, ed), func() (any, int64, error) {
		rs, errs, err := s.renderPair(l, loc, []*Edition{ed})
		if err == nil {
			err = errs[0]
		}
		if err != nil {
			return nil, 0, err
		}
		return rs[0], rs[0].size(), nil
	})
	if err != nil {
		return nil, false, err
	}
	return v.(*rendered), hit, nil
}

func (r *rendered) size() int64 { return docSize(r.doc) + int64(len(r.pdf.data)) }

// docSize estimates the memory a composed document holds, in bytes. Font
// programs are shared by every document and not counted.
func docSize(d *page.Doc) int64 {
	n := int64(512)
	for _, p := range d.Pages {
		for _, items := range [][]page.Item{p.Items, p.Slug} {
			for _, it := range items {
				n += 64
				switch v := it.(type) {
				case *page.Text:
					n += int64(len(v.Glyphs))*40 + int64(len(v.Source))
				case *page.Path:
					n += int64(len(v.Segs)) * 56
				case *page.Image:
					// Counted in full although documents may share a
					// raster: the bound errs on the safe side.
					if r := v.Raster; r != nil {
						n += int64(len(r.Data)) + int64(r.Width)*int64(r.Height)*4
					}
				case *page.Squares:
					n += int64(len(v.Rects))*32 + int64(len(v.Payload))
				case *page.Link:
					n += int64(len(v.URI))
				}
			}
		}
		n += int64(len(p.Marks)) * 80
	}
	return n
}

// fileName is the download name of (l, loc, ed).
func (s *Site) fileName(l *layoutInfo, loc string, ed *Edition) string {
	return build.FileName(s.cfg.Campaign.ID, build.Pair{Layout: l.Layout, Locale: loc, Area: s.cfg.Campaign.Area}, ed.build)
}

// render returns the body of a PDF or PNG route and whether it came from
// the cache. A PDF is part of its document's cache entry; a PNG has its
// own entry, rasterised from the document.
func (s *Site) render(ctx context.Context, r *route) (*blob, bool, error) {
	if r.kind == pdfFile {
		d, hit, err := s.doc(ctx, r.lay, r.loc.tag, r.ed)
		if err != nil {
			return nil, false, err
		}
		return d.pdf, hit, nil
	}
	v, hit, err := s.cache.get(ctx, s.mount+r.folder+fmt.Sprint(r.kind, "/", r.page, "/", r.width), func() (any, int64, error) {
		// Detached from ctx: the result is cached even when the request
		// that asked for it has gone.
		d, _, err := s.doc(context.Background(), r.lay, r.loc.tag, r.ed)
		if err != nil {
			return nil, 0, err
		}
		data, err := s.preview(d, r)
		if err != nil {
			return nil, 0, err
		}
		b := newBlob(data, "image/png")
		return b, int64(len(data)) + 128, nil
	})
	if err != nil {
		return nil, false, err
	}
	return v.(*blob), hit, nil
}

// preview rasterises the page of d that route r shows, at its width, as
// a palette PNG where the page's colours allow (png.Options.Palette),
// holding a render slot (which bounds the CPU used; its setter is idle).
func (s *Site) preview(d *rendered, r *route) ([]byte, error) {
	set := <-s.slots
	defer func() { s.slots <- set }()
	return hpng.Export(d.doc, r.page, hpng.Options{Width: r.width, Palette: true, Fonts: s.cfg.Fonts})
}
