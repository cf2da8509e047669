// Package messages loads a campaign's message files (go-i18n v2 bundles in
// TOML, JSON or YAML) and renders one locale's strings with template data and
// plural forms. Falling back to the source language is never silent: Text
// reports it. It sits after spec and before compose in the pipeline.
package messages

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"text/template/parse"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// Formats are the message file extensions handbill reads, in lookup order.
var Formats = []string{"toml", "json", "yaml", "yml"}

// File is one locale's message file.
type File struct {
	Tag      string
	Path     string // relative to the campaign folder
	Messages map[string]*i18n.Message
	lines    map[string]int
	Pseudo   bool // a built-in pseudo-locale, derived from the source (see pseudo.go)
}

// Line returns the 1-based line where message id is defined, or 0.
func (f *File) Line(id string) int { return f.lines[id] }

// Catalog holds the message files of a campaign, parsed once.
type Catalog struct {
	Source string
	bundle *i18n.Bundle
	files  map[string]*File
	loc    map[string]*i18n.Localizer
}

// Load reads the message files of the source locale and tags from
// dir (usually "locales") in fsys.
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
	var errs []error
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
				errs = append(errs, fmt.Errorf("pseudo-locale %s: %w", tag, err))
				continue
			}
			c.files[tag] = f
			c.loc[tag] = i18n.NewLocalizer(b, tag)
			continue
		}
		f, err := loadFile(fsys, dir, tag, b)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		c.files[tag] = f
		c.loc[tag] = i18n.NewLocalizer(b, tag)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return c, nil
}

func loadFile(fsys fs.FS, dir, tag string, b *i18n.Bundle) (*File, error) {
	var found []string
	for _, ext := range Formats {
		p := path.Join(dir, tag+"."+ext)
		if _, err := fs.Stat(fsys, p); err == nil {
			found = append(found, p)
		}
	}
	switch len(found) {
	case 0:
		return nil, fmt.Errorf("%s/%s.toml: locale %s has no message file (looked for .toml, .json, .yaml)", dir, tag, tag)
	case 1:
	default:
		return nil, fmt.Errorf("%s: locale %s has %d message files; expected one", strings.Join(found, ", "), tag, len(found))
	}
	p := found[0]
	buf, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	mf, err := b.ParseMessageFileBytes(buf, p)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", p, syntaxError(err))
	}
	f := &File{Tag: tag, Path: p, Messages: map[string]*i18n.Message{}, lines: lineIndex(buf, path.Ext(p))}
	for _, m := range mf.Messages {
		f.Messages[m.ID] = m
	}
	return f, nil
}

// syntaxError shortens a parser's message: toml's errors already name the
// line ("toml: line 4 ..."), which the caller prefixes with the file.
func syntaxError(err error) string {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return fmt.Sprintf("%d:%d: invalid TOML: %s", pe.Position.Line, pe.Position.Col, pe.Message)
	}
	return "invalid message file: " + err.Error()
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
	cfg := &i18n.LocalizeConfig{MessageID: id, TemplateData: data}
	if count != nil {
		cfg.PluralCount = *count
	}
	s, got, err := loc.LocalizeWithTag(cfg)
	f := c.files[tag]
	if err != nil {
		return "", fmt.Errorf("%s:%d: message %q: %w", f.Path, f.Line(id), id, err)
	}
	if strings.Contains(s, "<no value>") {
		return "", fmt.Errorf("%s:%d: message %q uses a template variable that is not defined here (defined: %s)", f.Path, f.Line(id), id, strings.Join(keys(data), ", "))
	}
	if _, ok := f.Messages[id]; !ok || got.String() != tag && tag != c.Source {
		return s, &FallbackError{Tag: tag, ID: id, File: f.Path}
	}
	return s, nil
}

// Variables returns the template variables ({{.Name}}) a message's forms
// use, sorted.
func Variables(m *i18n.Message) ([]string, error) {
	set := map[string]bool{}
	for _, form := range []string{m.Zero, m.One, m.Two, m.Few, m.Many, m.Other} {
		if form == "" || !strings.Contains(form, "{{") {
			continue
		}
		trees, err := parse.Parse("m", form, m.LeftDelim, m.RightDelim)
		if err != nil {
			return nil, err
		}
		for _, t := range trees {
			walk(t.Root, set)
		}
	}
	return keys(set), nil
}

func walk(n parse.Node, set map[string]bool) {
	switch v := n.(type) {
	case *parse.ListNode:
		if v == nil {
			return
		}
		for _, c := range v.Nodes {
			walk(c, set)
		}
	case *parse.ActionNode:
		walk(v.Pipe, set)
	case *parse.PipeNode:
		if v == nil {
			return
		}
		for _, c := range v.Cmds {
			walk(c, set)
		}
	case *parse.CommandNode:
		for _, a := range v.Args {
			walk(a, set)
		}
	case *parse.FieldNode:
		set[v.Ident[0]] = true
	case *parse.IfNode:
		walk(v.Pipe, set)
		walk(v.List, set)
		walk(v.ElseList, set)
	case *parse.RangeNode:
		walk(v.Pipe, set)
		walk(v.List, set)
		walk(v.ElseList, set)
	case *parse.WithNode:
		walk(v.Pipe, set)
		walk(v.List, set)
		walk(v.ElseList, set)
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
