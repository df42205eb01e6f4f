package main

import (
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

type report struct {
	cfg                   config
	queries, hostile      int
	phases                []*phase
	burst, recovery       *phase
	capacity              float64 // answers other than 503 a second, in the closed loop
	rssOpen, rssPeak      int64
	serverCPU             time.Duration
	loadBefore, loadAfter string
}

// served is the rate of answers other than 503 (and other than no answer).
func (p *phase) served() float64 {
	n := 0
	for _, s := range p.samples {
		if s.code != 0 && s.code != 503 {
			n++
		}
	}
	return float64(n) / p.wall.Seconds()
}

// stats sums up the samples of one kind ("" for all).
type stats struct {
	n, ok      int
	lat        []time.Duration // sorted
	codes      map[int]int
	retryAfter int
}

// The rows of the table besides the two kinds: the benign requests that
// were answered 200, and the 503 answers of either kind.
const (
	rowBenign200 = "benign, 200 only"
	row503       = "503s"
)

func (s sample) in(row string) bool {
	switch row {
	case "":
		return true
	case rowBenign200:
		return s.kind == kindBenign && s.code == 200
	case row503:
		return s.code == 503
	}
	return s.kind == row
}

func summarize(samples []sample, row string) stats {
	st := stats{codes: map[int]int{}}
	for _, s := range samples {
		if !s.in(row) {
			continue
		}
		st.n++
		if s.ok {
			st.ok++
		}
		st.codes[s.code]++
		if s.retryAfter {
			st.retryAfter++
		}
		st.lat = append(st.lat, s.latency)
	}
	slices.Sort(st.lat)
	return st
}

// pct is the q-quantile (0 < q <= 1) of sorted latencies, by the
// nearest rank.
func pct(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.999999) - 1
	return sorted[min(max(i, 0), len(sorted)-1)]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }

func mb(b int64) string { return fmt.Sprintf("%.0f MB", float64(b)/(1<<20)) }

