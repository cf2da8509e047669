package pdf

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"

	"github.com/handbill/handbill/internal/page"
)

// OutputIntent is the printing condition a print edition is made for: with
// one, the file is written as PDF/X-4 (ISO 15930-7).
type OutputIntent struct {
	Profile   []byte // an ICC output profile for CMYK (checked by campaign)
	Sum       string // the profile's SHA-256 in hex, to cache its compressed form
	Condition string // OutputConditionIdentifier, such as "FOGRA39"
	Info      string // the condition described for people
	// Registry says Condition is in the ICC registry: /RegistryName is
	// written (ISO 15930-7 §6.2.2).
	Registry bool
}

// iccRegistry is the ICC's registry of characterised printing conditions.
const iccRegistry = "http://www.color.org"

// conformance is what the update adds for the standards a file claims:
// the structure tree of a tagged PDF (tags.go), the XMP metadata packet
// (xmp.go), the PDF/X output intent and the catalog, page, annotation and
// Info entries that go with them. It is the same incremental update as
// everything else (update.go), not a second mechanism.
type conformance struct {
	doc    *page.Doc
	opt    Options
	tags   *tagger
	annots map[*page.Link]int // link → its annotation's object number
}

// pageEntries are the entries a page dictionary gains: its key in the
// parent tree, and, when it has annotations, the tab order that follows
// the structure (PDF/UA-1 §7.18.3).
func (c *conformance) pageEntries(d dict, i int, annots bool) dict {
	if c.tags == nil {
		return d
	}
	return d.with("StructParents", i).ifWith(annots, "Tabs", name("S"))
}

// annotEntries are the entries a link annotation gains: its key in the
// parent tree and its alternative description (PDF/UA-1 §7.18.1, §7.18.5).
func (c *conformance) annotEntries(d dict, l *page.Link, num int) dict {
	c.annots[l] = num
	d = d.withText("Contents", l.Alt)
	if k, ok := c.tags.annotKey(l); ok {
		d = d.with("StructParent", k)
	}
	return d
}

// version is the PDF version the file declares: 1.6 for PDF/X-4, which is
// based on it (ISO 15930-7 §6.1.2; nothing handbill writes needs 1.7),
// else the package's version.
func (c *conformance) version() string {
	if c.opt.Intent != nil {
		return "1.6"
	}
	return version
}

// infoEntries are the Info dictionary's entries for PDF/X-4 (ISO 15930-7
// §6.7.2.3: /Trapped must be True or False; handbill traps nothing).
func (c *conformance) infoEntries(d dict) dict {
	if c.opt.Intent == nil {
		return d
	}
	return d.with("Trapped", name("False")).with("GTS_PDFXVersion", ascii("PDF/X-4"))
}

// catalogEntries writes the structure tree, the metadata stream and the
// output intent, and returns the entries the catalog gains.
func (c *conformance) catalogEntries(d dict, u *update, base []byte, pages []int) (dict, error) {
	if c.tags != nil {
		objs := c.tags.objects(u.alloc, pages, c.annots)
		for _, o := range objs {
			u.object(o.num, o.body)
		}
		d = d.with("StructTreeRoot", ref(objs[0].num)).with("MarkInfo", dict{}.with("Marked", boolean(true)))
	}
	d = d.with("ViewerPreferences", dict{}.with("DisplayDocTitle", boolean(true)))
	meta := u.alloc()
	u.stream(meta, dict{}.with("Type", name("Metadata")).with("Subtype", name("XML")), c.xmp(base).packet(), false)
	d = d.with("Metadata", ref(meta))
	if o := c.opt.Intent; o != nil {
		data, err := deflated(o)
		if err != nil {
			return nil, err
		}
		icc := u.alloc()
		u.stream(icc, dict{}.with("N", 4), data, true)
		intent := dict{}.with("Type", name("OutputIntent")).with("S", name("GTS_PDFX")).with("OutputConditionIdentifier", pdfText(o.Condition)).
			withText("Info", o.Info).
			ifWith(o.Registry, "RegistryName", pdfText(iccRegistry)).
			with("DestOutputProfile", ref(icc))
		d = d.with("OutputIntents", array{intent})
	}
	return d, nil
}

// xmp is the document's metadata packet. The document id names the
// document (campaign, layout, locale: its keywords) and the edition; the
// instance id is a hash of what fpdf wrote, so a rebuild of the same
// document gets the same ids and the same bytes.
func (c *conformance) xmp(base []byte) xmpMeta {
	d := c.doc
	sum := sha256.Sum256(base)
	return xmpMeta{Title: d.Title, Lang: d.Lang, Author: d.Author, Subject: d.Subject, Keywords: d.Keywords,
		Creator: d.Creator, Producer: d.Creator, Date: d.Date,
		DocumentID: xmpID(d.Keywords, fmt.Sprint(c.opt.Color)), InstanceID: xmpID(hex.EncodeToString(sum[:])),
		UA: c.opt.UA && c.tags != nil, X4: c.opt.Intent != nil}
}

// iccCache holds each output profile deflated, by its hash: every print
// edition of a build embeds the same profile.
var iccCache sync.Map // Sum → []byte

func deflated(o *OutputIntent) ([]byte, error) {
	if v, ok := iccCache.Load(o.Sum); ok && o.Sum != "" {
		return v.([]byte), nil
	}
	data, err := deflate(o.Profile)
	if err != nil {
		return nil, fmt.Errorf("output profile: %w", err)
	}
	if o.Sum != "" {
		iccCache.Store(o.Sum, data)
	}
	return data, nil
}

// overprint is the graphics state that makes black text and QR codes
// overprint in a print edition (/OP and /op true, /OPM 1: the zero
// components of a CMYK colour leave the plates beneath them alone, ISO
// 32000-1 §8.6.7), so a slight misregistration never shows a white halo.
var overprintGS = dict{}.with("Type", name("ExtGState")).with("OP", boolean(true)).with("op", boolean(true)).with("OPM", 1)

// overprints reports whether an item is black that overprints: 100% K
// text or QR squares in a print edition. Fills do not, rich black or not.
func (c *conformance) overprints(it page.Item) bool {
	if !c.opt.Overprint || c.opt.Color != CMYK {
		return false
	}
	switch v := it.(type) {
	case *page.Text:
		return v.Color.Spot == "" && v.Color.CMYK == [4]float64{0, 0, 0, 1}
	case *page.Squares:
		return v.Color.Spot == "" && v.Color.CMYK == [4]float64{0, 0, 0, 1}
	}
	return false
}
