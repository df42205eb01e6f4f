package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/aws/aws-lambda-go/events"
	"github.com/google/go-cmp/cmp"
)

func TestHandlerPath(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		// The visitor's own path, as a rewrite may pass it.
		{"/search", "/search"},
		{"/search/", "/search/"},
		{"/api/search", "/api/search"},
		{"/es/search", "/es/search"},
		// netlify.toml's rewrite targets.
		{"/.netlify/functions/search/html", "/search"},
		{"/.netlify/functions/search/html/", "/search"},
		{"/.netlify/functions/search/api", "/api/search"},
		{"/.netlify/functions/search/es/html", "/es/search"},
		// The function called directly is the JSON API.
		{"/.netlify/functions/search", "/api/search"},
		{"/.netlify/functions/search/", "/api/search"},
		// A handler path below the function's address.
		{"/.netlify/functions/search/api/search", "/api/search"},
		// Not this function's: left for the handler to refuse.
		{"/.netlify/functions/searchx", "/.netlify/functions/searchx"},
		{"/.netlify/functions/search/a/b/html", "/a/b/html"},
		{"/", "/"},
	} {
		if got := handlerPath(tt.in); got != tt.want {
			t.Errorf("handlerPath(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// seen is what the echo handler reports of the request it received.
type seen struct {
	Method, Path, Query, Host, RemoteAddr, Body string
	Accept                                      []string
}

// echo answers with what it received, and with a header of two values.
var echo = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Add("Vary", "Accept")
	w.Header().Add("Vary", "Accept-Language")
	w.WriteHeader(http.StatusTeapot)
	json.NewEncoder(w).Encode(seen{r.Method, r.URL.Path, r.URL.RawQuery, r.Host, r.RemoteAddr, string(body), r.Header.Values("Accept")})
})

func TestServe(t *testing.T) {
	tests := []struct {
		name string
		ev   events.APIGatewayProxyRequest
		want seen
	}{{
		name: "multi-value query and headers win",
		ev: events.APIGatewayProxyRequest{
			HTTPMethod:                      "GET",
			Path:                            "/.netlify/functions/search/api",
			QueryStringParameters:           map[string]string{"q": "x", "type": "page, material"},
			MultiValueQueryStringParameters: map[string][]string{"q": {"x"}, "type": {"page", "material"}},
			Headers:                         map[string]string{"host": "library.example", "accept": "b"},
			MultiValueHeaders:               map[string][]string{"host": {"library.example"}, "accept": {"a", "b"}},
			RequestContext:                  events.APIGatewayProxyRequestContext{Identity: events.APIGatewayRequestIdentity{SourceIP: "192.0.2.1"}},
		},
		want: seen{Method: "GET", Path: "/api/search", Query: "q=x&type=page&type=material",
			Host: "library.example", RemoteAddr: "192.0.2.1", Accept: []string{"a", "b"}},
	}, {
		name: "single-value forms alone",
		ev: events.APIGatewayProxyRequest{
			Path:                  "/search",
			QueryStringParameters: map[string]string{"q": "a b&c"},
			Headers:               map[string]string{"Accept": "text/html"},
		},
		want: seen{Method: "GET", Path: "/search", Query: "q=a+b%26c", Accept: []string{"text/html"}},
	}, {
		name: "base64 body",
		ev: events.APIGatewayProxyRequest{HTTPMethod: "POST", Path: "/api/search",
			Body: base64.StdEncoding.EncodeToString([]byte("q=x")), IsBase64Encoded: true},
		want: seen{Method: "POST", Path: "/api/search", Body: "q=x"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := serve(context.Background(), echo, tt.ev)
			if res.StatusCode != http.StatusTeapot {
				t.Fatalf("status %d, want %d; body %s", res.StatusCode, http.StatusTeapot, res.Body)
			}
			var got seen
			if err := json.Unmarshal([]byte(res.Body), &got); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("request mismatch (-want +got):\n%s", diff)
			}
			if got, want := res.Headers["Content-Type"], "application/json"; got != want {
				t.Errorf("Headers[Content-Type] = %q, want %q", got, want)
			}
			if diff := cmp.Diff(map[string][]string{"Vary": {"Accept", "Accept-Language"}}, res.MultiValueHeaders); diff != "" {
				t.Errorf("MultiValueHeaders mismatch (-want +got):\n%s", diff)
			}
			if _, ok := res.Headers["Vary"]; ok {
				t.Errorf("Vary is in both Headers and MultiValueHeaders")
			}
		})
	}
}

