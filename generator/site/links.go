package site

import (
	"bytes"
	"fmt"
	"html"
	"net/mail"
	"net/url"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"resourcelib/generator/diag"
	"resourcelib/generator/searchdoc"
)

// pageLink is a Markdown link or image with its place in the file.
type pageLink struct {
	dest      string
	line, col int
	image     bool
	auto      bool // an autolink, <https://...>: checked for scripts only
}

// positionsOf turns the byte offsets of a page's links into lines and
// columns. The body keeps the file's line numbers (the front matter is
// blanked), so they are the file's. Columns count characters.
func positionsOf(body []byte, links []mdLink) []pageLink {
	out := make([]pageLink, 0, len(links))
	line, lineStart, at := 1, 0, 0
	for _, ln := range links {
		pl := pageLink{dest: ln.dest, image: ln.image, auto: ln.auto}
		if ln.off >= 0 && ln.off <= len(body) {
			if ln.off < at { // goldmark walks in document order, but be safe
				line, lineStart, at = 1, 0, 0
			}
			for i := at; i < ln.off; i++ {
				if body[i] == '\n' {
					line++
					lineStart = i + 1
				}
			}
			at = ln.off
			pl.line, pl.col = line, 1+utf8.RuneCount(body[lineStart:ln.off])
		}
		out = append(out, pl)
	}
	return out
}

// offsetPos returns the line and column of a byte offset in body.
func offsetPos(body []byte, off int) (line, col int) {
	off = min(off, len(body))
	start := bytes.LastIndexByte(body[:off], '\n') + 1
	return 1 + bytes.Count(body[:off], []byte("\n")), 1 + utf8.RuneCount(body[start:off])
}

// collectIDs notes the ids of a written page, so that links to #anchors can
// be checked against the page as it is published, layout and all.
func collectIDs(html []byte) map[string]bool {
	ids := map[string]bool{}
	for {
		i := bytes.Index(html, []byte(` id="`))
		if i < 0 {
			return ids
		}
		html = html[i+5:]
		j := bytes.IndexByte(html, '"')
		if j < 0 {
			return ids
		}
		ids[htmlUnescape(html[:j])] = true
		html = html[j:]
	}
}

func htmlUnescape(b []byte) string {
	if bytes.IndexByte(b, '&') < 0 {
		return string(b)
	}
	return strings.NewReplacer("&amp;", "&", "&#34;", `"`, "&quot;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">").Replace(string(b))
}

// checkLinks checks every Markdown link and image once the whole site is
// written: internal ones must name a page, a file or a redirect, and their
// #anchor an id on that page; external ones must be well-formed web
// addresses. Nothing is fetched.
func (w *writer) checkLinks() { w.checkLinksOf(w.site.Pages) }

// checkLinksOf checks the links of some of the site's pages.
func (w *writer) checkLinksOf(pages []*Page) {
	w.siblings = map[string][]string{}
	for _, p := range w.site.Pages {
		if d, b := path.Split(strings.TrimSuffix(p.URL, "/")); b != "" {
			w.siblings[d] = append(w.siblings[d], b)
		}
	}
	for _, p := range pages {
		for _, ln := range p.links {
			// A script or data address, or an image from another site, is
			// an error even when broken links are only warnings: it is a
			// hazard, not a typo.
			if msg, hint := unsafeLink(ln); msg != "" {
				w.l.Add(diag.Problem{File: p.File, Line: ln.line, Col: ln.col, Msg: msg, Hint: hint})
				continue
			}
			if msg, hint := offSiteImage(ln); msg != "" {
				w.l.Add(diag.Problem{File: p.File, Line: ln.line, Col: ln.col, Msg: msg, Hint: hint})
				continue
			}
			if msg, hint := w.checkLink(p, ln); msg != "" {
				pr := diag.Problem{File: p.File, Line: ln.line, Col: ln.col, Msg: msg, Hint: hint}
				if w.warnLinks {
					pr.Severity = diag.Warning
				}
				w.l.Add(pr)
			}
		}
		if !w.keepBodies {
			p.links = nil
		}
	}
}

// dangerousSchemes run code or embed content when followed.
var dangerousSchemes = []string{"javascript", "vbscript", "data", "file"}

// unsafeLink reports a link or image whose address runs code or embeds
// content when followed.
func unsafeLink(ln pageLink) (msg, hint string) {
	dest := followed(ln.dest)
	u, err := url.Parse(dest)
	if err != nil {
		return "", ""
	}
	if scheme := strings.ToLower(u.Scheme); slices.Contains(dangerousSchemes, scheme) {
		what := "link"
		if ln.image {
			what = "image"
		}
		return fmt.Sprintf("%s %q uses %s:, which is not allowed", what, truncate(dest, 60), scheme), "link to a page or a web address instead"
	}
	return "", ""
}

// followed is the address a browser follows for a link written as dest:
// goldmark keeps character references (&colon;, &#106;) as written and
// they are decoded in the page, and a browser's URL parser drops tabs and
// line breaks and trims control characters and spaces, so
// "&#106;ava&#x09;script&colon;" is javascript:.
func followed(dest string) string {
	dest = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, html.UnescapeString(dest))
	return strings.TrimFunc(dest, func(r rune) bool { return r <= ' ' })
}

