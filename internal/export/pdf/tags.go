package pdf

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/handbill/handbill/internal/page"
)

// tagger is the tagged-PDF plan of one document (ISO 32000-1 §14.7, §14.8):
// which structure element owns each item, which items are artifacts, and
// the structure tree's objects.
//
// Marked-content ids are numbered per page in the order the writer asks
// for them (open, spanOpen). Page i has /StructParents i; link annotations
// follow, one parent-tree key each. A run whose words need /ActualText is
// written as several sequences, each word's span one of its own with its
// own MCID, never nested in the run's: poppler (22.12, the reader the
// tests use) ends a structure element's text at the first EMC inside it.
// Where a reader of the glyphs would misread the word, the span's sequence
// is the one kid of a Span element of its own whose /ActualText is the
// word in reading order (§14.9.4): structure-based
// readers, and pdf.js's structure tree, take that and not the content
// beneath it. For a right-to-left word it differs from the sequence's
// ActualText, which poppler needs in visual order; pdf.js reads no
// ActualText from marked content, so the element also gives it Bengali
// conjuncts and Nastaliq words.
type tagger struct {
	owner   map[page.Item]*page.Element
	at      map[page.Item]kidRef // item → where its MCIDs go
	pageOf  map[page.Item]int
	roots   []*snode
	pages   int
	links   []*page.Link          // link annotations in the tree, in parent-tree key order
	linkEl  map[*page.Link]*snode // link → its Link element
	linkKey map[*page.Link]int    // link → its parent-tree key
	mcids   [][]*snode            // page → MCID → owning node
	nodes   []*snode              // every node, numbered in order
	cur     page.Item             // the item being written
}

// kidRef is an item's place among its element's kids.
type kidRef struct {
	n *snode
	k int
}

// snode is a structure element as written: its kids resolved against the
// pages (kids an edition left out are gone, and a Link element left with
// only elements gives way to them).
type snode struct {
	role      page.Role
	alt, lang string
	actual    string // /ActualText (a span's Span element)
	parent    *snode
	kids      []skid
	num       int // object number, once allocated
	pg        int // page of the first marked-content kid; -1 for none
}

// skid is a kid of a structure element: another element, an item's
// marked-content sequences on a page, or a link annotation.
type skid struct {
	el    *snode
	item  bool
	page  int
	mcids []int
	spans map[int]*snode // MCID → the Span element that holds it in its place
	link  *page.Link
}

// roleSpan is the element of a word whose ActualText in the content is not
// in reading order (ISO 32000-1 §14.8.4.4, inline-level).
const roleSpan page.Role = "Span"

// newTagger plans the tagging of doc; nil when doc has no structure.
func newTagger(doc *page.Doc) *tagger {
	if len(doc.Structure) == 0 {
		return nil
	}
	t := &tagger{owner: map[page.Item]*page.Element{}, at: map[page.Item]kidRef{}, pageOf: map[page.Item]int{},
		pages: len(doc.Pages), linkEl: map[*page.Link]*snode{}, linkKey: map[*page.Link]int{}, mcids: make([][]*snode, len(doc.Pages))}
	for _, top := range doc.Structure {
		top.Walk(func(el *page.Element, _ int) {
			for _, k := range el.Kids {
				if it, ok := k.(page.Item); ok {
					t.owner[it] = el
				}
			}
		})
	}
	for pi, p := range doc.Pages {
		for _, it := range p.Items {
			t.pageOf[it] = pi
		}
	}
	for _, top := range doc.Structure {
		if n := t.resolve(top, nil); n != nil {
			for _, f := range n.flatten() {
				f.parent = nil
				t.roots = append(t.roots, f)
			}
		}
	}
	return t
}

// resolve turns el into a node, dropping kids that are on no page; nil
// when nothing of it is left.
func (t *tagger) resolve(el *page.Element, parent *snode) *snode {
	n := &snode{role: el.Role, alt: el.Alt, lang: el.Lang, parent: parent, pg: -1}
	for _, k := range el.Kids {
		switch v := k.(type) {
		case *page.Element:
			if c := t.resolve(v, n); c != nil {
				for _, f := range c.flatten() {
					f.parent = n
					n.kids = append(n.kids, skid{el: f})
				}
			}
		case *page.Link:
			if pi, on := t.pageOf[v]; on {
				n.kids = append(n.kids, skid{link: v, page: pi})
				t.linkKey[v] = t.pages + len(t.links)
				t.links = append(t.links, v)
				t.linkEl[v] = n
			}
		case page.Item:
			pi, on := t.pageOf[v]
			if !on {
				continue
			}
			t.at[v] = kidRef{n, len(n.kids)}
			n.kids = append(n.kids, skid{item: true, page: pi})
			if n.pg < 0 {
				n.pg = pi
			}
		}
	}
	if len(n.kids) == 0 {
		return nil
	}
	return n
}

