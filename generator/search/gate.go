package search

import (
	"context"
	"errors"
	"sync"
	"time"
)

// gate lets a few searches run at once and queues the rest briefly. A
// search waits when all slots are taken, up to maxWait; one that would
// have to wait longer, by the recent time per search, is refused at once
// (errBusy), so that a burst is answered and an overload is told to come
// back. When a slot frees, it goes to the waiting client with the fewest
// searches running, the first to come among equals: one client looping
// on a heavy search cannot take every slot while others wait.
type gate struct {
	slots    int
	maxQueue int
	maxWait  time.Duration

	mu      sync.Mutex
	running int
	byConn  map[string]int // client -> searches running
	waiting []*waiter
	avg     time.Duration // moving average of a search's time
}

type waiter struct {
	client string
	ready  chan struct{} // closed when the slot is this waiter's
}

func newGate(slots, maxQueue int, maxWait time.Duration) *gate {
	return &gate{slots: slots, maxQueue: maxQueue, maxWait: maxWait, byConn: map[string]int{},
		avg: 5 * time.Millisecond}
}

var errBusy = errors.New("busy")

// enter waits for a slot; the returned function gives it back and records
// how long the search took.
func (g *gate) enter(ctx context.Context, client string) (leave func(), err error) {
	g.mu.Lock()
	if g.running < g.slots && len(g.waiting) == 0 {
		g.start(client)
		g.mu.Unlock()
		return g.leaver(client), nil
	}
	// The wait ahead: the searches queued before this one, a slot's worth
	// at a time, and the ones running now.
	wait := time.Duration(len(g.waiting)/g.slots+1) * g.avg
	if len(g.waiting) >= g.maxQueue || wait > g.maxWait {
		g.mu.Unlock()
		return nil, errBusy
	}
	w := &waiter{client: client, ready: make(chan struct{})}
	g.waiting = append(g.waiting, w)
	g.mu.Unlock()

	timer := time.NewTimer(g.maxWait)
	defer timer.Stop()
	select {
	case <-w.ready:
		return g.leaver(client), nil
	case <-timer.C:
		err = errBusy
	case <-ctx.Done():
		err = ctx.Err()
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	for i, x := range g.waiting {
		if x == w {
			g.waiting = append(g.waiting[:i], g.waiting[i+1:]...)
			return nil, err
		}
	}
	// The slot came as the wait ended: give it on.
	g.running--
	g.byConn[client]--
	g.next()
	return nil, err
}

func (g *gate) start(client string) {
	g.running++
	g.byConn[client]++
}

func (g *gate) leaver(client string) func() {
	began := time.Now()
	return func() {
		took := time.Since(began)
		g.mu.Lock()
		defer g.mu.Unlock()
		g.avg = (7*g.avg + took) / 8
		g.running--
		if g.byConn[client]--; g.byConn[client] <= 0 {
			delete(g.byConn, client)
		}
		g.next()
	}
}

// next hands free slots to waiters, fewest running first. g.mu is held.
func (g *gate) next() {
	for g.running < g.slots && len(g.waiting) > 0 {
		best := 0
		for i, w := range g.waiting {
			if g.byConn[w.client] < g.byConn[g.waiting[best].client] {
				best = i
			}
		}
		w := g.waiting[best]
		g.waiting = append(g.waiting[:best], g.waiting[best+1:]...)
		g.start(w.client)
		close(w.ready)
	}
}
