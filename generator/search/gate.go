package search

import (
	"context"
	"errors"
	"sync"
	"time"
)

// gate lets a few searches run at once and queues the rest briefly. A
// search waits when all slots are taken, up to maxWait. The gate keeps
// the recent cost of a search: the time between two searches ending
// while every slot is taken, that is how long the queue takes to move by
// one, whatever slows it (the searches, the handing over of a slot, other
// work on the machine). A search whose expected wait (the searches
// queued before it, plus one, times that cost) is over maxWait is
// refused at once (errBusy), and so is a queued one as soon as its
// expected wait no longer fits before its deadline: an overload is told
// to come back at once instead of after maxWait, and a burst is still
// answered. When a slot frees, it goes to the waiting client with the
// fewest searches running, the first to come among equals: one client
// looping on a heavy search cannot take every slot while others wait
// (the expected wait counts the queue in order, so a waiter of such a
// client may wait longer than expected, up to maxWait).
type gate struct {
	slots    int
	maxQueue int
	maxWait  time.Duration
	now      func() time.Time // time.Now; a fake clock in tests

	mu       sync.Mutex
	running  int
	byConn   map[string]int // client -> searches running
	waiting  []*waiter
	cost     time.Duration // moving average of the time the queue takes to move by one
	busyFrom time.Time     // when every slot was last taken
	lastEnd  time.Time     // when a search last ended with every slot taken
}

type waiter struct {
	client   string
	deadline time.Time
	ready    chan struct{} // closed when the slot is this waiter's, or it is refused
	refused  bool          // set before ready is closed: it could not have a slot in time
}

func newGate(slots, maxQueue int, maxWait time.Duration) *gate {
	return &gate{slots: slots, maxQueue: maxQueue, maxWait: maxWait, now: time.Now, byConn: map[string]int{},
		cost: 5 * time.Millisecond / time.Duration(max(slots, 1))}
}

var errBusy = errors.New("busy")

// enter waits for a slot; the returned function gives it back.
func (g *gate) enter(ctx context.Context, client string) (leave func(), err error) {
	leave, w, err := g.admit(client)
	if w == nil {
		return leave, err
	}
	timer := time.NewTimer(g.maxWait)
	defer timer.Stop()
	select {
	case <-w.ready:
		if w.refused {
			return nil, errBusy
		}
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
	if w.refused {
		return nil, err
	}
	// The slot came as the wait ended: give it on.
	g.running--
	g.byConn[client]--
	g.next()
	return nil, err
}

// admit gives client a slot (leave), a place in the queue (w), or
// errBusy, without waiting.
func (g *gate) admit(client string) (leave func(), w *waiter, err error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.running < g.slots && len(g.waiting) == 0 {
		g.start(client)
		return g.leaver(client), nil, nil
	}
	if len(g.waiting) >= g.maxQueue || g.expected(len(g.waiting)) > g.maxWait {
		return nil, nil, errBusy
	}
	w = &waiter{client: client, deadline: g.now().Add(g.maxWait), ready: make(chan struct{})}
	g.waiting = append(g.waiting, w)
	return nil, w, nil
}

// expected is the wait of a search with ahead searches queued before it.
func (g *gate) expected(ahead int) time.Duration {
	return time.Duration(ahead+1) * g.cost
}

func (g *gate) start(client string) {
	g.running++
	g.byConn[client]++
	if g.running == g.slots {
		g.busyFrom = g.now()
	}
}

func (g *gate) leaver(client string) func() {
	return func() {
		g.mu.Lock()
		defer g.mu.Unlock()
		if g.running == g.slots {
			now := g.now()
			since := g.busyFrom
			if g.lastEnd.After(since) {
				since = g.lastEnd
			}
			g.cost = (7*g.cost + now.Sub(since)) / 8
			g.lastEnd = now
		}
		g.running--
		if g.byConn[client]--; g.byConn[client] <= 0 {
			delete(g.byConn, client)
		}
		g.next()
	}
}

// next hands free slots to waiters, fewest running first, then refuses
// the waiters whose expected wait ends past their deadline. g.mu is held.
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
	if len(g.waiting) == 0 {
		return
	}
	now := g.now()
	kept := g.waiting[:0]
	for _, w := range g.waiting {
		if now.Add(g.expected(len(kept))).After(w.deadline) {
			w.refused = true
			close(w.ready)
			continue
		}
		kept = append(kept, w)
	}
	clear(g.waiting[len(kept):])
	g.waiting = kept
}