func TestServeBadEvent(t *testing.T) {
	for name, ev := range map[string]events.APIGatewayProxyRequest{
		"bad base64": {Path: "/api/search", Body: "%%%", IsBase64Encoded: true},
		"bad method": {HTTPMethod: "GE T", Path: "/api/search"},
	} {
		t.Run(name, func(t *testing.T) {
			res := serve(context.Background(), echo, ev)
			checkJSONError(t, res, http.StatusBadRequest, "")
		})
	}
}

func TestServeBinaryBody(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write([]byte{0xff, 0x00, 0xfe})
	})
	res := serve(context.Background(), h, events.APIGatewayProxyRequest{Path: "/api/search"})
	if !res.IsBase64Encoded || res.Body != base64.StdEncoding.EncodeToString([]byte{0xff, 0x00, 0xfe}) {
		t.Errorf("binary body: IsBase64Encoded %v, Body %q; want it base64-encoded", res.IsBase64Encoded, res.Body)
	}
}

// A function built from a fresh clone, whose index/ holds only .keep,
// starts and says what is missing.
func TestOpenWithoutIndex(t *testing.T) {
	h := open(fstest.MapFS{"index/.keep": {}})
	for _, path := range []string{"/search", "/api/search"} {
		res := serve(context.Background(), h, events.APIGatewayProxyRequest{Path: path})
		checkJSONError(t, res, http.StatusServiceUnavailable, "make netlify")
	}
}

// An index that does not open is logged, and visitors get a 503 (search
// is unavailable; the rest of the site is static and still served)
// without the details.
func TestOpenBrokenIndex(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir()) // where open unpacks the index
	h := open(fstest.MapFS{"index/index.bleve/index_meta.json": {Data: []byte("{not json")}})
	res := serve(context.Background(), h, events.APIGatewayProxyRequest{Path: "/api/search"})
	checkJSONError(t, res, http.StatusServiceUnavailable, "could not be opened")
}

// checkJSONError checks an error answer: its status, a JSON body whose
// error mentions want, and the security headers.
func checkJSONError(t *testing.T, res events.APIGatewayProxyResponse, status int, want string) {
	t.Helper()
	if res.StatusCode != status {
		t.Errorf("status %d, want %d", res.StatusCode, status)
	}
	var body struct{ Error string }
	if err := json.Unmarshal([]byte(res.Body), &body); err != nil || body.Error == "" || !strings.Contains(body.Error, want) {
		t.Errorf("body %q (%v): want a JSON error mentioning %q", res.Body, err, want)
	}
	if got := res.Headers["Content-Type"]; !strings.HasPrefix(got, "application/json") {
		t.Errorf("Content-Type %q, want application/json", got)
	}
	for _, h := range []string{"Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options"} {
		if res.Headers[h] == "" {
			t.Errorf("no %s header", h)
		}
	}
}

// TestHeaderLimit: the function refuses a header that net/http's server
// would not read, and passes one just within the limit.
func TestHeaderLimit(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		size, status int
	}{{1<<20 - 100, http.StatusTeapot}, {2 << 20, http.StatusRequestHeaderFieldsTooLarge}} {
		ev := events.APIGatewayProxyRequest{HTTPMethod: "GET", Path: "/api/search",
			Headers: map[string]string{"X-Big": strings.Repeat("x", tt.size)}}
		if res := serve(context.Background(), echo, ev); res.StatusCode != tt.status {
			t.Errorf("a header of %d bytes: status %d, want %d", tt.size, res.StatusCode, tt.status)
		}
	}
}
