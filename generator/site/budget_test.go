package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"resourcelib/generator/diag"
)

// TestRenderBudget checks that Markdown that takes longer than the budget
// is an error naming the file, and that the build goes on with the rest.
func TestRenderBudget(t *testing.T) {
	// Paragraphs of 9,000 unclosed links each: under every limit, but
	// about 0.4 s in all with goldmark 1.8.7.
	slow := strings.Repeat(strings.Repeat("[a](\n", 9000)+"\n", 10)
	src := fstest.MapFS{
		"content/slow.md": {Data: []byte("---\ntitle: Slow\n---\n" + slow)},
		"content/fast.md": {Data: []byte("---\ntitle: Fast\n---\nQuick [link](/slow/).\n")},
	}
	start := time.Now()
	res, err := Build(Options{Source: src, Theme: os.DirFS("../.."), Out: filepath.Join(t.TempDir(), "public"), RenderTimeout: 20 * time.Millisecond})
	if err == nil {
		t.Fatal("the build succeeded")
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("the build took %v", took)
	}
	want := diag.Problem{File: "content/slow.md", Msg: "Markdown took longer than 20ms to render",
		Hint: "look for very long lines, deeply nested lists or quotes, or many unclosed brackets, and split them"}
	found := false
	for _, p := range res.Problems {
		if p == want {
			found = true
		} else if p.Severity == diag.Error {
			t.Errorf("unexpected problem: %s", p.Error())
		}
	}
	if !found {
		t.Errorf("no timeout problem in %v", res.Problems)
	}
}

// TestMarkdownLimits runs the inputs that goldmark renders in quadratic
// time, each 128 KB: every one is refused before rendering or renders
// within a second.
func TestMarkdownLimits(t *testing.T) {
	cases := map[string]string{
		"unclosed comments": strings.Repeat("<!--", 32<<10),
		"unclosed links":    strings.Repeat("[a](", 32<<10),
		"nested quotes":     strings.Repeat("> ", 64<<10) + "a",
		"nested lists":      strings.Repeat("- ", 64<<10) + "a",
		"nested ordered":    strings.Repeat("1. ", 40<<10) + "a",
		"wide table":        "|" + strings.Repeat("a|", 2000) + "\n|" + strings.Repeat("-|", 2000) + "\n" + strings.Repeat("|\n", 60000),
		"brackets":          strings.Repeat("[", 128<<10),
		"emphasis":          strings.Repeat("*a", 64<<10),
		"link lines":        strings.Repeat("[a](\n", 26<<10),
		"link paragraph":    strings.Repeat("[a](\n", 200<<10),
		"reference links":   strings.Repeat("[a][", 32<<10),
		"backtick runs":     strings.Repeat("`", 128<<10),
		"unclosed html":     strings.Repeat("<a", 64<<10),
		"footnote refs":     strings.Repeat("[^a]", 32<<10),
		"indented lists":    indentedList(128 << 10),
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			if off, msg, _ := markdownLimits([]byte(src)); msg != "" {
				t.Logf("refused at byte %d: %s", off, msg)
				return
			}
			start := time.Now()
			if _, err := renderMarkdown(newMarkdown(), []byte(src), nil, nil); err != nil {
				t.Fatal(err)
			}
			limit := time.Second
			if raceEnabled {
				limit = 20 * time.Second
			}
			if took := time.Since(start); took > limit {
				t.Errorf("took %v to render", took)
			}
		})
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
		{"link paragraph", "Intro.\n\n" + strings.Repeat("[x](\n", 10001), 3, 1, "the paragraph that starts here holds more than 10000 `](` link openings"},
		{"link paragraphs", strings.Repeat(strings.Repeat("[x](y)\n", 9000)+"\n", 3), 0, 0, ""},
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
