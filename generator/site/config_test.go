package site

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"resourcelib/generator/diag"
)

// TestQuickExitURL: a quick exit that would not leave the site at once is
// an error at its line, and is never rendered; a good one is rendered as
// it is, in the link and in what the script opens.
func TestQuickExitURL(t *testing.T) {
	for _, tc := range []struct {
		value string
		want  string // the problem; "" for none
		href  string // the rendered control's href and data-exit
	}{
		{value: "", href: DefaultQuickExitURL},
		{value: "https://www.google.com/", href: "https://www.google.com/"},
		{value: "https://en.wikipedia.org/wiki/Weather?a=1&b=2", href: "https://en.wikipedia.org/wiki/Weather?a=1&b=2"},
		{value: "www.weather.gov", want: `content/site.yaml:3:17: error: quick_exit_url "www.weather.gov" does not start with https:// (write a neutral page on another site in full, such as https://www.weather.gov/)`},
		{value: "htps://www.weather.gov/", want: `content/site.yaml:3:17: error: quick_exit_url "htps://www.weather.gov/" does not start with https://`},
		{value: "http://www.weather.gov/", want: `content/site.yaml:3:17: error: quick_exit_url "http://www.weather.gov/" does not start with https://`},
		{value: "javascript:alert(1)", want: `content/site.yaml:3:17: error: quick_exit_url "javascript:alert(1)" is not a web address`},
		{value: "JavaScript:location='x'", want: `content/site.yaml:3:17: error: quick_exit_url "JavaScript:location='x'" is not a web address`},
		{value: "data:text/html,hi", want: `content/site.yaml:3:17: error: quick_exit_url "data:text/html,hi" is not a web address`},
		{value: "/weather/", want: `content/site.yaml:3:17: error: quick_exit_url "/weather/" does not start with https://`},
		{value: "//www.weather.gov/", want: `content/site.yaml:3:17: error: quick_exit_url "//www.weather.gov/" does not start with https://`},
		{value: "https://", want: `content/site.yaml:3:17: error: quick_exit_url "https://" has no usable host name`},
		{value: "https://localhost/", want: `content/site.yaml:3:17: error: quick_exit_url "https://localhost/" has no usable host name`},
		{value: "https://user@www.weather.gov/", want: `content/site.yaml:3:17: error: quick_exit_url "https://user@www.weather.gov/" has no usable host name`},
		{value: "https://www.weather.gov/\" onclick=\"x", want: `is not a web address`},
		{value: "https://library.example.org/about/", want: `content/site.yaml:3:17: error: quick_exit_url "https://library.example.org/about/" is on the library's own site (base_url https://library.example.org/) (the quick exit must leave the site: write a neutral page on another site in full, such as https://www.weather.gov/)`},
		{value: "https://WWW.Library.Example.org", want: `is on the library's own site`},
	} {
		t.Run(tc.value, func(t *testing.T) {
			cfg := "title: Test\nbase_url: https://library.example.org/\n"
			if tc.value != "" {
				cfg += "quick_exit_url: '" + strings.ReplaceAll(tc.value, "'", "''") + "'\n"
			}
			src := fstest.MapFS{
				"content/site.yaml": {Data: []byte(cfg)},
				"content/_index.md": {Data: []byte("---\ntitle: Home\n---\nHello.\n")},
			}
			out := filepath.Join(t.TempDir(), "public")
			res, err := Build(Options{Source: src, Theme: os.DirFS("../.."), Out: out})
			var problems []string
			for _, p := range res.Problems {
				problems = append(problems, p.Error())
			}
			if tc.want != "" {
				if err == nil || len(problems) != 1 || !strings.Contains(problems[0], tc.want) {
					t.Errorf("problems = %q, want one with %q", problems, tc.want)
				}
				if _, err := os.Stat(out); err == nil {
					t.Errorf("the build wrote %s", out)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			page, err := os.ReadFile(filepath.Join(out, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			href, exit := quickExit(t, string(page))
			if diff := cmp.Diff([]string{tc.href, tc.href}, []string{href, exit}); diff != "" {
				t.Errorf("quick exit href, data-exit mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

var quickExitTag = regexp.MustCompile(`<a [^>]*id="quick-exit"[^>]*>`)

// quickExit returns the href and data-exit of the page's quick exit link.
func quickExit(t *testing.T, page string) (href, exit string) {
	t.Helper()
	tag := quickExitTag.FindString(page)
	if tag == "" {
		t.Fatal("no quick exit link on the page")
	}
	attr := func(name string) string {
		m := regexp.MustCompile(` ` + name + `="([^"]*)"`).FindStringSubmatch(tag)
		if m == nil {
			t.Fatalf("the quick exit has no %s: %s", name, tag)
		}
		return html.UnescapeString(m[1])
	}
	return attr("href"), attr("data-exit")
}

// TestQuickExitProblemPosition: the problem points at the value, wherever
// the key is.
func TestQuickExitProblemPosition(t *testing.T) {
	l := &diag.List{}
	loadConfig([]byte("title: T\n\n\nquick_exit_url:   www.weather.gov\n"), l)
	if got := l.Sorted(); len(got) != 1 || got[0].Line != 4 || got[0].Col != 19 {
		t.Errorf("problems = %v, want one at 4:19", got)
	}
}

func TestRepository(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"my-coalition/library", true},
		{"a/b.c_d-e", true},
		{"OWNER/NAME", true},
		{"", false},
		{"owner", false},
		{"owner/", false},
		{"/name", false},
		{"-owner/name", false},
		{"owner-/name", false},
		{"ow_ner/name", false},
		{"owner/na/me", false},
		{"owner/..", false},
		{"owner/name with space", false},
		{"https://github.com/owner/name", false},
	} {
		if got := IsRepository(tt.in); got != tt.want {
			t.Errorf("IsRepository(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{
		{"https://github.com/my-coalition/library", "my-coalition/library"},
		{"https://github.com/my-coalition/library.git", "my-coalition/library"},
		{"https://github.com/my-coalition/library/", "my-coalition/library"},
		{"git@github.com:my-coalition/library.git", "my-coalition/library"},
		{"https://gitlab.com/my-coalition/library", ""},
		{"https://github.com/my-coalition", ""},
		{"", ""},
	} {
		if got := RepositoryFromURL(tt.in); got != tt.want {
			t.Errorf("RepositoryFromURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
