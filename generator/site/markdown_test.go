package site

import (
	"strings"
	"testing"
)

// wordCases are the separators strings.Fields knows: ASCII spaces, the
// Unicode ones (NEL, no-break space, ideographic space), and bytes that
// are not UTF-8, which are part of a word.
var wordCases = []string{
	"", " ", "one", " one  two\tthree\nfour\r\n", "a\vb\fc", "a\u0085b\u00a0c\u3000d", "\xff \xfe\xfd x",
	"é è\u2003ü", "  leading", "trailing  ", "data.gov, U.S. — 24/7",
}

func TestCountWords(t *testing.T) {
	for _, s := range wordCases {
		if got, want := countWords(s), len(strings.Fields(s)); got != want {
			t.Errorf("countWords(%q) = %d, want %d (strings.Fields)", s, got, want)
		}
	}
}

func FuzzCountWords(f *testing.F) {
	for _, s := range wordCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := countWords(s), len(strings.Fields(s)); got != want {
			t.Errorf("countWords(%q) = %d, want %d (strings.Fields)", s, got, want)
		}
	})
}
