package campaign

// Layouts: layouts/NAME.yaml decoded (following extends) and resolved into
// Layout: lengths in points, a base layout scaled to the derived size,
// colours from the palette, type roles, pages, blocks and paragraphs.

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/handbill/handbill/internal/decode"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/geom"
)

// loadLayout reads layouts/NAME.yaml, following extends, over the brand's
// palette (a layout's colour of the same name overrides the brand's). Its
// print section comes back unresolved, for resolveLayoutPrint once the
// layout is known to resolve (a box that failed would only add
// consequences).
func loadLayout(fsys fs.FS, name string, brand map[string]colorFile, l *diag.List) (*Layout, printFile) {
	file := "layouts/" + name + ".yaml"
	var lf layoutFile
	var baseSize []scalar
	var baseFile string
	if !decodeLayoutFile(fsys, file, &lf, &baseSize, &baseFile, l, nil) {
		return nil, printFile{}
	}
	for k, c := range brand {
		if _, own := lf.Palette[k]; !own {
			if lf.Palette == nil {
				lf.Palette = map[string]colorFile{}
			}
			lf.Palette[k] = c // a layout's own colour replaces the brand's whole
		}
	}
	return resolveLayout(name, file, &lf, baseSize, baseFile, l), lf.Print
}

// decodeLayoutFile decodes file into lf after its base (if it extends one),
// so that the file's own fields override the base's. baseSize receives the
// size the base declared, for scaling.
func decodeLayoutFile(fsys fs.FS, file string, lf *layoutFile, baseSize *[]scalar, baseFile *string, l *diag.List, chain []string) bool {
	chain = append(chain, file)
	src, err := readLimited(fsys, file, MaxFileBytes)
	if err != nil {
		if ok, _, _ := decode.Inside(fsys, file); len(chain) == 1 && (errors.Is(err, fs.ErrNotExist) || !ok) {
			return false // the caller reports a missing layout where it is named
		}
		l.Errorf(file, 0, 0, "", "cannot read layout: %v", err)
		return false
	}
	n, ok := decode.Parse(file, src, l)
	if !ok {
		return false
	}
	// Read extends first.
	var head struct {
		Extends scalar `yaml:"extends"`
	}
	if root := n.Content[0]; root.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(root.Content); i += 2 {
			if root.Content[i].Value == "extends" {
				decode.Node(file, root.Content[i+1], &head.Extends, "extends", l)
			}
		}
	}
	if head.Extends.Set {
		base, ok := resolveAsset(path.Dir(file), head.Extends.V)
		if !ok {
			d := head.Extends.Diag("extends", "expected a path inside the campaign folder, found %q: refused", head.Extends.V)
			d.Hint = "a layout can extend only files of its own campaign, such as base/poster.yaml"
			l.Add(d)
			return false
		}
		if d := decode.InsideDiag(fsys, base, head.Extends, "extends"); d != nil {
			l.Add(*d)
			return false
		}
		if !fileExists(fsys, base) {
			head.Extends.Errorf(l, "extends", "expected a base layout file %s, found none", base)
			return false
		}
		if slices.Contains(chain, base) {
			d := head.Extends.Diag("extends", "expected a base layout that does not extend this one again, found a cycle: %s", strings.Join(append(chain, base), " → "))
			d.Hint = "remove extends from one of them"
			l.Add(d)
			return false
		}
		if len(chain) >= MaxExtends {
			d := head.Extends.Diag("extends", "expected a chain of at most %d layouts, found a longer one: %s → …", MaxExtends, strings.Join(append(chain, base), " → "))
			d.Hint = "merge some of the base layouts; a longer chain is hard to follow"
			l.Add(d)
			return false
		}
		if !decodeLayoutFile(fsys, base, lf, baseSize, baseFile, l, chain) {
			return false
		}
		*baseSize = lf.Size
		*baseFile = base
	}
	decode.Node(file, n, lf, "", l)
	return true
}

