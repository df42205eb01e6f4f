// Command benchtable turns the output of `make bench` (read from standard
// input: `go test -bench` output with the lines the Makefile adds) into
// BENCHMARKS.md. First the answers to the issues' targets: for each
// headline figure, the median of its runs with the fastest and the
// slowest, its target, and whether this run met it; then the machine (core
// count, load average at the start and the end, Go version, date) and how
// long each step took; then every benchmark and unit, median, minimum and
// maximum. It is a command of its own because benchstat reports confidence
// intervals, not the extremes, and knows no targets.
//
// Besides go test's lines it reads the Makefile's
//
//	bench-start: UNIX-SECONDS LOADAVG...
//	bench-config: N=... BENCH_COUNT=... go version ...
//	bench-step: NAME SECONDS
//	bench-end: UNIX-SECONDS LOADAVG...
//
// and the benchmarks' logs (after "--- BENCH: NAME"): what each edit
// re-rendered and why ("rendered URL: WHY", BenchmarkSessionEdit) and the
// Hugo and Pagefind versions ("versions: ...", BenchmarkHugoPagefind).
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	if err := run(os.Stdin, os.Stdout, time.Now()); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

type key struct{ bench, unit string }

// results is what one `make bench` printed.
type results struct {
	values     map[key][]float64
	order      []key
	logs       map[string][]string // benchmark -> its log lines, in order
	cpu        string
	start, end stamp
	config     string
	n          int
	steps      []step
}

type stamp struct {
	at   time.Time
	load string // the three load averages
}

type step struct {
	name    string
	seconds int
}

var (
	procsRe = regexp.MustCompile(`-\d+$`)
	logRe   = regexp.MustCompile(`^\s+\S+\.go:\d+: (.*)$`)
	nRe     = regexp.MustCompile(`\bN=(\d+)`)
)

func parse(in io.Reader) (*results, error) {
	r := &results{values: map[key][]float64{}, logs: map[string][]string{}, n: 10000}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	logOf := ""
	for sc.Scan() {
		line := sc.Text()
		if c, ok := strings.CutPrefix(line, "cpu: "); ok {
			r.cpu = strings.TrimSpace(c)
			continue
		}
		if v, ok := strings.CutPrefix(line, "bench-start: "); ok {
			r.start = parseStamp(v)
			continue
		}
		if v, ok := strings.CutPrefix(line, "bench-end: "); ok {
			r.end = parseStamp(v)
			continue
		}
		if v, ok := strings.CutPrefix(line, "bench-config: "); ok {
			r.config = v
			if m := nRe.FindStringSubmatch(v); m != nil {
				r.n, _ = strconv.Atoi(m[1])
			}
			continue
		}
		if v, ok := strings.CutPrefix(line, "bench-step: "); ok {
			if i := strings.LastIndexByte(v, ' '); i > 0 {
				s, err := strconv.Atoi(v[i+1:])
				if err == nil {
					r.steps = append(r.steps, step{v[:i], s})
				}
			}
			continue
		}
		if v, ok := strings.CutPrefix(line, "--- BENCH: "); ok {
			logOf = benchName(strings.TrimSpace(v))
			continue
		}
		if m := logRe.FindStringSubmatch(line); m != nil && logOf != "" {
			r.logs[logOf] = append(r.logs[logOf], m[1])
			continue
		}
		logOf = ""
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := benchName(f[0])
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			k := key{name, f[i+1]}
			if _, ok := r.values[k]; !ok {
				r.order = append(r.order, k)
			}
			r.values[k] = append(r.values[k], v)
		}
	}
	return r, sc.Err()
}

func benchName(s string) string {
	return procsRe.ReplaceAllString(strings.TrimPrefix(s, "Benchmark"), "")
}

func parseStamp(v string) stamp {
	f := strings.Fields(v)
	var s stamp
	if len(f) > 0 {
		if sec, err := strconv.ParseInt(f[0], 10, 64); err == nil {
			s.at = time.Unix(sec, 0).UTC()
		}
	}
	if len(f) >= 4 {
		s.load = strings.Join(f[1:4], " ")
	}
	return s
}

// stat is one figure over its runs.
type stat struct {
	med, min, max float64
	runs          int
}

