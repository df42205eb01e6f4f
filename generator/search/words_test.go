package search

import (
	"slices"
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

func TestInitialism(t *testing.T) {
	for _, tc := range []struct {
		w, want string
		ok      bool
	}{
		{"u.s", "us", true},
		{"d.c", "dc", true},
		{"e.g", "eg", true},
		{"u.s.a", "usa", true},
		{"é.u", "éu", true},
		{"data.gov", "", false}, // a dotted name, not letters
		{"u.sa", "", false},
		{"2.0", "", false}, // a version, not an initialism
		{"a.1", "", false},
		{"u", "", false},
		{"u..s", "", false},
		{"", "", false},
	} {
		got, ok := initialism(tc.w)
		if got != tc.want || ok != tc.ok {
			t.Errorf("initialism(%q) = %q, %v; want %q, %v", tc.w, got, ok, tc.want, tc.ok)
		}
	}
}

func TestTitleKeys(t *testing.T) {
	for _, tc := range []struct {
		a, title string
		want     []string
	}{
		{"en", "U.S. Web Design System", []string{"u.s web design system", "us web design system"}},
		{"en", "Data.gov", []string{"data.gov"}},
		{"en", "Version 2.0 notes", []string{"version 2.0 notes"}},
		{"es", "Departamento de Salud de los EE. UU.", []string{"departamento de salud los ee uu"}}, // each word once, as a query takes them
	} {
		if got := titleKeys(tc.a, tc.title); !slices.Equal(got, tc.want) {
			t.Errorf("titleKeys(%q, %q) = %q, want %q", tc.a, tc.title, got, tc.want)
		}
	}
}
