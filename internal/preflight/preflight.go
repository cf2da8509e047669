// Package preflight checks a composed document the way a print shop would
// before it is written: trim, bleed and sheet sizes, inks and the total ink
// limit, black text and QR codes on the black plate, QR module size and
// quiet zones, the safe margin, and placed images (images.go). It sits
// between compose and export in the pipeline; build runs it on every
// edition and keeps its Report in the manifest. Errors stop a file being
// written; warnings do not.
package preflight

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/edition"
	"github.com/handbill/handbill/internal/geom"
	"github.com/handbill/handbill/internal/page"
)

// Report is what the checks run on a document before it is written
// found: the facts a print shop asks about and every problem. It is kept in
// the manifest and summarised on the command line. Errors stop the file
// being written; warnings do not.
type Report struct {
	Edition    edition.Edition `json:"edition"`
	Trim       string          `json:"trim"`            // finished size, "210 × 297 mm"
	Bleed      string          `json:"bleed,omitempty"` // print only
	Media      string          `json:"media"`           // the whole sheet written, with marks and slug
	Color      string          `json:"colour"`          // "CMYK" or "RGB"
	Inks       []string        `json:"inks"`            // "process CMYK" and spot ink names
	MaxInk     float64         `json:"max_ink"`         // highest total ink of a process colour, percent (print)
	MaxInkName string          `json:"max_ink_colour,omitempty"`
	InkLimit   float64         `json:"ink_limit,omitempty"`
	SafeMargin string          `json:"safe_margin"`  // kept by every text and helpline box (campaign checks the layout)
	KOnly      bool            `json:"black_k_only"` // every black text run and QR code is 100% K (print)
	QR         []QRCheck       `json:"qr_codes"`
	Images     []ImageCheck    `json:"images"` // placed rasters (images.go)
	// Claims are what the file claims (claims.go): its standard, tagging
	// and black overprint.
	Claims
	Problems diag.List `json:"problems"`
}

// QRCheck is one QR code as preflight measured it.
type QRCheck struct {
	Payload   string  `json:"payload"`
	ModuleMM  float64 `json:"module_mm"`
	MinimumMM float64 `json:"minimum_mm"`
	QuietZone bool    `json:"quiet_zone_clear"`
}

// Check checks doc, the edition ed of a document of layout lay.
func Check(doc *page.Doc, lay *campaign.Layout, ed edition.Edition) *Report {
	pf := &Report{Edition: ed, Color: "RGB", Images: images(doc), SafeMargin: lay.Print.SafeMargin.MMString(), KOnly: true, Inks: []string{}, QR: []QRCheck{}, Problems: diag.List{}}
	pf.Claims = claims(doc, lay, ed)
	if ed == edition.Print {
		pf.Color = "CMYK"
		pf.InkLimit = lay.Print.InkLimit
	}
	ck := &checker{pf: pf, lay: lay, print: ed == edition.Print, badColor: map[string]bool{}, colors: map[string]geom.Color{}}
	for i, p := range doc.Pages {
		if i == 0 {
			pf.sizes(p)
		}
		for idx, it := range p.Items {
			ck.item(p, idx, it)
		}
	}
	if ck.print {
		pf.Problems = append(pf.Problems, PrintArtProblems(doc, lay)...)
		pf.tallyInks(ck.colors, lay)
	} else {
		pf.Inks = append(pf.Inks, "RGB")
	}
	return pf
}

// sizes records the trim, the sheet and (print) the bleed of page p.
func (pf *Report) sizes(p *page.Page) {
	pf.Trim = strings.Replace(p.Size.W.MMString()+" × "+p.Size.H.MMString(), " mm ×", " ×", 1)
	media := p.Bounds(p.Margin)
	pf.Media = strings.Replace(media.W.MMString()+" × "+media.H.MMString(), " mm ×", " ×", 1)
	if pf.Edition == edition.Print {
		pf.Bleed = p.Bleed.MMString()
	}
}

// checker walks the items of a document for Check: the colours used, black
// text in more than K, and every QR code.
type checker struct {
	pf       *Report
	lay      *campaign.Layout
	print    bool
	badColor map[string]bool // colours already reported
	colors   map[string]geom.Color
}

func (ck *checker) errorf(p *page.Page, format string, args ...any) {
	ck.pf.Problems.Add(diag.Diagnostic{Severity: diag.Error, File: ck.lay.File, Path: "page " + p.Name, Msg: fmt.Sprintf(format, args...)})
}

// item checks the idx-th item of page p.
func (ck *checker) item(p *page.Page, idx int, it page.Item) {
	switch v := it.(type) {
	case *page.Fill:
		ck.colors[v.Color.Name] = v.Color
	case *page.Path:
		for _, c := range []*geom.Color{v.Fill, v.Stroke} {
			if c != nil {
				ck.colors[c.Name] = *c
			}
		}
	case *page.Text:
		ck.colors[v.Color.Name] = v.Color
		ck.text(v)
	case *page.Squares:
		ck.colors[v.Color.Name] = v.Color
		if v.Payload != "" && len(v.Rects) > 0 {
			ck.qr(p, idx, v)
		}
	}
}

