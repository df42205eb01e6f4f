// Package hostile is issue 10's table of hostile search requests and the
// rules every answer to them must keep. It is a package of its own, not a
// _test.go file, because three places send the same table: the search
// handler's test over a real connection (generator/search), the search
// function's test under the Lambda emulator (netlify/functions/search) and
// `make loadtest` (generator/loadtest), which mixes them into its load.
//
// # The table
//
// [Requests] lists each request with the status it must get: a clear 4xx
// for what is out of bounds (sizes, pages, a query too long, coordinates,
// a filter repeated 1,000 times, methods other than GET and HEAD), a 200
// with the query taken as plain text for search syntax, invalid UTF-8 and
// markup. [Request.HTTP] makes one into an *http.Request for a server.
//
// # The rules
//
// [Check] returns what is wrong with one answer: the status, the security
// headers, markup sent back unescaped, a body on HEAD, a JSON result that
// does not decode or echoes invalid UTF-8.
package hostile

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"resourcelib/generator/search"
)

// Request is one hostile request and the status it must be answered with.
type Request struct {
	Name   string
	Method string
	Target string // path and query, as sent on the request line
	Header string // the value of an X-Big header, if not empty
	Body   string // a form-encoded body, if not empty
	Status int
	// BeforeHandler is set where the status is the HTTP server's, given
	// before the handler runs (a header over net/http's limit).
	BeforeHandler bool
}

// FacetParams are the request parameters that filter the results; every
// one of them gets the markup. (A test in package search keeps the list
// equal to the handler's own.)
var FacetParams = []string{"type", "topic", "audience", "state", "language", "tag"}

// The markup that no answer may send back as it came.
const (
	script = `<script>alert(1)</script>`
	svg    = `"><svg onload=alert(1)>`
)

// Requests returns the table, a new copy on each call.
func Requests() []Request {
	big := strings.Repeat("trafficking ", 100<<10/12)
	esc := url.QueryEscape
	rs := []Request{
		{Name: "size -5", Target: "/api/search?q=hotline&size=-5", Status: 400},
		{Name: "page -1", Target: "/api/search?q=hotline&page=-1", Status: 400},
		{Name: "size 100000", Target: "/api/search?q=hotline&size=100000", Status: 400},
		{Name: "page 1e9", Target: "/api/search?q=hotline&page=1000000000", Status: 400},
		{Name: "q of 100 KB", Target: "/api/search?q=" + esc(big), Status: 400},
		{Name: "q of 100 KB html", Target: "/search?q=" + esc(big), Status: 400},
		{Name: "q of 100 KB in a POST body", Method: "POST", Target: "/api/search", Body: "q=" + esc(big), Status: 405},
		{Name: "star", Target: "/api/search?q=*", Status: 200},
		{Name: "regexp", Target: "/api/search?q=" + esc("/.*/"), Status: 200},
		{Name: "stars", Target: "/api/search?q=" + esc("*a*"), Status: 200},
		{Name: "prefix star", Target: "/api/search?q=a*", Status: 200},
		{Name: "fuzzy syntax", Target: "/api/search?q=" + esc("x~2"), Status: 200},
		{Name: "field syntax", Target: "/api/search?q=" + esc("title:x"), Status: 200},
		{Name: "unterminated quote", Target: "/api/search?q=" + esc(`"unterminated`), Status: 200},
		{Name: "operators", Target: "/api/search?q=" + esc("+-~^"), Status: 200},
		{Name: "invalid UTF-8", Target: "/api/search?q=%ff%fehot%c3line", Status: 200},
		{Name: "invalid UTF-8 html", Target: "/search?q=%ff%fehot%c3line", Status: 200},
		{Name: "NUL", Target: "/api/search?q=hot%00line", Status: 400},
		{Name: "near out of range", Target: "/api/search?near=91,181", Status: 400},
		{Name: "near not numeric", Target: "/api/search?near=north,west", Status: 400},
		{Name: "within -1", Target: "/api/search?near=35,-120&within=-1", Status: 400},
		{Name: "a filter 1,000 times", Target: "/api/search?q=x" + strings.Repeat("&type=page", 1000), Status: 400},
		{Name: "q 1,000 times", Target: "/api/search?q=hotline" + strings.Repeat("&q=x", 999), Status: 200},
		// net/http reads headers up to 1 MB (and a little): one of 1 MB is
		// served, a larger one refused before the handler sees it.
		{Name: "a 1 MB header", Target: "/api/search?q=hotline", Header: strings.Repeat("x", 1<<20-100), Status: 200},
		{Name: "a 2 MB header", Target: "/api/search?q=hotline", Header: strings.Repeat("x", 2<<20), Status: 431, BeforeHandler: true},
		{Name: "HEAD", Method: "HEAD", Target: "/api/search?q=hotline", Status: 200},
		{Name: "HEAD html", Method: "HEAD", Target: "/search?q=hotline", Status: 200},
		{Name: "POST", Method: "POST", Target: "/api/search?q=hotline", Body: "q=hotline", Status: 405},
		{Name: "PUT", Method: "PUT", Target: "/search?q=hotline", Status: 405},
		{Name: "OPTIONS", Method: "OPTIONS", Target: "/api/search?q=hotline", Status: 405},
		{Name: "not search", Target: "/es/searchx?q=hotline", Status: 404},
		{Name: "markup in q json", Target: "/api/search?q=" + esc(script+svg), Status: 200},
		{Name: "markup in q html", Target: "/search?q=" + esc(script+svg), Status: 200},
		{Name: "markup in an error", Target: "/search?q=" + esc(script) + "&size=" + esc(svg), Status: 400},
		{Name: "markup in near", Target: "/search?near=" + esc(script), Status: 400},
		{Name: "markup in within", Target: "/api/search?near=1,1&within=" + esc(svg), Status: 400},
	}
	for _, p := range FacetParams {
		for _, path := range []string{"/search", "/api/search"} {
			rs = append(rs, Request{Name: "markup in " + p + " " + path,
				Target: path + "?q=hotline&" + p + "=" + esc(script+svg), Status: 200})
		}
	}
	for i := range rs {
		if rs[i].Method == "" {
			rs[i].Method = "GET"
		}
	}
	return rs
}

