package search

import (
	"bufio"
	"fmt"
	"io"
	"math/bits"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// vocabFile lists every word of the indexed text as written (lower case,
// not stemmed) with the number of documents that hold it: the dictionary
// that decides, per request, whether a word needs typo tolerance and what
// it may have been meant to be.
const vocabFile = "search-words.txt"

// maxVocabWord is the longest word kept in the dictionary, in bytes.
const maxVocabWord = 40

// isWordRune reports whether r belongs in a word.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf { // most of the text; unicode.Is would search a table
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '\''
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '\'' || r == '’'
}

// initialism reports whether w is two or more single letters joined by
// periods ("u.s", "d.c", "e.g"), and gives the letters joined.
func initialism(w string) (string, bool) {
	parts := strings.Split(w, ".")
	if len(parts) < 2 {
		return "", false
	}
	var b strings.Builder
	for _, p := range parts {
		r, n := utf8.DecodeRuneInString(p)
		if n == 0 || n != len(p) || !unicode.IsLetter(r) {
			return "", false
		}
		b.WriteString(p)
	}
	return b.String(), true
}

// scanWords calls f with each word of s and its byte offsets: runs of
// letters, digits and apostrophes, with a dot kept between two of them
// ("data.gov", "u.s"), as the index's tokenizer keeps it. Words are lower
// case, without apostrophes at either end.
func scanWords(s string, f func(w string, start, end int)) {
	start := -1
	prevWord := false
	for i := 0; i <= len(s); {
		r, size := utf8.RuneError, 1
		if i < len(s) {
			if c := s[i]; c < utf8.RuneSelf {
				r = rune(c)
			} else {
				r, size = utf8.DecodeRuneInString(s[i:])
			}
		}
		word := i < len(s) && isWordRune(r)
		if i < len(s) && r == '.' && prevWord && start >= 0 {
			if next, _ := utf8.DecodeRuneInString(s[i+1:]); i+1 < len(s) && isWordRune(next) && next != '\'' && next != '’' {
				word = true
			}
		}
		if word && start < 0 {
			start = i
		}
		if !word && start >= 0 {
			w := strings.Trim(s[start:i], "'’.")
			if w != "" {
				off := start + strings.Index(s[start:i], w)
				f(strings.ToLower(w), off, off+len(w))
			}
			start = -1
		}
		prevWord = word && r != '.'
		i += size
	}
}

// vocabBuilder counts documents per word during a build, one dictionary
// per analysis (analysisOf the document's language), so that a Spanish
// word is never corrected into an English one. Spanish words are kept
// with their accents folded, as the index compares them.
type vocabBuilder struct {
	mu sync.Mutex
	df map[string]map[string]int32 // analysis -> word -> documents
}

// seenPool holds the maps add uses to count each word once a document.
var seenPool sync.Pool

// add counts the words of one document's texts, in analysis a.
func (v *vocabBuilder) add(a string, texts ...string) {
	n := 0
	for _, t := range texts {
		n += len(t)
	}
	// A map kept from an earlier document, emptied: making one per
	// document (about one new word in 20 bytes of text) and growing it
	// was a third of the dictionary's cost.
	seen, _ := seenPool.Get().(map[string]bool)
	if seen == nil {
		seen = make(map[string]bool, n/20)
	}
	defer func() {
		clear(seen)
		seenPool.Put(seen)
	}()
	for _, t := range texts {
		scanWords(t, func(w string, _, _ int) {
			if len(w) > maxVocabWord {
				return
			}
			w = fold(a, w)
			seen[w] = true
			if strings.Contains(w, ".") {
				for _, part := range strings.Split(w, ".") {
					if part != "" {
						seen[part] = true
					}
				}
			}
		})
	}
	v.mu.Lock()
	if v.df == nil {
		v.df = map[string]map[string]int32{}
	}
	if v.df[a] == nil {
		v.df[a] = map[string]int32{}
	}
	df := v.df[a]
	for w := range seen {
		if c, ok := df[w]; ok {
			df[w] = c + 1
		} else {
			// A copy: the word is a piece of the document's text,
			// which it would otherwise keep in memory to the end of
			// the build (about 5 KB a page).
			df[strings.Clone(w)] = 1
		}
	}
	v.mu.Unlock()
}

// write saves each analysis's dictionary in dir (vocabFileOf). English
// always has one, empty or not, so that an index with a dictionary is
// told from one written before dictionaries.
func (v *vocabBuilder) write(dir string) error {
	for _, a := range analyses {
		if a != "en" && len(v.df[a]) == 0 {
			continue
		}
		if err := writeVocab(filepath.Join(dir, vocabFileOf(a)), v.df[a]); err != nil {
			return err
		}
	}
	return nil
}

