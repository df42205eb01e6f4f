package search

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"resourcelib/generator/site"
)

// TestIndexWriteFaults fails the real indexer's own writes during a build
// (its new folder taken away, or its bleve folder made a file, as when the
// disk under it fails): the build's error says the search index could not
// be written and that the previous output was kept, the previous site and
// index are exactly as they were and still open, and nothing is left
// beside them. (Faults in the site's own writes are site's
// TestPublishFaults; a read-only output parent is publish's TestNewFails.)
func TestIndexWriteFaults(t *testing.T) {
	t.Parallel()
	src := fstest.MapFS{
		"content/site.yaml": {Data: []byte("title: T\n")},
		"content/_index.md": {Data: []byte("---\ntitle: Home\n---\n")},
		"content/a.md":      {Data: []byte("---\ntitle: A\n---\nThe first hotline version.\n")},
	}
	parent := t.TempDir()
	out, index := filepath.Join(parent, "public"), filepath.Join(parent, "public.search")
	build := func(t *testing.T, damage func(*Indexer)) error {
		ix, err := NewIndexer(index)
		if err != nil {
			t.Fatal(err)
		}
		if damage != nil {
			damage(ix)
		}
		_, err = site.Build(site.Options{Source: src, Theme: os.DirFS("../.."), Out: out, Index: ix})
		return err
	}
	if err := build(t, nil); err != nil {
		t.Fatal(err)
	}
	siteBefore, indexBefore := treeHash(t, out), treeHash(t, index)
	src["content/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\n---\nThe second hotline version.\n")}
	tests := []struct {
		name   string
		damage func(*Indexer)
	}{
		{"the new index folder is gone", func(x *Indexer) {
			os.RemoveAll(x.tmp)
			os.WriteFile(x.tmp, []byte("not a folder"), 0o644)
		}},
		{"the bleve folder cannot be made", func(x *Indexer) {
			os.RemoveAll(filepath.Join(x.tmp, bleveDir))
			os.WriteFile(filepath.Join(x.tmp, bleveDir), []byte("not a folder"), 0o644)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := build(t, tt.damage)
			if err == nil || !strings.Contains(err.Error(), "cannot write the search index: ") ||
				!strings.Contains(err.Error(), "not a directory; the previous output was left as it was") {
				t.Fatalf("error %v, want one saying the index could not be written, why, and that the previous output was kept", err)
			}
			t.Log(err)
			if diff := cmp.Diff(siteBefore, treeHash(t, out)); diff != "" {
				t.Errorf("the site changed (-before +after):\n%s", diff)
			}
			if diff := cmp.Diff(indexBefore, treeHash(t, index)); diff != "" {
				t.Errorf("the index changed (-before +after):\n%s", diff)
			}
			entries, _ := os.ReadDir(parent)
			for _, e := range entries {
				if e.Name() != "public" && e.Name() != "public.search" {
					t.Errorf("left beside the output: %s", e.Name())
				}
			}
			h := openIndex(t, index, Options{})
			if w := serve(h, "GET", "/api/search?q=hotline"); w.Code != 200 || !strings.Contains(w.Body.String(), "The first") {
				t.Errorf("the previous index does not answer: %d %s", w.Code, w.Body)
			}
		})
	}
}

// treeHash lists every file under dir with a hash of its bytes.
func treeHash(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		m[rel] = fmt.Sprintf("%x", sha256.Sum256(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}
