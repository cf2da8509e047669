package cli

import (
	"context"
	"net/http"
)

// SetServeHooks makes serve wrap its handler with wrap and stop when stop's
// context ends, instead of on a signal, until restore is called.
func SetServeHooks(wrap func(http.Handler) http.Handler, stop func() (context.Context, context.CancelFunc)) (restore func()) {
	old := serveHooks
	serveHooks.handler, serveHooks.stop = wrap, stop
	return func() { serveHooks = old }
}
