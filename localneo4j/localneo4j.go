// Package localneo4j runs a real Neo4j Community 5.26 LTS server as a child process,
// for development and tests, without Docker.
//
// The server is the project's own small Java launcher in localneo4j/launcher/ (built
// with Maven from Maven Central artifacts, see [Build]); it embeds Neo4j and serves Bolt on
// 127.0.0.1 with authentication enabled for the user "neo4j". [Start] builds the
// launcher if needed, starts a JVM and waits until the server accepts Bolt
// connections; [Server.Stop] shuts it down cleanly.
//
// Requirements: a JDK (java, version 17 or 21; JAVA_HOME is honoured) and Maven (mvn)
// on PATH. The first build downloads about 125 MB of jars into ~/.m2.
//
// The child JVM is tied to its parent: on Linux it receives SIGTERM when the parent
// dies (Pdeathsig), and on all platforms it exits when its stdin (a pipe from the
// parent) reaches EOF. Linux's Pdeathsig fires when the OS thread that started the
// child exits; Go only ends threads when a goroutine exits while locked to its thread
// (runtime.LockOSThread), so this matters only for programs doing that.
package localneo4j

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Defaults applied by [Start] to zero-valued [Options] fields.
const (
	DefaultPort         = 7687
	DefaultHeapMB       = 512
	DefaultPageCache    = "256m"
	DefaultPassword     = "aspgraph-dev"
	DefaultReadyTimeout = 120 * time.Second
)

// User is the name of the Neo4j user whose password [Options.Password] sets.
const User = "neo4j"

// launcherClass is the launcher's main class.
const launcherClass = "org.aspgraph.launcher.Launcher"

// Options configures [Start].
type Options struct {
	// LauncherDir is the path of the launcher directory (localneo4j/launcher, holding pom.xml).
	// Required.
	LauncherDir string
	// DataDir is where Neo4j keeps its databases and logs (logs/debug.log). It is
	// created if missing and may be reused across starts. Required.
	DataDir string
	// Port is the Bolt port on 127.0.0.1; 0 means DefaultPort (7687). Use
	// [FreePort] to pick an unused one.
	Port int
	// Password is set for the user "neo4j" on every start, without requiring a
	// change; empty means DefaultPassword. Neo4j requires at least 8 characters.
	// It is passed to the JVM in its environment, never on its command line.
	Password string
	// HeapMB is the JVM heap size in MiB (-Xms and -Xmx); 0 means DefaultHeapMB.
	HeapMB int
	// PageCache is Neo4j's page cache size, e.g. "256m" or "1g"; empty means
	// DefaultPageCache. It is allocated outside the heap.
	PageCache string
	// NoClassData turns off the class data archive (see [Start]), for a JVM that starts
	// cold, as Neo4j's own start scripts would.
	NoClassData bool
	// Log receives Maven's output and the JVM's stdout and stderr, line by line,
	// except the READY line; nil discards them. It is written from other
	// goroutines, one line at a time, until the JVM has exited.
	Log io.Writer
}

// Server is a running Neo4j child process started by [Start].
type Server struct {
	cmd     *exec.Cmd
	port    int
	dataDir string
	uri     string
	out     *sink
	stdin   io.WriteCloser

	done    chan struct{} // closed once the JVM has exited
	waitErr error         // cmd.Wait's result, valid after done is closed

	mu       sync.Mutex
	stopping bool // SIGTERM sent by Stop
}

// FreePort returns a TCP port on 127.0.0.1 that was free a moment ago. Another
// process may take it before it is used, so treat it as a good guess.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("localneo4j: finding a free port: %w", err)
	}
	defer func() { _ = l.Close() }()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Start builds the launcher if needed (see [Build]), starts Neo4j as a child JVM
