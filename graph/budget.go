package graph

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
	"golang.org/x/time/rate"

	"github.com/aspgraph/aspgraph/aspnet"
)

// CodeRateLimited is the code of a request refused because its client has used its budget
// (HTTP 429, with Retry-After).
const CodeRateLimited = "RATE_LIMITED"

// Budget is the fair share of one client: how many of its GraphQL requests may run at once,
// how much of the service's time its requests may take per second, and how many reads of the
// graph database they may make at once. A request beyond either of the first two is refused
// at once with HTTP 429, Retry-After and RATE_LIMITED, having run nothing; reads beyond the
// third wait their turn (aspnet.Share). So one client's heavy or numerous requests cannot
// crowd out everyone else's.
//
// A client is the subject of its verified bearer token, else its address (an IPv6 address
// by its /64, which one host usually holds whole). X-Forwarded-For is not trusted unless the
// peer is one of TrustedProxies: then the client is the rightmost address in it that is not
// itself a trusted proxy (the leftmost ones are whatever the client chose to send).
//
// A request's cost is measured, not estimated: the Neo4j time of its reads (how long each
// held its turn in the client's aspnet.Share). It is charged when the request ends; a client
// in debt (its bucket below zero) is refused until the bucket refills. The complexity limit's
// estimate bounds what one request may ask (statements, search terms, list sizes), not what
// it turns out to cost on this graph and machine, so it cannot stand in. Nor can a request's
// wall time: it includes waiting for an admission slot and for cores that other clients keep
// busy, and charging it would make the victims of a heavy client pay for it.
type Budget struct {
	// Concurrent bounds a client's requests in progress (0: no bound). The client's further
	// requests wait their turn, at most Queue of them and for at most Wait each; past either
	// they are refused.
	Concurrent int
	// Queue bounds a client's requests waiting for their turn.
	Queue int
	// Wait bounds how long a request waits for its client's turn (0: DefaultTimeout).
	Wait time.Duration
	// Reads bounds the graph database reads a client's requests make at once (0: no bound).
	Reads int
	// CostPerSecond is the Neo4j time a client earns per second of wall time (0: no bound).
	CostPerSecond time.Duration
	// Burst is the most Neo4j time a client may save up and spend at once.
	Burst time.Duration
	// Clients bounds how many clients are remembered; the least recently seen is forgotten
	// first (a forgotten client starts again with a full budget).
	Clients int
	// TrustedProxies are the peers whose X-Forwarded-For names the client.
	TrustedProxies []netip.Prefix
}

// DefaultBudget is the budget unless the environment says otherwise (BudgetFromEnv): four
// requests at once (the explorer sends three together; half of the service's default
// admission slots on two cores, so that one client never holds them all) and sixteen waiting
// (a burst of a busy client waits rather than fails), two reads at once (a
// page of nested fields reads a level at a time), and a second of Neo4j time per second, up to
// ten saved up (a request's time limit).
var DefaultBudget = Budget{Concurrent: 4, Queue: 16, Reads: 2, CostPerSecond: time.Second, Burst: 10 * time.Second, Clients: 10000}

// BudgetFromEnv reads the budget from the environment: CLIENT_MAX_CONCURRENT and
// CLIENT_QUEUE (requests in progress and waiting),
// CLIENT_MAX_READS (graph database reads at once), CLIENT_COST_PER_SECOND and CLIENT_COST_BURST (durations of Neo4j time),
// CLIENT_BUDGET_ENTRIES (clients remembered) and TRUSTED_PROXIES (comma-separated addresses
// or CIDR prefixes). Unset variables keep DefaultBudget's values; 0 switches a bound off.
func BudgetFromEnv(getenv func(string) string) (Budget, error) {
	b := DefaultBudget
	e := envReader{getenv: getenv}
	e.num("CLIENT_MAX_CONCURRENT", &b.Concurrent)
	e.num("CLIENT_QUEUE", &b.Queue)
	e.num("CLIENT_MAX_READS", &b.Reads)
	e.dur("CLIENT_COST_PER_SECOND", &b.CostPerSecond)
	e.dur("CLIENT_COST_BURST", &b.Burst)
	e.num("CLIENT_BUDGET_ENTRIES", &b.Clients)
	for _, s := range strings.Split(getenv("TRUSTED_PROXIES"), ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		p, err := netip.ParsePrefix(s)
		if err != nil {
			a, aerr := netip.ParseAddr(s)
			if aerr != nil {
				e.errs = append(e.errs, fmt.Sprintf("TRUSTED_PROXIES: %q is neither an address nor a CIDR prefix", s))
				continue
			}
			p = netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen())
		}
		b.TrustedProxies = append(b.TrustedProxies, p.Masked())
	}
	if b.CostPerSecond > 0 && b.Burst < time.Millisecond {
		e.errs = append(e.errs, "CLIENT_COST_BURST must be at least 1ms when CLIENT_COST_PER_SECOND is set")
	}
	if b.Clients == 0 {
		b.Clients = DefaultBudget.Clients
	}
	return b, e.err()
}

