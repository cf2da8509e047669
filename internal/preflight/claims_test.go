package preflight

import (
	"encoding/json"
	"testing"
)

// TestStandardJSON: a standard reads back from the phrase the manifest
// keeps, and a phrase that is none of them is an error.
func TestStandardJSON(t *testing.T) {
	for _, s := range []Standard{
		{},
		{Conformance: PDFUA1},
		{Conformance: PDFX4, Condition: "FOGRA39"},
		{Conformance: NotPDFX, Why: NoProfile},
		{Conformance: NotPDFX, Why: RGBImages},
	} {
		data, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		var back Standard
		if err := json.Unmarshal(data, &back); err != nil || back != s {
			t.Errorf("%s: read back %+v, %v; want %+v", data, back, err, s)
		}
	}
	var s Standard
	if err := json.Unmarshal([]byte(`"PDF/A-2b"`), &s); err == nil {
		t.Error(`"PDF/A-2b" was read as a standard`)
	}
	if got := (Standard{Conformance: PDFX4, Condition: "FOGRA39"}).String(); got != "PDF/X-4 (FOGRA39)" {
		t.Errorf("String: %q", got)
	}
}
