package synthetic

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// An Edit is one kind of change an editor saves in the synthetic site, for
// the dev server's benchmarks.
type Edit struct {
	Name string
	File string // relative to the site; layouts/taxonomy.html is a copy of the bundled one the benchmark adds
	// Change returns the file's new text for the i-th edit (numbered by
	// the caller, never twice the same, so that every edit changes
	// something).
	Change func(orig string, i int) string
}

var dateLine = regexp.MustCompile(`(?m)^date: .*$`)

// Edits are the kinds of edit the benchmarks measure: a material's text,
// title, terms, date and draft state (on for odd i, off for even), an
// organization's description, and a layout that three pages use.
var Edits = []Edit{
	{"text", "content/materials/synthetic-5.md", func(s string, i int) string {
		return s + fmt.Sprintf("\nSynthetic edit %d.\n", i)
	}},
	{"title", "content/materials/synthetic-5.md", func(s string, i int) string {
		return strings.Replace(s, "title: Synthetic material 5\n", fmt.Sprintf("title: Synthetic material 5, edit %d\n", i), 1)
	}},
	{"terms", "content/materials/synthetic-5.md", func(s string, i int) string {
		return strings.Replace(s, "tags: [", fmt.Sprintf("tags: [edit-%d, ", i), 1)
	}},
	{"dates", "content/materials/synthetic-5.md", func(s string, i int) string {
		return dateLine.ReplaceAllString(s, "date: "+time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format("2006-01-02"))
	}},
	{"draft", "content/materials/synthetic-5.md", func(s string, i int) string {
		if i%2 == 1 {
			return strings.Replace(s, "title: ", "draft: true\ntitle: ", 1)
		}
		return s + fmt.Sprintf("\nSynthetic edit %d.\n", i)
	}},
	{"organization", "content/organizations/synthetic-org-0.yaml", func(s string, i int) string {
		return strings.Replace(s, "description: >-\n", fmt.Sprintf("description: >-\n  Edit %d.\n", i), 1)
	}},
	{"layout", "layouts/taxonomy.html", func(s string, i int) string {
		return strings.Replace(s, `<ul class="term-list">`, fmt.Sprintf(`<ul class="term-list" data-edit="%d">`, i), 1)
	}},
}
