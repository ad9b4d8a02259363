package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/aspgraph/aspgraph/localneo4j"
)

// service is one `aspgraph serve` under attack, as an operator runs it.
type service struct {
	cmd     *exec.Cmd
	base    string // the API, http://127.0.0.1:PORT
	metrics string // METRICS_ADDR, for a build that serves metrics apart
	secret  string
	done    chan struct{}
}

// startService starts bin serving the Neo4j at uri, loading the knowledge graph, with a fresh
// JWT secret, its log in logPath.
func startService(bin, uri, password, logPath string) (*service, error) {
	port, err := localneo4j.FreePort()
	if err != nil {
		return nil, err
	}
	mport, err := localneo4j.FreePort()
	if err != nil {
		return nil, err
	}
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	s := &service{
		base:    "http://127.0.0.1:" + strconv.Itoa(port),
		metrics: "http://127.0.0.1:" + strconv.Itoa(mport),
		secret:  rand.Text() + rand.Text(),
		done:    make(chan struct{}),
	}
	s.cmd = exec.Command(bin, "serve")
	s.cmd.Stdout, s.cmd.Stderr = logFile, logFile
	s.cmd.Env = append(os.Environ(),
		"NEO4J_URI="+uri, "NEO4J_USERNAME=neo4j", "NEO4J_PASSWORD="+password, "NEO4J_DATABASE=neo4j",
		"PORT="+strconv.Itoa(port), "METRICS_ADDR=127.0.0.1:"+strconv.Itoa(mport),
		"JWT_SECRET="+s.secret, "LOAD_DATASET=true")
	if err := s.cmd.Start(); err != nil {
		_ = logFile.Close()
		return nil, err
	}
	go func() { _ = s.cmd.Wait(); _ = logFile.Close(); close(s.done) }()
	return s, nil
}

// stop ends the service (SIGTERM, then SIGKILL after 20 s).
func (s *service) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(20 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// waitReady waits for /readyz to answer 200.
func (s *service) waitReady(within time.Duration) error {
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(s.base + "/readyz"); err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-s.done:
			return errors.New("the service exited before it was ready")
		case <-time.After(200 * time.Millisecond):
		}
	}
	return fmt.Errorf("the service was not ready within %s", within)
}

// clockTick is the unit of /proc/PID/stat's CPU times (USER_HZ, 100 on Linux).
const clockTick = 10 * time.Millisecond

// usage reads the service's CPU time (user and system) and resident memory from /proc.
func (s *service) usage() (cpu time.Duration, rssBytes int64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return 0, 0
	}
	// The command name, in parentheses, may hold spaces: the fields follow the last ')'.
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	if len(f) < 22 {
		return 0, 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	pages, _ := strconv.ParseInt(f[21], 10, 64)
	return time.Duration(utime+stime) * clockTick, pages * int64(os.Getpagesize())
}

// settle waits until the service's CPU use falls under a tenth of a core for half a second
// (work left behind by an attacker that went away), at most within.
func (s *service) settle(within time.Duration, honestRate float64) {
	deadline := time.Now().Add(within)
	prev, _ := s.usage()
	for time.Now().Before(deadline) {
		time.Sleep(500 * time.Millisecond)
		cur, _ := s.usage()
		if float64(cur-prev)/float64(500*time.Millisecond) < 0.1+honestRate {
			return
		}
		prev = cur
	}
}

// clientFrom is an HTTP client whose connections come from the loopback address local
// (127.0.0.0/8 is the machine's own, whole), so that the service sees distinct clients.
func clientFrom(local string, timeout time.Duration) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}, Timeout: 5 * time.Second}
	return &http.Client{Timeout: timeout, Transport: &http.Transport{
		DialContext:         d.DialContext,
		MaxIdleConnsPerHost: 64,
		DisableCompression:  true,
	}}
}

// dialFrom opens a raw connection to the service's API from local, with a receive buffer of
// rcvBuf bytes when it is positive (a client that reads slowly keeps it small).
func (s *service) dialFrom(ctx context.Context, local string, rcvBuf int) (net.Conn, error) {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}, Timeout: 5 * time.Second}
	if rcvBuf > 0 {
		d.Control = func(_, _ string, c syscall.RawConn) error {
			var serr error
			err := c.Control(func(fd uintptr) {
				serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, rcvBuf)
			})
			return errors.Join(err, serr)
		}
	}
	return d.DialContext(ctx, "tcp", strings.TrimPrefix(s.base, "http://"))
}
