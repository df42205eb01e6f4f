package server

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"testing"
	"time"
)

// TestLimitConns checks, by counting connections, that keep-alive turns
// off once 3/4 of the places are taken (the idle connections are closed,
// the answer says Connection: close) and is on while fewer are open.
func TestLimitConns(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })}
	go srv.Serve(LimitConns(srv, ln, 4)) // keep-alive off from 3 open connections
	defer srv.Close()

	type conn struct {
		net.Conn
		r *bufio.Reader
	}
	get := func(c conn) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("GET", "http://"+ln.Addr().String()+"/", nil)
		if err := req.Write(c); err != nil {
			t.Fatal(err)
		}
		resp, err := http.ReadResponse(c.r, req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	dial := func() conn {
		t.Helper()
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		return conn{c, bufio.NewReader(c)}
	}
	var conns []conn
	for i := range 3 {
		c := dial()
		conns = append(conns, c)
		resp := get(c)
		if closes := resp.Close; closes != (i == 2) {
			t.Errorf("connection %d of 3 (limit 4): Connection: close is %v, want %v", i+1, closes, i == 2)
		}
	}
	// The first two were idle: closed by the server.
	for i, c := range conns[:2] {
		c.SetReadDeadline(time.Now().Add(time.Minute)) // fail, not hang, if it stays open
		if _, err := c.r.ReadByte(); !errors.Is(err, io.EOF) {
			t.Errorf("idle connection %d: read %v, want EOF (closed by the server)", i+1, err)
		}
		c.Close()
	}
	conns[2].Close()
}
