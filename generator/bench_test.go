package main

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
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

// benchDir is the folder of one `make bench` run (BENCH_DIR): the full
// builds leave their last output there, for the benchmarks after them and
// for the search package's (SEARCH_SYNTHETIC_INDEX), and the helpers put
// their scratch folders in it, so that removing it removes everything.
// Without BENCH_DIR it is "": each benchmark keeps to its own temporary
// folders.
func benchDir() string { return os.Getenv("BENCH_DIR") }

// scratchDir returns a new folder that outlives one benchmark run (for
// what -count runs share): inside BENCH_DIR, or the system's temporary
// folder, where it is left behind.
func scratchDir(b testing.TB, pattern string) string {
	parent := benchDir()
	if parent != "" {
		if err := os.MkdirAll(parent, 0o755); err != nil {
			b.Fatal(err)
		}
	}
	dir, err := os.MkdirTemp(parent, pattern)
	if err != nil {
		b.Fatal(err)
	}
	return dir
}

var (
	syntheticDirs = map[int]string{}
	syntheticMu   sync.Mutex
)

// syntheticSite returns the folder of the synthetic site of n materials.
// The site is the same every time for the same n and the same code of
// package synthetic, so it is written once into the system's temporary
// folder, in a folder named after both (synthetic.Version), and kept
// there for the next run. Benchmarks that change files copy it first.
func syntheticSite(b testing.TB, n int) string {
	syntheticMu.Lock()
	defer syntheticMu.Unlock()
	if dir := syntheticDirs[n]; dir != "" {
		return dir
	}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("resourcelib-synthetic-%d-%s", n, synthetic.Version()))
	if _, err := os.Stat(filepath.Join(dir, "content")); err != nil {
		tmp, err := os.MkdirTemp(os.TempDir(), "resourcelib-synthetic-")
		if err != nil {
			b.Fatal(err)
		}
		start := time.Now()
		if err := synthetic.Write(tmp, synthetic.Options{Materials: n, Organizations: n / 10}); err != nil {
			os.RemoveAll(tmp)
			b.Fatal(err)
		}
		b.Logf("wrote the synthetic site of %d materials in %s: %s", n, time.Since(start).Round(time.Millisecond), dir)
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
		if d := benchDir(); d != "" {
			os.MkdirAll(d, 0o755)
		}
		dir, err := os.MkdirTemp(benchDir(), "generator-bench-")
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
// output and of the index. Every build starts from an empty output folder.
// With BENCH_DIR set, the last build's output stays in BENCH_DIR/NAME/
// (public and public.search), where BenchmarkFunctionBundle and `make
// bench`'s search step find its index.
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
			if d := benchDir(); d != "" {
				out = filepath.Join(d, s.name, "public")
			}
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				os.RemoveAll(out)
				os.RemoveAll(out + ".search")
				b.StartTimer()
				r := runBuild(b, bin, dir, out)
				b.ReportMetric(r.wall.Seconds(), "wall-s")
				b.ReportMetric(r.cpu.Seconds(), "cpu-s")
				b.ReportMetric(r.sys.Seconds(), "sys-s")
				b.ReportMetric(float64(r.maxRSS)/(1<<20), "peak-RSS-MB")
				b.ReportMetric(float64(r.pages), "pages")
				b.ReportMetric(float64(r.pages)/r.wall.Seconds(), "pages/s")
				b.ReportMetric(float64(treeSize(out))/(1<<20), "out-MB")
				b.ReportMetric(float64(treeSize(out+".search"))/(1<<20), "index-MB")
				if r.fnMB > 0 {
					b.ReportMetric(r.fnMB, "fn-estimate-MB")
				}
			}
		})
	}
}

