package compose

import (
	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/geom"
)

// Room is how the text of one box fits it at the smallest sizes its layout
// allows: what a translator needs to know to cut (or may add). Compose
// records it for every text block and every helpline entry when
// Composer.MeasureRoom is set.
type Room struct {
	Layout   string
	Block    string // block name; a helpline entry is "NAME[helpline id]"
	File     string // where the block is defined
	Line     int
	Messages []string  // the message ids set in the box, in order
	Sizes    []geom.Pt // the smallest allowed size of each message
	Have     float64   // the box height, points
	Need     float64   // the height the text takes at the smallest sizes, points
	Overfull bool      // a word is wider than the box even at the smallest size
	// WideMessage and WideWord name the first word wider than the box at
	// its message's smallest size, when Overfull.
	WideMessage, WideWord string
}

// Left returns the share of the box height left free at the smallest
// sizes: 0.12 is 12% room left, -0.12 is 12% over.
func (r Room) Left() float64 {
	if r.Have <= 0 {
		return -1
	}
	return (r.Have - r.Need) / r.Have
}

// Fits reports whether the text fits at some allowed size.
func (r Room) Fits() bool { return !r.Overfull && r.Need <= r.Have+0.01 }

// measure records the room of pieces ps in box for a block (entry names a
// helpline entry, "" for a text block). It sets the pieces at their
// smallest sizes to measure, so callers wrap again before placing.
func (j *job) measure(b *campaign.Block, entry string, ps []*piece, box geom.Rect) {
	if !j.c.MeasureRoom || len(ps) == 0 {
		return
	}
	r := Room{Layout: j.lay.Name, Block: b.Name, File: b.File, Line: b.Line, Have: float64(box.H)}
	if entry != "" {
		r.Block += "[" + entry + "]"
	}
	for _, pc := range ps {
		r.Messages = append(r.Messages, pc.id)
		r.Sizes = append(r.Sizes, geom.Pt(pc.min))
	}
	h, widthOK := j.wrapAt(ps, 0, float64(box.W))
	r.Need, r.Overfull = h, !widthOK
	if r.Overfull {
		r.WideMessage, r.WideWord, _, _ = wideWord(ps, float64(box.W))
	}
	j.res.Rooms = append(j.res.Rooms, r)
}