func (r *results) get(bench, unit string) (stat, bool) {
	v := r.values[key{bench, unit}]
	if len(v) == 0 {
		return stat{}, false
	}
	return stat{median(v), slices.Min(v), slices.Max(v), len(v)}, true
}

// show writes a figure as "median unit (min–max, k runs)".
func (s stat) show(unit string) string {
	if s.runs == 1 {
		return fmt.Sprintf("%s %s (1 run)", num(s.med), unit)
	}
	return fmt.Sprintf("%s %s (%s–%s, %d runs)", num(s.med), unit, num(s.min), num(s.max), s.runs)
}

// verdict says whether a measured value met its target.
func verdict(ok bool) string {
	if ok {
		return "met"
	}
	return "**missed**"
}

const notMeasured = "not measured in this run"

func run(in io.Reader, out io.Writer, now time.Time) error {
	r, err := parse(in)
	if err != nil {
		return err
	}
	w := func(format string, a ...any) { fmt.Fprintf(out, format, a...) }
	syn := fmt.Sprintf("synthetic-%d", r.n)
	site := fmt.Sprintf("the synthetic site of %d materials and %d organizations", r.n, r.n/10)

	w("# Benchmarks\n\n")
	w("Written by `make bench` (%s) on %s.", r.config, now.UTC().Format("2006-01-02 15:04 MST"))
	if r.n != 10000 {
		w(" **This is a small run (N=%d), not the 10,000-material site the targets name: it shows that the benchmarks work, not whether the targets are met.**", r.n)
	}
	w("\n\n")

	// Headline rows: one table per issue.
	w("## Issue 12: build and edit speed\n\n")
	w("| what | this run: median (min–max, runs) | target | |\n|---|---|---|---|\n")
	ours, okOurs := r.get("FullBuild/"+syn, "wall-s")
	theirs, okTheirs := r.get("HugoPagefind/"+syn, "wall-s")
	switch {
	case okOurs && okTheirs:
		ratio := ours.med / theirs.med
		w("| Full build of %s, pages and search index: wall time | %s; Hugo + Pagefind %s; **ratio %.2f** | at most 0.20 of Hugo + Pagefind's wall time in the same run | %s |\n",
			site, ours.show("s"), theirs.show("s"), ratio, verdict(ratio <= 0.20))
	case okOurs:
		w("| Full build of %s, pages and search index: wall time | %s; Hugo + Pagefind not installed (make bench-tools) | at most 0.20 of Hugo + Pagefind's wall time in the same run | %s |\n", site, ours.show("s"), notMeasured)
	default:
		w("| Full build of %s: wall time | %s | at most 0.20 of Hugo + Pagefind's | |\n", site, notMeasured)
	}
	if s, ok := r.get("FullBuild/"+syn, "cpu-s"); ok {
		cell := s.show("s")
		if h, ok := r.get("HugoPagefind/"+syn, "cpu-s"); ok {
			cell += fmt.Sprintf("; Hugo + Pagefind %s; ratio %.2f", h.show("s"), s.med/h.med)
		}
		w("| the same build: CPU time (user + system) | %s | (none: 2 cores, so wall is at least half of it) | |\n", cell)
	}
	if s, ok := r.get("FullBuild/"+syn, "peak-RSS-MB"); ok {
		cell := s.show("MB")
		if h, ok := r.get("HugoPagefind/"+syn, "peak-RSS-MB"); ok {
			cell += fmt.Sprintf("; Hugo + Pagefind %s", h.show("MB"))
		}
		w("| the same build: peak resident memory | %s | at most 500 MB in every run | %s |\n", cell, verdict(s.max <= 500))
	}
	if s, ok := r.get("FullBuild/digitalgov", "wall-s"); ok {
		cell := s.show("s")
		if c, ok := r.get("FullBuild/digitalgov", "cpu-s"); ok {
			cell += fmt.Sprintf(", CPU %s", c.show("s"))
		}
		if p, ok := r.get("FullBuild/digitalgov", "pages"); ok {
			cell += fmt.Sprintf(", %s pages", num(p.med))
		}
		w("| Full build of digital.gov (the shared corpus), pages and index: wall time | %s | under 2 s | %s |\n", cell, verdict(s.med < 2))
	} else {
		w("| Full build of digital.gov | %s (the corpus is not there) | under 2 s | |\n", notMeasured)
	}
	w("| Memory at 10k, 25k, 50k materials (grows at most linearly) | %s: `BENCH_N=50000 go test -run '^$' -bench 'FullBuild/synthetic' -benchtime=1x ./generator/` gives one build's peak-RSS-MB | linear | |\n", notMeasured)
	edits := r.editKinds(syn)
	if len(edits) == 0 {
		w("| Dev server edits | %s | each within 200 ms | |\n", notMeasured)
	}
	for _, kind := range edits {
		bench := "Edit/" + syn + "/" + kind
		for _, part := range []struct{ label, prefix string }{{kind, ""}, {kind + " off again", "off-"}} {
			s, ok := r.get(bench, part.prefix+"latency-ms")
			if !ok {
				continue
			}
			label := part.label
			if kind == "draft" && part.prefix == "" {
				label = "draft on"
			}
			cell := s.show("ms")
			if p, ok := r.get(bench, part.prefix+"pages-rendered"); ok {
				cell += fmt.Sprintf(", %s pages rendered", num(p.med))
			}
			if part.prefix == "" {
				if c, ok := r.get("SessionEdit/"+syn+"/"+kind, "cpu-ms/op"); ok {
					cell += fmt.Sprintf("; Session.Update alone %s ms CPU an edit", num(c.med))
					if kind == "draft" {
						cell += " (on and off, the mean)"
					}
				}
				if why := r.rendered("SessionEdit/" + syn + "/" + kind); why != "" {
					cell += "; re-rendered: " + why
				}
			}
			w("| Dev server, %s edit: saved file to reload message | %s | within 200 ms | %s |\n", label, cell, verdict(s.med <= 200))
		}
	}
	w("\n")

	w("## Issue 11: search\n\n")
	w("| what | this run: median (min–max, runs) | target | |\n|---|---|---|---|\n")
	for _, s := range []struct{ name, label string }{{syn, site}, {"digitalgov", "digital.gov"}} {
		c, ok := r.get("SearchMix/"+s.name, "cpu-ms")
		if !ok {
			w("| CPU per search, %s | %s | | |\n", s.label, notMeasured)
			continue
		}
		w("| CPU per search over the query mix of %s (cache off, facets counted) | %s | at most 1 ms (this session's goal for issue 11) | %s |\n", s.label, c.show("ms"), verdict(c.med <= 1))
	}
	if s, ok := r.get("FunctionBundle/"+syn, "bundle-zip-MB"); ok {
		cell := s.show("MB")
		if b, ok := r.get("FunctionBundle/"+syn, "bundle-MB"); ok {
			cell += fmt.Sprintf(" (binary %s MB", num(b.med))
			if p, ok := r.get("FunctionBundle/"+syn, "program-zip-MB"); ok {
				cell += fmt.Sprintf("; the program without an index %s MB zipped", num(p.med))
			}
			cell += ")"
		}
		w("| Search function bundle for %s, zipped (MB of 10^6 bytes) | %s | at most 25 MB | %s |\n", site, cell, verdict(s.med <= 25))
	} else {
		w("| Search function bundle, zipped | %s | at most 25 MB | |\n", notMeasured)
	}
	for _, s := range []struct{ name, label string }{{syn, site}, {"digitalgov", "digital.gov"}} {
		p50, ok := r.get("SearchMix/"+s.name, "json-KB-p50")
		if !ok {
			continue
		}
		cell := p50.show("KB")
		if p90, ok := r.get("SearchMix/"+s.name, "json-KB-p90"); ok {
			cell += fmt.Sprintf("; 90th percentile %s KB", num(p90.med))
		}
		if mx, ok := r.get("SearchMix/"+s.name, "json-KB-max"); ok {
			cell += fmt.Sprintf("; largest %s KB", num(mx.max))
		}
		if z, ok := r.get("SearchMix/"+s.name, "gzip-KB-p50"); ok {
			cell += fmt.Sprintf("; gzipped %s KB", num(z.med))
		}
		w("| Typical JSON answer (median over the query mix, results page's request), %s | %s | under 10 KB | %s |\n", s.label, cell, verdict(p50.med < 10))
	}
	w("\n")
	r.loadTable(out, syn, site)

	// The machine and the steps.
	w("## The run\n\n")
	w("- Machine: %d cores", runtime.NumCPU())
	if r.cpu != "" {
		w(" (%s)", r.cpu)
	}
	w(", %s.\n", runtime.Version()+" (benchtable; the benchmarks' Go is in the first line)")
	if !r.start.at.IsZero() {
		w("- Started %s, load average %s; ", r.start.at.Format("2006-01-02 15:04:05 MST"), r.start.load)
	} else {
		w("- ")
	}
	if !r.end.at.IsZero() {
		w("ended %s, load average %s.", r.end.at.Format("15:04:05 MST"), r.end.load)
	} else if load, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(load)); len(f) >= 3 {
			w("load average at the end %s.", strings.Join(f[:3], " "))
		}
	}
	w(" Wall times rise with the load (on a shared machine far more than CPU times do).\n")
	for _, l := range r.logs["HugoPagefind/"+syn] {
		if v, ok := strings.CutPrefix(l, "versions: "); ok {
			w("- Side by side: %s.\n", v)
			break
		}
	}
	if len(r.steps) > 0 {
		w("\n| step | seconds |\n|---|---:|\n")
		total := 0
		for _, s := range r.steps {
			w("| %s | %d |\n", s.name, s.seconds)
			total += s.seconds
		}
		w("| **all** | **%d** (%.1f min) |\n", total, float64(total)/60)
	}
	w("\n")

	w("## Every figure\n\n")
	w("Each row is the median of the runs, with the fastest and the slowest. The synthetic site is package synthetic's (generator/internal/synthetic): materials of about 600 words and a tenth as many organizations, every one marked synthetic; `make bench N=...` sets the number of materials. " +
		"FullBuild runs the built command (`generator build`, pages and search index) as a child process: peak-RSS-MB is that process's peak resident memory (MB here are 2^20 bytes). " +
		"HugoPagefind runs `hugo` and then `pagefind` on the same materials with a minimal theme (generator/bench_test.go): Hugo gets no organization pages. " +
		"IndexBuild is the search index alone, from the documents of one build. FunctionBundle builds netlify/functions/search for linux with the synthetic index embedded and zips it at the highest level. " +
		"Edit is the dev server from a saved file to the reload message, with the search index caught up before each edit; SessionEdit is site.Session.Update alone (cpu-ms/op from getrusage, GC included). " +
		"Search is single searches on digital.gov; SearchMix the query mix in one goroutine (cpu-ms per search, answer sizes); SearchLoad 1, 16 and 32 clients over loopback, 200 searches each, in the same process as the server (its cpu-ms includes the clients').\n\n")
	w("| benchmark | unit | median | min | max | runs |\n|---|---|---:|---:|---:|---:|\n")
	for _, k := range r.order {
		s, _ := r.get(k.bench, k.unit)
		w("| %s | %s | %s | %s | %s | %d |\n", k.bench, k.unit, num(s.med), num(s.min), num(s.max), s.runs)
	}
	if reasons := r.allRendered(syn); reasons != "" {
		w("\n### What each edit re-rendered (BenchmarkSessionEdit's first edit of each kind)\n\n%s", reasons)
	}
	return nil
}

