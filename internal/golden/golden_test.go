package golden

import (
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	want := "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\n"
	got := "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\nl\n"
	d := Diff("x", want, got)
	exp := `--- x (want)
+++ x (got)
@@ -1,7 +1,7 @@
 a
 b
 c
-d
+D
 e
 f
 g
@@ -9,3 +9,4 @@
 i
 j
 k
+l
`
	if d != exp {
		t.Errorf("Diff:\n%s\nwant:\n%s", d, exp)
	}
	if Diff("x", want, want) != "" {
		t.Error("equal inputs give a diff")
	}
}

// TestDiffMerges: changes closer than twice the context share a hunk.
func TestDiffMerges(t *testing.T) {
	d := Diff("x", "1\n2\n3\n4\n5\n6\n7\n", "1\nB\n3\n4\n5\nF\n7\n")
	if n := strings.Count(d, "@@ -"); n != 1 {
		t.Errorf("%d hunks, want 1:\n%s", n, d)
	}
}

// TestDiffLarge: inputs past the table bound still diff, as a replaced
// middle between the common head and tail.
func TestDiffLarge(t *testing.T) {
	var w, g strings.Builder
	for i := range 5000 {
		w.WriteString("same\n")
		g.WriteString("same\n")
		_ = i
	}
	for i := range 5000 {
		w.WriteString("w" + string(rune('a'+i%26)) + "\n")
		g.WriteString("g" + string(rune('a'+i%26)) + "\n")
	}
	d := Diff("x", w.String(), g.String())
	if !strings.HasPrefix(d, "--- x (want)\n+++ x (got)\n@@ -4998,5003 +4998,5003 @@\n same\n") {
		t.Errorf("large diff starts:\n%.200s", d)
	}
}