// writeVocab saves a dictionary as "word count" lines in word order.
func writeVocab(path string, df map[string]int32) error {
	ws := make([]string, 0, len(df))
	for w := range df {
		ws = append(ws, w)
	}
	sort.Strings(ws)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	b := bufio.NewWriter(f)
	for _, w := range ws {
		fmt.Fprintf(b, "%s %d\n", w, df[w])
	}
	if err := b.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// vocab is the dictionary as a handler uses it.
type vocab struct {
	df     map[string]int32
	sorted []string      // every word, for prefixes
	byLen  [][]vocabWord // words of 4 runes or more by length in runes, for typos
}

type vocabWord struct {
	w     string
	runes []rune
	mask  uint32 // which of a-z it holds (other letters share bit 26)
	df    int32
}

func letterMask(rs []rune) uint32 {
	var m uint32
	for _, r := range rs {
		if r >= 'a' && r <= 'z' {
			m |= 1 << (r - 'a')
		} else {
			m |= 1 << 26
		}
	}
	return m
}

// loadVocab reads the dictionary beside an index. An index written
// before there was one has none: every word then counts as known.
func loadVocab(dir, a string) (*vocab, error) {
	f, err := os.Open(filepath.Join(dir, vocabFileOf(a)))
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readVocab(f)
}

func readVocab(r io.Reader) (*vocab, error) {
	v := &vocab{df: map[string]int32{}}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		w, n, ok := strings.Cut(sc.Text(), " ")
		df, err := strconv.Atoi(n)
		if !ok || err != nil || w == "" {
			return nil, fmt.Errorf("%s:%d: malformed line %q", vocabFile, line, sc.Text())
		}
		v.df[w] = int32(df)
		v.sorted = append(v.sorted, w)
		rs := []rune(w)
		if len(rs) < 4 {
			continue
		}
		for len(v.byLen) <= len(rs) {
			v.byLen = append(v.byLen, nil)
		}
		v.byLen[len(rs)] = append(v.byLen[len(rs)], vocabWord{w, rs, letterMask(rs), int32(df)})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if !slices.IsSorted(v.sorted) {
		slices.Sort(v.sorted)
	}
	return v, nil
}

// hasPrefix reports whether some word other than p itself starts with p.
func (v *vocab) hasPrefix(p string) bool {
	i, _ := slices.BinarySearch(v.sorted, p)
	for ; i < len(v.sorted) && strings.HasPrefix(v.sorted[i], p); i++ {
		if v.sorted[i] != p {
			return true
		}
	}
	return false
}

// maxEdits is how many typos a word as typed may have: none under 5
// letters, where one typo makes another word; one under 9; two from 9.
func maxEdits(w string) int {
	switch n := utf8.RuneCountInString(w); {
	case n >= 9:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

// maxCandidates is how many dictionary words one typed word may stand for.
const maxCandidates = 4

// candidates lists the dictionary words that w may be a typo of, nearest
// first and then the most common, at most maxCandidates of them, and only
// the nearest: none two typos away when one is one typo away. Digits are
// never corrected.
func (v *vocab) candidates(w string) []string {
	k := maxEdits(w)
	if k == 0 || strings.ContainsAny(w, "0123456789") {
		return nil
	}
	rs := []rune(w)
	mask := letterMask(rs)
	type cand struct {
		w  string
		d  int
		df int32
	}
	var found []cand
	for n := max(4, len(rs)-k); n <= len(rs)+k && n < len(v.byLen); n++ {
		for i := range v.byLen[n] {
			c := &v.byLen[n][i]
			// Each edit changes which letters a word holds by at most two.
			if bits.OnesCount32(mask^c.mask) > 2*k {
				continue
			}
			if d := editDistance(rs, c.runes, k); d <= k && d > 0 {
				found = append(found, cand{c.w, d, c.df})
			}
		}
	}
	sort.Slice(found, func(i, j int) bool {
		if found[i].d != found[j].d {
			return found[i].d < found[j].d
		}
		if found[i].df != found[j].df {
			return found[i].df > found[j].df
		}
		return found[i].w < found[j].w
	})
	var out []string
	for _, c := range found[:min(len(found), maxCandidates)] {
		if c.d > found[0].d {
			// A word one typo away is what was meant far more often than
			// one two away, and each correction is searched in full.
			break
		}
		out = append(out, c.w)
	}
	return out
}

// editDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and swaps of two neighbouring
// letters), or k+1 as soon as it must exceed k.
func editDistance(a, b []rune, k int) int {
	if d := len(a) - len(b); d > k || -d > k {
		return k + 1
	}
	// Three rows: the one before the previous, for swaps; on the stack
	// for the words of a search (no more than 64 letters).
	var rows [3][65]int
	if len(b) >= len(rows[0]) {
		return k + 1
	}
	prev2, prev, cur := rows[0][:len(b)+1], rows[1][:len(b)+1], rows[2][:len(b)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			c := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				c = min(c, prev2[j-2]+1)
			}
			cur[j] = c
			rowMin = min(rowMin, c)
		}
		if rowMin > k {
			return k + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