func resolveLayout(name, file string, lf *layoutFile, baseSize []scalar, baseFile string, l *diag.List) *Layout {
	lay := &Layout{Name: name, File: file, Description: lf.Description.V, Kind: LayoutKind(lf.Kind.V), Palette: map[string]geom.Color{}, Type: map[Role]TypeStyle{}}
	if baseFile != "" {
		lay.Base = strings.TrimSuffix(path.Base(baseFile), path.Ext(baseFile))
	}
	if lf.Design.Set { // a size of a design it does not extend (Design)
		if !idPattern.MatchString(lf.Design.V) {
			lf.Design.Errorf(l, "design", "expected a design name like \"poster\" (lowercase letters, digits and hyphens), found %q", lf.Design.V)
		}
		lay.Base = lf.Design.V
	}
	if !lf.Kind.Set {
		lf.At.Errorf(l, "", "missing field \"kind\": expected poster or leaflet")
	} else if lay.Kind != Poster && lay.Kind != Leaflet {
		lf.Kind.Errorf(l, "kind", "expected poster or leaflet, found %q", lay.Kind)
	}
	size, ok := parseSize(lf.Size, lf.At, l)
	if !ok {
		return nil
	}
	lay.Size = size
	r := &layoutResolver{lay: lay, file: file, l: l, scale: 1, scaleY: 1}
	r.scaleFromBase(lf, baseSize, baseFile)
	for _, k := range slices.Sorted(maps.Keys(lf.Palette)) {
		lay.Palette[k] = resolveColor(k, lf.Palette[k], l)
	}
	r.types(lf)
	lay.QRModule = 0.5 * geom.MM
	if lf.QR.Module.Set {
		m, err := geom.ParseLength(lf.QR.Module.V)
		switch {
		case err != nil || m <= 0:
			lf.QR.Module.Errorf(l, "qr.module", "%s", lengthMsg(err, lf.QR.Module.V))
		case m < MinQRModule-0.001:
			d := lf.QR.Module.Diag("qr.module", "expected a QR module of at least %.2fmm, found %s", MinQRModule.MM(), lf.QR.Module.V)
			d.Hint = "a phone camera at arm's length does not resolve smaller modules; make qr_size larger instead"
			l.Add(d)
		}
		lay.QRModule = max(m, MinQRModule)
	}
	if len(lf.Pages) == 0 {
		lf.At.Errorf(l, "pages", "expected at least one page, found none")
	}
	for pi, pf := range lf.Pages {
		lay.Pages = append(lay.Pages, r.page(pf, fmt.Sprintf("pages[%d]", pi)))
	}
	checkHelpFaces(lay, l)
	return lay
}

// MinQRModule is the smallest QR module a layout may allow (qr.module):
// 0.33 mm (13 mil), the common floor for print read by a phone at arm's
// length. A layout's codes below it were built, and preflight said
// nothing, although no reader decoded 0.05 mm modules at 600 dpi.
const MinQRModule = 0.33 * geom.MM

// layoutResolver resolves one layout's styles, pages and blocks: lengths of
// a derived layout are scaled from its base's size by scale (horizontally)
// and scaleY (vertically), and colours are looked up in its palette.
type layoutResolver struct {
	lay           *Layout
	file          string
	l             *diag.List
	scale, scaleY float64
}

// scaleFromBase sets the scale of a layout derived from a base of another
// size, which must have the same proportions.
func (r *layoutResolver) scaleFromBase(lf *layoutFile, baseSize []scalar, baseFile string) {
	if baseFile == "" || len(baseSize) == 0 {
		return
	}
	size := r.lay.Size
	bs, ok := parseSize(baseSize, at{File: baseFile, Line: 1, Col: 1}, r.l)
	if !ok || bs == size {
		return
	}
	r.scale = float64(size.W / bs.W)
	r.scaleY = float64(size.H / bs.H)
	if q := r.scaleY / r.scale; q < 0.99 || q > 1.01 {
		lf.Size[0].Errorf(r.l, "size", "a derived layout must keep its base's proportions to scale it (base %s×%s, this %s×%s)", bs.W, bs.H, size.W, size.H)
	}
}

// sc scales a horizontal length, or a size, from the base.
func (r *layoutResolver) sc(p geom.Pt) geom.Pt { return p * geom.Pt(r.scale) }

