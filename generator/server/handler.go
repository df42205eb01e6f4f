package server

import (
	"net/http"

	"resourcelib/generator/admin"
	"resourcelib/generator/searchdoc"
)

// Handlers are what NewHandler routes to.
type Handlers struct {
	// Rules are netlify.toml's headers (see LoadHeaders), applied to
	// every answer.
	Rules []HeaderRule
	// Static answers every address that is not search's: the site's files.
	Static http.Handler
	// Search answers the addresses of searchdoc.ParsePath (nil: none).
	Search http.Handler
	// Reload answers the dev server's /_reload and /_reload.js (nil: none).
	Reload http.Handler
}

// NewHandler is the one mux: searches go to Search, as netlify.toml's
// redirects send them to the search function in production; the dev
// server's two addresses to Reload; the rest to Static. Every answer,
// whoever writes it, passes through WithHeaders first, and a request
// whose headers exceed MaxHeaderBytes is refused there with 431.
//
// The one exception is the content manager's page (admin.IsPath): in
// production a function answers it, and Netlify applies none of
// netlify.toml's headers to a function's answer, so here too it gets
// package admin's headers alone.
func NewHandler(hs Handlers) http.Handler {
	mux := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case hs.Reload != nil && (r.URL.Path == reloadEventsPath || r.URL.Path == reloadScriptPath):
			hs.Reload.ServeHTTP(w, r)
		case hs.Search != nil && searchdoc.IsPath(r.URL.Path):
			hs.Search.ServeHTTP(w, r)
		default:
			hs.Static.ServeHTTP(w, r)
		}
	})
	site := WithHeaders(hs.Rules, limitHeaders(mux))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if admin.IsPath(r.URL.Path) {
			limitHeaders(http.HandlerFunc(admin.ServeHTTP)).ServeHTTP(w, r)
			return
		}
		site.ServeHTTP(w, r)
	})
}
