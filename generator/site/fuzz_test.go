package site

import (
	"bytes"
	"io/fs"
	"os"
	"strings"
	"testing"
)

// FuzzRenderMarkdown renders any body that markdownLimits accepts through
// the site's goldmark setup: it must not panic, raw HTML must stay out,
// and the work is bounded by the limits, so a slow input shows as a fuzzer
// timeout, never as a test that times itself. Seeded with every page of
// the bundled site and the shapes TestMarkdownLimits refuses, cut small.
func FuzzRenderMarkdown(f *testing.F) {
	err := fs.WalkDir(os.DirFS("../../content"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := os.ReadFile("../../content/" + p)
		f.Add(data)
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		"[a](", "> > - 1. a", "|a|b|\n|-|-|\n|c|", "*a _b ~c `d", `"a' [^1] [^1]: x`, "# a {#id .c}", "[x]: /y\n[x]",
		"<script>alert(1)</script>", "[a](javascript:alert(1))", "![i](/a.png \"t\")", "www.example.org <https://a.b>",
		"```\ncode\n```", "a\n===", "- [ ] task\n- [x] done", "&amp; &#106; \\* --- ...",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		if _, msg, _ := markdownLimits(body); msg != "" {
			return
		}
		r, err := renderMarkdown(newMarkdown(), body, func(dest string) (string, bool) { return "", false }, nil)
		if err != nil {
			return
		}
		if bytes.Contains(bytes.ToLower(r.html), []byte("<script")) {
			t.Errorf("raw HTML reached the page:\n%s", r.html)
		}
	})
}
