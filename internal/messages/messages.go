// Package messages loads a campaign's message files (go-i18n v2 bundles in
// TOML, JSON or YAML) and renders one locale's strings with template data and
// plural forms. Falling back to the source language is never silent: Text
// reports it. It sits after campaign and before compose in the pipeline.
package messages

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"github.com/handbill/handbill/internal/diag"
)

// SitePrefix begins the ids of the download site's own words (headings,
// buttons, print advice): messages of the campaign like the poster's,
// translated by the same workflow, but drawn on no printed document.
const SitePrefix = "site."

// MaxFileBytes is the largest message file handbill reads, and
// MaxMessageRunes the longest text of one message (each plural form): far
// beyond any poster's, small enough that no file can make a build take
// minutes or gigabytes.
const (
	MaxFileBytes    = 1 << 20
	MaxMessageRunes = 5000
)

// Formats are the message file extensions handbill reads, in lookup order.
var Formats = []string{"toml", "json", "yaml", "yml"}

// File is one locale's message file.
type File struct {
	Tag      string
	Path     string // relative to the campaign folder
	Messages map[string]*i18n.Message
	lines    map[string]int
	src      []byte
	Pseudo   bool // a built-in pseudo-locale, derived from the source (see pseudo.go)
}

// Line returns the 1-based line where message id is defined, or 0.
func (f *File) Line(id string) int { return f.lines[id] }

// Data returns the file as it was read (nil for a pseudo-locale): for a
// tool that rewrites it and keeps what the parsed messages lose, such as
// comments.
func (f *File) Data() []byte { return f.src }

// IDs returns the file's message ids in the order the file lists them.
func (f *File) IDs() []string {
	ids := slices.Collect(maps.Keys(f.Messages))
	slices.SortFunc(ids, func(a, b string) int {
		if la, lb := f.Line(a), f.Line(b); la != lb {
			return la - lb
		}
		return strings.Compare(a, b)
	})
	return ids
}

// Catalog holds the message files of a campaign, parsed once.
type Catalog struct {
	Source string
	bundle *i18n.Bundle
	files  map[string]*File
	loc    map[string]*i18n.Localizer
}

// Load reads the message files of the source locale and tags from
// dir (usually "locales") in fsys. Problems with the files come back as a
// diag.List error naming file:line:col where the parser knows it.
func Load(fsys fs.FS, dir, source string, tags []string) (*Catalog, error) {
	src, err := language.Parse(source)
	if err != nil {
		return nil, fmt.Errorf("source locale %q: %w", source, err)
	}
	b := i18n.NewBundle(src)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	b.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	b.RegisterUnmarshalFunc("yml", yaml.Unmarshal)
	c := &Catalog{Source: source, bundle: b, files: map[string]*File{}, loc: map[string]*i18n.Localizer{}}
	all := append([]string{source}, tags...)
	var l diag.List
	for _, tag := range all {
		if _, ok := c.files[tag]; ok {
			continue
		}
		if IsPseudo(tag) {
			if c.files[source] == nil {
				continue // derived from the source, whose error is reported
			}
			f, err := addPseudo(b, tag, c.files[source])
			if err != nil {
				l.Add(diag.Diagnostic{Severity: diag.Error, Msg: fmt.Sprintf("pseudo-locale %s: %v", tag, err)})
				continue
			}
			c.files[tag] = f
			c.loc[tag] = i18n.NewLocalizer(b, tag)
			continue
		}
		f, d := loadFile(fsys, dir, tag, b)
		if d != nil {
			l.Add(*d)
			continue
		}
		c.files[tag] = f
		c.loc[tag] = i18n.NewLocalizer(b, tag)
	}
	if err := l.Err(); err != nil {
		return nil, err
	}
	return c, nil
}

func loadFile(fsys fs.FS, dir, tag string, b *i18n.Bundle) (*File, *diag.Diagnostic) {
	var found []string
	for _, ext := range Formats {
		p := path.Join(dir, tag+"."+ext)
		if _, err := fs.Stat(fsys, p); err == nil {
			found = append(found, p)
		}
	}
	switch len(found) {
	case 0:
		return nil, &diag.Diagnostic{Severity: diag.Error, File: path.Join(dir, tag+".toml"),
			Msg:  fmt.Sprintf("locale %s: expected a message file %s/%s.toml (or .json, .yaml, .yml), found none", tag, dir, tag),
			Hint: fmt.Sprintf("add %s/%s.toml with the translated messages, or stop listing %s in campaign.yaml", dir, tag, tag)}
	case 1:
	default:
		return nil, &diag.Diagnostic{Severity: diag.Error, File: found[0],
			Msg:  fmt.Sprintf("locale %s: expected one message file, found %d (%s)", tag, len(found), strings.Join(found, ", ")),
			Hint: "keep one of them"}
	}
	p := found[0]
	if st, err := fs.Stat(fsys, p); err == nil && st.Size() > MaxFileBytes {
		return nil, &diag.Diagnostic{Severity: diag.Error, File: p,
			Msg:  fmt.Sprintf("expected a message file of at most %d KB, found %d KB", MaxFileBytes>>10, st.Size()>>10),
			Hint: "a campaign's messages fit in a few kilobytes; is this the right file?"}
	}
	buf, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, &diag.Diagnostic{Severity: diag.Error, File: p, Msg: fmt.Sprintf("cannot read the message file: %v", err)}
	}
	if path.Ext(p) == ".json" {
		if key, off, dup := duplicateJSONKey(buf); dup {
			line, col := offsetPos(buf, int(off))
			return nil, &diag.Diagnostic{Severity: diag.Error, File: p, Line: line, Col: col,
				Msg:  fmt.Sprintf("expected each message id once, found %q again", key),
				Hint: "JSON keeps only the last of two entries with one id: merge them into one"}
		}
	}
	mf, err := b.ParseMessageFileBytes(buf, p)
	if err != nil {
		d := syntaxError(err, buf)
		d.File = p
		return nil, &d
	}
	f := &File{Tag: tag, Path: p, Messages: map[string]*i18n.Message{}, lines: lineIndex(buf, path.Ext(p)), src: buf}
	for _, m := range mf.Messages {
		f.Messages[m.ID] = m
	}
	return f, nil
}

