package server

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"

	"resourcelib"
)

// A HeaderRule is one [[headers]] block of netlify.toml: the headers
// Values are sent with every answer whose path matches For.
type HeaderRule struct {
	For    string            `toml:"for"`
	Values map[string]string `toml:"values"`
}

// LoadHeaders reads the [[headers]] of the site's netlify.toml, or of the
// bundled one when the site has none. A file that cannot be read or
// parsed is an error: serving without its security headers would hide
// the mistake.
func LoadHeaders(source string) ([]HeaderRule, error) {
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
		Headers []HeaderRule `toml:"headers"`
	}
	if _, err := toml.Decode(string(data), &cfg); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return cfg.Headers, nil
}

// Match reports whether a Netlify path pattern ("/*", "/css/*",
// "/about/") matches the path p.
func Match(pattern, p string) bool {
	if prefix, ok := strings.CutSuffix(pattern, "*"); ok {
		return strings.HasPrefix(p, prefix)
	}
	return pattern == p || strings.TrimSuffix(pattern, "/") == strings.TrimSuffix(p, "/")
}

// WithHeaders is the one middleware that applies netlify.toml's headers:
// every rule whose pattern matches, in order, so that a later block wins
// for a header that two set (as on Netlify). It runs before h, so that
// errors, redirects and the dev server's own answers carry them too; h may
// still replace one (Content-Type, Cache-Control).
func WithHeaders(rules []HeaderRule, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, rule := range rules {
			if Match(rule.For, r.URL.Path) {
				for k, v := range rule.Values {
					w.Header().Set(k, v)
				}
			}
		}
		h.ServeHTTP(w, r)
	})
}

// MaxHeaderBytes bounds the request headers a handler reads: no page
// needs more than a few kilobytes. http.Server refuses more than a
// megabyte by itself, but its answer carries none of netlify.toml's
// headers; this limit answers inside WithHeaders.
const MaxHeaderBytes = 64 << 10

func limitHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := len(r.RequestURI)
		for k, vs := range r.Header {
			for _, v := range vs {
				n += len(k) + len(v) + 4
			}
		}
		if n > MaxHeaderBytes {
			http.Error(w, "request headers too large", http.StatusRequestHeaderFieldsTooLarge)
			return
		}
		h.ServeHTTP(w, r)
	})
}
