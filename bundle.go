// Package resourcelib holds what the generator carries inside its binary:
// the bundled layouts, static files and Netlify settings. A site whose
// source has no layouts/ or static/ folder is built with these, the way
// golang.org/x/website embeds its _content. The Go code is in generator/.
package resourcelib

import "embed"

// Bundle holds layouts/, static/ and netlify.toml.
//
//go:embed layouts static netlify.toml
var Bundle embed.FS
