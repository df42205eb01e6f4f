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

// Sampling: an index of up to sampleAll bytes is compressed whole; a
// larger one in blocks of sampleBlock bytes, of which every stride-th is
// compressed, stride chosen so that about sampleAll bytes are. A block is
// compressed on its own, without the 32 KB of history deflate would have
// before it, so the estimate errs a little on the large side. Compressing
// all 43 MB of a 10,000-page index took 2.3 s of a build's 37 s of CPU.
const (
	sampleAll   = 8 << 20
	sampleBlock = 256 << 10
)

// FunctionSize estimates the zipped size of the Netlify search function
// that embeds the index in dir: the program plus the index compressed as
// zip compresses it (at its default level). A large index is estimated
// from an even sample of its bytes, as said above.
func FunctionSize(dir string) (int64, error) {
	var files []string
	var total int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files = append(files, p)
		total += info.Size()
		return nil
	})
	if err != nil {
		return 0, err
	}
	var zipped countWriter
	zw, _ := flate.NewWriter(&zipped, flate.DefaultCompression)
	if total <= sampleAll {
		for _, p := range files {
			if err := copyFile(zw, p); err != nil {
				return 0, err
			}
		}
		zw.Close()
		return int64(zipped) + functionProgramZipped, nil
	}
	stride := (total/sampleBlock + sampleAll/sampleBlock - 1) / (sampleAll / sampleBlock)
	var sampled int64
	block := make([]byte, sampleBlock)
	n := int64(0) // blocks read so far
	for _, p := range files {
		f, err := os.Open(p)
		if err != nil {
			return 0, err
		}
		for {
			k, err := io.ReadFull(f, block)
			if k > 0 {
				if n%stride == 0 {
					zw.Reset(&zipped)
					zw.Write(block[:k])
					zw.Close()
					sampled += int64(k)
				}
				n++
			}
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				break
			}
			if err != nil {
				f.Close()
				return 0, err
			}
		}
		f.Close()
	}
	index := int64(float64(zipped) * float64(total) / float64(sampled))
	return index + functionProgramZipped, nil
}

func copyFile(w io.Writer, p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}
