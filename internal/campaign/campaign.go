// Package campaign reads a campaign: campaign.yaml and the layouts it names.
// It is the first stage of the pipeline (campaign → messages → fonts → typeset →
// compose → export → build). Files are decoded strictly into unexported
// schema structs (unknown fields are errors, with "did you mean"), then
// resolved into the exported types below: lengths in points, colours from
// the palette, paper sizes, derived layouts merged and scaled. Nothing
// downstream sees a raw string that should have been parsed.
//
// Where things are: campaign.go the resolved types; schema.go what the
// files may say (start here to add a field); load.go campaign.yaml,
// helplines and locales; layouts.go layout files; units.go sizes and
// lengths; areas.go and areacsv.go the areas; print.go, access.go, image.go, intent.go, phone.go, publisher.go, review.go
// one section each.
package campaign

import (
	"io/fs"
	"time"

	"github.com/handbill/handbill/internal/artwork"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/geom"
)

// Pos is where a value is written: a file relative to the campaign folder,
// 1-based line and column, and the field path inside the file.
type Pos struct {
	File string
	Line int
	Col  int
	Path string
}

// Campaign is a resolved campaign.
type Campaign struct {
	FS           fs.FS `json:"-"` // the campaign folder
	File         string
	ID           string
	TitleMessage string // message id of the title
	TitleAt      Pos    // where the title's message id is written
	SourceLocale string
	Date         time.Time
	Data         map[string]string // template data shared by every message, the same in every locale
	// DataMessages is template data whose value is a message, translated
	// per locale (data: {Council: {message: council.name}}; data.go).
	DataMessages map[string]MessageRef
	Helplines    []Helpline
	// Primary is the id of the helpline a reader should call first: set
	// first and largest in every helplines block (a block's own primary
	// overrides it); "" when none is.
	Primary   string
	PrimaryAt Pos
	// Emergency are the emergency numbers of Region, in the order
	// campaign.yaml lists them (phone.go); EmergencyAt is where.
	Emergency   []string
	EmergencyAt Pos
	// Region is the country the campaign is printed for (ISO 3166, "GB"
	// when campaign.yaml does not say): numbers printed without a country
	// code are read as dialled there.
	Region       string
	Locales      []Locale
	SameAsSource []MessageRef // messages a translation may leave as the source text (names, numbers)
	Layouts      []*Layout
	Print        Print     // print settings every layout starts from (print.go)
	Access       Access    // what check holds text to: sizes, contrast, inks (access.go)
	Warnings     diag.List `json:"-"` // what Load found that does not stop a build, such as derived colours
	Partners     []*Image  // the partners strip's logos, in order (image.go)
	Brand        Brand     // the brand kit every layout starts from (brand.go)
	// Publisher is who publishes the campaign and how to reach them
	// (publisher.go): nil when campaign.yaml does not say.
	Publisher *Publisher
	// Areas are the areas the campaign is printed for, in order (areas.go):
	// none for a campaign printed as one.
	Areas []*Area `json:"-"`
	// Area is the area this campaign is printed for: set on an Area's
	// Campaign, nil on the campaign as loaded.
	Area *Area
	art  *artwork.Library
}

// Locale is a locale the campaign builds.
type Locale struct {
	Tag    string
	Review *Review // nil when not reviewed (see review.go)
	At     Pos     // where the tag is listed
}

// Helpline is a phone line printed with a QR code that dials it.
type Helpline struct {
	ID             string
	NameMessage    string
	PurposeMessage string
	Number         string // as printed
	E164           string // "+448001111", or empty for a short code: the printed number's E.164 form (phone.go)
	Dial           string // a national short code such as "101", when there is no E.164 form
	// Tel is what a mobile phone in the campaign's region dials for the
	// number, by libphonenumber (FormatNumberForMobileDialing): national
	// digits for a GB freephone ("08001111"), E.164 where that is what it
	// gives (US numbers, a foreign number), the short code itself ("101").
	Tel string
	// URL is the helpline's web site, http(s), "" when it has none: set
	// in its unit under the purpose (WebLabel), a link in the screen
	// edition.
	URL       string
	NameAt    Pos // where NameMessage is written
	PurposeAt Pos // where PurposeMessage is written
}

// WebLabel is the helpline's web address as a reader reads it (see
// Publisher.WebLabel); "" when it has none.
func (h Helpline) WebLabel() string { return webLabel(h.URL) }

// Payload is what the helpline's QR code encodes: a tel: URI of the
// number as a mobile in the campaign's region dials it (Tel). Some
// networks do not connect freephone and shared-cost numbers dialled in
// international form, so tel:+448001111 may fail where tel:08001111 works.
func (h Helpline) Payload() string { return "tel:" + h.Tel }

// Role is a typographic role.
type Role string

// The roles a layout styles.
const (
	Heading Role = "heading"
	Body    Role = "body"
	Small   Role = "small"
)

var roles = []string{string(Heading), string(Body), string(Small)}

// TypeStyle is how a role is set.
type TypeStyle struct {
	Min, Max geom.Pt // allowed size range; fitting picks the largest that fits
	Bold     bool
	Leading  float64 // line height as a multiple of the size
}

// Align is an inline alignment; start and end follow the text direction.
type Align string

// Alignments.
const (
	Start  Align = "start"
	End    Align = "end"
	Center Align = "center"
)

// LayoutKind is what a layout makes.
type LayoutKind string

// Layout kinds.
const (
	Poster  LayoutKind = "poster"
	Leaflet LayoutKind = "leaflet"
)

// VAlign is where a block's content sits in its box when it does not fill
// it: the zero value is the top.
type VAlign string

