package messages

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/handbill/handbill/internal/decode"
	"github.com/handbill/handbill/internal/diag"
)

// forbidden says why r may not be in a message and what to do instead,
// or "" when it may: the one rule for every text handbill prints
// (decode.Forbidden), in campaign.yaml as in translations.
func forbidden(r rune) (why, hint string) { return decode.Forbidden(r) }

// RuneName is "U+202E RIGHT-TO-LEFT OVERRIDE".
func RuneName(r rune) string { return decode.RuneName(r) }

// CheckRunes reports a form of message id in f longer than
// MaxMessageRunes, and the characters no translation may hold (see
// forbidden), once per form, at the character
// when it is written as itself in the file, else at the message.
func (f *File) CheckRunes(id string) diag.List {
	m := f.Messages[id]
	if m == nil {
		return nil
	}
	var l diag.List
	if blank(m) {
		l.Add(diag.Diagnostic{Severity: diag.Error, File: f.Path, Line: f.Line(id), Path: id,
			Msg:  "expected text, found none (the message is empty or only spaces)",
			Hint: "write the text; a required message printed empty leaves a poster without its headline or a PDF titled with a tab"})
		return l
	}
	for _, form := range Forms(m) {
		text := Form(m, form)
		if n := utf8.RuneCountInString(text); n > MaxMessageRunes {
			l.Add(diag.Diagnostic{Severity: diag.Error, File: f.Path, Line: f.Line(id), Path: id,
				Msg:  fmt.Sprintf("form %q: expected at most %d characters, found %d", form, MaxMessageRunes, n),
				Hint: "a message is a sentence or a short paragraph of the poster; split longer text into several messages"})
			continue
		}
		for i, r := range text {
			why, hint := forbidden(r)
			if why == "" {
				continue
			}
			d := diag.Diagnostic{Severity: diag.Error, File: f.Path, Line: f.Line(id), Path: id, Hint: hint,
				Msg: fmt.Sprintf("form %q: expected text without control characters, found %s (%s) at character %d", form, RuneName(r), why, utf8.RuneCountInString(text[:i])+1)}
			if line, col, ok := f.locateRune(id, text, i); ok && !f.Pseudo {
				d.Line, d.Col = line, col
			}
			l.Add(d)
			break
		}
	}
	return l
}

// locateRune finds the character at byte i of form text in message id's
// definition: written as itself, or as an escape (\u202E) right after the
// text before it.
func (f *File) locateRune(id, text string, i int) (line, col int, ok bool) {
	_, n := utf8.DecodeRuneInString(text[i:])
	if line, col, ok := f.Locate(id, text, i, i+n); ok {
		return line, col, true
	}
	from := max(0, i-24)
	for from < i && !utf8.RuneStart(text[from]) {
		from++
	}
	if from == i {
		return 0, 0, false
	}
	line, col, ok = f.find(id, text[from:i])
	return line, col + utf8.RuneCountInString(text[from:i]), ok
}

// SyntaxProblem says what is wrong with a form that does not parse, in a
// translator's words where it can, and the byte offset of the culprit
// delimiter (-1 when unknown).
func SyntaxProblem(text, left, right string, err error) (string, int) {
	if left == "" {
		left = "{{"
	}
	if right == "" {
		right = "}}"
	}
	// Pair the delimiters in order to find the one without a partner.
	var open []int
	for i := 0; i < len(text); {
		switch {
		case strings.HasPrefix(text[i:], left):
			open = append(open, i)
			i += len(left)
		case strings.HasPrefix(text[i:], right):
			if len(open) == 0 {
				return fmt.Sprintf("%s closes a placeholder that no %s opens", right, left), i
			}
			open = open[:len(open)-1]
			i += len(right)
		default:
			i++
		}
	}
	if len(open) > 0 {
		return fmt.Sprintf("a placeholder opened with %s is not closed with %s", left, right), open[0]
	}
	s := err.Error()
	if _, rest, ok := strings.Cut(s, "template: message:"); ok {
		if _, msg, ok := strings.Cut(rest, ": "); ok {
			s = msg
		}
	}
	return "not a valid template: " + s, -1
}

// TemplateError is the first form of message id that is not text and
// placeholders: one that does not parse as a template, said in a
// translator's words at the culprit delimiter, or one with an action that
// is not a placeholder (NotDataError), at the action; nil when every form
// is data.
func (f *File) TemplateError(id string) *diag.Diagnostic {
	m := f.Messages[id]
	if m == nil {
		return nil
	}
	for _, form := range Forms(m) {
		if d := f.FormError(id, form); d != nil {
			return d
		}
	}
	return nil
}

// FormError is TemplateError for one form of message id.
func (f *File) FormError(id, form string) *diag.Diagnostic {
	m := f.Messages[id]
	left, right := delims(m.LeftDelim, m.RightDelim)
	text := Form(m, form)
	_, err := Placeholders(text, left, right)
	if err == nil {
		return nil
	}
	d := &diag.Diagnostic{Severity: diag.Error, File: f.Path, Line: f.Line(id), Path: id}
	var nd *NotDataError
	var at int
	if errors.As(err, &nd) {
		d.Msg = fmt.Sprintf("form %q: %v", form, nd)
		d.Hint = DataHint
		at = nd.Start
	} else {
		var what string
		what, at = SyntaxProblem(text, left, right, err)
		d.Msg = fmt.Sprintf("form %q: %s", form, what)
		d.Hint = "placeholders are written as in the source, like {{.Name}}: two braces, a dot and the name, two braces"
	}
	if f.Pseudo {
		return d
	}
	at = max(at, 0)
	if line, col, ok := f.Locate(id, text, at, min(len(text), at+len(left))); ok {
		d.Line, d.Col = line, col
	}
	return d
}

// blank reports whether every form of m is empty or white space.
func blank(m *i18n.Message) bool {
	for _, form := range Forms(m) {
		if strings.TrimSpace(Form(m, form)) != "" {
			return false
		}
	}
	return true
}
