package search

import (
	"bytes"
	"compress/gzip"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/RoaringBitmap/roaring/v2"
	"html"
	"html/template"
	"log"
	"maps"
	"math"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	bindex "github.com/blevesearch/bleve_index_api"
	lru "github.com/hashicorp/golang-lru/v2"

	"resourcelib/generator/searchdoc"
)

// securityHeaders are sent with every answer. They are the ones netlify.toml
// declares for the site (a test keeps the two equal), repeated here because
// Netlify does not add its [[headers]] to function responses.
var securityHeaders = map[string]string{
	"Content-Security-Policy":      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; media-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests",
	"Strict-Transport-Security":    "max-age=63072000; includeSubDomains; preload",
	"X-Content-Type-Options":       "nosniff",
	"Referrer-Policy":              "no-referrer",
	"X-Frame-Options":              "DENY",
	"Permissions-Policy":           "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), fullscreen=(), geolocation=(self), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), sync-xhr=(), usb=(), xr-spatial-tracking=()",
	"Cross-Origin-Opener-Policy":   "same-origin",
	"Cross-Origin-Resource-Policy": "same-origin",
}

// Options tune a Handler. The zero value gives the defaults.
type Options struct {
	// MaxConcurrent is how many searches run at once (default: the
	// number of CPUs, at least 2); more wait in a queue.
	MaxConcurrent int
	// MaxQueue is how many searches may wait (default 64); MaxWait how
	// long one may wait (default 1s). A search that would wait longer is
	// answered at once with 503 and Retry-After.
	MaxQueue int
	MaxWait  time.Duration
	Timeout  time.Duration // per search (default 3s)
	// CacheSize is how many recent answers are kept, to answer the
	// same search again without searching (default 512; -1 for none).
	CacheSize int
}

// Handler answers /search and /api/search from an index folder written by
// an Indexer. Open it once per process.
type Handler struct {
	dir   string
	cur   atomic.Pointer[index]        // nil after the index failed, until reopened
	pages map[string][]byte            // language -> search page with placeholders
	text  map[string]map[string]string // language -> interface strings
	lang  string                       // the language of a request that names none
	gate  *gate
	opts  Options
	mux   *http.ServeMux

	searches      atomic.Int64 // bleve searches run, for tests
	commonAnswers atomic.Int64 // searches answered by commonSearch, for tests

	reopenMu    sync.Mutex
	lastReopen  time.Time
	reopenEvery time.Duration
}

// index is an open index with what a search needs beside it.
type index struct {
	idx bleve.Index
	// per analysis (analysisOf a language): the dictionary and the query
	// analyzer, the language's plain one
	vocab    map[string]*vocab
	analyzer map[string]analysis.Analyzer
	// languages are the languages of the documents: with more than one,
	// a search keeps to the language it is made in unless widened
	languages map[string]bool
	facets    *facetTable // every document's facet values
	records   *records    // what each result shows, by document number
	// lacking lists, for the commonest terms, the documents without
	// them (common.go)
	lacking map[string]*roaring.Bitmap
	// prefixed holds, by analysis and word, the lacking set of a last
	// word less the documents with a title or heading word it starts
	// (lackingPrefixed)
	prefixed *lru.Cache[string, *roaring.Bitmap]
	// mem holds the lists of the commonest terms (postings.go)
	mem  *memPostings
	docs uint64 // how many documents the index holds
	// the documents by number, all and by language, for commonSearch
	allDocs  *roaring.Bitmap
	langDocs map[string]*roaring.Bitmap
	// cache holds recent answers by request (cacheKey); nil for none.
	// It lives with the index, so that a reopened index starts empty.
	cache *lru.Cache[string, *Result]
}

// reader opens a reader of an open index's current contents; the caller
// closes it.
func reader(idx bleve.Index) (bindex.IndexReader, error) {
	adv, err := idx.Advanced()
	if err != nil {
		return nil, err
	}
	return adv.Reader()
}

// readFacets reads the facet table of an open index.
func readFacets(idx bleve.Index) (*facetTable, error) {
	r, err := reader(idx)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return loadFacets(r)
}

