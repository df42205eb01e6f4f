package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
)

// brokenFS is a folder in which some files and folders cannot be read.
type brokenFS struct {
	files  fstest.MapFS
	broken []string
}

func (b brokenFS) Open(name string) (fs.File, error) {
	if slices.Contains(b.broken, name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.New("input/output error")}
	}
	return b.files.Open(name)
}

// TestUnreadableFiles: a static file, a static folder or an interface
// strings file that cannot be read is an error naming it, not a file left
// out of the site without a word.
func TestUnreadableFiles(t *testing.T) {
	t.Parallel()
	for _, broken := range [][]string{{"static/img", "static/css/extra.css"}, {"layouts/i18n/fr.yaml"}} {
		src := brokenFS{files: fstest.MapFS{
			"content/site.yaml":    {Data: []byte("title: T\n")},
			"content/_index.md":    {Data: []byte("---\ntitle: Home\n---\n")},
			"static/img/a.png":     {Data: []byte("png")},
			"static/css/extra.css": {Data: []byte("a{}")},
			"layouts/i18n/fr.yaml": {Data: []byte("open_now: Ouvert\n")},
		}, broken: broken}
		res, err := Build(Options{Source: src, Theme: os.DirFS("../.."), Out: filepath.Join(t.TempDir(), "public")})
		if err == nil {
			t.Fatalf("the build succeeded with %v unreadable", broken)
		}
		for _, file := range broken {
			found := false
			for _, p := range res.Problems {
				found = found || p.File == file
			}
			if !found {
				t.Errorf("no problem names %s: %v", file, res.Problems)
			}
		}
	}
}
