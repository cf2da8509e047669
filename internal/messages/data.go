package messages

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"text/template/parse"
	"time"
	"unicode/utf8"

	"github.com/nicksnyder/go-i18n/v2/i18n/template"
)

// Messages are data, not programs. A message form is text with
// placeholders — {{.Name}}, a field of the template data, and
// {{index .Helplines "my-line" "Number"}}, the same for a map key that is
// not an identifier — and nothing else: no range, if, with, define,
// template, block, function call, variable or pipeline. Go's text/template
// would run all of them, and a translator's 64-byte {{range}} drove a
// build past 6 GB; so handbill parses each form with text/template/parse,
// refuses every other action (NotDataError), and renders the placeholders
// itself (dataParser), within MaxRenderBytes and MaxRenderTime as a
// second line of defence.

// MaxRenderBytes is the longest text one message may render to, and
// MaxRenderTime the longest its rendering may take. A form is at most
// MaxMessageRunes characters and a placeholder prints one campaign value,
// so neither is reached by a real message.
const (
	MaxRenderBytes = 256 << 10
	MaxRenderTime  = time.Second
)

// Placeholder is one {{…}} of a message form: a path into the template
// data. {{.Force}} is ["Force"]; {{.Helplines.hub.Number}} and
// {{index .Helplines "hub" "Number"}} are ["Helplines" "hub" "Number"].
type Placeholder struct {
	Path       []string
	Start, End int // byte offsets of the action, delimiters included, in the form
}

// Name is the placeholder as a translator writes it: {{.Helplines.hub.Number}}.
func (p Placeholder) Name() string { return "{{." + strings.Join(p.Path, ".") + "}}" }

// NotDataError is an action of a message form that is not a placeholder.
type NotDataError struct {
	Action     string // as written, delimiters included (clipped)
	What       string // "a range loop", "a call of printf", …
	Start, End int    // byte offsets of Action in the form
}

func (e *NotDataError) Error() string {
	return fmt.Sprintf("expected text and placeholders such as {{.Name}}, found %s %s", e.What, e.Action)
}

// DataHint is the hint for a NotDataError.
const DataHint = "a message is text with the source's placeholders, such as {{.Name}}, and nothing else: write the words themselves; template actions (range, if, with, printf, pipelines) are not run"

// piece is a literal text of a form or a placeholder.
type piece struct {
	text string
	ph   *Placeholder
}

// Placeholders parses one form of a message with delimiters left and right
// ("" for the defaults) and returns its placeholders in order. The error
// is a parse error when the form is not a template, and a *NotDataError
// when it is a template with an action that is not a placeholder.
func Placeholders(text, left, right string) ([]Placeholder, error) {
	pieces, err := parseData(text, left, right)
	var out []Placeholder
	for _, p := range pieces {
		if p.ph != nil {
			out = append(out, *p.ph)
		}
	}
	return out, err
}

func delims(left, right string) (string, string) {
	if left == "" {
		left = "{{"
	}
	if right == "" {
		right = "}}"
	}
	return left, right
}

// parseData parses a form into literal text and placeholders.
func parseData(text, left, right string) ([]piece, error) {
	left, right = delims(left, right)
	if !strings.Contains(text, left) && !strings.Contains(text, right) {
		return []piece{{text: text}}, nil
	}
	t := parse.New("message")
	t.Mode = parse.SkipFuncCheck // printf is refused as an action, not as an unknown function
	trees := map[string]*parse.Tree{}
	if _, err := t.Parse(text, left, right, trees); err != nil {
		return nil, err
	}
	if strings.Count(text, right) > strings.Count(text, left) {
		return nil, fmt.Errorf("unexpected %q without %q before it", right, left)
	}
	for name, d := range trees {
		if d != t {
			return nil, notData(text, left, right, int(d.Root.Pos), fmt.Sprintf("a definition of template %q", name))
		}
	}
	if t.Root == nil {
		return nil, nil
	}
	var out []piece
	for _, n := range t.Root.Nodes {
		switch v := n.(type) {
		case *parse.TextNode:
			out = append(out, piece{text: string(v.Text)})
		case *parse.ActionNode:
			ph, err := placeholder(text, left, right, v)
			if err != nil {
				return nil, err
			}
			out = append(out, piece{ph: ph})
		default:
			return nil, notData(text, left, right, int(n.Position()), nodeWhat(n))
		}
	}
	return out, nil
}

// nodeWhat names a template node that is not text or an action.
func nodeWhat(n parse.Node) string {
	switch n.(type) {
	case *parse.RangeNode:
		return "a range loop"
	case *parse.IfNode:
		return "an if block"
	case *parse.WithNode:
		return "a with block"
	case *parse.TemplateNode:
		return "a template call (template or block)"
	case *parse.CommentNode:
		return "a comment"
	}
	return "a template action"
}