// and waits until it prints its READY line, i.e. accepts Bolt connections with the
// configured password. The wait is bounded by ctx and, if ctx has no deadline, by
// DefaultReadyTimeout; Maven's build is bounded by ctx only. ctx does not limit the
// server's lifetime: call [Server.Stop]. If the port is already in use, Start fails
// at once with an error naming the port. If the JVM exits or the wait times out, the
// error includes the last lines of the JVM's output.
func Start(ctx context.Context, o Options) (*Server, error) {
	if o.LauncherDir == "" {
		return nil, errors.New("localneo4j: Options.LauncherDir is required")
	}
	if o.DataDir == "" {
		return nil, errors.New("localneo4j: Options.DataDir is required")
	}
	if o.Port == 0 {
		o.Port = DefaultPort
	}
	if o.Port < 0 || o.Port > 65535 {
		return nil, fmt.Errorf("localneo4j: invalid port %d", o.Port)
	}
	if o.HeapMB == 0 {
		o.HeapMB = DefaultHeapMB
	}
	if o.HeapMB < 0 {
		return nil, fmt.Errorf("localneo4j: invalid HeapMB %d", o.HeapMB)
	}
	if o.PageCache == "" {
		o.PageCache = DefaultPageCache
	}
	if o.Password == "" {
		o.Password = DefaultPassword
	}
	launcherDir, err := filepath.Abs(o.LauncherDir)
	if err != nil {
		return nil, fmt.Errorf("localneo4j: %w", err)
	}
	dataDir, err := filepath.Abs(o.DataDir)
	if err != nil {
		return nil, fmt.Errorf("localneo4j: %w", err)
	}

	if err := checkPortFree(o.Port); err != nil {
		return nil, err
	}
	java, err := findJava()
	if err != nil {
		return nil, err
	}
	if err := Build(ctx, launcherDir, o.Log); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("localneo4j: %w", err)
	}

	heap := strconv.Itoa(o.HeapMB) + "m"
	archive, dumpTo := classData(launcherDir, o.NoClassData)
	args := []string{
		"-Xms" + heap, "-Xmx" + heap,
		// One small heap on a small machine: the serial collector has the least
		// footprint and no GC threads; its pauses are short at this heap size.
		"-XX:+UseSerialGC",
		"-XX:+ExitOnOutOfMemoryError",
		"-XX:-OmitStackTraceInFastThrow",
		"-XX:+DisableExplicitGC",
		// From Neo4j's own server defaults: bound per-thread NIO buffer caches and
		// let Netty and the page cache use the JDK internals they expect.
		"-Djdk.nio.maxCachedBufferSize=1024",
		"-Dio.netty.tryReflectionSetAccessible=true",
		"--add-opens=java.base/java.nio=ALL-UNNAMED",
		"--add-opens=java.base/java.io=ALL-UNNAMED",
		"--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
		"-Dlog4j2.disable.jmx=true",
		"-Dfile.encoding=UTF-8",
	}
	switch {
	case archive != "":
		args = append(args, "-XX:SharedArchiveFile="+archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off")
	case dumpTo != "":
		args = append(args, "-XX:ArchiveClassesAtExit="+dumpTo, "-Xlog:cds=off", "-Xlog:cds+dynamic=off")
	}
	args = append(args,
		"-cp", filepath.Join(launcherDir, launcherJar)+string(os.PathListSeparator)+
			filepath.Join(launcherDir, launcherLib, "*"),
		launcherClass,
		"--data", dataDir,
		"--port", strconv.Itoa(o.Port),
		"--pagecache", o.PageCache,
		"--exit-on-stdin-eof",
	)
	cmd := exec.Command(java, args...)
	cmd.Env = append(withoutEnv(os.Environ(), "NEO4J_PASSWORD"), "NEO4J_PASSWORD="+o.Password)
	cmd.SysProcAttr = sysProcAttr()
	cmd.WaitDelay = 5 * time.Second

	s := &Server{
		cmd:     cmd,
		port:    o.Port,
		dataDir: dataDir,
		out:     newSink(o.Log, tailLines),
		done:    make(chan struct{}),
	}
	ready := make(chan string, 1)
	var readyOnce sync.Once
	s.out.filter = func(line string) bool {
		if uri, ok := strings.CutPrefix(line, "READY "); ok && strings.HasPrefix(uri, "bolt://") {
			readyOnce.Do(func() { ready <- strings.TrimSpace(uri) })
			return true
		}
		return false
	}
	cmd.Stdout = s.out.writer()
	cmd.Stderr = s.out.writer()
	if s.stdin, err = cmd.StdinPipe(); err != nil {
		return nil, fmt.Errorf("localneo4j: %w", err)
	}

	started := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("localneo4j: starting %s: %w", java, err)
	}
	go func() {
		s.waitErr = cmd.Wait()
		s.out.flush()
		if dumpTo != "" {
			keepClassData(dumpTo, s.waitErr)
		}
		close(s.done)
	}()

	timeout := time.NewTimer(DefaultReadyTimeout)
	defer timeout.Stop()
	if _, ok := ctx.Deadline(); ok {
		timeout.Stop()
	}
	select {
	case uri := <-ready:
		s.uri = uri
		if want := fmt.Sprintf("bolt://127.0.0.1:%d", o.Port); uri != want {
			s.kill()
			return nil, fmt.Errorf("localneo4j: launcher reported %q, want %q", uri, want)
		}
		return s, nil
	case <-s.done:
		return nil, s.startError(fmt.Errorf("JVM exited before READY: %v", s.waitErr), started)
	case <-ctx.Done():
		s.kill()
		return nil, s.startError(fmt.Errorf("waiting for READY: %w", ctx.Err()), started)
	case <-timeout.C:
		s.kill()
		return nil, s.startError(fmt.Errorf("no READY line within %s", DefaultReadyTimeout), started)
	}
}

