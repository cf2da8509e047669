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

// TestSuggest pins handbill's one did-you-mean rule.
func TestSuggest(t *testing.T) {
	for _, c := range []struct {
		s, want string
		have    []string
	}{
		{"colr", "color", []string{"color", "align", "box"}},
		{"zzzzzz", "", []string{"color", "box"}},
		{"famlies", "families", []string{"fallback", "families", "scripts"}},
		{"pl-PL", "pl", []string{"en-GB", "pl", "ro"}},
		{"poster", "poster-a4", []string{"poster-a4", "leaflet-a5"}},
		{"emergncy", "emergency", []string{"body", "emergency"}},
		{"old.slogan", "", []string{"help.scan", "title", "slogan.main"}},
		{"Bleed", "bleed", []string{"bleed", "safe_margin"}},
	} {
		if got := Suggest(c.s, c.have); got != c.want {
			t.Errorf("Suggest(%q, %q) = %q, want %q", c.s, c.have, got, c.want)
		}
	}
	if h := DidYouMean("colr", []string{"color"}); h != `did you mean "color"?` {
		t.Errorf("DidYouMean = %q", h)
	}
}