// syntaxError turns a parser's error into a diagnostic with the line and
// column where the parser stopped, when it says.
func syntaxError(err error, buf []byte) diag.Diagnostic {
	d := diag.Diagnostic{Severity: diag.Error}
	var pe toml.ParseError
	var je *json.SyntaxError
	var ye *yaml.TypeError
	switch {
	case errors.As(err, &pe):
		d.Line, d.Col = pe.Position.Line, pe.Position.Col
		d.Msg = "invalid TOML: " + pe.Message
		if strings.Contains(pe.Message, "newline") {
			d.Hint = `close the string with " on the same line, or write text of several lines between """ and """`
		}
	case errors.As(err, &je):
		d.Line, d.Col = offsetPos(buf, int(je.Offset))
		d.Msg = "invalid JSON: " + je.Error()
	case errors.As(err, &ye):
		d.Msg = "invalid message file: " + strings.Join(ye.Errors, "; ")
	default:
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if rest, ok := strings.CutPrefix(msg, "line "); ok {
			if i := strings.Index(rest, ":"); i > 0 {
				if n, err := strconv.Atoi(rest[:i]); err == nil {
					d.Line = n
					msg = strings.TrimSpace(rest[i+1:])
				}
			}
		}
		d.Msg = "invalid message file: " + msg
	}
	return d
}

