package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeSyntheticSite writes a clearly synthetic site of n materials into
// dir: front matter with dates, topics and audiences, a few paragraphs,
// headings, and links to neighbouring pages and their headings, so that
// lists, feeds, taxonomies and the link check all have work to do.
func writeSyntheticSite(tb testing.TB, dir string, n int) {
	tb.Helper()
	write := func(name, text string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	write("content/site.yaml", "title: Synthetic library\nbase_url: https://synthetic.example/\n")
	write("content/_index.md", "---\ntitle: Synthetic library\n---\nA synthetic site for benchmarks; none of it is real.\n")
	write("content/materials/_index.md", "---\ntitle: Materials\n---\nSynthetic materials.\n")
	topics := []string{"hotline", "reporting", "labor", "safety", "training", "health"}
	audiences := []string{"community-members", "medical-professionals", "law-enforcement", "educators"}
	for i := range n {
		date := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%2000)
		var b strings.Builder
		fmt.Fprintf(&b, "---\ntitle: Synthetic material %d\ndescription: Synthetic page %d, generated for a benchmark.\ndate: %s\ntopics: [%s, %s]\naudience: [%s]\ntags: [tag-%d]\n---\n\n",
			i, i, date.Format("2006-01-02"), topics[i%len(topics)], topics[(i/7)%len(topics)], audiences[i%len(audiences)], i%50)
		b.WriteString("Synthetic text. A trainer would write here about the signs of trafficking, what to ask and whom to call.\n\n")
		fmt.Fprintf(&b, "## Steps\n\n1. Listen.\n2. See [the next material](synthetic-%d.md#steps) and [the list](/materials/).\n3. Call the [hotline](https://example.org/hotline).\n\n", (i+1)%n)
		b.WriteString("## Details\n\n" + strings.Repeat("More synthetic words about a topic that is not real. ", 12) + "\n\n")
		b.WriteString("| Who | When |\n|---|---|\n| Anyone | Any time |\n")
		write(fmt.Sprintf("content/materials/synthetic-%d.md", i), b.String())
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
		if ok, _ := sess.Update("content/materials/synthetic-5.md"); !ok {
			b.Fatal("the edit was not a quick update")
		}
	}
}
