package messages

import (
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Pseudo-locales are built in: generated from the source messages on load,
// never read from or written to disk. They let a layout be tried with long
// and right-to-left text before any translation exists.
const (
	// PseudoLong is accented Latin, 35% longer than the source, in
	// brackets so a cut-off end shows: "[Ţĥîñķ ƀéƒöŕé ýöû šéñð ţŵö]".
	PseudoLong = "en-XA"
	// PseudoRTL is the source text mirrored right to left: every word is
	// wrapped in a right-to-left override, and the locale's script
	// (Arabic) makes the layout mirror as for a real RTL locale.
	PseudoRTL = "ar-XB"
)

// Pseudo lists the built-in pseudo-locales.
var Pseudo = []string{PseudoLong, PseudoRTL}

// IsPseudo reports whether tag is a built-in pseudo-locale.
func IsPseudo(tag string) bool { return slices.Contains(Pseudo, tag) }

// Growth is how much longer PseudoLong makes a text, as a fraction of its
// length: German and Finnish often run 30–40% longer than English.
const Growth = 0.35

var accents = map[rune]rune{
	'a': 'á', 'b': 'ƀ', 'c': 'ç', 'd': 'ð', 'e': 'é', 'f': 'ƒ', 'g': 'ĝ', 'h': 'ĥ', 'i': 'î', 'j': 'ĵ',
	'k': 'ķ', 'l': 'ļ', 'm': 'ɱ', 'n': 'ñ', 'o': 'ö', 'p': 'þ', 'q': 'ǫ', 'r': 'ŕ', 's': 'š', 't': 'ţ',
	'u': 'û', 'v': 'ṽ', 'w': 'ŵ', 'x': 'ẋ', 'y': 'ý', 'z': 'ž',
	'A': 'Å', 'B': 'Ɓ', 'C': 'Ç', 'D': 'Ð', 'E': 'É', 'F': 'Ƒ', 'G': 'Ĝ', 'H': 'Ĥ', 'I': 'Î', 'J': 'Ĵ',
	'K': 'Ķ', 'L': 'Ļ', 'M': 'Ṁ', 'N': 'Ñ', 'O': 'Ö', 'P': 'Þ', 'Q': 'Ǫ', 'R': 'Ŕ', 'S': 'Š', 'T': 'Ţ',
	'U': 'Û', 'V': 'Ṽ', 'W': 'Ŵ', 'X': 'Ẋ', 'Y': 'Ý', 'Z': 'Ž',
}

// filler pads PseudoLong text to its length; the words are accented so
// they read as part of the text and break lines like it.
var filler = strings.Fields("ţŵö ţĥŕéé ƒöûŕ ƒîṽé šîẋ šéṽéñ éîĝĥţ ñîñé ţéñ éļéṽéñ ţŵéļṽé")

// PseudoText returns the pseudo-locale tag's version of a message text,
// leaving template actions ({{.Number}}, with delimiters left and right,
// default "{{" and "}}") as they are.
func PseudoText(tag, text, left, right string) string {
	switch tag {
	case PseudoLong:
		return pseudoLong(text, left, right)
	case PseudoRTL:
		return pseudoRTL(text, left, right)
	}
	return text
}

// splitActions cuts text into literal pieces and template actions; odd
// indexes are actions (with their delimiters).
func splitActions(text, left, right string) []string {
	if left == "" {
		left = "{{"
	}
	if right == "" {
		right = "}}"
	}
	var parts []string
	for {
		i := strings.Index(text, left)
		if i < 0 {
			break
		}
		j := strings.Index(text[i+len(left):], right)
		if j < 0 {
			break
		}
		end := i + len(left) + j + len(right)
		parts = append(parts, text[:i], text[i:end])
		text = text[end:]
	}
	return append(parts, text)
}

func pseudoLong(text, left, right string) string {
	var b strings.Builder
	n := 0
	b.WriteString("[")
	for i, p := range splitActions(text, left, right) {
		if i%2 == 1 {
			b.WriteString(p)
			continue
		}
		for _, r := range p {
			if a, ok := accents[r]; ok {
				r = a
			}
			b.WriteRune(r)
		}
		n += utf8.RuneCountInString(p)
	}
	want := int(math.Ceil(float64(n) * Growth))
	for k := 0; want > 0; k++ {
		w := filler[k%len(filler)]
		b.WriteString(" ")
		b.WriteString(w)
		want -= 1 + utf8.RuneCountInString(w)
	}
	b.WriteString("]")
	return b.String()
}

const (
	rlo = '\u202e' // right-to-left override
	pdf = '\u202c' // pop directional formatting
	rlm = '\u200f' // right-to-left mark
)

func pseudoRTL(text, left, right string) string {
	var b strings.Builder
	b.WriteRune(rlm)
	for i, p := range splitActions(text, left, right) {
		if i%2 == 1 {
			b.WriteString(p)
			continue
		}
		inWord := false
		for _, r := range p {
			word := !unicode.IsSpace(r)
			if word && !inWord {
				b.WriteRune(rlo)
			}
			if !word && inWord {
				b.WriteRune(pdf)
			}
			inWord = word
			b.WriteRune(r)
		}
		if inWord {
			b.WriteRune(pdf)
		}
	}
	b.WriteRune(rlm)
	return b.String()
}

// pseudoFile derives a pseudo-locale's messages from the source file. A
// plural source message gets every category the pseudo-locale's language
// uses (ar-XB needs Arabic's six), each from the matching source form or
// "other", so both pseudo-locales pass the plural check; so does a message
// that prints {{.Count}} in a source language whose only category is
// "other".
func pseudoFile(tag string, src *File) (*File, error) {
	forms, err := PluralForms(tag)
	if err != nil {
		return nil, err
	}
	srcForms, err := PluralForms(src.Tag)
	oneCategory := err == nil && len(srcForms) == 1
	f := &File{Tag: tag, Path: src.Path, Pseudo: true, Messages: map[string]*i18n.Message{}, lines: src.lines}
	for id, sm := range src.Messages {
		m := &i18n.Message{ID: id, Description: sm.Description, Hash: Hash(sm), LeftDelim: sm.LeftDelim, RightDelim: sm.RightDelim}
		use := []string{"other"}
		if IsPlural(sm) || oneCategory && countsIn(sm) {
			use = forms
		}
		for _, form := range use {
			s := Form(sm, form)
			if s == "" {
				s = sm.Other
			}
			SetForm(m, form, PseudoText(tag, s, sm.LeftDelim, sm.RightDelim))
		}
		f.Messages[id] = m
	}
	return f, nil
}

// countsIn reports whether a message prints {{.Count}}: in a source
// language with one plural category (Chinese, Japanese) a counting
// message has only "other", yet the pseudo-locales' English and Arabic
// rules need their own forms of it.
func countsIn(m *i18n.Message) bool {
	vars, err := Variables(m)
	return err == nil && slices.Contains(vars, "Count")
}

// addPseudo derives pseudo-locale tag from the source file and adds it to
// the bundle.
func addPseudo(b *i18n.Bundle, tag string, src *File) (*File, error) {
	f, err := pseudoFile(tag, src)
	if err != nil {
		return nil, err
	}
	t, err := language.Parse(tag)
	if err != nil {
		return nil, err
	}
	msgs := make([]*i18n.Message, 0, len(f.Messages))
	for _, m := range f.Messages {
		msgs = append(msgs, m)
	}
	if err := b.AddMessages(t, msgs...); err != nil {
		return nil, err
	}
	return f, nil
}

// Literal returns text without its template actions: the words a
// translator wrote, for checks of characters and digits.
func Literal(text, left, right string) string {
	var b strings.Builder
	for i, p := range splitActions(text, left, right) {
		if i%2 == 0 {
			b.WriteString(p)
		}
	}
	return b.String()
}
