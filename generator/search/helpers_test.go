package search

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"resourcelib/generator/internal/synthetic"
	"resourcelib/generator/site"
	"resourcelib/internal/testenv"
)

// corpusDir is the digital.gov content tree in the project's shared folder:
// a real Hugo site of about 4,000 pages.
const corpusDir = "../../../shared/corpora/digitalgov"

// cacheDir holds the indexes that several tests share; TestMain removes it.
var cacheDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "search-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cacheDir = dir
	code := m.Run()
	for _, c := range []*cachedIndex{&bundled, &corpus, &synth} {
		if c.h != nil {
			c.h.Close()
		}
	}
	os.RemoveAll(dir)
	os.Exit(code)
}

// buildIndex builds the site in src (with the repository's layouts and
// static files as its theme) and writes its search index into dir.
func buildIndex(tb testing.TB, src fs.FS, dir, out string) *Indexer {
	tb.Helper()
	ix, err := NewIndexer(dir)
	if err != nil {
		tb.Fatal(err)
	}
	// Broken links are warnings: the corpus has real ones, and they are not
	// what these tests are about.
	res, err := site.Build(site.Options{Source: src, Theme: os.DirFS("../.."), Out: out, Index: ix, WarnLinks: true})
	if err != nil {
		tb.Fatalf("the site does not build:\n%v", err)
	}
	for _, p := range res.Problems {
		tb.Logf("build problem: %s", p.Error())
	}
	return ix
}

// openIndex opens an index folder for a test, closed when the test ends.
func openIndex(tb testing.TB, dir string, opts Options) *Handler {
	tb.Helper()
	h, err := Open(dir, opts)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { h.Close() })
	return h
}

// cachedIndex is an index built once per test binary run.
type cachedIndex struct {
	once  sync.Once
	dir   string
	count int
	h     *Handler
	err   error
}

func (c *cachedIndex) get(tb testing.TB, name string, src func() (fs.FS, error)) *Handler {
	tb.Helper()
	c.once.Do(func() {
		fsys, err := src()
		if err != nil {
			c.err = err
			return
		}
		c.dir = filepath.Join(cacheDir, name+".search")
		ix, err := NewIndexer(c.dir)
		if err != nil {
			c.err = err
			return
		}
		// Expired pages too: the corpus's 1,840 expired pages are
		// part of what the relevance tests search.
		_, err = site.Build(site.Options{Source: fsys, Theme: os.DirFS("../.."),
			Out: filepath.Join(cacheDir, name), Index: ix, WarnLinks: true, Expired: true})
		if err != nil {
			c.err = fmt.Errorf("the %s site does not build:\n%v", name, err)
			return
		}
		c.count = ix.Count()
		c.h, c.err = Open(c.dir, Options{})
	})
	if c.err != nil {
		tb.Fatal(c.err)
	}
	return c.h
}

var bundled, corpus, synth cachedIndex

// syntheticMaterials is the size of the synthetic site the benchmarks
// search: package synthetic's library of BENCH_N materials (10,000 by
// default, as issue 11's targets name it) and a tenth as many
// organizations. `make bench N=...` sets it, with SEARCH_SYNTHETIC_INDEX
// naming the index its full builds made of the same site.
var syntheticMaterials = func() int {
	s := os.Getenv("BENCH_N")
	if s == "" {
		return 10000
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		panic(fmt.Sprintf("BENCH_N=%q is not a positive number", s))
	}
	return n
}()

// syntheticIndex is the index of that synthetic site, built once (about a
// minute on 2 cores). SEARCH_SYNTHETIC_INDEX names an index folder built
// before, as SEARCH_CORPUS_INDEX does for digital.gov.
func syntheticIndex(tb testing.TB) *Handler {
	tb.Helper()
	if dir := os.Getenv("SEARCH_SYNTHETIC_INDEX"); dir != "" {
		if _, err := os.Stat(dir); err == nil {
			synth.once.Do(func() {
				synth.dir = dir
				synth.h, synth.err = Open(dir, Options{})
			})
			if synth.err != nil {
				tb.Fatal(synth.err)
			}
			return synth.h
		}
	}
	return synth.get(tb, "synthetic", func() (fs.FS, error) {
		src := filepath.Join(cacheDir, "synthetic-src")
		err := synthetic.Write(src, synthetic.Options{Materials: syntheticMaterials, Organizations: syntheticMaterials / 10})
		return os.DirFS(src), err
	})
}