// envReader reads whole numbers and durations from the environment into the variables they
// set, and gathers what is wrong with them.
type envReader struct {
	getenv func(string) string
	errs   []string
}

func (e *envReader) num(name string, p *int) {
	if v := e.getenv(name); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			e.errs = append(e.errs, fmt.Sprintf("%s=%q is not a whole number", name, v))
			return
		}
		*p = n
	}
}

func (e *envReader) dur(name string, p *time.Duration) {
	if v := e.getenv(name); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			e.errs = append(e.errs, fmt.Sprintf("%s=%q is not a duration such as 500ms", name, v))
			return
		}
		*p = d
	}
}

func (e *envReader) err() error {
	if len(e.errs) > 0 {
		return errors.New(strings.Join(e.errs, "; "))
	}
	return nil
}

// LogValue lists the budget for the start-up log.
func (b Budget) LogValue() slog.Value {
	proxies := make([]string, len(b.TrustedProxies))
	for i, p := range b.TrustedProxies {
		proxies[i] = p.String()
	}
	return slog.GroupValue(
		slog.Int("CLIENT_MAX_CONCURRENT", b.Concurrent),
		slog.Int("CLIENT_QUEUE", b.Queue),
		slog.Int("CLIENT_MAX_READS", b.Reads),
		slog.String("CLIENT_COST_PER_SECOND", b.CostPerSecond.String()),
		slog.String("CLIENT_COST_BURST", b.Burst.String()),
		slog.Int("CLIENT_BUDGET_ENTRIES", b.Clients),
		slog.String("TRUSTED_PROXIES", strings.Join(proxies, ",")),
	)
}

// client is what the budget remembers of one client.
type client struct {
	mu      sync.Mutex
	turns   chan struct{} // nil: no bound on requests in progress
	waiting int
	cost    *rate.Limiter // tokens are milliseconds of Neo4j time
	reads   *aspnet.Share // nil: neither bound nor measured
	charged time.Duration // of reads.Held(), what has been charged to cost
}

