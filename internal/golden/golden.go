// Package golden compares test output with a golden file and, when they
// differ, shows a unified diff with context, so a reviewer sees what moved
// and where, not only the first line that differs. It owns the -update flag
// of every test binary that imports it (go test ./internal/PKG -update
// rewrites that package's golden files from the current output). It is for
// tests only and imports nothing internal, so any package's tests may use
// it, including those below testtool in the pipeline.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Update is the -update flag: write golden files instead of comparing.
var Update = flag.Bool("update", false, "rewrite golden files from the current output")

// Context is how many unchanged lines a diff shows around each change.
const Context = 3

// Compare fails t when got differs from the file at path, with a unified
// diff (want → got); with -update it writes got to path instead.
func Compare(t testing.TB, path string, got []byte) {
	t.Helper()
	if *Update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (review, then run the test with -update to accept):\n%s", path, Diff(path, string(want), string(got)))
	}
}

// Diff is a unified diff of want and got, split into lines, with Context
// lines around each change and hunk headers giving line numbers; "" when
// they are equal.
func Diff(name, want, got string) string {
	if want == got {
		return ""
	}
	w, g := lines(want), lines(got)
	ops := editScript(w, g)
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s (want)\n+++ %s (got)\n", name, name)
	for _, h := range hunks(ops) {
		writeHunk(&b, ops[h[0]:h[1]], w, g)
	}
	return b.String()
}

func lines(s string) []string {
	l := strings.SplitAfter(s, "\n")
	if l[len(l)-1] == "" {
		l = l[:len(l)-1]
	}
	return l
}

// op is one step of an edit script: keep w[i] (= g[j]), delete w[i] or
// insert g[j].
type op struct {
	kind byte // ' ', '-', '+'
	i, j int
}

// maxCells bounds the table editScript fills: longer inputs are diffed by
// trimming their common head and tail and listing the middle as replaced.
const maxCells = 16 << 20

// editScript is a shortest edit script from w to g (longest common
// subsequence by dynamic programming over what the common head and tail
// leave).
func editScript(w, g []string) []op {
	var ops []op
	pre := 0
	for pre < len(w) && pre < len(g) && w[pre] == g[pre] {
		ops = append(ops, op{' ', pre, pre})
		pre++
	}
	suf := 0
	for suf < len(w)-pre && suf < len(g)-pre && w[len(w)-1-suf] == g[len(g)-1-suf] {
		suf++
	}
	ops = append(ops, middle(w[pre:len(w)-suf], g[pre:len(g)-suf], pre)...)
	for k := suf; k > 0; k-- {
		ops = append(ops, op{' ', len(w) - k, len(g) - k})
	}
	return ops
}

// middle diffs the differing middle parts, whose first lines are at index
// off in both inputs.
func middle(w, g []string, off int) []op {
	n, m := len(w), len(g)
	var ops []op
	if n*m > maxCells {
		for i := range w {
			ops = append(ops, op{'-', off + i, off})
		}
		for j := range g {
			ops = append(ops, op{'+', off + n, off + j})
		}
		return ops
	}
	// lcs[i][j] is the length of the longest common subsequence of w[i:]
	// and g[j:].
	lcs := make([][]int32, n+1)
	for i := range lcs {
		lcs[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if w[i] == g[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && w[i] == g[j]:
			ops = append(ops, op{' ', off + i, off + j})
			i, j = i+1, j+1
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, op{'-', off + i, off + j})
			i++
		default:
			ops = append(ops, op{'+', off + i, off + j})
			j++
		}
	}
	return ops
}

// hunks groups the changes of ops, each with Context unchanged lines
// around it, into [start, end) ranges of ops.
func hunks(ops []op) [][2]int {
	var out [][2]int
	for k := 0; k < len(ops); k++ {
		if ops[k].kind == ' ' {
			continue
		}
		start := max(0, k-Context)
		end := k
		for end < len(ops) {
			if ops[end].kind != ' ' {
				end++
				continue
			}
			run := end
			for run < len(ops) && ops[run].kind == ' ' {
				run++
			}
			if run == len(ops) || run-end > 2*Context {
				end = min(len(ops), end+Context)
				break
			}
			end = run
		}
		out = append(out, [2]int{start, end})
		k = end
	}
	return out
}

func writeHunk(b *strings.Builder, ops []op, w, g []string) {
	var nw, ng int
	for _, o := range ops {
		if o.kind != '+' {
			nw++
		}
		if o.kind != '-' {
			ng++
		}
	}
	fmt.Fprintf(b, "@@ -%d,%d +%d,%d @@\n", ops[0].i+1, nw, ops[0].j+1, ng)
	for _, o := range ops {
		s := ""
		if o.kind == '+' {
			s = g[o.j]
		} else {
			s = w[o.i]
		}
		b.WriteByte(o.kind)
		b.WriteString(strings.TrimSuffix(s, "\n"))
		b.WriteByte('\n')
	}
}
