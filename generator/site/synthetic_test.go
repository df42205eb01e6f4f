package site

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"resourcelib/generator/internal/synthetic"
)

// writeSyntheticSite writes the clearly synthetic site of package
// synthetic into dir: n materials of about 600 words (front matter with
// dates and terms, headings, lists, tables, links to other pages and their
// headings) and n/10 organizations, so that lists, feeds, taxonomies, the
// directory and the link check all have work to do.
func writeSyntheticSite(tb testing.TB, dir string, n int) {
	tb.Helper()
	if err := synthetic.Write(dir, synthetic.Options{Materials: n, Organizations: n / 10}); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkRebuild10k measures the dev server's rebuild after one material
// of a 10,000-page synthetic site changes: a full build into the atomic
// output (without the search index; see the search package's benchmark).
func BenchmarkRebuild10k(b *testing.B) {
	src := b.TempDir()
	writeSyntheticSite(b, src, 10000)
	out := filepath.Join(b.TempDir(), "public")
	opts := Options{Source: os.DirFS(src), Theme: os.DirFS("../.."), Out: out}
	if _, err := Build(opts); err != nil {
		b.Fatal(err)
	}
	page := filepath.Join(src, "content/materials/synthetic-5.md")
	orig, _ := os.ReadFile(page)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		os.WriteFile(page, append(orig, fmt.Sprintf("\nEdit %d.\n", i)...), 0o644)
		res, err := Build(opts)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Pages), "pages")
	}
}

// BenchmarkSessionEdit measures Session.Update on the synthetic site of
// BENCH_N materials (10,000 by default) for each kind of edit an editor
// saves, and reports what it rendered: pages whose layout ran, pages whose
// Markdown was rendered, files written or removed (a paginated list
// writes only its files whose entries changed), cards rendered (the
// others are reused, see pageData.Card), names of the output whose claims
// were checked (see claimCounts), and the process's CPU time per
// edit (user+sys, from getrusage: GC included), the mean and the median
// of the b.N edits. The search index is not updated (the dev server's
// background build does that). The profile of -cpuprofile is labelled by
// kind of edit.
func BenchmarkSessionEdit(b *testing.B) {
	n := 10000
	if v := os.Getenv("BENCH_N"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 10 {
			b.Fatalf("BENCH_N=%q is not a number of at least 10", v)
		}
	}
	src := b.TempDir()
	writeSyntheticSite(b, src, n)
	layout, err := os.ReadFile("../../layouts/taxonomy.html")
	if err != nil {
		b.Fatal(err)
	}
	os.MkdirAll(filepath.Join(src, "layouts"), 0o755)
	if err := os.WriteFile(filepath.Join(src, "layouts/taxonomy.html"), layout, 0o644); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "public")
	sess, res, err := BuildSession(Options{Source: os.DirFS(src), Theme: os.DirFS("../.."), Out: out, WarnLinks: true})
	if err != nil {
		b.Fatal(err)
	}
	defer sess.Close()
	seq := 0
	for _, e := range synthetic.Edits {
		b.Run(fmt.Sprintf("synthetic-%d/%s", n, e.Name), func(b *testing.B) {
			name := filepath.Join(src, filepath.FromSlash(e.File))
			orig, err := os.ReadFile(name)
			if err != nil {
				b.Fatal(err)
			}
			defer func() {
				os.WriteFile(name, orig, 0o644)
				if _, err := sess.Update(e.File); err != nil {
					b.Fatal(err)
				}
			}()
			var rendered, markdown, written, cards, claims int
			var cpu time.Duration
			var cpus []time.Duration // of each edit
			for i := 0; i < b.N; i++ {
				seq++
				b.StopTimer()
				if err := os.WriteFile(name, []byte(e.Change(string(orig), seq)), 0o644); err != nil {
					b.Fatal(err)
				}
				before := cpuTime()
				b.StartTimer()
				var ed Edit
				// Labelled, so that a -cpuprofile splits by kind of edit
				// (go tool pprof -tagfocus edit=title).
				pprof.Do(context.Background(), pprof.Labels("edit", e.Name), func(context.Context) {
					ed, err = sess.Update(e.File)
				})
				b.StopTimer()
				cpus = append(cpus, cpuTime()-before)
				cpu += cpus[len(cpus)-1]
				b.StartTimer()
				if err != nil {
					b.Fatal(err)
				}
				rendered += len(ed.Rendered)
				markdown += ed.Markdown
				cards += ed.Cards
				claims += ed.Claims
				written += len(ed.Written) + len(ed.Removed)
				if i == 0 {
					for _, r := range ed.Rendered {
						b.Logf("rendered %s: %s", r.URL, r.Why)
					}
					b.Logf("assembled again: %v; %d files written, %d removed: %s", ed.Assembled, len(ed.Written), len(ed.Removed), sample(ed.Written, 8))
				}
			}
			b.ReportMetric(float64(rendered)/float64(b.N), "pages-rendered")
			b.ReportMetric(float64(markdown)/float64(b.N), "markdown-rendered")
			b.ReportMetric(float64(written)/float64(b.N), "files-written")
			b.ReportMetric(float64(cards)/float64(b.N), "cards-rendered")
			b.ReportMetric(float64(claims)/float64(b.N), "claims-checked")
			b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
			slices.Sort(cpus)
			b.ReportMetric(float64(cpus[len(cpus)/2].Microseconds())/1000, "cpu-ms-median")
			b.ReportMetric(float64(res.Pages), "site-pages")
		})
	}
}

// sample is the first n of names, and how many more there are.
func sample(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, " ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:n], " "), len(names)-n)
}

// cpuTime is the process's user and system time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
