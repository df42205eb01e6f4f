package site

import (
	"bytes"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"resourcelib/generator/diag"
)

var update = flag.Bool("update", false, "rewrite the want/ files of testdata/sites/*.txtar from the output")

// TestSites builds each site in testdata/sites. An archive holds the site's
// source files (content/, layouts/, static/) and, under want/, every file the
// build must write, byte for byte. `go test -run TestSites -update` rewrites
// the want/ files from what the build writes; review the diff before
// committing it.
// testNow is the clock of test builds: publishdate, expirydate and future
// dates are compared with it.
var testNow = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

func TestSites(t *testing.T) {
	archives, _ := filepath.Glob("testdata/sites/*.txtar")
	if len(archives) == 0 {
		t.Fatal("no test sites")
	}
	for _, file := range archives {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			src := fstest.MapFS{}
			want := map[string]string{}
			for _, f := range ar.Files {
				if name, ok := strings.CutPrefix(f.Name, "want/"); ok {
					want[name] = string(f.Data)
					continue
				}
				src[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
			}
			out := filepath.Join(t.TempDir(), "public")
			res, err := Build(Options{Source: src, Out: out, BaseURL: "https://example.org", Now: testNow})
			if err != nil {
				t.Fatalf("build failed:\n%v", err)
			}
			for _, p := range res.Problems {
				t.Logf("%s", p.Error())
			}
			got := readTree(t, out)
			for name := range got {
				if strings.HasPrefix(name, "admin/") {
					delete(got, name) // the CMS admin has its own tests
				}
			}
			if *update {
				var files []txtar.File
				for _, f := range ar.Files {
					if !strings.HasPrefix(f.Name, "want/") {
						files = append(files, f)
					}
				}
				for _, name := range sortedKeys(got) {
					files = append(files, txtar.File{Name: "want/" + name, Data: []byte(got[name])})
				}
				ar.Files = files
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(sortedKeys(want), sortedKeys(got)); diff != "" {
				t.Errorf("files written mismatch (-want +got):\n%s", diff)
			}
			for name, w := range want {
				if g, ok := got[name]; ok && g != w {
					t.Errorf("%s mismatch (-want +got):\n%s", name, cmp.Diff(w, g))
				}
			}
		})
	}
}

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// TestFailedBuildKeepsOutput checks the promise that a broken site never
// replaces a good build.
func TestFailedBuildKeepsOutput(t *testing.T) {
	src := fstest.MapFS{
		"content/_index.md": {Data: []byte("---\ntitle: Home\n---\nHello\n")},
		"content/a.md":      {Data: []byte("---\ntitle: A\n---\nFirst\n")},
		"layouts/base.html": {Data: []byte(`{{block "main" .}}{{end}}`)},
		"layouts/page.html": {Data: []byte(`{{define "main"}}{{.Page.Title}}: {{.Page.Content}}{{end}}`)},
		"layouts/list.html": {Data: []byte(`{{define "main"}}list {{.Page.Title}}{{end}}`)},
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: src, Out: out}); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, out)
	src["content/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\nweight: heavy\n---\nSecond\n")}
	_, err := Build(Options{Source: src, Out: out})
	var le *diag.ListError
	if !errors.As(err, &le) {
		t.Fatalf("build of a broken site: got error %v, want a problem list", err)
	}
	want := "content/a.md:3:9: error: `weight` must be a whole number, not `heavy`"
	if got := le.Problems[0].Error(); got != want {
		t.Errorf("problem:\n got %s\nwant %s", got, want)
	}
	if diff := cmp.Diff(before, readTree(t, out)); diff != "" {
		t.Errorf("output changed by a failed build (-before +after):\n%s", diff)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	for _, e := range entries {
		if e.Name() != "public" {
			t.Errorf("a failed build left %s beside the output", e.Name())
		}
	}
	// A template error fails the build too, and also keeps the output.
	src["content/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\n---\nThird\n")}
	src["layouts/page.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Page.NoSuchField}}{{end}}`)}
	_, err = Build(Options{Source: src, Out: out})
	if err == nil || !strings.Contains(err.Error(), "layouts/page.html:1:") {
		t.Errorf("template error: got %v, want one naming layouts/page.html:1", err)
	}
	if diff := cmp.Diff(before, readTree(t, out)); diff != "" {
		t.Errorf("output changed by a failed build (-before +after):\n%s", diff)
	}
}

// TestDeterministic builds the same site twice and compares every byte.
func TestDeterministic(t *testing.T) {
	src := os.DirFS("../..")
	theme := os.DirFS("../..")
	a := filepath.Join(t.TempDir(), "a")
	b := filepath.Join(t.TempDir(), "b")
	for _, out := range []string{a, b} {
		if _, err := Build(Options{Source: src, Theme: theme, Out: out}); err != nil {
			t.Fatal(err)
		}
	}
	ta, tb := readTree(t, a), readTree(t, b)
	if diff := cmp.Diff(ta, tb); diff != "" {
		t.Errorf("two builds differ:\n%s", diff)
	}
	if len(ta) == 0 || !bytes.Contains([]byte(ta["index.html"]), []byte("<html")) {
		t.Errorf("the build wrote no home page")
	}
}
