// Package diag reports problems in a site's source files the way a compiler
// does: one line per problem, `path:line:col: error: message`, optionally
// followed by a hint that says how to fix it.
//
// It exists as its own package because every loader (front matter, site
// settings, organization data) reports through it, and because it holds the
// strict YAML decoder they share (see [DecodeYAML]).
//
// A [List] collects every problem found in a build instead of stopping at the
// first, so an editor can fix them all in one pass. Warnings are printed but do
// not fail a build; errors do.
package diag

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Severity says whether a problem fails the build.
type Severity int

const (
	Error Severity = iota
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// A Problem is one thing wrong with one place in one file.
// Line and Col are 1-based; zero means unknown.
type Problem struct {
	File     string // slash-separated path relative to the site source, e.g. content/x.md
	Line     int
	Col      int
	Severity Severity
	Msg      string
	Hint     string // how to fix it; may be empty
}

func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
		if p.Col > 0 {
			fmt.Fprintf(&b, ":%d", p.Col)
		}
	}
	fmt.Fprintf(&b, ": %s: %s", p.Severity, p.Msg)
	if p.Hint != "" {
		b.WriteString(" (")
		b.WriteString(p.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// List collects problems. It is safe for concurrent use.
type List struct {
	mu       sync.Mutex
	problems []Problem
}

// Add records a problem.
func (l *List) Add(p Problem) {
	l.mu.Lock()
	l.problems = append(l.problems, p)
	l.mu.Unlock()
}

// Errorf records an error at file:line:col.
func (l *List) Errorf(file string, line, col int, format string, args ...any) {
	l.Add(Problem{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at file:line:col.
func (l *List) Warnf(file string, line, col int, format string, args ...any) {
	l.Add(Problem{File: file, Line: line, Col: col, Severity: Warning, Msg: fmt.Sprintf(format, args...)})
}

// Merge adds every problem of m to l.
func (l *List) Merge(m *List) {
	for _, p := range m.Sorted() {
		l.Add(p)
	}
}

// Sorted returns the problems ordered by file, line and column, so that
// output is the same from one run to the next whatever the order of work.
func (l *List) Sorted() []Problem {
	l.mu.Lock()
	ps := slices.Clone(l.problems)
	l.mu.Unlock()
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Col, b.Col),
			cmp.Compare(a.Msg, b.Msg),
		)
	})
	return slices.Compact(ps)
}

// Count returns the number of errors and warnings.
func (l *List) Count() (errors, warnings int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, p := range l.problems {
		if p.Severity == Warning {
			warnings++
		} else {
			errors++
		}
	}
	return
}

// Err returns nil if the list holds no errors (warnings do not count), and
// otherwise an error whose message is every problem, one per line.
func (l *List) Err() error {
	if n, _ := l.Count(); n == 0 {
		return nil
	}
	return &ListError{Problems: l.Sorted()}
}

// ListError is the error returned by [List.Err].
type ListError struct {
	Problems []Problem
}

func (e *ListError) Error() string {
	var b strings.Builder
	for i, p := range e.Problems {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// Suggest returns the candidate closest to word, if it is close enough to be
// a likely typo (at most two edits, and fewer than half the letters), or "".
func Suggest(word string, candidates []string) string {
	best, bestDist := "", 3
	w := strings.ToLower(word)
	n := utf8.RuneCountInString(w)
	for _, c := range candidates {
		// The difference in length is a lower bound of the distance:
		// most candidates are dismissed without computing it.
		lc := strings.ToLower(c)
		if m := utf8.RuneCountInString(lc); n-m >= bestDist || m-n >= bestDist {
			continue
		}
		d := editDistance(w, lc)
		if d < bestDist && d*2 < len(c) {
			best, bestDist = c, d
		}
	}
	if best == word {
		return ""
	}
	return best
}

// editDistance is the Damerau–Levenshtein (optimal string alignment) distance,
// so that a swapped pair of letters ("titel") counts as one edit.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		return 64
	}
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
