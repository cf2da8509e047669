package starter

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite template/layouts from the bundled layouts")

// The starter's layouts are the bundled campaign's designs made
// topic-neutral: message ids renamed (neutralIDs), no campaign mark (the
// bundled mark is the police campaign's), no palette (the brand kit in
// campaign.yaml holds it), their own header comments. When a bundled
// layout changes, this test fails until the starter's are regenerated
// with -update, so that init never writes a design the bundled campaign
// has left (a help block on another panel than its helplines, say).
func TestLayoutsFollowTheBundled(t *testing.T) {
	for name, header := range starterHeaders {
		src, err := os.ReadFile(filepath.Join("..", "..", "layouts", name))
		if err != nil {
			t.Fatal(err)
		}
		want := header + neutral(name, string(src))
		dst := filepath.Join("template", "layouts", name)
		if *update {
			if err := os.WriteFile(dst, []byte(want), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(dst)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf("%s is not the bundled layouts/%s made neutral; run go test ./internal/starter -run TestLayoutsFollowTheBundled -update and review the diff", dst, name)
		}
	}
}

// neutralIDs are the bundled campaign's message ids and the starter's.
var neutralIDs = map[string]string{
	"title": "headline", "help.heading": "action",
	"risks.heading": "points.heading", "risks.control": "point.1", "risks.sextortion": "point.2", "risks.law": "point.3",
	"young.heading": "section.1.heading", "young.advice": "section.1.text",
	"parents.heading": "section.2.heading", "parents.advice": "section.2.text",
	"callout.childline": "callout",
}

var (
	leadComment = regexp.MustCompile(`\A(#.*\n)+`)
	messageID   = regexp.MustCompile(`\{message: ([a-z0-9.]+)`)
	imageBlock  = regexp.MustCompile(`      - kind: image\n(        .*\n)+`)
	palette     = regexp.MustCompile(`palette:\n(  .*\n)+`)
)

// neutral makes a bundled layout file topic-neutral.
func neutral(name, s string) string {
	s = leadComment.ReplaceAllString(s, "")
	s = messageID.ReplaceAllStringFunc(s, func(m string) string {
		id := strings.TrimPrefix(m, "{message: ")
		if n, ok := neutralIDs[id]; ok {
			id = n
		}
		return "{message: " + id
	})
	s = imageBlock.ReplaceAllString(s, "")
	if loc := palette.FindStringIndex(s); loc != nil {
		s = s[:loc[0]] + s[loc[1]:]
	}
	s = strings.NewReplacer("risks", "points", "What can go wrong", "The points", "name: parents", "name: section-2",
		"# inside flap (97 mm): advice to young people, seen first on opening", "# inside flap (97 mm): the first section, seen first on opening",
		"# front cover (100 mm): the title, and the emergency number at the foot", "# front cover (100 mm): the headline, and the emergency numbers at the foot",
		"# left page: what can go wrong", "# left page: the points",
		"# and a Childline callout on a yellow field at its foot", "# and a callout on a yellow field at its foot",
		"# right page: advice", "# right page: the two sections").Replace(s)
	if name == "leaflet-a5.yaml" { // the bundled mark's room goes to the headline
		s = strings.Replace(s, "box: [12mm, 6mm, 98mm, 30mm]", "box: [12mm, 6mm, 124mm, 30mm]", 1)
	}
	return s
}

// starterHeaders are the starter layouts' header comments, by file.
var starterHeaders = map[string]string{
	"base/poster.yaml": `# The poster, designed on A4. poster-a4 and poster-a3 extend it; a layout
# of another A-series size scales every box, type size and QR code by the
# ratio of the widths. Boxes are [x, y, width, height] from the top left
# of the trim; type sizes are ranges, and fitting sets each block at the
# largest size at which its text fits. Type follows RNIB Clear Print (body
# 12 pt at least, small text 10 pt). The colours are the brand's
# (campaign.yaml brand: palette:); a layout may add its own palette:.
`,
	"leaflet-a5.yaml": `# A5 leaflet printed on both sides: the headline and the points on the
# front, the call to action and the helplines on the back.
`,
	"leaflet-dl.yaml": `# DL tri-fold leaflet on an A4 landscape sheet, roll fold. Panels from the
# left of each side: outside 97 | 100 | 100 mm (inside flap, back cover,
# front cover); inside 100 | 100 | 97 mm. The 97 mm panel folds in.
`,
	"leaflet-a5-bifold.yaml": `# A5 bi-fold leaflet: an A4 landscape sheet printed on both sides and
# folded once. Outside: back cover (left) and front cover (right); inside:
# the two facing pages. Panels are 148.5 mm; text keeps 12 mm from the
# trim edges and the fold.
`,
}
