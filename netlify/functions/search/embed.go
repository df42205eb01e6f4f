//go:build !lambdaimage

package main

import (
	"embed"
	"net/http"
)

// bundle is index/ as the build left it: the index files, or only .keep.
//
//go:embed all:index
var bundle embed.FS

// openIndex opens the index embedded in the function.
func openIndex() http.Handler { return open(bundle) }