func (st stats) statuses() string {
	codes := make([]int, 0, len(st.codes))
	for c := range st.codes {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	var b strings.Builder
	for i, c := range codes {
		if i > 0 {
			b.WriteByte(' ')
		}
		if c == 0 {
			fmt.Fprintf(&b, "error:%d", st.codes[c])
		} else {
			fmt.Fprintf(&b, "%d:%d", c, st.codes[c])
		}
	}
	return b.String()
}

func (r *report) print(w io.Writer) {
	fmt.Fprintf(w, "\nmake loadtest: synthetic site, N=%d (%d materials, %d organizations); %d distinct benign queries "+
		"(1 in 5 misspelt), %d hostile requests (1 request in 10)\n", r.cfg.n, r.cfg.n, r.cfg.n/10, r.queries, r.hostile)
	fmt.Fprintf(w, "machine: %d CPUs, load average %s before, %s after; the load generator shares the CPUs with the server\n\n",
		runtime.NumCPU(), r.loadBefore, r.loadAfter)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "phase\tkind\tasked/s\trequests\tsent/s\tserved/s\tp50 ms\tp90 ms\tp99 ms\tmax ms\tsuccess\tstatuses\tserver RSS max\t")
	for _, p := range r.phases {
		asked := fmt.Sprint(p.rate)
		if p.rate == 0 {
			asked = fmt.Sprintf("%d clients", p.workers)
		}
		for _, kind := range []string{kindBenign, rowBenign200, kindHostile, row503} {
			st := summarize(p.samples, kind)
			if st.n == 0 {
				continue
			}
			var kindServed int
			for _, s := range p.samples {
				if s.in(kind) && s.code != 0 && s.code != 503 {
					kindServed++
				}
			}
			rss := ""
			if kind == kindBenign {
				rss = mb(p.rssMax)
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%.0f\t%.0f\t%s\t%s\t%s\t%s\t%.1f%%\t%s\t%s\t\n",
				p.name, kind, asked, st.n, float64(st.n)/p.d.Seconds(), float64(kindServed)/p.wall.Seconds(),
				ms(pct(st.lat, .5)), ms(pct(st.lat, .9)), ms(pct(st.lat, .99)), ms(pct(st.lat, 1)),
				100*float64(st.ok)/float64(st.n), st.statuses(), rss)
		}
	}
	tw.Flush()
	fmt.Fprintf(w, "success: the status a request should get (200 for a benign one, the table's for a hostile one); "+
		"served/s: answers other than 503 a second; latency: from sending to the end of the answer, as vegeta measures it\n")

	fmt.Fprintf(w, "\ncapacity: %.0f answers a second (other than 503) from %d clients in a closed loop\n",
		r.capacity, 4*runtime.NumCPU())
	if b := r.burst; b != nil {
		all := summarize(b.samples, "")
		var busy []time.Duration
		for _, s := range b.samples {
			if s.code == 503 {
				busy = append(busy, s.latency)
			}
		}
		slices.Sort(busy)
		fmt.Fprintf(w, "burst: %d a second asked; %d of %d answered 503 (%d with Retry-After), 503 in p50 %s ms, p99 %s ms, max %s ms; "+
			"%.0f a second still served (%.0f%% of the capacity)\n",
			b.rate, all.codes[503], all.n, all.retryAfter, ms(pct(busy, .5)), ms(pct(busy, .99)), ms(pct(busy, 1)),
			b.served(), 100*b.served()/r.capacity)
	}
	if b := r.burst; b != nil {
		fmt.Fprintf(w, "burst, second by second:\n")
		printSeconds(w, b)
	}
	if rc := r.recovery; rc != nil {
		printRecovery(w, rc)
		printSeconds(w, rc)
	}
	served, all := 0, 0
	for _, p := range r.phases {
		for _, s := range p.samples {
			all++
			if s.code != 0 && s.code != 503 {
				served++
			}
		}
	}
	fmt.Fprintf(w, "server: resident memory %s after opening the index, peak %s (rusage); %.1f s of CPU (user+sys) for %d answers, "+
		"%d of them not 503: %.1f ms of CPU for each of those\n",
		mb(r.rssOpen), mb(r.rssPeak), r.serverCPU.Seconds(), all, served, float64(r.serverCPU.Milliseconds())/float64(max(served, 1)))
}

// printRecovery says when the last 503 of the phase was sent.
func printRecovery(w io.Writer, p *phase) {
	var last time.Duration = -1
	for _, s := range p.samples {
		if s.code == 503 && s.at > last {
			last = s.at
		}
	}
	if last < 0 {
		fmt.Fprintf(w, "recovery: %d a second after the burst: no 503 at all\n", p.rate)
	} else {
		fmt.Fprintf(w, "recovery: %d a second after the burst: the last 503 was for a request sent %s after the burst ended\n",
			p.rate, last.Round(time.Millisecond))
	}
}

// printSeconds prints a phase second by second, by when each request was
// sent.
func printSeconds(w io.Writer, p *phase) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "  second\trequests\tserved\t503\tbenign p50 ms\tbenign p99 ms\t")
	bySecond := map[int][]sample{}
	last := 0
	for _, s := range p.samples {
		i := int(s.at / time.Second)
		bySecond[i] = append(bySecond[i], s)
		last = max(last, i)
	}
	for i := 0; i <= last; i++ {
		win := bySecond[i]
		if len(win) == 0 {
			continue
		}
		all, st := summarize(win, ""), summarize(win, kindBenign)
		fmt.Fprintf(tw, "  %d\t%d\t%d\t%d\t%s\t%s\t\n", i+1, all.n, all.n-all.codes[503]-all.codes[0], all.codes[503],
			ms(pct(st.lat, .5)), ms(pct(st.lat, .99)))
	}
	tw.Flush()
}
