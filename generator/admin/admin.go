// Package admin is the content manager's page, /admin/, and the headers it
// is served with. It is a package of its own so that the two servers of
// that page, the Netlify function in netlify/functions/admin and
// `generator serve`, send the same bytes and the same headers, and so that
// the function links nothing else.
//
// # Why a function serves one static page
//
// The rest of the site gets its headers from netlify.toml's [[headers]],
// and "/*" gives every path a Content-Security-Policy that the content
// manager cannot run under (it injects styles and talks to GitHub's API)
// and a Cross-Origin-Opener-Policy that cuts the GitHub sign-in window off
// from the page that opened it. A rule for "/admin/*" matches the admin too,
// so both rules would apply to it: `netlify dev` (netlify-cli's
// headersForPath) merges the matching rules in file order, the later
// winning for a header both set, and Netlify's documentation does not say
// what its servers do then. Netlify applies no custom header to an
// answer from a function ("the function should return any required headers
// instead"), so the page is answered by a function that sends exactly
// [Header]: what /admin/ gets does not depend on the order of any rules.
// The CMS's script, fonts and config.yml are ordinary files under /admin/,
// served with the "/*" headers, which do not hinder a script or a font.
//
// # The policy
//
// The page loads only its own site's files. It connects to
// https://api.github.com, where the CMS reads and commits the content (and
// fetches data: and blob: addresses, which are in the page: its logo, and
// files an editor picks), and
// shows images from https://avatars.githubusercontent.com (the editor's
// picture). Signing in with GitHub opens a window on https://api.netlify.com
// (Netlify's GitHub OAuth provider), which is a navigation, not a request
// the policy governs; same-origin-allow-popups lets that window send the
// token back. 'unsafe-inline' styles are the CMS's own (Svelte injects its
// component styles as <style> elements); no inline script is allowed.
// The CMS makes its web-app manifest in the page, as a blob: address
// (manifest-src blob:); without it Chromium logs a policy violation, which
// the browser test counts as a failure.
package admin

import "net/http"

// Path is the address of the page.
const Path = "/admin/"

// page loads the CMS that the build writes beside it (admin/sveltia-cms.js)
// and points it at the build's admin/config.yml.
const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Content manager</title>
<link href="/admin/config.yml" type="application/yaml" rel="cms-config-url">
</head>
<body>
<noscript>The content manager needs JavaScript. You can also edit the files in content/ with git.</noscript>
<script src="/admin/sveltia-cms.js"></script>
</body>
</html>
`

// Page returns the page.
func Page() []byte { return []byte(page) }

// Header returns every header the page is sent with. Netlify adds none of
// netlify.toml's to a function's answer, so the site-wide ones are here
// too, as strict as the site's except where the CMS needs more.
func Header() map[string]string {
	return map[string]string{
		"Content-Type": "text/html; charset=utf-8",
		"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
			"img-src 'self' data: blob: https://avatars.githubusercontent.com; font-src 'self'; " +
			"connect-src 'self' data: blob: https://api.github.com; media-src 'self' blob:; worker-src 'self' blob:; " +
			"frame-src 'self' blob:; manifest-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
		"Cross-Origin-Opener-Policy":   "same-origin-allow-popups",
		"Cross-Origin-Resource-Policy": "same-origin",
		"Strict-Transport-Security":    "max-age=63072000; includeSubDomains; preload",
		"X-Content-Type-Options":       "nosniff",
		"Referrer-Policy":              "no-referrer",
		"X-Frame-Options":              "DENY",
		"X-Robots-Tag":                 "noindex",
		"Cache-Control":                "no-cache",
		"Permissions-Policy": "accelerometer=(), autoplay=(), camera=(), display-capture=(), encrypted-media=(), " +
			"fullscreen=(), geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), payment=(), " +
			"picture-in-picture=(), publickey-credentials-get=(), screen-wake-lock=(), serial=(), sync-xhr=(), usb=(), " +
			"xr-spatial-tracking=()",
	}
}

// ServeHTTP answers GET and HEAD with the page and its headers.
func ServeHTTP(w http.ResponseWriter, r *http.Request) {
	for k, v := range Header() {
		w.Header().Set(k, v)
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if r.Method == http.MethodGet {
		w.Write([]byte(page))
	}
}

// IsPath reports whether p is an address of the page: /admin/, or /admin
// (without the slash, the page finds its files all the same: their
// addresses are absolute).
func IsPath(p string) bool { return p == Path || p == "/admin" }
