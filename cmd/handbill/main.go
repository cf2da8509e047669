// Command handbill typesets a campaign's multilingual leaflets and posters.
// See internal/cli.
package main

import (
	"os"

	"github.com/handbill/handbill/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
