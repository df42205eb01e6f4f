package testenv

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"testing/fstest"
)

// DigitalGovExternalImage is the file of the digital.gov corpus's one image
// on another site, which check and build refuse (an image is loaded with
// the page, so it would make a request to another site). The page expired
// in 2025, so only a build with -expired reads it.
const DigitalGovExternalImage = "content/news/2017/03/2017-03-22-mythbusters-guide-to-accessibility-what-weve-learned-about-508-compliance-that-all-technologists-can-use.md"

// DigitalGovExternalImageMarkdown is the image as the file writes it.
const DigitalGovExternalImageMarkdown = "![](https://cdn-images-1.medium.com/max/1600/1*a-vpzuV8bS9SRLCaj28xAg.png)"

// FixedDigitalGov returns the corpus in dir with its external image made a
// link to the image, as an editor fixing the error would, so that it builds
// with -expired too. It fails if the corpus changed and the image is no
// longer where it was.
func FixedDigitalGov(dir string) (fs.FS, error) {
	base := os.DirFS(dir)
	data, err := fs.ReadFile(base, DigitalGovExternalImage)
	if err != nil {
		return nil, err
	}
	if bytes.Count(data, []byte(DigitalGovExternalImageMarkdown)) != 1 {
		return nil, fmt.Errorf("%s: the external image is no longer there: update internal/testenv/digitalgov.go", DigitalGovExternalImage)
	}
	fixed := bytes.Replace(data, []byte(DigitalGovExternalImageMarkdown), []byte("[The image, on Medium](https://cdn-images-1.medium.com/max/1600/1*a-vpzuV8bS9SRLCaj28xAg.png)"), 1)
	return overlay{base, fstest.MapFS{DigitalGovExternalImage: {Data: fixed, Mode: 0o644}}}, nil
}

// overlay reads the files of top instead of base's; the folders are base's.
type overlay struct {
	base fs.FS
	top  fstest.MapFS
}

func (o overlay) Open(name string) (fs.File, error) {
	if _, ok := o.top[name]; ok {
		return o.top.Open(name)
	}
	return o.base.Open(name)
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(o.base, name) }

func (o overlay) Stat(name string) (fs.FileInfo, error) {
	if _, ok := o.top[name]; ok {
		return fs.Stat(o.top, name)
	}
	return fs.Stat(o.base, name)
}