// types resolves the type styles, one for each role.
func (r *layoutResolver) types(lf *layoutFile) {
	for _, k := range slices.Sorted(maps.Keys(lf.Type)) {
		tf := lf.Type[k]
		if !slices.Contains(roles, k) {
			d := tf.At.Diag("type."+k, "expected a role (%s), found %q", strings.Join(roles, ", "), k)
			d.Hint = diag.DidYouMean(k, roles)
			r.l.Add(d)
			continue
		}
		r.lay.Type[Role(k)] = r.typeStyle(tf, "type."+k)
	}
	for _, role := range roles {
		if _, ok := r.lay.Type[Role(role)]; !ok {
			lf.At.Errorf(r.l, "type", "missing role %q: expected a style for each of %s", role, strings.Join(roles, ", "))
		}
	}
}

func (r *layoutResolver) typeStyle(tf typeFile, p string) TypeStyle {
	ts := TypeStyle{Leading: 1.25}
	if mn, mx, ok := parseRange(tf.Size, p+".size", tf.At, r.l); ok {
		ts.Min, ts.Max = r.sc(mn), r.sc(mx)
	}
	switch tf.Weight.V {
	case "", "regular":
	case "bold":
		ts.Bold = true
	default:
		tf.Weight.Errorf(r.l, p+".weight", "expected regular or bold, found %q", tf.Weight.V)
	}
	if tf.Leading.Set {
		f, err := strconv.ParseFloat(tf.Leading.V, 64)
		if err != nil || !(f >= 0.8 && f <= 4) { // NaN is neither
			tf.Leading.Errorf(r.l, p+".leading", "expected a line height between 0.8 and 4 times the size, found %q", tf.Leading.V)
		}
		ts.Leading = f
	}
	return ts
}

// color returns the palette colour s names (def when s is absent).
func (r *layoutResolver) color(s scalar, p string, def string) geom.Color {
	nm := s.V
	if !s.Set {
		nm = def
	}
	c, ok := r.lay.Palette[nm]
	if !ok {
		names := slices.Sorted(maps.Keys(r.lay.Palette))
		d := s.Diag(p, "expected a palette colour (%s), found %q", strings.Join(names, ", "), nm)
		if d.File == "" {
			d.File = r.file
		}
		d.Hint = diag.DidYouMean(nm, names)
		r.l.Add(d)
	}
	return c
}

func (r *layoutResolver) page(pf pageFile, pp string) Page {
	pg := Page{Name: pf.Name.V}
	for fi, f := range pf.Folds {
		x, err := geom.ParseLength(f.V)
		if err != nil || x <= 0 || x >= r.lay.Size.W/geom.Pt(r.scale) {
			f.Errorf(r.l, fmt.Sprintf("%s.folds[%d]", pp, fi), "%s", lengthMsg(err, f.V))
		}
		pg.Folds = append(pg.Folds, r.sc(x))
	}
	for bi, bf := range pf.Blocks {
		if b, ok := r.block(bf, fmt.Sprintf("%s.blocks[%d]", pp, bi)); ok {
			pg.Blocks = append(pg.Blocks, b)
		}
	}
	checkAtMost(pg, r.l)
	checkBelow(pg, r.l)
	return pg
}

// checkBelow reports a below that names no text block set before it on
// its page (a callout follows text already placed), or a callout that
// also has a group (it is fitted on its own, in the room left).
func checkBelow(pg Page, l *diag.List) {
	var names []string
	for _, b := range pg.Blocks {
		if b.Kind != TextBlock {
			continue
		}
		if b.Below != "" {
			at := b.BelowAt
			d := diag.Diagnostic{Severity: diag.Error, File: at.File, Line: at.Line, Col: at.Col, Path: at.Path}
			switch {
			case !slices.Contains(names, b.Below):
				d.Msg = fmt.Sprintf("expected the name of a text block before this one on its page, not itself a callout (%s), found %q", strings.Join(names, ", "), b.Below)
				d.Hint = diag.DidYouMean(b.Below, names)
			case b.Group != "":
				d.Msg = "expected a callout (below) without a group: it is fitted on its own, in the room the text above it leaves"
			default:
				continue
			}
			l.Add(d)
			continue
		}
		names = append(names, b.Name)
	}
}

var blockKinds = []string{string(RectBlock), string(TextBlock), string(HelplinesBlock), string(ImageBlock), string(PartnersBlock), string(IssuerBlock)}

