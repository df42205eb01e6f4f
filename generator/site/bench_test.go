package site

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkBuild measures whole builds: the bundled site and the 4,044-page
// digital.gov corpus. Run with `make bench`.
func BenchmarkBuild(b *testing.B) {
	sites := []struct{ name, dir string }{
		{"bundled", "../.."},
		{"digitalgov", corpus},
	}
	for _, s := range sites {
		if _, err := os.Stat(filepath.Join(s.dir, "content")); err != nil {
			b.Logf("skipping %s: %v", s.name, err)
			continue
		}
		src := os.DirFS(s.dir)
		if s.name == "digitalgov" {
			// With its one image on another site made a link: see
			// TestDigitalGovCorpus.
			var err error
			if src, err = fixedDigitalGov(s.dir); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(s.name, func(b *testing.B) {
			out := filepath.Join(b.TempDir(), "public")
			pages := 0
			b.ReportAllocs()
			for b.Loop() {
				res, err := Build(Options{Source: src, Theme: os.DirFS("../.."), Out: out, WarnLinks: true})
				if err != nil {
					b.Fatal(err)
				}
				pages = res.Pages
			}
			b.ReportMetric(float64(pages), "pages")
			b.ReportMetric(float64(pages)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
