package synthetic

import (
	"bytes"
	"os"
	"path/filepath"
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
