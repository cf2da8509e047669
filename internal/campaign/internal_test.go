package campaign

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/handbill/handbill/internal/decode"
	"github.com/handbill/handbill/internal/diag"
	"github.com/handbill/handbill/internal/messages"
)

// campaign checks that each locale has a message file before messages reads
// them; both must agree on the formats.
func TestMessageExtsMatchMessages(t *testing.T) {
	if !slices.Equal(messageExts, messages.Formats) {
		t.Errorf("spec looks for locales/TAG.%v, messages reads %v", messageExts, messages.Formats)
	}
}

func TestIsoA(t *testing.T) {
	for _, c := range []struct {
		name string
		w, h int
		ok   bool
	}{{"A0", 841, 1189, true}, {"A4", 210, 297, true}, {"a6", 105, 148, true}, {"A10", 26, 37, true}, {"A11", 0, 0, false}, {"B5", 0, 0, false}, {"A", 0, 0, false}} {
		w, h, ok := isoA(c.name)
		if w != c.w || h != c.h || ok != c.ok {
			t.Errorf("isoA(%q) = %d, %d, %v; want %d, %d, %v", c.name, w, h, ok, c.w, c.h, c.ok)
		}
	}
}

// A missing field is reported at the mapping that lacks it, not at line 1.
func TestMissingFieldAtMapping(t *testing.T) {
	src := "# a comment\n\nid: x\nlocales: [en-GB]\nhelplines:\n  - id: a\n    name: n\n    purpose: p\n"
	var l diag.List
	n, ok := decode.Parse("campaign.yaml", []byte(src), &l)
	if !ok {
		t.Fatal(l)
	}
	var cf campaignFile
	decode.Node("campaign.yaml", n, &cf, "", &l)
	if cf.At.Line != 3 || cf.At.Col != 1 {
		t.Errorf("campaign mapping at %d:%d, want 3:1", cf.At.Line, cf.At.Col)
	}
	if h := cf.Helplines[0].At; h.Line != 6 || h.Col != 5 {
		t.Errorf("helpline mapping at %d:%d, want 6:5", h.Line, h.Col)
	}
}

// TestExtendsChain: a chain of seven layouts extending each other is no
// cycle and loads; a real cycle is named as one, with the files in it; a
// chain longer than MaxExtends says so.
func TestExtendsChain(t *testing.T) {
	chain := func(n int, last string) fstest.MapFS {
		fsys := fstest.MapFS{}
		for i := range n {
			ext := fmt.Sprintf("extends: l%d.yaml\n", i+1)
			if i == n-1 {
				ext = last
			}
			fsys[fmt.Sprintf("layouts/l%d.yaml", i)] = &fstest.MapFile{Data: []byte(ext + "description: layer\n")}
		}
		return fsys
	}
	for _, c := range []struct {
		fsys fstest.MapFS
		want string
	}{
		{chain(7, ""), ""},
		{chain(MaxExtends, ""), ""},
		{chain(3, "extends: l0.yaml\n"), "found a cycle: layouts/l0.yaml → layouts/l1.yaml → layouts/l2.yaml → layouts/l0.yaml"},
		{chain(MaxExtends+1, ""), fmt.Sprintf("expected a chain of at most %d layouts", MaxExtends)},
	} {
		var l diag.List
		var lf layoutFile
		var size []scalar
		var base string
		decodeLayoutFile(c.fsys, "layouts/l0.yaml", &lf, &size, &base, &l, nil)
		got := fmt.Sprint(l)
		if c.want == "" && len(l) > 0 || c.want != "" && !strings.Contains(got, c.want) {
			t.Errorf("%d files: %s; want %q", len(c.fsys), got, c.want)
		}
		if strings.Contains(got, "a cycle?") {
			t.Errorf("%d files: %s", len(c.fsys), got)
		}
	}
}