// flatten returns n, or n's element kids in its place when n is a Link
// element left with only elements, without its link annotation (the print
// edition draws no links): a Link must hold one.
func (n *snode) flatten() []*snode {
	if n.role != page.RoleLink {
		return []*snode{n}
	}
	els := make([]*snode, 0, len(n.kids))
	for _, k := range n.kids {
		if k.el == nil {
			return []*snode{n}
		}
		els = append(els, k.el)
	}
	return els
}

// mcid gives item it a new marked-content id on its page and returns it.
// With logical set, the sequence belongs to a new Span element, in the
// item's place among its element's kids, whose /ActualText is logical.
func (t *tagger) mcid(it page.Item, logical string) int {
	r := t.at[it]
	pi := t.pageOf[it]
	id := len(t.mcids[pi])
	owner := r.n
	k := &r.n.kids[r.k]
	if logical != "" {
		owner = &snode{role: roleSpan, actual: logical, parent: r.n, pg: pi, kids: []skid{{item: true, page: pi, mcids: []int{id}}}}
		if k.spans == nil {
			k.spans = map[int]*snode{}
		}
		k.spans[id] = owner
	}
	t.mcids[pi] = append(t.mcids[pi], owner)
	k.mcids = append(k.mcids, id)
	return id
}

// props returns a sequence's property list: its MCID, the run's language
// where it differs (ISO 32000-1 §14.9.2.2) and ActualText when given;
// logical, when set, is the ActualText of a Span element of its own.
//
// Property lists are content-stream operands, written for every run and
// every word that takes ActualText, so they are appended directly in the
// spacing write uses rather than built as a dict (a dict here added about
// 700 allocations to a Bengali A4 poster).
func (t *tagger) props(it page.Item, actual, logical string) string {
	var b strings.Builder
	b.WriteString("<</MCID ")
	b.WriteString(strconv.Itoa(t.mcid(it, logical)))
	if v, ok := it.(*page.Text); ok && v.Lang != "" {
		b.WriteString(" /Lang ")
		b.WriteString(textString(v.Lang))
	}
	if actual != "" {
		b.WriteString(" /ActualText ")
		b.WriteString(utf16Hex(actual))
	}
	b.WriteString(">>")
	return b.String()
}

// inline writes d as it appears inside another object (tests compare
// structure objects this way).
func inline(d dict) string {
	var b bytes.Buffer
	write(&b, d)
	return b.String()
}

// open returns the operator that begins item it's content: a sequence
// tagged with its element's type and an MCID, or an artifact (§14.8.2.2)
// for an item no element owns. close ends it. Both are "" on a nil tagger
// (an untagged document).
func (t *tagger) open(it page.Item) string {
	if t == nil {
		return ""
	}
	t.cur = it
	if _, ok := t.at[it]; !ok {
		return artifactOpen
	}
	return "/" + string(t.owner[it].Role) + " " + t.props(it, "", "") + " BDC\n"
}

func (t *tagger) close() string {
	if t == nil {
		return ""
	}
	t.cur = nil
	return markedClose
}

// spanOpen begins a word that needs ActualText inside the item being
// written; spanClose ends it. Untagged, the span is nested in the run;
// tagged, the run's sequence is ended and the span is a sequence of its
// own, with its own MCID, and spanClose begins the run's next sequence.
// logical, when set, is the word in reading order (actual reversed right
// to left): tagged, the sequence is then a Span element's, with logical
// as the element's /ActualText.
func (t *tagger) spanOpen(actual, logical string) string {
	if t == nil || t.cur == nil {
		return " /Span <</ActualText " + utf16Hex(actual) + ">> BDC"
	}
	if _, ok := t.at[t.cur]; !ok {
		return " /Span <</ActualText " + utf16Hex(actual) + ">> BDC" // inside an artifact
	}
	return " EMC /Span " + t.props(t.cur, actual, logical) + " BDC"
}

