package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Every flag of every command is explained in words in that command's
// --help, so a new flag cannot ship undocumented.
func TestEveryFlagExplained(t *testing.T) {
	var walk func(c *cobra.Command)
	n := 0
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		if c.Hidden || c.Name() == "completion" || c.HasParent() && c.Parent().Name() == "completion" {
			return // cobra's own shell-completion commands
		}
		var out bytes.Buffer
		root := newRoot(&out, &out)
		root.SetArgs(append(strings.Fields(strings.TrimPrefix(c.CommandPath(), "handbill")), "--help"))
		if err := root.Execute(); err != nil {
			t.Fatalf("%s --help: %v", c.CommandPath(), err)
		}
		help := out.String()
		if len(strings.Fields(c.Short)) < 3 {
			t.Errorf("%s: short description %q says too little", c.CommandPath(), c.Short)
		}
		check := func(f *pflag.Flag) {
			n++
			if f.Hidden {
				t.Errorf("%s --%s is hidden", c.CommandPath(), f.Name)
				return
			}
			if len(strings.Fields(f.Usage)) < 2 {
				t.Errorf("%s --%s: usage %q says too little", c.CommandPath(), f.Name, f.Usage)
			}
			if !strings.Contains(help, "--"+f.Name) || !strings.Contains(help, f.Usage) {
				t.Errorf("%s --help does not explain --%s", c.CommandPath(), f.Name)
			}
		}
		c.LocalFlags().VisitAll(check)
		c.InheritedFlags().VisitAll(check)
	}
	walk(newRoot(&bytes.Buffer{}, &bytes.Buffer{}))
	if n < 6 {
		t.Errorf("checked %d flags; expected at least the 6 of build", n)
	}
}
