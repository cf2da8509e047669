// Command national writes the national test campaign (testtool.National):
// the bundled campaign with an areas.csv of made-up areas, for measuring
// a build at national scale with the handbill binary:
//
//	go run ./internal/testtool/national DIR [AREAS]
//
// AREAS defaults to 45 (6,750 PDFs).
package main

import (
	"fmt"
	"os"
	"strconv"

	"github.com/handbill/handbill/internal/testtool"
)

func main() {
	if len(os.Args) < 2 || len(os.Args) > 3 {
		fmt.Fprintln(os.Stderr, "usage: national DIR [AREAS]")
		os.Exit(2)
	}
	n := 45
	if len(os.Args) == 3 {
		var err error
		if n, err = strconv.Atoi(os.Args[2]); err != nil || n < 1 {
			fmt.Fprintf(os.Stderr, "national: AREAS: expected a number of areas from 1, found %q\n", os.Args[2])
			os.Exit(2)
		}
	}
	if err := os.MkdirAll(os.Args[1], 0o755); err != nil {
		fmt.Fprintf(os.Stderr, "national: %v\n", err)
		os.Exit(1)
	}
	if err := testtool.National(os.Args[1], n); err != nil {
		fmt.Fprintf(os.Stderr, "national: %v\n", err)
		os.Exit(1)
	}
}
