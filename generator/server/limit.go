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
// hold the places of the waiting ones, keep-alive is off from the moment
// a new connection finds 3/4 of the places taken (idle connections are
// closed and each answer closes its own) until one finds half or fewer
// taken. Only arrivals decide: were closing the idle connections allowed
// to turn keep-alive on again, it would do so at once, and a connection
// still answering when the idle ones were closed would stay open. It sets
// srv.ConnState, calling the one srv had.
func LimitConns(srv *http.Server, ln net.Listener, n int) net.Listener {
	var open atomic.Int64
	var off atomic.Bool
	high, low := int64(max(1, n*3/4)), int64(n/2)
	prev := srv.ConnState
	srv.ConnState = func(c net.Conn, s http.ConnState) {
		switch s {
		case http.StateNew:
			switch k := open.Add(1); {
			case k >= high:
				if off.CompareAndSwap(false, true) {
					srv.SetKeepAlivesEnabled(false)
				}
			case k <= low:
				if off.CompareAndSwap(true, false) {
					srv.SetKeepAlivesEnabled(true)
				}
			}
		case http.StateClosed, http.StateHijacked:
			open.Add(-1)
		}
		if prev != nil {
			prev(c, s)
		}
	}
	return netutil.LimitListener(ln, n)
}
