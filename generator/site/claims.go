package site

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/cases"

	"resourcelib/generator/diag"
)

// Every file of the output, and every address something other than a file
// answers, is claimed once, before anything is written: two claims on one
// file, or a file where another claim needs a folder, would make one
// silently replace the other, or fail the write naming no source file.
// checkOutputs reports each such collision at the source that asked for it,
// naming the other side.

// claim is one file of the output, or an address reserved for something
// that is not a file of the output (the search function, the CMS).
type claim struct {
	file string   // the source file that asks for it; "" if the build makes it
	pos  diag.Pos // where in file
	what string   // how other messages name it: "the page content/a.md"
	self string   // how its own message names it: "this page's address /a/"
	hint string   // how its owner can move it
	rank int      // which of two colliding claims is told: the higher
	// reserved marks an address answered by something other than a file
	// of the output: nothing is written there.
	reserved bool
}

// Ranks: an address set in front matter is the easiest to move, a bundled
// or generated file cannot be moved at all.
const (
	rankBuild = iota
	rankStatic
	rankFile
	rankPage
	rankAddress
)

// reservedPrefixes are folders of the output that belong to one generated
// thing as a whole, and what that is.
var reservedPrefixes = []struct{ dir, what string }{
	{"admin/", "the content manager (Sveltia CMS) at /admin/, which is served with security headers of its own"},
	{"hsds/", "the directory's HSDS export at /hsds/"},
}

// staticFiles lists the files of static/ that are copied to the output:
// not hidden files, not symbolic links. unreadable are the files and
// folders it could not read (copyStatic reports them).
func staticFiles(fsys fs.FS) (files []string, unreadable []*fs.PathError) {
	_ = fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != "static" || !errors.Is(err, fs.ErrNotExist) {
				unreadable = append(unreadable, &fs.PathError{Op: "read", Path: p, Err: err})
			}
			return nil
		}
		if d.IsDir() || strings.HasPrefix(d.Name(), ".") || d.Type()&fs.ModeSymlink != 0 {
			return nil
		}
		files = append(files, p)
		return nil
	})
	return files, unreadable
}

// outputClaims lists every file the build will write, and the addresses
// reserved for what is not a file of the site, with who asks for each.
// writer.write notes the files actually written; TestClaimsCoverOutput
// keeps the two lists the same.
func (s *Site) outputClaims(fsys, src fs.FS) map[string][]claim {
	claims := map[string][]claim{}
	add := func(name string, c claim) { claims[name] = append(claims[name], c) }
	gen := func(name, what string) {
		add(name, claim{what: what, self: what, rank: rankBuild})
	}
	reserve := func(name, what string) {
		add(name, claim{what: what, self: what, rank: rankBuild, reserved: true})
	}

	files, _ := staticFiles(fsys) // copyStatic reports what it cannot read
	for _, p := range files {
		c := claim{file: p, what: p, self: "this file", hint: "rename or remove it", rank: rankStatic}
		if _, err := fs.Stat(src, p); err != nil {
			c.file, c.what, c.rank = "", p+" (bundled)", rankBuild
			c.self = c.what
		}
		add(strings.TrimPrefix(p, "static/"), c)
	}
	for _, f := range s.files {
		add(f.dst, claim{file: f.src, what: f.src, self: "this file (copied to /" + f.dst + ")", hint: "rename or move it", rank: rankFile})
	}
	for _, p := range s.Pages {
		add(p.outputPath(), pageClaim(p, p.URL))
		for n := 2; n <= s.listFiles(p); n++ {
			u := pagerURL(p.URL, n)
			c := pageClaim(p, u)
			c.what = fmt.Sprintf("page %d of the list %s", n, p.URL)
			if p.File != "" {
				c.what += " (" + p.File + ")"
			}
			add(strings.TrimPrefix(u, "/")+"index.html", c)
		}
	}
	gen("sitemap.xml", "the sitemap")
	for _, name := range s.sitemapParts() {
		gen(name, "the sitemap")
	}
	for _, lang := range s.Config.Languages {
		gen(strings.TrimPrefix(s.langPrefix(lang.Code)+"/404.html", "/"), "the 404 page")
		gen(strings.TrimPrefix(s.langPrefix(lang.Code)+"/index.xml", "/"), "the site's Atom feed")
		search := s.SearchURL(lang.Code) + "/"
		reserve(strings.TrimPrefix(search, "/")+"index.html", "the search page "+search+" (answered by the search function)")
	}
	reserve("api/search/index.html", "the search API /api/search (answered by the search function)")
	for _, u := range s.sectionFeeds() {
		gen(strings.TrimPrefix(u, "/")+"index.xml", "the Atom feed of "+u)
	}
	gen("_redirects", "the redirects file made from `aliases`")
	gen("robots.txt", "robots.txt (made by the build)")
	reserve("admin/index.html", reservedPrefixes[0].what)
	gen("admin/config.yml", reservedPrefixes[0].what)
	gen("admin/sveltia-cms.js", reservedPrefixes[0].what)
	for _, f := range adminFiles() {
		gen(f[0], reservedPrefixes[0].what)
	}
	reserve("_reload.js", "the reload script of `generator serve`")
	reserve("_reload/index.html", "the reload stream of `generator serve`")
	return claims
}

