package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// tree reads every file under dir as name -> content ("" for a folder).
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			files[filepath.ToSlash(rel)+"/"] = ""
			return nil
		}
		data, err := os.ReadFile(p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// names lists what is in dir.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// unit is a site and its index, as a build publishes them.
type unit struct {
	parent, site, index string
}

func newUnit(t *testing.T) unit {
	parent := t.TempDir()
	return unit{parent, filepath.Join(parent, "public"), filepath.Join(parent, "index")}
}

// publish writes version v of the site and index as one unit.
func (u unit) publish(t *testing.T, v string) error {
	t.Helper()
	site, err := New(u.site)
	if err != nil {
		t.Fatal(err)
	}
	defer site.Discard()
	index, err := New(u.index)
	if err != nil {
		t.Fatal(err)
	}
	defer index.Discard()
	writeFiles(t, site.Dir, map[string]string{"index.html": v, "a/index.html": v, "404.html": v, "sitemap.xml": v})
	writeFiles(t, index.Dir, map[string]string{"index.bleve/store": v})
	return Commit(site, index)
}

func TestCommit(t *testing.T) {
	u := newUnit(t)
	if err := u.publish(t, "v1"); err != nil {
		t.Fatal(err)
	}
	// Hidden files at the top of a previous folder stay: the function's
	// index/.keep, a public/.git of someone who deploys with git.
	writeFiles(t, u.index, map[string]string{".keep": ""})
	writeFiles(t, u.site, map[string]string{".git/HEAD": "ref", "a/.hidden": "not kept: not at the top"})
	if err := u.publish(t, "v2"); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"./": "", "index.html": "v2", "a/": "", "a/index.html": "v2", "404.html": "v2", "sitemap.xml": "v2", ".git/": "", ".git/HEAD": "ref"}
	if diff := cmp.Diff(want, tree(t, u.site)); diff != "" {
		t.Errorf("site mismatch (-want +got):\n%s", diff)
	}
	want = map[string]string{"./": "", ".keep": "", "index.bleve/": "", "index.bleve/store": "v2"}
	if diff := cmp.Diff(want, tree(t, u.index)); diff != "" {
		t.Errorf("index mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"index", "public"}, names(t, u.parent)); diff != "" {
		t.Errorf("left beside the output (-want +got):\n%s", diff)
	}
}

// TestCommitFailsAtEachStep makes each file system call of Commit fail in
// turn (the renames, of the commit records too, and the exchanges), where
// folders can be exchanged in one step and where they cannot: every time,
// the previous site and index are exactly as they were, hidden files
// included, nothing is left beside them once the new folders are
// discarded, and the next build publishes. A failed exchange is no
// failure: Commit then renames.
func TestCommitFailsAtEachStep(t *testing.T) {
	for _, canExchange := range []bool{true, false} {
		t.Run(fmt.Sprintf("exchange=%v", canExchange), func(t *testing.T) {
			defer func() { rename, exchange = os.Rename, exchangePaths }()
			failAtEachStep(t, canExchange)
		})
	}
}

func failAtEachStep(t *testing.T, canExchange bool) {
	for step := 0; ; step++ {
		u := newUnit(t)
		if err := u.publish(t, "old"); err != nil {
			t.Fatal(err)
		}
		writeFiles(t, u.index, map[string]string{".keep": ""})
		writeFiles(t, u.site, map[string]string{".well-known/x": "kept"})
		site, index := tree(t, u.site), tree(t, u.index)

		calls, failed := 0, ""
		fail := func(op string, call func(a, b string) error) func(a, b string) error {
			return func(from, to string) error {
				calls++
				if calls == step+1 {
					failed = op
					return &os.LinkError{Op: op, Old: from, New: to, Err: syscall.EIO}
				}
				return call(from, to)
			}
		}
		rename, exchange = fail("rename", os.Rename), fail("exchange", exchangePaths)
		if !canExchange {
			exchange = func(string, string) error { return errors.ErrUnsupported }
		}
		err := u.publish(t, "new")
		rename, exchange = os.Rename, exchangePaths
		if calls <= step {
			if err != nil {
				t.Fatalf("with no failure: %v", err)
			}
			if step < 4 {
				t.Fatalf("Commit made only %d renames", calls)
			}
			break
		}
		if failed == "exchange" {
			if err != nil {
				t.Fatalf("step %d: a failed exchange failed Commit: %v", step, err)
			}
			if got := tree(t, u.site)["index.html"] + tree(t, u.index)["index.bleve/store"]; got != "newnew" {
				t.Errorf("step %d: after a failed exchange Commit published %q", step, got)
			}
			continue
		}
		if err == nil {
			t.Fatalf("step %d: Commit succeeded with a failing rename", step)
		}
		t.Logf("step %d: %v", step, err)
		if diff := cmp.Diff(site, tree(t, u.site)); diff != "" {
			t.Errorf("step %d: the previous site changed (-before +after):\n%s", step, diff)
		}
		if diff := cmp.Diff(index, tree(t, u.index)); diff != "" {
			t.Errorf("step %d: the previous index changed (-before +after):\n%s", step, diff)
		}
		if diff := cmp.Diff([]string{"index", "public"}, names(t, u.parent)); diff != "" {
			t.Errorf("step %d: left beside the output (-want +got):\n%s", step, diff)
		}
		if err := u.publish(t, "next"); err != nil {
			t.Fatalf("step %d: the next build: %v", step, err)
		}
		if got := tree(t, u.site)["index.html"]; got != "next" {
			t.Errorf("step %d: the next build published %q", step, got)
		}
	}
}

// TestRemoveFails checks that a previous output that cannot be removed
// after the new one is in place does not fail the build, and goes at the
// next one.
func TestRemoveFails(t *testing.T) {
	u := newUnit(t)
	if err := u.publish(t, "v1"); err != nil {
		t.Fatal(err)
	}
	removeAll = func(string) error { return syscall.EIO }
	err := u.publish(t, "v2")
	removeAll = os.RemoveAll
	if err != nil {
		t.Fatal(err)
	}
	if len(names(t, u.parent)) != 4 {
		t.Fatalf("expected the two previous folders beside the output: %v", names(t, u.parent))
	}
	if err := u.publish(t, "v3"); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"index", "public"}, names(t, u.parent)); diff != "" {
		t.Errorf("left beside the output (-want +got):\n%s", diff)
	}
}

