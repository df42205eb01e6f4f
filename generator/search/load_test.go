package search

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"
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

// BenchmarkSearchLoad drives /api/search over loopback from 1, 16 and 32
// clients in a closed loop on the digital.gov index and reports latency
// percentiles, errors (any status but 200) and searches a second. Each
// client sends b.N searches.
func BenchmarkSearchLoad(b *testing.B) {
	h := corpusIndex(b)
	srv := httptest.NewServer(h)
	defer srv.Close()
	qs := loadQueries()
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
			for c := range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					var mine []time.Duration
					bad := 0
					for i := range b.N {
						q := qs[(c*7919+i)%len(qs)]
						t0 := time.Now()
						resp, err := client.Get(srv.URL + "/api/search?facets=0&size=6&q=" + url.QueryEscape(q))
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
			b.ReportMetric(0, "ns/op")
		})
	}
}