// block resolves a block; it reports false for a block of no known kind.
func (r *layoutResolver) block(bf blockFile, bp string) (Block, bool) {
	b := Block{Kind: BlockKind(bf.Kind.V), Name: bf.Name.V, Group: bf.Group.V, File: bf.Kind.File, Line: bf.Kind.Line, Align: Start, VAlign: "top", Arrange: "column"}
	if !slices.Contains(blockKinds, bf.Kind.V) {
		d := bf.At.Diag(bp+".kind", "expected a block kind (%s), found %q", strings.Join(blockKinds, ", "), bf.Kind.V)
		if bf.Kind.Set {
			d.File, d.Line, d.Col = bf.Kind.File, bf.Kind.Line, bf.Kind.Col
			d.Hint = diag.DidYouMean(bf.Kind.V, blockKinds)
		}
		r.l.Add(d)
		return b, false
	}
	if box, ok := parseBox(bf.Box, bp+".box", bf.At, r.l); ok {
		b.Box = geom.Rect{X: box.X * geom.Pt(r.scale), Y: box.Y * geom.Pt(r.scaleY), W: box.W * geom.Pt(r.scale), H: box.H * geom.Pt(r.scaleY)}
		r.checkOnPage(b.Box, bf.Box[0], bp+".box")
	}
	r.alignment(&b, bf, bp)
	if b.Kind != ImageBlock {
		checkImageFields(&bf, bp, r.l)
	}
	switch b.Kind {
	case ImageBlock:
		b.Image = resolveImageFields(&bf, bp, r.l)
	case RectBlock:
		if !bf.Fill.Set {
			bf.At.Errorf(r.l, bp, "missing field \"fill\": expected the palette colour a rect is filled with")
		} else {
			b.Fill = r.color(bf.Fill, bp+".fill", "")
		}
	case TextBlock:
		b.Color = r.color(bf.Color, bp+".color", "ink")
		if bf.Fill.Set {
			b.Fill = r.color(bf.Fill, bp+".fill", "")
		}
		b.Below, b.BelowAt = bf.Below.V, posOf(bf.Below, bp+".below")
		if len(bf.Paragraphs) == 0 {
			bf.At.Errorf(r.l, bp, "missing field \"paragraphs\": expected at least one message in a text block")
		}
		for qi, qf := range bf.Paragraphs {
			b.Paragraphs = append(b.Paragraphs, r.paragraph(qf, b.Color, fmt.Sprintf("%s.paragraphs[%d]", bp, qi)))
		}
	case HelplinesBlock:
		r.helplines(&b, bf, bp)
	case IssuerBlock:
		r.issuer(&b, bf, bp)
	}
	b.AtMost = resolveAtMost(bf.AtMost, b.Kind, bp+".at_most", r.l)
	checkFieldFields(&bf, b.Kind, bp, r.l)
	return b, true
}

// alignment resolves a block's align and valign.
func (r *layoutResolver) alignment(b *Block, bf blockFile, bp string) {
	if bf.Align.Set {
		switch Align(bf.Align.V) {
		case Start, End, Center:
			b.Align = Align(bf.Align.V)
		default:
			d := bf.Align.Diag(bp+".align", "expected start, end or center, found %q", bf.Align.V)
			if bf.Align.V == "left" || bf.Align.V == "right" {
				d.Hint = "alignment follows the text direction so right-to-left locales mirror: use start or end"
			}
			r.l.Add(d)
		}
	}
	if bf.VAlign.Set {
		if !slices.Contains([]VAlign{Top, Middle, Bottom}, VAlign(bf.VAlign.V)) {
			bf.VAlign.Errorf(r.l, bp+".valign", "expected top, middle or bottom, found %q", bf.VAlign.V)
		}
		b.VAlign = VAlign(bf.VAlign.V)
	}
}

// checkFieldFields reports below and paragraphs on a block that is not
// text, fill on one that is neither rect nor text, and size on one that
// is not an issuer lock-up.
func checkFieldFields(bf *blockFile, kind BlockKind, bp string, l *diag.List) {
	if bf.Below.Set && kind != TextBlock {
		bf.Below.Errorf(l, bp+".below", "expected below only on a text block, found it on a %s block", kind)
	}
	if bf.Fill.Set && kind != TextBlock && kind != RectBlock {
		bf.Fill.Errorf(l, bp+".fill", "expected fill only on a rect or text block, found it on a %s block", kind)
	}
	if len(bf.Paragraphs) > 0 && kind != TextBlock {
		d := bf.Paragraphs[0].At.Diag(bp+".paragraphs", "expected paragraphs only on a text block, found them on a block of kind %s", kind)
		if kind == IssuerBlock {
			d.Hint = "an issuer block sets campaign.yaml's publisher (name, url, logo); its size: is the name's range"
		}
		l.Add(d)
	}
	if len(bf.Size) > 0 && kind != IssuerBlock {
		bf.Size[0].Errorf(l, bp+".size", "expected size only on an issuer block (a text block's sizes are its paragraphs'), found it on a %s block", kind)
	}
}

