package geom

import "math"

// Luminance is the WCAG 2.x relative luminance of a colour's screen form
// (its RGB), from 0 (black) to 1 (white).
func Luminance(c Color) float64 {
	lin := func(v float64) float64 {
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.RGB[0]) + 0.7152*lin(c.RGB[1]) + 0.0722*lin(c.RGB[2])
}

// Contrast is the WCAG 2.x contrast ratio of two colours' screen forms,
// from 1 (the same) to 21 (black on white).
func Contrast(a, b Color) float64 {
	la, lb := Luminance(a), Luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}
