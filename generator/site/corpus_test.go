package site

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"resourcelib/generator/diag"
	"resourcelib/generator/publish"
	"resourcelib/internal/testenv"
)

// corpus is the digital.gov content tree in the project's shared folder: a
// real Hugo site of 4,045 pages with shortcodes, YAML comments, null fields,
// odd dates and non-ASCII file names.
const corpus = "../../../shared/corpora/digitalgov"

// corpusNow is the corpus builds' clock: its expirydates (2021 to 2025)
// have passed.
var corpusNow = testNow

// docs collects what a build gives the search index.
type docs struct {
	mu   sync.Mutex
	list []Document
}

func (d *docs) Add(doc Document) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.list = append(d.list, doc)
	return nil
}
func (d *docs) SearchPage(string, []byte, map[string]string) error { return nil }
func (d *docs) Finish() (*publish.Folder, error)                   { return nil, nil }
func (d *docs) Abort()                                             {}

// shortcodeText matches a Hugo shortcode as it would show as text, in HTML
// or plain text.
var shortcodeText = regexp.MustCompile(`\{\{(<|&lt;|%)`)

// TestDigitalGovCorpus builds the real corpus with the bundled layouts and
// checks that every Markdown file that is not a draft, expired or still to
// come is written as a page, that no page and no search text shows a
// shortcode, and that no expired page is published.
//
// The corpus has one image on another site (a medium.com PNG, see
// externalImage), an error since the page would load it from
// there. Its page expired in 2025, so a build leaves it out; the build
// below reads the corpus with that image made a link anyway, as an editor
// fixing the error would (fixedDigitalGov), so that it also builds
// with -expired. TestDigitalGovExternalImage checks the error on the file
// as it is.
func TestDigitalGovCorpus(t *testing.T) {
	needCorpus(t)
	src := digitalGov(t)
	out := filepath.Join(t.TempDir(), "public")
	index := &docs{}
	// The corpus has real broken links (anchors that only raw HTML made,
	// addresses missing https://, refs to expired pages); they are
	// warnings here, and checked against a list below.
	res, err := Build(Options{Source: src, Theme: os.DirFS("../.."), Out: out, WarnLinks: true, Now: corpusNow, Index: index})
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
	s := load(src, include{now: corpusNow}, l)
	var md, written int
	leftOut := map[string]int{} // why -> how many
	inc := include{now: corpusNow}
	err = fs.WalkDir(src, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		md++
		data, _ := fs.ReadFile(src, p)
		m, _, ok := parseFrontMatter(p, data, &diag.List{})
		page := s.byFile[p]
		if why := inc.leftOut(m.Draft, m.Date, m.PublishDate, m.ExpiryDate); ok && why != "" {
			why, _, _ = strings.Cut(why, ";")
			leftOut[why]++
			if page != nil {
				t.Errorf("%s: loaded, but %s", p, why)
			}
			return nil
		}
		if page == nil {
			t.Errorf("%s: not loaded as a page", p)
			return nil
		}
		html, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(page.outputPath())))
		if err != nil {
			t.Errorf("%s: page %s not written: %v", p, page.URL, err)
			return nil
		}
		if loc := shortcodeText.FindIndex(html); loc != nil {
			t.Errorf("%s: page %s shows a shortcode: %q", p, page.URL, html[loc[0]:min(loc[0]+60, len(html))])
		}
		written++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d Markdown files: %d pages written, left out: %v; %d HTML pages in all", md, written, leftOut, res.Pages)
	if md < 4000 {
		t.Errorf("only %d Markdown files found; is the corpus complete?", md)
	}
	wantLeftOut := map[string]int{"it is a draft": 12, "its expirydate has passed": 1840}
	if diff := cmp.Diff(wantLeftOut, leftOut); diff != "" {
		t.Errorf("pages left out (-want +got):\n%s", diff)
	}
	if n := written + leftOut["it is a draft"] + leftOut["its expirydate has passed"]; n != md {
		t.Errorf("%d pages written + %v left out != %d files", written, leftOut, md)
	}
	for _, d := range index.list {
		for _, text := range []string{d.Title, d.Description, d.Body} {
			if loc := shortcodeText.FindStringIndex(text); loc != nil {
				t.Errorf("%s: the search index gets a shortcode: %q", d.URL, text[loc[0]:min(loc[0]+60, len(text))])
			}
		}
	}
	if len(index.list) < 1000 {
		t.Errorf("the index got only %d documents", len(index.list))
	}
}

// digitalGov is the corpus as the tests build it: see TestDigitalGovCorpus.
func digitalGov(t *testing.T) fs.FS {
	t.Helper()
	src, err := fixedDigitalGov(corpus)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// TestDigitalGovExternalImage checks the corpus's one error, on its file as
// it is: an image on another site.
func TestDigitalGovExternalImage(t *testing.T) {
	needCorpus(t)
	page, err := os.ReadFile(filepath.Join(corpus, externalImage))
	if err != nil {
		t.Fatal(err)
	}
	src := fstest.MapFS{
		"content/_index.md": {Data: []byte("---\ntitle: Home\n---\n")},
		externalImage:       {Data: page},
	}
	// The page expired on 2025-01-01: a build leaves it out, and
	// -expired takes it in.
	_, err = Check(Options{Source: src, Theme: os.DirFS("../.."), WarnLinks: true, Expired: true, Now: corpusNow})
	var le *diag.ListError
	if !errors.As(err, &le) {
		t.Fatalf("check: %v, want the external image's error", err)
	}
	var errs []string
	for _, p := range le.Problems {
		if p.Severity == diag.Error {
			errs = append(errs, fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Col, p.Msg))
		}
	}
	want := []string{fmt.Sprintf("%s:%d:%d: image %q is on another site, and the page would load it from there",
		externalImage, externalImageLine, externalImageCol,
		"https://cdn-images-1.medium.com/max/1600/1*a-vpzuV8bS9SRLCaj28xAg.png")}
	if diff := cmp.Diff(want, errs); diff != "" {
		t.Errorf("errors mismatch (-want +got):\n%s", diff)
	}
}

// needCorpus skips a test outside CI, and when the corpus is missing
// (failing in CI, which must have it).
func needCorpus(t *testing.T) {
	t.Helper()
	testenv.CIOnly(t, "the digital.gov corpus build (4,044 pages)", "CI=1 go test ./generator/site -run DigitalGov")
	if _, err := os.Stat(corpus); err != nil {
		testenv.Need(t, "the digital.gov corpus is missing: %v", err)
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
	src, theme := digitalGov(t), os.DirFS("../..")
	a := filepath.Join(t.TempDir(), "first")
	b := filepath.Join(t.TempDir(), "second")
	for _, out := range []string{a, b} {
		if _, err := Build(Options{Source: src, Theme: theme, Out: out, WarnLinks: true, Now: corpusNow}); err != nil {
			t.Fatal(err)
		}
	}
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) < 2500 { // 2,192 pages and their lists, feeds and files: the expired are left out
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
