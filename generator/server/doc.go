// Package server serves a built site over HTTP as Netlify serves it, and
// is the dev server behind `generator serve`. It is a package of its own
// so that the command, the browser tests and the audit serve through the
// same handler, and the command only parses flags.
//
// # One handler
//
// NewHandler is the one mux. Addresses that searchdoc.ParsePath says are
// search's (/search, /api/search, /LANG/search) go to the search handler,
// as netlify.toml's redirects send them to the search function; the dev
// server's /_reload and /_reload.js go to it; everything else is a file of
// the site (Static). Whatever answers, the answer first passes through
// WithHeaders, the one middleware that applies the [[headers]] blocks of
// netlify.toml (LoadHeaders): every block whose `for` pattern matches the
// path, the later block winning for a header two of them set, as on
// Netlify. So errors, redirects, 404 pages, 405s, the dev server's error
// page and its event stream all carry the Content-Security-Policy,
// Referrer-Policy: no-referrer and the rest. A request whose headers are
// larger than MaxHeaderBytes is refused inside the middleware with 431,
// headers included. Serve holds at most MaxConns connections at once
// (LimitConns): under overload more wait in the kernel's queue rather than
// in the server's memory, and keep-alive is off near the limit.
//
// # Files
//
// Static serves an fs.FS (the output folder through os.Root, which
// refuses symbolic links out of it; an fstest.MapFS in tests) with
// Netlify's rules:
//
//	/a/b/            a/b/index.html
//	/a/b             301 to /a/b/ (a folder)
//	/old/            the redirect of a `/old/ /new/ 301` line of _redirects,
//	                 when no file is at the address
//	/es/missing/     404 with es/404.html, from a `/es/* /es/404.html 404` line
//	/missing/        404 with 404.html
//	POST, PUT, ...   405, Allow: GET, HEAD
//	/../, /%2e%2e/   400: a path that climbs names no file
//	/.git/config     404: no hidden file or folder is served (but .well-known)
//
// The search index is kept beside the output (public.search), never in
// it, so no address reaches it; were it inside, the dev server would hide
// its folder all the same.
//
// # The dev server
//
// Dev builds the site, serves it, and rebuilds it when a file of content/,
// layouts/ or static/ changes (Watch), waiting 30 ms for the changes to
// stop. Open pages learn of each build through Server-Sent Events on
// /_reload (one State per build, as JSON): a good build reloads them, a
// broken one shows its problems over the page until they are fixed. The
// pages subscribe with /_reload.js, which the dev server adds to every
// HTML page it sends (ReloadTag, before </head>); the built files never
// hold it, and the policy (script-src 'self', connect-src 'self') allows
// it as it is. While no build has succeeded, every page is the list of
// problems, with status 503.
//
// An edit to the text of one page alone is written at once through a
// site.Session (milliseconds) and reloads the page; a full build follows
// in the background for the search index, and reloads nothing. Quick
// updates and the end of a full build are serialised: a build replaces
// the output folder, so an update made while it ran is applied again to
// the new output before it is served, and the catch-up build runs again
// until one build has read every update.
package server
