package campaign

// areas.csv: the areas as a spreadsheet keeps them. UTF-8 (a leading
// byte-order mark, as spreadsheets write it, is allowed), one header row
// naming the columns, one row per area; an empty cell overrides nothing.
// The columns:
//
//	id, name                       the area's id and name (required)
//	name.message                   the message id of a translated name, in place of name
//	data.NAME, data.NAME.message   a data: value, or the message id of a translated one
//	helplines.ID.FIELD             FIELD of helpline ID: number, name, purpose, e164 or dial
//	region                         the phone region (ISO 3166, like GB)
//	emergency                      emergency numbers, separated by spaces
//	partners.N.src, partners.N.alt the Nth partner logo (N from 1) and its alt message
//
// Every cell becomes a scalar at its row and column, so that an error in
// it says areas.csv:LINE:COL as an error in YAML does.

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/handbill/handbill/internal/diag"
)

// csvColumns are the column names of areas.csv, with NAME, ID and N
// where a column names a data value, helpline or partner.
var csvColumns = []string{"id", "name", "name.message", "data.NAME", "data.NAME.message",
	"helplines.ID.number", "helplines.ID.name", "helplines.ID.purpose", "helplines.ID.e164", "helplines.ID.dial", "helplines.ID.url",
	"region", "emergency", "partners.N.src", "partners.N.alt"}

// readAreasCSV reads areas.csv into areaFiles.
func readAreasCSV(c *Campaign, l *diag.List) []areaFile {
	src, err := readLimited(c.FS, AreasCSV, MaxFileBytes)
	if err != nil {
		l.Add(diag.Errorf(AreasCSV, 0, 0, "", "cannot read the areas file: %v", err))
		return nil
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(src))
	r.FieldsPerRecord = 0 // every row as long as the header
	header, err := r.Read()
	if err != nil {
		csvError(l, err, "expected a header row naming the columns, like id,name,helplines.hub.number")
		return nil
	}
	setters, ok := csvHeader(header, r, l)
	if !ok {
		return nil
	}
	var out []areaFile
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			csvError(l, err, "each row has one cell per column of the header; quote a cell holding a comma")
			return out
		}
		line, _ := r.FieldPos(0)
		af := areaFile{At: at{File: AreasCSV, Line: line, Col: 1}}
		for i, cell := range rec {
			if cell = strings.TrimSpace(cell); cell == "" {
				continue
			}
			ln, col := r.FieldPos(i)
			s := scalar{V: cell, File: AreasCSV, Line: ln, Col: col, Set: true}
			if !utf8.ValidString(cell) {
				s.Errorf(l, header[i], "expected UTF-8 text, found bytes that are not")
				continue
			}
			setters[i](&af, s)
		}
		out = append(out, af)
	}
	if len(out) == 0 {
		l.Add(diag.Errorf(AreasCSV, 1, 1, "", "expected a row per area below the header, found none"))
	}
	return out
}

// csvError reports an error of the CSV reader at its line and column.
func csvError(l *diag.List, err error, hint string) {
	d := diag.Errorf(AreasCSV, 1, 1, "", "expected CSV (comma-separated, UTF-8), found %v", err)
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		d = diag.Errorf(AreasCSV, pe.Line, pe.Column, "", "expected CSV (comma-separated, UTF-8): %v", pe.Err)
	}
	if errors.Is(err, io.EOF) {
		d.Msg = "expected a header row naming the columns, found an empty file"
	}
	d.Hint = hint
	l.Add(d)
}

// cellSetter puts one cell's value into an area.
type cellSetter func(*areaFile, scalar)

// csvHeader returns a setter per column of the header, reporting unknown
// and repeated columns.
func csvHeader(header []string, r *csv.Reader, l *diag.List) ([]cellSetter, bool) {
	setters := make([]cellSetter, len(header))
	first := map[string]int{}
	ok := true
	for i, h := range header {
		h = strings.TrimSpace(h)
		line, col := r.FieldPos(i)
		s := scalar{V: h, File: AreasCSV, Line: line, Col: col, Set: true}
		if j, seen := first[h]; seen {
			s.Errorf(l, h, "expected each column once, found %q again (first in column %d)", h, j+1)
			ok = false
			continue
		}
		first[h] = i
		set, err := csvColumn(h)
		if set == nil {
			d := s.Diag(h, "expected a column like %s, found %q%s", strings.Join(csvColumns, ", "), h, err)
			d.Hint = diag.DidYouMean(h, csvColumns)
			l.Add(d)
			ok = false
			continue
		}
		setters[i] = set
	}
	if _, has := first["id"]; !has && ok {
		l.Add(diag.Errorf(AreasCSV, 1, 1, "", "missing column \"id\": expected the area ids in a column headed id"))
		ok = false
	}
	return setters, ok
}