// placeholder returns the data path of an action, or a *NotDataError when
// it is anything but {{.A.B}} or {{index .A "b" "c"}}.
func placeholder(text, left, right string, a *parse.ActionNode) (*Placeholder, error) {
	refuse := func(what string) error { return notData(text, left, right, int(a.Pos), what) }
	p := a.Pipe
	switch {
	case len(p.Decl) > 0:
		return nil, refuse("a variable")
	case len(p.Cmds) != 1:
		return nil, refuse("a pipeline")
	}
	args := p.Cmds[0].Args
	var path []string
	switch v := args[0].(type) {
	case *parse.FieldNode:
		if len(args) > 1 {
			return nil, refuse("a method call")
		}
		path = v.Ident
	case *parse.IdentifierNode:
		var err error
		if path, err = indexPath(v, args[1:]); err != nil {
			return nil, refuse(err.Error())
		}
	case *parse.DotNode:
		return nil, refuse("the whole template data, {{.}},")
	case *parse.VariableNode:
		return nil, refuse("a variable")
	case *parse.StringNode, *parse.NumberNode, *parse.BoolNode, *parse.NilNode:
		return nil, refuse("a constant")
	default:
		return nil, refuse("a pipeline")
	}
	start, end := actionSpan(text, left, right, int(a.Pos))
	return &Placeholder{Path: path, Start: start, End: end}, nil
}

// indexPath is the path of {{index .Field "key" …}}: the one function a
// placeholder may call, with a field and string keys.
func indexPath(fn *parse.IdentifierNode, args []parse.Node) ([]string, error) {
	if fn.Ident != "index" {
		return nil, fmt.Errorf("a call of %s", fn.Ident)
	}
	if len(args) < 2 {
		return nil, errors.New("an index without a field and a key")
	}
	f, ok := args[0].(*parse.FieldNode)
	if !ok {
		return nil, errors.New("an index of something other than a field")
	}
	path := append([]string(nil), f.Ident...)
	for _, a := range args[1:] {
		s, ok := a.(*parse.StringNode)
		if !ok {
			return nil, errors.New("an index with a key that is not a quoted string")
		}
		path = append(path, s.Text)
	}
	return path, nil
}

// actionSpan returns the byte span of the action around offset pos of
// text: from the opening delimiter before it to the closing one after.
func actionSpan(text, left, right string, pos int) (int, int) {
	pos = min(max(pos, 0), len(text))
	start := strings.LastIndex(text[:pos], left)
	if start < 0 {
		start = pos
	}
	end := len(text)
	if i := strings.Index(text[pos:], right); i >= 0 {
		end = pos + i + len(right)
	}
	return start, end
}

func notData(text, left, right string, pos int, what string) *NotDataError {
	start, end := actionSpan(text, left, right, pos)
	action := text[start:end]
	if utf8.RuneCountInString(action) > 40 {
		action = string([]rune(action)[:39]) + "…"
	}
	return &NotDataError{Action: action, What: what, Start: start, End: end}
}

// dataParser is the go-i18n template parser for handbill's messages: it
// accepts only text and placeholders and renders them without
// text/template.
type dataParser struct{}

var _ template.Parser = dataParser{}

func (dataParser) Cacheable() bool { return true }

func (dataParser) Parse(src, left, right string) (template.ParsedTemplate, error) {
	if n := utf8.RuneCountInString(src); n > MaxMessageRunes {
		// CheckRunes reports it where it is written; check, which goes on
		// to fit every message, must not typeset what build refuses.
		return nil, fmt.Errorf("expected at most %d characters, found %d", MaxMessageRunes, n)
	}
	pieces, err := parseData(src, left, right)
	if err != nil {
		return nil, err
	}
	return dataTemplate(pieces), nil
}

// dataTemplate is a parsed form: text and placeholders.
type dataTemplate []piece

// Execute fills the placeholders from data, a map keyed by string (maps
// inside it for longer paths), refusing a path that does not resolve and
// a value that is not text or a number, and stopping at MaxRenderBytes or
// MaxRenderTime.
func (t dataTemplate) Execute(data any) (string, error) {
	deadline := time.Now().Add(MaxRenderTime)
	var b strings.Builder
	for _, p := range t {
		s := p.text
		if p.ph != nil {
			var err error
			if s, err = value(data, p.ph); err != nil {
				return "", err
			}
		}
		if b.Len()+len(s) > MaxRenderBytes {
			return "", fmt.Errorf("expected at most %d KB of text, found more", MaxRenderBytes>>10)
		}
		if time.Now().After(deadline) {
			return "", fmt.Errorf("rendering took more than %v", MaxRenderTime)
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// UnresolvedError is a placeholder whose path is not in the template data.
type UnresolvedError struct {
	Placeholder string
	Missing     string // the first name of the path that is not there
}

func (e *UnresolvedError) Error() string {
	return fmt.Sprintf("placeholder %s: %s is not defined here", e.Placeholder, e.Missing)
}

// value looks up placeholder p in data and formats it.
func value(data any, p *Placeholder) (string, error) {
	v := reflect.ValueOf(data)
	for _, name := range p.Path {
		for v.Kind() == reflect.Interface {
			v = v.Elem()
		}
		if v.Kind() != reflect.Map || v.Type().Key().Kind() != reflect.String {
			return "", fmt.Errorf("placeholder %s: %s has no fields", p.Name(), name)
		}
		v = v.MapIndex(reflect.ValueOf(name).Convert(v.Type().Key()))
		if !v.IsValid() {
			return "", &UnresolvedError{Placeholder: p.Name(), Missing: name}
		}
	}
	for v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Invalid:
		return "", &UnresolvedError{Placeholder: p.Name(), Missing: p.Path[len(p.Path)-1]}
	case reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return fmt.Sprint(v.Interface()), nil
	}
	return "", fmt.Errorf("placeholder %s would print a %s, not text: expected a path to one value", p.Name(), v.Kind())
}
