package server

import (
	"net"
	"net/http"
	"sync/atomic"

	"golang.org/x/net/netutil"
)

// MaxConns is how many connections a server holds at once. Under
// overload (twice what the machine answers, issue 10's load test) the
// clients kept opening connections, 1,000 to 1,900 of them, each with its
// goroutine and buffers: the server's memory grew from 27 to 115 MB
// although the search gate refused at once what it could not answer.
const MaxConns = 256

// LimitConns bounds the connections srv holds on ln to n: more wait in the
// kernel's queue, costing the server nothing, until one closes
// (golang.org/x/net/netutil). So that idle keep-alive connections do not
// hold the places of the waiting ones, keep-alive is off while 3/4 of the
// places are taken (idle connections are closed and each answer closes
// its own), and on again when half are free. It sets srv.ConnState,
// calling the one srv had.
func LimitConns(srv *http.Server, ln net.Listener, n int) net.Listener {
	var open atomic.Int64
	var off atomic.Bool
	high, low := int64(max(1, n*3/4)), int64(n/2)
	prev := srv.ConnState
	srv.ConnState = func(c net.Conn, s http.ConnState) {
		switch s {
		case http.StateNew:
			if open.Add(1) >= high && off.CompareAndSwap(false, true) {
				srv.SetKeepAlivesEnabled(false)
			}
		case http.StateClosed, http.StateHijacked:
			if open.Add(-1) <= low && off.CompareAndSwap(true, false) {
				srv.SetKeepAlivesEnabled(true)
			}
		}
		if prev != nil {
			prev(c, s)
		}
	}
	return netutil.LimitListener(ln, n)
}
