package search

import (
	"bytes"
	"html"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// Snippets are made here, from the stored start of each page's text, not
// by bleve's highlighter: that needs the positions of every word of every
// page in the index (term vectors), which more than doubles its size, and
// it cut fragments mid-word and ran blocks together.

// shortcode matches a Hugo shortcode's tag, {{< name args >}} or
// {{% name %}}: text editors never meant as words.
var shortcode = regexp.MustCompile(`(?s)\{\{[<%].*?[%>]\}\}`)

// stripShortcodes removes shortcode tags, keeping the text between a
// paired opening and closing tag.
func stripShortcodes(s string) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	return shortcode.ReplaceAllString(s, " ")
}

// cutAt shortens s to at most n bytes, at a word boundary if there is one
// in the second half, and never inside a UTF-8 sequence.
func cutAt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := strings.LastIndexAny(s[:n+1], " \n\t")
	if cut < n/2 {
		cut = n
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
	}
	return s[:cut]
}

// truncate shortens s to at most n bytes at a word boundary, adding "…".
func truncate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	return strings.TrimRight(cutAt(s, n), " ,;:.") + "…"
}

// marker finds the words of a text that a search matched.
type marker struct {
	exact    map[string]int // a word as written -> the query word it matches
	stems    map[string]int // a stem -> the query word
	heads    map[string]bool
	prefix   string // the last word, unfinished: words that start with it
	prefixOf int
	needles  []string // the first letters of every form: where to look
	analysis string   // "es": words are compared with accents folded
	stem     func(string) string
	lower    []byte // find's buffer: a marker serves one search at a time
}

// newMarker is the marker of a search's plan: each word, what it may be a
// typo of, and their stems.
//
// In Spanish (analysis "es", with its query analyzer an) words are
// compared with accents folded and stemmed as the index stems them; the
// text is searched for the first two letters, with and without an accent
// on the first, so that "tráfico" is found for "trafico".
func newMarker(plan []wordPlan, a string, an analysis.Analyzer) *marker {
	m := &marker{exact: map[string]int{}, stems: map[string]int{}, heads: map[string]bool{}, prefixOf: -1,
		analysis: a, stem: stemmer(a, an)}
	for i, wp := range plan {
		if wp.stop {
			continue
		}
		for _, f := range append([]string{wp.word}, wp.candidates...) {
			m.exact[f] = i
			s := m.stem(f)
			m.stems[s] = i
			m.heads[m.head(s)] = true
			m.heads[m.head(f)] = true
		}
		if wp.prefix && len(wp.word) >= 3 {
			m.prefix, m.prefixOf = wp.word, i
		}
	}
	for h := range m.heads {
		m.needles = append(m.needles, h)
		if a == "es" && h != "" {
			for _, acc := range accented[h[0]] {
				m.needles = append(m.needles, acc+h[1:])
			}
		}
	}
	if m.prefix != "" {
		m.needles = append(m.needles, m.head(m.prefix))
	}
	slices.Sort(m.needles)
	m.needles = slices.Compact(m.needles)
	return m
}

// accented are the accented forms of a vowel, which Spanish folds.
var accented = map[byte][]string{
	'a': {"á", "à", "â", "ä"}, 'e': {"é", "è", "ê", "ë"}, 'i': {"í", "ì", "î", "ï"},
	'o': {"ó", "ò", "ô", "ö"}, 'u': {"ú", "ù", "û", "ü"},
}

func head(s string) string { return s[:min(3, len(s))] }

// head is where the marker looks for a form: its first three bytes, or in
// Spanish its first two (the folded first letter and the next one).
func (m *marker) head(s string) string {
	if m.analysis == "es" {
		return s[:min(2, len(s))]
	}
	return head(s)
}

// match is the query word that w (lower case) matches, or -1.
func (m *marker) match(w string) int {
	w = fold(m.analysis, w)
	if i, ok := m.exact[w]; ok {
		return i
	}
	if m.prefix != "" && strings.HasPrefix(w, m.prefix) {
		return m.prefixOf
	}
	if m.heads[m.head(w)] {
		if i, ok := m.stems[m.stem(w)]; ok {
			return i
		}
	}
	return -1
}

type span struct{ start, end, word int }

// find lists the matched words of text in order. Rather than read every
// word, it looks for the first letters of each searched form and stem and
// reads only the words that start with them.
func (m *marker) find(text string) []span {
	m.lower = asciiLower(m.lower[:0], text)
	lower := m.lower
	var out []span
	for _, needle := range m.needles {
		for from := 0; ; {
			i := bytes.Index(lower[from:], []byte(needle))
			if i < 0 {
				break
			}
			i += from
			from = i + len(needle)
			if i > 0 && insideWord(lower, i) || slices.ContainsFunc(out, func(s span) bool { return s.start == i }) {
				continue
			}
			end := wordEnd(lower, i)
			w := strings.TrimRight(string(lower[i:end]), "'’.")
			if k := m.match(w); k >= 0 {
				out = append(out, span{i, i + len(w), k})
			}
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].start < out[b].start })
	return out
}

