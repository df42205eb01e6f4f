package search

import (
	"testing"
	"unicode"
)

// isWordRune's ASCII shortcut gives the answer of its Unicode definition.
func TestIsWordRuneASCII(t *testing.T) {
	t.Parallel()
	for r := rune(0); r < 0x80; r++ {
		want := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == '\'' || r == '’'
		if got := isWordRune(r); got != want {
			t.Errorf("isWordRune(%q) = %v, want %v", r, got, want)
		}
	}
}

func TestScanWords(t *testing.T) {
	t.Parallel()
	type word struct {
		w          string
		start, end int
	}
	var got []word
	s := "Call data.gov's Línea, U.S. 'quoted' niño’s 24/7 x."
	scanWords(s, func(w string, start, end int) { got = append(got, word{w, start, end}) })
	want := []word{{"call", 0, 4}, {"data.gov's", 5, 15}, {"línea", 16, 22}, {"u.s", 24, 27},
		{"quoted", 30, 36}, {"niño’s", 38, 47}, {"24", 48, 50}, {"7", 51, 52}, {"x", 53, 54}}
	if len(got) != len(want) {
		t.Fatalf("scanWords(%q) = %v, want %v", s, got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("word %d = %v, want %v", i, got[i], want[i])
		}
	}
}
