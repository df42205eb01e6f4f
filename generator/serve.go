package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/BurntSushi/toml"

	"resourcelib"
	"resourcelib/generator/admin"
	"resourcelib/generator/searchdoc"
	"resourcelib/generator/site"
)

func cmdServe(args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("serve", stderr, "[-source DIR] [-out DIR] [-addr HOST:PORT] [-drafts] [-future] [-expired]")
	source := fl.String("source", ".", "the site's folder, holding content/")
	out := fl.String("out", "", "build into this folder (default: a temporary folder, removed on exit)")
	addr := fl.String("addr", "localhost:1313", "the address to listen on")
	drafts := fl.Bool("drafts", false, "include pages marked draft: true")
	future := fl.Bool("future", false, "include pages whose publishdate or date is still to come")
	expired := fl.Bool("expired", false, "include pages whose expirydate has passed")
	if ok, code := parseFlags(fl, args, stderr); !ok {
		return code
	}
	dir := *out
	if dir == "" {
		tmp, err := os.MkdirTemp("", "generator-serve-")
		if err != nil {
			fmt.Fprintf(stderr, "generator: %v\n", err)
			return 1
		}
		defer os.RemoveAll(tmp)
		dir = tmp + "/public"
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "generator: cannot listen on %s: %v\n", *addr, err)
		return 1
	}
	base := "http://" + ln.Addr().String()
	index := indexDir(dir, "")
	if _, err := sourceFS(*source); err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 2
	}
	for _, c := range []struct {
		dir  string
		kind outKind
	}{{dir, siteOut}, {index, indexOut}} {
		if err := checkOut(*source, c.dir, c.kind); err != nil {
			ln.Close()
			fmt.Fprintf(stderr, "generator: %v\n", err)
			return 2
		}
	}
	rules, err := headerRules(*source)
	if err != nil {
		ln.Close()
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 1
	}
	// A first build that fails is served as its list of problems, which
	// turns into the site once they are fixed.
	dev := newDevServer(*source, dir, index, site.Options{BaseURL: base, Drafts: *drafts, Future: *future, Expired: *expired, WarnLinks: true}, rules, stdout, stderr)
	dev.rebuild()
	defer func() {
		if s := dev.searcher.Load(); s != nil {
			s.Close()
		}
	}()
	srv := &http.Server{Handler: dev, ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(stdout, "serving %s on %s, rebuilding on changes (press Ctrl-C to stop)\n", dir, base+"/")
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		if err := dev.watch(ctx); err != nil {
			fmt.Fprintf(stderr, "generator: cannot watch for changes: %v\n", err)
		}
	}()
	go func() {
		<-ctx.Done()
		shut, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shut)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 1
	}
	return 0
}

// routes sends searches to the search handler and /admin/ to the admin
// page, as netlify.toml's redirects send them to the search and admin
// functions in production, and the rest to the site.
func routes(static, searcher http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if admin.IsPath(r.URL.Path) {
			admin.ServeHTTP(w, r) // its own headers, none of netlify.toml's
			return
		}
		if searchdoc.IsPath(r.URL.Path) {
			searcher.ServeHTTP(w, r)
			return
		}
		static.ServeHTTP(w, r)
	})
}

// headerRule is one [[headers]] block of netlify.toml.
type headerRule struct {
	For    string            `toml:"for"`
	Values map[string]string `toml:"values"`
}

// headerRules reads the headers from the site's netlify.toml, or from the
// bundled one when the site has none. A file that cannot be read is an
// error: serving without its security headers would hide the mistake.
func headerRules(source string) ([]headerRule, error) {
	name := filepath.Join(source, "netlify.toml")
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		name = "netlify.toml (bundled)"
		data, err = fs.ReadFile(resourcelib.Bundle, "netlify.toml")
	}
	if err != nil {
		return nil, err
	}
	var cfg struct {
		Headers []headerRule `toml:"headers"`
	}
	if _, err := toml.Decode(string(data), &cfg); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return cfg.Headers, nil
}

// matchNetlify reports whether a Netlify path pattern ("/*", "/css/*",
// "/about/") matches p.
func matchNetlify(pattern, p string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(p, prefix)
	}
	return pattern == p || strings.TrimSuffix(pattern, "/") == strings.TrimSuffix(p, "/")
}

// staticHandler serves a built site as Netlify does: pretty URLs, the
// headers of netlify.toml, the redirects of _redirects, and /404.html with
// status 404.
type staticHandler struct {
	root      *os.Root
	rules     []headerRule
	redirects map[string]netlifyRedirect
	notFound  [][2]string // address prefix, its 404 page
	inject    []byte      // the dev server's reload script tag, added to HTML pages
}

type netlifyRedirect struct {
	to     string
	status int
}

func newStaticHandler(dir string, rules []headerRule) (*staticHandler, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	h := &staticHandler{root: root, rules: rules, redirects: map[string]netlifyRedirect{}}
	if f, err := root.Open("_redirects"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			if len(fields) < 2 || strings.HasPrefix(fields[0], "#") {
				continue
			}
			r := netlifyRedirect{to: fields[1], status: 301}
			if len(fields) > 2 {
				if n, err := strconv.Atoi(strings.TrimSuffix(fields[2], "!")); err == nil {
					r.status = n
				}
			}
			if prefix, ok := strings.CutSuffix(fields[0], "*"); ok && r.status == http.StatusNotFound {
				// A language's own not-found page: /es/* /es/404.html 404.
				h.notFound = append(h.notFound, [2]string{prefix, strings.TrimPrefix(r.to, "/")})
				continue
			}
			h.redirects[fields[0]] = r
		}
		f.Close()
	}
	return h, nil
}

func (h *staticHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	for _, rule := range h.rules {
		if matchNetlify(rule.For, r.URL.Path) {
			for k, v := range rule.Values {
				w.Header().Set(k, v)
			}
		}
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if containsDotDot(r.URL.Path) {
		// As http.FileServer does: a path that climbs names no page.
		http.Error(w, "invalid URL path", http.StatusBadRequest)
		return
	}
	name := strings.TrimPrefix(path.Clean(r.URL.Path), "/")
	if name == "" {
		name = "."
	}
	st, err := h.root.Stat(name)
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
		_, err = h.root.Stat(name)
	}
	if err != nil {
		if rd, ok := h.lookupRedirect(r.URL.Path); ok {
			http.Redirect(w, r, rd.to, rd.status)
			return
		}
		page := "404.html"
		for _, nf := range h.notFound {
			if strings.HasPrefix(r.URL.Path, nf[0]) {
				page = nf[1]
			}
		}
		h.serveFile(w, r, page, http.StatusNotFound)
		return
	}
	h.serveFile(w, r, name, http.StatusOK)
}

func containsDotDot(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return true
		}
	}
	return false
}

func (h *staticHandler) lookupRedirect(p string) (netlifyRedirect, bool) {
	if rd, ok := h.redirects[p]; ok {
		return rd, true
	}
	if strings.HasSuffix(p, "/") {
		rd, ok := h.redirects[strings.TrimSuffix(p, "/")]
		return rd, ok
	}
	rd, ok := h.redirects[p+"/"]
	return rd, ok
}

func (h *staticHandler) serveFile(w http.ResponseWriter, r *http.Request, name string, status int) {
	f, err := h.root.Open(name)
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
	if h.inject != nil && strings.HasSuffix(name, ".html") {
		page, err := io.ReadAll(f)
		if err != nil {
			http.Error(w, "cannot read "+name, http.StatusInternalServerError)
			return
		}
		page = injectReload(page, h.inject)
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
	http.ServeContent(w, r, name, st.ModTime(), f)
}
