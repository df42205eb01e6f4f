// Command loadtest is `make loadtest`: it drives the search service over
// loopback with vegeta at a fixed rate, then past what the machine can
// serve, and prints what it measured. It asserts nothing about time.
//
// It is a module of its own (resourcelib/generator/loadtest) so that
// vegeta and what it brings (a Prometheus client among them) stay out of
// the site's go.mod; it sits under generator/ because its import path must
// begin with resourcelib/generator to use generator/internal/synthetic, as
// the command's benchmarks do.
//
// # What it runs
//
// The synthetic benchmark site (N materials and N/10 organizations,
// LOADTEST_N, default 10000) is written and built with the generator into
// a cache folder, kept for the next run while the generator's code is the
// same. The search service is this program run again as a child process
// (-serve): the search handler, opened with the options `generator serve`
// and the search function use, on a loopback port. Its resident memory is
// sampled from /proc while the phases run, and its peak read from its
// rusage when it exits.
//
// # The requests
//
// Benign searches are a few thousand distinct queries made from the
// words of the site's titles and headings, one in five with a letter
// misspelt, three in four on /api/search and one in four on /search. One
// request in ten is from issue 10's hostile table (generator/search/hostile),
// in turn. A request succeeds when it gets the status it should: 200 for
// a benign one, the table's for a hostile one.
//
// # The phases
//
//   - warm-up: 2 s at 50 a second;
//   - fixed: LOADTEST_RATE a second (500) for LOADTEST_DURATION (30s);
//   - capacity: 5 s from 4 clients per CPU in a closed loop, which gives
//     the rate the machine serves;
//   - burst: twice that rate for LOADTEST_BURST (10s): expected are quick
//     503s with Retry-After, and still about that rate answered;
//   - recovery: 10 s at the lesser of the fixed rate and half the
//     capacity, reported second by second, with when the last 503 came.
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"
)

func main() {
	serveIndex := flag.String("serve", "", "serve the search index in this folder (the child process)")
	addr := flag.String("addr", "127.0.0.1:0", "with -serve: the address to listen on")
	repo := flag.String("repo", "../..", "the repository's top folder")
	flag.Parse()
	if *serveIndex != "" {
		if err := serve(*serveIndex, *addr); err != nil {
			fmt.Fprintf(os.Stderr, "loadtest: %v\n", err)
			os.Exit(1)
		}
		return
	}
	cfg := config{
		n:        envInt("LOADTEST_N", 10000),
		rate:     envInt("LOADTEST_RATE", 500),
		duration: envDuration("LOADTEST_DURATION", 30*time.Second),
		burst:    envDuration("LOADTEST_BURST", 10*time.Second),
		repo:     *repo,
	}
	if err := run(cfg, os.Stdout); err != nil {
		fmt.Fprintf(os.Stderr, "loadtest: %v\n", err)
		os.Exit(1)
	}
}

type config struct {
	n, rate         int
	duration, burst time.Duration
	repo            string
}

func envInt(name string, def int) int {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n <= 0 {
		fmt.Fprintf(os.Stderr, "loadtest: %s=%q: want a positive whole number\n", name, s)
		os.Exit(2)
	}
	return n
}

func envDuration(name string, def time.Duration) time.Duration {
	s := os.Getenv(name)
	if s == "" {
		return def
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		fmt.Fprintf(os.Stderr, "loadtest: %s=%q: want a duration such as 30s\n", name, s)
		os.Exit(2)
	}
	return d
}
