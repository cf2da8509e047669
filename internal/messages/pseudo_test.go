package messages

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

func TestPseudoLong(t *testing.T) {
	src := "Call {{.Number}} today, {{.Name}}."
	got := PseudoText(PseudoLong, src, "", "")
	if !strings.HasPrefix(got, "[Çáļļ {{.Number}} ţöðáý, {{.Name}}.") || !strings.HasSuffix(got, "]") {
		t.Errorf("PseudoText = %q: want accented words, placeholders kept, in brackets", got)
	}
	lit, plit := Literal(src, "", ""), Literal(got, "", "")
	if n, p := utf8.RuneCountInString(lit), utf8.RuneCountInString(plit)-2; float64(p) < float64(n)*(1+Growth) {
		t.Errorf("pseudo text has %d characters of text for %d in the source: want at least %.0f%% more", p, n, Growth*100)
	}
}

func TestPseudoRTL(t *testing.T) {
	got := PseudoText(PseudoRTL, "Call {{.Number}} now", "", "")
	want := "\u200f\u202eCall\u202c {{.Number}} \u202enow\u202c\u200f"
	if got != want {
		t.Errorf("PseudoText = %q, want %q", got, want)
	}
}

func TestPseudoCustomDelims(t *testing.T) {
	got := PseudoText(PseudoLong, "Hi [[.Name]]", "[[", "]]")
	if !strings.Contains(got, "[[.Name]]") || !strings.HasPrefix(got, "[Ĥî ") {
		t.Errorf("PseudoText = %q: the action must stay as written", got)
	}
}

func TestPseudoFileHasEveryPluralForm(t *testing.T) {
	src := &File{Tag: "en-GB", Path: "locales/en-GB.toml", Messages: map[string]*i18n.Message{
		"n": {ID: "n", One: "one code", Other: "{{.Count}} codes"},
		"s": {ID: "s", Other: "plain"},
	}}
	f, err := pseudoFile(PseudoRTL, src)
	if err != nil {
		t.Fatal(err)
	}
	if got := Forms(f.Messages["n"]); strings.Join(got, " ") != "zero one two few many other" {
		t.Errorf("ar-XB plural message has forms %v, want Arabic's six", got)
	}
	if got := Forms(f.Messages["s"]); strings.Join(got, " ") != "other" {
		t.Errorf("ar-XB plain message has forms %v, want other only", got)
	}
	if h := f.Messages["s"].Hash; h != Hash(src.Messages["s"]) {
		t.Errorf("pseudo message hash %s, want the source's %s", h, Hash(src.Messages["s"]))
	}
}
