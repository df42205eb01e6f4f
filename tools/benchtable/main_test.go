package main

import (
	"os"
	"strings"
	"testing"
	"time"
)

// TestTable turns a made-up `make bench` output (testdata/bench.out, in the
// format go test and the Makefile print) into BENCHMARKS.md and checks the
// headline rows: medians, the ratio to Hugo + Pagefind, each target met or
// missed, what an edit re-rendered, the steps' times and the load table.
func TestTable(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/bench.out")
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := run(strings.NewReader(string(data)), &out, time.Date(2026, 12, 4, 6, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	rows := map[string]string{}
	for _, line := range strings.Split(got, "\n") {
		if f := strings.Split(line, " | "); len(f) > 1 {
			rows[strings.TrimPrefix(f[0], "| ")] = line
		}
	}
	for _, c := range []struct{ row, want string }{
		// wall 4.9, 5.0, 6.0 against Hugo + Pagefind 26 and 24: 5.0 / 25.
		{"Full build of the synthetic site of 10000 materials and 1000 organizations, pages and search index: wall time",
			"5.00 s (4.90–6.00, 3 runs); Hugo + Pagefind 25.00 s (24.00–26.00, 2 runs); **ratio 0.20** | at most 0.20 of Hugo + Pagefind's wall time in the same run | met |"},
		{"the same build: CPU time (user + system)", "9.00 s (8.00–10.00, 3 runs); Hugo + Pagefind 40.00 s (40.00–40.00, 2 runs); ratio 0.23"},
		// one run of three over 500 MB
		{"the same build: peak resident memory", "| **missed** |"},
		{"Full build of digital.gov (the shared corpus), pages and index: wall time", "1.50 s (1 run), CPU 3.00 s (1 run), 2556 pages | under 2 s | met |"},
		{"Dev server, text edit: saved file to reload message", "25.00 ms (20.00–30.00, 2 runs), 1.00 pages rendered; Session.Update alone 25.10 ms CPU an edit; re-rendered: /materials/synthetic-5/ (its text changed) | within 200 ms | met |"},
		{"Dev server, draft on edit: saved file to reload message", "250 ms (1 run), 12.00 pages rendered; Session.Update alone 968 ms CPU an edit (on and off, the mean); re-rendered: /materials/ (a member changed) | within 200 ms | **missed** |"},
		{"Dev server, draft off again edit: saved file to reload message", "150 ms (1 run), 15.00 pages rendered | within 200 ms | met |"},
		{"CPU per search over the query mix of the synthetic site of 10000 materials and 1000 organizations (cache off, facets counted)", "2.10 ms (1 run) | at most 1 ms"},
		{"Search function bundle for the synthetic site of 10000 materials and 1000 organizations, zipped (MB of 10^6 bytes)", "30.50 MB (1 run) (binary 70.00 MB; the program without an index 13.27 MB zipped) | at most 25 MB | **missed** |"},
		{"Typical JSON answer (median over the query mix, results page's request), the synthetic site of 10000 materials and 1000 organizations", "4.50 KB (1 run); 90th percentile 6.00 KB; largest 9.00 KB; gzipped 1.50 KB | under 10 KB | met |"},
		{"the synthetic site of 10000 materials and 1000 organizations", ""}, // the load rows, below
		{"**all**", "**1152** (19.2 min)"},
		{"full builds and Hugo + Pagefind", "332"},
	} {
		line, ok := rows[c.row]
		if !ok {
			t.Errorf("no row %q in\n%s", c.row, got)
			continue
		}
		if !strings.Contains(line, c.want) {
			t.Errorf("row %q is\n%s\nwant it to hold\n%s", c.row, line, c.want)
		}
	}
	for _, want := range []string{
		"| the synthetic site of 10000 materials and 1000 organizations | off | 16 | 20.00 | 40.00 | 60.00 | 90.00 | 0 | 800 | 2.20 | 1 | **missed** |",
		"| the synthetic site of 10000 materials and 1000 organizations | on | 16 | 4.00 | 10.00 | 20.00 | 30.00 | 0 | 3000 | 0.5 | 1 | met |",
		"| the synthetic site of 10000 materials and 1000 organizations | on | 32 | 4.00 | 10.00 | 20.00 | 30.00 | 2 | 3000 | 0.5 | 1 | **missed** (errors) |",
		"Started 2026-12-04 04:13:20 UTC, load average 0.50 0.40 0.30; ended 04:33:20 UTC, load average 1.50 1.40 1.30.",
		"Side by side: hugo v0.160.0 linux/amd64 BuildDate=unknown; pagefind 1.6.0.",
		"- **text**: `/materials/synthetic-5/` (its text changed)\n",
		"| FullBuild/synthetic-10000 | wall-s | 5.00 | 4.90 | 6.00 | 3 |",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the table lacks\n%s\nin\n%s", want, got)
		}
	}
	if strings.Contains(got, "This is a small run") {
		t.Error("a run at N=10000 is called small")
	}

	// The same at N=300 is labelled a small run.
	out.Reset()
	small := strings.ReplaceAll(strings.ReplaceAll(string(data), "N=10000", "N=300"), "synthetic-10000", "synthetic-300")
	if err := run(strings.NewReader(small), &out, time.Now()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "**This is a small run (N=300)") || !strings.Contains(out.String(), "**ratio 0.20**") {
		t.Errorf("the N=300 table is not labelled small or lost its rows:\n%s", out.String())
	}
}
