package site

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// randomPages makes n pages whose keys often tie (few weights, dates and
// titles), so that every key of sortPages decides some comparison.
func randomPages(r *rand.Rand, n int) []*Page {
	ps := make([]*Page, n)
	for i := range ps {
		ps[i] = randomPage(r, i)
	}
	return ps
}

func randomPage(r *rand.Rand, i int) *Page {
	p := &Page{Kind: KindPage, URL: fmt.Sprintf("/p/%d/", i), Title: fmt.Sprintf("T%d", r.IntN(4)),
		Weight: r.IntN(3), Date: time.Date(2024, 1, 1+r.IntN(5), 0, 0, 0, 0, time.UTC)}
	if r.IntN(3) == 0 {
		p.Lastmod = p.Date.AddDate(0, 0, r.IntN(10))
	}
	p.sortTitle = p.Title
	return p
}

// TestNewest checks that a feed's entries are the first of the whole list
// sorted newest first.
func TestNewest(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 5, 20, 21, 200} {
		ps := randomPages(r, n)
		all := slices.Clone(ps)
		sortPagesBy(all, func(a, b *Page) int { return b.Updated().Compare(a.Updated()) })
		want := all[:min(n, feedSize)]
		if got := newest(ps, feedSize); !slices.Equal(got, want) {
			t.Errorf("newest of %d pages: got %v, want %v", n, urls(got), urls(want))
		}
	}
}

// TestReorder checks that after any edits the source's order is the order
// sortPages gives its pages, and that a list sorted by rank is sorted.
func TestReorder(t *testing.T) {
	t.Parallel()
	r := rand.New(rand.NewPCG(3, 4))
	ld := &source{pages: randomPages(r, 300)}
	ld.pages[7] = nil // a file that did not load
	for i, p := range ld.pages {
		if p != nil {
			ld.order = append(ld.order, i)
		}
	}
	slices.SortFunc(ld.order, func(i, j int) int { return comparePages(ld.pages[i], ld.pages[j]) })
	ld.ranks()
	for edit := range 200 {
		i := r.IntN(len(ld.pages))
		ld.pages = slices.Clone(ld.pages)
		if edit%17 == 0 {
			ld.pages[i] = nil // now fails to load
		} else {
			ld.pages[i] = randomPage(r, i)
		}
		ld.reorder(i)
		var want []*Page
		for _, p := range ld.pages {
			if p != nil {
				want = append(want, p)
			}
		}
		sortPages(want)
		var got []*Page
		for _, j := range ld.order {
			got = append(got, ld.pages[j])
		}
		if !slices.Equal(got, want) {
			t.Fatalf("after edit %d (page %d): order %v, want %v", edit, i, urls(got), urls(want))
		}
		for n, j := range ld.order {
			if ld.rank[j] != n+1 {
				t.Fatalf("after edit %d: page %d ranks %d at place %d", edit, j, ld.rank[j], n+1)
			}
		}
	}
	// Assembled copies are sorted by rank: the same order.
	var list []*Page
	for i, p := range ld.pages {
		if p != nil && r.IntN(2) == 0 {
			q := *p
			q.loaded, q.rank = p, ld.rank[i]
			list = append(list, &q)
		}
	}
	if !ranked(list) {
		t.Fatal("copies of loaded pages are not ranked")
	}
	byKeys := slices.Clone(list)
	slices.SortFunc(byKeys, comparePages)
	sortPages(list)
	if !slices.Equal(list, byKeys) {
		t.Errorf("sorted by rank %v, by keys %v", urls(list), urls(byKeys))
	}
}

func urls(ps []*Page) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.URL)
	}
	return out
}
