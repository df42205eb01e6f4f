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

var (
	dateLine   = regexp.MustCompile(`(?m)^date: .*$`)
	titleLine  = regexp.MustCompile(`(?m)^title: Synthetic material 5(, edit \d+)?$`)
	tagsStart  = regexp.MustCompile(`(?m)^tags: \[(edit-\d+, )?`)
	orgEdit    = regexp.MustCompile(`description: >-\n(  Edit \d+\.\n)?`)
	layoutEdit = regexp.MustCompile(`<ul class="term-list"( data-edit="\d+")?>`)
)

// replaceFirst replaces the first match of re in s by repl (no $
// expansion).
func replaceFirst(re *regexp.Regexp, s, repl string) string {
	loc := re.FindStringIndex(s)
	if loc == nil {
		return s
	}
	return s[:loc[0]] + repl + s[loc[1]:]
}

// Edits are the kinds of edit the benchmarks measure: a material's text,
// title, terms, date and draft state (on for odd i, off for even), an
// organization's description, and a layout that three pages use. Each
// Change also applies to a text that earlier Changes made, replacing their
// mark rather than adding another (the text edit adds a line), so that a
// benchmark may edit one file again and again, each edit being of one
// kind only.
var Edits = []Edit{
	{"text", "content/materials/synthetic-5.md", func(s string, i int) string {
		return s + fmt.Sprintf("\nSynthetic edit %d.\n", i)
	}},
	{"title", "content/materials/synthetic-5.md", func(s string, i int) string {
		return replaceFirst(titleLine, s, fmt.Sprintf("title: Synthetic material 5, edit %d", i))
	}},
	{"terms", "content/materials/synthetic-5.md", func(s string, i int) string {
		return replaceFirst(tagsStart, s, fmt.Sprintf("tags: [edit-%d, ", i))
	}},
	{"dates", "content/materials/synthetic-5.md", func(s string, i int) string {
		return replaceFirst(dateLine, s, "date: "+time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).Format("2006-01-02"))
	}},
	{"draft", "content/materials/synthetic-5.md", func(s string, i int) string {
		if i%2 == 1 {
			if strings.Contains(s, "\ndraft: true\n") {
				return s
			}
			return strings.Replace(s, "\ntitle: ", "\ndraft: true\ntitle: ", 1)
		}
		return strings.Replace(s, "\ndraft: true\n", "\n", 1) + fmt.Sprintf("\nSynthetic edit %d.\n", i)
	}},
	{"organization", "content/organizations/synthetic-org-0.yaml", func(s string, i int) string {
		return replaceFirst(orgEdit, s, fmt.Sprintf("description: >-\n  Edit %d.\n", i))
	}},
	{"layout", "layouts/taxonomy.html", func(s string, i int) string {
		return replaceFirst(layoutEdit, s, fmt.Sprintf(`<ul class="term-list" data-edit="%d">`, i))
	}},
}