// offSiteImage reports an image on another site: one loaded with the
// page would tell that site who reads the page, and when.
func offSiteImage(ln pageLink) (msg, hint string) {
	if !ln.image {
		return "", ""
	}
	if u, err := url.Parse(strings.TrimSpace(ln.dest)); err == nil && (u.Scheme != "" || u.Host != "") {
		return fmt.Sprintf("image %q is on another site, and the page would load it from there", truncate(ln.dest, 80)),
			"download it and put it beside the page in its bundle folder (content/.../PAGE/index.md), " +
				"or in static/, and write ![text](file.png); the site makes no request to another site"
	}
	return "", ""
}

// checkLink reports a link or image that leads nowhere or is malformed: an
// error in check, a warning in build unless -strict-links.
func (w *writer) checkLink(p *Page, ln pageLink) (msg, hint string) {
	if ln.auto {
		return "", "" // written in full by the autolink syntax itself
	}
	what := "link"
	if ln.image {
		what = "image"
	}
	dest := strings.TrimSpace(ln.dest)
	if dest == "" {
		return fmt.Sprintf("the %s has no address", what), "write it as [text](/materials/page/) or [text](https://example.org/)"
	}
	for _, typo := range []string{"http//", "https//", "http:/", "https:/", "htp://", "htps://", "www."} {
		if strings.HasPrefix(dest, typo) && !strings.HasPrefix(dest, "http://") && !strings.HasPrefix(dest, "https://") {
			return fmt.Sprintf("%s %q is not a well-formed web address", what, dest), "write a web address in full, starting with https://"
		}
	}
	u, err := url.Parse(dest)
	if err != nil {
		return fmt.Sprintf("%s %q is not a well-formed address: %s", what, dest, urlErr(err)), "check for spaces and stray characters; write spaces as %20"
	}
	scheme := strings.ToLower(u.Scheme)
	switch {
	case slices.Contains(dangerousSchemes, scheme):
		return "", "" // unsafeLink's
	case scheme == "http" || scheme == "https":
		if u.Host == "" || u.Opaque != "" {
			return fmt.Sprintf("%s %q has no host name", what, dest), "write it as https://example.org/page"
		}
		if h := u.Hostname(); strings.HasPrefix(h, ".") || strings.Contains(h, "..") || strings.ContainsAny(h, " _,;\"'<>") {
			return fmt.Sprintf("%s %q has a malformed host name %q", what, dest, h), "write it as https://example.org/page"
		}
		return "", ""
	case scheme == "mailto":
		addr, _, _ := strings.Cut(u.Opaque, "?")
		if unescaped, err := url.PathUnescape(addr); err == nil {
			addr = unescaped
		}
		if _, err := mail.ParseAddressList(addr); err != nil {
			return fmt.Sprintf("%s %q is not an email address", what, dest), "write it as mailto:name@example.org"
		}
		return "", ""
	case scheme == "tel" || scheme == "sms":
		if strings.Trim(u.Opaque, "+0123456789-(). ") != "" || strings.Trim(u.Opaque, "+-(). ") == "" {
			return fmt.Sprintf("%s %q is not a phone number", what, dest), "write it as tel:+18883737888"
		}
		return "", ""
	case scheme != "" || u.Host != "":
		return "", "" // another scheme, or //host/path: left alone
	}

	// An internal link. Links to Markdown files and bundle files are
	// rewritten to addresses when the page is rendered; do the same here.
	target := p.URL
	if resolved, ok := w.site.resolverFor(p)(dest); ok {
		if ru, err := url.Parse(resolved); err == nil {
			u = ru
		}
	} else if w.site.failed[path.Join(path.Dir(p.File), u.Path)] {
		return "", "" // the file has errors of its own
	} else if strings.HasSuffix(strings.ToLower(u.Path), ".md") {
		return fmt.Sprintf("%s %s: there is no such Markdown file", what, dest),
			"a link to a Markdown file is relative to this file's folder, such as ../materials/intro.md"
	}
	if u.Path != "" {
		base, _ := url.Parse(p.URL)
		target = base.ResolveReference(&url.URL{Path: u.Path}).Path
	}
	target = norm.NFC.String(target)
	found, page := w.lookup(target)
	if !found && (w.site.failed[target] || w.site.failed[target+"/"]) {
		return "", ""
	}
	if !found {
		if ln.image {
			return fmt.Sprintf("image %s: no file at %s", dest, target), "put the image in static/ or beside the page in its bundle folder, and check the spelling"
		}
		hint := "check the spelling; a page's address follows its file name, such as /materials/intro/ for content/materials/intro.md"
		switch why := w.site.leftOut[target]; {
		case why != "":
			hint = "that page is left out: " + why
		case looksLikeEmail(dest):
			hint = "did you mean mailto:" + dest + "?"
		case looksLikeDomain(dest):
			hint = "did you mean https://" + dest + "?"
		default:
			if guess := w.suggestURL(target); guess != "" {
				hint = "did you mean " + guess + "?"
			}
		}
		return fmt.Sprintf("link to %s: no page or file has that address", target), hint
	}
	if u.Fragment == "" || page == nil || page.ids == nil {
		return "", ""
	}
	if !page.ids[u.Fragment] {
		hint := "link to one of the page's headings; each gets an id from its text"
		if ids := headingIDs(page); len(ids) > 0 {
			if guess := diag.Suggest(u.Fragment, ids); guess != "" {
				hint = "did you mean #" + guess + "?"
			}
		}
		where := "this page"
		if page != p {
			where = page.URL
		}
		return fmt.Sprintf("link to #%s: %s has no heading or element with that id", u.Fragment, where), hint
	}
	return "", ""
}