// keptIndex returns the search index of the synthetic site of n
// materials that BenchmarkFullBuild left in BENCH_DIR, or builds one with
// the command into a temporary folder when there is none.
func keptIndex(b *testing.B, n int) string {
	name := fmt.Sprintf("synthetic-%d", n)
	if d := benchDir(); d != "" {
		if dir := filepath.Join(d, name, "public.search"); treeSize(dir) > 0 {
			return dir
		}
	}
	out := filepath.Join(b.TempDir(), "public")
	runBuild(b, generatorBinary(b), syntheticSite(b, n), out)
	return out + ".search"
}

type buildRun struct {
	wall, cpu, sys time.Duration
	maxRSS         int64 // bytes
	pages          int
	fnMB           float64 // the build's own estimate of the search function's zipped size, if it printed one
}

var (
	builtRe = regexp.MustCompile(`^built (\d+) pages?`)
	fnRe    = regexp.MustCompile(`(?m)^search function: about ([0-9.]+) MB zipped`)
)

func runBuild(b testing.TB, bin, source, out string) buildRun {
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
	r := buildRun{wall: wall, cpu: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime(),
		sys: cmd.ProcessState.SystemTime(), maxRSS: ru.Maxrss * 1024, pages: pages}
	if m := fnRe.FindSubmatch(stdout.Bytes()); m != nil {
		r.fnMB, _ = strconv.ParseFloat(string(m[1]), 64)
	}
	return r
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

// indexDocs are the documents of the synthetic site of n materials, from
// one build, kept for every run of -count.
var indexDocs = map[int]*recorder{}

// BenchmarkIndexBuild measures the search index alone: the documents of
// the synthetic site, added from two goroutines as a build does, and the
// index finished (in its new folder, not published). The documents come
// from one build per process, before the first run.
func BenchmarkIndexBuild(b *testing.B) {
	n := benchN(b)
	rec := indexDocs[n]
	if rec == nil {
		rec = &recorder{}
		src := syntheticSite(b, n)
		if _, err := site.Build(site.Options{Source: os.DirFS(src), Theme: os.DirFS("../"), Out: filepath.Join(b.TempDir(), "public"), Index: rec}); err != nil {
			b.Fatal(err)
		}
		indexDocs[n] = rec
	}
	b.Run(fmt.Sprintf("synthetic-%d", n), func(b *testing.B) {
		dir := filepath.Join(b.TempDir(), "index")
		for i := 0; i < b.N; i++ {
			start := time.Now()
			cpu0 := cpuTime()
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
			b.ReportMetric((cpuTime() - cpu0).Seconds(), "cpu-s")
			b.ReportMetric(float64(len(rec.docs)), "docs")
			b.ReportMetric(float64(treeSize(f.Dir))/(1<<20), "index-MB")
			f.Discard()
		}
	})
}

// cpuTime is the CPU time (user and system) of this process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkFunctionBundle builds the search function as Netlify does
// (zip-it-and-ship-it's Go builder: `go build -ldflags "-s -w" -tags
// lambda.norpc` of netlify/functions/search for linux/amd64, without cgo)
// with the synthetic site's index embedded, and reports the binary's size
// and its size zipped at the highest compression (what Netlify's limit of
// 50 MB a function applies to), beside the same program built without an
// index. The index is BenchmarkFullBuild's when it left one in BENCH_DIR.
// The repository is not touched: `go build -overlay` puts the index files
// where the function's go:embed looks for them. Sizes do not vary between
// runs: run it with -count=1.
func BenchmarkFunctionBundle(b *testing.B) {
	n := benchN(b)
	index := keptIndex(b, n)
	fn, err := filepath.Abs("../netlify/functions/search")
	if err != nil {
		b.Fatal(err)
	}
	b.Run(fmt.Sprintf("synthetic-%d", n), func(b *testing.B) {
		dir := b.TempDir()
		replace := map[string]string{}
		filepath.WalkDir(index, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				rel, _ := filepath.Rel(index, p)
				abs, _ := filepath.Abs(p)
				replace[filepath.Join(fn, "index", rel)] = abs
			}
			return nil
		})
		overlay, _ := json.Marshal(map[string]any{"Replace": replace})
		if err := os.WriteFile(filepath.Join(dir, "overlay.json"), overlay, 0o644); err != nil {
			b.Fatal(err)
		}
		for i := 0; i < b.N; i++ {
			for _, v := range []struct {
				name  string
				flags []string
			}{{"bundle", []string{"-overlay", filepath.Join(dir, "overlay.json")}}, {"program", nil}} {
				bin := filepath.Join(dir, v.name)
				args := []string{"build", "-o", bin, "-ldflags", "-s -w", "-tags", "lambda.norpc"}
				cmd := exec.Command("go", append(append(args, v.flags...), ".")...)
				cmd.Dir = fn
				cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH=amd64", "CGO_ENABLED=0")
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("go build: %v\n%s", err, out)
				}
				raw, zipped := zippedSize(b, bin)
				b.ReportMetric(float64(raw)/1e6, v.name+"-MB")
				b.ReportMetric(float64(zipped)/1e6, v.name+"-zip-MB")
			}
			b.ReportMetric(float64(treeSize(index))/1e6, "index-MB")
		}
	})
}

