package campaign

// The schema: what campaign.yaml and a layout file may say, decoded strictly
// (an unknown field is an error with "did you mean"). To add a field to
// campaign.yaml, add it to campaignFile here, give Campaign (campaign.go) its
// resolved form, and resolve it in load.go; a layout field goes into
// layoutFile, pageFile, blockFile or paragraphFile and is resolved in
// layouts.go. Sections with their own file keep their schema there: print
// (print.go), accessibility (access.go), partners and images (image.go),
// publisher (publisher.go), the brand's icons (icons.go).

type campaignFile struct {
	ID           scalar              `yaml:"id"`
	Title        scalar              `yaml:"title"`
	SourceLocale scalar              `yaml:"source_locale"`
	Date         scalar              `yaml:"date"`
	Data         map[string]dataFile `yaml:"data"` // data.go
	Helplines    []helplineFile      `yaml:"helplines"`
	Primary      scalar              `yaml:"primary"`   // id of the helpline set first and largest
	Emergency    []scalar            `yaml:"emergency"` // one number, or a list
	Region       scalar              `yaml:"region"`
	Locales      []localeFile        `yaml:"locales"`
	Layouts      []scalar            `yaml:"layouts"`
	SameAsSource []scalar            `yaml:"same_as_source"`
	Print        printFile           `yaml:"print"`
	Partners     []partnerFile       `yaml:"partners"`
	Brand        brandFile           `yaml:"brand"` // brand.go
	Access       accessFile          `yaml:"accessibility"`
	Areas        []areaFile          `yaml:"areas"`     // areas.go
	Publisher    *publisherFile      `yaml:"publisher"` // publisher.go
	At           at                  `yaml:"-"`
}

type helplineFile struct {
	ID      scalar `yaml:"id"`
	Name    scalar `yaml:"name"`
	Purpose scalar `yaml:"purpose"`
	Number  scalar `yaml:"number"`
	E164    scalar `yaml:"e164"`
	Dial    scalar `yaml:"dial"`
	URL     scalar `yaml:"url"` // the helpline's web site, as publisher.url
	At      at     `yaml:"-"`
}

// localeFile is a tag, or a mapping with the tag and its review status.
type localeFile struct {
	Tag        scalar `yaml:"tag,bare"` // a locale may be written as just its tag
	ReviewedBy scalar `yaml:"reviewed_by"`
	ReviewedOn scalar `yaml:"reviewed_on"`
	SourceHash scalar `yaml:"source_hash"`
}

type layoutFile struct {
	Extends     scalar               `yaml:"extends"`
	Description scalar               `yaml:"description"`
	Design      scalar               `yaml:"design"`
	Kind        scalar               `yaml:"kind"`
	Size        []scalar             `yaml:"size"`
	Palette     map[string]colorFile `yaml:"palette"`
	Type        map[string]typeFile  `yaml:"type"`
	QR          qrFile               `yaml:"qr"`
	Pages       []pageFile           `yaml:"pages"`
	Print       printFile            `yaml:"print"`
	At          at                   `yaml:"-"`
}

type colorFile struct {
	CMYK []scalar `yaml:"cmyk"`
	RGB  scalar   `yaml:"rgb"`
	Spot scalar   `yaml:"spot"` // a spot ink's name; CMYK is its alternate
	At   at       `yaml:"-"`
}

type typeFile struct {
	Size    []scalar `yaml:"size"`
	Weight  scalar   `yaml:"weight"`
	Leading scalar   `yaml:"leading"`
	At      at       `yaml:"-"`
}

// atMostFile caps a text block's sizes at a share of another's.
type atMostFile struct {
	Block scalar `yaml:"block"`
	Times scalar `yaml:"times"`
	At    at     `yaml:"-"`
}

type qrFile struct {
	Module scalar `yaml:"module"`
}

type pageFile struct {
	Name   scalar      `yaml:"name"`
	Folds  []scalar    `yaml:"folds"`
	Blocks []blockFile `yaml:"blocks"`
}

type blockFile struct {
	Kind        scalar          `yaml:"kind"`
	Name        scalar          `yaml:"name"`
	Group       scalar          `yaml:"group"`
	Box         []scalar        `yaml:"box"`
	Fill        scalar          `yaml:"fill"`
	Color       scalar          `yaml:"color"`
	NumberColor scalar          `yaml:"number_color"`
	Align       scalar          `yaml:"align"`
	VAlign      scalar          `yaml:"valign"`
	Paragraphs  []paragraphFile `yaml:"paragraphs"`
	Arrange     scalar          `yaml:"arrange"`
	QRSize      scalar          `yaml:"qr_size"`
	Primary     scalar          `yaml:"primary"`
	AtMost      *atMostFile     `yaml:"at_most"`
	Below       scalar          `yaml:"below"`
	Src         variants        `yaml:"src"`
	Fit         scalar          `yaml:"fit"`
	Alt         scalar          `yaml:"alt"`
	Mirror      scalar          `yaml:"mirror"`
	Size        []scalar        `yaml:"size"` // issuer: the name's size range
	At          at              `yaml:"-"`
}

type paragraphFile struct {
	Message scalar            `yaml:"message"`
	Role    scalar            `yaml:"role"`
	Size    []scalar          `yaml:"size"`
	Color   scalar            `yaml:"color"`
	Count   scalar            `yaml:"count"`
	Data    map[string]scalar `yaml:"data"`
	RunIn   scalar            `yaml:"runin"`
	Icon    iconFile          `yaml:"icon"` // its icon slot (icons.go)
	At      at                `yaml:"-"`
}

// iconFile is a paragraph's icon slot: its side (icon: 12mm), or the side
// and where the icon goes (icon: {size: 12mm, place: above}).
type iconFile struct {
	Size  scalar `yaml:"size,bare"`
	Place scalar `yaml:"place"`
	At    at     `yaml:"-"`
}
