package synthetic

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestQueries checks that the queries are the same every time, mostly
// different, and made of the site's own words.
func TestQueries(t *testing.T) {
	t.Parallel()
	o := Options{Materials: 200, Organizations: 20}
	qs := Queries(o, 2000)
	if len(qs) != 2000 || !slices.Equal(qs, Queries(o, 2000)) {
		t.Fatalf("Queries gave %d queries, or different ones on a second call", len(qs))
	}
	distinct := map[string]bool{}
	for _, q := range qs {
		distinct[q] = true
	}
	if len(distinct) < 1500 {
		t.Errorf("only %d distinct queries of 2000", len(distinct))
	}
	dir := t.TempDir()
	if err := Write(dir, o); err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			b, _ := os.ReadFile(p)
			text.WriteString(strings.ToLower(string(b)))
		}
		return err
	})
	site := text.String()
	found := 0
	for _, q := range qs {
		all := true
		for _, w := range strings.Fields(q) {
			all = all && strings.Contains(site, w)
		}
		if all {
			found++
		}
	}
	// A fifth have a typo, which may make a word the site lacks.
	if found < len(qs)*3/4 {
		t.Errorf("only %d of %d queries are made of the site's words", found, len(qs))
	}
}