// TestKilledBuild leaves what builds killed at each moment leave beside the
// output, and checks that the next build cleans it all up, puts back a
// previous output that was moved aside, and leaves a running build alone.
func TestKilledBuild(t *testing.T) {
	u := newUnit(t)
	if err := u.publish(t, "v1"); err != nil {
		t.Fatal(err)
	}
	// Killed while writing: half-written new folders.
	writeFiles(t, filepath.Join(u.parent, ".public.new-111"), map[string]string{"index.html": "half"})
	writeFiles(t, filepath.Join(u.parent, ".index.new-111"), map[string]string{"index.bleve/store": "half"})
	// Killed in Commit, after the index was moved aside, before the new
	// one was moved in.
	if err := os.Rename(u.index, filepath.Join(u.parent, ".index.new-222.old")); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, filepath.Join(u.parent, ".index.new-222"), map[string]string{"index.bleve/store": "v2"})
	// A build still running (holding its lock), and something else.
	running := filepath.Join(u.parent, ".public.new-333")
	writeFiles(t, running, map[string]string{"index.html": "running"})
	lock, err := lockDir(running)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	writeFiles(t, u.parent, map[string]string{".public.txt": "not ours", "notes.txt": "not ours"})

	site, err := New(u.site)
	if err != nil {
		t.Fatal(err)
	}
	defer site.Discard()
	index, err := New(u.index)
	if err != nil {
		t.Fatal(err)
	}
	defer index.Discard()
	var got []string // without the two new folders
	for _, n := range names(t, u.parent) {
		if n != filepath.Base(site.Dir) && n != filepath.Base(index.Dir) {
			got = append(got, n)
		}
	}
	want := []string{".public.new-333", ".public.txt", "index", "notes.txt", "public"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("beside the output (-want +got):\n%s", diff)
	}
	if got := tree(t, u.index)["index.bleve/store"]; got != "v1" {
		t.Errorf("the index put back holds %q, want v1", got)
	}
}

// TestNewFails checks that a parent folder that refuses a new folder (read
// only, or a full disk) gives a clear error and changes nothing.
func TestNewFails(t *testing.T) {
	u := newUnit(t)
	if err := u.publish(t, "v1"); err != nil {
		t.Fatal(err)
	}
	before := tree(t, u.site)
	for _, errno := range []error{syscall.EROFS, syscall.ENOSPC} {
		mkdirTemp = func(dir, pattern string) (string, error) {
			return "", &os.PathError{Op: "mkdirtemp", Path: filepath.Join(dir, pattern+"*"), Err: errno}
		}
		_, err := New(u.site)
		mkdirTemp = os.MkdirTemp
		if err == nil || !errors.Is(err, errno) {
			t.Fatalf("New with %v: %v", errno, err)
		}
		want := fmt.Sprintf("cannot create a new folder beside %s: mkdirtemp %s/.public.new-*: %v", u.site, u.parent, errno)
		if err.Error() != want {
			t.Errorf("error:\n got %s\nwant %s", err, want)
		}
		if diff := cmp.Diff(before, tree(t, u.site)); diff != "" {
			t.Errorf("the output changed (-before +after):\n%s", diff)
		}
	}
}

func TestReplaceable(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"README.md":           "# Read me",
		"hidden/.keep":        "",
		"notes/todo.txt":      "Buy milk.",
		"site/404.html":       "x",
		"site/sitemap.xml":    "x",
		"site/index.html":     "x",
		"half/404.html":       "x",
		"half/about.html":     "x",
		"index/index.bleve/x": "x",
	})
	if err := os.Mkdir(filepath.Join(dir, "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	site := []string{"404.html", "sitemap.xml"}
	tests := []struct {
		path  string
		marks []string
		want  string
	}{
		{"missing", site, ""},
		{"empty", site, ""},
		{"hidden", site, ""},
		{"site", site, ""},
		{"index", []string{"index.bleve"}, ""},
		{"README.md", site, "is a file, not a folder"},
		{"notes", site, "is a folder that this generator did not write"},
		{"half", site, "is a folder that this generator did not write"},
		{"site", []string{"index.bleve"}, "is a folder that this generator did not write"},
		{"notes", nil, "is a folder that is not empty"},
	}
	for _, tt := range tests {
		got := ""
		if err := Replaceable(filepath.Join(dir, tt.path), tt.marks...); err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("Replaceable(%s, %v) = %q, want %q", tt.path, tt.marks, got, tt.want)
		}
	}
}