// zippedSize returns a file's size and the size of a zip archive holding
// it alone, deflated at the highest level (as zip -9).
func zippedSize(b *testing.B, name string) (raw, zipped int64) {
	data, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestCompression)
	})
	w, err := zw.Create(filepath.Base(name))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		b.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		b.Fatal(err)
	}
	return int64(len(data)), int64(buf.Len())
}

// editSeq numbers the edits of a process.
var editSeq int

var doneRe = regexp.MustCompile(`(?m)^(?:updated \S+ in \S+: (\d+) pages? rendered|built (\d+) pages? in \S+)\n\z`)

// editSite is the dev server BenchmarkEdit edits, started once per
// process and kept for every run of -count, with the text of each file
// as the server last saw it.
type editSite struct {
	src            string
	d              *server.Dev
	stdout, stderr lockedBuffer
	text           map[string]string // file -> text the server has
}

var editSites = map[int]*editSite{}

// startEditSite copies the synthetic site of n materials (edits change
// it), adds one layout of its own (used by the three taxonomy pages, which
// the bundled ones fall back around), and builds it with a dev server.
func startEditSite(b *testing.B, n int) *editSite {
	if s := editSites[n]; s != nil {
		return s
	}
	s := &editSite{src: filepath.Join(scratchDir(b, "edit-"), "site"), text: map[string]string{}}
	if err := os.CopyFS(s.src, os.DirFS(syntheticSite(b, n))); err != nil {
		b.Fatal(err)
	}
	layout, err := os.ReadFile("../layouts/taxonomy.html")
	if err != nil {
		b.Fatal(err)
	}
	os.MkdirAll(filepath.Join(s.src, "layouts"), 0o755)
	if err := os.WriteFile(filepath.Join(s.src, "layouts/taxonomy.html"), layout, 0o644); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(filepath.Dir(s.src), "public")
	s.d = server.NewDev(server.DevConfig{Source: s.src, Out: out, Index: indexDir(out, ""),
		Options: site.Options{Theme: resourcelib.Bundle, WarnLinks: true}, Stdout: &s.stdout, Stderr: &s.stderr})
	if !s.d.Build() {
		b.Fatalf("the first build failed:\n%s", s.stderr.String())
	}
	editSites[n] = s
	return s
}