// csvColumn returns the setter of the column named h, or nil and what is
// wrong with it ("" when it is like no column).
func csvColumn(h string) (cellSetter, string) {
	parts := strings.Split(h, ".")
	switch {
	case h == "id":
		return func(a *areaFile, s scalar) { a.ID = s }, ""
	case h == "name":
		return func(a *areaFile, s scalar) { a.Name.Value = s }, ""
	case h == "name.message":
		return func(a *areaFile, s scalar) { a.Name.Message = s }, ""
	case h == "region":
		return func(a *areaFile, s scalar) { a.Region = s }, ""
	case h == "emergency":
		return csvEmergency, ""
	case parts[0] == "data" && (len(parts) == 2 || len(parts) == 3 && parts[2] == "message"):
		return csvData(parts[1], len(parts) == 3), ""
	case parts[0] == "helplines" && len(parts) == 3:
		return csvHelpline(parts[1], parts[2])
	case parts[0] == "partners" && len(parts) == 3:
		return csvPartner(parts[1], parts[2])
	}
	return nil, ""
}

// csvEmergency splits a cell of emergency numbers at spaces.
func csvEmergency(a *areaFile, s scalar) {
	for _, f := range strings.Fields(s.V) {
		a.Emergency = append(a.Emergency, scalar{V: f, File: s.File, Line: s.Line, Col: s.Col, Set: true})
	}
}

// csvData is the setter of a data.NAME or data.NAME.message column.
func csvData(name string, message bool) cellSetter {
	return func(a *areaFile, s scalar) {
		if a.Data == nil {
			a.Data = map[string]dataFile{}
		}
		d := a.Data[name]
		d.At = at{File: s.File, Line: s.Line, Col: s.Col}
		if message {
			d.Message = s
		} else {
			d.Value = s
		}
		a.Data[name] = d
	}
}

// csvHelpline is the setter of a helplines.ID.FIELD column.
func csvHelpline(id, field string) (cellSetter, string) {
	if !idPattern.MatchString(id) {
		return nil, fmt.Sprintf(" (%q is not a helpline id)", id)
	}
	pick := map[string]func(*helplineFile) *scalar{
		"number":  func(h *helplineFile) *scalar { return &h.Number },
		"name":    func(h *helplineFile) *scalar { return &h.Name },
		"purpose": func(h *helplineFile) *scalar { return &h.Purpose },
		"e164":    func(h *helplineFile) *scalar { return &h.E164 },
		"dial":    func(h *helplineFile) *scalar { return &h.Dial },
		"url":     func(h *helplineFile) *scalar { return &h.URL },
	}[field]
	if pick == nil {
		return nil, fmt.Sprintf(" (a helpline has number, name, purpose, e164, dial and url, not %q)", field)
	}
	return func(a *areaFile, s scalar) {
		if a.Helplines == nil {
			a.Helplines = map[string]helplineFile{}
		}
		h, ok := a.Helplines[id]
		if !ok {
			h.At = at{File: s.File, Line: s.Line, Col: s.Col}
		}
		*pick(&h) = s
		a.Helplines[id] = h
	}, ""
}

// csvPartner is the setter of a partners.N.src or partners.N.alt column.
func csvPartner(n, field string) (cellSetter, string) {
	i, err := strconv.Atoi(n)
	if err != nil || i < 1 || i > 64 {
		return nil, fmt.Sprintf(" (%q is not a partner number from 1)", n)
	}
	if field != "src" && field != "alt" {
		return nil, fmt.Sprintf(" (a partner has src and alt, not %q)", field)
	}
	return func(a *areaFile, s scalar) {
		for len(a.Partners) < i {
			a.Partners = append(a.Partners, partnerFile{At: at{File: s.File, Line: s.Line, Col: s.Col}})
		}
		if field == "src" {
			a.Partners[i-1].Src = variants{defaultVariant: s}
		} else {
			a.Partners[i-1].Alt = s
		}
	}, ""
}
