package site

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// TestLoadOrganizations checks that export-hsds's loader reads the files a
// build reads, with the build's limits: a file over 8 MB is an error, not
// read; hidden files and other YAML are left out; problems in pages are
// not its business.
func TestLoadOrganizations(t *testing.T) {
	org := func(name string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("name: " + name + "\ndescription: Synthetic.\n")}
	}
	src := fstest.MapFS{
		"content/_index.md":                  {Data: []byte("---\nweight: heavy\n---\n")}, // a page's error
		"content/organizations/b.yaml":       org("Bravo synthetic"),
		"content/organizations/a.yml":        org("Alpha synthetic"),
		"content/es/organizations/c.yaml":    org("Charlie synthetic"),
		"content/organizations/.draft.yaml":  org("Hidden"),
		"content/other/organizations/d.yaml": org("Delta synthetic"), // as a build reads it
		"content/a/b/organizations/e.yaml":   org("Too deep"),
		"content/organizations/notes.txt":    {Data: []byte("not YAML")},
		"content/organizations/huge.yaml":    {Data: []byte("name: Huge\ndescription: " + strings.Repeat("x", 9<<20) + "\n")},
	}
	orgs, problems := LoadOrganizations(src)
	var ids []string
	for _, o := range orgs {
		ids = append(ids, o.ID)
	}
	if diff := cmp.Diff([]string{"a", "b", "c", "d"}, ids); diff != "" {
		t.Errorf("organizations mismatch (-want +got):\n%s", diff)
	}
	var got []string
	for _, p := range problems {
		got = append(got, p.Error())
	}
	want := []string{"content/organizations/huge.yaml: error: the file is 9 MB, over the limit of 8 MB (split it into several pages, or attach large documents to a page bundle)"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems mismatch (-want +got):\n%s", diff)
	}
}
