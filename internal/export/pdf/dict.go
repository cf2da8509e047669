package pdf

// Writing PDF objects through typed values, not format strings: every
// dictionary handbill writes is a dict of entries whose values are names,
// integers, numbers, references, strings, arrays and dictionaries (the
// types of values.go, which the reader also fills), written by write in
// one spacing ("<</Key value /Key value>>"). A misplaced "0 R", an
// unbalanced "<<" or a number written with too many decimals cannot be
// typed; keys are the names of ISO 32000-1's tables.

// with returns d with the entry key value appended.
func (d dict) with(key name, value any) dict { return append(d, entry{key, value}) }

// ifWith returns d with the entry appended when ok. Go evaluates value
// whether or not ok holds: give it only values that cost nothing to make
// (a name, a reference); a string that may be empty goes through withText
// or withUTF16, which encode it only when it is not.
func (d dict) ifWith(ok bool, key name, value any) dict {
	if ok {
		return d.with(key, value)
	}
	return d
}

// withText returns d with the text string s under key, unless s is empty.
func (d dict) withText(key name, s string) dict {
	if s == "" {
		return d
	}
	return d.with(key, pdfText(s))
}

// withUTF16 returns d with s under key as a UTF-16BE hex string (as
// ActualText is always written), unless s is empty.
func (d dict) withUTF16(key name, s string) dict {
	if s == "" {
		return d
	}
	return d.with(key, raw(utf16Hex(s)))
}

// number is a real number as PDF writes it (num: at most three decimals).
func number(v float64) raw { return raw(num(v)) }

// pdfText is a PDF text string (textString: ASCII literal or UTF-16BE).
func pdfText(s string) raw { return raw(textString(s)) }

// ascii is a PDF literal string of ASCII text.
func ascii(s string) raw { return raw(literal(s)) }

// boolean is a PDF boolean.
func boolean(b bool) raw {
	if b {
		return "true"
	}
	return "false"
}

// rectangle is a PDF rectangle [x0 y0 x1 y1] in points.
func rectangle(x0, y0, x1, y1 float64) array {
	return array{number(x0), number(y0), number(x1), number(y1)}
}

// refs is an array of references to the objects nums.
func refs(nums []int) array {
	out := make(array, len(nums))
	for i, n := range nums {
		out[i] = ref(n)
	}
	return out
}
