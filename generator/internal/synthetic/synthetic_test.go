package synthetic

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDeterministic writes the same small site twice and compares bytes.
func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if err := Write(d, Options{Materials: 20, Organizations: 5}); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	filepath.WalkDir(a, func(p string, e os.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		n++
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", rel)
		}
		if !bytes.Contains(x, []byte("ynthetic")) {
			t.Errorf("%s does not say it is synthetic", rel)
		}
		return nil
	})
	if want := 3 + 20 + 1 + 5; n != want {
		t.Errorf("%d files, want %d", n, want)
	}
}

// TestVersion checks that Version hashes exactly the package's code as it
// is on disk: every .go file but the tests, so that a change to any of
// them gives kept sites a new folder.
func TestVersion(t *testing.T) {
	t.Parallel()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New()
	n := 0
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		h.Write([]byte(name + "\x00"))
		h.Write(data)
		n++
	}
	if want := hex.EncodeToString(h.Sum(nil))[:12]; Version() != want || n < 3 {
		t.Errorf("Version() = %q, want %q, the hash of the %d source files on disk", Version(), want, n)
	}
}

// TestEditsRepeat checks that every kind of edit changes the file it names,
// and that applied to a text an earlier edit of its kind made it gives what
// it gives on the original (the draft edit: on, then off), so that a
// benchmark can edit one file many times, one kind at a time.
func TestEditsRepeat(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := Write(dir, Options{Materials: 10, Organizations: 2}); err != nil {
		t.Fatal(err)
	}
	for _, e := range Edits {
		name := filepath.Join(dir, filepath.FromSlash(e.File))
		if e.File == "layouts/taxonomy.html" {
			name = "../../../layouts/taxonomy.html" // the bundled layout the benchmarks copy
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		orig := string(data)
		if e.Change(orig, 1) == orig || e.Change(orig, 2) == orig {
			t.Errorf("%s: the edit does not change %s", e.Name, e.File)
		}
		// One line is new (and at most one gone): the edit's mark, once
		// (the text edit also adds an empty line).
		added, removed := lineChanges(orig, e.Change(orig, 1))
		if added != 1 || removed > 1 {
			t.Errorf("%s: the edit adds %d lines and removes %d, want 1 and at most 1", e.Name, added, removed)
		}
		if e.Name == "text" {
			continue
		}
		for _, i := range []int{2, 3} {
			if got, want := e.Change(e.Change(orig, 1), i), e.Change(orig, i); got != want {
				t.Errorf("%s: edit %d after edit 1 gives\n%s\nwant\n%s", e.Name, i, got, want)
			}
		}
	}
}

// lineChanges counts the lines b has that a has not, and the other way
// round, as multisets, leaving out empty lines.
func lineChanges(a, b string) (added, removed int) {
	count := map[string]int{}
	for _, l := range strings.Split(a, "\n") {
		count[l]--
	}
	for _, l := range strings.Split(b, "\n") {
		count[l]++
	}
	delete(count, "")
	for _, c := range count {
		if c > 0 {
			added += c
		} else {
			removed -= c
		}
	}
	return added, removed
}