// Vertical alignments.
const (
	Top    VAlign = "top"
	Middle VAlign = "middle"
	Bottom VAlign = "bottom"
)

// Arrangement is how a helplines block lays out its entries: the zero value
// is a column.
type Arrangement string

// Arrangements.
const (
	Row    Arrangement = "row"
	Column Arrangement = "column"
)

// Layout is a resolved layout.
type Layout struct {
	Name        string
	File        string
	Description string
	Kind        LayoutKind
	Size        geom.Size
	Palette     map[string]geom.Color
	Type        map[Role]TypeStyle
	QRModule    geom.Pt // smallest QR module allowed
	Pages       []Page
	Print       Print // bleed, safe margin, ink limit, rich black (print.go)
	// Base is the design the layout is a size of: its design: field, else
	// the name of the base layout the file extends ("poster" for
	// extends: base/poster.yaml), or "": the design it is a size of
	// (designs.go). It names the design on the download site only, and is
	// left out of the layout's JSON, which a PDF's source version hashes
	// (package edition): a document is the same whatever its design is
	// called.
	Base string `json:"-"`
}

// Page is one page of a layout.
type Page struct {
	Name   string
	Folds  []geom.Pt // x of fold lines from the left trim edge
	Blocks []Block
}

// BlockKind says what a block draws.
type BlockKind string

// Block kinds.
const (
	RectBlock      BlockKind = "rect"
	TextBlock      BlockKind = "text"
	HelplinesBlock BlockKind = "helplines"
	ImageBlock     BlockKind = "image"    // an SVG, PNG or JPEG file (image.go)
	PartnersBlock  BlockKind = "partners" // the campaign's partner logos in a row
	// IssuerBlock is the issuer lock-up: the publisher's name set bold as
	// a wordmark over its web address, its logo beside them when the
	// campaign gives one (publisher.go). Nothing is drawn when
	// campaign.yaml names no publisher.
	IssuerBlock BlockKind = "issuer"
)

// Block is a box on the page.
type Block struct {
	Kind        BlockKind
	Name        string
	Group       string // text blocks of one group on a page are set at one scale
	Box         geom.Rect
	Fill        geom.Color // rect; text: a field behind it, its text FieldInset inside
	Color       geom.Color // text and helplines
	NumberColor geom.Color // helplines
	Align       Align
	VAlign      VAlign
	Paragraphs  []Paragraph
	Arrange     Arrangement // helplines
	QRSize      geom.Pt     // helplines: side of each QR code, quiet zone included
	Primary     string      // helplines: the helpline set first and largest, "" for the campaign's
	PrimaryAt   Pos         // where Primary is written
	Image       *Image      // image: the artwork and how it fits
	// NameMin and NameMax are an issuer block's range for the name (its
	// size:; the body role's by default); its web address takes the
	// small role's range, both fitted at one scale.
	// Left out of the layout's JSON when zero, so that the source version
	// of a layout without an issuer block is what it was before them.
	NameMin geom.Pt `json:",omitempty"`
	NameMax geom.Pt `json:",omitempty"`
	AtMost  AtMost  // text: a cap at a share of another block's size
	// Below makes a text block a callout that takes the room the text
	// block it names leaves: its top FieldInset below that block's last
	// line as set in the locale (never above its own box's top), left out
	// where its text does not fit what remains. "" for a block in place.
	Below   string
	BelowAt Pos // where Below is written
	File    string
	Line    int
}

// TextBox is where a text block's lines go: its box, FieldInset inside
// it when the block has a field of its own (Fill).
func (b Block) TextBox() geom.Rect {
	if b.Kind != TextBlock || b.Fill.Name == "" {
		return b.Box
	}
	return geom.Rect{X: b.Box.X + FieldInset, Y: b.Box.Y + FieldInset, W: b.Box.W - 2*FieldInset, H: b.Box.H - 2*FieldInset}
}

// FieldInset is the least space between text and the edges of the colour
// field it sits on: a text block with a fill sets its text this far inside
// its box, and a callout (Block.Below) starts this far below the text it
// follows.
const FieldInset = 6 * geom.MM

// AtMost caps a text block's type at Times the apparent size of the
// largest text of the block named Block on the same page, as that block
// is set in each locale: a strapline at most 0.4× the headline keeps the
// hierarchy when a translation sets the headline smaller. Block is ""
// when there is no cap.
type AtMost struct {
	Block   string
	Times   float64
	BlockAt Pos // where Block is written
}

// Paragraph is one message set in a role.
type Paragraph struct {
	Message  string
	Role     Role
	Min, Max geom.Pt
	Color    geom.Color
	Count    string            // name of a count given as {{.Count}}: "helplines"
	Data     map[string]string // template variable → campaign value name
	// RunIn sets the paragraph's first sentence bold, as a run-in head,
	// when it is short (typeset.RunInHead).
	RunIn bool
	// Icon is the side of the paragraph's icon slot (0: none): where the
	// campaign's brand.icons gives a pictogram for Message, it is drawn
	// this size at the paragraph's start edge, the text set beside it, or
	// under it when IconAbove (compose). Both are left out of the
	// layout's JSON when unset, so that a layout without slots keeps its
	// source version (edition).
	Icon      geom.Pt `json:",omitempty"`
	IconAbove bool    `json:",omitempty"`
	File      string  // where the message id is written
	Line      int
	Col       int
	Path      string // field path of the paragraph: pages[0].blocks[1].paragraphs[0]
}

// Tags returns the tags of the campaign's locales, in campaign order.
func (c *Campaign) Tags() []string {
	tags := make([]string, len(c.Locales))
	for i, l := range c.Locales {
		tags[i] = l.Tag
	}
	return tags
}
