package compose

import (
	"fmt"
	"strings"

	"github.com/handbill/handbill/internal/campaign"
)

// A campaign with areas is composed once per area, by a Composer whose
// Campaign is the area's (campaign.Area.Campaign): its data, helplines and
// partners are already the area's. What is the area's own is its name,
// which the document's metadata gives, and the messages only areas name,
// which CheckMessages checks for every area.

// AreaName is the name of the campaign's area in the job's locale, or ""
// for a campaign without areas.
func (j *job) areaName() string {
	a := j.c.Campaign.Area
	switch {
	case a == nil:
		return ""
	case a.NameMessage != nil:
		return j.text(a.NameMessage.ID, nil, nil, a.NameMessage.At.File, a.NameMessage.At.Line, a.NameMessage.At.Path)
	}
	return a.Name
}

// subject and keywords are the document's: which layout and locale it is,
// and which area when the campaign has areas.
func (j *job) subject(title string) (subject, keywords string) {
	c := j.c.Campaign
	if c.Area == nil {
		return fmt.Sprintf("%s – %s – %s", title, j.lay.Name, j.loc), strings.Join([]string{c.ID, j.lay.Name, j.loc}, ", ")
	}
	return fmt.Sprintf("%s – %s – %s – %s", title, j.areaName(), j.lay.Name, j.loc), strings.Join([]string{c.ID, c.Area.ID, j.lay.Name, j.loc}, ", ")
}

// areaUses are the messages of every area of c that the campaign itself
// does not name: a translated area name, the area's data messages,
// helplines and partners.
func areaUses(c *campaign.Campaign) []use {
	var out []use
	for _, a := range c.Areas {
		if a.NameMessage != nil {
			out = append(out, use{id: a.NameMessage.ID, at: a.NameMessage.At, vars: sharedNames(a.Campaign)})
		}
		ac := *a.Campaign
		ac.Layouts = nil // the layouts' messages are the campaign's
		ac.TitleMessage = ""
		out = append(out, uses(&ac)...)
	}
	return out
}
