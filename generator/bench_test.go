package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"resourcelib"
	"resourcelib/generator/internal/synthetic"
	"resourcelib/generator/publish"
	"resourcelib/generator/search"
	"resourcelib/generator/server"
	"resourcelib/generator/site"
)

// The benchmarks here measure what an editor waits for, with the command as
// it is shipped: `make bench` runs them and writes BENCHMARKS.md (see
// tools/benchtable). The site is the synthetic library of package
// synthetic, BENCH_N materials (10,000 by default) and a tenth as many
// organizations, and the digital.gov corpus when it is there.

// benchN is the number of synthetic materials.
func benchN(b *testing.B) int {
	n := 10000
	if s := os.Getenv("BENCH_N"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n < 1 {
			b.Fatalf("BENCH_N=%q is not a positive number", s)
		}
	}
	return n
}

var (
	syntheticDirs = map[int]string{}
	syntheticMu   sync.Mutex
)

// syntheticSite returns the folder of the synthetic site of n materials.
// The site is the same every time, so it is written once into the system's
// temporary folder and kept there for the next run.
func syntheticSite(b *testing.B, n int) string {
	syntheticMu.Lock()
	defer syntheticMu.Unlock()
	if dir := syntheticDirs[n]; dir != "" {
		return dir
	}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("resourcelib-synthetic-%d", n))
	if _, err := os.Stat(filepath.Join(dir, "content")); err != nil {
		tmp, err := os.MkdirTemp(os.TempDir(), "resourcelib-synthetic-")
		if err != nil {
			b.Fatal(err)
		}
		if err := synthetic.Write(tmp, synthetic.Options{Materials: n, Organizations: n / 10}); err != nil {
			os.RemoveAll(tmp)
			b.Fatal(err)
		}
		if err := os.Rename(tmp, dir); err != nil {
			os.RemoveAll(tmp)
			if _, err := os.Stat(filepath.Join(dir, "content")); err != nil {
				b.Fatal(err)
			}
		}
	}
	syntheticDirs[n] = dir
	return dir
}

var (
	binaryOnce sync.Once
	binaryPath string
	binaryErr  error
)

