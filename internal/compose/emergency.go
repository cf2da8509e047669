package compose

import (
	"fmt"

	"github.com/handbill/handbill/internal/campaign"
)

// EmergencyOrMessage is the message id that joins two emergency numbers in
// a locale's own words ("{{.First}} or {{.Second}}"): a paragraph whose
// data names emergency gets "112 or 999" when campaign.yaml lists
// emergency: ["112", "999"]. Three numbers are joined twice ("112 or 999
// or 911"), which every language's "or" allows. The source locale needs
// the message only when a campaign lists more than one number.
const EmergencyOrMessage = "emergency.or"

// emergency returns the campaign's emergency numbers as one text in the
// job's locale, each number's digit groups kept together; "" when the
// message joining them cannot be rendered (reported at file:line, path).
func (j *job) emergency(file string, line int, path string) string {
	nums := j.c.Campaign.Emergency
	if len(nums) == 0 {
		return ""
	}
	s := keepTogether(nums[0])
	for _, n := range nums[1:] {
		s = j.text(EmergencyOrMessage, map[string]any{"First": s, "Second": keepTogether(n)}, nil, file, line, path)
		if s == "" {
			return ""
		}
	}
	return s
}

// emergencyUse is where the campaign shows EmergencyOrMessage: at its
// emergency list, with vars.
func emergencyUse(c *campaign.Campaign, vars []string) use {
	return use{id: EmergencyOrMessage, at: c.EmergencyAt, vars: vars, how: "First and Second (the emergency numbers, or those joined so far)",
		hint: fmt.Sprintf(`add "%s" = "{{.First}} or {{.Second}}" to the source locale's messages: it joins the emergency numbers`, EmergencyOrMessage)}
}
