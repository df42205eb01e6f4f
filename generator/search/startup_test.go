package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpenDamagedAtStart opens copies of the bundled index, each damaged in
// one way before the handler starts: Open must return an error that names
// the folder and says to build the site again, and never panic or hang (a
// damaged file is read once, and a fault in a mapped file is recovered).
// The search function and serve turn that error into a clear answer (see
// netlify/functions/search TestOpenBrokenIndex and the dev server).
func TestOpenDamagedAtStart(t *testing.T) {
	t.Parallel()
	whole := bundledDir(t)
	segment := func(t *testing.T, dir string) string {
		zaps, _ := filepath.Glob(filepath.Join(dir, bleveDir, "store", "*.zap"))
		if len(zaps) == 0 {
			t.Fatal("no segment file in the bundled index")
		}
		return zaps[0]
	}
	tests := []struct {
		name   string
		damage func(t *testing.T, dir string)
		want   string
	}{
		{"missing folder", func(t *testing.T, dir string) { os.RemoveAll(dir) }, "build the site first"},
		{"empty folder", func(t *testing.T, dir string) {
			os.RemoveAll(dir)
			os.Mkdir(dir, 0o755)
		}, "build the site first"},
		{"index metadata empty", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, bleveDir, "index_meta.json"), nil, 0o644)
		}, "build the site again"},
		{"index metadata not JSON", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, bleveDir, "index_meta.json"), []byte("{\"storage\": "), 0o644)
		}, "build the site again"},
		{"segment truncated to nothing", func(t *testing.T, dir string) {
			os.Truncate(segment(t, dir), 0)
		}, "build the site again"},
		{"segment cut in half", func(t *testing.T, dir string) {
			z := segment(t, dir)
			st, err := os.Stat(z)
			if err != nil {
				t.Fatal(err)
			}
			os.Truncate(z, st.Size()/2)
		}, "build the site again"},
		{"segment unreadable (a folder where the file was)", func(t *testing.T, dir string) {
			z := segment(t, dir)
			os.Remove(z)
			os.Mkdir(z, 0o755)
		}, "build the site again"},
		{"store unreadable (a file where the folder was)", func(t *testing.T, dir string) {
			store := filepath.Join(dir, bleveDir, "store")
			os.RemoveAll(store)
			os.WriteFile(store, []byte("not a folder"), 0o644)
		}, "build the site again"},
		{"records missing", func(t *testing.T, dir string) {
			os.Remove(filepath.Join(dir, recordsFile))
		}, "build the site again"},
		{"records cut in half", func(t *testing.T, dir string) {
			r := filepath.Join(dir, recordsFile)
			st, err := os.Stat(r)
			if err != nil {
				t.Fatal(err)
			}
			os.Truncate(r, st.Size()/2)
		}, "build the site again"},
		{"records cut by one byte", func(t *testing.T, dir string) {
			r := filepath.Join(dir, recordsFile)
			data, err := os.ReadFile(r)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(r, data[1:], 0o644)
		}, "build the site again"},
		{"typo dictionary unreadable", func(t *testing.T, dir string) {
			v := filepath.Join(dir, vocabFileOf(analyses[0]))
			os.Remove(v)
			os.Mkdir(v, 0o755)
		}, "cannot read the search index in"},
		{"typo dictionary cut mid-line", func(t *testing.T, dir string) {
			os.WriteFile(filepath.Join(dir, vocabFileOf(analyses[0])), []byte("hotline 3\nhelp"), 0o644)
		}, "malformed line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := filepath.Join(t.TempDir(), "index")
			if err := os.CopyFS(dir, os.DirFS(whole)); err != nil {
				t.Fatal(err)
			}
			tt.damage(t, dir)
			h, err := Open(dir, Options{})
			if err == nil {
				h.Close()
				t.Fatalf("Open accepted the damaged index")
			}
			if !strings.Contains(err.Error(), dir) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Open's error %q does not name %s and say %q", err, dir, tt.want)
			}
		})
	}
}
