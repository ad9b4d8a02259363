package localneo4j_test

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aspgraph/aspgraph/localneo4j"
)

// These tests start a real Neo4j. They need java and mvn and fail (not skip) without them.

func launcherDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("launcher")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// syncBuffer collects server output; it is dumped if the test fails.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func start(t *testing.T, dataDir string, port int, password string, log io.Writer) *localneo4j.Server {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	t0 := time.Now()
	s, err := localneo4j.Start(ctx, localneo4j.Options{
		LauncherDir: launcherDir(t),
		DataDir:     dataDir,
		Port:        port,
		Password:    password,
		Log:         log,
		// A JVM that only starts and stops would leave a class data archive without the
		// Cypher planner's classes for every later start.
		NoClassData: true,
	})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Logf("Start (incl. build check) to READY: %s", time.Since(t0).Round(time.Millisecond))
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		_ = s.Stop(ctx)
	})
	return s
}

func stop(t *testing.T, s *localneo4j.Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	t0 := time.Now()
	if err := s.Stop(ctx); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	t.Logf("Stop: %s", time.Since(t0).Round(time.Millisecond))
	if err := s.Stop(ctx); err != nil {
		t.Fatalf("second Stop: %v", err)
	}
	select {
	case <-s.Done():
	default:
		t.Fatal("Done not closed after Stop")
	}
}

var boltMagic = []byte{0x60, 0x60, 0xB0, 0x17}

// handshake performs a Bolt handshake proposing the given versions (each
// 00 RANGE MINOR MAJOR) and returns the server's 4-byte answer.
func handshake(t *testing.T, c net.Conn, proposals ...[4]byte) [4]byte {
	t.Helper()
	msg := append([]byte(nil), boltMagic...)
	for i := 0; i < 4; i++ {
		var p [4]byte
		if i < len(proposals) {
			p = proposals[i]
		}
		msg = append(msg, p[:]...)
	}
	if err := c.SetDeadline(time.Now().Add(10 * time.Second)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Write(msg); err != nil {
		t.Fatalf("writing Bolt handshake: %v", err)
	}
	var v [4]byte
	if _, err := io.ReadFull(c, v[:]); err != nil {
		t.Fatalf("reading Bolt handshake answer: %v", err)
	}
	return v
}

func dial(t *testing.T, port int) net.Conn {
	t.Helper()
	c, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), 5*time.Second)
	if err != nil {
		t.Fatalf("connecting to Bolt port %d: %v", port, err)
	}
	return c
}

// checkBolt asserts the server speaks Bolt 4.4 or 5.x.
func checkBolt(t *testing.T, port int) {
	t.Helper()
	c := dial(t, port)
	defer func() { _ = c.Close() }()
	v := handshake(t, c,
		[4]byte{0, 8, 8, 5}, // 5.8 down to 5.0
		[4]byte{0, 2, 4, 4}, // 4.4 down to 4.2
	)
	if v == [4]byte{} {
		t.Fatalf("server refused all proposed Bolt versions")
	}
	major, minor := v[3], v[2]
	if major != 5 && (major != 4 || minor < 2) {
		t.Fatalf("agreed Bolt version % x (%d.%d), want 5.x or 4.2-4.4", v, major, minor)
	}
	t.Logf("agreed Bolt version %d.%d", major, minor)
}

// --- just enough PackStream and Bolt 5.1/5.2 to log in, without the driver ---

func packString(b *bytes.Buffer, s string) {
	switch n := len(s); {
	case n < 16:
		b.WriteByte(0x80 | byte(n))
	case n < 256:
		b.WriteByte(0xD0)
		b.WriteByte(byte(n))
	default:
		b.WriteByte(0xD1)
		_ = binary.Write(b, binary.BigEndian, uint16(n))
	}
	b.WriteString(s)
}

// packStruct1Map encodes a structure with one field, a map of string values.
func packStruct1Map(sig byte, kv ...string) []byte {
	var b bytes.Buffer
	b.WriteByte(0xB1)
	b.WriteByte(sig)
	b.WriteByte(0xA0 | byte(len(kv)/2))
	for _, s := range kv {
		packString(&b, s)
	}
	return b.Bytes()
}

func writeMessage(c net.Conn, msg []byte) error {
	var b bytes.Buffer
	_ = binary.Write(&b, binary.BigEndian, uint16(len(msg)))
	b.Write(msg)
	b.Write([]byte{0, 0})
	_, err := c.Write(b.Bytes())
	return err
}

func readMessage(c net.Conn) ([]byte, error) {
	var msg []byte
	for {
		var n uint16
		if err := binary.Read(c, binary.BigEndian, &n); err != nil {
			return nil, err
		}
		if n == 0 {
			if len(msg) == 0 {
				continue // NOOP chunk
			}
			return msg, nil
		}
		chunk := make([]byte, n)
		if _, err := io.ReadFull(c, chunk); err != nil {
			return nil, err
		}
		msg = append(msg, chunk...)
	}
}

