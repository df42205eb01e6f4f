package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSessionUpdate checks which edits the quick path takes (and writes
// exactly), and which it leaves to a full build.
func TestSessionUpdate(t *testing.T) {
	const orig = "---\ntitle: Q\ndescription: Described.\ntags: [a]\n---\n## Steps\n\nOld text, see [B](b.md).\n"
	for _, tt := range []struct {
		name, text string
		quick      bool
	}{
		{"text", "---\ntitle: Q\ndescription: Described.\ntags: [a]\n---\n## Steps\n\nNew text, see [B](b.md).\n", true},
		{"title", strings.Replace(orig, "title: Q", "title: Q2", 1), false},
		{"description", strings.Replace(orig, "Described.", "Described again.", 1), false},
		{"tags", strings.Replace(orig, "[a]", "[a, b]", 1), false},
		{"heading", strings.Replace(orig, "## Steps", "## Stages", 1), false},
		{"broken link", strings.Replace(orig, "b.md", "c.md", 1), false},
		{"front matter error", strings.Replace(orig, "tags: [a]", "weight: heavy", 1), false},
		{"slug", strings.Replace(orig, "tags: [a]", "tags: [a]\nslug: other", 1), false},
		// A confidential address in the text is refused by the full build.
		{"confidential address", strings.Replace(orig, "Old text", "Go to 4417 Quokka Ln", 1), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := t.TempDir()
			for name, text := range map[string]string{
				"content/q.md": orig,
				"content/b.md": "---\ntitle: B\n---\nB.\n",
				"content/organizations/shelter.yaml": "# Synthetic.\nname: Shelter\ndescription: Synthetic.\n" +
					"locations:\n  - location_type: confidential\n    address: {address_1: 4417 Quokka Lane, city: Zebraville}\n",
			} {
				if err := os.MkdirAll(filepath.Join(src, filepath.Dir(name)), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(src, name), []byte(text), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			out := filepath.Join(t.TempDir(), "public")
			opts := Options{Source: os.DirFS(src), Theme: os.DirFS("../.."), Out: out}
			sess, _, err := BuildSession(opts)
			if err != nil {
				t.Fatal(err)
			}
			defer sess.Close()
			if err := os.WriteFile(filepath.Join(src, "content/q.md"), []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			quick, _ := sess.Update("content/q.md") // the time it took
			if quick != tt.quick {
				t.Fatalf("quick update: %v, want %v", quick, tt.quick)
			}
			if !quick {
				return
			}
			// What the quick path wrote is what a full build writes.
			got, err := os.ReadFile(filepath.Join(out, "q", "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			full := filepath.Join(t.TempDir(), "public")
			opts.Out = full
			if _, err := Build(opts); err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(filepath.Join(full, "q", "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(want) {
				t.Errorf("the quick update differs from a full build:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}
