package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"resourcelib/generator/search"
	devserver "resourcelib/generator/server"
)

// serve is the child process: the search handler on addr, with the
// options `generator serve` and the search function open it with, and
// the connection bound `generator serve` sets. It
// prints "listening HOST:PORT" once it listens, and stops on SIGTERM.
func serve(index, addr string) error {
	h, err := search.Open(index, search.Options{})
	if err != nil {
		return err
	}
	defer h.Close()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	go func() {
		<-ctx.Done()
		srv.Close()
	}()
	if a := os.Getenv("LOADTEST_PPROF"); a != "" {
		// For finding what the server's memory holds under load:
		// net/http/pprof on another loopback port (go tool pprof
		// http://ADDR/debug/pprof/heap), never on the one attacked.
		pl, err := net.Listen("tcp", a)
		if err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "loadtest: pprof on http://%s/debug/pprof/\n", pl.Addr())
		go http.Serve(pl, nil)
	}
	fmt.Printf("listening %s\n", ln.Addr())
	if err := srv.Serve(devserver.LimitConns(srv, ln, devserver.MaxConns)); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// server is the child process as the parent sees it.
type server struct {
	cmd    *exec.Cmd
	addr   string
	stderr bytes.Buffer

	mu      sync.Mutex
	rssMax  int64 // bytes, the largest sample since the last take
	stopped chan struct{}
}

// startServer runs this program with -serve and waits until it listens.
func startServer(index string) (*server, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	s := &server{stopped: make(chan struct{})}
	s.cmd = exec.Command(self, "-serve", index)
	s.cmd.Stderr = &s.stderr
	out, err := s.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening ")
	if err != nil || !ok {
		s.cmd.Process.Kill()
		s.cmd.Wait()
		return nil, fmt.Errorf("the search server did not start: %q %v\n%s", line, err, s.stderr.String())
	}
	go io.Copy(io.Discard, out)
	s.addr = addr
	go s.sample()
	return s, nil
}

// sample reads the child's resident memory every 50 ms.
func (s *server) sample() {
	t := time.NewTicker(50 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-s.stopped:
			return
		case <-t.C:
		}
		if rss, err := rssOf(s.cmd.Process.Pid); err == nil {
			s.mu.Lock()
			s.rssMax = max(s.rssMax, rss)
			s.mu.Unlock()
		}
	}
}

// takeRSS returns the largest resident memory sampled since the last call
// (and reads it once more now).
func (s *server) takeRSS() int64 {
	now, _ := rssOf(s.cmd.Process.Pid)
	s.mu.Lock()
	defer s.mu.Unlock()
	m := max(s.rssMax, now)
	s.rssMax = 0
	return m
}

// stop ends the child and returns its peak resident memory from its
// rusage, and the CPU time it used.
func (s *server) stop() (int64, time.Duration, error) {
	close(s.stopped)
	s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- s.cmd.Wait() }()
	var err error
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		s.cmd.Process.Kill()
		err = <-done
	}
	if err != nil {
		return 0, 0, fmt.Errorf("the search server: %v\n%s", err, s.stderr.String())
	}
	st := s.cmd.ProcessState
	cpu := st.UserTime() + st.SystemTime()
	ru, ok := st.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0, cpu, nil
	}
	return ru.Maxrss * 1024, cpu, nil
}

// rssOf reads VmRSS from /proc/PID/status, in bytes.
func rssOf(pid int) (int64, error) {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return kb * 1024, err
		}
	}
	return 0, errors.New("no VmRSS")
}
