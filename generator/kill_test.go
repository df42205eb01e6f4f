//go:build unix

package main

import (
	"bufio"
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

	"resourcelib/generator/publish"
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

	killInCommit(t, bin, work, out, index)
}

// killInCommit kills builds inside publish.Commit, at steps named by
// RESOURCELIB_TEST_STOP_IN_COMMIT (see generator/publish): with the
// records written, with the new site in place and the previous index
// still there, and just after the commit. The killed builds have another
// base URL, so that their site differs from the previous one. Right after
// each kill the site and the index are each a whole build, the previous
// or the new one; once the next build's first step has run (publish.New,
// which finishes what the kill left) they are the same build, the new one
// only if the commit was done, and they answer a search.
func killInCommit(t *testing.T, bin, work, out, index string) {
	build := func(out, index string) *exec.Cmd {
		return exec.Command(bin, "build", "-source", digitalGov, "-out", out, "-index", index, "-base-url", "https://new.example/")
	}
	ref := filepath.Join(work, "ref", "public")
	if msg, err := build(ref, ref+".search").CombinedOutput(); err != nil {
		t.Fatalf("reference build: %v\n%s", err, tail(msg))
	}
	// Two builds of the same input write bleve's store differently, and
	// search-records.bin follows the store's document numbers, so an index
	// is told by its other files (its search page has the base URL). That
	// the store and records left after a kill belong together is checked
	// by searchWorks: a hit whose record names another document is refused.
	indexDigest := func(dir string) map[string]string {
		m := digest(t, dir)
		delete(m, "search-records.bin")
		for name := range m {
			if strings.HasPrefix(name, filepath.Join("index.bleve", "store")+string(filepath.Separator)) {
				delete(m, name)
			}
		}
		return m
	}
	type version struct{ site, index map[string]string }
	next := version{digest(t, ref), indexDigest(ref + ".search")}
	prev := version{digest(t, out), indexDigest(index)}
	if cmp.Equal(prev.index, next.index) {
		t.Fatal("the new base URL changed nothing in the index's files, so old and new cannot be told apart")
	}
	if cmp.Equal(prev.site, next.site) {
		t.Fatal("the new base URL changed nothing in the site, so old and new cannot be told apart")
	}
	// "recorded" and "new 1 in place" start from the first build, so
	// there the whole store is compared too.
	prevStore := digest(t, index)
	for _, step := range []string{"recorded", "new 1 in place", "committed"} {
		cmd := build(out, index)
		cmd.Env = append(os.Environ(), "RESOURCELIB_TEST_STOP_IN_COMMIT="+step)
		stderr, err := cmd.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var said []string
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			said = append(said, sc.Text())
			if sc.Text() == "publish: stopped in Commit: "+step {
				break
			}
		}
		cmd.Process.Kill() // SIGKILL
		cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
			t.Fatalf("in Commit at %q: the build was not killed but ended: %v\n%s", step, cmd.ProcessState, strings.Join(said, "\n"))
		}
		gotSite, gotIndex := digest(t, out), indexDigest(index)
		for _, o := range []struct {
			name              string
			got, before, then map[string]string
		}{{"site", gotSite, prev.site, next.site}, {"index", gotIndex, prev.index, next.index}} {
			if !cmp.Equal(o.got, o.before) && !cmp.Equal(o.got, o.then) {
				t.Errorf("killed in Commit at %q: the %s is neither the previous nor the new one (-previous +now):\n%s", step, o.name, cmp.Diff(o.before, o.got))
			}
		}

		ix, err := publish.New(index)
		if err != nil {
			t.Fatal(err)
		}
		s, err := publish.New(out)
		if err != nil {
			t.Fatal(err)
		}
		want := prev
		if step == "committed" {
			want = next
		}
		if diff := cmp.Diff(want.site, digest(t, out)); diff != "" {
			t.Errorf("killed in Commit at %q, then recovered: the site (-want +got):\n%s", step, diff)
		}
		if diff := cmp.Diff(want.index, indexDigest(index)); diff != "" {
			t.Errorf("killed in Commit at %q, then recovered: the index (-want +got):\n%s", step, diff)
		}
		if step != "committed" {
			if diff := cmp.Diff(prevStore, digest(t, index)); diff != "" {
				t.Errorf("killed in Commit at %q, then recovered: the previous index changed (-before +after):\n%s", step, diff)
			}
		}
		ix.Discard()
		s.Discard()
		searchWorks(t, "killed in Commit at "+step, index)
		prev = want
	}
	m, _ := filepath.Glob(filepath.Join(work, ".public*"))
	if len(m) > 0 {
		t.Errorf("left beside the output after recovery: %q", m)
	}
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
