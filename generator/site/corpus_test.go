package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"resourcelib/generator/diag"
)

// corpus is the digital.gov content tree in the project's shared folder: a
// real Hugo site of 4,045 pages with shortcodes, YAML comments, null fields,
// odd dates and non-ASCII file names.
const corpus = "../../../shared/corpora/digitalgov"

// TestDigitalGovCorpus builds the real corpus with the bundled layouts and
// checks that every Markdown file that is not a draft is written as a page.
func TestDigitalGovCorpus(t *testing.T) {
	if _, err := os.Stat(corpus); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the corpus is missing in CI: %v", err)
		}
		t.Skipf("the digital.gov corpus is not at %s", corpus)
	}
	if testing.Short() {
		t.Skip("the corpus build takes a few seconds; skipped with -short")
	}
	src := os.DirFS(corpus)
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(Options{Source: src, Theme: os.DirFS("../.."), Out: out})
	if err != nil {
		t.Fatalf("the corpus does not build:\n%v", err)
	}
	for _, p := range res.Problems {
		if p.Severity != diag.Warning {
			t.Errorf("unexpected problem: %s", p.Error())
		}
	}

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