func (t *tagger) spanClose() string {
	if t == nil || t.cur == nil {
		return " EMC"
	}
	if _, ok := t.at[t.cur]; !ok {
		return " EMC"
	}
	return " EMC /" + string(t.owner[t.cur].Role) + " " + t.props(t.cur, "", "") + " BDC"
}

// artifactOpen begins content that is no part of the document's
// structure (decoration, printer's marks, the slug); markedClose ends any
// marked content.
const (
	artifactOpen = "/Artifact BMC\n"
	markedClose  = "EMC\n"
)

// annotKey returns the parent-tree key of a link annotation (its
// /StructParent), and whether the link is in the tree.
func (t *tagger) annotKey(l *page.Link) (int, bool) {
	if t == nil {
		return 0, false
	}
	k, ok := t.linkKey[l]
	return k, ok
}

// mcid returns how a structure element whose page is pg refers to the
// sequence id of kid k: the Span element that holds it, the MCID alone on
// pg, else a marked-content reference.
func (k skid) mcid(id, pg int, pageRef []int) any {
	switch {
	case k.spans[id] != nil:
		return ref(k.spans[id].num)
	case k.page == pg:
		return id
	default:
		return dict{}.with("Type", name("MCR")).with("Pg", ref(pageRef[k.page])).with("MCID", id)
	}
}

// object is an indirect object's number and what goes between "obj" and
// "endobj".
type object struct {
	num  int
	body dict
}

// objects returns the structure tree's objects: the StructTreeRoot (the
// first), the Document element and every element below it, and the
// parent tree. alloc returns a fresh object number, pageRef[i] is page i's
// object number and annotRef a link annotation's.
func (t *tagger) objects(alloc func() int, pageRef []int, annotRef map[*page.Link]int) []object {
	root, docNum, treeNum := alloc(), alloc(), alloc()
	var walk func(n *snode)
	walk = func(n *snode) {
		n.num = alloc()
		t.nodes = append(t.nodes, n)
		for _, k := range n.kids {
			if k.el != nil {
				walk(k.el)
			}
			for _, id := range k.mcids {
				if sp := k.spans[id]; sp != nil {
					walk(sp)
				}
			}
		}
	}
	for _, n := range t.roots {
		walk(n)
	}
	objs := []object{
		{root, dict{}.with("Type", name("StructTreeRoot")).with("K", ref(docNum)).with("ParentTree", ref(treeNum)).with("ParentTreeNextKey", t.pages+len(t.links))},
	}
	kids := make(array, len(t.roots))
	for i, n := range t.roots {
		kids[i] = ref(n.num)
	}
	objs = append(objs, object{docNum, dict{}.with("Type", name("StructElem")).with("S", name("Document")).with("P", ref(root)).with("K", kids)})
	for _, n := range t.nodes {
		parent := docNum
		if n.parent != nil {
			parent = n.parent.num
		}
		objs = append(objs, object{n.num, n.dict(parent, pageRef, annotRef)})
	}
	var nums array // the parent tree: key, value, key, value…
	for pi, ids := range t.mcids {
		els := make(array, len(ids))
		for i, n := range ids {
			els[i] = ref(n.num)
		}
		nums = append(nums, pi, els)
	}
	for i, l := range t.links {
		nums = append(nums, t.pages+i, ref(t.linkEl[l].num))
	}
	objs = append(objs, object{treeNum, dict{}.with("Nums", nums)})
	return objs
}

// dict is a structure element's dictionary (ISO 32000-1 Table 323).
func (n *snode) dict(parent int, pageRef []int, annotRef map[*page.Link]int) dict {
	d := make(dict, 0, 8).with("Type", name("StructElem")).with("S", name(n.role)).with("P", ref(parent)) // at most 8 entries: one allocation
	if n.pg >= 0 {
		d = d.with("Pg", ref(pageRef[n.pg]))
	}
	d = d.withText("Alt", n.alt).withText("Lang", n.lang).withUTF16("ActualText", n.actual)
	kids := make(array, 0, len(n.kids))
	for _, k := range n.kids {
		switch {
		case k.el != nil:
			kids = append(kids, ref(k.el.num))
		case k.link != nil:
			kids = append(kids, dict{}.with("Type", name("OBJR")).with("Obj", ref(annotRef[k.link])).with("Pg", ref(pageRef[k.page])))
		default:
			for _, id := range k.mcids {
				kids = append(kids, k.mcid(id, n.pg, pageRef))
			}
		}
	}
	return d.with("K", kids)
}