// bundledIndex is the repository's own site, indexed once.
func bundledIndex(tb testing.TB) *Handler {
	return bundled.get(tb, "bundled", func() (fs.FS, error) { return os.DirFS("../.."), nil })
}

// bundledDir is the folder of the bundled site's index, to open it again
// with other Options.
func bundledDir(tb testing.TB) string {
	bundledIndex(tb)
	return bundled.dir
}

// corpusIndex is the digital.gov corpus, indexed once. A missing corpus
// skips the test, except in CI, where it is a failure.
func corpusIndex(tb testing.TB) *Handler {
	tb.Helper()
	if _, bench := tb.(*testing.B); !bench { // make bench measures on it
		testenv.CIOnly(tb, "the digital.gov corpus index", "CI=1 go test ./generator/search -run Corpus")
	}
	if _, err := os.Stat(filepath.Join(corpusDir, "content")); err != nil {
		testenv.Need(tb, "the digital.gov corpus is missing: %v", err)
	}
	if dir := os.Getenv("SEARCH_CORPUS_INDEX"); dir != "" {
		// An index built before, for quicker runs of the benchmarks while
		// working on queries: it must be rebuilt after the indexing changes.
		if _, err := os.Stat(dir); err == nil {
			corpus.once.Do(func() {
				corpus.dir = dir
				corpus.h, corpus.err = Open(dir, Options{})
				if corpus.err == nil {
					n, _ := corpus.h.cur.Load().idx.DocCount()
					corpus.count = int(n)
				}
			})
			if corpus.err != nil {
				tb.Fatal(corpus.err)
			}
			return corpus.h
		}
	}
	// The one image on another site is made a link, as an editor would:
	// the build takes in expired pages, and that page is one.
	return corpus.get(tb, "digitalgov", func() (fs.FS, error) { return testenv.FixedDigitalGov(corpusDir) })
}

// serve sends one request to h and returns the recorded answer.
func serve(h http.Handler, method, target string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// apiSearch asks /api/search with the given parameters and decodes the
// answer, failing the test on anything but a 200 with valid JSON.
func apiSearch(tb testing.TB, h http.Handler, v url.Values) *Result {
	tb.Helper()
	w := serve(h, http.MethodGet, "/api/search?"+v.Encode())
	if w.Code != http.StatusOK {
		tb.Fatalf("GET /api/search?%s: status %d, body %s", v.Encode(), w.Code, w.Body)
	}
	var r Result
	if err := json.Unmarshal(w.Body.Bytes(), &r); err != nil {
		tb.Fatalf("GET /api/search?%s: invalid JSON: %v\n%s", v.Encode(), err, w.Body)
	}
	return &r
}

// q is a url.Values with q set, for the common case.
func q(s string) url.Values { return url.Values{"q": {s}} }

// urls lists the URLs of a result's hits, for failure messages.
func urls(r *Result) []string {
	var out []string
	for _, h := range r.Hits {
		out = append(out, h.URL)
	}
	return out
}

// rank is the 1-based position of url in the hits, or 0.
func rank(r *Result, url string) int {
	for i, h := range r.Hits {
		if h.URL == url {
			return i + 1
		}
	}
	return 0
}

// checkSnippet reports what in an HTML snippet is markup other than <mark>
// and </mark>: the snippet goes into the page unescaped.
func checkSnippet(s string) error {
	rest := s
	for {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			break
		}
		rest = rest[i:]
		switch {
		case strings.HasPrefix(rest, "<mark>"):
			rest = rest[len("<mark>"):]
		case strings.HasPrefix(rest, "</mark>"):
			rest = rest[len("</mark>"):]
		default:
			end := min(len(rest), 20)
			return fmt.Errorf("markup other than <mark> at %q in %q", rest[:end], s)
		}
	}
	// Marks must pair up and not nest, or the page's structure breaks.
	depth := 0
	for rest := s; ; {
		o, c := strings.Index(rest, "<mark>"), strings.Index(rest, "</mark>")
		switch {
		case o < 0 && c < 0:
			if depth != 0 {
				return fmt.Errorf("unclosed <mark> in %q", s)
			}
			return nil
		case o >= 0 && (c < 0 || o < c):
			if depth++; depth > 1 {
				return fmt.Errorf("nested <mark> in %q", s)
			}
			rest = rest[o+len("<mark>"):]
		default:
			if depth--; depth < 0 {
				return fmt.Errorf("</mark> without <mark> in %q", s)
			}
			rest = rest[c+len("</mark>"):]
		}
	}
}
