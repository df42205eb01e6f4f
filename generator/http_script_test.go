package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"resourcelib/generator/admin"
	"resourcelib/generator/server"
)

// The scripts' HTTP commands (see TestScripts):
//
//	serve [-drafts] [-future] [-expired] [-out DIR] | -built -out DIR
//	    runs `generator serve` in the test process, on a free loopback
//	    port, on the script's folder, until the script ends; $SERVER is
//	    its address. Requests wait for its first build. With -built
//	    there is no build and no /_reload stream to open.
//	httpget [-method M] [-header 'K: V'] [-bigheader SIZE] TARGET
//	    sends one request to $SERVER (TARGET exactly as written, such as
//	    /%2e%2e/) and prints the answer for stdout to check:
//	    "HTTP 200", each header as "Name: value", sorted, a blank line,
//	    the body. It fails unless the answer carries every header
//	    netlify.toml sets for the path.
//	    An event stream (/_reload) is read up to its first event.
//	event
//	    waits (a minute at most) for the dev server's next build state on
//	    /_reload, opened by serve, and prints "gen N", "indexing" when the
//	    search index is behind a quick update, and each problem.
//	settle
//	    waits (a minute at most) for the first state that is not
//	    "indexing" (the end of the catch-up build after quick updates),
//	    skipping the others, and prints it as event does.
//	serverlog
//	    prints what serve wrote to stdout and stderr since the last serverlog.

// scriptServer is a script's running dev server.
type scriptServer struct {
	url    string
	states chan server.State
	mu     sync.Mutex   // guards all and out: the background build writes too
	all    bytes.Buffer // stdout and stderr
	out    bytes.Buffer // the same, since the last serverlog
}

func (s *scriptServer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.out.Write(p)
	return s.all.Write(p)
}

func (s *scriptServer) log() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.all.String()
}

var scriptServers sync.Map // *testscript.TestScript -> *scriptServer

func scriptServe(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! serve")
	}
	args = slices.Clone(args)
	for i, a := range args {
		if a == "-out" && i+1 < len(args) {
			args[i+1] = ts.MkAbs(args[i+1])
		}
	}
	args = append([]string{"-source", ts.MkAbs(".")}, args...)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	s := &scriptServer{url: "http://" + ln.Addr().String(), states: make(chan server.State, 64)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() { done <- serve(ctx, args, ln, s, s) }()
	if slices.Contains(args, "-built") {
		// Nothing is built: it serves once it says so.
		for deadline := time.Now().Add(time.Minute); !strings.Contains(s.log(), "serving "); {
			select {
			case code := <-done:
				cancel()
				ts.Fatalf("serve exited %d:\n%s", code, s.log())
			case <-time.After(10 * time.Millisecond):
			}
			if time.Now().After(deadline) {
				cancel()
				ts.Fatalf("serve -built did not start in a minute:\n%s", s.log())
			}
		}
		scriptServers.Store(ts, s)
		ts.Setenv("SERVER", s.url)
		ts.Defer(func() {
			cancel()
			if code := <-done; code != 0 {
				ts.Logf("serve exited %d:\n%s", code, s.log())
			}
			scriptServers.Delete(ts)
		})
		return
	}

	// The stream's first state is the first build's.
	sctx, endStream := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(sctx, "GET", s.url+"/_reload", nil)
	ts.Check(err)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		endStream()
		cancel()
		ts.Fatalf("serve: %v\n%s", err, s.log())
	}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var st server.State
				if json.Unmarshal([]byte(data), &st) == nil {
					s.states <- st
				}
			}
		}
	}()
	scriptServers.Store(ts, s)
	ts.Setenv("SERVER", s.url)
	ts.Defer(func() {
		endStream()
		cancel()
		if code := <-done; code != 0 {
			ts.Logf("serve exited %d:\n%s", code, s.log())
		}
		scriptServers.Delete(ts)
	})
}

func scriptEvent(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: event")
	}
	v, ok := scriptServers.Load(ts)
	if !ok {
		ts.Fatalf("event: no serve")
	}
	printState(ts, nextState(ts, v.(*scriptServer)))
}

func scriptSettle(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: settle")
	}
	v, ok := scriptServers.Load(ts)
	if !ok {
		ts.Fatalf("settle: no serve")
	}
	for {
		if st := nextState(ts, v.(*scriptServer)); !st.Indexing {
			printState(ts, st)
			return
		}
	}
}

