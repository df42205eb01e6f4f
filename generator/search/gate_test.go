package search

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"
)

// fakeClock is a gate's clock that moves only when told.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time      { return c.t }
func (c *fakeClock) add(d time.Duration) { c.t = c.t.Add(d) }
func newFakeGate(slots, maxQueue int, maxWait time.Duration) (*gate, *fakeClock) {
	c := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	g := newGate(slots, maxQueue, maxWait)
	g.now = c.now
	return g, c
}

// TestGateRefusesAtOnce checks that a search is queued only while its
// expected wait (the queue before it, plus one, times the recent cost of
// a search) fits in MaxWait, and refused at once beyond.
func TestGateRefusesAtOnce(t *testing.T) {
	t.Parallel()
	tests := []struct {
		slots, maxQueue int
		cost            time.Duration
		wantQueued      int
	}{
		{1, 100, 100 * time.Millisecond, 10}, // 10 x 100 ms fits in 1 s, 11 x does not
		{1, 100, 250 * time.Millisecond, 4},
		{1, 100, 2 * time.Second, 0}, // even the first would wait too long
		{1, 3, time.Millisecond, 3},  // the queue is full first
		{2, 100, 50 * time.Millisecond, 20},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d slots, queue %d, cost %s", tt.slots, tt.maxQueue, tt.cost), func(t *testing.T) {
			t.Parallel()
			g, _ := newFakeGate(tt.slots, tt.maxQueue, time.Second)
			for i := range tt.slots {
				if _, w, err := g.admit(fmt.Sprint("runner", i)); w != nil || err != nil {
					t.Fatalf("a free slot was not given: queued %v, %v", w != nil, err)
				}
			}
			g.cost = tt.cost
			queued, refused := 0, 0
			for i := range 50 {
				_, w, err := g.admit(fmt.Sprint("client", i))
				switch {
				case err == errBusy:
					refused++
				case w != nil:
					queued++
				default:
					t.Fatalf("client%d: a slot with every slot taken (err %v)", i, err)
				}
			}
			if queued != tt.wantQueued || refused != 50-tt.wantQueued {
				t.Errorf("queued %d and refused %d of 50, want %d and %d", queued, refused, tt.wantQueued, 50-tt.wantQueued)
			}
		})
	}
}

// TestGateSheds checks that when a slot frees, the waiters that can no
// longer have one before their deadline are refused then, not at the
// deadline.
func TestGateSheds(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		later, cost time.Duration // when the slot frees, and the cost by then
		wantRefused int
	}{
		{"in time", 0, 100 * time.Millisecond, 0},                                 // 9 left, at 100..900 ms
		{"cost grew", 0, 300 * time.Millisecond, 6},                               // 300, 600, 900 ms fit
		{"half the wait gone", 500 * time.Millisecond, 100 * time.Millisecond, 4}, // 5 more fit in 500 ms
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			g, clock := newFakeGate(1, 100, time.Second)
			leave, _, _ := g.admit("runner")
			g.cost = 100 * time.Millisecond
			var ws []*waiter
			for i := range 10 {
				_, w, err := g.admit(fmt.Sprint("client", i))
				if w == nil {
					t.Fatalf("client%d not queued: %v", i, err)
				}
				ws = append(ws, w)
			}
			clock.add(tt.later)
			g.busyFrom, g.lastEnd = clock.now(), clock.now() // this end adds nothing to the cost
			g.cost = tt.cost * 8 / 7
			leave()
			if g.cost != tt.cost*8/7*7/8 {
				t.Fatalf("cost %s after an end that took no time, want %s", g.cost, tt.cost*8/7*7/8)
			}
			refused, served := 0, 0
			for _, w := range ws {
				select {
				case <-w.ready:
					if w.refused {
						refused++
					} else {
						served++
					}
				default:
				}
			}
			if served != 1 || refused != tt.wantRefused || len(g.waiting) != 9-tt.wantRefused {
				t.Errorf("served %d, refused %d, still waiting %d; want 1, %d, %d", served, refused, len(g.waiting), tt.wantRefused, 9-tt.wantRefused)
			}
		})
	}
}

// TestGateCost checks that the cost is the time between two searches
// ending while every slot is taken, and that ends with a slot free do not
// count.
func TestGateCost(t *testing.T) {
	t.Parallel()
	g, clock := newFakeGate(2, 100, time.Second)
	start := g.cost
	la, _, _ := g.admit("a")
	clock.add(time.Hour)
	la() // one slot of two taken: no measure
	if g.cost != start {
		t.Fatalf("cost %s after an end with a slot free, want %s unchanged", g.cost, start)
	}
	leaves := []func(){}
	for _, c := range []string{"a", "b"} {
		l, _, _ := g.admit(c)
		leaves = append(leaves, l)
	}
	for i := range 60 { // every slot taken; one ends every 40 ms and is replaced
		clock.add(40 * time.Millisecond)
		leaves[i%2]()
		l, _, _ := g.admit("a")
		leaves[i%2] = l
	}
	// The fake clock makes this exact arithmetic, not a timing: the
	// moving average has come within a millisecond of the 40 ms gap.
	const gap, tolerance = 40 * time.Millisecond, time.Millisecond
	if off := gap - g.cost; off < 0 || off > tolerance {
		t.Errorf("cost %s after 60 ends %s apart, want %s (less at most %s)", g.cost, gap, gap, tolerance)
	}
}

// TestGateRefusedWaiter checks that a waiter refused when a slot frees
// gets errBusy then, and the one served gets the slot.
func TestGateRefusedWaiter(t *testing.T) {
	t.Parallel()
	g, clock := newFakeGate(1, 10, time.Minute)
	leave, _, _ := g.admit("runner")
	got := make(chan string, 2)
	for i, c := range []string{"b", "c"} {
		go func() {
			l, err := g.enter(context.Background(), c)
			if err != nil {
				got <- c + " " + err.Error()
				return
			}
			got <- c + " served"
			l()
		}()
		for { // until it is queued, by counting
			g.mu.Lock()
			n := len(g.waiting)
			g.mu.Unlock()
			if n == i+1 {
				break
			}
			runtime.Gosched()
		}
	}
	g.mu.Lock()
	clock.add(time.Minute - time.Nanosecond) // b's slot comes in time; c's would be late
	g.busyFrom = clock.now()                 // this end adds nothing to the cost
	g.mu.Unlock()
	leave()
	want := map[string]bool{"b served": true, "c busy": true}
	for range 2 {
		if s := <-got; !want[s] {
			t.Errorf("got %q, want one of b served, c busy", s)
		}
	}
}
