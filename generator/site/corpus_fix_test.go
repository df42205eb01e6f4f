package site

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"testing/fstest"
)

// The digital.gov corpus's one image on another site, which check and
// build refuse (an image is loaded with the page, so it would make a
// request to another site): its file, line and column.
const externalImage = "content/news/2017/03/2017-03-22-mythbusters-guide-to-accessibility-what-weve-learned-about-508-compliance-that-all-technologists-can-use.md"

// externalImageLine and externalImageCol are where it stands.
const (
	externalImageLine = 62
	externalImageCol  = 1
)

const externalImageMarkdown = "![](https://cdn-images-1.medium.com/max/1600/1*a-vpzuV8bS9SRLCaj28xAg.png)"

// fixedDigitalGov returns the corpus in dir with its external image made a link
// to the image, as an editor fixing the error would, so that it builds.
// It fails if the corpus changed and the image is no longer where it was.
func fixedDigitalGov(dir string) (fs.FS, error) {
	base := os.DirFS(dir)
	data, err := fs.ReadFile(base, externalImage)
	if err != nil {
		return nil, err
	}
	if bytes.Count(data, []byte(externalImageMarkdown)) != 1 {
		return nil, fmt.Errorf("%s: the external image is no longer there: update corpus_fix_test.go", externalImage)
	}
	fixed := bytes.Replace(data, []byte(externalImageMarkdown), []byte("[The image, on Medium](https://cdn-images-1.medium.com/max/1600/1*a-vpzuV8bS9SRLCaj28xAg.png)"), 1)
	return fixOverlay{base, fstest.MapFS{externalImage: {Data: fixed, Mode: 0o644}}}, nil
}

// fixOverlay reads the files of top instead of base's; the folders are base's.
type fixOverlay struct {
	base fs.FS
	top  fstest.MapFS
}

func (o fixOverlay) Open(name string) (fs.File, error) {
	if _, ok := o.top[name]; ok {
		return o.top.Open(name)
	}
	return o.base.Open(name)
}

func (o fixOverlay) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(o.base, name) }

func (o fixOverlay) Stat(name string) (fs.FileInfo, error) {
	if _, ok := o.top[name]; ok {
		return fs.Stat(o.top, name)
	}
	return fs.Stat(o.base, name)
}

func (o fixOverlay) ReadFile(name string) ([]byte, error) {
	if _, ok := o.top[name]; ok {
		return fs.ReadFile(o.top, name)
	}
	return fs.ReadFile(o.base, name)
}
