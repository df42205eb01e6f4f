package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"resourcelib/generator/diag"
)

// TestMarkdownLimits checks that every input that goldmark renders in
// time quadratic in its length, at 128 KB each, is refused before it is
// rendered, and that ordinary pages are not. It counts; it never times:
// markdownLimits bounds the renderer's work, whatever the machine.
func TestMarkdownLimits(t *testing.T) {
	t.Parallel()
	slow := map[string]string{
		"unclosed links":     strings.Repeat("[a](", 32<<10),
		"unclosed comments":  strings.Repeat("<!--", 32<<10), // fast (raw HTML is off), but as many marks
		"backtick runs":      strings.Repeat("`", 128<<10),
		"nested quotes":      strings.Repeat("> ", 64<<10) + "a",
		"nested lists":       strings.Repeat("- ", 64<<10) + "a",
		"nested ordered":     strings.Repeat("1. ", 40<<10) + "a",
		"wide table":         "|" + strings.Repeat("a|", 2000) + "\n|" + strings.Repeat("-|", 2000) + "\n" + strings.Repeat("|\n", 60000),
		"brackets":           strings.Repeat("[", 128<<10),
		"emphasis":           strings.Repeat("*a", 64<<10),
		"strikethrough":      strings.Repeat("~a", 64<<10),
		"quotes":             strings.Repeat(`"a'`, 40<<10),
		"link lines":         strings.Repeat("[a](\n", 26<<10),
		"link paragraph":     strings.Repeat("[a](\n", 200<<10),
		"link paragraphs":    strings.Repeat(strings.Repeat("[a](\n", 4000)+"\n", 100),
		"images":             strings.Repeat("![a](", 26<<10),
		"reference links":    strings.Repeat("[a][", 32<<10),
		"reference defs":     refDefs(128 << 10),
		"footnote openings":  strings.Repeat("[^", 64<<10),
		"footnote refs":      strings.Repeat("[^a]", 32<<10),
		"footnote defs":      strings.Repeat("[^a]: b\n\n", 1<<20),
		"heading attributes": strings.Repeat("# a {\n", 20<<10),
		"long paragraph":     strings.Repeat("a\n", 64<<10) + "===\n",
		"lazy quote":         "> a\n" + strings.Repeat("b\n", 64<<10),
		"indented lists":     indentedList(128 << 10),
	}
	for name, src := range slow {
		t.Run(name, func(t *testing.T) {
			if _, msg, _ := markdownLimits([]byte(src)); msg == "" {
				t.Errorf("not refused: %.40q...", src)
			}
		})
	}
	// Pages far larger than any real one are not refused.
	ok := map[string]string{
		"unclosed html": strings.Repeat("<a ", 2000),
		"a long page":   strings.Repeat("## A heading\n\nA paragraph with a [link](/a/), *emphasis* and \"quotes\".\n\n", 2000),
		"a long list":   strings.Repeat("- [An organization](https://example.org/) (a note)\n", 2000),
		"a big table":   "| a | b |\n|---|---|\n" + strings.Repeat("| [x](/y/) | z |\n", 3000),
	}
	for name, src := range ok {
		t.Run(name, func(t *testing.T) {
			if off, msg, _ := markdownLimits([]byte(src)); msg != "" {
				t.Errorf("refused at byte %d: %s", off, msg)
			}
		})
	}
}

func refDefs(size int) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "[%d]: /x\n", i)
	}
	return b.String()
}

// TestRenderBudgetRefuses checks that a page over a limit is a
// problem naming the file, and the build goes on with the rest.
func TestRenderBudgetRefuses(t *testing.T) {
	t.Parallel()
	src := fstest.MapFS{
		"content/slow.md": {Data: []byte("---\ntitle: Slow\n---\n" + strings.Repeat("[a](\n", 6000))},
		"content/fast.md": {Data: []byte("---\ntitle: Fast\n---\nQuick [link](/slow/).\n")},
	}
	res, err := Build(Options{Source: src, Theme: os.DirFS("../.."), Out: filepath.Join(t.TempDir(), "public")})
	if err == nil {
		t.Fatal("the build succeeded")
	}
	want := diag.Problem{File: "content/slow.md", Line: 4, Col: 1,
		Msg:  "the paragraph that starts here holds more than 20000 lines and markup characters (brackets, emphasis marks, quotes) without a blank line",
		Hint: "put blank lines between its parts, or split the page; Markdown this dense takes too long to render"}
	found := false
	for _, p := range res.Problems {
		if p == want {
			found = true
		} else if p.Severity == diag.Error {
			t.Errorf("unexpected problem: %s", p.Error())
		}
	}
	if !found {
		t.Errorf("no problem %s in %v", want.Error(), res.Problems)
	}
}

func indentedList(size int) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		b.WriteString(strings.Repeat(" ", 2*i) + "- a\n")
	}
	return b.String()
}

func TestMarkdownLimitsPositions(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, src string
		line, col int
		msg       string
	}{
		{"ok", "# Title\n\n> quote\n> > nested\n\n- a\n  - b\n", 0, 0, ""},
		{"quotes", "text\n" + strings.Repeat("> ", 101) + "x\n", 2, 201, "lists or quotes are nested more than 100 levels deep"},
		{"lists", strings.Repeat("- ", 150) + "x\n", 1, 201, "lists or quotes are nested more than 100 levels deep"},
		{"links", "a\nb\n" + strings.Repeat("[x](", 501) + "\n", 3, 1, "the line holds 501 `](` link openings, more than 500"},
		{"table", "|" + strings.Repeat(" a |", 101) + "\n|" + strings.Repeat(":-:|", 101) + "\n", 2, 1, "the table has 101 columns, more than 100"},
		{"thematic breaks", strings.Repeat("- - -\n", 1000), 0, 0, ""},
		{"link paragraph", "Intro.\n\n" + strings.Repeat("[x](\n", 5001), 3, 1, "the paragraph that starts here holds more than 20000 lines and markup characters (brackets, emphasis marks, quotes) without a blank line"},
		{"link paragraphs", strings.Repeat(strings.Repeat("[x](y)\n", 3000)+"\n", 3), 0, 0, ""},
		{"page", strings.Repeat(strings.Repeat("*a*\n", 4000)+"\n", 20), 8*4001 + 1, 1, "the page holds more than 100000 lines and markup characters (brackets, emphasis marks, quotes) by here"},
		{"indent", "- a\n" + strings.Repeat(" ", 401) + "- b\n", 2, 1, "the line is indented more than 400 spaces"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			off, msg, _ := markdownLimits([]byte(tt.src))
			if msg != tt.msg {
				t.Fatalf("message %q, want %q", msg, tt.msg)
			}
			if msg == "" {
				return
			}
			if line, col := offsetPos([]byte(tt.src), off); line != tt.line || col != tt.col {
				t.Errorf("at %d:%d, want %d:%d", line, col, tt.line, tt.col)
			}
		})
	}
}
