package page

import (
	"fmt"
	"strings"
)

// Role is what a structure element is, named by the PDF standard structure
// type an exporter writes for it (ISO 32000-1 §14.8.4).
type Role string

// The roles compose gives. A figure has Alt text; a link element holds the
// *Link item and what draws the link (a QR code's figure); a list is L →
// LI → LBody.
const (
	RoleH1       Role = "H1"     // the document's title
	RoleH2       Role = "H2"     // a section heading
	RoleP        Role = "P"      // a paragraph
	RoleList     Role = "L"      // a list, such as the helplines
	RoleListItem Role = "LI"     // one entry of a list
	RoleListBody Role = "LBody"  // what a list item says
	RoleFigure   Role = "Figure" // a picture (a QR code, artwork); needs Alt
	RoleLink     Role = "Link"   // a link: the *Link item and what draws it
)

// Element is a node of a document's logical structure. Kids are, in
// reading order, nested elements and the items that draw the element
// (text runs, QR squares, links). An item belongs to at most one element;
// items of the pages that no element names are decoration (artifacts), and
// so are every page's Marks and Slug.
//
// An edition may leave out an item an element names (the print edition
// draws no links): exporters skip kids that are not on any page.
type Element struct {
	Role Role
	// Alt is the alternative text of a Figure: what it shows, in words, in
	// the document's language.
	Alt string
	// Lang is the BCP 47 tag of the element's language when it differs
	// from the document's; "" otherwise.
	Lang string
	Kids []Node
}

// Node is a kid of an Element: an *Element or an Item.
type Node interface{ node() }

func (*Element) node() {}
func (*Fill) node()    {}
func (*Squares) node() {}
func (*Text) node()    {}
func (*Link) node()    {}
func (*Path) node()    {}
func (*Image) node()   {}

// Add appends kids to e and returns e.
func (e *Element) Add(kids ...Node) *Element {
	e.Kids = append(e.Kids, kids...)
	return e
}

// Walk calls f for e and every element below it, depth first in reading
// order, with the element's depth (0 for e).
func (e *Element) Walk(f func(el *Element, depth int)) {
	var walk func(el *Element, depth int)
	walk = func(el *Element, depth int) {
		f(el, depth)
		for _, k := range el.Kids {
			if c, ok := k.(*Element); ok {
				walk(c, depth+1)
			}
		}
	}
	walk(e, 0)
}

// dumpStructure writes the structure, one element per line, indented by
// depth; items are named pPAGE.ITEM (1-based, in the page's Items), runs
// of consecutive items on one line, "-" for an item on no page.
func (d *Doc) dumpStructure(b *strings.Builder) {
	if len(d.Structure) == 0 {
		return
	}
	where := map[Item]string{}
	for pi, p := range d.Pages {
		for ii, it := range p.Items {
			where[it] = fmt.Sprintf("p%d.%d", pi+1, ii+1)
		}
	}
	b.WriteString("structure\n")
	for _, top := range d.Structure {
		top.Walk(func(el *Element, depth int) {
			b.WriteString(strings.Repeat("  ", depth+1))
			b.WriteString(string(el.Role))
			if el.Lang != "" {
				fmt.Fprintf(b, " lang=%s", el.Lang)
			}
			if el.Alt != "" {
				fmt.Fprintf(b, " alt=%q", el.Alt)
			}
			for _, k := range el.Kids {
				it, ok := k.(Item)
				if !ok {
					continue
				}
				ref, on := where[it]
				if !on {
					ref = "-"
				}
				b.WriteString(" " + ref)
			}
			b.WriteByte('\n')
		})
	}
}