// editKinds are the dev server's edit kinds in this run, in order.
func (r *results) editKinds(syn string) []string {
	var kinds []string
	prefix := "Edit/" + syn + "/"
	for _, k := range r.order {
		if kind, ok := strings.CutPrefix(k.bench, prefix); ok && k.unit == "latency-ms" && !slices.Contains(kinds, kind) {
			kinds = append(kinds, kind)
		}
	}
	return kinds
}

var renderedRe = regexp.MustCompile(`^rendered (\S+): (.*)$`)

// rendered summarises what a SessionEdit benchmark logged it rendered: the
// pages (up to six) with their reasons, from the first run.
func (r *results) rendered(bench string) string {
	var pages []string
	seen := map[string]bool{}
	for _, l := range r.logs[bench] {
		m := renderedRe.FindStringSubmatch(l)
		if m == nil || seen[m[1]] {
			continue
		}
		seen[m[1]] = true
		pages = append(pages, fmt.Sprintf("%s (%s)", m[1], m[2]))
	}
	if len(pages) > 6 {
		return strings.Join(pages[:6], ", ") + fmt.Sprintf(" and %d more", len(pages)-6)
	}
	return strings.Join(pages, ", ")
}

// allRendered lists every page each SessionEdit kind logged.
func (r *results) allRendered(syn string) string {
	var b strings.Builder
	prefix := "SessionEdit/" + syn + "/"
	var benches []string
	for _, k := range r.order {
		if strings.HasPrefix(k.bench, prefix) && !slices.Contains(benches, k.bench) {
			benches = append(benches, k.bench)
		}
	}
	for _, bench := range benches {
		seen := map[string]bool{}
		fmt.Fprintf(&b, "- **%s**:", strings.TrimPrefix(bench, prefix))
		n := 0
		for _, l := range r.logs[bench] {
			if m := renderedRe.FindStringSubmatch(l); m != nil && !seen[m[1]] {
				seen[m[1]] = true
				sep := ","
				if n == 0 {
					sep = ""
				}
				fmt.Fprintf(&b, "%s `%s` (%s)", sep, m[1], m[2])
				n++
			}
		}
		if n == 0 {
			b.WriteString(" nothing logged")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// loadTable writes the search-under-load rows: each site, with and
// without the answer cache, at 1, 16 and 32 clients.
func (r *results) loadTable(out io.Writer, syn, site string) {
	w := func(format string, a ...any) { fmt.Fprintf(out, format, a...) }
	found := false
	for _, k := range r.order {
		if strings.HasPrefix(k.bench, "SearchLoad/") {
			found = true
			break
		}
	}
	if !found {
		w("Search under load: %s.\n\n", notMeasured)
		return
	}
	w("### Search under load: `/api/search` over loopback, closed loop, 200 searches per client (medians of the runs; ms)\n\n")
	w("Targets (issue 11, on %s): at 16 clients p50 at most 5 ms and p99 at most 50 ms; no errors at 32. digital.gov has no target of its own.\n\n", "the 10,000-material site")
	w("| site | answer cache | clients | p50 | p90 | p99 | max | errors | searches/s | CPU per search | runs | target |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n")
	for _, s := range []struct{ name, label string }{{syn, site}, {"digitalgov", "digital.gov"}} {
		for _, cache := range []string{"off", "on"} {
			for _, c := range []int{1, 16, 32} {
				b := fmt.Sprintf("SearchLoad/%s/cache=%s/clients=%d", s.name, cache, c)
				p50, ok := r.get(b, "p50-ms")
				if !ok {
					continue
				}
				get := func(unit string) stat { v, _ := r.get(b, unit); return v }
				p99, errs := get("p99-ms"), get("errors")
				target := ""
				if s.name == syn {
					switch c {
					case 16:
						target = verdict(p50.med <= 5 && p99.med <= 50 && errs.max == 0)
					case 32:
						target = verdict(errs.max == 0) + " (errors)"
					}
				}
				w("| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %d | %s |\n", s.label, cache, c,
					num(p50.med), num(get("p90-ms").med), num(p99.med), num(get("max-ms").max),
					strconv.Itoa(int(errs.max)), num(get("req/s").med), num(get("cpu-ms").med), p50.runs, target)
			}
		}
	}
	w("\nerrors and max are the largest of the runs, the rest medians.\n\n")
}

func median(v []float64) float64 {
	v = slices.Clone(v)
	slices.Sort(v)
	if len(v) == 0 {
		return 0
	}
	if len(v)%2 == 0 {
		return (v[len(v)/2-1] + v[len(v)/2]) / 2
	}
	return v[len(v)/2]
}

func num(f float64) string {
	switch {
	case f >= 100:
		return strconv.FormatFloat(f, 'f', 0, 64)
	case f >= 1:
		return strconv.FormatFloat(f, 'f', 2, 64)
	case f == 0:
		return "0"
	default:
		return strconv.FormatFloat(f, 'g', 3, 64)
	}
}
