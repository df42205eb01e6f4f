//go:build unix

package publish

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A child process of TestKilledInCommit publishes version "new" over the
// unit named by the environment, and stops in Commit where it is told.
func TestMain(m *testing.M) {
	if site := os.Getenv("PUBLISH_TEST_CHILD_SITE"); site != "" {
		if os.Getenv("PUBLISH_TEST_CHILD_NO_EXCHANGE") != "" {
			exchange = func(string, string) error { return errors.ErrUnsupported }
		}
		if err := publishVersion(site, os.Getenv("PUBLISH_TEST_CHILD_INDEX"), "new"); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// publishVersion writes version v of a site and its index and commits
// them together, the index's folder made first, as a build does.
func publishVersion(site, index, v string) error {
	ix, err := New(index)
	if err != nil {
		return err
	}
	defer ix.Discard()
	s, err := New(site)
	if err != nil {
		return err
	}
	defer s.Discard()
	for name, dir := range map[string]string{"index.html": s.Dir, "a/index.html": s.Dir, "404.html": s.Dir, "sitemap.xml": s.Dir, "index.bleve/store": ix.Dir} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(v), 0o644); err != nil {
			return err
		}
	}
	return Commit(s, ix)
}

// TestKilledInCommit kills a process with SIGKILL at each step of Commit
// of a site and its index (in two folders, as public/ and the search
// function's index are), and checks what is on disk right after the kill
// and once the next build has made its new folders (New finishes what the
// kill left): right after, each output is whole, the previous or the new
// one (where folders can be exchanged, never missing); after New, the site
// and the index are the same version, the previous one unless the commit
// was done, with their hidden files, nothing else is left beside them,
// and the build after that publishes.
func TestKilledInCommit(t *testing.T) {
	t.Parallel()
	steps := map[bool][]string{
		true:  {"recorded", "hidden files moved", "new 1 in place", "new 2 in place", "committed"},
		false: {"recorded", "hidden files moved", "previous 1 moved aside", "new 1 in place", "previous 2 moved aside", "new 2 in place", "committed"},
	}
	for _, canExchange := range []bool{true, false} {
		for _, step := range steps[canExchange] {
			t.Run(fmt.Sprintf("exchange=%v/%s", canExchange, step), func(t *testing.T) {
				t.Parallel()
				killInCommit(t, canExchange, step)
			})
		}
	}
}

func killInCommit(t *testing.T, canExchange bool, step string) {
	siteParent, indexParent := t.TempDir(), t.TempDir()
	site, index := filepath.Join(siteParent, "public"), filepath.Join(indexParent, "index")
	if err := publishVersion(site, index, "old"); err != nil {
		t.Fatal(err)
	}
	writeFiles(t, index, map[string]string{".keep": ""})
	writeFiles(t, site, map[string]string{".well-known/x": "kept"})
	oldSite, oldIndex := tree(t, site), tree(t, index)
	newSite, newIndex := map[string]string{}, map[string]string{}
	for name, v := range oldSite {
		if v == "old" {
			v = "new"
		}
		newSite[name] = v
	}
	for name, v := range oldIndex {
		if v == "old" {
			v = "new"
		}
		newIndex[name] = v
	}

	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "PUBLISH_TEST_CHILD_SITE="+site, "PUBLISH_TEST_CHILD_INDEX="+index,
		"RESOURCELIB_TEST_STOP_IN_COMMIT="+step)
	if !canExchange {
		cmd.Env = append(cmd.Env, "PUBLISH_TEST_CHILD_NO_EXCHANGE=1")
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(stderr).ReadString('\n')
	if want := "publish: stopped in Commit: " + step + "\n"; line != want {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("the child said %q, want %q", line, want)
	}
	cmd.Process.Kill() // SIGKILL
	cmd.Wait()
	if ws := cmd.ProcessState.Sys().(syscall.WaitStatus); !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("the child was not killed: %v", cmd.ProcessState)
	}

	// Right after the kill, each output is a whole version (hidden files
	// may be on their way from the previous folder to the new one).
	pages := func(files map[string]string) map[string]string {
		out := map[string]string{}
		for name, v := range files {
			if !strings.HasPrefix(name, ".") {
				out[name] = v
			}
		}
		return out
	}
	for _, o := range []struct {
		name           string
		dir            string
		previous, next map[string]string
	}{{"site", site, oldSite, newSite}, {"index", index, oldIndex, newIndex}} {
		if _, err := os.Lstat(o.dir); err != nil {
			if canExchange {
				t.Errorf("right after the kill, the %s is missing", o.name)
			}
			continue
		}
		got := pages(tree(t, o.dir))
		if !cmp.Equal(got, pages(o.previous)) && !cmp.Equal(got, pages(o.next)) {
			t.Errorf("right after the kill, the %s is neither the previous nor the new one:\n%s", o.name, cmp.Diff(pages(o.previous), got))
		}
	}

	// The next build makes its new folders, the index's first: the
	// commit is finished one way or the other, as one unit.
	wantSite, wantIndex := oldSite, oldIndex
	if step == "committed" {
		wantSite, wantIndex = newSite, newIndex
	}
	ix, err := New(index)
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(site)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantSite, tree(t, site)); diff != "" {
		t.Errorf("the site after recovery (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantIndex, tree(t, index)); diff != "" {
		t.Errorf("the index after recovery (-want +got):\n%s", diff)
	}
	ix.Discard()
	s.Discard()
	if diff := cmp.Diff([]string{"public"}, names(t, siteParent)); diff != "" {
		t.Errorf("left beside the site (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"index"}, names(t, indexParent)); diff != "" {
		t.Errorf("left beside the index (-want +got):\n%s", diff)
	}
	if err := publishVersion(site, index, "next"); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, site)["index.html"] + tree(t, index)["index.bleve/store"] + tree(t, site)[".well-known/x"]; got != "nextnextkept" {
		t.Errorf("the build after: %q, want the next site and index with the hidden file", got)
	}
}