// readCommon reads the table of common terms of an open index.
func readCommon(idx bleve.Index, ix *index) (map[string]*roaring.Bitmap, error) {
	r, err := reader(idx)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return loadCommon(r, ix, minCommonDocs, commonShare)
}

// readPostings lists the commonest terms of an open index, whose lists
// are read into memory on first use, with a reader kept open for that
// until the index closes.
func readPostings(idx bleve.Index, ix *index) (*memPostings, error) {
	r, err := reader(idx)
	if err != nil {
		return nil, err
	}
	m, err := loadPostings(r, ix, minCommonDocs, memShare)
	if m == nil {
		r.Close()
	}
	return m, err
}

// loadIndex opens the index files in dir. A damaged file is an error,
// never a panic.
func loadIndex(dir string) (ix *index, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the search index in %s is damaged (%v); build the site again", dir, r)
		}
	}()
	old := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(old)
	path := filepath.Join(dir, bleveDir)
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("there is no search index in %s (build the site first): %w", dir, err)
	}
	idx, err := bleve.OpenUsing(path, map[string]any{"read_only": true})
	if err != nil {
		return nil, fmt.Errorf("cannot open the search index in %s (build the site again): %w", dir, err)
	}
	ix = &index{idx: idx}
	if ix.docs, err = idx.DocCount(); err != nil {
		idx.Close()
		return nil, fmt.Errorf("cannot read the search index in %s (build the site again): %w", dir, err)
	}
	ix.vocab, ix.analyzer = map[string]*vocab{}, map[string]analysis.Analyzer{}
	for _, a := range analyses {
		if ix.vocab[a], err = loadVocab(dir, a); err != nil {
			idx.Close()
			return nil, fmt.Errorf("cannot read the search index in %s: %w", dir, err)
		}
		if ix.analyzer[a] = idx.Mapping().AnalyzerNamed(queryAnalyzerName(a)); ix.analyzer[a] == nil {
			idx.Close()
			return nil, fmt.Errorf("cannot open the search index in %s: no %q analyzer", dir, queryAnalyzerName(a))
		}
	}
	if ix.facets, err = readFacets(idx); err != nil {
		idx.Close()
		return nil, fmt.Errorf("cannot read the search index in %s (build the site again): %w", dir, err)
	}
	if ix.lacking, err = readCommon(idx, ix); err != nil {
		idx.Close()
		return nil, fmt.Errorf("cannot read the search index in %s (build the site again): %w", dir, err)
	}
	if ix.lacking != nil {
		ix.langDocs = langSets(ix.facets)
	}
	if ix.mem, err = readPostings(idx, ix); err != nil {
		idx.Close()
		return nil, fmt.Errorf("cannot read the search index in %s (build the site again): %w", dir, err)
	}
	ix.prefixed, _ = lru.New[string, *roaring.Bitmap](maxPrefixed)
	ix.languages = map[string]bool{}
	for _, l := range ix.facets.values("language") {
		ix.languages[l] = true
	}
	if ix.records, err = openRecords(dir, ix.docs); err != nil {
		idx.Close()
		return nil, fmt.Errorf("cannot read the search index in %s (build the site again): %w", dir, err)
	}
	return ix, nil
}

// close closes the index and its records.
func (ix *index) close() error {
	ix.records.Close()
	if ix.mem != nil {
		ix.mem.r.Close()
	}
	return ix.idx.Close()
}

// openIndexFiles opens the index in dir with the answer cache opts ask for.
func openIndexFiles(dir string, opts Options) (*index, error) {
	ix, err := loadIndex(dir)
	if err != nil {
		return nil, err
	}
	if opts.CacheSize > 0 {
		ix.cache, _ = lru.New[string, *Result](opts.CacheSize)
	}
	return ix, nil
}

