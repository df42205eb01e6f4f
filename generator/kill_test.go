//go:build unix

package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"resourcelib/generator/search"
	"resourcelib/internal/testenv"
)

// TestKilledBuildDigitalGov kills a build of the digital.gov corpus with
// SIGKILL at several moments, each chosen by what the build has put on
// disk (not by a delay), and checks that the previous site and index are
// still there byte for byte and answer a search, and that the next build
// works and clears what the killed ones left (see generator/publish).
func TestKilledBuildDigitalGov(t *testing.T) {
	testenv.CIOnly(t, "SIGKILL during a build of the digital.gov corpus", "CI=1 go test ./generator -run TestKilledBuild")
	if _, err := os.Stat(filepath.Join(digitalGov, "content")); err != nil {
		testenv.Need(t, "the digital.gov corpus is not at %s", digitalGov)
	}
	t.Parallel()
	bin := generatorBinary(t)
	work := t.TempDir()
	out := filepath.Join(work, "public")
	index := out + ".search"
	build := func() *exec.Cmd {
		return exec.Command(bin, "build", "-source", digitalGov, "-out", out, "-index", index)
	}
	if msg, err := build().CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, tail(msg))
	}
	site, ix := digest(t, out), digest(t, index)
	if len(site) < 1000 {
		t.Fatalf("the first build wrote %d files, want the whole corpus", len(site))
	}

	// newDirs lists the new folders of the site (prefix .public.new-) or
	// of the index (.public.search.new-) beside the output.
	newDirs := func(prefix string) []string {
		m, _ := filepath.Glob(filepath.Join(work, prefix+"*"))
		var dirs []string
		for _, d := range m {
			if !strings.HasSuffix(d, ".old") {
				dirs = append(dirs, d)
			}
		}
		return dirs
	}
	files := func(dir string) (n int) {
		filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				n++
			}
			return nil
		})
		return n
	}
	// In the order a build reaches them.
	moments := []struct {
		name  string
		reach func() bool
	}{
		{"while loading (the index's new folder made)", func() bool { return len(newDirs(".public.search.new-")) > 0 }},
		{"as writing starts (the site's new folder made)", func() bool { return len(newDirs(".public.new-")) > 0 }},
		{"while writing (500 files written)", func() bool {
			d := newDirs(".public.new-")
			return len(d) > 0 && files(d[0]) >= 500
		}},
		{"after the pages (sitemap.xml written, the index finishing)", func() bool {
			for _, d := range newDirs(".public.new-") {
				if _, err := os.Stat(filepath.Join(d, "sitemap.xml")); err == nil {
					return true
				}
			}
			return false
		}},
	}
	for _, m := range moments {
		cmd := build()
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		tick := time.NewTicker(time.Millisecond)
	wait:
		for {
			select {
			case err := <-exited:
				tick.Stop()
				t.Fatalf("%s: the build ended (%v) before that moment\n%s", m.name, err, tail(stderr.Bytes()))
			case <-tick.C:
				if m.reach() {
					break wait
				}
			}
		}
		tick.Stop()
		cmd.Process.Kill() // SIGKILL
		<-exited
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
			t.Fatalf("%s: the build was not killed but ended: %v", m.name, cmd.ProcessState)
		}
		if diff := cmp.Diff(site, digest(t, out)); diff != "" {
			t.Errorf("killed %s: the previous site changed (-before +after):\n%s", m.name, diff)
		}
		if diff := cmp.Diff(ix, digest(t, index)); diff != "" {
			t.Errorf("killed %s: the previous index changed (-before +after):\n%s", m.name, diff)
		}
		searchWorks(t, "killed "+m.name, index)
		if len(newDirs(".public.")) == 0 {
			t.Errorf("killed %s: no new folder left beside the output, so the kill tested nothing", m.name)
		}
	}

	if msg, err := build().CombinedOutput(); err != nil {
		t.Fatalf("build after the kills: %v\n%s", err, tail(msg))
	}
	if left := newDirs(".public."); len(left) > 0 {
		t.Errorf("the build after the kills left the killed builds' folders: %q", left)
	}
	if diff := cmp.Diff(site, digest(t, out)); diff != "" {
		t.Errorf("the build after the kills wrote another site than the first (-first +last):\n%s", diff)
	}
	searchWorks(t, "after the kills", index)
}

// digest maps each file under dir to its SHA-256, so that two states of a
// folder compare file by file.
func digest(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		m[rel] = fmt.Sprintf("%x", sha256.Sum256(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// searchWorks opens the index as serve does and asks it a question that
// the corpus answers.
func searchWorks(t *testing.T, when, dir string) {
	t.Helper()
	h, err := search.Open(dir, search.Options{CacheSize: -1})
	if err != nil {
		t.Errorf("%s: search.Open: %v", when, err)
		return
	}
	defer h.Close()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/search?q=accessibility", nil))
	var res search.Result
	if rec.Code != http.StatusOK || json.Unmarshal(rec.Body.Bytes(), &res) != nil || res.Total == 0 {
		t.Errorf("%s: /api/search?q=accessibility answered %d with %d results:\n%.300s", when, rec.Code, res.Total, rec.Body)
	}
}

// tail is the end of a build's output, enough to show its error.
func tail(b []byte) []byte {
	if len(b) > 2000 {
		return b[len(b)-2000:]
	}
	return b
}
