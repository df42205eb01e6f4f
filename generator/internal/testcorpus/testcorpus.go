// Package testcorpus opens the digital.gov corpus (../shared/corpora) as
// the tests build it. It is a package of its own because the tests of
// package site and of package search both build the corpus, and must agree
// on what they build.
package testcorpus

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"testing/fstest"
)

// ExternalImage is the corpus's one image on another site, which check and
// build refuse (an image is loaded with the page, so it would make a
// request to another site): its file, line and column.
const ExternalImage = "content/news/2017/03/2017-03-22-mythbusters-guide-to-accessibility-what-weve-learned-about-508-compliance-that-all-technologists-can-use.md"

// ExternalImageLine and ExternalImageCol are where it stands.
const (
	ExternalImageLine = 62
	ExternalImageCol  = 1
)

const image = "![](https://cdn-images-1.medium.com/max/1600/1*a-vpzuV8bS9SRLCaj28xAg.png)"

// DigitalGov returns the corpus in dir with its external image made a link
// to the image, as an editor fixing the error would, so that it builds.
// It fails if the corpus changed and the image is no longer where it was.
func DigitalGov(dir string) (fs.FS, error) {
	base := os.DirFS(dir)
	data, err := fs.ReadFile(base, ExternalImage)
	if err != nil {
		return nil, err
	}
	if bytes.Count(data, []byte(image)) != 1 {
		return nil, fmt.Errorf("%s: the external image is no longer there: update package testcorpus", ExternalImage)
	}
	fixed := bytes.Replace(data, []byte(image), []byte("[The image, on Medium](https://cdn-images-1.medium.com/max/1600/1*a-vpzuV8bS9SRLCaj28xAg.png)"), 1)
	return overlay{base, fstest.MapFS{ExternalImage: {Data: fixed, Mode: 0o644}}}, nil
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

func (o overlay) ReadFile(name string) ([]byte, error) {
	if _, ok := o.top[name]; ok {
		return fs.ReadFile(o.top, name)
	}
	return fs.ReadFile(o.base, name)
}
