package build

import (
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/export/pdf"
	"github.com/handbill/handbill/internal/preflight"
)

// exportOptions is how an edition is written: what its preflight report
// says it claims (PDF/X-4 with the layout's output intent, PDF/UA-1,
// black overprint), so the preflight line and the file cannot disagree.
func exportOptions(rep *preflight.Report, lay *campaign.Layout, ed edition.Edition) pdf.Options {
	opt := pdf.Options{Color: colorMode(ed), UA: rep.Standard.Conformance == preflight.PDFUA1, Overprint: rep.Overprint}
	if o := lay.Print.OutputIntent; rep.Standard.Conformance == preflight.PDFX4 && o != nil {
		opt.Intent = &pdf.OutputIntent{Profile: o.Data, Sum: o.Sum, Condition: o.Condition, Info: o.Info, Registry: o.Registry}
	}
	return opt
}

// colorMode is how an edition writes colours.
func colorMode(ed edition.Edition) pdf.ColorMode {
	if ed == edition.Print {
		return pdf.CMYK
	}
	return pdf.RGB
}