// startError decorates a start failure with the port (if it was taken meanwhile),
// the tail of the JVM's output and where Neo4j's own log is.
func (s *Server) startError(err error, started time.Time) error {
	if s.out.contains("Address already in use") {
		err = fmt.Errorf("port %d on 127.0.0.1 is already in use (%v)", s.port, err)
	}
	return fmt.Errorf("localneo4j: starting Neo4j on port %d failed after %s: %w (Neo4j's log: %s)%s",
		s.port, time.Since(started).Round(time.Millisecond), err,
		filepath.Join(s.dataDir, "logs", "debug.log"), s.out.tailText())
}

// kill ends the JVM at once and waits for it.
func (s *Server) kill() {
	_ = s.cmd.Process.Kill()
	<-s.done
}

// URI returns the server's Bolt URI, "bolt://127.0.0.1:PORT".
func (s *Server) URI() string { return s.uri }

// Port returns the server's Bolt port on 127.0.0.1.
func (s *Server) Port() int { return s.port }

// Done returns a channel that is closed when the JVM has exited, whether through
// [Server.Stop] or on its own.
func (s *Server) Done() <-chan struct{} { return s.done }

// Stop shuts the server down cleanly: it sends SIGTERM (Neo4j checkpoints and
// closes its databases, typically within 2 s) and waits for the JVM to exit. If
// ctx ends first, the JVM is killed (SIGKILL) and ctx's error is returned. Stop
// may be called more than once and concurrently; later calls wait for the same exit.
// It returns an error if the JVM had already exited on its own with a failure.
func (s *Server) Stop(ctx context.Context) error {
	s.mu.Lock()
	alreadyStopping := s.stopping
	exited := false
	select {
	case <-s.done:
		exited = true
	default:
	}
	if !alreadyStopping && !exited {
		s.stopping = true
		if err := terminate(s.cmd.Process); err != nil {
			// The process may have exited in between; Wait tells.
			select {
			case <-s.done:
			default:
				_ = s.cmd.Process.Kill()
			}
		}
	}
	stoppedByUs := s.stopping
	s.mu.Unlock()

	select {
	case <-s.done:
	case <-ctx.Done():
		_ = s.cmd.Process.Kill()
		<-s.done
		return fmt.Errorf("localneo4j: Neo4j on port %d did not stop in time and was killed: %w", s.port, ctx.Err())
	}
	if s.waitErr == nil {
		return nil
	}
	var ee *exec.ExitError
	// A JVM ending on SIGTERM exits with 128+15 after running its shutdown hooks.
	if stoppedByUs && errors.As(s.waitErr, &ee) && (ee.ExitCode() == 143 || isTermSignal(ee)) {
		return nil
	}
	return fmt.Errorf("localneo4j: Neo4j on port %d exited: %w%s", s.port, s.waitErr, s.out.tailText())
}

