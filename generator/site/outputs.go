package site

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"hash/maphash"
	"io/fs"
	"mime"
	neturl "net/url"
	"path"
	"slices"
	"strings"
	"time"
)

// attachment describes a page bundle's file, which is copied beside the page.
func (s *Site) attachment(src fs.FS, file, bundle string, p *Page) Attachment {
	rel := strings.TrimPrefix(file, bundle+"/")
	var size int64
	if st, err := fs.Stat(src, file); err == nil {
		size = st.Size()
	}
	s.files = append(s.files, copyFile{src: file, dst: strings.TrimPrefix(p.URL, "/") + rel})
	return Attachment{Name: rel, URL: p.URL + rel, Type: fileType(rel), Size: size}
}

// fileType names a file's type for people: "PDF document", "Text file".
func fileType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case ".pdf":
		return "PDF document"
	case ".txt":
		return "Text file"
	case ".doc", ".docx":
		return "Word document"
	case ".ppt", ".pptx":
		return "PowerPoint presentation"
	case ".xls", ".xlsx":
		return "Excel spreadsheet"
	case ".csv":
		return "CSV spreadsheet"
	case ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".avif":
		return strings.ToUpper(ext[1:]) + " image"
	case ".mp3", ".m4a", ".ogg":
		return "Audio"
	case ".mp4", ".webm":
		return "Video"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	if ext == "" {
		return "File"
	}
	return strings.ToUpper(ext[1:]) + " file"
}

// sitemapLimit is the most URLs one sitemap file may hold.
const sitemapLimit = 50000

