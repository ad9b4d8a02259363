package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/aspgraph/aspgraph/aspnet"
)

func TestMapError(t *testing.T) {
	conn := &neo4j.ConnectivityError{Inner: errors.New("dial tcp 127.0.0.1:7687: connect: connection refused")}
	tests := []mapErrorCase{
		{"ConnectivityIsUnavailable", conn, aspnet.CodeUnavailable},
		{"WrappedConnectivityIsUnavailable", fmt.Errorf("Store.All: %w", conn), aspnet.CodeUnavailable},
		{"RetriesExhaustedOnConnectivityIsUnavailable", &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{conn, conn}}, aspnet.CodeUnavailable},
		{"RetriesExhaustedOnOtherIsInternal", &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{errors.New("syntax")}}, aspnet.CodeInternal},
		{"TooManyClausesIsBadUserInput", &neo4j.Neo4jError{Code: "Neo.ClientError.Procedure.ProcedureCallFailed", Msg: "Failed to invoke procedure `db.index.fulltext.queryNodes`: Caused by: org.apache.lucene.search.IndexSearcher$TooManyClauses: maxClauseCount is set to 1024"}, aspnet.CodeBadUserInput},
		{"LuceneSyntaxIsBadUserInput", &neo4j.Neo4jError{Code: "Neo.ClientError.Procedure.ProcedureCallFailed", Msg: "Caused by: org.apache.lucene.queryparser.classic.ParseException: Encountered \"<EOF>\""}, aspnet.CodeBadUserInput},
		{"TooBroadPatternIsBadUserInput", &neo4j.Neo4jError{Code: "Neo.ClientError.Procedure.ProcedureCallFailed", Msg: "Caused by: org.apache.lucene.util.automaton.TooComplexToDeterminizeException"}, aspnet.CodeBadUserInput},
		{"TransactionMemoryIsBadUserInput", &neo4j.Neo4jError{Code: "Neo.TransientError.General.MemoryPoolOutOfMemoryError", Msg: "The allocation of an extra 2.0 MiB would use more than the limit 10.0 MiB. Currently using 9.0 MiB. db.memory.transaction.max threshold reached"}, aspnet.CodeBadUserInput},
		{"RetriedTransactionMemoryIsBadUserInput", &neo4j.TransactionExecutionLimit{Cause: "timeout", Errors: []error{&neo4j.Neo4jError{Code: "Neo.TransientError.General.MemoryPoolOutOfMemoryError", Msg: "db.memory.transaction.max threshold reached"}}}, aspnet.CodeBadUserInput},
		{"DatabaseMemoryIsUnavailable", &neo4j.Neo4jError{Code: "Neo.TransientError.General.MemoryPoolOutOfMemoryError", Msg: "dbms.memory.transaction.total.max threshold reached"}, aspnet.CodeUnavailable},
		{"OtherProcedureFailureIsInternal", &neo4j.Neo4jError{Code: "Neo.ClientError.Procedure.ProcedureCallFailed", Msg: "There is no such fulltext schema index: aspgraph_search"}, aspnet.CodeInternal},
		{"SyntaxErrorIsInternal", &neo4j.Neo4jError{Code: "Neo.ClientError.Statement.SyntaxError", Msg: "bad"}, aspnet.CodeInternal},
	}
	expired, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	if code := aspnet.ErrorCode(mapError(expired, conn)); code != aspnet.CodeTimeout {
		t.Errorf("a failure after the deadline: code %s, want TIMEOUT", code)
	}
	checkMapError(t, tests)
	if mapError(context.Background(), nil) != nil {
		t.Error("nil became an error")
	}
}

// mapErrorCase is an error and the code mapError must give it.
type mapErrorCase struct {
	name string
	err  error
	want aspnet.Code
}

// checkMapError checks that mapError gives each case its code and keeps the cause.
func checkMapError(t *testing.T, tests []mapErrorCase) {
	t.Helper()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := mapError(context.Background(), tc.err)
			if code := aspnet.ErrorCode(got); code != tc.want {
				t.Errorf("code %s, want %s", code, tc.want)
			}
			if !errors.Is(got, tc.err) {
				t.Error("the cause is lost: internal logs need it")
			}
		})
	}
}