// generatorBinary builds the command once, so that a build's peak memory
// is its own process's.
func generatorBinary(b testing.TB) string {
	binaryOnce.Do(func() {
		dir, err := os.MkdirTemp("", "generator-bench-")
		if err != nil {
			binaryErr = err
			return
		}
		binaryPath = filepath.Join(dir, "generator")
		out, err := exec.Command("go", "build", "-o", binaryPath, ".").CombinedOutput()
		if err != nil {
			binaryErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binaryErr != nil {
		b.Fatal(binaryErr)
	}
	return binaryPath
}

// digitalGov is the real Hugo site in the shared folder.
const digitalGov = "../../shared/corpora/digitalgov"

// BenchmarkFullBuild runs `generator build` (pages and search index) as a
// child process, one build per iteration, and reports its wall and CPU
// time, its peak resident memory, pages per second, and the size of the
// output and of the index.
func BenchmarkFullBuild(b *testing.B) {
	bin := generatorBinary(b)
	n := benchN(b)
	sites := []struct{ name, dir string }{
		{fmt.Sprintf("synthetic-%d", n), ""},
		{"digitalgov", digitalGov},
	}
	for _, s := range sites {
		b.Run(s.name, func(b *testing.B) {
			dir := s.dir
			if dir == "" {
				dir = syntheticSite(b, n)
			} else if _, err := os.Stat(filepath.Join(dir, "content")); err != nil {
				b.Skipf("%s is not there: %v", dir, err)
			}
			out := filepath.Join(b.TempDir(), "public")
			for i := 0; i < b.N; i++ {
				r := runBuild(b, bin, dir, out)
				b.ReportMetric(r.wall.Seconds(), "wall-s")
				b.ReportMetric(r.cpu.Seconds(), "cpu-s")
				b.ReportMetric(r.sys.Seconds(), "sys-s")
				b.ReportMetric(float64(r.maxRSS)/(1<<20), "peak-RSS-MB")
				b.ReportMetric(float64(r.pages), "pages")
				b.ReportMetric(float64(r.pages)/r.wall.Seconds(), "pages/s")
				b.ReportMetric(float64(treeSize(out))/(1<<20), "out-MB")
				b.ReportMetric(float64(treeSize(out+".search"))/(1<<20), "index-MB")
			}
		})
	}
}

type buildRun struct {
	wall, cpu, sys time.Duration
	maxRSS         int64 // bytes
	pages          int
}

var builtRe = regexp.MustCompile(`^built (\d+) pages?`)

func runBuild(b *testing.B, bin, source, out string) buildRun {
	cmd := exec.Command(bin, "build", "-source", source, "-out", out)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		b.Fatalf("%s: %v\n%s", source, err, stderr.Bytes())
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	m := builtRe.FindSubmatch(stdout.Bytes())
	if m == nil {
		b.Fatalf("unexpected output: %s", stdout.Bytes())
	}
	pages, _ := strconv.Atoi(string(m[1]))
	return buildRun{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(),
		sys: cmd.ProcessState.SystemTime(), maxRSS: ru.Maxrss * 1024, pages: pages}
}

func treeSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// recorder keeps the documents of a build, to index them again alone.
type recorder struct {
	mu   sync.Mutex
	docs []site.Document
}

func (r *recorder) Add(d site.Document) error {
	r.mu.Lock()
	r.docs = append(r.docs, d)
	r.mu.Unlock()
	return nil
}
func (r *recorder) SearchPage(string, []byte, map[string]string) error { return nil }
func (r *recorder) Finish() (*publish.Folder, error)                   { return nil, nil }
func (r *recorder) Abort()                                             {}

// BenchmarkIndexBuild measures the search index alone: the documents of
// the synthetic site, added from two goroutines as a build does, and the
// index finished (in its new folder, not published).
func BenchmarkIndexBuild(b *testing.B) {
	n := benchN(b)
	src := syntheticSite(b, n)
	rec := &recorder{}
	if _, err := site.Build(site.Options{Source: os.DirFS(src), Theme: os.DirFS("../"), Out: filepath.Join(b.TempDir(), "public"), Index: rec}); err != nil {
		b.Fatal(err)
	}
	b.Run(fmt.Sprintf("synthetic-%d", n), func(b *testing.B) {
		dir := filepath.Join(b.TempDir(), "index")
		for i := 0; i < b.N; i++ {
			start := time.Now()
			ix, err := search.NewIndexer(dir)
			if err != nil {
				b.Fatal(err)
			}
			var wg sync.WaitGroup
			for w := range 2 {
				wg.Go(func() {
					for j := w; j < len(rec.docs); j += 2 {
						if err := ix.Add(rec.docs[j]); err != nil {
							b.Error(err)
						}
					}
				})
			}
			wg.Wait()
			f, err := ix.Finish()
			if err != nil {
				b.Fatal(err)
			}
			b.ReportMetric(time.Since(start).Seconds(), "index-s")
			b.ReportMetric(float64(len(rec.docs)), "docs")
			b.ReportMetric(float64(treeSize(f.Dir))/(1<<20), "index-MB")
			f.Discard()
		}
	})
}

// editSeq numbers the edits of a process.
var editSeq int

var doneRe = regexp.MustCompile(`(?m)^(?:updated \S+ in \S+: (\d+) pages? rendered|built (\d+) pages? in \S+)\n\z`)

// BenchmarkEdit measures the dev server from the moment its watcher
// reports a saved file (after its 30 ms wait for the editor to finish) to
// the message that reloads the page, for each kind of edit, and reports
// how many pages it rendered to get there: those site.Session.Update
// rendered again, or the whole site for a full build. The search index
// catches up afterwards, in the background build this waits for between
// edits. (generator/site's BenchmarkSessionEdit measures Update alone,
// with its CPU time.)
func BenchmarkEdit(b *testing.B) {
	n := benchN(b)
	orig := syntheticSite(b, n)
	// A copy, since edits change it, with one layout of its own (used by
	// the three taxonomy pages) that the bundled ones fall back around.
	src := filepath.Join(b.TempDir(), "site")
	if err := os.CopyFS(src, os.DirFS(orig)); err != nil {
		b.Fatal(err)
	}
	layout, err := os.ReadFile("../layouts/taxonomy.html")
	if err != nil {
		b.Fatal(err)
	}
	os.MkdirAll(filepath.Join(src, "layouts"), 0o755)
	if err := os.WriteFile(filepath.Join(src, "layouts/taxonomy.html"), layout, 0o644); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "public")
	var stdout, stderr lockedBuffer
	d := server.NewDev(server.DevConfig{Source: src, Out: out, Index: indexDir(out, ""),
		Options: site.Options{Theme: resourcelib.Bundle, WarnLinks: true}, Stdout: &stdout, Stderr: &stderr})
	if !d.Build() {
		b.Fatalf("the first build failed:\n%s", stderr.String())
	}
	defer d.Close()
	for _, e := range synthetic.Edits {
		b.Run(fmt.Sprintf("synthetic-%d/%s", n, e.Name), func(b *testing.B) {
			file := filepath.Join(src, filepath.FromSlash(e.File))
			data, err := os.ReadFile(file)
			if err != nil {
				b.Fatal(err)
			}
			defer os.WriteFile(file, data, 0o644)
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				d.Settle() // the last quick update's catch-up build
				// A number never used before, so that every edit changes
				// what the server has, in every run of -count.
				editSeq++
				if err := os.WriteFile(file, []byte(e.Change(string(data), editSeq)), 0o644); err != nil {
					b.Fatal(err)
				}
				stdout.Reset()
				b.StartTimer()
				start := time.Now()
				d.Changed(file)
				took := time.Since(start)
				b.StopTimer()
				m := doneRe.FindStringSubmatch(stdout.String())
				if m == nil {
					b.Fatalf("the edit was not published:\n%s%s", stdout.String(), stderr.String())
				}
				pages, _ := strconv.Atoi(m[1] + m[2]) // one of them is set
				b.ReportMetric(took.Seconds()*1000, "latency-ms")
				b.ReportMetric(float64(pages), "pages-rendered")
				b.StartTimer()
			}
		})
	}
}

// BenchmarkHugoPagefind builds the same synthetic site with Hugo and then
// Pagefind, when both are installed, for a side-by-side ratio.
func BenchmarkHugoPagefind(b *testing.B) {
	hugo, err1 := exec.LookPath("hugo")
	pagefind, err2 := exec.LookPath("pagefind")
	if err1 != nil || err2 != nil {
		b.Skip("hugo and pagefind are not both installed: no side-by-side figures")
	}
	n := benchN(b)
	src := syntheticSite(b, n)
	b.Run(fmt.Sprintf("synthetic-%d", n), func(b *testing.B) {
		// A minimal theme: one page layout and one list layout.
		dir := b.TempDir()
		files := map[string]string{
			"hugo.toml":                    "baseURL = 'https://synthetic.example.org/'\ntitle = 'Synthetic library'\n[taxonomies]\ntag = 'tags'\ntopic = 'topics'\naudience = 'audience'\n",
			"layouts/_default/baseof.html": "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{.Title}}</title></head><body>{{block \"main\" .}}{{end}}</body></html>\n",
			"layouts/_default/single.html": "{{define \"main\"}}<main data-pagefind-body><h1>{{.Title}}</h1>{{.TableOfContents}}{{.Content}}</main>{{end}}\n",
			"layouts/_default/list.html":   "{{define \"main\"}}<main><h1>{{.Title}}</h1><ul>{{range .Paginator.Pages}}<li><a href=\"{{.RelPermalink}}\">{{.Title}}</a> {{.Summary}}</li>{{end}}</ul></main>{{end}}\n",
		}
		for name, text := range files {
			p := filepath.Join(dir, name)
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
				b.Fatal(err)
			}
		}
		if err := os.Symlink(filepath.Join(src, "content"), filepath.Join(dir, "content")); err != nil {
			b.Fatal(err)
		}
		out := filepath.Join(dir, "public")
		for i := 0; i < b.N; i++ {
			os.RemoveAll(out)
			var cpu time.Duration
			var rss int64
			start := time.Now()
			for _, args := range [][]string{{hugo, "--quiet", "--source", dir, "--destination", out}, {pagefind, "--site", out, "--silent"}} {
				cmd := exec.Command(args[0], args[1:]...)
				if o, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("%s: %v\n%s", args[0], err, o)
				}
				cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
				rss = max(rss, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss*1024)
			}
			b.ReportMetric(time.Since(start).Seconds(), "wall-s")
			b.ReportMetric(cpu.Seconds(), "cpu-s")
			b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MB")
		}
	})
}
