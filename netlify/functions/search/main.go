// Command search is the site's search as a Netlify Function: the same
// handler that `generator serve` runs for /search and /api/search, answering
// the API Gateway proxy events that Netlify sends a Go function. It lives in
// netlify/functions/search because Netlify builds each folder there that
// holds a main.go into a function of that folder's name, by running
// `go build` in it.
//
// # The index
//
// The binary carries the site's search index: netlify.toml's build command
// (`make netlify`) writes it into index/ beside this file, before Netlify
// builds the functions, and go:embed takes the whole folder. The folder is
// git-ignored except for index/.keep, which lets a fresh clone compile.
//
// At a cold start the embedded index is copied into a new folder under
// os.TempDir() (a function's code is read-only; /tmp is writable) and opened
// once. A function built without an index answers every request with 503
// and a JSON error saying so, rather than failing to start.
//
// # The container image
//
// Built with the tag lambdaimage (`make lambda-image`), the same function
// is the entry binary of an AWS Lambda container image, for a library whose
// index makes the function too large for Netlify: it embeds no index, and
// opens the folder index/ beside the executable (or $SEARCH_INDEX) where it
// is, copying it under os.TempDir() only if it cannot be opened in place.
// See image.go and lambda/Dockerfile.
//
// # Requests
//
// netlify.toml rewrites /search, /api/search and /LANG/search to
// /.netlify/functions/search/html, /api and /LANG/html. Netlify passes a
// function either the visitor's path or the rewritten one, so both are
// understood; see [handlerPath].
package main

import (
	"context"
	"io/fs"
	"log"
	"net/http"
	"os"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"

	"resourcelib/generator/search"
)

func main() {
	h := openIndex()
	lambda.Start(func(ctx context.Context, ev events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
		return serve(ctx, h, ev), nil
	})
}

// notBuilt is the answer of a function built without a search index.
const notBuilt = "the search index was not built into this function: " +
	"the site's build must write it into netlify/functions/search/index first (make netlify)"

// open returns the search handler for the index embedded in bundle's
// index/ folder, or a handler that answers every request with the reason
// there is none.
func open(bundle fs.FS) http.Handler {
	index, err := fs.Sub(bundle, "index")
	if err != nil {
		return jsonError(http.StatusInternalServerError, "the search index could not be read")
	}
	if !hasIndex(index) {
		log.Print("search: " + notBuilt)
		return jsonError(http.StatusServiceUnavailable, notBuilt)
	}
	h, err := openCopy(index)
	if err != nil {
		// The details are for the function's log, not for visitors.
		log.Printf("search: cannot open the embedded index: %v", err)
		return jsonError(http.StatusServiceUnavailable, "the search index could not be opened")
	}
	return h
}

// openCopy copies the index into a new folder under os.TempDir() and
// opens it there.
func openCopy(index fs.FS) (*search.Handler, error) {
	dir, err := os.MkdirTemp("", "search-index-")
	if err != nil {
		return nil, err
	}
	if err := os.CopyFS(dir, index); err != nil {
		return nil, err
	}
	return search.Open(dir, search.Options{})
}

// hasIndex reports whether the folder holds anything besides .keep, the
// placeholder that keeps an unbuilt folder compilable.
func hasIndex(index fs.FS) bool {
	entries, _ := fs.ReadDir(index, ".")
	for _, e := range entries {
		if e.Name() != ".keep" {
			return true
		}
	}
	return false
}
