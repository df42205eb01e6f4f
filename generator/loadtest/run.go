package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// run prepares the index, starts the server, runs the phases and prints
// the report to w.
func run(cfg config, w io.Writer) error {
	dir, err := prepare(cfg.repo, cfg.n, os.Stderr)
	if err != nil {
		return err
	}
	ps, err := phrases(filepath.Join(dir, "site"))
	if err != nil {
		return err
	}
	qs := queries(ps, 3000, 1)
	srv, err := startServer(filepath.Join(dir, "index"))
	if err != nil {
		return err
	}
	stopped := false
	defer func() {
		if !stopped {
			srv.stop()
		}
	}()
	m := newMix("http://"+srv.addr, qs)
	rep := &report{cfg: cfg, queries: len(m.benign), hostile: len(m.hostile), loadBefore: loadavg()}
	rep.rssOpen = srv.takeRSS()

	step := func(name string, rate, workers int, d time.Duration) *phase {
		if rate > 0 {
			fmt.Fprintf(os.Stderr, "loadtest: %s: %d a second for %s\n", name, rate, d)
		} else {
			fmt.Fprintf(os.Stderr, "loadtest: %s: %d clients in a closed loop for %s\n", name, workers, d)
		}
		p := attack(name, m, rate, workers, d)
		p.rssMax = srv.takeRSS()
		rep.phases = append(rep.phases, p)
		return p
	}
	step("warm-up", 50, 0, 2*time.Second)
	step("fixed", cfg.rate, 0, cfg.duration)
	probe := step("capacity", 0, 4*runtime.NumCPU(), 5*time.Second)
	rep.capacity = probe.served()
	burstRate := max(1, int(2*rep.capacity))
	rep.burst = step("burst", burstRate, 0, cfg.burst)
	rep.recovery = step("recovery", max(1, min(cfg.rate, int(rep.capacity/2))), 0, 10*time.Second)

	stopped = true
	rep.rssPeak, rep.serverCPU, err = srv.stop()
	if err != nil {
		return err
	}
	rep.loadAfter = loadavg()
	rep.print(w)
	return nil
}

// loadavg is the machine's load average as /proc/loadavg has it.
func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
