package site

import (
	"bytes"
	"fmt"
	"time"

	"resourcelib/generator/diag"
)

// DefaultRenderTimeout is how long one page's Markdown may take to render.
// A normal page takes milliseconds; goldmark has inputs that take time
// quadratic in their length, and a build must name such a file, not hang.
const DefaultRenderTimeout = 5 * time.Second

// Limits on Markdown patterns that goldmark renders in quadratic time. They
// are far above what any real page needs. Measured on 128 KB inputs with
// goldmark 1.8.7: 32,768 unclosed `[a](` on one line took 6.7 s, 65,536
// nested `- ` list markers 10 s, 65,536 nested `> ` 3 s, a 2,000-column
// table of 30,000 rows 60 s. (128 KB of unclosed `<!--` takes 0.1 ms with
// raw HTML off, as it is here.)
// Link openings cost time quadratic in their number within one paragraph
// too: 52,000 lines of `[a](` took 1.2 s, and 8 MB of them would take
// twenty minutes; lists indented hundreds of levels deep grow faster than
// their length as well.
const (
	maxNesting          = 100    // list and quote markers at the start of one line
	maxIndent           = 400    // columns of indentation before a line's text
	maxLinkOpeners      = 500    // `](` on one line
	maxParagraphOpeners = 10_000 // `](` in one run of lines without a blank one
	maxTableColumns     = 100
)

// markdownLimits returns the offset of the first pattern that goldmark
// would render too slowly, and what is wrong, or "" if there is none.
func markdownLimits(body []byte) (off int, msg, hint string) {
	para, paraStart := 0, 0 // `](` since the last blank line, and where that began
	for start := 0; start < len(body); {
		end := bytes.IndexByte(body[start:], '\n')
		if end < 0 {
			end = len(body)
		} else {
			end += start
		}
		line := body[start:end]
		if depth, at := nesting(line); depth > maxNesting {
			return start + at, fmt.Sprintf("lists or quotes are nested more than %d levels deep", maxNesting),
				"flatten the list; Markdown this deep takes too long to render"
		}
		if indent(line) > maxIndent {
			return start, fmt.Sprintf("the line is indented more than %d spaces", maxIndent),
				"flatten the list; Markdown this deep takes too long to render"
		}
		n := bytes.Count(line, []byte("]("))
		if n > maxLinkOpeners {
			return start, fmt.Sprintf("the line holds %d `](` link openings, more than %d", n, maxLinkOpeners),
				"split the line, or close each link with `)`"
		}
		if len(bytes.TrimSpace(line)) == 0 {
			para, paraStart = 0, end+1
		} else if para += n; para > maxParagraphOpeners {
			return paraStart, fmt.Sprintf("the paragraph that starts here holds more than %d `](` link openings", maxParagraphOpeners),
				"put blank lines between its parts, or close each link with `)`"
		}
		if isTableDelimiter(line) {
			if n := bytes.Count(line, []byte("|")) - 1; n > maxTableColumns {
				return start, fmt.Sprintf("the table has %d columns, more than %d", n, maxTableColumns),
					"split the table; a table this wide cannot be read on a phone anyway"
			}
		}
		start = end + 1
	}
	return 0, "", ""
}

// nesting counts the container markers (`>`, `-`, `*`, `+`, `1.`) that open
// a line, and where the first one past the limit is.
func nesting(line []byte) (depth, at int) {
	i := 0
	for i < len(line) {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) {
			break
		}
		switch c := line[i]; {
		case c == '>':
			i++
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 < len(line) && (line[j] == '.' || line[j] == ')') && (line[j+1] == ' ' || line[j+1] == '\t') {
				i = j + 1
			} else {
				return depth, at
			}
		default:
			return depth, at
		}
		depth++
		if depth == maxNesting+1 {
			at = i - 1
		}
	}
	return depth, at
}

// indent counts the columns of a line's leading spaces and tabs.
func indent(line []byte) int {
	n := 0
	for _, c := range line {
		switch c {
		case ' ':
			n++
		case '\t':
			n += 4 - n%4
		default:
			return n
		}
	}
	return n
}

func isTableDelimiter(line []byte) bool {
	line = bytes.TrimSpace(line)
	if len(line) < 3 || bytes.IndexByte(line, '|') < 0 || bytes.IndexByte(line, '-') < 0 {
		return false
	}
	return len(bytes.Trim(line, "|-: \t")) == 0
}

// renderBudgeted renders a page's Markdown in its own goroutine, and gives
// up after the time budget. A goroutine cannot be stopped: the one that ran
// over keeps its converter, and the worker gets a new one. The limits above
// keep the known slow patterns from getting that far.
func (w *writer) renderBudgeted(mw *markdownWorker, p *Page) (rendered, bool) {
	if off, msg, hint := markdownLimits(p.body); msg != "" {
		line, col := offsetPos(p.body, off)
		w.l.Add(diag.Problem{File: p.File, Line: line, Col: col, Msg: msg, Hint: hint})
		return rendered{}, false
	}
	budget := w.renderTimeout
	if budget <= 0 {
		budget = DefaultRenderTimeout
	}
	type result struct {
		r   rendered
		err error
	}
	done := make(chan result, 1)
	body, sc := w.site.expandShortcodes(p, p.body, w.l)
	md, resolve := mw.md, w.site.resolverFor(p)
	go func() {
		defer func() {
			if e := recover(); e != nil {
				done <- result{err: fmt.Errorf("the Markdown renderer failed: %v", e)}
			}
		}()
		r, err := renderMarkdown(md, body, resolve, sc.figures)
		for i := range r.links {
			r.links[i].off = sc.original(r.links[i].off) // the file's offsets, for positions
		}
		done <- result{r, err}
	}()
	timer := time.NewTimer(budget)
	defer timer.Stop()
	select {
	case res := <-done:
		if res.err != nil {
			w.l.Errorf(p.File, 0, 0, "cannot render Markdown: %v", res.err)
			return rendered{}, false
		}
		return res.r, true
	case <-timer.C:
		mw.md = newMarkdown()
		w.l.Add(diag.Problem{File: p.File, Msg: fmt.Sprintf("Markdown took longer than %v to render", budget),
			Hint: "look for very long lines, deeply nested lists or quotes, or many unclosed brackets, and split them"})
		return rendered{}, false
	}
}