// BenchmarkEdit measures the dev server from the moment its watcher
// reports a saved file (after its 30 ms wait for the editor to finish) to
// the message that reloads the page, for each kind of edit of package
// synthetic (the draft edit twice: on, then off again, as off-latency-ms),
// and reports how many pages it rendered to get there: those
// site.Session.Update rendered again, or the whole site for a full build.
// Before each edit the search index has caught up (the background build
// each quick update starts, as after an editor's pause). One server serves
// every run of -count: each edit changes the file as the server last saw
// it, so that it is an edit of its kind alone. (generator/site's
// BenchmarkSessionEdit measures Update alone, with its CPU time and what
// it rendered and why.)
func BenchmarkEdit(b *testing.B) {
	n := benchN(b)
	s := startEditSite(b, n)
	for _, e := range synthetic.Edits {
		b.Run(fmt.Sprintf("synthetic-%d/%s", n, e.Name), func(b *testing.B) {
			file := filepath.Join(s.src, filepath.FromSlash(e.File))
			if _, ok := s.text[file]; !ok {
				data, err := os.ReadFile(file)
				if err != nil {
					b.Fatal(err)
				}
				s.text[file] = string(data)
			}
			// The draft edit is two: on (an odd number), then off again
			// (even), reported apart; the others are one.
			parts := []struct {
				odd    bool
				prefix string
			}{{false, ""}}
			if e.Name == "draft" {
				parts = []struct {
					odd    bool
					prefix string
				}{{true, ""}, {false, "off-"}}
			}
			for i := 0; i < b.N; i++ {
				for _, part := range parts {
					b.StopTimer()
					s.d.Settle() // the last quick update's catch-up build
					// A number never used before, so that every edit
					// changes what the server has, in every run of -count.
					editSeq++
					if (editSeq%2 == 1) != part.odd {
						editSeq++
					}
					text := e.Change(s.text[file], editSeq)
					if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
						b.Fatal(err)
					}
					s.text[file] = text
					s.stdout.Reset()
					b.StartTimer()
					start := time.Now()
					s.d.Changed(file)
					took := time.Since(start)
					b.StopTimer()
					m := doneRe.FindStringSubmatch(s.stdout.String())
					if m == nil {
						b.Fatalf("the edit was not published:\n%s%s", s.stdout.String(), s.stderr.String())
					}
					pages, _ := strconv.Atoi(m[1] + m[2]) // one of them is set
					b.ReportMetric(took.Seconds()*1000, part.prefix+"latency-ms")
					b.ReportMetric(float64(pages), part.prefix+"pages-rendered")
					b.StartTimer()
				}
			}
		})
	}
	s.d.Settle() // so that the last catch-up build does not run into the next benchmark
}

// hugoPagefind finds the two commands BenchmarkHugoPagefind runs: $HUGO,
// or hugo on the PATH or in Go's bin folder (`GOTOOLCHAIN=go1.27.3 go
// install github.com/gohugoio/hugo@v0.160.0`); $PAGEFIND, or the one
// tools/pagefind pins (`npm ci` there), or pagefind on the PATH. `make
// bench-tools` installs both.
func hugoPagefind() (hugo, pagefind string, err error) {
	find := func(env string, names ...string) string {
		if p := os.Getenv(env); p != "" {
			return p
		}
		for _, name := range names {
			if p, err := exec.LookPath(name); err == nil {
				return p
			}
		}
		return ""
	}
	gobin := os.Getenv("GOBIN")
	if gobin == "" {
		if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
			gobin = filepath.Join(strings.TrimSpace(string(out)), "bin")
		}
	}
	hugo = find("HUGO", "hugo", filepath.Join(gobin, "hugo"))
	pagefind = find("PAGEFIND", "../tools/pagefind/node_modules/.bin/pagefind", "pagefind")
	if hugo == "" || pagefind == "" {
		return "", "", fmt.Errorf("hugo (%q) and pagefind (%q) are not both installed (make bench-tools): no side-by-side figures", hugo, pagefind)
	}
	return hugo, pagefind, nil
}

