package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"

	"resourcelib/generator/search"
	"resourcelib/generator/searchdoc"
)

// functionPath is where Netlify serves this function.
const functionPath = "/.netlify/functions/search"

// serve answers one API Gateway proxy event with h, as if h were serving
// the visitor's request itself.
func serve(ctx context.Context, h http.Handler, ev events.APIGatewayProxyRequest) events.APIGatewayProxyResponse {
	rec := httptest.NewRecorder()
	r, err := newRequest(ctx, ev)
	switch {
	case err != nil:
		jsonError(http.StatusBadRequest, err.Error()).ServeHTTP(rec, nil)
	case headerBytes(r.Header) > maxHeaderBytes:
		jsonError(http.StatusRequestHeaderFieldsTooLarge, "the request's header is too large").ServeHTTP(rec, nil)
	default:
		h.ServeHTTP(rec, r)
	}
	return newResponse(rec)
}

// maxHeaderBytes is as much header as net/http's server reads
// (http.DefaultMaxHeaderBytes and the 4 KB it allows beyond): the function
// refuses more, as `generator serve` does, so that the handler never gets
// from an event what it would never get from a connection.
const maxHeaderBytes = http.DefaultMaxHeaderBytes + 4096

// headerBytes is the size of h as sent: "Key: value\r\n" per value.
func headerBytes(h http.Header) int {
	n := 0
	for k, vs := range h {
		for _, v := range vs {
			n += len(k) + len(v) + 4
		}
	}
	return n
}

// handlerPath maps an event's path to the one the search handler answers.
// A rewrite may give the function the visitor's own path (/search,
// /api/search, /es/search), which is kept, or its target under
// functionPath: /html is /search, /api is /api/search and /LANG/html is
// /LANG/search. The function's own address, called directly, is the JSON
// API.
func handlerPath(p string) string {
	rest, ok := strings.CutPrefix(p, functionPath)
	if !ok || (rest != "" && rest[0] != '/') {
		return p
	}
	rest = strings.TrimSuffix(rest, "/")
	switch rest {
	case "", "/api":
		return "/api/search"
	case "/html":
		return "/search"
	}
	if lang, ok := strings.CutSuffix(rest, "/html"); ok && searchdoc.IsPath(lang+"/search") {
		return lang + "/search"
	}
	return rest
}

// newRequest turns an event into the request a server would have read.
func newRequest(ctx context.Context, ev events.APIGatewayProxyRequest) (*http.Request, error) {
	body := []byte(ev.Body)
	if ev.IsBase64Encoded {
		b, err := base64.StdEncoding.DecodeString(ev.Body)
		if err != nil {
			return nil, errors.New("the request body is marked base64 but is not valid base64")
		}
		body = b
	}
	method := cmp.Or(ev.HTTPMethod, http.MethodGet)
	r, err := http.NewRequestWithContext(ctx, method, "/", bytes.NewReader(body))
	if err != nil {
		return nil, errors.New("the request method is malformed")
	}
	r.URL.Path = handlerPath(cmp.Or(ev.Path, "/"))
	r.URL.RawQuery = query(ev).Encode()
	r.RequestURI = r.URL.RequestURI()
	r.Header = header(ev)
	r.Host = r.Header.Get("Host")
	r.Header.Del("Host") // as net/http's server does
	r.RemoteAddr = ev.RequestContext.Identity.SourceIP
	return r, nil
}

// query prefers the multi-value parameters: the single-value ones keep
// only one value of a repeated filter such as type=page&type=material.
func query(ev events.APIGatewayProxyRequest) url.Values {
	if len(ev.MultiValueQueryStringParameters) > 0 {
		return url.Values(maps.Clone(ev.MultiValueQueryStringParameters))
	}
	q := url.Values{}
	for k, v := range ev.QueryStringParameters {
		q.Set(k, v)
	}
	return q
}

func header(ev events.APIGatewayProxyRequest) http.Header {
	h := http.Header{}
	if len(ev.MultiValueHeaders) > 0 {
		for k, vs := range ev.MultiValueHeaders {
			for _, v := range vs {
				h.Add(k, v)
			}
		}
		return h
	}
	for k, v := range ev.Headers {
		h.Set(k, v)
	}
	return h
}

// newResponse turns what the handler wrote into the function's answer. A
// header with one value goes into Headers, one with several into
// MultiValueHeaders, so no value is sent twice. A body that is not UTF-8
// text travels base64-encoded.
func newResponse(rec *httptest.ResponseRecorder) events.APIGatewayProxyResponse {
	res := rec.Result()
	out := events.APIGatewayProxyResponse{StatusCode: res.StatusCode, Headers: map[string]string{}}
	for k, vs := range res.Header {
		switch len(vs) {
		case 0:
		case 1:
			out.Headers[k] = vs[0]
		default:
			if out.MultiValueHeaders == nil {
				out.MultiValueHeaders = map[string][]string{}
			}
			out.MultiValueHeaders[k] = vs
		}
	}
	body := rec.Body.Bytes()
	if utf8.Valid(body) {
		out.Body = string(body)
	} else {
		out.Body = base64.StdEncoding.EncodeToString(body)
		out.IsBase64Encoded = true
	}
	return out
}

// jsonError answers every request with status and {"error": msg}, with the
// security headers the search handler would have sent.
func jsonError(status int, msg string) http.Handler {
	body, _ := json.Marshal(map[string]string{"error": msg})
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		search.SetSecurityHeaders(w.Header())
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		w.WriteHeader(status)
		w.Write(append(body, '\n'))
	})
}
