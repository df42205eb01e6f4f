package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"
)

// TestAddressCollisions checks that every name that would escape its place,
// and every collision between two things on one output address, is an
// error (or, for aliases, a warning under WarnLinks) at the source that
// asked for it, naming the other side, and that Check finds them all.
func TestAddressCollisions(t *testing.T) {
	page := func(fm string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\n" + fm + "\n---\nSynthetic text.\n")}
	}
	tests := []struct {
		name  string
		files fstest.MapFS
		warn  bool     // Options.WarnLinks
		want  []string // every problem, in order
	}{
		{
			name:  "tag that climbs out",
			files: fstest.MapFS{"content/a.md": page("title: A\ntags: [ok, \"..\"]")},
			want:  []string{`content/a.md:3:12: error: tags term ".." would be the address /tags/../, which contains ".." (a term is the last part of an address: use words, digits and hyphens)`},
		},
		{
			name:  "topic that is the taxonomy's own page",
			files: fstest.MapFS{"content/a.md": page("title: A\ntopics: [\".\"]")},
			want:  []string{`content/a.md:3:10: error: topics term "." would be the address /topics/./, which contains "." (a term is the last part of an address: use words, digits and hyphens)`},
		},
		{
			name:  "terms that are hidden, reserved or not file names",
			files: fstest.MapFS{"content/a.md": page("title: A\naudience:\n  - .git\n  - CON\n  - aux.txt\n  - \"<\"")},
			want: []string{
				`content/a.md:4:5: error: audience term ".git" would be the address /audience/.git/, which has a part ".git" that starts with a dot, which makes a hidden file (a term is the last part of an address: use words, digits and hyphens)`,
				`content/a.md:5:5: error: audience term "CON" would be the address /audience/con/, which has a part "con", a name Windows reserves for a device (a term is the last part of an address: use words, digits and hyphens)`,
				`content/a.md:6:5: error: audience term "aux.txt" would be the address /audience/aux.txt/, which has a part "aux.txt", a name Windows reserves for a device (a term is the last part of an address: use words, digits and hyphens)`,
				`content/a.md:7:5: error: audience term "<" would be the address /audience/</, which has a part "<" with one of the characters < > : " \ | ? *, which Windows does not allow in file names (a term is the last part of an address: use words, digits and hyphens)`,
			},
		},
		{
			name:  "url over a static file",
			files: fstest.MapFS{"content/a.md": page("title: A\nurl: /css/site.css"), "static/css/site.css": {Data: []byte("body{}")}},
			want:  []string{"content/a.md:3:6: error: this page's address /css/site.css/ needs the folder /css/site.css/, where static/css/site.css is a file: the two cannot both be published (choose another `url`)"},
		},
		{
			name:  "url over a bundled static file",
			files: fstest.MapFS{"content/a.md": page("title: A\nurl: /css/site.css")},
			want:  []string{"content/a.md:3:6: error: this page's address /css/site.css/ needs the folder /css/site.css/, where static/css/site.css (bundled) is a file: the two cannot both be published (choose another `url`)"},
		},
		{
			name:  "slug over the feed",
			files: fstest.MapFS{"content/a.md": page("title: A\nslug: index.xml")},
			want:  []string{"content/a.md:3:7: error: this page's address /index.xml/ needs the folder /index.xml/, where the site's Atom feed is a file: the two cannot both be published (choose another `slug`)"},
		},
		{
			name: "redirects and robots",
			files: fstest.MapFS{
				"content/a.md": page("title: A\nurl: /_redirects"),
				"content/b.md": page("title: B\nurl: /robots.txt/"),
			},
			want: []string{
				"content/a.md:3:6: error: this page's address /_redirects/ needs the folder /_redirects/, where the redirects file made from `aliases` is a file: the two cannot both be published (choose another `url`)",
				"content/b.md:3:6: error: this page's address /robots.txt/ needs the folder /robots.txt/, where robots.txt (made by the build) is a file: the two cannot both be published (choose another `url`)",
			},
		},
		{
			name: "the CMS, the search page, the HSDS export",
			files: fstest.MapFS{
				"content/a.md":          page("title: A\nurl: /admin/"),
				"content/b.md":          page("title: B\nurl: /search/"),
				"content/hsds/x.md":     page("title: X"),
				"content/api/search.md": page("title: API"),
				"content/admin/y.md":    page("title: Y"),
			},
			want: []string{
				"content/a.md:3:6: error: this page's address /admin/ is also the content manager (Sveltia CMS) at /admin/, which is served with security headers of its own: one would replace the other (choose another `url`)",
				"content/admin/y.md: error: this page's address /admin/y/ is inside the content manager (Sveltia CMS) at /admin/, which is served with security headers of its own (rename the file, or give it a `slug` or `url`)",
				"content/api/search.md: error: this page's address /api/search/ is also the search API /api/search (answered by the search function): one would replace the other (rename the file, or give it a `slug` or `url`)",
				"content/b.md:3:6: error: this page's address /search/ is also the search page /search/ (answered by the search function): one would replace the other (choose another `url`)",
				"content/hsds/x.md: error: this page's address /hsds/x/ is inside the directory's HSDS export at /hsds/ (rename the file, or give it a `slug` or `url`)",
			},
		},
		{
			name: "a page where a list's second page goes",
			files: fstest.MapFS{
				"content/site.yaml":         {Data: []byte("title: T\npage_size: 2\n")},
				"content/m/a.md":            page("title: A"),
				"content/m/b.md":            page("title: B"),
				"content/m/c.md":            page("title: C"),
				"content/other/page-two.md": page("title: P\nurl: /m/page/2/"),
			},
			want: []string{"content/other/page-two.md:3:6: error: this page's address /m/page/2/ is also page 2 of the list /m/: one would replace the other (choose another `url`)"},
		},
		{
			name: "a content file over a static file",
			files: fstest.MapFS{
				"content/a.md":         page("title: A"),
				"content/css/site.css": {Data: []byte("body{}")},
			},
			want: []string{"content/css/site.css: error: this file (copied to /css/site.css) is also static/css/site.css (bundled): one would replace the other (rename or move it)"},
		},
		{
			name: "a static file where a page needs a folder",
			files: fstest.MapFS{
				"content/about.md": page("title: About"),
				"static/about":     {Data: []byte("x")},
			},
			want: []string{"content/about.md: error: this page's address /about/ needs the folder /about/, where static/about is a file: the two cannot both be published (rename the file, or give it a `slug` or `url`)"},
		},
		{
			name: "a static file the build writes",
			files: fstest.MapFS{
				"content/a.md":      page("title: A"),
				"static/robots.txt": {Data: []byte("User-agent: *\n")},
			},
			want: []string{"static/robots.txt: error: this file is also robots.txt (made by the build): one would replace the other (rename or remove it)"},
		},
		{
			name: "aliases over a page, twice, and into reserved places",
			files: fstest.MapFS{
				"content/a.md": page("title: A\naliases: [/b/, /old/, /admin/x/, /search/]"),
				"content/b.md": page("title: B\naliases: [/old/, /fine/]"),
			},
			want: []string{
				`content/a.md:3:11: error: alias "/b/" is the address of the page /b/ (content/b.md), which would hide the redirect (remove the alias, or move what is at that address)`,
				`content/a.md:3:23: error: alias "/admin/x/" is inside the content manager (Sveltia CMS) at /admin/, which is served with security headers of its own (remove the alias)`,
				`content/a.md:3:34: error: alias "/search/" is the address of the search page /search/ (answered by the search function), which would hide the redirect (remove the alias, or move what is at that address)`,
				`content/b.md:3:11: error: alias "/old/" is also an alias of content/a.md: an address can redirect to one page only (keep the alias in one of the two pages)`,
			},
		},
		{
			name: "aliases are warnings like links under WarnLinks",
			files: fstest.MapFS{
				"content/a.md": page("title: A\naliases: [/b/]"),
				"content/b.md": page("title: B"),
			},
			warn: true,
			want: []string{`content/a.md:3:11: warning: alias "/b/" is the address of the page /b/ (content/b.md), which would hide the redirect (remove the alias, or move what is at that address)`},
		},
		{
			name:  "two pages whose addresses differ only in letter case",
			files: fstest.MapFS{"content/About.md": page("title: About (capital)"), "content/about.md": page("title: About")},
			want:  []string{"content/about.md: error: this page's address /about/ differs only in letter case from the page /About/ (content/About.md): on a file system that ignores case (Windows, macOS) and on Netlify one would replace the other (rename the file, or give it a `slug` or `url`)"},
		},
		{
			name:  "url that differs only in case from a folder's page",
			files: fstest.MapFS{"content/guide/_index.md": page("title: Guide"), "content/b.md": page("title: B\nurl: /Guide/")},
			want:  []string{"content/b.md:3:6: error: this page's address /Guide/ differs only in letter case from the page /guide/ (content/guide/_index.md): on a file system that ignores case (Windows, macOS) and on Netlify one would replace the other (choose another `url`)"},
		},
		{
			name:  "alias that differs only in case from a page, or from the content manager",
			files: fstest.MapFS{"content/about.md": page("title: About"), "content/b.md": page("title: B\naliases: [/About/, /Admin/, /SEARCH/]")},
			want: []string{
				`content/b.md:3:11: error: alias "/About/" differs only in letter case from the address of the page /about/ (content/about.md), which would hide the redirect on Netlify (remove the alias, or move what is at that address)`,
				`content/b.md:3:20: error: alias "/Admin/" differs only in letter case from the address of the content manager (Sveltia CMS) at /admin/, which is served with security headers of its own, which would hide the redirect on Netlify (remove the alias, or move what is at that address)`,
				`content/b.md:3:29: error: alias "/SEARCH/" differs only in letter case from the address of the search page /search/ (answered by the search function), which would hide the redirect on Netlify (remove the alias, or move what is at that address)`,
			},
		},
		{
			name: "no problem: content takes over a term's page, an alias to itself",
			files: fstest.MapFS{
				"content/a.md":                  page("title: A\ntags: [safety]\naliases: [/a/, /old-a/]"),
				"content/tags/safety/_index.md": page("title: Safety"),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := fstest.MapFS{"content/_index.md": page("title: Home")}
			for k, v := range tt.files {
				src[k] = v
			}
			if src["content/site.yaml"] == nil {
				src["content/site.yaml"] = &fstest.MapFile{Data: []byte("title: T\n")}
			}
			res, _ := Check(Options{Source: src, Theme: os.DirFS("../.."), WarnLinks: tt.warn})
			var got []string
			for _, p := range res.Problems {
				got = append(got, p.Error())
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAliasLeftOut checks that an alias that cannot work, reported as a
// warning, is not written into _redirects, and the others are.
func TestAliasLeftOut(t *testing.T) {
	src := fstest.MapFS{
		"content/site.yaml": {Data: []byte("title: T\n")},
		"content/_index.md": {Data: []byte("---\ntitle: Home\n---\n")},
		"content/a.md":      {Data: []byte("---\ntitle: A\naliases: [/b/, /old/]\n---\n")},
		"content/b.md":      {Data: []byte("---\ntitle: B\naliases: [/old/, /older/]\n---\n")},
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: src, Theme: os.DirFS("../.."), Out: out, WarnLinks: true}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(out, "_redirects"))
	if err != nil {
		t.Fatal(err)
	}
	want := "# Generated from the `aliases` of pages. Do not edit.\n/old/ /a/ 301\n/older/ /b/ 301\n"
	if diff := cmp.Diff(want, string(data)); diff != "" {
		t.Errorf("_redirects mismatch (-want +got):\n%s", diff)
	}
}

// TestClaimsCoverOutput checks that the files outputClaims lists are the
// files a build writes, for every test site and the bundled one: a file
// the build writes without claiming it could replace another unseen.
func TestClaimsCoverOutput(t *testing.T) {
	sites := map[string]Options{"bundled": {Source: os.DirFS("../.."), Theme: os.DirFS("../..")}}
	archives, _ := filepath.Glob("testdata/sites/*.txtar")
	for _, file := range archives {
		ar, err := txtar.ParseFile(file)
		if err != nil {
			t.Fatal(err)
		}
		src := fstest.MapFS{}
		for _, f := range ar.Files {
			if !strings.HasPrefix(f.Name, "want/") {
				src[f.Name] = &fstest.MapFile{Data: f.Data}
			}
		}
		sites[filepath.Base(file)] = Options{Source: src}
	}
	for name, opts := range sites {
		t.Run(name, func(t *testing.T) {
			opts.Out = filepath.Join(t.TempDir(), "public")
			opts.WarnLinks = true
			_, b, err := run(opts, false, true)
			if err != nil {
				t.Fatal(err)
			}
			w := b.w
			claimed := fileClaims(w.site.outputClaims(overlay{opts.Source, opts.Theme}, opts.Source))
			if diff := cmp.Diff(claimed, w.written); diff != "" {
				t.Errorf("claimed and written files differ (-claimed +written):\n%s", diff)
			}
			if len(claimed) < 5 {
				t.Errorf("only %d files: %v", len(claimed), fmt.Sprint(claimed))
			}
		})
	}
}
