// Command benchtable turns the output of `go test -bench` (read from
// standard input) into the Markdown table of BENCHMARKS.md: for each
// benchmark and unit, the median, the minimum and the maximum of its runs
// (-count), with the machine's core count, its load and the date. `make
// bench` runs it; it is a command of its own because benchstat reports
// confidence intervals, not the extremes.
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

type key struct{ bench, unit string }

func main() {
	if err := run(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
}

var procsRe = regexp.MustCompile(`-\d+$`)

func run(in io.Reader, out io.Writer) error {
	values := map[key][]float64{}
	var order []key
	var cpu string
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if c, ok := strings.CutPrefix(line, "cpu: "); ok {
			cpu = strings.TrimSpace(c)
		}
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := procsRe.ReplaceAllString(strings.TrimPrefix(f[0], "Benchmark"), "")
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				continue
			}
			k := key{name, f[i+1]}
			if _, ok := values[k]; !ok {
				order = append(order, k)
			}
			values[k] = append(values[k], v)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(out, "# Benchmarks\n\nWritten by `make bench` on %s: %d cores", time.Now().UTC().Format("2006-01-02 15:04 MST"), runtime.NumCPU())
	if cpu != "" {
		fmt.Fprintf(out, " (%s)", cpu)
	}
	if f := strings.Fields(string(load)); len(f) >= 3 {
		fmt.Fprintf(out, ", load average %s %s %s at the end (the machine is shared: wall times rise with the load, CPU times much less)", f[0], f[1], f[2])
	}
	fmt.Fprintf(out, ", %s.\n\n", runtime.Version())
	fmt.Fprintln(out, "Each row is the median of the runs, with the fastest and the slowest. The synthetic site is package synthetic's (generator/internal/synthetic): materials of about 600 words and a tenth as many organizations; `make bench N=...` sets the number of materials. FullBuild runs the built command (`generator build`, pages and search index) as a child process: peak-RSS-MB is that process's peak resident memory. Edit is the dev server from a saved file to the reload message; pages-rendered is what it rendered to get there.")
	fmt.Fprintln(out)
	fmt.Fprintln(out, "| benchmark | unit | median | min | max | runs |")
	fmt.Fprintln(out, "|---|---|---:|---:|---:|---:|")
	for _, k := range order {
		v := values[k]
		fmt.Fprintf(out, "| %s | %s | %s | %s | %s | %d |\n", k.bench, k.unit, num(median(v)), num(slices.Min(v)), num(slices.Max(v)), len(v))
	}
	fmt.Fprintln(out)
	var ratio []string
	for _, k := range order {
		if !strings.HasPrefix(k.bench, "HugoPagefind/") || k.unit != "wall-s" {
			continue
		}
		ours := values[key{"FullBuild/" + strings.TrimPrefix(k.bench, "HugoPagefind/"), "wall-s"}]
		if len(ours) > 0 {
			ratio = append(ratio, fmt.Sprintf("%s: this generator / Hugo + Pagefind, median wall time: %.2f", strings.TrimPrefix(k.bench, "HugoPagefind/"), median(ours)/median(values[k])))
		}
	}
	if len(ratio) == 0 {
		fmt.Fprintln(out, "Hugo and Pagefind were not installed on this machine: no side-by-side ratio in this run.")
	}
	for _, r := range ratio {
		fmt.Fprintln(out, r+"\n")
	}
	return nil
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
	case f >= 1e6:
		return strconv.FormatFloat(f, 'f', 0, 64)
	case f >= 100:
		return strconv.FormatFloat(f, 'f', 0, 64)
	case f >= 1:
		return strconv.FormatFloat(f, 'f', 2, 64)
	default:
		return strconv.FormatFloat(f, 'g', 3, 64)
	}
}