func nextState(ts *testscript.TestScript, s *scriptServer) server.State {
	select {
	case st := <-s.states:
		return st
	case <-time.After(time.Minute):
		ts.Fatalf("no build state for a minute; the server said:\n%s", s.log())
	}
	panic("unreachable")
}

func printState(ts *testscript.TestScript, st server.State) {
	fmt.Fprintf(ts.Stdout(), "gen %d\n", st.Gen)
	if st.Indexing {
		fmt.Fprintln(ts.Stdout(), "indexing")
	}
	for _, p := range st.Problems {
		fmt.Fprintln(ts.Stdout(), p.Text)
	}
}

func scriptServerLog(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: serverlog")
	}
	v, ok := scriptServers.Load(ts)
	if !ok {
		ts.Fatalf("serverlog: no serve")
	}
	s := v.(*scriptServer)
	s.mu.Lock()
	defer s.mu.Unlock()
	io.Copy(ts.Stdout(), &s.out) // what was printed since the last serverlog
}

func scriptHTTPGet(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! httpget (check the status on stdout)")
	}
	method := "GET"
	var extra strings.Builder
	for len(args) > 1 {
		switch args[0] {
		case "-method":
			method = args[1]
		case "-header":
			extra.WriteString(args[1] + "\r\n")
		case "-bigheader":
			size, err := strconv.Atoi(strings.TrimSuffix(args[1], "MB"))
			ts.Check(err)
			if strings.HasSuffix(args[1], "MB") {
				size <<= 20
			}
			extra.WriteString("X-Big: " + strings.Repeat("a", size) + "\r\n")
		default:
			ts.Fatalf("httpget: unknown flag %s", args[0])
		}
		args = args[2:]
	}
	if len(args) != 1 {
		ts.Fatalf("usage: httpget [-method M] [-header 'K: V'] [-bigheader SIZE] TARGET")
	}
	target := args[0]
	addr := strings.TrimPrefix(ts.Getenv("SERVER"), "http://")
	if addr == "" {
		ts.Fatalf("httpget: no serve")
	}
	conn, err := net.Dial("tcp", addr)
	ts.Check(err)
	defer conn.Close()
	// Written by hand, so that the target reaches the server as written.
	if method != "GET" && method != "HEAD" {
		extra.WriteString("Content-Length: 0\r\n")
	}
	go fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: %s\r\n%sConnection: close\r\n\r\n", method, target, addr, extra.String())
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: method})
	ts.Check(err)
	// Closing the connection ends the answer: closing the body of an
	// event stream would wait for its end.
	var body []byte
	if resp.Header.Get("Content-Type") == "text/event-stream" {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() && sc.Text() != "" {
			body = append(append(body, sc.Bytes()...), '\n')
		}
	} else {
		body, err = io.ReadAll(resp.Body)
		ts.Check(err)
	}

	out := ts.Stdout()
	fmt.Fprintf(out, "HTTP %d\n", resp.StatusCode)
	var lines []string
	for k, vs := range resp.Header {
		for _, v := range vs {
			lines = append(lines, k+": "+v)
		}
	}
	slices.Sort(lines)
	fmt.Fprintf(out, "%s\n\n%s", strings.Join(lines, "\n"), body)

	u, err := url.ParseRequestURI(target)
	ts.Check(err)
	if admin.IsPath(u.Path) {
		// The content manager's page gets package admin's headers and
		// no other, as from its function on Netlify.
		for k, v := range admin.Header() {
			if k == "Content-Type" && resp.StatusCode != http.StatusOK {
				continue // an error's is text/plain
			}
			if got := resp.Header.Values(k); len(got) != 1 || got[0] != v {
				ts.Fatalf("httpget %s: %s is %q, want %q alone (package admin)", target, k, got, v)
			}
		}
		for k := range resp.Header {
			if _, ok := admin.Header()[k]; !ok && k != "Content-Length" && k != "Date" && k != "Connection" && k != "Allow" {
				ts.Fatalf("httpget %s: header %s is not the admin's", target, k)
			}
		}
		return
	}
	// Cache-Control is the one a handler may replace (no-store on the
	// dev server's pages).
	rules, err := server.LoadHeaders(ts.MkAbs("."))
	ts.Check(err)
	want := map[string]string{} // later blocks win, as on Netlify
	for _, rule := range rules {
		if server.Match(rule.For, u.Path) {
			maps.Copy(want, rule.Values)
		}
	}
	for k, v := range want {
		if got := resp.Header.Get(k); k != "Cache-Control" && got != v {
			ts.Fatalf("httpget %s: %s is %q, want %q (from netlify.toml)", target, k, got, v)
		}
	}
}
