package search

import (
	"compress/flate"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// functionProgramZipped is the zipped size of the search function's
// program without an index, built as Netlify builds it (zip-it-and-ship-it:
// CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build -ldflags "-s -w" -tags
// lambda.norpc, in the function's folder) and zipped at zlib's default
// level, as Netlify zips it: 6,685,634 bytes with Go 1.26.8 (a 17.3 MB
// binary). netlify/functions/search's TestLambdaUnderEmulator checks it
// against the function it builds.
const functionProgramZipped = 6_690_000

// FunctionLimit is the zipped size above which the build warns: Netlify
// refuses a function bundle over 50 MB, and a library grows.
const FunctionLimit = 40 << 20

// Files larger than sampleSpan are estimated from a sample: the first
// sampleChunk bytes of every sampleSpan, each compressed on its own. An
// index's files are alike throughout, so the sample's ratio is the
// file's (within 1 % on the synthetic 10,000-material site) at a quarter
// of the work.
const (
	sampleChunk = 256 << 10
	sampleSpan  = 4 * sampleChunk
)

// FunctionSize estimates the zipped size of the Netlify search function
// that embeds the index in dir: the program plus the index compressed as
// zip compresses it.
func FunctionSize(dir string) (int64, error) {
	var total countWriter
	zw, _ := flate.NewWriter(&total, flate.DefaultCompression)
	var sampled int64 // the estimates of the sampled files
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			return err
		}
		if st.Size() <= sampleSpan {
			_, err = io.Copy(zw, f)
			return err
		}
		var in, out int64
		for off := int64(0); off < st.Size(); off += sampleSpan {
			var c countWriter
			cw, _ := flate.NewWriter(&c, flate.DefaultCompression)
			n, err := io.Copy(cw, io.NewSectionReader(f, off, sampleChunk))
			if err != nil {
				return err
			}
			cw.Close()
			in, out = in+n, out+int64(c)
		}
		sampled += st.Size() * out / in
		return nil
	})
	if err != nil {
		return 0, err
	}
	zw.Close()
	return int64(total) + sampled + functionProgramZipped, nil
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