// text reports black text that is not 100% K in print.
func (ck *checker) text(v *page.Text) {
	if !ck.print || !looksBlack(v.Color) || v.Color.PureK() || ck.badColor[v.Color.Name] {
		return
	}
	ck.badColor[v.Color.Name] = true
	ck.pf.KOnly = false
	ck.pf.Problems.Add(diag.Diagnostic{Severity: diag.Error, File: ck.lay.File, Path: "palette." + v.Color.Name,
		Msg:  fmt.Sprintf("black text in %q is %s: body text and small type must be 100%% K (C=M=Y=0), or misregistration blurs it", v.Color.Name, inkString(v.Color)),
		Hint: fmt.Sprintf("give %q cmyk: [0, 0, 0, 100]; keep a rich black for large areas in print.rich_black", v.Color.Name)})
}

// qr measures the QR code v, the idx-th item of page p: its module size
// against the layout's minimum and its ink (print), and its quiet zone.
func (ck *checker) qr(p *page.Page, idx int, v *page.Squares) {
	lay := ck.lay
	q := QRCheck{Payload: v.Payload, ModuleMM: round2(module(v).MM()), QuietZone: true}
	if ck.print {
		q.MinimumMM = round2(lay.QRModule.MM())
		if module(v) < lay.QRModule-0.001 {
			ck.errorf(p, "QR code %s has %.2f mm modules, below this layout's minimum of %.2f mm (qr.module)", v.Payload, module(v).MM(), lay.QRModule.MM())
		}
		if !v.Color.PureK() {
			ck.pf.KOnly = false
			ck.errorf(p, "QR code %s is printed in %q (%s): QR codes must be 100%% K so they stay sharp on press", v.Payload, v.Color.Name, inkString(v.Color))
		}
	}
	why := trimmed(p, v.Bounds)
	if why == "" {
		why = quietZone(p.Items, idx, v)
	}
	if why != "" {
		q.QuietZone = false
		ck.errorf(p, "QR code %s: its quiet zone (%s) is not clear: %s", v.Payload, v.Bounds.W.MMString(), why)
	}
	ck.pf.QR = append(ck.pf.QR, q)
}

// tallyInks lists the inks a print edition's colours need (process CMYK
// and spot inks by name), finds the heaviest process colour and warns of
// any over the layout's total ink limit.
func (pf *Report) tallyInks(colors map[string]geom.Color, lay *campaign.Layout) {
	process := false
	spots := map[string]bool{}
	names := make([]string, 0, len(colors))
	for n := range colors {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := colors[n]
		if c.Spot != "" {
			spots[c.Spot] = true
			continue
		}
		if c.CMYK != [4]float64{} {
			process = true
		}
		total := (c.CMYK[0] + c.CMYK[1] + c.CMYK[2] + c.CMYK[3]) * 100
		if total > pf.MaxInk+1e-9 {
			pf.MaxInk, pf.MaxInkName = math.Round(total), n
		}
		if total > lay.Print.InkLimit+1e-9 {
			pf.Problems.Add(diag.Diagnostic{Severity: diag.Warning, File: lay.File, Path: "palette." + n,
				Msg:  fmt.Sprintf("colour %q lays down %.0f%% ink (%s), over the %.0f%% total ink limit", n, total, inkString(c), lay.Print.InkLimit),
				Hint: "ask the print shop for a separation within their limit, or raise print.ink_limit if they allow more"})
		}
	}
	if process {
		pf.Inks = append(pf.Inks, "process CMYK")
	}
	spotNames := make([]string, 0, len(spots))
	for s := range spots {
		spotNames = append(spotNames, s)
	}
	sort.Strings(spotNames)
	pf.Inks = append(pf.Inks, spotNames...)
}