// listFiles is how many files of the output a page has: a section or
// term page of more members than page_size has one for each page_size of
// them, at pagerURL.
func (s *Site) listFiles(p *Page) int {
	if (p.Kind == KindSection || p.Kind == KindTerm) && len(p.Pages) > s.Config.PageSize {
		return (len(p.Pages) + s.Config.PageSize - 1) / s.Config.PageSize
	}
	return 1
}

// sitemapParts are the files of a sitemap too long for one, besides
// sitemap.xml (their index).
func (s *Site) sitemapParts() []string {
	var names []string
	if n := len(s.Pages); n > sitemapLimit {
		for i := 0; i < n; i += sitemapLimit {
			names = append(names, fmt.Sprintf("sitemap-%d.xml", i/sitemapLimit+1))
		}
	}
	return names
}

// sectionFeeds are the addresses of the sections that have a feed: those
// that list a regular page.
func (s *Site) sectionFeeds() []string {
	var urls []string
	for _, sec := range s.Pages {
		if sec.Kind == KindSection && slices.ContainsFunc(sec.Pages, func(p *Page) bool { return p.Kind == KindPage }) {
			urls = append(urls, sec.URL)
		}
	}
	return urls
}

func pageClaim(p *Page, u string) claim {
	if p.File == "" {
		what := "the page " + u
		switch p.Kind {
		case KindTerm:
			what = "the term page " + u
		case KindTaxonomy, KindSection, KindHome:
			what = "the list page " + u
		case KindOrganization:
			if p.Organization != nil {
				return claim{file: p.Organization.File, what: "the organization page " + u + " (" + p.Organization.File + ")",
					self: "this organization's address " + u, hint: "rename the file", rank: rankFile}
			}
		}
		return claim{what: what, self: what, rank: rankBuild}
	}
	c := claim{file: p.File, what: "the page " + u + " (" + p.File + ")", self: "this page's address " + u,
		hint: "rename the file, or give it a `slug` or `url`", rank: rankPage}
	for _, key := range []string{"url", "slug"} {
		if _, ok := p.pos.Keys[key]; ok {
			c.pos, c.hint, c.rank = p.pos.Of(key), "choose another `"+key+"`", rankAddress
			break
		}
	}
	return c
}

// checkOutputs reports every collision between claims on the output, and
// every alias that a file or another alias already has (see checkAliases
// for warn). It returns the claims.
func (s *Site) checkOutputs(fsys, src fs.FS, warn bool, l *diag.List) map[string][]claim {
	claims := s.outputClaims(fsys, src)
	names := make([]string, 0, len(claims))
	for name := range claims {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		cs := claims[name]
		for _, c := range cs[1:] {
			collide(l, cs[0], c, "")
		}
		if pre := reservedPrefix(name); pre != "" && len(cs) == 1 && cs[0].rank > rankBuild {
			c := cs[0]
			l.Add(diag.Problem{File: c.file, Line: c.pos.Line, Col: c.pos.Col,
				Msg: fmt.Sprintf("%s is inside %s", c.self, pre), Hint: c.hint})
		}
		// A file where another claim needs a folder.
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			for _, f := range claims[dir] {
				collide(l, f, cs[0], dir)
			}
		}
	}
	// Two names that differ only in letter case are one file on a file
	// system that ignores case, and one address on Netlify.
	folded := map[string][]string{}
	keys := make([]string, len(names))
	for i, name := range names {
		keys[i] = foldCase(name)
		folded[keys[i]] = append(folded[keys[i]], name)
	}
	for i, name := range names {
		same := folded[keys[i]]
		if same[0] != name {
			continue
		}
		for _, other := range same[1:] {
			collideCase(l, claims[name][0], claims[other][0])
		}
	}
	s.checkAliases(claims, folded, warn, l)
	return claims
}

