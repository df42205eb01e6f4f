package site

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"resourcelib/generator/internal/synthetic"
)

// writeSyntheticSite writes the clearly synthetic site of package
// synthetic into dir: n materials of about 600 words (front matter with
// dates and terms, headings, lists, tables, links to other pages and their
// headings) and n/10 organizations, so that lists, feeds, taxonomies, the
// directory and the link check all have work to do.
func writeSyntheticSite(tb testing.TB, dir string, n int) {
	tb.Helper()
	if err := synthetic.Write(dir, synthetic.Options{Materials: n, Organizations: n / 10}); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkRebuild10k measures the dev server's rebuild after one material
// of a 10,000-page synthetic site changes: a full build into the atomic
// output (without the search index; see the search package's benchmark).
func BenchmarkRebuild10k(b *testing.B) {
	src := b.TempDir()
	writeSyntheticSite(b, src, 10000)
	out := filepath.Join(b.TempDir(), "public")
	opts := Options{Source: os.DirFS(src), Theme: os.DirFS("../.."), Out: out}
	if _, err := Build(opts); err != nil {
		b.Fatal(err)
	}
	page := filepath.Join(src, "content/materials/synthetic-5.md")
	orig, _ := os.ReadFile(page)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		os.WriteFile(page, append(orig, fmt.Sprintf("\nEdit %d.\n", i)...), 0o644)
		res, err := Build(opts)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Pages), "pages")
	}
}

// BenchmarkUpdate10k measures the dev server's quick path on the same
// site: one material's text changes, and only its page is written.
func BenchmarkUpdate10k(b *testing.B) {
	src := b.TempDir()
	writeSyntheticSite(b, src, 10000)
	out := filepath.Join(b.TempDir(), "public")
	sess, _, err := BuildSession(Options{Source: os.DirFS(src), Theme: os.DirFS("../.."), Out: out})
	if err != nil {
		b.Fatal(err)
	}
	defer sess.Close()
	page := filepath.Join(src, "content/materials/synthetic-5.md")
	orig, _ := os.ReadFile(page)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		os.WriteFile(page, append(orig, fmt.Sprintf("\nEdit %d.\n", i)...), 0o644)
		if _, err := sess.Update("content/materials/synthetic-5.md"); err != nil {
			b.Fatal(err)
		}
	}
}
