package auth

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/time/rate"
)

// DefaultJWKSRefresh is how often the keys of a JWKS are fetched again.
const DefaultJWKSRefresh = time.Hour

// JWKS holds the public keys of a JSON Web Key Set served over HTTP, for RS256 and ES256
// tokens. The keys are cached, fetched again every refresh interval and, at most once a
// minute, when a token names a key ID the cache does not hold (a rotated key).
type JWKS struct {
	keys keyfunc.Keyfunc
}

// NewJWKS fetches the key set at url and keeps it fresh until ctx ends. A set that cannot be
// fetched yet is not an error: it is logged, and tokens fail to verify until a fetch
// succeeds. A refresh below one second means DefaultJWKSRefresh.
func NewJWKS(ctx context.Context, url string, refresh time.Duration, log *slog.Logger) (*JWKS, error) {
	if refresh < time.Second {
		refresh = DefaultJWKSRefresh
	}
	kf, err := keyfunc.NewDefaultOverrideCtx(ctx, []string{url}, keyfunc.Override{
		Client:      &http.Client{Timeout: 5 * time.Second},
		HTTPTimeout: 5 * time.Second,
		// A token with an unknown key ID fetches the set again at most once a minute, and
		// never holds a request up waiting for its turn.
		RefreshUnknownKID: rate.NewLimiter(rate.Every(time.Minute), 1),
		RateLimitWaitMax:  time.Millisecond,
		RefreshInterval:   refresh,
		RefreshErrorHandlerFunc: func(u string) func(context.Context, error) {
			return func(ctx context.Context, err error) {
				log.WarnContext(ctx, "fetching the JWKS failed; tokens it signs cannot be verified until a fetch succeeds", "url", u, "error", err.Error())
			}
		},
	})
	if err != nil {
		return nil, fmt.Errorf("JWKS %s: %w", url, err)
	}
	return &JWKS{keys: kf}, nil
}

// key returns the key that verifies t: the one its kid names, or every key of the set.
func (j *JWKS) key(ctx context.Context, t *jwt.Token) (any, error) {
	if j == nil {
		return nil, errors.New("no JWKS is configured")
	}
	return j.keys.KeyfuncCtx(ctx)(t)
}
