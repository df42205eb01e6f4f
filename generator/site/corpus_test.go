package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"resourcelib/generator/diag"
)

// corpus is the digital.gov content tree in the project's shared folder: a
// real Hugo site of 4,045 pages with shortcodes, YAML comments, null fields,
// odd dates and non-ASCII file names.
const corpus = "../../../shared/corpora/digitalgov"

// TestDigitalGovCorpus builds the real corpus with the bundled layouts and
// checks that every Markdown file that is not a draft is written as a page.
func TestDigitalGovCorpus(t *testing.T) {
	needCorpus(t)
	src := os.DirFS(corpus)
	out := filepath.Join(t.TempDir(), "public")
	// The corpus has real broken links (anchors that only raw HTML made,
	// addresses missing https://); they are warnings here, and checked
	// against a list below.
	res, err := Build(Options{Source: src, Theme: os.DirFS("../.."), Out: out, WarnLinks: true})
	if err != nil {
		t.Fatalf("the corpus does not build:\n%v", err)
	}
	var links []string
	for _, p := range res.Problems {
		if p.Severity != diag.Warning {
			t.Errorf("unexpected problem: %s", p.Error())
		}
		if strings.HasPrefix(p.Msg, "link") || strings.HasPrefix(p.Msg, "image") || strings.HasPrefix(p.Msg, "the link") {
			links = append(links, p.Error())
		}
	}
	checkGolden(t, "testdata/digitalgov-links.golden", strings.Join(links, "\n")+"\n")

	// Load again to learn where each file went.
	l := &diag.List{}
	s := load(src, false, l)
	var md, drafts, written int
	err = fs.WalkDir(src, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		md++
		page := s.byFile[p]
		if page == nil {
			data, _ := fs.ReadFile(src, p)
			if m, _, ok := parseFrontMatter(p, data, &diag.List{}); ok && m.Draft {
				drafts++
				return nil
			}
			t.Errorf("%s: not loaded as a page", p)
			return nil
		}
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(page.outputPath()))); err != nil {
			t.Errorf("%s: page %s not written: %v", p, page.URL, err)
			return nil
		}
		written++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d Markdown files: %d pages written, %d drafts left out; %d HTML pages in all", md, written, drafts, res.Pages)
	if md < 4000 {
		t.Errorf("only %d Markdown files found; is the corpus complete?", md)
	}
	if written+drafts != md {
		t.Errorf("%d pages written + %d drafts != %d files", written, drafts, md)
	}
}

// needCorpus skips a test when the corpus is missing (failing in CI, which
// must have it) or when -short is given.
func needCorpus(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(corpus); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the corpus is missing in CI: %v", err)
		}
		t.Skipf("the digital.gov corpus is not at %s", corpus)
	}
	if testing.Short() {
		t.Skip("the corpus build takes a few seconds; skipped with -short")
	}
}

// checkGolden compares got with a file in testdata, or rewrites the file
// with -update.
func checkGolden(t *testing.T, file, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if diff := cmp.Diff(string(want), got); diff != "" {
		t.Errorf("%s mismatch (-want +got):\n%s", file, diff)
	}
}

// TestDigitalGovDeterministic builds the corpus twice, into folders of
// different names, and compares every byte of every file: pages, feeds,
// sitemaps, redirects.
func TestDigitalGovDeterministic(t *testing.T) {
	needCorpus(t)
	src, theme := os.DirFS(corpus), os.DirFS("../..")
	a := filepath.Join(t.TempDir(), "first")
	b := filepath.Join(t.TempDir(), "second")
	for _, out := range []string{a, b} {
		if _, err := Build(Options{Source: src, Theme: theme, Out: out, WarnLinks: true}); err != nil {
			t.Fatal(err)
		}
	}
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) < 4000 {
		t.Fatalf("the first build wrote only %d files", len(ta))
	}
	for _, name := range sortedKeys(ta) {
		got, ok := tb[name]
		if !ok {
			t.Errorf("%s: written by the first build only", name)
			continue
		}
		if got != ta[name] {
			t.Errorf("%s differs between two builds:\n%s", name, cmp.Diff(ta[name], got))
		}
	}
	for name := range tb {
		if _, ok := ta[name]; !ok {
			t.Errorf("%s: written by the second build only", name)
		}
	}
	for _, must := range []string{"sitemap.xml", "index.xml", "_redirects", "index.html"} {
		if _, ok := ta[must]; !ok {
			t.Errorf("%s was not written", must)
		}
	}
}
