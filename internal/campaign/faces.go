package campaign

import (
	"fmt"
	"slices"

	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/geom"
)

// Faces: what a reader sees at once. A page without folds is one face. A
// folded sheet's first page is its outside: folded, it shows one panel at
// a time (the front cover, the back cover, a flap), so each panel between
// its folds is a face of its own. Every later page is an inside, read
// opened flat: all its panels are one face. This holds for the fold kinds
// the layouts use, the single fold of a bi-fold and the roll fold of a DL.

// Face names where a reader sees a box: the page and, on a folded outside,
// the panel (0 from the left edge of the trim); panel -1 is the whole page.
type Face struct {
	Page, Panel int
}

// FaceOf returns the face of layout page pi that holds the centre of box
// (unmirrored).
func (l *Layout) FaceOf(pi int, box geom.Rect) Face {
	pg := l.Pages[pi]
	if pi > 0 || len(pg.Folds) == 0 {
		return Face{Page: pi, Panel: -1}
	}
	cx := box.X + box.W/2
	panel := 0
	for _, f := range pg.Folds {
		if cx > f {
			panel++
		}
	}
	return Face{Page: pi, Panel: panel}
}

// faceName names a face for a message: "page outside" or "page outside,
// panel 2 of 3".
func (l *Layout) faceName(f Face) string {
	pg := l.Pages[f.Page]
	if f.Panel < 0 {
		return fmt.Sprintf("page %s", pg.Name)
	}
	return fmt.Sprintf("page %s, panel %d of %d from the left", pg.Name, f.Panel+1, len(pg.Folds)+1)
}

// checkHelpFaces reports a text block that introduces the helplines (a
// paragraph with count: helplines, "Scan one of the 3 codes") on a face
// where no helplines block is: on a folded leaflet the reader would read
// "scan one of the codes" with no code in sight.
func checkHelpFaces(lay *Layout, l *diag.List) {
	var faces []Face
	for pi, pg := range lay.Pages {
		for _, b := range pg.Blocks {
			if b.Kind == HelplinesBlock {
				faces = append(faces, lay.FaceOf(pi, b.Box))
			}
		}
	}
	if len(faces) == 0 {
		return
	}
	for pi, pg := range lay.Pages {
		for _, b := range pg.Blocks {
			if !introducesHelplines(b) {
				continue
			}
			if f := lay.FaceOf(pi, b.Box); !slices.Contains(faces, f) {
				l.Add(diag.Diagnostic{Severity: diag.Error, File: b.File, Line: b.Line, Path: "block " + b.Name,
					Msg:  fmt.Sprintf("%s: block %s introduces the helplines on %s, which no helplines block shares (they are on %s): a reader never sees them together", lay.Name, b.Name, lay.faceName(f), lay.faceName(faces[0])),
					Hint: "move the block onto the helplines' panel, or both onto an inside page"})
			}
		}
	}
}

// introducesHelplines reports whether a text block speaks of the helplines
// (a paragraph counts them).
func introducesHelplines(b Block) bool {
	return b.Kind == TextBlock && slices.ContainsFunc(b.Paragraphs, func(p Paragraph) bool { return p.Count == "helplines" })
}
