package preflight

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/page"
)

// Conformance is the standard an edition's file claims to meet.
type Conformance int

// Conformances.
const (
	// NoStandard: a screen edition without a logical structure.
	NoStandard Conformance = iota
	// PDFUA1: a tagged screen edition, PDF/UA-1.
	PDFUA1
	// PDFX4: a print edition under its layout's output intent, PDF/X-4.
	PDFX4
	// NotPDFX: a print edition that cannot claim PDF/X (Standard.Why says
	// why).
	NotPDFX
)

// Standard is what an edition's file claims to conform to: decided once by
// claims and written to match by build, so the preflight line and the file
// cannot disagree. In the manifest it is one phrase ("PDF/X-4 (FOGRA39)",
// "not PDF/X: no output profile named", "PDF/UA-1").
type Standard struct {
	Conformance Conformance
	Condition   string // PDFX4: the output intent's condition, "FOGRA39"
	Why         string // NotPDFX: "no output profile named", "RGB images placed"
}

// Why a print edition is not PDF/X.
const (
	NoProfile  = "no output profile named"
	RGBImages  = "RGB images placed"
	notPDFXPre = "not PDF/X: "
	pdfX4Pre   = "PDF/X-4 ("
	ua1        = "PDF/UA-1"
)

// String is the standard as the manifest and the preflight line say it.
func (s Standard) String() string {
	switch s.Conformance {
	case PDFUA1:
		return ua1
	case PDFX4:
		return pdfX4Pre + s.Condition + ")"
	case NotPDFX:
		return notPDFXPre + s.Why
	}
	return ""
}

// MarshalJSON writes the standard as its phrase (String).
func (s Standard) MarshalJSON() ([]byte, error) { return json.Marshal(s.String()) }

// UnmarshalJSON reads a phrase MarshalJSON wrote, as in an earlier
// build's manifest.
func (s *Standard) UnmarshalJSON(data []byte) error {
	var v string
	if err := json.Unmarshal(data, &v); err != nil {
		return err
	}
	switch {
	case v == "":
		*s = Standard{}
	case v == ua1:
		*s = Standard{Conformance: PDFUA1}
	case strings.HasPrefix(v, pdfX4Pre) && strings.HasSuffix(v, ")"):
		*s = Standard{Conformance: PDFX4, Condition: v[len(pdfX4Pre) : len(v)-1]}
	case strings.HasPrefix(v, notPDFXPre):
		*s = Standard{Conformance: NotPDFX, Why: v[len(notPDFXPre):]}
	default:
		return fmt.Errorf("expected a standard like %q, %q or %q, found %q", ua1, pdfX4Pre+"FOGRA39)", notPDFXPre+NoProfile, v)
	}
	return nil
}

// Claims is what an edition's file claims: its standard, whether it is
// tagged, whether black overprints. Report embeds it, so the manifest
// keeps its fields "standard", "tagged" and "black_overprint".
type Claims struct {
	// Standard is what the file claims to conform to.
	Standard Standard `json:"standard"`
	// Tagged says the file is a tagged PDF (a structure tree in reading
	// order, alternative text for QR codes, decoration as artifacts).
	Tagged bool `json:"tagged"`
	// Overprint says black text and QR codes overprint (print).
	Overprint bool `json:"black_overprint"`
}

// claims decides what edition ed of a document of layout lay claims, and
// build writes the file to match (build/standards.go): a print edition is
// PDF/X-4 when its layout names an output intent, and not PDF/X otherwise;
// a print edition placing an RGB raster is not PDF/X either (PDF/X-4
// allows RGB only under an RGB output intent, ISO 15930-7 §6.2.4); a
// screen edition with a logical structure claims PDF/UA-1. Every
// document with a structure is tagged; black text and QR codes overprint
// in print.
func claims(doc *page.Doc, lay *campaign.Layout, ed edition.Edition) Claims {
	c := Claims{Tagged: len(doc.Structure) > 0, Overprint: ed == edition.Print}
	switch {
	case ed == edition.Print && lay.Print.OutputIntent == nil:
		c.Standard = Standard{Conformance: NotPDFX, Why: NoProfile}
	case ed == edition.Print && placesRGB(doc):
		c.Standard = Standard{Conformance: NotPDFX, Why: RGBImages}
	case ed == edition.Print:
		c.Standard = Standard{Conformance: PDFX4, Condition: lay.Print.OutputIntent.Condition}
	case c.Tagged:
		c.Standard = Standard{Conformance: PDFUA1}
	}
	return c
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
