package campaign

import "github.com/handbill/handbill/internal/decode"

// scalar and at are the strict decoder's position-carrying types (package
// decode), under the short names the schema structs use.
type (
	scalar = decode.Scalar
	at     = decode.At
)

// posOf returns where s is written, with its field path.
func posOf(s scalar, path string) Pos {
	return Pos{File: s.File, Line: s.Line, Col: s.Col, Path: path}
}
