package typeset

// OwnInk returns the paragraph with its lines' boxes taken from the
// leading it is set at and its own ink only: without the floor of the
// largest leading fonts.yaml gives its faces, which is sized for the
// script's tallest stacks (Nastaliq 1.9 em, Indic 1.499) and which a
// short phrase, a helpline's name or number line ("0800 1111 নম্বরে কল
// করুন", ink 0.77 em), need not hold. Lines still grow to the paragraph's
// ink, so no glyph crosses its line's box; the paragraph is the same
// shaped text (sh is not changed).
func (sh *Shaped) OwnInk() *Shaped {
	own := *sh
	own.lead = 0
	if sh.loose != nil {
		own.loose = sh.loose.OwnInk()
	}
	return &own
}

// LineBox returns how far a line of the paragraph set at size in width
// with leading reaches above and below its baseline, in points (the box
// of every line that holds no run-in head), as Wrap and Measure count it.
func (sh *Shaped) LineBox(size, width, leading float64) (up, down float64) {
	return sh.pick(size, width).lineBox(size, leading, false)
}

// Lead returns the leading the paragraph's lines take at least, as a
// share of the size, from its faces' families (fonts.yaml): the largest
// of them, 0 for a paragraph set by its own ink (OwnInk).
func (sh *Shaped) Lead() float64 { return sh.lead }
