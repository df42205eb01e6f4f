package site

import (
	"bytes"
	"fmt"
	"strings"

	"resourcelib/generator/diag"
)

// Limits on the Markdown of one page, checked by counting before it is
// rendered, so that no page can keep a build or the dev server busy: with
// these limits the slowest page renders in well under a second, and
// nothing is ever timed or abandoned half-way.
//
// goldmark (1.8.7) takes time quadratic in the length of some inputs.
// Measured on 128 KB: 32,768 unclosed `[a](` on one line took 6.7 s,
// 65,536 nested `- ` list markers 10 s, 65,536 nested `> ` 3 s, a
// 2,000-column table of 30,000 rows 60 s. Those have limits of their own.
// Everything else that is slow is many brackets, emphasis marks, quotes,
// footnote or attribute openings, or lines, in one paragraph: the inline
// parser looks for a closing mark from each opening one, so its work grows
// with the square of their number within one run of lines (a blank line
// ends the run), and with their number in the page. A run is counted as
// its lines plus its markup characters (markupChars); a run may hold
// maxRunMarks of them and a page maxPageMarks, which bounds the work by
// about maxRunMarks * maxPageMarks steps of the inline parser. In the
// 4,044 pages of the digital.gov corpus the densest run holds 2,154 and
// the largest page 2,973.
const (
	maxNesting      = 100     // list and quote markers at the start of one line
	maxIndent       = 400     // columns of indentation before a line's text
	maxLinkOpeners  = 500     // `](` on one line
	maxTableColumns = 100     // columns of a table's delimiter row
	maxRunMarks     = 20_000  // lines and markup characters in one run of lines without a blank one
	maxPageMarks    = 100_000 // lines and markup characters in the page
)

// markupChars are the characters that open or close something in
// goldmark's inline parser with the site's extensions: links, images and
// footnotes, emphasis and strikethrough, code spans, autolinks and raw
// HTML, entities and escapes, the typographer's quotes, heading attributes.
const markupChars = "[]()!*_~`<>&\\\"'{}^"

// markdownLimits returns the offset of the first pattern that goldmark
// would render too slowly, and what is wrong, or "" if there is none.
func markdownLimits(body []byte) (off int, msg, hint string) {
	run, runStart, page := 0, 0, 0 // marks since the last blank line, where that run began, marks in all
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
			run, runStart = 0, end+1
		} else {
			marks := 1 + countAny(line, markupChars)
			run += marks
			page += marks
			if run > maxRunMarks {
				return runStart, fmt.Sprintf("the paragraph that starts here holds more than %d lines and markup characters (brackets, emphasis marks, quotes) without a blank line", maxRunMarks),
					"put blank lines between its parts, or split the page; Markdown this dense takes too long to render"
			}
			if page > maxPageMarks {
				return runStart, fmt.Sprintf("the page holds more than %d lines and markup characters (brackets, emphasis marks, quotes) by here", maxPageMarks),
					"split the page into several; Markdown this long takes too long to render"
			}
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

// countAny counts the bytes of line that are in chars (all ASCII).
func countAny(line []byte, chars string) int {
	n := 0
	for _, c := range line {
		if c < 0x80 && strings.IndexByte(chars, c) >= 0 {
			n++
		}
	}
	return n
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
		mark := i
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
			at = mark // the start of its marker: the 1 of 1.
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

// renderBudgeted renders a page's Markdown if it is within the limits
// above, and reports a problem at the first pattern that is not. A panic
// in the renderer is a problem in the page too, not the end of the build.
func (w *writer) renderBudgeted(mw *markdownWorker, p *Page) (r rendered, ok bool) {
	if off, msg, hint := markdownLimits(p.body); msg != "" {
		line, col := offsetPos(p.body, off)
		w.l.Add(diag.Problem{File: p.File, Line: line, Col: col, Msg: msg, Hint: hint})
		return rendered{}, false
	}
	body, sc := w.site.expandShortcodes(p, p.body, w.l)
	defer func() {
		if e := recover(); e != nil {
			mw.md = newMarkdown() // its state is unknown
			w.l.Errorf(p.File, 0, 0, "cannot render Markdown: the Markdown renderer failed: %v", e)
			r, ok = rendered{}, false
		}
	}()
	r, err := renderMarkdown(mw.md, body, w.site.resolverFor(p), sc.figures)
	if err != nil {
		w.l.Errorf(p.File, 0, 0, "cannot render Markdown: %v", err)
		return rendered{}, false
	}
	for i := range r.links {
		r.links[i].off = sc.original(r.links[i].off) // the file's offsets, for positions
	}
	if len(r.unclosed) > 0 {
		for _, u := range r.unclosed {
			line, col := offsetPos(p.body, sc.original(u.off))
			w.l.Add(diag.Problem{File: p.File, Line: line, Col: col,
				Msg:  fmt.Sprintf("the HTML that starts here with `%s` is never closed, so everything after it would be left out of the page", u.start),
				Hint: fmt.Sprintf("close it with `%s`, or remove it", u.close)})
		}
		return rendered{}, false
	}
	return r, true
}
