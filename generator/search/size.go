package search

import (
	"compress/flate"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// functionProgramZipped is the zipped size of the search function's
// program without an index: measured with
// GOOS=linux CGO_ENABLED=0 go build ./netlify/functions/search and zip -9.
const functionProgramZipped = 13 << 20

// FunctionLimit is the zipped size above which the build warns: Netlify
// refuses a function bundle over 50 MB, and a library grows.
const FunctionLimit = 40 << 20

// FunctionSize estimates the zipped size of the Netlify search function
// that embeds the index in dir: the program plus the index compressed as
// zip compresses it.
func FunctionSize(dir string) (int64, error) {
	var total countWriter
	zw, _ := flate.NewWriter(&total, flate.DefaultCompression)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(zw, f)
		return err
	})
	if err != nil {
		return 0, err
	}
	zw.Close()
	return int64(total) + functionProgramZipped, nil
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