// resolveAtMost checks a block's at_most: only on a text block, a block
// name and a share above 0 and at most 1.
func resolveAtMost(af *atMostFile, kind BlockKind, p string, l *diag.List) AtMost {
	if af == nil {
		return AtMost{}
	}
	if kind != TextBlock {
		af.At.Errorf(l, p, "expected at_most only on a text block, found it on a %s block", kind)
		return AtMost{}
	}
	if !af.Block.Set || af.Block.V == "" {
		af.At.Errorf(l, p, "missing field \"block\": expected the name of the text block whose size this one stays under")
	}
	f, err := strconv.ParseFloat(af.Times.V, 64)
	if !af.Times.Set || err != nil || f <= 0 || f > 1 {
		d := af.At.Diag(p+".times", "expected a share above 0 and at most 1, like 0.4, found %q", af.Times.V)
		if af.Times.Set {
			d.File, d.Line, d.Col = af.Times.File, af.Times.Line, af.Times.Col
		}
		l.Add(d)
	}
	return AtMost{Block: af.Block.V, Times: f, BlockAt: posOf(af.Block, p+".block")}
}

// checkAtMost reports an at_most that names no other text block of its
// page.
func checkAtMost(pg Page, l *diag.List) {
	var names []string
	for _, b := range pg.Blocks {
		if b.Kind == TextBlock && b.AtMost.Block == "" {
			names = append(names, b.Name)
		}
	}
	for _, b := range pg.Blocks {
		if b.AtMost.Block != "" && !slices.Contains(names, b.AtMost.Block) {
			at := b.AtMost.BlockAt
			d := diag.Diagnostic{Severity: diag.Error, File: at.File, Line: at.Line, Col: at.Col, Path: at.Path,
				Msg: fmt.Sprintf("expected the name of a text block on this page without an at_most of its own (%s), found %q", strings.Join(names, ", "), b.AtMost.Block)}
			d.Hint = diag.DidYouMean(b.AtMost.Block, names)
			l.Add(d)
		}
	}
}

// checkOnPage reports a box that is not inside the trim, saying which edges
// it crosses.
func (r *layoutResolver) checkOnPage(box geom.Rect, first scalar, p string) {
	size := r.lay.Size
	if (geom.Rect{W: size.W, H: size.H}).Contains(box) {
		return
	}
	d := first.Diag(p, "expected a box on the %s×%s page, found one from %s,%s to %s,%s", size.W, size.H, box.X, box.Y, box.X+box.W, box.Y+box.H)
	var over []string
	if e := box.X + box.W - size.W; e > 0 {
		over = append(over, fmt.Sprintf("%s past the right edge", e))
	}
	if e := box.Y + box.H - size.H; e > 0 {
		over = append(over, fmt.Sprintf("%s past the bottom edge", e))
	}
	if box.X < 0 {
		over = append(over, fmt.Sprintf("%s past the left edge", -box.X))
	}
	if box.Y < 0 {
		over = append(over, fmt.Sprintf("%s past the top edge", -box.Y))
	}
	if len(over) > 0 {
		d.Hint = "it reaches " + strings.Join(over, " and ") + "; boxes are [x, y, width, height] from the top left of the trim"
	}
	r.l.Add(d)
}