// offsetPos returns the 1-based line and column (in runes) of byte offset
// off in buf.
func offsetPos(buf []byte, off int) (line, col int) {
	off = min(max(off, 0), len(buf))
	before := buf[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	if i := bytes.LastIndexByte(before, '\n'); i >= 0 {
		before = before[i+1:]
	}
	return line, len([]rune(string(before))) + 1
}

var (
	tomlHeader = regexp.MustCompile(`^\s*\[\s*"?([^"\]]+)"?\s*\]`)
	yamlKey    = regexp.MustCompile(`^"?([^"\s:#]+)"?\s*:`)
	jsonKey    = regexp.MustCompile(`^\s*"([^"]+)"\s*:\s*\{`)
)

// lineIndex finds the line of each top-level message id in a message file.
func lineIndex(buf []byte, ext string) map[string]int {
	out := map[string]int{}
	for i, line := range bytes.Split(buf, []byte("\n")) {
		var m [][]byte
		switch ext {
		case ".toml":
			m = tomlHeader.FindSubmatch(line)
		case ".json":
			m = jsonKey.FindSubmatch(line)
		default:
			m = yamlKey.FindSubmatch(line)
		}
		if m != nil {
			if _, seen := out[string(m[1])]; !seen {
				out[string(m[1])] = i + 1
			}
		}
	}
	return out
}

// Locate returns the 1-based line and column in the file of form[start:end],
// a piece of one of message id's forms (as parsed, so escapes are resolved).
// It looks inside the message's definition, from its header to the next,
// for the piece with up to 24 bytes of the text before it, so that the same
// words in a description do not match; then for the piece alone. ok is false
// when neither is found (the caller can fall back to Line).
func (f *File) Locate(id, form string, start, end int) (line, col int, ok bool) {
	from := max(0, start-24)
	for from < start && !utf8.RuneStart(form[from]) {
		from++
	}
	if line, col, ok := f.find(id, form[from:end]); ok {
		return line, col + utf8.RuneCountInString(form[from:start]), true
	}
	return f.find(id, form[start:end])
}

// find returns the position of text inside message id's definition.
func (f *File) find(id, text string) (line, col int, ok bool) {
	first := f.lines[id]
	if first == 0 || text == "" {
		return 0, 0, false
	}
	lines := bytes.Split(f.src, []byte("\n"))
	next := len(lines) + 1
	for _, l := range f.lines {
		if l > first && l < next {
			next = l
		}
	}
	for i := first; i < next && i <= len(lines); i++ {
		if k := bytes.Index(lines[i-1], []byte(text)); k >= 0 {
			return i, utf8.RuneCount(lines[i-1][:k]) + 1, true
		}
	}
	return 0, 0, false
}

// File returns the message file of tag.
func (c *Catalog) File(tag string) *File { return c.files[tag] }

// FallbackError says a message is missing in a locale and would come from
// the source language.
type FallbackError struct {
	Tag, ID, File string
}

func (e *FallbackError) Error() string {
	return fmt.Sprintf("%s: message %q is missing in %s; it would fall back to the source language", e.File, e.ID, e.Tag)
}

// Text renders message id in locale tag with data; count, when not nil,
// chooses the plural form and is available as {{.Count}}. A message missing
// in tag gives a *FallbackError (the source text is still returned, for
// callers that allow fallback).
func (c *Catalog) Text(tag, id string, data map[string]any, count *int) (string, error) {
	src := c.files[c.Source]
	if _, ok := src.Messages[id]; !ok {
		return "", fmt.Errorf("%s: the source locale has no message %q", src.Path, id)
	}
	loc, ok := c.loc[tag]
	if !ok {
		return "", fmt.Errorf("locale %s was not loaded", tag)
	}
	if f := c.files[tag]; tag != c.Source && f.Messages[id] == nil {
		// go-i18n would answer with the source text and an error of its
		// own; say plainly that this is a fallback.
		s, err := c.Text(c.Source, id, data, count)
		if err != nil {
			return "", err
		}
		return s, &FallbackError{Tag: tag, ID: id, File: f.Path}
	}
	cfg := &i18n.LocalizeConfig{MessageID: id, TemplateData: data, TemplateParser: dataParser{}}
	if count != nil {
		cfg.PluralCount = *count
	}
	s, got, err := loc.LocalizeWithTag(cfg)
	f := c.files[tag]
	var ue *UnresolvedError
	if errors.As(err, &ue) {
		return "", fmt.Errorf("%s:%d: message %q: %w (defined: %s)", f.Path, f.Line(id), id, err, strings.Join(slices.Sorted(maps.Keys(data)), ", "))
	}
	if err != nil {
		return "", fmt.Errorf("%s:%d: message %q: %w", f.Path, f.Line(id), id, err)
	}
	if _, ok := f.Messages[id]; !ok || got.String() != tag && tag != c.Source {
		return s, &FallbackError{Tag: tag, ID: id, File: f.Path}
	}
	return s, nil
}

// Variables returns the template variables ({{.Name}}) a message's forms
// use, sorted: the first name of each placeholder's path. The error is
// the first form's that is not text and placeholders (see Placeholders).
func Variables(m *i18n.Message) ([]string, error) {
	set := map[string]bool{}
	for _, form := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
		phs, err := Placeholders(form, m.LeftDelim, m.RightDelim)
		if err != nil {
			return nil, err
		}
		for _, p := range phs {
			set[p.Path[0]] = true
		}
	}
	return slices.Sorted(maps.Keys(set)), nil
}

// LoadEach is Load for a build or check that goes on without the locales
// whose message file does not load: it returns those files' problems by
// tag. An error means the source's file does not load, which fails every
// locale.
func LoadEach(fsys fs.FS, dir, source string, tags []string) (*Catalog, map[string]diag.List, error) {
	cat, err := Load(fsys, dir, source, tags)
	if err == nil {
		return cat, nil, nil
	}
	if _, err := Load(fsys, dir, source, nil); err != nil {
		return nil, nil, err
	}
	broken := map[string]diag.List{}
	var good []string
	for _, t := range tags {
		if _, err := Load(fsys, dir, source, []string{t}); err != nil {
			broken[t] = diag.AsList(err)
			continue
		}
		good = append(good, t)
	}
	cat, err = Load(fsys, dir, source, good)
	return cat, broken, err
}

// duplicateJSONKey finds the first key written twice in one object of a
// JSON file: encoding/json keeps the last in silence, so a message id
// given twice would lose its first translation unseen. off is the byte
// offset of the second key's start.
func duplicateJSONKey(buf []byte) (key string, off int64, dup bool) {
	type frame struct {
		keys    map[string]bool // nil for an array
		wantKey bool
	}
	var stack []*frame
	valueDone := func() {
		if n := len(stack); n > 0 && stack[n-1].keys != nil {
			stack[n-1].wantKey = true
		}
	}
	dec := json.NewDecoder(bytes.NewReader(buf))
	for {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			return "", 0, false // the parser reports a syntax error itself
		}
		switch t := tok.(type) {
		case json.Delim:
			if t == '{' || t == '[' {
				f := &frame{}
				if t == '{' {
					f.keys, f.wantKey = map[string]bool{}, true
				}
				stack = append(stack, f)
				continue
			}
			stack = stack[:len(stack)-1]
			valueDone()
		default:
			if n := len(stack); n > 0 && stack[n-1].keys != nil && stack[n-1].wantKey {
				k, _ := t.(string)
				if stack[n-1].keys[k] {
					return k, start + int64(bytes.IndexByte(buf[start:], '"')), true
				}
				stack[n-1].keys[k], stack[n-1].wantKey = true, false
				continue
			}
			valueDone()
		}
	}
}
