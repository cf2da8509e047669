package compose

import (
	"errors"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/handbill/handbill/internal/campaign"
	"github.com/handbill/handbill/internal/messages"
)

// The template data every message gets: the campaign's data (data: in
// campaign.yaml), each value the same in every locale or, for a name
// written as {message: ID}, that message in the locale's words (a council
// is "Kerry County Council" in English and "Comhairle Contae Chiarraí" in
// Irish), and the helplines' numbers (HelplinesData). A data message gets
// the plain values and the helplines, not other data messages, so no
// value depends on the order they are rendered in; so does the name of the
// campaign's publisher when it is a message.

// sharedData is the data every locale shares: the plain values and the
// helplines' numbers.
func sharedData(c *campaign.Campaign) map[string]any {
	data := make(map[string]any, len(c.Data)+len(c.DataMessages)+1)
	for k, v := range c.Data {
		data[k] = v
	}
	if len(c.Helplines) > 0 {
		data[HelplinesData] = HelplineData(c)
	}
	return data
}

// campaignData returns the job's data in its locale, rendered once; a
// data message that cannot be rendered is reported where campaign.yaml
// names it and left out.
func (j *job) campaignData() map[string]any {
	if j.data != nil {
		return j.data
	}
	c := j.c.Campaign
	shared := sharedData(c)
	data := maps.Clone(shared)
	for _, k := range slices.Sorted(maps.Keys(c.DataMessages)) {
		ref := c.DataMessages[k]
		if s := j.render(ref.ID, shared, nil, ref.At.File, ref.At.Line, ref.At.Path); s != "" {
			data[k] = s
		}
	}
	j.data = data
	return data
}

// LocaleData is the template data every message of the campaign gets in
// locale loc, for a renderer outside Compose (the site): the plain values,
// the helplines' numbers and each data message in loc's words, or in the
// source's when loc lacks it (a fallback check and Compose report).
func LocaleData(c *campaign.Campaign, cat *messages.Catalog, loc string) (map[string]any, error) {
	shared := sharedData(c)
	data := maps.Clone(shared)
	for k, ref := range c.DataMessages {
		s, err := cat.Text(loc, ref.ID, shared, nil)
		var fb *messages.FallbackError
		if err != nil && !errors.As(err, &fb) {
			return nil, err
		}
		data[k] = s
	}
	return data, nil
}

// author is the document's author: the campaign's publisher in the job's
// locale, or, for a campaign that names none, its Force datum, or "".
func (j *job) author() string {
	if p := j.c.Campaign.Publisher; p != nil {
		if p.NameMessage.ID == "" {
			return p.Name
		}
		ref := p.NameMessage
		return j.render(ref.ID, sharedData(j.c.Campaign), nil, ref.At.File, ref.At.Line, ref.At.Path)
	}
	s, _ := j.campaignData()["Force"].(string)
	return s
}

// PublisherName is the name of the campaign's publisher in locale loc, for
// a renderer outside Compose (the site): "" when campaign.yaml names no
// publisher; a name written as a message that loc lacks is in the
// source's words (a fallback check and Compose report).
func PublisherName(c *campaign.Campaign, cat *messages.Catalog, loc string) (string, error) {
	p := c.Publisher
	switch {
	case p == nil:
		return "", nil
	case p.NameMessage.ID == "":
		return p.Name, nil
	}
	s, err := cat.Text(loc, p.NameMessage.ID, sharedData(c), nil)
	var fb *messages.FallbackError
	if err != nil && !errors.As(err, &fb) {
		return "", err
	}
	return s, nil
}

// sharedNames are the names of sharedData, sorted.
func sharedNames(c *campaign.Campaign) []string {
	shared := slices.Collect(maps.Keys(c.Data))
	if len(c.Helplines) > 0 {
		shared = append(shared, HelplinesData) // every message may name a helpline's number
	}
	sort.Strings(shared)
	return shared
}

// dataUses are the uses of the data messages, which get the shared data
// only.
func dataUses(c *campaign.Campaign, shared []string) []use {
	from := "only the data every locale shares"
	if len(shared) > 0 {
		from += " (" + strings.Join(shared, ", ") + ")"
	}
	from += ", never another translated name"
	var out []use
	for _, k := range slices.Sorted(maps.Keys(c.DataMessages)) {
		ref := c.DataMessages[k]
		out = append(out, use{id: ref.ID, at: ref.At, vars: shared, from: from})
	}
	if p := c.Publisher; p != nil && p.NameMessage.ID != "" {
		out = append(out, use{id: p.NameMessage.ID, at: p.NameMessage.At, vars: shared, from: from})
	}
	return out
}
