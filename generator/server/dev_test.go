package server

import (
	"bytes"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/fsnotify/fsnotify"

	"resourcelib"
	"resourcelib/generator/site"
)

// TestAddTreeSaysWhatItCannotWatch: a folder the watcher cannot add is
// named on stderr, not left unwatched without a word; a missing root is
// not a problem.
func TestAddTreeSaysWhatItCannotWatch(t *testing.T) {
	t.Parallel()
	w, err := fsnotify.NewWatcher()
	if err != nil {
		t.Fatal(err)
	}
	w.Close() // every Add fails
	dir := t.TempDir()
	var stderr bytes.Buffer
	addTree(w, filepath.Join(dir, "missing"), &stderr)
	if stderr.Len() != 0 {
		t.Errorf("a missing folder: %s", stderr.String())
	}
	addTree(w, dir, &stderr)
	if want := "generator: cannot watch " + dir + ": "; !strings.HasPrefix(stderr.String(), want) {
		t.Errorf("stderr %q, want it to start with %q", stderr.String(), want)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

// TestQuickUpdateDuringBuild: a quick update made while a full build runs
// (which read the page before the edit) is not lost when that build
// replaces the output folder, and the catch-up build that follows puts it
// in the search index. The hook holds each build just before it
// publishes, so the interleaving is forced, not hoped for.
func TestQuickUpdateDuringBuild(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	q := filepath.Join(src, "content", "q.md")
	page := func(text string) []byte {
		return []byte("---\ntitle: Q\ndescription: Described, so that the text is on no other page.\n---\n## Steps\n\n" + text + "\n")
	}
	os.MkdirAll(filepath.Dir(q), 0o755)
	if err := os.WriteFile(q, page("The first text."), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr syncBuffer
	d := NewDev(DevConfig{Source: src, Out: out, Index: out + ".search",
		Options: site.Options{Theme: resourcelib.Bundle}, Stdout: &stdout, Stderr: &stderr})
	defer d.Close()
	if !d.Build() {
		t.Fatalf("the first build failed:\n%s", stderr.b.String())
	}
	reached, release := make(chan bool), make(chan bool)
	d.beforePublish = func() { reached <- true; <-release }
	get := func(target string) string {
		rec := httptest.NewRecorder()
		d.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		body, _ := io.ReadAll(rec.Result().Body)
		return string(body)
	}

	// A full build (another change) has read and rendered the first text.
	built := make(chan bool)
	go func() { built <- d.Build() }()
	<-reached
	// The edit is published at once, into the folder being replaced.
	if err := os.WriteFile(q, page("The kumquat text."), 0o644); err != nil {
		t.Fatal(err)
	}
	d.Changed(q)
	if !strings.Contains(get("/q/"), "kumquat") {
		t.Fatal("the quick update is not shown")
	}
	release <- true
	if !<-built {
		t.Fatalf("the full build failed:\n%s", stderr.b.String())
	}
	// The catch-up build is now held before it publishes: what is served
	// is the full build's output, which must have the edit.
	<-reached
	if !strings.Contains(get("/q/"), "kumquat") {
		t.Errorf("after the full build, /q/ lost the quick update")
	}
	release <- true
	d.Settle()
	if body := get("/api/search?q=kumquat"); !strings.Contains(body, `"/q/"`) {
		t.Errorf("after the catch-up build, search does not find the edit: %s", body)
	}
}
