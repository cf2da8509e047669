package preflight

import (
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/page"
)

// Standards an edition's file claims (Report.Standard).
const (
	PDFUA1     = "PDF/UA-1"
	NotPDFX    = "not PDF/X: no output profile named"
	NotPDFXRGB = "not PDF/X: RGB images placed"
	pdfX4Pre   = "PDF/X-4 ("
)

// claims decides what edition ed of a document of layout lay claims, and
// build writes the file to match (build/standards.go): a print edition is
// PDF/X-4 when its layout names an output intent, and not PDF/X otherwise;
// a print edition placing an RGB raster is not PDF/X either (PDF/X-4
// allows RGB only under an RGB output intent, ISO 15930-7 §6.2.4); a
// screen edition with a logical structure claims PDF/UA-1. Every
// document with a structure is tagged; black text and QR codes overprint
// in print.
func claims(doc *page.Doc, lay *campaign.Layout, ed Edition) (standard string, tagged, overprint bool) {
	tagged = len(doc.Structure) > 0
	switch {
	case ed == Print && lay.Print.OutputIntent == nil:
		standard = NotPDFX
	case ed == Print && placesRGB(doc):
		standard = NotPDFXRGB
	case ed == Print:
		standard = pdfX4Pre + lay.Print.OutputIntent.Condition + ")"
	case tagged:
		standard = PDFUA1
	}
	return standard, tagged, ed == Print
}

// PDFX4 reports whether the report claims PDF/X-4.
func (r *Report) PDFX4() bool {
	return len(r.Standard) > len(pdfX4Pre) && r.Standard[:len(pdfX4Pre)] == pdfX4Pre
}

// placesRGB reports whether doc places a raster image in RGB.
func placesRGB(doc *page.Doc) bool {
	for _, p := range doc.Pages {
		for _, it := range p.Items {
			if im, ok := it.(*page.Image); ok && im.Raster.Model == page.RGB {
				return true
			}
		}
	}
	return false
}