// Summary is one line for the command line.
func (pf *Report) Summary() string {
	var parts []string
	if pf.Edition == edition.Print {
		parts = append(parts, fmt.Sprintf("trim %s, bleed %s, sheet %s with crop marks", pf.Trim, pf.Bleed, pf.Media))
		ink := fmt.Sprintf("inks %s", strings.Join(pf.Inks, " + "))
		if pf.MaxInkName != "" {
			ink += fmt.Sprintf(", max %.0f%% (%s) of %.0f%%", pf.MaxInk, pf.MaxInkName, pf.InkLimit)
		}
		parts = append(parts, ink)
		if pf.KOnly {
			parts = append(parts, "black text and QR codes K only")
		} else {
			parts = append(parts, "black NOT K only")
		}
		if pf.Overprint {
			parts[len(parts)-1] += ", overprinting"
		}
		parts = append(parts, pf.Standard.String())
		if pf.Tagged {
			parts = append(parts, "tagged")
		}
	} else {
		parts = append(parts, fmt.Sprintf("trim %s, no marks, RGB", pf.Trim))
		if pf.Tagged {
			parts = append(parts, strings.TrimSpace("tagged "+pf.Standard.String()))
		}
	}
	if n := len(pf.QR); n > 0 {
		minMod := math.Inf(1)
		clear := true
		for _, q := range pf.QR {
			minMod = math.Min(minMod, q.ModuleMM)
			clear = clear && q.QuietZone
		}
		s := fmt.Sprintf("%d QR codes, modules %.2f mm", n, minMod)
		if pf.Edition == edition.Print {
			s += fmt.Sprintf(" (min %.2f mm)", pf.QR[0].MinimumMM)
		}
		if clear {
			s += ", quiet zones clear"
		} else {
			s += ", quiet zone NOT clear"
		}
		parts = append(parts, s)
	}
	parts = append(parts, "safe margin "+pf.SafeMargin, imagesSummary(pf.Images))
	if n := len(pf.Problems.Errors()); n > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", n, diag.Plural(n, "error", "errors")))
	}
	if n := len(pf.Problems.Warnings()); n > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", n, diag.Plural(n, "warning", "warnings")))
	}
	return strings.Join(parts, "; ")
}

// textBox is where a run's glyphs can put ink: its advance width, from
// three quarters of the size above the baseline to a quarter below.
func textBox(t *page.Text) geom.Rect {
	return geom.Rect{X: t.X, Y: t.Y - 0.75*t.Size, W: geom.Pt(t.Width()), H: t.Size}
}

// module is the side of a QR code's modules: every dark run is one module
// high.
func module(q *page.Squares) geom.Pt {
	m := geom.Pt(math.Inf(1))
	for _, r := range q.Rects {
		m = min(m, r.H)
	}
	return m
}

// quietZone says what puts ink into the code's bounds (its quiet zone
// included), or "" when nothing does. A fill beneath the code that covers
// all of it is its background, and must be light.
// trimmed says how the trim cuts into a code's quiet zone b, or "": an
// edge of the page or a fold through it (page coordinates are from the
// top left trim corner).
func trimmed(p *page.Page, b geom.Rect) string {
	if !(geom.Rect{W: p.Size.W, H: p.Size.H}).Contains(b) {
		return "it runs off the trimmed page"
	}
	for _, x := range p.Folds {
		if x > b.X && x < b.Right() {
			return fmt.Sprintf("the fold at %s crosses it", x.MMString())
		}
	}
	return ""
}

func quietZone(items []page.Item, self int, q *page.Squares) string {
	b := q.Bounds
	for i, it := range items {
		if i == self {
			continue
		}
		switch v := it.(type) {
		case *page.Text:
			if overlaps(textBox(v), b) {
				return fmt.Sprintf("text %q overlaps it", short(v.Source))
			}
		case *page.Squares:
			if overlaps(v.Bounds, b) {
				return fmt.Sprintf("another code (%s) overlaps it", v.Payload)
			}
		case *page.Path:
			if overlaps(v.Bounds(), b) {
				return fmt.Sprintf("artwork %s overlaps it", figureName(v.Figure))
			}
		case *page.Image:
			if overlaps(v.Clip, b) {
				return fmt.Sprintf("image %s overlaps it", figureName(v.Figure))
			}
		case *page.Fill:
			if !overlaps(v.Rect, b) {
				continue
			}
			if i > self {
				return fmt.Sprintf("a %q fill is drawn over it", v.Color.Name)
			}
			if !v.Rect.Contains(b) {
				return fmt.Sprintf("the edge of a %q fill crosses it", v.Color.Name)
			}
			if luminance(v.Color) < 0.6 {
				return fmt.Sprintf("it stands on %q, too dark for a scanner to find the code", v.Color.Name)
			}
		}
	}
	return ""
}

func overlaps(a, b geom.Rect) bool {
	const eps = 0.01
	return a.X < b.Right()-eps && b.X < a.Right()-eps && a.Y < b.Bottom()-eps && b.Y < a.Bottom()-eps
}

// luminance is the relative luminance of a colour's screen form, 0 black
// to 1 white.
func luminance(c geom.Color) float64 {
	lin := func(v float64) float64 {
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.RGB[0]) + 0.7152*lin(c.RGB[1]) + 0.0722*lin(c.RGB[2])
}

// looksBlack reports whether a colour is meant as black: heavy K, or all
// four inks heavy (a rich or registration black).
func looksBlack(c geom.Color) bool {
	k := c.CMYK
	return k[3] >= 0.85 || (k[0] >= 0.5 && k[1] >= 0.5 && k[2] >= 0.5 && k[3] >= 0.5)
}

func inkString(c geom.Color) string {
	k := c.CMYK
	return fmt.Sprintf("C%.0f M%.0f Y%.0f K%.0f", k[0]*100, k[1]*100, k[2]*100, k[3]*100)
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }

// short cuts a run's text for a message.
func short(s string) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) > 24 {
		return string(r[:24]) + "…"
	}
	return string(r)
}