// HTTP returns the request for the server at base ("http://host:port").
func (r Request) HTTP(base string) (*http.Request, error) {
	var body io.Reader
	if r.Body != "" {
		body = strings.NewReader(r.Body)
	}
	req, err := http.NewRequest(r.Method, base+r.Target, body)
	if err != nil {
		return nil, err
	}
	for k, vs := range r.HeaderFields() {
		req.Header[k] = vs
	}
	return req, nil
}

// HeaderFields are the header fields the request carries besides those
// every client sends.
func (r Request) HeaderFields() http.Header {
	h := http.Header{}
	if r.Header != "" {
		h.Set("X-Big", r.Header)
	}
	if r.Body != "" {
		h.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return h
}

// Check returns what is wrong with the answer to r (none if nothing is).
func Check(r Request, status int, header http.Header, body []byte) []string {
	var bad []string
	if status != r.Status {
		return []string{fmt.Sprintf("status %d, want %d: %.300s", status, r.Status, body)}
	}
	if r.BeforeHandler {
		return nil
	}
	want := http.Header{}
	search.SetSecurityHeaders(want)
	for k := range want {
		if header.Get(k) != want.Get(k) {
			bad = append(bad, fmt.Sprintf("header %s missing or wrong: %q", k, header.Get(k)))
		}
	}
	for _, m := range []string{"<script>alert", "<svg onload"} {
		if strings.Contains(string(body), m) {
			bad = append(bad, "the answer holds "+m+" unescaped")
		}
	}
	if r.Method == "HEAD" && len(body) != 0 {
		bad = append(bad, fmt.Sprintf("HEAD: %d bytes of body", len(body)))
	}
	if status == 200 && r.Method == "GET" && strings.HasPrefix(r.Target, "/api/") {
		var res search.Result
		if err := json.Unmarshal(body, &res); err != nil {
			bad = append(bad, fmt.Sprintf("invalid JSON: %v", err))
		} else if !utf8.ValidString(res.Query) {
			bad = append(bad, "query echoed as invalid UTF-8")
		}
	}
	return bad
}
