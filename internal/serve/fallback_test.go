package serve

import (
	"fmt"
	"testing"

	"github.com/handbill/handbill/internal/messages"
)

// A fallback is recognised however deeply it is wrapped.
func TestAsFallbackUnwraps(t *testing.T) {
	want := &messages.FallbackError{Tag: "pl", ID: "title", File: "locales/pl.toml"}
	for _, err := range []error{want, fmt.Errorf("title: %w", want), fmt.Errorf("site: %w", fmt.Errorf("title: %w", want))} {
		var fb *messages.FallbackError
		if !asFallback(err, &fb) || fb != want {
			t.Errorf("asFallback(%v) = %v, %v", err, fb != nil, fb)
		}
	}
	var fb *messages.FallbackError
	if asFallback(fmt.Errorf("other"), &fb) {
		t.Error("asFallback took another error for a fallback")
	}
}