// foldCase is the key under which names that differ only in letter case
// are one.
// Most names are ASCII, whose folding is lower-casing.
func foldCase(name string) string {
	for i := 0; i < len(name); i++ {
		if name[i] >= utf8.RuneSelf {
			return cases.Fold().String(name)
		}
	}
	return strings.ToLower(name)
}

// collideCase reports two claims whose names differ only in letter case,
// like collide.
func collideCase(l *diag.List, a, b claim) {
	told, other := whoIsTold(a, b)
	tell(l, told, fmt.Sprintf("%s differs only in letter case from %s: on a file system that ignores case (Windows, macOS) and on Netlify one would replace the other",
		told.self, other.what))
}

// collide reports two claims on one file, or, if dir is set, a claim that
// needs the folder dir where a file f is. The claim of the higher rank is
// told; a collision between two things the build makes is its own bug.
func collide(l *diag.List, a, b claim, dir string) {
	told, other := whoIsTold(a, b)
	msg := fmt.Sprintf("%s is also %s: one would replace the other", told.self, other.what)
	if dir != "" {
		if told == a { // the file is told
			msg = fmt.Sprintf("%s would be a file where %s needs the folder /%s/: the two cannot both be published", told.self, other.what, dir)
		} else {
			msg = fmt.Sprintf("%s needs the folder /%s/, where %s is a file: the two cannot both be published", told.self, dir, other.what)
		}
	}
	tell(l, told, msg)
}

// whoIsTold orders two colliding claims: the one of the higher rank is
// told, the other named.
func whoIsTold(a, b claim) (told, other claim) {
	if a.rank > b.rank {
		return a, b
	}
	return b, a
}

// tell reports msg at the claim told; a collision between two things the
// build makes is its own bug.
func tell(l *diag.List, told claim, msg string) {
	hint := told.hint
	if hint == "" {
		hint = "this is a bug in the generator or its bundled files: please report it"
	}
	l.Add(diag.Problem{File: cmp.Or(told.file, "generator"), Line: told.pos.Line, Col: told.pos.Col,
		Msg: msg, Hint: hint})
}

// checkAliases refuses an alias that a page, a file or another alias
// already has: Netlify serves a file before it looks at _redirects, so such
// a redirect would never be followed, and of two redirects from one address
// only the first is. Like a broken link, that is an error, or a warning with
// warn (a site moved from elsewhere often has such aliases: the page is
// still there); either way the redirect is left out of _redirects.
//
// folded lists the claimed names under their foldCase key: an alias that
// differs from a claimed address only in letter case is refused too.
func (s *Site) checkAliases(claims map[string][]claim, folded map[string][]string, warn bool, l *diag.List) {
	sev := diag.Error
	if warn {
		sev = diag.Warning
	}
	kept := s.redirs[:0]
	var prev redirect
	for _, r := range s.redirs { // sorted by from, then to
		at := r.page.pos.Of(fmt.Sprintf("aliases[%d]", r.alias))
		report := func(msg, hint string) {
			l.Add(diag.Problem{File: r.page.File, Line: at.Line, Col: at.Col, Severity: sev,
				Msg: fmt.Sprintf("alias %q %s", r.page.Aliases[r.alias], msg), Hint: hint})
		}
		first := prev
		prev = r
		if first.page != nil && r.from == first.from {
			report(fmt.Sprintf("is also an alias of %s: an address can redirect to one page only", first.page.File),
				"keep the alias in one of the two pages")
			continue
		}
		name := aliasFile(r.from)
		if cs := claims[name]; len(cs) > 0 && !s.failed[r.from] {
			report(fmt.Sprintf("is the address of %s, which would hide the redirect", cs[0].what),
				"remove the alias, or move what is at that address")
			continue
		}
		if same := folded[foldCase(name)]; len(same) > 0 && !s.failed[r.from] {
			report(fmt.Sprintf("differs only in letter case from the address of %s, which would hide the redirect on Netlify", claims[same[0]][0].what),
				"remove the alias, or move what is at that address")
			continue
		}
		if pre := reservedPrefix(name); pre != "" {
			report("is inside "+pre, "remove the alias")
			continue
		}
		kept = append(kept, r)
	}
	s.redirs = kept
}

// aliasFile is the file of the output that an alias's address would be
// answered by.
func aliasFile(from string) string {
	name := strings.TrimPrefix(from, "/")
	if strings.HasSuffix(from, "/") {
		name += "index.html"
	}
	return name
}

// reservedPrefix returns what owns the folder of the output that name is
// in, if one thing owns it as a whole.
func reservedPrefix(name string) string {
	for _, pre := range reservedPrefixes {
		if strings.HasPrefix(foldCase(name), pre.dir) {
			return pre.what
		}
	}
	return ""
}
