package site

import (
	"os"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"resourcelib/generator/diag"
)

// TestShortcodeProblems checks what an editor is told about shortcodes, and
// where: an unknown one is a warning at its own line and column; a ref to a
// page that does not exist is a broken link at the link, its column counted
// in the file as written (before the shortcodes before it were rewritten).
func TestShortcodeProblems(t *testing.T) {
	src := fstest.MapFS{
		"content/site.yaml": {Data: []byte("title: T\n")},
		"content/a.md": {Data: []byte("---\ntitle: A\n---\n" +
			"Text {{< tweet 123 >}} and {{% button href=\"/x/\" %}}Go{{% /button %}}.\n" +
			"{{< ref \"b.md\" >}} then [gone]({{< ref \"missing.md\" >}}).\n" +
			"{{< figure src=\"nope.png\" caption=\"C\" >}}\n")},
		"content/b.md": {Data: []byte("---\ntitle: B\n---\nB.\n")},
	}
	res, err := Check(Options{Source: src, Theme: os.DirFS("../.."), Now: testNow})
	if err == nil {
		t.Fatal("Check passed; want the broken ref and image as errors")
	}
	var got []string
	for _, p := range res.Problems {
		got = append(got, p.Error())
	}
	want := []string{
		"content/a.md:4:6: warning: shortcode `tweet` is not supported, so it is left out (text between its tags is kept) (replace it with Markdown: a link, an image, or a heading; only ref, relref, figure and highlight are understood)",
		"content/a.md:4:28: warning: shortcode `button` is not supported, so it is left out (text between its tags is kept) (replace it with Markdown: a link, an image, or a heading; only ref, relref, figure and highlight are understood)",
		"content/a.md:5:25: error: link missing.md: there is no such Markdown file (a link to a Markdown file is relative to this file's folder, such as ../materials/intro.md)",
		"content/a.md:6:1: error: image nope.png: no file at /a/nope.png (put the image in static/ or beside the page in its bundle folder, and check the spelling)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems mismatch (-want +got):\n%s", diff)
	}
}

func TestShortcodeOriginalOffsets(t *testing.T) {
	body := []byte("ab {{< x >}} cd {{< ref \"q\" >}}!")
	s := &Site{byFile: map[string]*Page{}}
	out, res := s.expandShortcodes(&Page{File: "content/p.md"}, body, &diag.List{})
	if got := string(out); got != "ab  cd q!" {
		t.Fatalf("rewritten = %q", got)
	}
	for _, tc := range []struct{ in, want int }{
		{0, 0}, {2, 2}, {3, 12}, {6, 15}, {7, 16}, {8, 31}, // 7 is in the ref's "q": its start
	} {
		if got := res.original(tc.in); got != tc.want {
			t.Errorf("original(%d) = %d, want %d ", tc.in, got, tc.want)
		}
	}
}
