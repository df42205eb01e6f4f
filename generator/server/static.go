package server

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
)

// Static serves a built site from an fs.FS as Netlify serves it: pretty
// addresses (/a/b/ is a/b/index.html), the redirects of _redirects, and
// /404.html (or a language's own, from a `/es/* /es/404.html 404` line)
// with status 404. It answers only GET and HEAD, and refuses any path that
// climbs (`..`, however encoded), names a hidden file or folder (.git/,
// .lock), or one of the hidden names given to NewStatic.
type Static struct {
	fsys      fs.FS
	hide      []string
	redirects map[string]redirect
	notFound  [][2]string // address prefix, its 404 page
	inject    []byte      // the dev server's reload script tag, added to HTML pages
}

type redirect struct {
	to     string
	status int
}

// NewStatic serves fsys, reading its _redirects. The top-level names in
// hide are never served (404), whatever the folder holds: the dev server
// hides the search index's folder this way should it ever be inside the
// output. For a folder on disk, pass os.Root's FS, which refuses symbolic
// links out of the folder.
func NewStatic(fsys fs.FS, hide ...string) (*Static, error) {
	s := &Static{fsys: fsys, hide: hide, redirects: map[string]redirect{}}
	data, err := fs.ReadFile(fsys, "_redirects")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 || strings.HasPrefix(fields[0], "#") {
			continue
		}
		r := redirect{to: fields[1], status: http.StatusMovedPermanently}
		if len(fields) > 2 {
			if n, err := strconv.Atoi(strings.TrimSuffix(fields[2], "!")); err == nil {
				r.status = n
			}
		}
		if prefix, ok := strings.CutSuffix(fields[0], "*"); ok && r.status == http.StatusNotFound {
			s.notFound = append(s.notFound, [2]string{prefix, strings.TrimPrefix(r.to, "/")})
			continue
		}
		s.redirects[fields[0]] = r
	}
	return s, nil
}

func (s *Static) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if climbs(r.URL.Path) {
		// As http.FileServer does: a path that climbs names no page.
		http.Error(w, "invalid URL path", http.StatusBadRequest)
		return
	}
	name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
	if name == "" {
		name = "."
	}
	var st fs.FileInfo
	err := fs.ErrNotExist
	if !s.hidden(name) {
		st, err = fs.Stat(s.fsys, name)
	}
	if err == nil && st.IsDir() {
		if !strings.HasSuffix(r.URL.Path, "/") {
			// Redirect to the cleaned path: "//css" + "/" would be a
			// protocol-relative address, sending the browser to host "css".
			to := "/" + name + "/"
			if name == "." {
				to = "/"
			}
			http.Redirect(w, r, to, http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		_, err = fs.Stat(s.fsys, name)
	}
	if err != nil {
		if rd, ok := s.lookupRedirect(r.URL.Path); ok {
			http.Redirect(w, r, rd.to, rd.status)
			return
		}
		page := "404.html"
		for _, nf := range s.notFound {
			if strings.HasPrefix(r.URL.Path, nf[0]) {
				page = nf[1]
			}
		}
		s.serveFile(w, r, page, http.StatusNotFound)
		return
	}
	s.serveFile(w, r, name, http.StatusOK)
}

func climbs(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return true
		}
	}
	return false
}

// hidden reports whether a cleaned name is never served: an invalid name,
// a hidden file or folder anywhere in it (except .well-known, RFC 8615),
// or a hidden top-level name.
func (s *Static) hidden(name string) bool {
	if name == "." {
		return false
	}
	if !fs.ValidPath(name) {
		return true
	}
	for _, seg := range strings.Split(name, "/") {
		if strings.HasPrefix(seg, ".") && seg != ".well-known" {
			return true
		}
	}
	top, _, _ := strings.Cut(name, "/")
	for _, h := range s.hide {
		if top == h {
			return true
		}
	}
	return false
}

func (s *Static) lookupRedirect(p string) (redirect, bool) {
	if rd, ok := s.redirects[p]; ok {
		return rd, true
	}
	if strings.HasSuffix(p, "/") {
		rd, ok := s.redirects[strings.TrimSuffix(p, "/")]
		return rd, ok
	}
	rd, ok := s.redirects[p+"/"]
	return rd, ok
}

func (s *Static) serveFile(w http.ResponseWriter, r *http.Request, name string, status int) {
	f, err := s.fsys.Open(name)
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	if s.inject != nil && strings.HasSuffix(name, ".html") {
		page, err := io.ReadAll(f)
		if err != nil {
			http.Error(w, "cannot read "+name, http.StatusInternalServerError)
			return
		}
		page = injectReload(page, s.inject)
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			w.Write(page)
		}
		return
	}
	if status != http.StatusOK {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			io.Copy(w, f)
		}
		return
	}
	rs, ok := f.(io.ReadSeeker)
	if !ok {
		data, err := io.ReadAll(f)
		if err != nil {
			http.Error(w, "cannot read "+name, http.StatusInternalServerError)
			return
		}
		rs = bytes.NewReader(data)
	}
	http.ServeContent(w, r, name, st.ModTime(), rs)
}

// injectReload puts the reload script into an HTML page, before </head>.
func injectReload(page, tag []byte) []byte {
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		return page
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}