// hugoFiles are the minimal Hugo theme and configuration of
// BenchmarkHugoPagefind: one page layout (the Markdown and its table of
// contents, marked as Pagefind's body) and one list layout (10 titles and
// summaries a page), the site's three taxonomies, Hugo's defaults
// otherwise (feeds and the sitemap, as this generator writes).
var hugoFiles = map[string]string{
	"hugo.toml": "baseURL = 'https://synthetic.example.org/'\ntitle = 'Synthetic library'\n" +
		"[taxonomies]\ntag = 'tags'\ntopic = 'topics'\naudience = 'audience'\n",
	"layouts/_default/baseof.html": "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{.Title}}</title></head><body>{{block \"main\" .}}{{end}}</body></html>\n",
	"layouts/_default/single.html": "{{define \"main\"}}<main data-pagefind-body><h1>{{.Title}}</h1>{{.TableOfContents}}{{.Content}}</main>{{end}}\n",
	"layouts/_default/list.html":   "{{define \"main\"}}<main><h1>{{.Title}}</h1><ul>{{range .Paginator.Pages}}<li><a href=\"{{.RelPermalink}}\">{{.Title}}</a> {{.Summary}}</li>{{end}}</ul></main>{{end}}\n",
}

// BenchmarkHugoPagefind builds the same synthetic site with Hugo and then
// indexes it with Pagefind, when both are installed (see hugoPagefind),
// as child processes, one after the other, for a side-by-side ratio with
// BenchmarkFullBuild in the same run: wall and CPU time of the two
// together and of each, the larger peak memory of the two, the pages Hugo
// wrote and Pagefind indexed. Hugo gets the materials only: the synthetic
// organizations are YAML files it does not read as pages. Every build
// starts from an empty output folder and an empty Hugo cache.
func BenchmarkHugoPagefind(b *testing.B) {
	hugo, pagefind, err := hugoPagefind()
	if err != nil {
		b.Skip(err)
	}
	var versions []string
	for _, c := range [][]string{{hugo, "version"}, {pagefind, "--version"}} {
		out, err := exec.Command(c[0], c[1:]...).Output()
		if err != nil {
			b.Fatalf("%s: %v", c[0], err)
		}
		versions = append(versions, strings.TrimSpace(string(out)))
	}
	n := benchN(b)
	src := syntheticSite(b, n)
	b.Run(fmt.Sprintf("synthetic-%d", n), func(b *testing.B) {
		b.Logf("versions: %s; %s", versions[0], versions[1]) // a leaf's log is printed, its parent's is not
		dir := b.TempDir()
		for name, text := range hugoFiles {
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
		cache := filepath.Join(dir, "cache")
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			os.RemoveAll(out)
			os.RemoveAll(cache)
			b.StartTimer()
			var cpu time.Duration
			var rss int64
			var outputs [2][]byte
			start := time.Now()
			for j, args := range [][]string{
				{hugo, "--source", dir, "--destination", out, "--cacheDir", cache},
				{pagefind, "--site", out},
			} {
				t0 := time.Now()
				cmd := exec.Command(args[0], args[1:]...)
				o, err := cmd.CombinedOutput()
				if err != nil {
					b.Fatalf("%s: %v\n%s", args[0], err, o)
				}
				outputs[j] = o
				b.ReportMetric(time.Since(t0).Seconds(), filepath.Base(args[0])+"-wall-s")
				cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
				rss = max(rss, cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss*1024)
			}
			b.ReportMetric(time.Since(start).Seconds(), "wall-s")
			b.ReportMetric(cpu.Seconds(), "cpu-s")
			b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MB")
			if m := hugoPagesRe.FindSubmatch(outputs[0]); m != nil {
				v, _ := strconv.Atoi(string(m[1]))
				b.ReportMetric(float64(v), "pages")
			}
			if m := pagefindPagesRe.FindSubmatch(outputs[1]); m != nil {
				v, _ := strconv.Atoi(string(m[1]))
				b.ReportMetric(float64(v), "indexed")
			}
			b.ReportMetric(float64(treeSize(out))/(1<<20), "out-MB")
			b.ReportMetric(float64(treeSize(filepath.Join(out, "pagefind")))/(1<<20), "index-MB")
		}
	})
}

var (
	// Hugo's summary table: "Pages            │ 10123".
	hugoPagesRe = regexp.MustCompile(`(?m)^\s*Pages\s*[│|]\s*(\d+)`)
	// Pagefind's: "Indexed 10000 pages".
	pagefindPagesRe = regexp.MustCompile(`Indexed (\d+) pages?`)
)
