package compose

import (
	"fmt"
	"slices"
	"strings"

	"github.com/handbill/handbill/internal/fonts"
	"github.com/handbill/handbill/internal/geom"
)

// leadingHint tells a block that does not fit because a font's leading
// is larger than the layout's from one whose translation is too long.
// A paragraph's line height is the larger of its role's leading and the
// leading fonts.yaml gives its font's family (typeset); when a family's
// is the larger, the block's height at the roles' leadings is estimated
// by scaling those paragraphs' heights down by the ratio. If the text
// would fit then, the hint blames the family's leading, not the
// translation; if not, it says how much of the overflow the leading
// adds. It returns "" when no family's leading is above its role's.
func leadingHint(ps []*piece, width, need, have float64) string {
	var fams []*fonts.Family
	var roles []string
	saved := 0.0
	for _, pc := range ps {
		f := pc.shaped.Main()
		if f == nil || f.Family.Leading <= pc.leading || pc.shaped.Lead() <= pc.leading { // a helpline's own ink (typeset.Shaped.OwnInk)
			continue
		}
		h, _ := pc.shaped.MeasureFrame(pc.min, pc.frame(width), pc.leading)
		saved += h * (1 - pc.leading/f.Family.Leading)
		if !slices.Contains(fams, f.Family) {
			fams = append(fams, f.Family)
		}
		if r := fmt.Sprintf("%s %v", pc.role, pc.leading); !slices.Contains(roles, r) {
			roles = append(roles, r)
		}
	}
	if len(fams) == 0 {
		return ""
	}
	names := make([]string, len(fams))
	for i, f := range fams {
		names[i] = fmt.Sprintf("%s (%s) %v", f.Name, f.ID, f.Leading)
	}
	what := fmt.Sprintf("the leading fonts.yaml gives %s is above the layout's (%s)", strings.Join(names, ", "), strings.Join(roles, ", "))
	lower := "lower the family's leading in assets/fonts/fonts.yaml toward the script's measured ink span (lines still grow to fit their ink; README, \"Add a font\")"
	mm := func(v float64) float64 { return v / float64(geom.MM) }
	if need-saved <= have {
		return fmt.Sprintf("%s: at the layout's leading the text would need about %.1fmm of the box's %.1fmm, so the leading, not the translation, is too large: %s", what, mm(need-saved), mm(have), lower)
	}
	return fmt.Sprintf("shorten the translation, or widen the box or lower the role's minimum size in the layout; %s and adds about %.1fmm: %s", what, mm(saved), lower)
}
