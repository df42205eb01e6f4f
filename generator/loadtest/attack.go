package main

import (
	"net/http"
	"net/url"
	"sync/atomic"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"

	"resourcelib/generator/search/hostile"
)

const (
	kindBenign  = "benign"
	kindHostile = "hostile"
)

// expect is what a request is and the statuses that count as its success.
type expect struct {
	kind string
	ok   map[int]bool
}

// mix hands out the requests in a fixed order: nine benign ones, then one
// from the hostile table, and so on.
type mix struct {
	benign, hostile []vegeta.Target
	expect          map[string]*expect // by method and URL
	next            atomic.Uint64
}

func key(method, url string) string { return method + " " + url }

// newMix makes the requests for the server at base. Two hostile requests
// can share a method and URL (the 1 MB and 2 MB headers); each status
// of the two counts as success for both, since a result does not say
// which of them it answers.
func newMix(base string, qs []string) *mix {
	m := &mix{expect: map[string]*expect{}}
	for _, r := range hostile.Requests() {
		t := vegeta.Target{Method: r.Method, URL: base + r.Target, Body: []byte(r.Body), Header: r.HeaderFields()}
		m.hostile = append(m.hostile, t)
		k := key(t.Method, t.URL)
		if m.expect[k] == nil {
			m.expect[k] = &expect{kind: kindHostile, ok: map[int]bool{}}
		}
		m.expect[k].ok[r.Status] = true
	}
	for i, q := range qs {
		path := "/api/search?q="
		if i%4 == 3 {
			path = "/search?q="
		}
		t := vegeta.Target{Method: http.MethodGet, URL: base + path + url.QueryEscape(q)}
		if k := key(t.Method, t.URL); m.expect[k] == nil {
			m.expect[k] = &expect{kind: kindBenign, ok: map[int]bool{200: true}}
			m.benign = append(m.benign, t)
		}
	}
	return m
}

func (m *mix) targeter() vegeta.Targeter {
	return func(t *vegeta.Target) error {
		i := m.next.Add(1) - 1
		if i%10 == 9 {
			*t = m.hostile[(i/10)%uint64(len(m.hostile))]
		} else {
			*t = m.benign[(i-i/10)%uint64(len(m.benign))]
		}
		return nil
	}
}

// sample is one answer as the phase saw it.
type sample struct {
	at         time.Duration // when it was sent, from the phase's start
	latency    time.Duration
	code       int // 0: no answer (the error is counted)
	kind       string
	ok         bool
	retryAfter bool
}

// phase is one attack and what it measured.
type phase struct {
	name    string
	rate    int           // the rate asked for; 0 for a closed loop
	workers int           // for a closed loop
	d       time.Duration // as asked
	wall    time.Duration // until the last answer came
	samples []sample
	rssMax  int64
}

// attack sends m's requests to the server at rate a second for d (or,
// with rate 0, from workers clients in a closed loop).
func attack(name string, m *mix, rate int, workers int, d time.Duration) *phase {
	opts := []func(*vegeta.Attacker){vegeta.Timeout(30 * time.Second), vegeta.MaxBody(0), vegeta.KeepAlive(true)}
	pacer := vegeta.ConstantPacer{Freq: rate, Per: time.Second}
	if rate == 0 {
		opts = append(opts, vegeta.Workers(uint64(workers)), vegeta.MaxWorkers(uint64(workers)))
		pacer = vegeta.ConstantPacer{}
	}
	a := vegeta.NewAttacker(opts...)
	p := &phase{name: name, rate: rate, workers: workers, d: d}
	start := time.Now()
	for res := range a.Attack(m.targeter(), pacer, d, name) {
		s := sample{at: res.Timestamp.Sub(start), latency: res.Latency, code: int(res.Code)}
		if e := m.expect[key(res.Method, res.URL)]; e != nil {
			s.kind, s.ok = e.kind, e.ok[s.code]
		}
		if s.code == http.StatusServiceUnavailable {
			s.retryAfter = res.Headers.Get("Retry-After") != ""
		}
		p.samples = append(p.samples, s)
	}
	p.wall = time.Since(start)
	return p
}
