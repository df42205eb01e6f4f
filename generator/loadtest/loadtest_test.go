package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

func TestQueries(t *testing.T) {
	t.Parallel()
	ps := [][]string{}
	vocab := []string{"kalomi", "tresun", "hotline", "labor", "safety", "screening"}
	for i := range 500 {
		ps = append(ps, words(fmt.Sprintf("Synthetic material %d: %s %s", i, vocab[i%6], vocab[i%5])))
	}
	qs := queries(ps, 1000, 1)
	if len(qs) != 1000 {
		t.Fatalf("%d queries, want 1000", len(qs))
	}
	seen := map[string]bool{}
	for _, q := range qs {
		if seen[q] {
			t.Errorf("%q twice", q)
		}
		seen[q] = true
	}
	if again := queries(ps, 1000, 1); strings.Join(again, "|") != strings.Join(qs, "|") {
		t.Error("the same seed gave other queries")
	}
	// Every fifth is misspelt: none of its words is in the phrases.
	known := map[string]bool{}
	for _, p := range ps {
		for _, w := range p {
			known[w] = true
		}
	}
	for i, q := range qs {
		allKnown := true
		for _, w := range strings.Fields(q) {
			allKnown = allKnown && known[w]
		}
		if misspelt := i%5 == 4; misspelt == allKnown {
			t.Errorf("query %d %q: misspelt %v, but all its words known %v", i, q, misspelt, allKnown)
		}
	}
}

func TestMisspell(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	for _, q := range []string{"trafficking", "a of", "help hotline", "ab", "book"} {
		m, ok := misspell(q, r)
		if !ok || m == q || len(strings.Fields(m)) != len(strings.Fields(q)) {
			t.Errorf("misspell(%q) = %q, %v", q, m, ok)
		}
	}
	if m, ok := misspell("2024 12", r); ok || m != "2024 12" {
		t.Errorf("misspell of numbers = %q, %v; want them as they are", m, ok)
	}
}

func TestMixOrder(t *testing.T) {
	t.Parallel()
	m := newMix("http://x", []string{"hotline", "help", "labor"})
	next := m.targeter()
	hostileSeen := 0
	for i := range 200 {
		var tg vegeta.Target
		if err := next(&tg); err != nil {
			t.Fatal(err)
		}
		e := m.expect[key(tg.Method, tg.URL)]
		if e == nil {
			t.Fatalf("request %d (%s %s) has no expectation", i, tg.Method, tg.URL)
		}
		if want := i%10 == 9; (e.kind == kindHostile) != want {
			t.Errorf("request %d is %s", i, e.kind)
		}
		if e.kind == kindHostile {
			hostileSeen++
		}
	}
	if hostileSeen != 20 {
		t.Errorf("%d hostile requests in 200, want 20", hostileSeen)
	}
	// "hotline" is in the hostile table's URLs only with other parameters
	// or methods, so the benign search stays benign.
	if e := m.expect[key("GET", "http://x/api/search?q=hotline")]; e == nil || e.kind != kindHostile {
		// The 1 MB header request has exactly this URL: it is hostile, and
		// the benign one of the same URL is left out.
		t.Errorf("GET /api/search?q=hotline: %+v, want the hostile table's", e)
	}
	if len(m.benign) != 2 {
		t.Errorf("%d benign requests, want 2 (hotline is the hostile one's URL)", len(m.benign))
	}
}

func TestPct(t *testing.T) {
	t.Parallel()
	var lat []time.Duration
	for i := 1; i <= 100; i++ {
		lat = append(lat, time.Duration(i))
	}
	for _, tt := range []struct {
		q    float64
		want time.Duration
	}{{.5, 50}, {.9, 90}, {.99, 99}, {1, 100}, {.001, 1}} {
		if got := pct(lat, tt.q); got != tt.want {
			t.Errorf("pct(%v) = %d, want %d", tt.q, got, tt.want)
		}
	}
	if pct(nil, .5) != 0 {
		t.Error("pct of nothing")
	}
}
