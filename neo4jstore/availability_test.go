package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

func TestConnectivityFailuresAreUnavailable(t *testing.T) {
	handshake := errors.New("none of the server offered Bolt versions are supported (offered: [])")
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
	tests := []mapErrorCase{
		{"HandshakeWithAStartingServer", handshake, aspnet.CodeUnavailable},
		{"HandshakeAfterRetries", &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{handshake}}, aspnet.CodeUnavailable},
		{"HandshakeCombined", fmt.Errorf("error %v occurred after previous error %w", io.EOF, handshake), aspnet.CodeUnavailable},
		{"NoVersionAccepted", errors.New("server did not accept any of the requested Bolt versions ([]bolt.protocolVersion{})"), aspnet.CodeUnavailable},
		{"Refused", refused, aspnet.CodeUnavailable},
		{"Reset", fmt.Errorf("read: %w", syscall.ECONNRESET), aspnet.CodeUnavailable},
		{"EOF", io.EOF, aspnet.CodeUnavailable},
		{"UnexpectedEOF", fmt.Errorf("reading a chunk: %w", io.ErrUnexpectedEOF), aspnet.CodeUnavailable},
		{"SocketDeadline", fmt.Errorf("read: %w", os.ErrDeadlineExceeded), aspnet.CodeUnavailable},
		{"PoolTimeoutAfterRetries", &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{&neo4j.ConnectivityError{Inner: errors.New("Timeout while waiting for connection")}}}, aspnet.CodeUnavailable},
		{"DatabaseStarting", &neo4j.Neo4jError{Code: "Neo.TransientError.General.DatabaseUnavailable", Msg: "starting"}, aspnet.CodeUnavailable},
		{"GateDown", errNeo4jDown, aspnet.CodeUnavailable},
		{"Warming", errWarming, aspnet.CodeUnavailable},
		{"ConstraintIsInternal", &neo4j.Neo4jError{Code: "Neo.ClientError.Schema.ConstraintValidationFailed", Msg: "exists"}, aspnet.CodeInternal},
		{"UsageIsInternal", &neo4j.UsageError{Message: "bad parameter"}, aspnet.CodeInternal},
		{"PlainBugIsInternal", errors.New("decoding a school: no key"), aspnet.CodeInternal},
		{"ProtocolTextIsInternal", errors.New("Bolt is mentioned, but nothing failed to connect"), aspnet.CodeInternal},
	}
	checkMapError(t, tests)
}

func TestClientCancellationIsNeitherInternalNorUnavailable(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	conn := &neo4j.ConnectivityError{Inner: context.Canceled}
	got := mapError(ctx, conn)
	if !errors.Is(got, context.Canceled) {
		t.Errorf("%v does not say the request was canceled", got)
	}
	var app *aspnet.Error
	if errors.As(got, &app) {
		t.Errorf("a cancelled request became %s", app.Code)
	}
}

// freeBoltPort returns a loopback port where nothing listens.
func freeBoltPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	_ = l.Close()
	return port
}

// TestStatementsFailFastWhileNeo4jIsAway points a store at a port where no Neo4j listens: the
// first statement fails with SERVICE_UNAVAILABLE within 2 s, and once the store knows, every
// statement and ping fails at once.
func TestStatementsFailFastWhileNeo4jIsAway(t *testing.T) {
	s, err := Open(Config{URI: "bolt://127.0.0.1:" + strconv.Itoa(freeBoltPort(t)), Username: "neo4j", Password: "unused"})
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = s.Close(context.Background()) }()
	ctx := context.Background()
	start := time.Now()
	_, err = s.read(ctx, query("all_networks"), nil)
	if code := aspnet.ErrorCode(err); code != aspnet.CodeUnavailable || time.Since(start) > 2*time.Second {
		t.Fatalf("first read: %s after %v (%v); want SERVICE_UNAVAILABLE within 2 s", code, time.Since(start), err)
	}
	deadline := time.Now().Add(2 * time.Second)
	for !s.avail.isDown() && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if !s.avail.isDown() {
		t.Fatal("the store did not learn that Neo4j is away")
	}
	for i := range 20 {
		start := time.Now()
		var err error
		if i%2 == 0 {
			_, err = s.read(ctx, query("all_key_areas"), nil)
		} else {
			err = s.writeOne(ctx, query("write_country"), map[string]any{"name": "Nowhere"})
		}
		if code := aspnet.ErrorCode(err); code != aspnet.CodeUnavailable || time.Since(start) > 50*time.Millisecond {
			t.Errorf("statement %d while down: %s after %v; want SERVICE_UNAVAILABLE at once", i, code, time.Since(start))
		}
	}
	start = time.Now()
	if err := s.Ping(ctx); err == nil || time.Since(start) > 50*time.Millisecond {
		t.Errorf("ping while down: %v after %v", err, time.Since(start))
	}
}

// openReal opens a store on the Neo4j the tests run against.
func openReal(t *testing.T) *Store {
	t.Helper()
	uri := os.Getenv("NEO4J_URI")
	if uri == "" {
		t.Fatal("NEO4J_URI is not set: run the tests with `make test`, which starts a local Neo4j")
	}
	user := os.Getenv("NEO4J_USERNAME")
	if user == "" {
		user = "neo4j"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s, err := New(ctx, Config{URI: uri, Username: user, Password: os.Getenv("NEO4J_PASSWORD"), Database: os.Getenv("NEO4J_DATABASE")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	return s
}
