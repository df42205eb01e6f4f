package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/aws/aws-lambda-go/events"
	"github.com/google/go-cmp/cmp"

	"resourcelib/generator/admin"
)

// TestSameAsServe: the function answers as `generator serve` does, with
// the same status, headers and body for each method.
func TestSameAsServe(t *testing.T) {
	t.Parallel()
	for _, method := range []string{"GET", "HEAD", "POST"} {
		rec := httptest.NewRecorder()
		admin.ServeHTTP(rec, httptest.NewRequest(method, admin.Path, nil))
		got := answer(events.APIGatewayProxyRequest{HTTPMethod: method, Path: admin.Path})
		if got.StatusCode != rec.Code {
			t.Errorf("%s: status %d, serve %d", method, got.StatusCode, rec.Code)
		}
		want := map[string]string{}
		for k := range rec.Header() {
			want[k] = rec.Header().Get(k)
		}
		delete(want, "X-Content-Type-Options") // http.Error sets it again: same value
		have := map[string]string{}
		for k, v := range got.Headers {
			have[http.CanonicalHeaderKey(k)] = v
		}
		delete(have, "X-Content-Type-Options")
		if method == "POST" {
			delete(want, "Content-Type") // http.Error's and ours say the same in other words
			delete(have, "Content-Type")
		}
		if diff := cmp.Diff(want, have); diff != "" {
			t.Errorf("%s: headers differ (-serve +function):\n%s", method, diff)
		}
		if method != "POST" && got.Body != rec.Body.String() {
			t.Errorf("%s: body differs", method)
		}
	}
}

// TestRewrite: netlify.toml sends /admin/ to this function, as a forced
// rewrite (status 200), and the function is built from netlify/functions.
func TestRewrite(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("../../../netlify.toml")
	if err != nil {
		t.Fatal(err)
	}
	var cfg struct {
		Functions struct{ Directory string }
		Redirects []struct {
			From, To string
			Status   int
			Force    bool
		}
	}
	if _, err := toml.Decode(string(data), &cfg); err != nil {
		t.Fatalf("netlify.toml: %v", err)
	}
	if cfg.Functions.Directory != "netlify/functions" {
		t.Errorf(`[functions] directory = %q, want "netlify/functions"`, cfg.Functions.Directory)
	}
	found := false
	for _, r := range cfg.Redirects {
		if r.From == admin.Path {
			found = true
			if r.To != "/.netlify/functions/admin" || r.Status != 200 || !r.Force {
				t.Errorf("%s -> %s status %d force %v, want /.netlify/functions/admin 200 forced", r.From, r.To, r.Status, r.Force)
			}
		}
	}
	if !found {
		t.Errorf("netlify.toml does not rewrite %s to the admin function", admin.Path)
	}
}
