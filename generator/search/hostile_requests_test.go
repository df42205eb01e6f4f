package search_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/google/go-cmp/cmp"

	"resourcelib/generator/search"
	"resourcelib/generator/search/hostile"
)

// TestHostileRequests is issue 10's table of hostile search requests
// (generator/search/hostile), sent over a real connection to the real
// handler: each is answered with a clear 4xx or a plain-text search, with
// the security headers, and no answer holds the markup that was sent.
// The search function's emulator test sends the same table.
func TestHostileRequests(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(search.BundledIndex(t))
	defer srv.Close()
	for _, tc := range hostile.Requests() {
		t.Run(tc.Name, func(t *testing.T) {
			req, err := tc.HTTP(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			for _, bad := range hostile.Check(tc, resp.StatusCode, resp.Header, body) {
				t.Error(bad)
			}
		})
	}
}

// TestHostileFacetParams keeps the table's filters those of the handler,
// so that markup goes into every one of them.
func TestHostileFacetParams(t *testing.T) {
	t.Parallel()
	if diff := cmp.Diff(search.FacetParams(), hostile.FacetParams); diff != "" {
		t.Errorf("hostile.FacetParams differ from the handler's (-handler +table):\n%s", diff)
	}
}