// login returns nil if user neo4j can authenticate with password over Bolt.
func login(t *testing.T, port int, password string) error {
	t.Helper()
	c := dial(t, port)
	defer func() { _ = c.Close() }()
	v := handshake(t, c, [4]byte{0, 1, 2, 5}) // 5.2 or 5.1: HELLO + LOGON, no bolt_agent
	if v[3] != 5 || v[2] < 1 {
		t.Fatalf("agreed Bolt version % x, want 5.1 or 5.2", v)
	}
	steps := []struct {
		name string
		msg  []byte
	}{
		{"HELLO", packStruct1Map(0x01, "user_agent", "localneo4j-test/1.0")},
		{"LOGON", packStruct1Map(0x6A, "scheme", "basic", "principal", localneo4j.User, "credentials", password)},
	}
	for _, st := range steps {
		if err := writeMessage(c, st.msg); err != nil {
			t.Fatalf("sending %s: %v", st.name, err)
		}
		resp, err := readMessage(c)
		if err != nil {
			t.Fatalf("reading reply to %s: %v", st.name, err)
		}
		if len(resp) < 2 {
			t.Fatalf("short reply to %s: % x", st.name, resp)
		}
		switch resp[1] {
		case 0x70: // SUCCESS
		case 0x7F: // FAILURE
			return fmt.Errorf("%s failed: %q", st.name, printable(resp))
		default:
			t.Fatalf("unexpected reply 0x%02x to %s: % x", resp[1], st.name, resp)
		}
	}
	return nil
}

func printable(b []byte) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e {
			return ' '
		}
		return r
	}, string(b))
}

func assertPortClosed(t *testing.T, port int) {
	t.Helper()
	c, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), 2*time.Second)
	if err == nil {
		_ = c.Close()
		t.Fatalf("port %d still accepts connections after Stop", port)
	}
}

func TestStartStopRestart(t *testing.T) {
	log := &syncBuffer{}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("server output:\n%s", log.String())
		}
	})
	dataDir := t.TempDir()
	port, err := localneo4j.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	const pw1, pw2 = "first-password-1", "second-password-2"

	// First start on an empty data dir.
	s := start(t, dataDir, port, pw1, log)
	if want := fmt.Sprintf("bolt://127.0.0.1:%d", port); s.URI() != want {
		t.Fatalf("URI() = %q, want %q", s.URI(), want)
	}
	if s.Port() != port {
		t.Fatalf("Port() = %d, want %d", s.Port(), port)
	}
	checkBolt(t, port)
	if err := login(t, port, pw1); err != nil {
		t.Fatalf("login with the configured password: %v", err)
	}
	if err := login(t, port, "not-the-password"); err == nil {
		t.Fatal("login with a wrong password succeeded")
	} else if !strings.Contains(err.Error(), "Unauthorized") {
		t.Fatalf("login with a wrong password: %v, want an Unauthorized failure", err)
	}
	stop(t, s)
	assertPortClosed(t, port)

	// Restart on the existing data with the same password (Neo4j refuses to "change"
	// a password to itself; the launcher must cope).
	s = start(t, dataDir, port, pw1, log)
	checkBolt(t, port)
	if err := login(t, port, pw1); err != nil {
		t.Fatalf("login after restart: %v", err)
	}
	stop(t, s)
	assertPortClosed(t, port)

	// Restart with a new password: the new one works, the old one no longer does.
	s = start(t, dataDir, port, pw2, log)
	if err := login(t, port, pw2); err != nil {
		t.Fatalf("login with the new password: %v", err)
	}
	if err := login(t, port, pw1); err == nil {
		t.Fatal("login with the old password still works")
	}
	stop(t, s)
	assertPortClosed(t, port)
}

func TestStartPortInUse(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = l.Close() }()
	port := l.Addr().(*net.TCPAddr).Port

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	t0 := time.Now()
	s, err := localneo4j.Start(ctx, localneo4j.Options{
		LauncherDir: launcherDir(t),
		DataDir:     t.TempDir(),
		Port:        port,
	})
	if err == nil {
		_ = s.Stop(ctx)
		t.Fatalf("Start on busy port %d succeeded", port)
	}
	if !strings.Contains(err.Error(), strconv.Itoa(port)) || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("error %q does not say that port %d is in use", err, port)
	}
	if d := time.Since(t0); d > 5*time.Second {
		t.Fatalf("Start took %s to notice the busy port; want it to fail fast", d)
	}
}

func TestStartRequiresDirs(t *testing.T) {
	ctx := context.Background()
	if _, err := localneo4j.Start(ctx, localneo4j.Options{DataDir: t.TempDir()}); err == nil {
		t.Error("Start without LauncherDir succeeded")
	}
	if _, err := localneo4j.Start(ctx, localneo4j.Options{LauncherDir: launcherDir(t)}); err == nil {
		t.Error("Start without DataDir succeeded")
	}
}
