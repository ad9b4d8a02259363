// Package hostile holds the pieces of hostile HTTP clients that the slow-client tests and the
// clientcost tool share: raw requests, a request whose answer is large, and dialling from a
// loopback address of one's own with a small receive buffer.
package hostile

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Request is a raw HTTP/1.1 POST of body to /query.
func Request(body string) string {
	return "POST /query HTTP/1.1\r\nHost: aspgraph\r\nContent-Type: application/json\r\nContent-Length: " +
		strconv.Itoa(len(body)) + "\r\n\r\n" + body
}

// BigAnswer asks for 20 aliased copies of the schema's types: some 900 KB of answer, so that
// a client that pipelines a few and reads nothing fills the sockets' buffers (up to 4 MiB on
// Linux) and blocks the server's write.
var BigAnswer = func() string {
	var q strings.Builder
	q.WriteString(`{"query":"{ `)
	for i := range 20 {
		fmt.Fprintf(&q, "t%d: __schema { types { name description fields { name description args { name description } } } } ", i)
	}
	q.WriteString(`}"}`)
	return q.String()
}()

// Dial connects to addr from the loopback address local (127.x.y.z), so that each client has
// an address of its own as on the internet; with smallReceive, its socket's receive buffer is
// 4 KiB, so that what it does not read soon stops the server's writes.
func Dial(local, addr string, smallReceive bool) (net.Conn, error) {
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}, Timeout: 5 * time.Second}
	if smallReceive {
		d.Control = func(_, _ string, rc syscall.RawConn) error {
			return rc.Control(func(fd uintptr) { _ = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096) })
		}
	}
	return d.Dial("tcp", addr)
}
