// Package edit changes a campaign folder for the translator workflow: it
// writes a new locale's message file from the source (locale.go) and edits
// campaign.yaml in place to list a locale or record its review
// (campaign.go), touching only the text it must so that comments and
// layout stay as the author wrote them. It sits beside check, which
// reports on what it writes; the CLI's locale commands call both.
package edit

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// The translator workflow edits campaign.yaml in place: it registers a new
// locale and records reviews. It changes only the text of the locales list
// (found through the YAML node tree, which knows lines and columns), so
// comments, order and layout elsewhere stay as the author wrote them.

// localesNode returns the locales sequence of campaign.yaml.
func localesNode(src []byte) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("campaign.yaml: %w", err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("campaign.yaml: expected a mapping")
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "locales" {
			seq := root.Content[i+1]
			if seq.Kind != yaml.SequenceNode {
				return nil, fmt.Errorf("campaign.yaml:%d:%d: locales: expected a list", seq.Line, seq.Column)
			}
			return seq, nil
		}
	}
	return nil, fmt.Errorf("campaign.yaml: no locales list")
}

// itemTag returns the tag of a locales item: a bare tag or {tag: …}.
func itemTag(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		return n.Value
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == "tag" {
				return n.Content[i+1].Value
			}
		}
	}
	return ""
}

// lineStarts returns the byte offset of each line (0-based index).
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, b := range src {
		if b == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// offset converts a node's 1-based line and column (in runes) to a byte
// offset.
func offset(src []byte, starts []int, line, col int) int {
	off := starts[line-1]
	for c := 1; c < col && off < len(src) && src[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(src[off:])
		off += size
	}
	return off
}

// span returns the byte range of a locales item in src.
func span(src []byte, starts []int, n *yaml.Node) (int, int) {
	start := offset(src, starts, n.Line, n.Column)
	switch {
	case n.Kind == yaml.MappingNode && n.Style&yaml.FlowStyle != 0:
		return start, matchBrace(src, start)
	case n.Kind == yaml.MappingNode:
		last := maxLine(n)
		end := len(src)
		if last < len(starts) {
			end = starts[last] - 1 // the newline ending the last line
		}
		return start, end
	}
	// A scalar: quoted, or up to a separator or comment.
	end := start
	if end < len(src) && (src[end] == '"' || src[end] == '\'') {
		q := src[end]
		end++
		for end < len(src) && src[end] != q {
			if src[end] == '\\' && q == '"' {
				end++
			}
			end++
		}
		return start, min(end+1, len(src))
	}
	for end < len(src) && !bytes.ContainsAny(src[end:end+1], ",]}#\n") {
		end++
	}
	for end > start && src[end-1] == ' ' {
		end--
	}
	return start, end
}

func matchBrace(src []byte, start int) int {
	depth := 0
	var quote byte
	for i := start; i < len(src); i++ {
		c := src[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return len(src)
}

func maxLine(n *yaml.Node) int {
	m := n.Line
	for _, c := range n.Content {
		m = max(m, maxLine(c))
	}
	return m
}

// AddLocale returns campaign.yaml with tag appended to its locales as
// {tag: TAG}: listed, and not reviewed. It reports whether the tag was
// already listed (then src comes back unchanged).
func AddLocale(src []byte, tag string) ([]byte, bool, error) {
	seq, err := localesNode(src)
	if err != nil {
		return nil, false, err
	}
	for _, it := range seq.Content {
		if itemTag(it) == tag {
			return src, true, nil
		}
	}
	entry := fmt.Sprintf("{tag: %s}", tag)
	starts := lineStarts(src)
	if seq.Style&yaml.FlowStyle != 0 || len(seq.Content) == 0 {
		open := offset(src, starts, seq.Line, seq.Column)
		if open >= len(src) || src[open] != '[' {
			return nil, false, fmt.Errorf("campaign.yaml:%d:%d: locales: expected a list like [en-GB, pl]", seq.Line, seq.Column)
		}
		end := matchBrace(src, open) - 1 // the ]
		sep := ", "
		if len(seq.Content) == 0 {
			sep = ""
		}
		out := append([]byte{}, src[:end]...)
		out = append(out, sep+entry...)
		return append(out, src[end:]...), false, nil
	}
	last := seq.Content[len(seq.Content)-1]
	first := seq.Content[0]
	// The dash and indentation of the first item, for the new line.
	lineStart := starts[first.Line-1]
	prefix := string(src[lineStart:offset(src, starts, first.Line, first.Column)])
	if strings.TrimSpace(prefix) != "-" {
		return nil, false, fmt.Errorf("campaign.yaml:%d: locales: expected one item per line, like \"  - pl\"", first.Line)
	}
	at := len(src)
	if l := maxLine(last); l < len(starts) {
		at = starts[l]
	}
	out := append([]byte{}, src[:at]...)
	if len(out) > 0 && out[len(out)-1] != '\n' {
		out = append(out, '\n')
	}
	out = append(out, prefix+entry+"\n"...)
	return append(out, src[at:]...), false, nil
}

// RecordReview returns campaign.yaml with the review of tag written into
// its locales entry: reviewed_by, reviewed_on and the source hash it was
// reviewed against. Other fields of the entry are replaced.
func RecordReview(src []byte, tag, by string, on time.Time, sourceHash string) ([]byte, error) {
	seq, err := localesNode(src)
	if err != nil {
		return nil, err
	}
	for _, it := range seq.Content {
		if itemTag(it) != tag {
			continue
		}
		starts := lineStarts(src)
		start, end := span(src, starts, it)
		name, err := yaml.Marshal(by)
		if err != nil {
			return nil, err
		}
		entry := fmt.Sprintf("{tag: %s, reviewed_by: %s, reviewed_on: %s, source_hash: %s}",
			tag, strings.TrimSpace(string(name)), on.Format(time.DateOnly), sourceHash)
		out := append([]byte{}, src[:start]...)
		out = append(out, entry...)
		return append(out, src[end:]...), nil
	}
	return nil, fmt.Errorf("campaign.yaml: locale %s is not listed under locales", tag)
}