// Open opens the index in dir read-only.
func Open(dir string, opts Options) (*Handler, error) {
	if opts.MaxConcurrent <= 0 {
		opts.MaxConcurrent = max(2, runtime.NumCPU())
	}
	if opts.MaxQueue <= 0 {
		opts.MaxQueue = 64
	}
	if opts.MaxWait <= 0 {
		opts.MaxWait = time.Second
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 3 * time.Second
	}
	if opts.CacheSize == 0 {
		opts.CacheSize = 512
	}
	ix, err := openIndexFiles(dir, opts)
	if err != nil {
		return nil, err
	}
	h := &Handler{dir: dir, pages: map[string][]byte{}, opts: opts, reopenEvery: time.Second,
		gate: newGate(opts.MaxConcurrent, opts.MaxQueue, opts.MaxWait)}
	h.cur.Store(ix)
	matches, _ := filepath.Glob(filepath.Join(dir, pagePrefix+"*.html"))
	for _, m := range matches {
		data, err := os.ReadFile(m)
		if err != nil {
			ix.close()
			return nil, err
		}
		lang := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(m), pagePrefix), ".html")
		h.pages[lang] = data
	}
	h.text = loadStrings(dir)
	h.lang = defaultLang(h.pages)
	h.mux = http.NewServeMux()
	h.mux.HandleFunc("/search", h.serveHTML)
	h.mux.HandleFunc("/search/", h.serveHTML)
	h.mux.HandleFunc("/api/search", h.serveJSON)
	h.mux.HandleFunc("/api/search/", h.serveJSON)
	return h, nil
}

// Close closes the index.
func (h *Handler) Close() error {
	if ix := h.cur.Swap(nil); ix != nil {
		return ix.close()
	}
	return nil
}

// errDamaged is a search that found the index files changed or damaged
// under it (they are memory-mapped: a truncated file faults).
var errDamaged = errors.New("the search index is damaged or was changed while in use")

// index returns the open index, reopening it (at most once a second)
// after a search found it damaged.
func (h *Handler) index() (*index, error) {
	if ix := h.cur.Load(); ix != nil {
		return ix, nil
	}
	h.reopenMu.Lock()
	defer h.reopenMu.Unlock()
	if ix := h.cur.Load(); ix != nil {
		return ix, nil
	}
	if time.Since(h.lastReopen) < h.reopenEvery {
		return nil, errDamaged
	}
	h.lastReopen = time.Now()
	ix, err := openIndexFiles(h.dir, h.opts)
	if err != nil {
		log.Printf("search: %v", err)
		return nil, errDamaged
	}
	h.cur.Store(ix)
	return ix, nil
}

// search runs one bleve search, turning a fault in the mapped files into
// errDamaged. The damaged index is dropped, not closed (other searches
// may be reading it), and reopened by the next request.
func (h *Handler) search(ctx context.Context, ix *index, req *bleve.SearchRequest) (sr *bleve.SearchResult, err error) {
	defer func() {
		if r := recover(); r != nil {
			log.Printf("search: %s: %v", h.dir, r)
			h.cur.CompareAndSwap(ix, nil)
			sr, err = nil, errDamaged
		}
	}()
	old := debug.SetPanicOnFault(true)
	defer debug.SetPanicOnFault(old)
	h.searches.Add(1)
	r := *req
	r.Query = withPostings(req.Query, ix.mem)
	return ix.idx.SearchInContext(ctx, &r)
}

// SetSecurityHeaders sets the headers every answer of the handler carries
// on h: for an answer made elsewhere in its place, such as the search
// function's error when it has no index.
func SetSecurityHeaders(h http.Header) {
	for k, v := range securityHeaders {
		h.Set(k, v)
	}
}

// ServeHTTP answers /search (HTML), /api/search (JSON) and, for languages
// other than the default, /LANG/search.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	SetSecurityHeaders(w.Header())
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "only GET and HEAD are allowed", http.StatusMethodNotAllowed)
		return
	}
	if lang, _, ok := searchdoc.ParsePath(r.URL.Path); ok && lang != "" && h.pages[lang] != nil {
		r2 := r.Clone(r.Context())
		q := r2.URL.Query()
		q.Set("lang", lang)
		r2.URL.RawQuery = q.Encode()
		r2.URL.Path = "/search"
		r = r2
	}
	h.mux.ServeHTTP(w, r)
}