func (r *layoutResolver) paragraph(qf paragraphFile, color geom.Color, qp string) Paragraph {
	l := r.l
	para := Paragraph{Message: qf.Message.V, Role: Role(qf.Role.V), Color: color, Count: qf.Count.V, File: qf.Message.File, Line: qf.Message.Line, Col: qf.Message.Col, Path: qp}
	if !qf.Message.Set {
		qf.At.Errorf(l, qp, "missing field \"message\": expected a message id")
		para.File, para.Line, para.Col = qf.At.File, qf.At.Line, qf.At.Col
	}
	ts, ok := r.lay.Type[para.Role]
	if !ok {
		d := qf.Role.Diag(qp+".role", "expected a role (%s), found %q", strings.Join(roles, ", "), qf.Role.V)
		if d.File == "" {
			d.File, d.Line, d.Col = qf.At.File, qf.At.Line, qf.At.Col
		}
		d.Hint = diag.DidYouMean(qf.Role.V, roles)
		l.Add(d)
	}
	para.Min, para.Max = ts.Min, ts.Max
	if len(qf.Size) > 0 {
		if mn, mx, ok := parseRange(qf.Size, qp+".size", qf.At, l); ok {
			para.Min, para.Max = r.sc(mn), r.sc(mx)
		}
	}
	if qf.Color.Set {
		para.Color = r.color(qf.Color, qp+".color", "")
	}
	para.RunIn = r.runIn(qf, ts, qp)
	para.Icon, para.IconAbove = r.icon(qf.Icon, qp+".icon")
	if qf.Count.Set && qf.Count.V != "helplines" {
		qf.Count.Errorf(l, qp+".count", "expected a count the campaign knows (helplines), found %q", qf.Count.V)
	}
	if len(qf.Data) > 0 {
		para.Data = map[string]string{}
		for _, k := range slices.Sorted(maps.Keys(qf.Data)) {
			v := qf.Data[k]
			para.Data[k] = v.V
			if v.V != "emergency" && !strings.HasPrefix(v.V, "data.") {
				v.Errorf(l, qp+".data."+k, "expected a campaign value (emergency or data.NAME), found %q", v.V)
			}
		}
	}
	return para
}

// runIn reads a paragraph's runin: true or false, and only on a role set
// in the regular weight (a bold role has no head to set apart).
func (r *layoutResolver) runIn(qf paragraphFile, ts TypeStyle, qp string) bool {
	if !qf.RunIn.Set {
		return false
	}
	on, err := strconv.ParseBool(qf.RunIn.V)
	switch {
	case err != nil:
		qf.RunIn.Errorf(r.l, qp+".runin", "expected true or false, found %q", qf.RunIn.V)
	case on && ts.Bold:
		d := qf.RunIn.Diag(qp+".runin", "expected a paragraph whose role %s is set in the regular weight, found a bold role", qf.Role.V)
		d.Hint = "a run-in head sets a body paragraph's first sentence bold; remove runin or use the body role"
		r.l.Add(d)
	}
	return on && err == nil
}

// issuer resolves an issuer block's colour and the size range of the
// issuer's name.
func (r *layoutResolver) issuer(b *Block, bf blockFile, bp string) {
	b.Color = r.color(bf.Color, bp+".color", "ink")
	ts := r.lay.Type[Body]
	b.NameMin, b.NameMax = ts.Min, ts.Max
	if len(bf.Size) > 0 {
		if mn, mx, ok := parseRange(bf.Size, bp+".size", bf.At, r.l); ok {
			b.NameMin, b.NameMax = r.sc(mn), r.sc(mx)
		}
	}
}

func (r *layoutResolver) helplines(b *Block, bf blockFile, bp string) {
	b.Color = r.color(bf.Color, bp+".color", "ink")
	b.NumberColor = r.color(bf.NumberColor, bp+".number_color", "ink")
	if bf.Arrange.Set {
		if a := Arrangement(bf.Arrange.V); a != Row && a != Column {
			bf.Arrange.Errorf(r.l, bp+".arrange", "expected row or column, found %q", bf.Arrange.V)
		}
		b.Arrange = Arrangement(bf.Arrange.V)
	}
	if bf.Primary.Set {
		b.Primary, b.PrimaryAt = bf.Primary.V, posOf(bf.Primary, bp+".primary")
	}
	if !bf.QRSize.Set {
		bf.At.Errorf(r.l, bp, "missing field \"qr_size\": expected the side of each QR code, like \"25mm\"")
	} else if q, err := geom.ParseLength(bf.QRSize.V); err != nil || q <= 0 {
		bf.QRSize.Errorf(r.l, bp+".qr_size", "%s", lengthMsg(err, bf.QRSize.V))
	} else {
		b.QRSize = r.sc(q)
	}
}
