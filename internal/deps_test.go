package internal_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// allowed lists, for each internal package, the internal packages it may
// import: imports point down the pipeline (see DESIGN.md). Exporters read
// only the display list.
var allowed = map[string][]string{
	"geom":              {},
	"atomicfile":        {},
	"golden":            {}, // tests only: golden files and their diffs
	"diag":              {},
	"decode":            {"diag"},
	"sfnt":              {},
	"page":              {"geom"},
	"campaign":          {"artwork", "decode", "geom", "diag"},
	"messages":          {"decode", "diag"},
	"fonts":             {"decode", "diag", "page", "sfnt"},
	"typeset":           {"fonts", "page", "geom"},
	"qr":                {"geom", "page"},
	"artwork":           {"geom", "page"},
	"compose":           {"artwork", "diag", "fonts", "geom", "messages", "page", "qr", "campaign", "typeset"},
	"export/pdf":        {"geom", "page", "sfnt"},
	"export/png":        {"geom", "page"},
	"edition":           {"campaign", "fonts", "geom", "messages", "page", "typeset"},
	"preflight":         {"diag", "edition", "geom", "page", "campaign"},
	"build":             {"atomicfile", "compose", "edition", "diag", "export/pdf", "export/png", "fonts", "messages", "page", "preflight", "campaign", "typeset", "geom"},
	"loader":            {"campaign", "compose", "diag", "fonts", "messages"},
	"check":             {"compose", "diag", "fonts", "geom", "loader", "messages", "page", "preflight", "qr", "campaign", "typeset"},
	"serve":             {"build", "compose", "edition", "diag", "export/pdf", "export/png", "fonts", "messages", "page", "campaign", "typeset", "geom", "sfnt"},
	"edit":              {"messages"},
	"starter":           {"atomicfile", "diag", "messages"},
	"cli":               {"*"},
	"testtool":          {"campaign", "loader", "messages", "fonts"},
	"testtool/national": {"testtool"}, // writes the national test campaign for measuring
}

// testAllowed lists, beyond what allowed grants a package, what its tests
// may import. Every test may import its own package (as an external test),
// testtool and golden. The rest are end-to-end tests that need real input from
// further down the pipeline, each reviewed: a new upward import in a test
// fails here until it is added with its reason.
var testAllowed = map[string][]string{
	"check":      {"edit"},                                                            // new locale files round-trip through goi18n with check's goi18n harness
	"campaign":   {"messages", "cli"},                                                 // campaign and messages agree on formats; bad input is judged by the exit code and stderr of the CLI
	"build":      {"loader"},                                                          // end-to-end tests open test campaigns (a CFF font's) as the CLI does
	"typeset":    {"compose"},                                                         // ink_test sets every bundled message as compose would
	"serve":      {"loader"},                                                          // the area benchmark opens the national campaign as serve's command does
	"export/png": {"build", "export/pdf", "fonts", "messages", "campaign", "typeset"}, // real posters, compared with poppler's rendering of the PDF
}

func TestImportsPointDown(t *testing.T) {
	const prefix = "github.com/handbill/handbill/internal/"
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.Contains(path, "testdata") {
			return err
		}
		pkg := filepath.ToSlash(filepath.Dir(path))
		if pkg == "." {
			return nil
		}
		ok, known := allowed[pkg]
		if !known {
			t.Errorf("%s: package %s is not in the allowed-imports table", path, pkg)
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			dep, internal := strings.CutPrefix(p, prefix)
			if !internal || len(ok) == 1 && ok[0] == "*" {
				continue
			}
			found := false
			for _, a := range ok {
				found = found || a == dep
			}
			if strings.HasSuffix(path, "_test.go") {
				found = found || dep == pkg || dep == "testtool" || dep == "golden" || slices.Contains(testAllowed[pkg], dep)
			}
			if !found {
				t.Errorf("%s imports %s: %s may import only %v (its tests also %v)", path, p, pkg, ok, testAllowed[pkg])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
