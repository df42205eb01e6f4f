package search

import (
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
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

// TestMakeSnippet checks snippets of text as the build stores it: blocks
// on lines of their own.
func TestMakeSnippet(t *testing.T) {
	plan := func(ws ...string) *marker {
		var p []wordPlan
		for _, w := range ws {
			p = append(p, wordPlan{word: w})
		}
		return newMarker(p, "en", nil)
	}
	long := strings.Repeat("Filler words about nothing in particular. ", 12)
	cases := []struct {
		name              string
		m                 *marker
		text, description string
		want, not         []string
	}{
		{"blocks joined by a space", plan("part"),
			"Organizations\nPart A\nList item one\n", "",
			[]string{"<mark>Part</mark> A List item one"}, []string{"OrganizationsPart", "AList"}},
		{"starts at a word", plan("involving"),
			long + "A situation involving labor trafficking.\n", "",
			[]string{"… ", "<mark>involving</mark>"}, []string{"…tion", "… ion"}},
		{"stems match", plan("trafficking"),
			"Traffickers use many methods.\n", "",
			[]string{"<mark>Traffickers</mark> use many methods."}, nil},
		{"corrections match", newMarker([]wordPlan{{word: "trafickers", candidates: []string{"traffickers"}}}, "en", nil),
			"How traffickers recruit.\n", "",
			[]string{"How <mark>traffickers</mark> recruit."}, nil},
		{"ends at a word", plan("start"),
			"start " + strings.Repeat("abcdefghij ", 40), "",
			[]string{"<mark>start</mark> abcdefghij", "abcdefghij…"}, []string{"abcde…", "abcdefghij abc…"}},
		{"short description: first paragraph", plan("zzz"),
			"Overview\nThis page explains how the hotline answers calls and what happens next.\n", "sum",
			[]string{"This page explains how the hotline"}, []string{"sum", "Overview"}},
		{"no words: the description", nil,
			"The text.\n", "A description long enough to say what the page is about.",
			[]string{"A description long enough"}, nil},
		{"a match in the description", plan("hotline"),
			"Nothing here.\n", "How the national hotline answers calls at any hour.",
			[]string{"national <mark>hotline</mark> answers"}, nil},
		{"markup escaped", plan("code"),
			"The code <script>alert(1)</script> is text.\n", "",
			[]string{"<mark>code</mark> &lt;script&gt;"}, []string{"<script>"}},
		{"dotted names", plan("data.gov"),
			"Publish on Data.gov today.\n", "",
			[]string{"<mark>Data.gov</mark>"}, nil},
		{"multibyte text cut whole", nil,
			strings.Repeat("é", 300), "",
			nil, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := makeSnippet(tc.m, tc.text, tc.description)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("snippet %q lacks %q", got, w)
				}
			}
			for _, n := range tc.not {
				if strings.Contains(got, n) {
					t.Errorf("snippet %q holds %q", got, n)
				}
			}
			if !utf8.ValidString(got) {
				t.Errorf("snippet %q is not valid UTF-8", got)
			}
			if err := checkSnippet(got); err != nil {
				t.Error(err)
			}
		})
	}
	if got := stripShortcodes(`Before {{< note type="x" >}}inside{{< /note >}} and {{% tab %}}after`); got != "Before  inside  and  after" {
		t.Errorf("stripShortcodes: %q", got)
	}
	for _, s := range []string{strings.Repeat("é", 150), "ab " + strings.Repeat("漢", 100)} {
		if got := truncate(s, 101); !utf8.ValidString(got) || len(got) > 101+len("…") {
			t.Errorf("truncate(%q) = %q", s, got)
		}
	}
}