// writeSitemap writes sitemap.xml, or a sitemap index with several files
// when the site has more pages than one sitemap may list.
func (w *writer) writeSitemap() {
	// A translated page lists every language's version, itself included
	// (Google's hreflang in sitemaps).
	type alternate struct {
		Rel      string `xml:"rel,attr"`
		Hreflang string `xml:"hreflang,attr"`
		Href     string `xml:"href,attr"`
	}
	type url struct {
		Loc        string      `xml:"loc"`
		Lastmod    string      `xml:"lastmod,omitempty"`
		Alternates []alternate `xml:"xhtml:link"`
	}
	// The sum is made of what the files would show, read from the pages
	// (the addresses before they are escaped, the dates before they are
	// formatted), so that a Session learns that they are as they were
	// without making them.
	lastmod := func(p *Page) time.Time {
		t := p.Updated()
		for _, m := range p.Pages { // a list changes when its pages do
			if mt := m.Updated(); mt.After(t) {
				t = mt
			}
		}
		return t
	}
	prev := w.sitemapEntries
	w.sitemapEntries = make(map[string]sitemapEntry, len(w.site.Pages))
	var sums, key []byte
	var pages []*Page
	for _, p := range w.site.Pages {
		if p.Kind == Kind404 {
			continue
		}
		key = appendStrings(key[:0], p.URL)
		if t := lastmod(p); !t.IsZero() {
			key = t.UTC().AppendFormat(key, "2006-01-02")
		}
		key = append(key, 0)
		if len(p.Translations) > 0 {
			for _, a := range w.site.alternates(p) {
				key = appendStrings(key, a.Lang, a.URL)
			}
		}
		e := sitemapEntry{sum: maphash.Bytes(sumSeed, key)}
		if old, ok := prev[p.URL]; ok && old.sum == e.sum {
			e.xml = old.xml
		}
		w.sitemapEntries[p.URL] = e
		sums = binary.LittleEndian.AppendUint64(sums, e.sum)
		pages = append(pages, p)
	}
	w.sitemapSum = maphash.Bytes(sumSeed, sums) | 1 // never 0
	if w.sitemapSum == w.prevSitemap {
		return // the files are as they were
	}
	// Each entry is encoded alone, as it is indented inside the urlset,
	// so that a Session encodes only the entries that changed.
	entries := make([][]byte, len(pages))
	var b bytes.Buffer
	enc := xml.NewEncoder(&b) // one for all: after its first element, each starts on a new line
	enc.Indent("  ", "  ")
	for i, p := range pages {
		e := w.sitemapEntries[p.URL]
		if e.xml == nil {
			u := url{Loc: w.site.Config.BaseURL + webPath(p.URL)}
			if t := lastmod(p); !t.IsZero() {
				u.Lastmod = t.UTC().Format("2006-01-02")
			}
			for _, a := range w.site.alternates(p) {
				u.Alternates = append(u.Alternates, alternate{Rel: "alternate", Hreflang: a.Lang, Href: w.site.Config.BaseURL + webPath(strings.TrimPrefix(a.URL, w.site.Config.BaseURL))})
			}
			b.Reset()
			if err := enc.EncodeElement(u, xml.StartElement{Name: xml.Name{Local: "url"}}); err != nil {
				w.fail(err)
				return
			}
			e.xml = bytes.Clone(bytes.TrimPrefix(b.Bytes(), []byte("\n")))
			w.sitemapEntries[p.URL] = e
		}
		entries[i] = e.xml
	}
	write := func(name string, v any) {
		var b bytes.Buffer
		b.WriteString(xml.Header)
		enc := xml.NewEncoder(&b)
		enc.Indent("", "  ")
		if err := enc.Encode(v); err != nil {
			w.fail(err)
			return
		}
		b.WriteByte('\n')
		w.write(name, b.Bytes())
		w.count(0, 1)
	}
	type urlset struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		XHTML   string   `xml:"xmlns:xhtml,attr,omitempty"`
	}
	xhtml := ""
	if len(w.site.Config.Languages) > 1 {
		xhtml = "http://www.w3.org/1999/xhtml"
	}
	// What encoding a urlset of these entries gives: its start tag, each
	// entry on lines of its own, its end tag.
	writeSet := func(name string, entries [][]byte) {
		empty, err := xml.Marshal(urlset{XHTML: xhtml})
		if err != nil {
			w.fail(err)
			return
		}
		open, end, _ := bytes.Cut(empty, []byte("></"))
		var b bytes.Buffer
		b.WriteString(xml.Header)
		b.Write(open)
		b.WriteByte('>')
		for _, e := range entries {
			b.WriteByte('\n')
			b.Write(e)
		}
		if len(entries) > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("</")
		b.Write(end)
		b.WriteByte('\n')
		w.write(name, b.Bytes())
		w.count(0, 1)
	}
	if len(entries) <= sitemapLimit {
		writeSet("sitemap.xml", entries)
		return
	}
	type sitemap struct {
		Loc string `xml:"loc"`
	}
	type index struct {
		XMLName  xml.Name  `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []sitemap `xml:"sitemap"`
	}
	var idx index
	for i := 0; i < len(entries); i += sitemapLimit {
		name := fmt.Sprintf("sitemap-%d.xml", i/sitemapLimit+1)
		writeSet(name, entries[i:min(i+sitemapLimit, len(entries))])
		idx.Sitemaps = append(idx.Sitemaps, sitemap{Loc: w.site.Config.BaseURL + "/" + name})
	}
	write("sitemap.xml", idx)
}

// sitemapEntry is one page's <url> in the sitemap, encoded, and a sum of
// what it was made of.
type sitemapEntry struct {
	sum uint64
	xml []byte
}

// feedSize is how many entries a feed holds.
const feedSize = 20

// writeFeeds writes an Atom feed of the newest pages for the whole site
// (/index.xml) and for each section that has pages (/materials/index.xml).
func (w *writer) writeFeeds() {
	prev := w.feedSums
	w.feedSums = map[string]uint64{}
	for _, lang := range w.site.Config.Languages {
		var all []*Page
		for _, p := range w.site.Pages {
			if p.Kind == KindPage && p.Lang == lang.Code {
				all = append(all, p)
			}
		}
		w.writeFeed(w.site.langPrefix(lang.Code)+"/", w.site.Config.forLanguage(lang.Code).Title, all, prev)
	}
	for _, sec := range w.site.Pages {
		if sec.Kind != KindSection {
			continue
		}
		var ps []*Page
		for _, p := range sec.Pages {
			if p.Kind == KindPage {
				ps = append(ps, p)
			}
		}
		if len(ps) > 0 {
			w.writeFeed(sec.URL, sec.Title+" – "+w.site.Config.forLanguage(sec.Lang).Title, ps, prev)
		}
	}
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	Link    atomLink `xml:"link"`
	ID      string   `xml:"id"`
	Updated string   `xml:"updated"`
	Summary string   `xml:"summary,omitempty"`
}

// atomPerson is an Atom author (RFC 4287, 3.2).
type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

// writeFeed writes the feed of a folder, unless prev (the sums of the
// feeds a Session last made) says it shows what it showed.
func (w *writer) writeFeed(base, title string, pages []*Page, prev map[string]uint64) {
	byDate := newest(pages, feedSize)
	sum := appendStrings(nil, base, title)
	for _, p := range byDate {
		sum = appendTimes(appendStrings(sum, p.Title, p.URL, p.Summary), p.Updated())
	}
	w.feedSums[base] = maphash.Bytes(sumSeed, sum) | 1 // never 0
	if prev[base] == w.feedSums[base] {
		return // the file is as it was
	}
	abs := w.site.Config.BaseURL
	// RFC 4287 wants an author for every entry; one for the feed covers
	// them all. Pages name no author, so it is the site, as in the
	// JSON-LD publisher.
	f := atomFeed{Title: title, ID: abs + webPath(base), Author: atomPerson{Name: w.site.Config.Title, URI: abs + "/"},
		Links: []atomLink{{Href: abs + webPath(base+"index.xml"), Rel: "self", Type: "application/atom+xml"}, {Href: abs + webPath(base), Type: "text/html"}}}
	var newest time.Time
	for _, p := range byDate {
		t := p.Updated()
		if t.After(newest) {
			newest = t
		}
		f.Entries = append(f.Entries, atomEntry{Title: p.Title, Link: atomLink{Href: abs + webPath(p.URL)}, ID: abs + webPath(p.URL),
			Updated: atomTime(t), Summary: p.Summary})
	}
	f.Updated = atomTime(newest)
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(f); err != nil {
		w.fail(err)
		return
	}
	b.WriteByte('\n')
	w.write(path.Join(base, "index.xml"), b.Bytes())
	w.count(0, 1)
}

// webPath is a site address as a sitemap or a feed must write it:
// percent-encoded, so that a folder named "with space" or "ñandú" is a
// valid web address (/with%20space/), as browsers send it.
func webPath(p string) string { return (&neturl.URL{Path: p}).EscapedPath() }

// atomTime formats a time for Atom. A page without a date gets the Unix
// epoch rather than the build time, so that builds are reproducible.
func atomTime(t time.Time) string {
	if t.IsZero() {
		t = time.Unix(0, 0)
	}
	return t.UTC().Format(time.RFC3339)
}

// newest returns the n newest of pages, newest first, in the order
// sortNewest gives them (dates first: weights order lists, not news). A
// feed shows 20 of a list of thousands, which need not all be sorted.
func newest(pages []*Page, n int) []*Page {
	out := make([]*Page, 0, n+1)
	for _, p := range pages {
		if len(out) == n && compareNewest(p, out[n-1]) >= 0 {
			continue
		}
		i, _ := slices.BinarySearchFunc(out, p, compareNewest)
		out = slices.Insert(out, i, p)
		out = out[:min(len(out), n)]
	}
	return out
}

func compareNewest(a, b *Page) int {
	if c := b.Updated().Compare(a.Updated()); c != 0 {
		return c
	}
	return comparePages(a, b)
}

// writeRedirects writes Netlify's _redirects file: one 301 line per alias.
func (w *writer) writeRedirects() {
	var b strings.Builder
	b.WriteString("# Generated from the `aliases` of pages. Do not edit.\n")
	for _, r := range w.site.redirs {
		fmt.Fprintf(&b, "%s %s 301\n", r.from, r.to)
	}
	// Each other language's addresses get its own not-found page. Netlify
	// applies a rule without ! only where no file exists.
	for _, lang := range w.site.Config.Languages[1:] {
		prefix := w.site.langPrefix(lang.Code)
		fmt.Fprintf(&b, "%s/* %s/404.html 404\n", prefix, prefix)
	}
	w.write("_redirects", []byte(b.String()))
	w.count(0, 1)
}

func (w *writer) writeRobots() {
	var b strings.Builder
	b.WriteString("User-agent: *\nAllow: /\n")
	if w.site.Config.BaseURL != "" {
		fmt.Fprintf(&b, "Sitemap: %s/sitemap.xml\n", w.site.Config.BaseURL)
	}
	w.write("robots.txt", []byte(b.String()))
	w.count(0, 1)
}
