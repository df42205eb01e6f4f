package search

import (
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// TestAnswerCache checks that a repeated search is answered from the
// cache without searching, with the same answer, that a different one
// is searched, and that CacheSize -1 turns the cache off.
func TestAnswerCache(t *testing.T) {
	t.Parallel()
	dir := bundledDir(t)
	h := openIndex(t, dir, Options{CacheSize: 2})
	v := url.Values{"q": {"hotline"}}
	first := apiSearch(t, h, v)
	n := h.searches.Load()
	if n == 0 {
		t.Fatal("no search was run")
	}
	again := apiSearch(t, h, v)
	if got := h.searches.Load(); got != n {
		t.Errorf("the repeated search ran %d searches, want none", got-n)
	}
	if diff := cmp.Diff(first, again, cmpopts.IgnoreFields(Result{}, "TookMS")); diff != "" {
		t.Errorf("the cached answer differs (-first +cached):\n%s", diff)
	}
	apiSearch(t, h, url.Values{"q": {"hotline"}, "page": {"2"}})
	if got := h.searches.Load(); got == n {
		t.Error("another page of the search was answered from the cache")
	}

	off := openIndex(t, dir, Options{CacheSize: -1})
	apiSearch(t, off, v)
	n = off.searches.Load()
	apiSearch(t, off, v)
	if got := off.searches.Load(); got == n {
		t.Error("with CacheSize -1 a repeated search was not searched again")
	}
}
