package search

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// hostileSite is a synthetic site whose text holds markup, as a handout
// about web safety might quote it. Each piece stands next to a word found
// nowhere else, so that a search for the word puts the piece in a snippet.
func hostileSite() fstest.MapFS {
	page := "---\n" +
		"title: Quoting markup safely\n" +
		"description: \"Synthetic test page. Yakutia <b>bold</b> <script>alert('d')</script> &lt;i&gt; description.\"\n" +
		"---\n" +
		"Synthetic test page, not real content.\n\n" +
		"Aardvark next to a script in code: `<script>alert(1)</script>` and more words.\n\n" +
		"Buffalo next to an image in code: `<img src=x onerror=alert(1)>` and more words.\n\n" +
		"Capybara next to an entity &lt;mark&gt; that reads as a tag, and more words.\n\n" +
		"Dingo next to a mark in a code span: `<mark>` and `</mark>` and more words.\n\n" +
		"Echidna next to raw HTML <img src=y onerror=alert(2)> in the text, and more words.\n\n" +
		"<script>alert(3)</script>\n\n" +
		"Flamingo next to `&amp;lt;script&amp;gt;` twice escaped, and more words.\n\n" +
		"Gazelle next to a fake close `</mark><script>alert(4)</script><mark>` and more words.\n"
	return fstest.MapFS{
		"content/_index.md":  {Data: []byte("---\ntitle: Synthetic test site\n---\nNot a real site.\n")},
		"content/site.yaml":  {Data: []byte("title: Synthetic test site\nbase_url: https://example.org/\nlanguage: en\n")},
		"content/quoting.md": {Data: []byte(page)},
	}
}

// TestSnippetMarkup checks that only <mark> survives as markup in snippets,
// whatever markup the indexed text quoted, and that quoted markup is shown
// as the text it was.
func TestSnippetMarkup(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	buildIndex(t, hostileSite(), dir, filepath.Join(t.TempDir(), "public"))
	h := openIndex(t, dir, Options{})
	cases := []struct {
		word string
		want string // escaped text the snippet must show
	}{
		{"aardvark", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"buffalo", "&lt;img src=x onerror=alert(1)&gt;"},
		// "&lt;mark&gt;" in Markdown is the text "<mark>": shown escaped.
		{"capybara", "entity &lt;mark&gt; that"},
		{"dingo", "&lt;mark&gt;"},
		{"echidna", ""}, // raw HTML in Markdown is dropped from the text or escaped
		{"flamingo", "&amp;lt;script&amp;gt;"},
		{"gazelle", "&lt;/mark&gt;&lt;script&gt;"},
		{"yakutia", "&lt;b&gt;bold&lt;/b&gt;"}, // in the description
		{"quoting", ""},                        // a title word: the snippet is the description
	}
	for _, tc := range cases {
		t.Run(tc.word, func(t *testing.T) {
			r := apiSearch(t, h, q(tc.word))
			if len(r.Hits) != 1 {
				t.Fatalf("%d hits, want the one page", len(r.Hits))
			}
			s := r.Hits[0].Snippet
			t.Logf("snippet: %s", s)
			if err := checkSnippet(s); err != nil {
				t.Error(err)
			}
			if tc.word != "quoting" && !strings.Contains(strings.ToLower(s), "<mark>"+tc.word+"</mark>") {
				t.Errorf("the word is not marked in %q", s)
			}
			if n := strings.Count(s, "<mark>"); n != 1 && tc.word != "quoting" {
				t.Errorf("%d marks, want only the word's", n)
			}
			if !strings.Contains(s, tc.want) {
				t.Errorf("snippet %q does not show %q", s, tc.want)
			}
			for _, bad := range []string{"<script", "<img", "<b>", "<i>"} {
				if strings.Contains(s, bad) {
					t.Errorf("snippet holds %s", bad)
				}
			}
		})
	}

	// The whole results page has no markup from the text.
	for _, word := range []string{"aardvark", "buffalo", "echidna", "gazelle", "yakutia"} {
		body := serve(h, "GET", "/search?q="+word).Body.String()
		for _, bad := range []string{"<script>alert", "<img src=", "<b>bold", "onerror=alert(2)>"} {
			if strings.Contains(body, bad) {
				t.Errorf("results page for %s holds %s", word, bad)
			}
		}
	}
}

func TestCheckSnippet(t *testing.T) {
	for s, ok := range map[string]bool{
		"":                                  true,
		"plain &lt;b&gt; text":              true,
		"a <mark>b</mark> c <mark>d</mark>": true,
		"a <b>b</b>":                        false,
		"a <mark>b":                         false,
		"a </mark>b":                        false,
		"<mark><mark>b</mark></mark>":       false,
		"a < b":                             false,
		"<MARK>b</MARK>":                    false,
		"<mark class=x>b</mark>":            false,
	} {
		if err := checkSnippet(s); (err == nil) != ok {
			t.Errorf("checkSnippet(%q) = %v, want ok=%v", s, err, ok)
		}
	}
}

// TestOnlyMark checks onlyMark on fragments as bleve's html highlighter
// writes them (text escaped, terms in <mark>) and on worse ones.
func TestOnlyMark(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{"plain text", "plain text"},
		{"  spaced  ", "spaced"},
		{"a <mark>word</mark> here", "a <mark>word</mark> here"},
		{"<mark>a</mark><mark>b</mark>", "<mark>a</mark><mark>b</mark>"},
		// Text that bleve escaped stays text, tags and entities alike.
		{"&lt;script&gt;alert(1)&lt;/script&gt; <mark>x</mark>", "&lt;script&gt;alert(1)&lt;/script&gt; <mark>x</mark>"},
		{"&lt;img src=x onerror=alert(1)&gt;", "&lt;img src=x onerror=alert(1)&gt;"},
		{"&lt;mark&gt;code&lt;/mark&gt; and <mark>word</mark>", "&lt;mark&gt;code&lt;/mark&gt; and <mark>word</mark>"},
		{"&amp;lt;b&amp;gt;", "&amp;lt;b&amp;gt;"},
		{"Tom &amp; Jerry&#39;s", "Tom &amp; Jerry&#39;s"},
		{"&#34;quoted&#34;", "&#34;quoted&#34;"},
		// Raw markup, which bleve never writes, is escaped.
		{"<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"<b>bold</b> <mark>x</mark>", "&lt;b&gt;bold&lt;/b&gt; <mark>x</mark>"},
		{`<mark onclick="x">a</mark>`, `&lt;mark onclick=&#34;x&#34;&gt;a`},
		// Marks that do not pair up are closed or dropped.
		{"a <mark>b", "a <mark>b</mark>"},
		{"a</mark> b", "a b"},
		{"<mark>a <mark>b</mark> c</mark>", "<mark>a b</mark> c"},
		{"x <MARK>y</MARK>", "x &lt;MARK&gt;y&lt;/MARK&gt;"},
	}
	for _, tc := range cases {
		got := onlyMark(tc.in)
		if got != tc.want {
			t.Errorf("onlyMark(%q)\n got %q\nwant %q", tc.in, got, tc.want)
		}
		if err := checkSnippet(got); err != nil {
			t.Errorf("onlyMark(%q): %v", tc.in, err)
		}
	}
}
