package compose

import (
	"testing"

	"github.com/handbill/handbill/internal/page"
)

// TestHeadGroups: a block of headings heads the later blocks of its group
// (H2), and only those: a lone heading block, or one whose group does not
// follow it, stays P, and the title stays H1.
func TestHeadGroups(t *testing.T) {
	el := func(r page.Role) *page.Element { return &page.Element{Role: r} }
	heading := &blockStructure{group: "body", headings: true, els: []*page.Element{el(page.RoleP)}}
	column := &blockStructure{group: "body", els: []*page.Element{el(page.RoleP)}}
	strap := &blockStructure{headings: true, els: []*page.Element{el(page.RoleP)}}
	title := &blockStructure{group: "body", headings: true, els: []*page.Element{el(page.RoleH1)}}
	lastInGroup := &blockStructure{group: "side", headings: true, els: []*page.Element{el(page.RoleP)}}
	headGroups([]*blockStructure{title, strap, heading, column, lastInGroup})
	for _, c := range []struct {
		name string
		bs   *blockStructure
		want page.Role
	}{{"heading above its group", heading, page.RoleH2}, {"column", column, page.RoleP}, {"heading without group", strap, page.RoleP}, {"title", title, page.RoleH1}, {"heading nothing of its group follows", lastInGroup, page.RoleP}} {
		if got := c.bs.els[0].Role; got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}
