package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
)

// canonical puts the parts of fpdf's output that it writes in Go map order
// into one fixed order, so that the same document gives the same bytes on
// every run:
//
//   - a page's TrimBox, BleedBox and other boxes (fpdf ranges over a map):
//     the lines are sorted;
//   - spot colour objects and the /ColorSpace entries naming them (fpdf
//     ranges over a map of inks): the objects are renumbered so that /CS1
//     is the lowest object number, /CS2 the next, and so on.
//
// Every rewrite swaps pieces of equal total length inside the same span, so
// the cross-reference table stays valid except for the entries of the moved
// objects, which are rewritten (they are fixed width). A file whose shape
// is not what fpdf v0.9.0 writes is an error, not silently passed on.
func canonical(data []byte) ([]byte, error) {
	out := bytes.Clone(data)
	for _, m := range boxRun.FindAllIndex(out, -1) {
		run := out[m[0]:m[1]]
		head := bytes.IndexByte(run, '\n') + 1 // the MediaBox line stays first
		lines := bytes.SplitAfter(run[head:], []byte("\n"))
		lines = lines[:len(lines)-1] // the empty piece after the last newline
		sort.Slice(lines, func(i, j int) bool { return bytes.Compare(lines[i], lines[j]) < 0 })
		copy(run[head:], bytes.Join(lines, nil))
	}
	if err := canonicalSpots(out); err != nil {
		return nil, fmt.Errorf("canonical form: %w", err)
	}
	return out, nil
}

var (
	boxRun     = regexp.MustCompile(`\n/MediaBox \[[0-9. ]+\]\n(?:/(?:TrimBox|BleedBox|CropBox|ArtBox) \[[0-9. -]+\]\n)+`)
	colorSpace = regexp.MustCompile(`/ColorSpace <<\n((?:/CS[0-9]+ [0-9]+ 0 R\n)*)>>`)
	csEntry    = regexp.MustCompile(`/CS([0-9]+) ([0-9]+) 0 R\n`)
	startXref  = regexp.MustCompile(`startxref\n([0-9]+)\n%%EOF\n?$`)
)

func canonicalSpots(out []byte) error {
	dict := colorSpace.FindSubmatchIndex(out)
	if dict == nil {
		return fmt.Errorf("no /ColorSpace dictionary")
	}
	entries := csEntry.FindAllSubmatch(out[dict[2]:dict[3]], -1)
	if len(entries) < 2 {
		return nil
	}
	type ink struct{ cs, obj int }
	inks := make([]ink, len(entries))
	objs := make([]int, len(entries))
	for i, e := range entries {
		inks[i].cs, _ = strconv.Atoi(string(e[1]))
		inks[i].obj, _ = strconv.Atoi(string(e[2]))
		objs[i] = inks[i].obj
	}
	sort.Slice(inks, func(i, j int) bool { return inks[i].cs < inks[j].cs })
	sort.Ints(objs)

	xref, err := xrefTable(out)
	if err != nil {
		return err
	}
	offset := func(obj int) (int, error) {
		at := xref + 20*obj
		if obj <= 0 || at+20 > len(out) {
			return 0, fmt.Errorf("object %d is not in the cross-reference table", obj)
		}
		return strconv.Atoi(string(out[at : at+10]))
	}
	// The spot objects are written one after another: find their span and
	// each one's body (what follows its "N 0 obj" line, up to and with
	// "endobj\n").
	body := map[int][]byte{}
	start, end := len(out), 0
	total := 0
	for _, n := range objs {
		off, err := offset(n)
		if err != nil {
			return err
		}
		head := fmt.Sprintf("%d 0 obj\n", n)
		if !bytes.HasPrefix(out[off:], []byte(head)) {
			return fmt.Errorf("object %d is not at its cross-reference offset", n)
		}
		stop := bytes.Index(out[off:], []byte("endobj\n"))
		if stop < 0 {
			return fmt.Errorf("object %d has no endobj", n)
		}
		stop += off + len("endobj\n")
		body[n] = bytes.Clone(out[off+len(head) : stop])
		start, end = min(start, off), max(end, stop)
		total += stop - off
	}
	if end-start != total {
		return fmt.Errorf("spot colour objects are not written one after another")
	}
	var span, lines bytes.Buffer
	newOff := map[int]int{}
	for i, k := range inks {
		newOff[objs[i]] = start + span.Len()
		fmt.Fprintf(&span, "%d 0 obj\n", objs[i])
		span.Write(body[k.obj])
		fmt.Fprintf(&lines, "/CS%d %d 0 R\n", k.cs, objs[i])
	}
	if span.Len() != end-start || lines.Len() != dict[3]-dict[2] {
		return fmt.Errorf("renumbering spot colour objects changed their length")
	}
	copy(out[start:end], span.Bytes())
	copy(out[dict[2]:dict[3]], lines.Bytes())
	for n, off := range newOff {
		copy(out[xref+20*n:], fmt.Sprintf("%010d", off))
	}
	return nil
}

// xrefTable returns the offset of entry 0 of the cross-reference table
// (entries are 20 bytes each).
func xrefTable(out []byte) (int, error) {
	m := startXref.FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("no startxref")
	}
	at, _ := strconv.Atoi(string(m[1]))
	if at >= len(out) || !bytes.HasPrefix(out[at:], []byte("xref\n0 ")) {
		return 0, fmt.Errorf("startxref does not point at an xref table")
	}
	nl := bytes.IndexByte(out[at+len("xref\n"):], '\n')
	if nl < 0 {
		return 0, fmt.Errorf("truncated xref table")
	}
	return at + len("xref\n") + nl + 1, nil
}