// checkPortFree fails if 127.0.0.1:port cannot be bound.
func checkPortFree(port int) error {
	l, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return fmt.Errorf("localneo4j: port %d on 127.0.0.1 is already in use or not available: %w", port, err)
	}
	return l.Close()
}

// findJava returns $JAVA_HOME/bin/java if it exists, else java from PATH.
func findJava() (string, error) {
	if home := os.Getenv("JAVA_HOME"); home != "" {
		for _, name := range []string{"java", "java.exe"} {
			p := filepath.Join(home, "bin", name)
			if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
				return p, nil
			}
		}
	}
	p, err := exec.LookPath("java")
	if err != nil {
		return "", fmt.Errorf("localneo4j: Java (17 or 21) is required to run Neo4j: %w", err)
	}
	return p, nil
}

// withoutEnv returns env without entries for key.
func withoutEnv(env []string, key string) []string {
	out := make([]string, 0, len(env)+1)
	for _, kv := range env {
		if !strings.HasPrefix(kv, key+"=") {
			out = append(out, kv)
		}
	}
	return out
}

// A freshly started JVM spends its first seconds loading and verifying classes: Neo4j's start,
// and then the first Cypher plans, which load the planner's thousands of classes (4 to 5 s for
// the first plans after a start on a quiet 2-core machine). Java's application class data
// sharing (AppCDS) keeps those classes, parsed and verified, in an archive that a later JVM
// maps instead. The archive is made by a JVM that exits cleanly (Stop) after it has served
// (so it holds the planner's classes too), with -XX:ArchiveClassesAtExit, and used by every
// later start, with -XX:SharedArchiveFile. It lives with the launcher's build
// (target/cds/), as it is valid only for that class path; a JVM that cannot use it (another
// Java, a rebuilt launcher) starts without it.
const classDataDir = "target/cds"

// classData returns the archive to start with, or else where to write one at exit.
func classData(launcherDir string, off bool) (archive, dumpTo string) {
	if off {
		return "", ""
	}
	dir := filepath.Join(launcherDir, classDataDir)
	path := filepath.Join(dir, "neo4j.jsa")
	if fi, err := os.Stat(path); err == nil && fi.Size() > 0 {
		return path, ""
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", ""
	}
	// Each JVM writes an archive of its own, kept only if it exits cleanly.
	f, err := os.CreateTemp(dir, "neo4j-*.jsa.part")
	if err != nil {
		return "", ""
	}
	_ = f.Close()
	_ = os.Remove(f.Name())
	return "", f.Name()
}

// keepClassData makes the archive a JVM wrote at exit the one later starts use, if the JVM
// exited cleanly (a JVM killed writes none, or half of one).
func keepClassData(part string, waitErr error) {
	var ee *exec.ExitError
	clean := waitErr == nil || (errors.As(waitErr, &ee) && (ee.ExitCode() == 143 || isTermSignal(ee)))
	if fi, err := os.Stat(part); clean && err == nil && fi.Size() > 0 {
		_ = os.Rename(part, filepath.Join(filepath.Dir(part), "neo4j.jsa"))
		return
	}
	_ = os.Remove(part)
}
