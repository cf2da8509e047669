// Package diag carries what handbill tells its users about their input and
// output: a severity, where (file:line:col and a field path), what was
// expected and found, and a hint. Every stage reports through it; the CLI
// prints it. It imports nothing internal.
package diag

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Severity orders diagnostics.
type Severity int

const (
	// Warning is shown but does not fail a build.
	Warning Severity = iota
	// Error fails the input or output it belongs to.
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Diagnostic is one finding. File is relative to the campaign folder where
// possible; Line and Col are 1-based and zero when unknown.
type Diagnostic struct {
	Severity Severity `json:"severity"`
	File     string   `json:"file,omitempty"`
	Line     int      `json:"line,omitempty"`
	Col      int      `json:"col,omitempty"`
	Path     string   `json:"path,omitempty"` // field path such as blocks[2].size
	Msg      string   `json:"message"`
	Hint     string   `json:"hint,omitempty"`
}

// Pos returns "file:line:col" (as much as is known).
func (d Diagnostic) Pos() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	return b.String()
}

// Error formats the diagnostic as `file:line:col: path: message` with a
// `hint:` line when there is one. Warnings say so.
func (d Diagnostic) Error() string {
	var b strings.Builder
	if p := d.Pos(); p != "" {
		b.WriteString(p)
		b.WriteString(": ")
	}
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	if d.Path != "" {
		b.WriteString(d.Path)
		b.WriteString(": ")
	}
	b.WriteString(d.Msg)
	if d.Hint != "" {
		b.WriteString("\n\thint: ")
		b.WriteString(d.Hint)
	}
	return b.String()
}

// List is a set of diagnostics; as an error it is the errors among them.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(d Diagnostic) { *l = append(*l, d) }

// Errorf returns an error diagnostic at file:line:col and field path path.
// It is the one constructor of positioned errors: callers set Hint (often
// to DidYouMean) or Severity on what it returns.
func Errorf(file string, line, col int, path, format string, args ...any) Diagnostic {
	return Diagnostic{Severity: Error, File: file, Line: line, Col: col, Path: path, Msg: fmt.Sprintf(format, args...)}
}

// Errorf appends an error diagnostic.
func (l *List) Errorf(file string, line, col int, path, format string, args ...any) {
	l.Add(Errorf(file, line, col, path, format, args...))
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the errors.
func (l List) Errors() List { return l.only(Error) }

// Warnings returns only the warnings.
func (l List) Warnings() List { return l.only(Warning) }

func (l List) only(sev Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == sev {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders by file, line, column, then message, so output is stable.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Msg < b.Msg
	})
}

// Err returns the list as an error when it holds errors, else nil.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return ListError(l.Errors())
}

// ListError is a List used as an error value.
type ListError List

func (e ListError) Error() string {
	parts := make([]string, len(e))
	for i, d := range e {
		parts[i] = d.Error()
	}
	return strings.Join(parts, "\n")
}

// AsList extracts diagnostics from err: a ListError, a Diagnostic, or any
// other error as one diagnostic without position.
func AsList(err error) List {
	var le ListError
	if errors.As(err, &le) {
		return List(le)
	}
	var d Diagnostic
	if errors.As(err, &d) {
		return List{d}
	}
	return List{{Severity: Error, Msg: err.Error()}}
}

// Suggest returns the candidate closest to s by edit distance, ignoring
// case, when it is a likely typo: fewer than len(s)/3+2 edits (in runes)
// away, or s with a "-" part added or dropped (pl-PL for pl, poster for
// poster-a4). Otherwise it returns "". This is handbill's one did-you-mean
// rule; DidYouMean words it.
func Suggest(s string, candidates []string) string {
	ls := strings.ToLower(s)
	best, bestD := "", utf8.RuneCountInString(s)/3+2
	for _, c := range candidates {
		lc := strings.ToLower(c)
		d := Distance(ls, lc)
		if d >= bestD && (strings.HasPrefix(ls, lc+"-") || strings.HasPrefix(lc, ls+"-")) {
			d = bestD - 1 // a part more or less: closer than a typo limit, not than a typo
		}
		if d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// DidYouMean returns the hint `did you mean "x"?` for the candidate Suggest
// finds, or "" when none is close. Every "did you mean" handbill prints
// follows this one rule.
func DidYouMean(s string, candidates []string) string {
	if c := Suggest(s, candidates); c != "" {
		return fmt.Sprintf("did you mean %q?", c)
	}
	return ""
}

// Unknown returns the error for a value v of a choice (what: "layout",
// "locale") that is none of have, listing them and suggesting the closest.
func Unknown(what, v string, have []string) error {
	d := Errorf("", 0, 0, "", "unknown %s %q; the campaign has %s", what, v, strings.Join(have, ", "))
	d.Hint = DidYouMean(v, have)
	return List{d}.Err()
}

// Distance is the Levenshtein edit distance between a and b, in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Dedup drops repeated diagnostics (a base layout read for two derived
// layouts reports its problems once).
func (l List) Dedup() List {
	seen := map[Diagnostic]bool{}
	var out List
	for _, d := range l {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}

// Plural is one when n is 1 and other otherwise: the English word for a
// count in a message ("1 error", "2 errors").
func Plural(n int, one, other string) string {
	if n == 1 {
		return one
	}
	return other
}

// Some joins the first n items with ", " and says how many more there
// are, so that a message stays one readable line however many items a
// campaign has (a block of 10,000 paragraphs made a 140 KB error line).
func Some(items []string, n int, more string) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more %s", strings.Join(items[:n], ", "), len(items)-n, more)
}