// insideWord reports whether the character before i continues a word, so that a
// match at i would start inside one.
func insideWord(s []byte, i int) bool {
	r, _ := utf8.DecodeLastRune(s[:i])
	return isWordRune(r) || r == '.' && i > 1 && isWordRune(rune(s[i-2]))
}

// wordEnd is where the word that starts at i ends, as scanWords reads it.
func wordEnd(s []byte, i int) int {
	for i < len(s) {
		r, size := utf8.DecodeRune(s[i:])
		if !isWordRune(r) {
			if r == '.' && i+1 < len(s) {
				if next, _ := utf8.DecodeRune(s[i+1:]); isWordRune(next) {
					i += size
					continue
				}
			}
			return i
		}
		i += size
	}
	return i
}

// asciiLower appends s to b with A to Z lower-cased only, so that offsets
// stay the same.
func asciiLower(b []byte, s string) []byte {
	b = append(b, s...)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return b
}

// distinct counts the query words among spans.
func distinct(spans []span) int {
	seen := map[int]bool{}
	for _, s := range spans {
		seen[s.word] = true
	}
	return len(seen)
}

// Sizes of a snippet, in bytes of text.
const (
	snippetLen    = 220
	snippetBefore = 60 // text shown before the first match
	shortDesc     = 40 // a description shorter than this says too little
)

// makeSnippet is the HTML snippet of a hit: the part of its text with the
// most of the searched words, or its description, or its first paragraph.
// Only <mark> is markup in it.
func makeSnippet(m *marker, text, description string) string {
	var body []span
	if m != nil {
		body = m.find(text)
	}
	var desc []span
	if m != nil && len(description) >= shortDesc {
		desc = m.find(description)
	}
	if len(body) > 0 || len(desc) > 0 {
		start, end, best := bestWindow(text, body)
		if len(desc) > 0 && distinct(desc) >= best {
			s, e, _ := bestWindow(description, desc)
			return render(description, desc, s, e)
		}
		return render(text, body, start, end)
	}
	if len(strings.TrimSpace(description)) >= shortDesc {
		return html.EscapeString(truncate(description, snippetLen))
	}
	return html.EscapeString(truncate(firstParagraph(text), snippetLen))
}

// firstParagraph is the text from its first block long enough to say
// something (a heading alone does not).
func firstParagraph(text string) string {
	rest := text
	for rest != "" {
		line, after, _ := strings.Cut(rest, "\n")
		if len(strings.TrimSpace(line)) >= shortDesc {
			return rest
		}
		rest = after
	}
	return text
}

// bestWindow chooses the part of text to show: the one that holds the
// most different searched words, the first such. It starts at the start
// of a block or a word shortly before the first match, and ends at a word
// boundary.
func bestWindow(text string, spans []span) (start, end, words int) {
	if len(spans) == 0 {
		return 0, len(cutAt(text, snippetLen)), 0
	}
	bestAt := 0
	for i := range spans {
		j := i
		for j < len(spans) && spans[j].end-spans[i].start <= snippetLen-snippetBefore {
			j++
		}
		if n := distinct(spans[i:j]); n > words {
			words, bestAt = n, i
		}
	}
	first := spans[bestAt].start
	start = max(0, first-snippetBefore)
	if nl := strings.LastIndexByte(text[start:first], '\n'); nl >= 0 {
		start += nl + 1 // the start of the block
	} else if start > 0 {
		if sp := strings.IndexAny(text[start:first], " \t"); sp >= 0 {
			start += sp + 1
		} else {
			start = first
		}
	}
	end = start + len(cutAt(text[start:], snippetLen))
	return start, end, words
}

// render writes text[start:end] as HTML with the spans marked, blocks
// joined by a space and "…" where text was left out.
func render(text string, spans []span, start, end int) string {
	var b strings.Builder
	if start > 0 && text[start-1] != '\n' {
		b.WriteString("… ")
	}
	at := start
	write := func(s string) {
		b.WriteString(html.EscapeString(strings.Join(strings.Fields(s), " ")))
	}
	for _, sp := range spans {
		if sp.start < at || sp.end > end {
			continue
		}
		write(text[at:sp.start])
		if sp.start > at && isSpace(text[sp.start-1]) {
			b.WriteByte(' ')
		}
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[sp.start:sp.end]))
		b.WriteString("</mark>")
		if sp.end < end && isSpace(text[sp.end]) {
			b.WriteByte(' ')
		}
		at = sp.end
	}
	write(text[at:end])
	out := strings.TrimSpace(strings.ReplaceAll(b.String(), "  ", " "))
	if end < len(strings.TrimRight(text, " \n\t")) {
		out = strings.TrimRight(out, " ,;:.") + "…"
	}
	return out
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
