package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestFormat(t *testing.T) {
	d := Diagnostic{Severity: Error, File: "layouts/a.yaml", Line: 14, Col: 7, Path: "blocks[2].size", Msg: `expected a length like "12pt", found "12"`, Hint: `write "12pt"`}
	want := "layouts/a.yaml:14:7: blocks[2].size: expected a length like \"12pt\", found \"12\"\n\thint: write \"12pt\""
	if d.Error() != want {
		t.Fatalf("got %q", d.Error())
	}
	w := Diagnostic{Severity: Warning, File: "x", Msg: "m"}
	if w.Error() != "x: warning: m" {
		t.Fatalf("got %q", w.Error())
	}
}

func TestListErr(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("empty list is an error")
	}
	l.Add(Diagnostic{Severity: Warning, Msg: "w"})
	if l.Err() != nil {
		t.Fatal("warnings alone are an error")
	}
	l.Errorf("f", 1, 2, "p", "bad %d", 3)
	err := fmt.Errorf("wrap: %w", l.Err())
	got := AsList(err)
	if len(got) != 1 || got[0].Msg != "bad 3" {
		t.Fatalf("AsList = %v", got)
	}
	if len(AsList(errors.New("plain"))) != 1 {
		t.Fatal("plain error not wrapped")
	}
}

func TestSuggest(t *testing.T) {
	if s := Suggest("colr", []string{"color", "align", "box"}); s != "color" {
		t.Fatalf("Suggest = %q", s)
	}
	if s := Suggest("zzzzzz", []string{"color", "box"}); s != "" {
		t.Fatalf("Suggest = %q", s)
	}
}
