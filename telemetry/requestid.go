package telemetry

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"regexp"

	"github.com/aspgraph/aspgraph/aspnet"
)

var goodRequestID = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// RequestIDs gives each request an ID, for the domain's RequestIDFromContext: the caller's
// X-Request-ID when it is sane, a random one otherwise. The ID is echoed in the response's
// X-Request-ID header.
func RequestIDs(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-ID")
		if !goodRequestID.MatchString(id) {
			b := make([]byte, 8)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-ID", id)
		next.ServeHTTP(w, r.WithContext(aspnet.NewContextWithRequestID(r.Context(), id)))
	})
}