// Hit is one result.
type Hit struct {
	URL        string   `json:"url"`
	Title      string   `json:"title"`
	Type       string   `json:"type"`
	Snippet    string   `json:"snippet"` // HTML: only <mark> is markup
	Score      float64  `json:"score"`
	DistanceKM *float64 `json:"distance_km,omitempty"`
}

// FacetValue is one value of a facet with its count.
type FacetValue struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

// Result is the JSON answer of /api/search.
type Result struct {
	Query string `json:"query"`
	Total uint64 `json:"total"`
	// AnyWord says that no page has every word, so these are the pages
	// with some of them.
	AnyWord bool `json:"any_word,omitempty"`
	// Language is the language the results are kept to, by default the
	// language searched in; language=all widens to every language.
	Language string                  `json:"language,omitempty"`
	TookMS   float64                 `json:"took_ms"`
	Hits     []Hit                   `json:"hits"`
	Facets   map[string][]FacetValue `json:"facets"`
}

// setLanguage decides the language of a search: the one it names (lang,
// or the /LANG/search page), if the index has pages in it, else the
// default. Its words are analysed in that language, and, where the index
// has pages in several languages, the results kept to it, unless the
// request filters on language itself or widens with language=all.
func (h *Handler) setLanguage(ix *index, p *params) {
	lang := p.Lang
	if !ix.languages[lang] {
		lang = h.lang
	}
	p.analysis = analysisOf(lang)
	if len(ix.languages) > 1 && ix.languages[lang] && !p.AllLanguages && len(p.Filters["language"]) == 0 {
		p.keepLang = lang
	}
	p.mixed = len(ix.languages) > 1 && p.keepLang == ""
}

// run executes a search within the concurrency limit and the deadline.
func (h *Handler) run(ctx context.Context, client string, p params) (*Result, error) {
	start := time.Now()
	res := &Result{Query: p.Q, Hits: []Hit{}, Facets: map[string][]FacetValue{}}
	if len(p.Words) == 0 && len(p.Filters) == 0 && p.Near == nil {
		return res, nil
	}
	ix, err := h.index()
	if err != nil {
		return nil, err
	}
	var key string
	if ix.cache != nil {
		key = p.cacheKey()
		if r, ok := ix.cache.Get(key); ok {
			c := *r // the cached one is shared: never changed
			c.TookMS = math.Round(float64(time.Since(start).Microseconds())/10) / 100
			return &c, nil
		}
	}
	leave, err := h.gate.enter(ctx, client)
	if err != nil {
		return nil, err
	}
	defer leave()
	ctx, cancel := context.WithTimeout(ctx, h.opts.Timeout)
	defer cancel()
	h.setLanguage(ix, &p)
	res.Language = p.keepLang
	plan := ix.plan(p)
	var fc *facetCounter
	sctx := ctx
	if !p.NoFacets {
		skip := ""
		if p.html {
			skip = "tag" // the page does not show them: too many
		}
		fc = ix.facets.counter(skip)
		sctx = withHitCounter(ctx, fc)
	}
	sr, ok, err := h.commonSearch(ctx, ix, p, plan, fc)
	if err == nil && !ok {
		sr, err = h.search(sctx, ix, newRequest(p, plan, true))
	}
	if err == nil && sr.Total == 0 && len(plan) > 1 {
		// No page has every word: show pages with some of them, and say so.
		res.AnyWord = true
		sr, err = h.search(sctx, ix, newRequest(p, plan, false))
	}
	if err != nil {
		return nil, err
	}
	res.Total = sr.Total
	var mk *marker
	if len(plan) > 0 {
		mk = newMarker(plan, p.analysis, ix.analyzer[p.analysis])
	}
	var buf []byte
	for _, dm := range sr.Hits {
		var rec record
		rec, buf, err = ix.records.get(dm.IndexInternalID, dm.ID, buf)
		if err != nil {
			// The records file no longer matches the index: drop it,
			// as a fault in the index drops it (see search).
			log.Printf("search: %s: %v", h.dir, err)
			h.cur.CompareAndSwap(ix, nil)
			return nil, errDamaged
		}
		hit := Hit{URL: rec.URL, Title: rec.Title, Type: rec.Type, Score: math.Round(dm.Score*1000) / 1000}
		hit.Snippet = onlyMark(makeSnippet(mk, rec.Text, rec.Description))
		if p.Near != nil && rec.HasLoc {
			d := math.Round(distanceKM(*p.Near, point{rec.Lat, rec.Lon})*10) / 10
			hit.DistanceKM = &d
		}
		res.Hits = append(res.Hits, hit)
	}
	if fc != nil {
		res.Facets = fc.result()
	}
	res.TookMS = math.Round(float64(time.Since(start).Microseconds())/10) / 100
	if ix.cache != nil {
		ix.cache.Add(key, res)
	}
	return res, nil
}

