package search

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"resourcelib/generator/site"
)

// TestIndexWorldReadable checks that every file of a committed index can be
// read by another user (0644) and every folder entered (0755): a Lambda
// bundle runs as another user than the one who built it.
func TestIndexWorldReadable(t *testing.T) {
	dir := bundledDir(t)
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o644)
		if d.IsDir() {
			want = 0o755
		}
		if got := info.Mode().Perm(); got != want {
			t.Errorf("%s: mode %v, want %v", p, got, want)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 4 {
		t.Errorf("only %d entries in the index folder", n)
	}
	if _, err := os.Stat(filepath.Join(dir, pagePrefix+"en.html")); err != nil {
		t.Errorf("no search page: %v", err)
	}
}

// snapshot records each file of a folder: its mode and a hash of its data.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			m[rel] = info.Mode().String()
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		m[rel] = info.Mode().String() + " " + hex.EncodeToString(sum[:8])
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// leftovers lists what an indexer left beside its folder.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.Name() != filepath.Base(dir) {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestAbortKeepsPreviousIndex checks that an aborted index, whether by a
// failed build or directly, leaves the previous one exactly as it was.
func TestAbortKeepsPreviousIndex(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public.search")
	src := geoSite()
	buildIndex(t, src, dir, filepath.Join(parent, "public"))
	before := snapshot(t, dir)

	// Directly: documents and a page added, then Abort.
	ix, err := NewIndexer(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.Add(site.Document{URL: "/new/", Type: "page", Title: "Synthetic new page", Language: "en"}); err != nil {
		t.Fatal(err)
	}
	if err := ix.SearchPage("en", []byte("<p>new</p>"), nil); err != nil {
		t.Fatal(err)
	}
	ix.Abort()
	ix.Abort() // twice is harmless
	if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
		t.Errorf("Abort changed the index (-before +after):\n%s", diff)
	}
	if got := leftovers(t, dir); len(got) != 1 || got[0] != "public" {
		t.Errorf("left beside the index: %v", got)
	}
	if _, err := ix.Finish(); err == nil {
		t.Error("Finish after Abort succeeded")
	}

	// By a build that fails: Build aborts the index.
	broken := fstest.MapFS{}
	for k, v := range src {
		broken[k] = v
	}
	broken["content/broken.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Broken\nweight: heavy\n---\nSynthetic.\n")}
	ix, err = NewIndexer(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := site.Build(site.Options{Source: broken, Theme: os.DirFS("../.."), Out: filepath.Join(parent, "public"), Index: ix}); err == nil {
		t.Fatal("the broken site built")
	}
	if diff := cmp.Diff(before, snapshot(t, dir)); diff != "" {
		t.Errorf("a failed build changed the index (-before +after):\n%s", diff)
	}
	if got := leftovers(t, dir); len(got) != 1 || got[0] != "public" {
		t.Errorf("left beside the index: %v", got)
	}

	// The previous index still answers.
	h := openIndex(t, dir, Options{})
	if r := apiSearch(t, h, q("cedar")); len(r.Hits) != 1 {
		t.Errorf("cedar: %v", urls(r))
	}
}

// TestCommitReplaces checks that a second build replaces the index and
// leaves nothing beside it.
func TestCommitReplaces(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public.search")
	src := geoSite()
	buildIndex(t, src, dir, filepath.Join(parent, "public"))
	src["content/extra.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Synthetic extra page about quokkas\n---\nQuokkas.\n")}
	ix := buildIndex(t, src, dir, filepath.Join(parent, "public"))
	if _, err := ix.Finish(); err == nil {
		t.Error("Finish after the build succeeded")
	}
	ix.Abort() // after Finish: nothing to do
	h := openIndex(t, dir, Options{})
	if r := apiSearch(t, h, q("quokkas")); len(r.Hits) != 1 {
		t.Errorf("the new index does not have the new page: %v", urls(r))
	}
	if got := leftovers(t, dir); len(got) != 1 || got[0] != "public" {
		t.Errorf("left beside the index: %v", got)
	}
}

// TestEmptySite checks that a site with nothing to search commits an index
// that opens and answers with no results.
func TestEmptySite(t *testing.T) {
	src := fstest.MapFS{
		"content/_index.md": {Data: []byte("---\ntitle: Synthetic empty site\n---\nOnly a home page, which is not searchable.\n")},
		"content/site.yaml": {Data: []byte("title: Synthetic empty site\nbase_url: https://example.org/\nlanguage: en\n")},
	}
	dir := filepath.Join(t.TempDir(), "index")
	ix := buildIndex(t, src, dir, filepath.Join(t.TempDir(), "public"))
	if ix.Count() != 0 {
		t.Fatalf("%d documents indexed, want 0", ix.Count())
	}
	h := openIndex(t, dir, Options{})
	for _, v := range []string{"q=home", "q=synthetic", "type=page", "q=x&near=35,-120", ""} {
		r := apiSearch(t, h, mustQuery(t, v))
		if r.Total != 0 || len(r.Hits) != 0 {
			t.Errorf("%s: %d results", v, r.Total)
		}
	}
	w := serve(h, "GET", "/search?q=home")
	if w.Code != 200 || !strings.Contains(w.Body.String(), "No results") {
		t.Errorf("HTML: status %d, want 200 with No results", w.Code)
	}
}

func mustQuery(t *testing.T, s string) url.Values {
	t.Helper()
	v, err := url.ParseQuery(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSearchPageLanguage checks that a language code cannot name a file
// outside the index folder.
func TestSearchPageLanguage(t *testing.T) {
	ix, err := NewIndexer(filepath.Join(t.TempDir(), "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Abort()
	for _, lang := range []string{"", "../x", "a/b", `a\b`, "en.html"} {
		if err := ix.SearchPage(lang, []byte("x"), nil); err == nil {
			t.Errorf("SearchPage(%q) succeeded", lang)
		}
	}
}

// TestFunctionSize checks the estimate: the program, plus the index as zip
// would compress it.
func TestFunctionSize(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a"), []byte(strings.Repeat("compressible ", 10000)), 0o644); err != nil {
		t.Fatal(err)
	}
	size, err := FunctionSize(dir)
	if err != nil {
		t.Fatal(err)
	}
	if index := size - functionProgramZipped; index <= 0 || index > 2000 {
		t.Errorf("130 KB of one repeated word estimated at %d bytes zipped", index)
	}

	// A large file is estimated from a sample: 3 MB that does not
	// compress (the chunks sampled are like the rest) stays 3 MB.
	random := make([]byte, 3<<20)
	rand.NewChaCha8([32]byte{1}).Read(random)
	if err := os.WriteFile(filepath.Join(dir, "b"), random, 0o644); err != nil {
		t.Fatal(err)
	}
	size, err = FunctionSize(dir)
	if err != nil {
		t.Fatal(err)
	}
	if index := size - functionProgramZipped; index < 3<<20 || index > 3<<20+3<<20/50 {
		t.Errorf("3 MB of random bytes and 130 KB of one word estimated at %d bytes zipped", index)
	}
}
