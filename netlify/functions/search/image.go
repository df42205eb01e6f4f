//go:build lambdaimage

package main

import (
	"log"
	"net/http"
	"os"
	"path/filepath"

	"resourcelib/generator/search"
)

// openIndex opens the index of the container image: $SEARCH_INDEX, or
// the folder index beside the executable (/var/task/index in the image
// lambda/Dockerfile describes). It is opened where it is, read-only; if
// that fails (a file system that refuses even that), from a copy under
// os.TempDir(), as the embedded index is.
func openIndex() http.Handler {
	dir := os.Getenv("SEARCH_INDEX")
	if dir == "" {
		exe, err := os.Executable()
		if err != nil {
			log.Printf("search: cannot find the executable's folder: %v", err)
			return jsonError(http.StatusServiceUnavailable, "the search index could not be opened")
		}
		dir = filepath.Join(filepath.Dir(exe), "index")
	}
	if !hasIndex(os.DirFS(dir)) {
		log.Printf("search: no search index in %s: the image must hold the folder make lambda-image writes", dir)
		return jsonError(http.StatusServiceUnavailable, "the search index was not built into this image")
	}
	h, err := search.Open(dir, search.Options{})
	if err == nil {
		return h
	}
	log.Printf("search: cannot open the index in place (%v); opening a copy", err)
	if h, err = openCopy(os.DirFS(dir)); err != nil {
		log.Printf("search: cannot open the index in %s: %v", dir, err)
		return jsonError(http.StatusServiceUnavailable, "the search index could not be opened")
	}
	return h
}
