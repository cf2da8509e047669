package check_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/handbill/handbill/internal/check"
	"github.com/handbill/handbill/internal/loader"
	"github.com/handbill/handbill/internal/testtool"
)

// TestAreasFit checks every area's composition: a force name that is long
// in Polish in one area only fails that area's fit, and the problem names
// the area.
func TestAreasFit(t *testing.T) {
	dir := testtool.AreasDir(t, "yaml")
	pl := filepath.Join(dir, "locales", "pl.toml")
	data, err := os.ReadFile(pl)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("Wydział Garda w hrabstwie Kerry i okolicznych parafiach ", 12)
	data = []byte(strings.Replace(string(data), `"Wydział Garda w hrabstwie Kerry"`, `"`+long+`"`, 1))
	if err := os.WriteFile(pl, data, 0o644); err != nil {
		t.Fatal(err)
	}
	in, err := loader.Open(os.DirFS(dir), loader.Options{Policy: loader.Report})
	if err != nil {
		t.Fatal(err)
	}
	r, err := check.Run(in, check.Options{Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	areas := map[string]int{}
	var over []check.Problem
	for _, lr := range r.Locales {
		for _, f := range lr.Fits {
			areas[f.Area]++
		}
		for _, p := range lr.Problems {
			if p.Kind == check.KindFit {
				over = append(over, p)
			}
		}
	}
	if areas["leeds"] == 0 || areas["north-kerry"] == 0 || areas[""] != 0 {
		t.Errorf("fits by area %v, want both areas' and no campaign's", areas)
	}
	if len(over) != 1 || over[0].Area != "north-kerry" || !strings.HasPrefix(over[0].Text, `area "north-kerry": `) {
		t.Fatalf("fit problems %+v, want one of north-kerry", over)
	}
}
