package aspnet_test

import (
	"context"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/aspnet"
)

// TestSharesStack: a read under two shares (a client's of two reads, then one of a single
// read that several requests share) takes a turn in each; a second such read waits for the
// single turn, and gives up when its context ends; the time of a read is added to both shares
// from when it held them all.
func TestSharesStack(t *testing.T) {
	client, heavy := aspnet.NewShare(2), aspnet.NewShare(1)
	ctx := aspnet.WithShare(aspnet.WithShare(context.Background(), client), heavy)
	leave, err := aspnet.EnterShare(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if _, err := aspnet.EnterShare(wctx); err == nil {
		t.Fatal("a second read entered a share of one read that the first holds")
	}
	// The client's second turn, taken while the other read waited, was given back.
	octx, ocancel := context.WithTimeout(context.Background(), time.Second)
	defer ocancel()
	other, err := aspnet.EnterShare(aspnet.WithShare(octx, client))
	if err != nil {
		t.Fatalf("the client's second turn was kept by a read that gave up: %v", err)
	}
	defer other()
	time.Sleep(10 * time.Millisecond)
	leave()
	if client.Held() < 10*time.Millisecond || heavy.Held() != client.Held() {
		t.Errorf("held: client %s, heavy %s; want the read's time, at least 10ms, in both", client.Held(), heavy.Held())
	}
	if _, err := aspnet.EnterShare(aspnet.WithShare(context.Background(), heavy)); err != nil {
		t.Errorf("the single turn was not given back: %v", err)
	}
}
