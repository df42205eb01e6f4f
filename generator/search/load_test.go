package search

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"resourcelib/generator/internal/synthetic"
)

// loadQueries is the mix of BenchmarkSearchLoad: the relevance table's
// searches, their words one by one and as typed so far, so that an answer
// cache could not stand in for search.
func loadQueries() []string {
	var qs []string
	for _, c := range corpusQueries {
		qs = append(qs, c.q)
		ws := words(c.q)
		for i, w := range ws {
			qs = append(qs, w)
			if len(w) > 3 {
				qs = append(qs, w[:3])
			}
			if i > 0 {
				qs = append(qs, fmt.Sprint(ws[i-1], " ", w))
			}
		}
	}
	return qs
}

// syntheticQueries is the load mix on the synthetic site: 3,000 searches
// of its words (package synthetic's Queries), a fifth misspelt.
func syntheticQueries() []string {
	return synthetic.Queries(synthetic.Options{Materials: syntheticMaterials, Organizations: syntheticMaterials / 10}, 3000)
}

// loadSites are the sites the load benchmarks search, with their query
// mixes.
var loadSites = []struct {
	name    string
	open    func(testing.TB) *Handler
	queries func() []string
}{
	{fmt.Sprintf("synthetic-%d", syntheticMaterials), syntheticIndex, syntheticQueries},
	{"digitalgov", corpusIndex, loadQueries},
}

// cpuTime is the CPU time (user and system) of this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkSearchMix runs each site's query mix through the handler in
// one goroutine, without HTTP, and reports the process's CPU time per
// search (cpu-ms), the figure that decides how many searches 2 cores
// answer. Facets are counted, as the results page asks for them; the
// answer cache is off.
func BenchmarkSearchMix(b *testing.B) {
	for _, s := range loadSites {
		b.Run(s.name, func(b *testing.B) {
			h, err := Open(s.open(b).dir, Options{CacheSize: -1})
			if err != nil {
				b.Fatal(err)
			}
			defer h.Close()
			qs := s.queries()
			i := 0
			var bodies [][]byte
			cpu0 := cpuTime()
			for b.Loop() {
				w := serve(h, "GET", "/api/search?q="+url.QueryEscape(qs[i%len(qs)]))
				if w.Code != 200 {
					b.Fatalf("status %d: %s", w.Code, w.Body)
				}
				bodies = append(bodies, w.Body.Bytes())
				i++
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(i), "cpu-ms")
			reportSizes(b, bodies)
		})
	}
}

// reportSizes reports the median, 90th percentile and largest size of the
// JSON answers, as sent and gzipped at the handler's level (as it sends them
// to a client that accepts gzip), in KB of 1,000 bytes.
func reportSizes(b *testing.B, bodies [][]byte) {
	var raw, zipped []int
	for _, body := range bodies {
		var buf bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&buf, gzip.BestSpeed)
		zw.Write(body)
		zw.Close()
		raw = append(raw, len(body))
		zipped = append(zipped, buf.Len())
	}
	slices.Sort(raw)
	slices.Sort(zipped)
	at := func(v []int, p float64) float64 {
		if len(v) == 0 {
			return 0
		}
		return float64(v[min(len(v)-1, int(p*float64(len(v))))]) / 1000
	}
	b.ReportMetric(at(raw, 0.5), "json-KB-p50")
	b.ReportMetric(at(raw, 0.9), "json-KB-p90")
	b.ReportMetric(at(raw, 1), "json-KB-max")
	b.ReportMetric(at(zipped, 0.5), "gzip-KB-p50")
}

// BenchmarkSearchLoad drives /api/search over loopback from 1, 16 and 32
// clients in a closed loop, on the synthetic site and on digital.gov, and
// reports latency percentiles, errors (any status but 200), searches a
// second, and the process's CPU time per search (cpu-ms: the server's and
// the clients', which run in this process too). Each client sends b.N
// searches, as the search box does (no facets, 6 hits), taking its own
// path through the mix; with the answer cache and without it.
func BenchmarkSearchLoad(b *testing.B) {
	for _, s := range loadSites {
		b.Run(s.name, func(b *testing.B) {
			dir := s.open(b).dir
			for _, cache := range []struct {
				name string
				size int
			}{{"cache=off", -1}, {"cache=on", 0}} {
				b.Run(cache.name, func(b *testing.B) {
					h, err := Open(dir, Options{CacheSize: cache.size})
					if err != nil {
						b.Fatal(err)
					}
					defer h.Close()
					srv := httptest.NewServer(h)
					defer srv.Close()
					loadRun(b, srv.URL, s.queries())
				})
			}
		})
	}
}

func loadRun(b *testing.B, base string, qs []string) {
	for _, clients := range []int{1, 16, 32} {
		b.Run(fmt.Sprintf("clients=%d", clients), func(b *testing.B) {
			tr := &http.Transport{MaxIdleConnsPerHost: clients}
			defer tr.CloseIdleConnections()
			client := &http.Client{Transport: tr}
			var mu sync.Mutex
			var lat []time.Duration
			errs := 0
			var wg sync.WaitGroup
			b.ResetTimer()
			start := time.Now()
			cpu0 := cpuTime()
			for c := range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					var mine []time.Duration
					bad := 0
					for i := range b.N {
						q := qs[(c*7919+i*31)%len(qs)]
						t0 := time.Now()
						resp, err := client.Get(base + "/api/search?facets=0&size=6&q=" + url.QueryEscape(q))
						if err != nil {
							bad++
							continue
						}
						io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						mine = append(mine, time.Since(t0))
						if resp.StatusCode != http.StatusOK {
							bad++
						}
					}
					mu.Lock()
					lat = append(lat, mine...)
					errs += bad
					mu.Unlock()
				}()
			}
			wg.Wait()
			elapsed := time.Since(start)
			cpu := cpuTime() - cpu0
			b.StopTimer()
			slices.Sort(lat)
			pct := func(p float64) float64 {
				if len(lat) == 0 {
					return 0
				}
				return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
			}
			b.ReportMetric(pct(0.50), "p50-ms")
			b.ReportMetric(pct(0.90), "p90-ms")
			b.ReportMetric(pct(0.99), "p99-ms")
			b.ReportMetric(pct(1), "max-ms")
			b.ReportMetric(float64(errs), "errors")
			b.ReportMetric(float64(len(lat))/elapsed.Seconds(), "req/s")
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(max(1, clients*b.N)), "cpu-ms")
			b.ReportMetric(0, "ns/op")
		})
	}
}

// BenchmarkSearchBroad reports the CPU time of single broad searches on
// the synthetic site (cache off, facets counted), one sub-benchmark per
// search: words in nearly every page, whose cost is the walk over every
// matching document, beside a rare search for comparison. It shows which
// kind of search a change to the query makes cheaper; BenchmarkSearchMix
// gives the mix's average.
func BenchmarkSearchBroad(b *testing.B) {
	dir := syntheticIndex(b).dir
	h, err := Open(dir, Options{CacheSize: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer h.Close()
	for _, q := range []string{"hotline", "survivor", "hotline shelter", "victim service", "synthetic material 123"} {
		b.Run(strings.ReplaceAll(q, " ", "_"), func(b *testing.B) {
			path := "/api/search?q=" + url.QueryEscape(q)
			n := 0
			cpu0 := cpuTime()
			for b.Loop() {
				if w := serve(h, "GET", path); w.Code != 200 {
					b.Fatalf("status %d: %s", w.Code, w.Body)
				}
				n++
			}
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(n), "cpu-ms")
		})
	}
}