// looksLikeEmail and looksLikeDomain catch a forgotten mailto: or https://.
func looksLikeEmail(s string) bool {
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s
}

func looksLikeDomain(s string) bool {
	host, _, _ := strings.Cut(s, "/")
	dot := strings.LastIndexByte(host, '.')
	if dot <= 0 || strings.ContainsAny(host, "@:#?") {
		return false
	}
	tld := host[dot+1:]
	if len(tld) < 2 || len(tld) > 6 {
		return false
	}
	for _, r := range tld {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	switch tld { // page and file extensions, not domains
	case "html", "htm", "pdf", "md", "txt", "png", "jpg", "jpeg", "gif", "svg", "webp", "docx", "doc", "xlsx", "pptx", "csv", "xml", "json", "zip", "mp3", "mp4":
		return false
	}
	return true
}

func urlErr(err error) string {
	if ue, ok := err.(*url.Error); ok {
		return ue.Err.Error()
	}
	return err.Error()
}

// lookup finds what a site address names: a page (returned), a written
// file, a redirect or the search handler.
func (w *writer) lookup(target string) (bool, *Page) {
	if unescaped, err := url.PathUnescape(target); err == nil {
		target = unescaped
	}
	if p := w.site.byURL[target]; p != nil {
		return true, p
	}
	if !strings.HasSuffix(target, "/") {
		if p := w.site.byURL[target+"/"]; p != nil {
			return true, p
		}
	}
	name := strings.TrimPrefix(target, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	w.mu.Lock()
	written := w.written[name]
	w.mu.Unlock()
	if written {
		return true, nil
	}
	for _, r := range w.site.redirs {
		if r.from == target || r.from == target+"/" {
			return true, nil
		}
	}
	if searchdoc.IsPath(target) {
		return true, nil
	}
	return false, nil
}

// suggestURL returns a page address close to target, if there is one.
func (w *writer) suggestURL(target string) string {
	dir, base := path.Split(strings.TrimSuffix(target, "/"))
	if guess := diag.Suggest(base, w.siblings[dir]); guess != "" {
		return dir + guess + "/"
	}
	return ""
}

// headingIDs lists a page's ids in a stable order, for suggestions.
func headingIDs(p *Page) []string {
	ids := make([]string, 0, len(p.ids))
	for id := range p.ids {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
