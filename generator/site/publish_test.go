package site

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"resourcelib/generator/publish"
)

// fakeIndex is an Indexer that writes one line per document into a file
// of its new folder, and whose Finish fails when told to.
type fakeIndex struct {
	folder *publish.Folder
	mu     sync.Mutex
	urls   []string
	fail   error
	vanish bool // Finish returns a folder that is gone, so publishing it fails
}

func newFakeIndex(t *testing.T, dir string) *fakeIndex {
	t.Helper()
	f, err := publish.New(dir)
	if err != nil {
		t.Fatal(err)
	}
	return &fakeIndex{folder: f}
}

func (x *fakeIndex) Add(d Document) error {
	x.mu.Lock()
	x.urls = append(x.urls, d.URL)
	x.mu.Unlock()
	return nil
}

func (x *fakeIndex) SearchPage(string, []byte, map[string]string) error { return nil }

func (x *fakeIndex) Finish() (*publish.Folder, error) {
	if x.fail != nil {
		x.folder.Discard()
		return nil, x.fail
	}
	if x.vanish {
		return x.folder, os.RemoveAll(x.folder.Dir)
	}
	return x.folder, os.WriteFile(filepath.Join(x.folder.Dir, "urls"), []byte(strings.Join(x.urls, "\n")), 0o644)
}

func (x *fakeIndex) Abort() { x.folder.Discard() }

// faultyDir is an output folder whose writes fail after a number of them,
// as on a full disk.
type faultyDir struct {
	outDir
	mu   sync.Mutex
	left int
	err  error
}

func (d *faultyDir) spend() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.left == 0 {
		return d.err
	}
	d.left--
	return nil
}

func (d *faultyDir) WriteFile(name string, data []byte, perm fs.FileMode) error {
	if err := d.spend(); err != nil {
		return &fs.PathError{Op: "write", Path: name, Err: err}
	}
	return d.outDir.WriteFile(name, data, perm)
}

func (d *faultyDir) OpenFile(name string, flag int, perm fs.FileMode) (*os.File, error) {
	if err := d.spend(); err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return d.outDir.OpenFile(name, flag, perm)
}

// TestPublishFaults builds a site and its index, then fails the next build
// in several ways: each time the error says what failed and that the
// previous output was kept, the previous site and index are exactly as
// they were, and nothing is left beside them.
func TestPublishFaults(t *testing.T) {
	src := fstest.MapFS{
		"content/site.yaml": {Data: []byte("title: T\n")},
		"content/_index.md": {Data: []byte("---\ntitle: Home\n---\n")},
		"content/a.md":      {Data: []byte("---\ntitle: A\n---\nThe first version.\n")},
	}
	tests := []struct {
		name  string
		apply func(*Options, *fakeIndex)
		want  string // in the error
	}{
		{"disk full at the first file", func(o *Options, _ *fakeIndex) {
			o.wrapOut = func(d outDir) outDir { return &faultyDir{outDir: d, left: 0, err: syscall.ENOSPC} }
		}, "no space left on device; the previous output was left as it was"},
		{"disk full half way", func(o *Options, _ *fakeIndex) {
			o.wrapOut = func(d outDir) outDir { return &faultyDir{outDir: d, left: 5, err: syscall.ENOSPC} }
		}, "no space left on device; the previous output was left as it was"},
		{"read-only file system", func(o *Options, _ *fakeIndex) {
			o.wrapOut = func(d outDir) outDir { return &faultyDir{outDir: d, left: 3, err: syscall.EROFS} }
		}, "read-only file system; the previous output was left as it was"},
		{"the index cannot be finished", func(_ *Options, x *fakeIndex) {
			x.fail = syscall.ENOSPC
		}, "cannot write the search index: no space left on device; the previous output was left as it was"},
		{"the index cannot be put in place", func(_ *Options, x *fakeIndex) {
			// The last step of publishing fails: the new site is already
			// in place and must go back.
			x.vanish = true
		}, "cannot put the new "},
		{"the step before publishing fails", func(o *Options, _ *fakeIndex) {
			o.Extra = func(_ *Site, _ func(string, []byte) error) error {
				return errors.New("synthetic failure of the HSDS export")
			}
		}, "synthetic failure of the HSDS export"},
	}
	parent := t.TempDir()
	out, index := filepath.Join(parent, "public"), filepath.Join(parent, "index")
	if _, err := Build(Options{Source: src, Theme: os.DirFS("../.."), Out: out, Index: newFakeIndex(t, index)}); err != nil {
		t.Fatal(err)
	}
	site, ix := readTree(t, out), readTree(t, index)
	src["content/a.md"] = &fstest.MapFile{Data: []byte("---\ntitle: A\n---\nThe second version.\n")}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			x := newFakeIndex(t, index)
			opts := Options{Source: src, Theme: os.DirFS("../.."), Out: out, Index: x}
			tt.apply(&opts, x)
			_, err := Build(opts)
			t.Log(err)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want one with %q", err, tt.want)
			}
			if diff := cmp.Diff(site, readTree(t, out)); diff != "" {
				t.Errorf("the site changed (-before +after):\n%s", diff)
			}
			if diff := cmp.Diff(ix, readTree(t, index)); diff != "" {
				t.Errorf("the index changed (-before +after):\n%s", diff)
			}
			entries, _ := os.ReadDir(parent)
			for _, e := range entries {
				if e.Name() != "public" && e.Name() != "index" {
					t.Errorf("left beside the output: %s", e.Name())
				}
			}
		})
	}
	// And the next build publishes both.
	if _, err := Build(Options{Source: src, Theme: os.DirFS("../.."), Out: out, Index: newFakeIndex(t, index)}); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, out)["a/index.html"]; !strings.Contains(got, "The second version.") {
		t.Errorf("the next build did not publish the new page")
	}
}
