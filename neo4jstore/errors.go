package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"strings"
	"syscall"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

// mapError turns driver errors that mean "Neo4j cannot be reached" into SERVICE_UNAVAILABLE
// and the end of the request's time into TIMEOUT (the driver may report the latter as a
// failure to connect, hence the look at ctx). A request whose client went away (its context
// cancelled) gives an error that wraps context.Canceled, and is no failure of the service.
// Everything else stays internal.
func mapError(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, errNeo4jDown) {
		return fmt.Errorf("%w: %w", aspnet.Errorf(aspnet.CodeUnavailable, "the graph database is unavailable; try again shortly"), err)
	}
	if errors.Is(context.Cause(ctx), errNeo4jDown) {
		// Cancelled by the availability gate, not by the client.
		return fmt.Errorf("%w: %w: %w", aspnet.Errorf(aspnet.CodeUnavailable, "the graph database is unavailable; try again shortly"), errNeo4jDown, err)
	}
	if errors.Is(ctx.Err(), context.Canceled) {
		return fmt.Errorf("%w: %w", context.Canceled, err)
	}
	if errors.Is(err, errWarming) {
		return fmt.Errorf("%w: %w", aspnet.Errorf(aspnet.CodeUnavailable, "the graph database is starting; try again shortly"), err)
	}
	var mapped *aspnet.Error
	if errors.As(err, &mapped) {
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%w: %w", aspnet.Errorf(aspnet.CodeTimeout, "the request took longer than its time limit; ask for less"), err)
	}
	if msg, ok := inputRefusal(err); ok {
		return fmt.Errorf("%w: %w", aspnet.Errorf(aspnet.CodeBadUserInput, "%s", msg), err)
	}
	if unavailable(err) {
		return fmt.Errorf("%w: %w", aspnet.Errorf(aspnet.CodeUnavailable, "the graph database is unavailable; try again shortly"), err)
	}
	return err
}

// inputRefusal reports whether err is Neo4j refusing what the request asked of it, rather
// than failing, and says so for the client: a full-text query with more clauses than Lucene
// allows or that Lucene cannot parse, a regular expression or fuzzy term Lucene finds too
// broad, or a transaction that needs more memory than one transaction may have
// (db.memory.transaction.max; the whole database's pool running out is no fault of the
// request, and stays unavailable). The store's text searches refuse what they can in Go first
// (aspnet.CheckSearchText); this is the backstop for what only Neo4j can tell.
func inputRefusal(err error) (string, bool) {
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) {
		for _, e := range limit.Errors {
			if msg, ok := inputRefusal(e); ok {
				return msg, true
			}
		}
		return "", false
	}
	var n4j *neo4j.Neo4jError
	if !errors.As(err, &n4j) {
		return "", false
	}
	switch {
	case n4j.Code == "Neo.ClientError.Procedure.ProcedureCallFailed" && strings.Contains(n4j.Msg, "TooManyClauses"):
		return "the search has more terms than the full-text index can match at once; search for fewer words", true
	case n4j.Code == "Neo.ClientError.Procedure.ProcedureCallFailed" && strings.Contains(n4j.Msg, "queryparser"):
		return "the full-text index cannot read the search; search for plain words", true
	case n4j.Code == "Neo.ClientError.Procedure.ProcedureCallFailed" &&
		(strings.Contains(n4j.Msg, "TooComplexToDeterminize") || strings.Contains(n4j.Msg, "maxDeterminizedStates")):
		return "the search's pattern is too broad for the full-text index; search for plain words", true
	case strings.HasPrefix(n4j.Code, "Neo.TransientError.General.") && strings.Contains(n4j.Msg, "db.memory.transaction.max"):
		return "the request needs more of the graph database's memory than one request may have; ask for less (fewer items or fields)", true
	}
	return "", false
}

// unavailable reports whether err means Neo4j could not be reached, or could not serve yet:
// the driver's connectivity errors (refused, reset, end of stream, time-outs of a socket, no
// connection from the pool in time, no routing table), Neo4j's transient errors, the errors
// of a Bolt handshake with a server that is starting (which the driver does not type), and
// plain network errors. The driver reports a managed transaction that ran out of retries as a
// TransactionExecutionLimit, which holds the errors of its attempts without wrapping them, so
// those are looked at one by one.
func unavailable(err error) bool {
	if err == nil {
		return false
	}
	var conn *neo4j.ConnectivityError
	if errors.As(err, &conn) || neo4j.IsRetryable(err) {
		return true
	}
	var limit *neo4j.TransactionExecutionLimit
	if errors.As(err, &limit) {
		for _, e := range limit.Errors {
			if unavailable(e) {
				return true
			}
		}
		return false
	}
	var n4j *neo4j.Neo4jError
	if errors.As(err, &n4j) {
		return strings.HasPrefix(n4j.Code, "Neo.TransientError.") ||
			n4j.Code == "Neo.ClientError.Cluster.NotALeader" ||
			n4j.Code == "Neo.ClientError.General.ForbiddenOnReadOnlyDatabase" ||
			n4j.Code == "Neo.ClientError.Database.DatabaseUnavailable"
	}
	var netErr net.Error
	if errors.As(err, &netErr) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.ECONNABORTED) || errors.Is(err, syscall.EPIPE) ||
		errors.Is(err, net.ErrClosed) || errors.Is(err, os.ErrDeadlineExceeded) {
		return true
	}
	msg := err.Error()
	for _, m := range handshakeFailures {
		if strings.Contains(msg, m) {
			return true
		}
	}
	return false
}

// handshakeFailures are the driver's untyped errors for a Bolt handshake that a starting
// Neo4j answers with no protocol version, or none the driver speaks.
var handshakeFailures = []string{
	"none of the server offered Bolt versions are supported",
	"server did not accept any of the requested Bolt versions",
}

// wrap annotates *errp with the operation's name, once, where the error leaves a method.
func wrap(errp *error, format string, args ...any) {
	if *errp != nil {
		*errp = fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), *errp)
	}
}