// minGzip is the smallest answer worth compressing.
const minGzip = 1024

var gzipPool = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.BestSpeed); return w }}

// respond writes an answer, gzipped when the client accepts it and it is
// large enough to gain, and only its headers for HEAD.
func respond(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	w.Header().Add("Vary", "Accept-Encoding")
	if len(body) >= minGzip && acceptsGzip(r.Header.Get("Accept-Encoding")) {
		var b bytes.Buffer
		zw := gzipPool.Get().(*gzip.Writer)
		zw.Reset(&b)
		zw.Write(body)
		zw.Close()
		gzipPool.Put(zw)
		body = b.Bytes()
		w.Header().Set("Content-Encoding", "gzip")
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// acceptsGzip reads an Accept-Encoding header: gzip (or *) is accepted
// unless its q is 0.
func acceptsGzip(h string) bool {
	for _, part := range strings.Split(h, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name != "gzip" && name != "*" {
			continue
		}
		q := strings.ReplaceAll(strings.ToLower(params), " ", "")
		return !strings.HasPrefix(q, "q=0") || strings.HasPrefix(q, "q=0.") && strings.Trim(q[4:], "0") != ""
	}
	return false
}

// clientOf names the client of a request for the fair share of search
// slots: its address without the port.
func clientOf(r *http.Request) string {
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	return r.RemoteAddr
}

// onlyMark re-escapes a highlighted fragment so that no tag other than
// <mark> and </mark> can reach the page, whatever the indexed text held.
// bleve escapes the text of a fragment, so the only tags in it are its own
// marks; text that reads "<mark>" arrives as "&lt;mark&gt;" and stays text.
// Anything else that starts with "<" is escaped, and marks are paired.
func onlyMark(frag string) string {
	var b strings.Builder
	open := false
	for frag != "" {
		i := strings.IndexByte(frag, '<')
		if i < 0 {
			i = len(frag)
		}
		b.WriteString(html.EscapeString(html.UnescapeString(frag[:i])))
		frag = frag[i:]
		switch {
		case frag == "":
		case strings.HasPrefix(frag, "<mark>"):
			if !open {
				b.WriteString("<mark>")
				open = true
			}
			frag = frag[len("<mark>"):]
		case strings.HasPrefix(frag, "</mark>"):
			if open {
				b.WriteString("</mark>")
				open = false
			}
			frag = frag[len("</mark>"):]
		default:
			b.WriteString("&lt;")
			frag = frag[1:]
		}
	}
	if open {
		b.WriteString("</mark>")
	}
	return strings.TrimSpace(b.String())
}

func (h *Handler) serveJSON(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	writeJSON := func(status int, v any) {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(true)
		enc.Encode(v)
		respond(w, r, status, b.Bytes())
	}
	p, err := parseParams(r.URL.Query())
	if err != nil {
		writeJSON(http.StatusBadRequest, map[string]string{"error": err.Error()})
		return
	}
	res, err := h.run(r.Context(), clientOf(r), p)
	if err != nil {
		status, msg := errorStatus(err)
		if status == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", "1")
		}
		writeJSON(status, map[string]string{"error": msg})
		return
	}
	writeJSON(http.StatusOK, res)
}

func errorStatus(err error) (int, string) {
	switch {
	case errors.Is(err, errBusy):
		return http.StatusServiceUnavailable, "too many searches at once; try again in a moment"
	case errors.Is(err, errDamaged):
		return http.StatusServiceUnavailable, "search is unavailable: its index is being replaced or is damaged; try again in a moment"
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "the search took too long; try fewer words"
	case errors.Is(err, context.Canceled):
		return 499, "the request was cancelled"
	}
	return http.StatusInternalServerError, "the search failed"
}

//go:embed results.html
var templatesFS embed.FS

var resultsTmpl = template.Must(template.New("results.html").Funcs(template.FuncMap{
	"safe": func(s string) template.HTML { return template.HTML(s) },
	// A snippet's phone numbers stay on one line, as on the pages.
	"snippet":  func(s string) template.HTML { return template.HTML(searchdoc.NowrapPhones([]byte(s))) },
	"filterOn": filterOn,
	"pageURL":  pageURL,
	"add":      func(a, b int) int { return a + b },
}).ParseFS(templatesFS, "results.html"))

// view is what results.html shows.
type view struct {
	P      params
	R      *Result
	Error  string
	Values url.Values
	Pages  int
	Start  int // number of the first hit shown
	Facets []facetView
	Active []activeFilter
	// AllLanguagesURL widens a search kept to the page's language.
	AllLanguagesURL string
	translator
}

type facetView struct {
	Param, Label string
	Values       []facetValueView
}

type facetValueView struct {
	Text, URL string
	Count     int
	On        bool
}

type activeFilter struct {
	Label, Value, RemoveURL string
}

// htmlFacets are the filters shown on the results page, in this order.
// Tags are in the JSON answer only: there are too many to list.
var htmlFacets = []string{"type", "topic", "audience", "state", "language"}

func (v *view) buildFacets() {
	for _, f := range facetFields {
		for _, val := range v.P.Filters[f.param] {
			v.Active = append(v.Active, activeFilter{Label: v.label(f.param), Value: v.valueName(f.param, val),
				RemoveURL: filterOn(v.Values, f.param, val)})
		}
	}
	if v.P.Near != nil {
		// Shown like a filter, so that a search by place alone lists its
		// results (results.html lists them only for words or filters).
		v.Active = append(v.Active, activeFilter{Label: v.T("search_near"),
			Value: v.T("search_near_value", "q", fmt.Sprintf("%g, %g", v.P.Near.Lat, v.P.Near.Lon),
				"km", fmt.Sprintf("%g", v.P.WithinKM)),
			RemoveURL: without(v.Values, "near", "within")})
	}
	if v.P.AllLanguages {
		v.Active = append(v.Active, activeFilter{Label: v.label("language"), Value: v.T("language_all"),
			RemoveURL: filterOn(v.Values, "language", "all")})
	}
	if v.R == nil {
		return
	}
	if v.R.Language != "" {
		v.AllLanguagesURL = filterOn(v.Values, "language", "all")
	}
	for _, param := range htmlFacets {
		vals := v.R.Facets[param]
		if len(vals) == 0 {
			continue
		}
		fv := facetView{Param: param, Label: v.label(param)}
		for _, x := range vals {
			on := false
			for _, f := range v.P.Filters[param] {
				on = on || strings.EqualFold(f, x.Value)
			}
			fv.Values = append(fv.Values, facetValueView{Text: v.valueName(param, x.Value),
				URL: filterOn(v.Values, param, x.Value), Count: x.Count, On: on})
		}
		v.Facets = append(v.Facets, fv)
	}
}

// valueName shows a facet value to people: "law-enforcement" as "Law
// enforcement", "es" as "Español", "material" as "Training material".
// Language names are not directory.LanguageName's: that package links
// phonenumbers (and the CLDR tables) into the search function.
func (t translator) valueName(param, v string) string {
	switch param {
	case "type":
		return t.TypeName(v)
	case "language":
		switch v {
		case "en":
			return "English"
		case "es":
			return "Español"
		}
		return v
	case "state":
		return strings.ToUpper(v)
	}
	v = strings.ReplaceAll(v, "-", " ")
	if v == "" {
		return v
	}
	return strings.ToUpper(v[:1]) + v[1:]
}

// TypeName names a page type for people, in the page's language.
func (t translator) TypeName(typ string) string {
	if s := t.T("type_" + typ); s != "type_"+typ {
		return s
	}
	return t.valueName("", typ)
}

// defaultLang is the language of a request that names none, or names one
// the site does not have: English if the site has it, else the first by
// code. Open chooses it once.
func defaultLang(pages map[string][]byte) string {
	if _, ok := pages["en"]; ok || len(pages) == 0 {
		return "en"
	}
	return slices.Sorted(maps.Keys(pages))[0]
}

func (h *Handler) serveHTML(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	p, err := parseParams(r.URL.Query())
	p.html = true
	status := http.StatusOK
	v := view{P: p, Values: r.URL.Query(), Start: (p.Page-1)*p.Size + 1, translator: h.text[p.Lang]}
	if v.translator == nil {
		v.translator = h.text[h.lang]
	}
	if err != nil {
		status, v.Error = http.StatusBadRequest, err.Error()
	} else if res, err := h.run(r.Context(), clientOf(r), p); err != nil {
		status, v.Error = errorStatus(err)
		if status == http.StatusServiceUnavailable {
			w.Header().Set("Retry-After", "1")
		}
	} else {
		v.R = res
		v.Pages = int(min(uint64(maxResults), res.Total)+uint64(p.Size)-1) / p.Size
	}
	v.buildFacets()
	var body bytes.Buffer
	if err := resultsTmpl.Execute(&body, v); err != nil {
		status = http.StatusInternalServerError
		body.Reset()
		body.WriteString("<p>" + html.EscapeString(v.T("search_failed")) + "</p>")
	}
	page := h.pages[p.Lang]
	if page == nil {
		page = h.pages[h.lang]
	}
	title := v.T("search_page_title")
	if p.Q != "" {
		title = v.T("search_page_title_for", "q", p.Q)
	}
	out := string(page)
	if out == "" {
		out = "<!doctype html><title>" + searchdoc.TitleToken + "</title>" + searchdoc.ResultsToken
	}
	// One pass, so that a query holding a placeholder's name is shown as
	// typed and not replaced in turn.
	out = strings.NewReplacer(searchdoc.TitleToken, html.EscapeString(title),
		searchdoc.QueryToken, html.EscapeString(p.Q),
		searchdoc.ResultsToken, body.String()).Replace(out)
	respond(w, r, status, []byte(out))
}

// filterOn is the address of the results with one filter value toggled.
func filterOn(v url.Values, param, value string) string {
	n := url.Values{}
	for k, vs := range v {
		if k != "page" {
			n[k] = append([]string(nil), vs...)
		}
	}
	vals := n[param]
	kept := vals[:0]
	found := false
	for _, x := range vals {
		if strings.EqualFold(x, value) {
			found = true
			continue
		}
		kept = append(kept, x)
	}
	if found {
		n[param] = kept
	} else {
		n[param] = append(vals, value)
	}
	return "/search?" + n.Encode()
}

// without is the address of the results without some parameters.
func without(v url.Values, params ...string) string {
	n := url.Values{}
	for k, vs := range v {
		if k != "page" && !slices.Contains(params, k) {
			n[k] = vs
		}
	}
	return "/search?" + n.Encode()
}

func pageURL(v url.Values, page int) string {
	n := url.Values{}
	for k, vs := range v {
		n[k] = vs
	}
	n.Set("page", fmt.Sprint(page))
	return "/search?" + n.Encode()
}

// label names a facet for people.
func (t translator) label(param string) string { return t.T("facet_" + param) }

// Count says how many results were found, for whom and how.
func (v view) Count() string {
	var s string
	switch v.R.Total {
	case 0:
		s = v.T("search_no_results")
	case 1:
		s = v.T("search_one_result")
	default:
		s = v.T("search_results", "n", fmt.Sprint(v.R.Total))
	}
	if v.P.Q != "" {
		s += " " + v.T("search_for", "q", v.P.Q)
	}
	if len(v.Active) > 0 {
		s += ", " + v.T("search_filtered")
	}
	return s + "."
}

// PageOf is "Page 2 of 5".
func (v view) PageOf() string {
	return v.T("search_page_of", "n", fmt.Sprint(v.P.Page), "total", fmt.Sprint(v.Pages))
}