// Handler applies the budget in front of next, which serves GraphQL: a verified token's
// subject names the client (the caller authentication put in the request's context; a token
// that does not verify counts for nothing, and the request is its address's).
func (b Budget) Handler(next http.Handler) http.Handler {
	if b.Concurrent <= 0 && b.CostPerSecond <= 0 && b.Reads <= 0 {
		return next
	}
	clients, err := lru.New[string, *client](max(b.Clients, 1))
	if err != nil {
		panic(err) // only for a size below 1, which max rules out
	}
	var mu sync.Mutex // makes finding or adding a client one step
	lookup := func(key string) *client {
		mu.Lock()
		defer mu.Unlock()
		if c, ok := clients.Get(key); ok {
			return c
		}
		c := &client{}
		if b.Concurrent > 0 {
			c.turns = make(chan struct{}, b.Concurrent)
		}
		if b.CostPerSecond > 0 {
			perSecond := float64(b.CostPerSecond) / float64(time.Millisecond)
			c.cost = rate.NewLimiter(rate.Limit(perSecond), int(b.Burst/time.Millisecond))
		}
		switch {
		case b.Reads > 0:
			c.reads = aspnet.NewShare(b.Reads)
		case c.cost != nil:
			c.reads = aspnet.NewShare(1 << 16) // to measure, not to bound
		}
		clients.Add(key, c)
		return c
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			next.ServeHTTP(w, r)
			return
		}
		key := b.clientKey(r)
		c := lookup(key)
		now := time.Now()
		c.mu.Lock()
		if c.cost != nil {
			if debt := -c.cost.TokensAt(now); debt >= 0 {
				c.mu.Unlock()
				wait := time.Duration((debt + 1) / float64(c.cost.Limit()) * float64(time.Second))
				rateLimited(w, wait, fmt.Sprintf("this client's requests have used its share of the graph database's time (%s per second); try again later", b.CostPerSecond))
				return
			}
		}
		if c.turns != nil && len(c.turns) == cap(c.turns) && c.waiting >= b.Queue {
			c.mu.Unlock()
			rateLimited(w, time.Second, fmt.Sprintf("this client already has %d requests in progress and %d waiting, its share; wait for them to finish", b.Concurrent, b.Queue))
			return
		}
		c.waiting++
		c.mu.Unlock()
		turn := c.takeTurn(r.Context(), cmp.Or(b.Wait, DefaultTimeout))
		c.mu.Lock()
		c.waiting--
		c.mu.Unlock()
		if !turn {
			if r.Context().Err() == nil {
				rateLimited(w, time.Second, fmt.Sprintf("this client's %d requests in progress, its share, did not finish while this one waited its turn; try again", b.Concurrent))
			}
			return
		}
		defer func() {
			end := time.Now()
			c.mu.Lock()
			defer c.mu.Unlock()
			if c.turns != nil {
				<-c.turns
			}
			if c.cost != nil {
				// Every read of the client's so far not yet charged, whichever request made it.
				held := c.reads.Held()
				ms := int(math.Ceil(float64(held-c.charged) / float64(time.Millisecond)))
				c.charged = held
				// The limiter takes at most its burst at a time, and a debt in instalments.
				for ; ms > 0; ms -= c.cost.Burst() {
					c.cost.ReserveN(end, min(ms, c.cost.Burst()))
				}
			}
		}()
		if c.reads != nil {
			r = r.WithContext(aspnet.WithShare(r.Context(), c.reads))
		}
		next.ServeHTTP(w, r)
	})
}

// takeTurn waits for one of the client's turns, within wait and while ctx lasts.
func (c *client) takeTurn(ctx context.Context, wait time.Duration) bool {
	if c.turns == nil {
		return true
	}
	select {
	case c.turns <- struct{}{}:
		return true
	default:
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case c.turns <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	case <-t.C:
		return false
	}
}

// clientKey names the client of a request, as Budget says.
func (b Budget) clientKey(r *http.Request) string {
	if p := aspnet.CallerFromContext(r.Context()).Principal; p != nil {
		return "sub:" + p.Subject
	}
	addr := peerAddr(r.RemoteAddr)
	if len(b.TrustedProxies) > 0 && b.trusted(addr) {
		hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
		for i := len(hops) - 1; i >= 0; i-- {
			a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
			if err != nil {
				break // a malformed hop: trust nothing to its left
			}
			addr = a.Unmap()
			if !b.trusted(addr) {
				break
			}
		}
	}
	if addr.Is6() {
		p, _ := addr.Prefix(64)
		return "addr:" + p.String()
	}
	return "addr:" + addr.String()
}

func (b Budget) trusted(a netip.Addr) bool {
	for _, p := range b.TrustedProxies {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// peerAddr is the address of a request's peer (RemoteAddr without its port).
func peerAddr(remote string) netip.Addr {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	a, _ := netip.ParseAddr(host)
	return a.Unmap()
}

func rateLimited(w http.ResponseWriter, wait time.Duration, msg string) {
	secs := max(int(math.Ceil(wait.Seconds())), 1)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	w.WriteHeader(http.StatusTooManyRequests)
	_, _ = fmt.Fprintf(w, `{"errors":[{"message":%q,"extensions":{"code":%q,"retryAfter":%d}}]}`+"\n", msg, CodeRateLimited, secs)
}
