package diag

import (
	"errors"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestProblemError(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    Problem
		want string
	}{
		{
			name: "full position and hint",
			p:    Problem{File: "content/x.md", Line: 3, Col: 7, Msg: "bad", Hint: "fix it"},
			want: "content/x.md:3:7: error: bad (fix it)",
		},
		{
			name: "no column",
			p:    Problem{File: "content/x.md", Line: 3, Msg: "bad"},
			want: "content/x.md:3: error: bad",
		},
		{
			name: "no line",
			p:    Problem{File: "content/x.md", Col: 7, Severity: Warning, Msg: "odd"},
			want: "content/x.md: warning: odd",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.Error(); got != tc.want {
				t.Errorf("Error() = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestListSorted(t *testing.T) {
	var l List
	l.Errorf("b.md", 1, 1, "b1")
	l.Warnf("a.md", 10, 2, "a10")
	l.Errorf("a.md", 2, 5, "a2 col5")
	l.Errorf("a.md", 2, 3, "a2 col3 z")
	l.Errorf("a.md", 2, 3, "a2 col3 a")
	l.Errorf("a.md", 2, 3, "a2 col3 a") // an exact repeat is dropped
	want := []Problem{
		{File: "a.md", Line: 2, Col: 3, Msg: "a2 col3 a"},
		{File: "a.md", Line: 2, Col: 3, Msg: "a2 col3 z"},
		{File: "a.md", Line: 2, Col: 5, Msg: "a2 col5"},
		{File: "a.md", Line: 10, Col: 2, Severity: Warning, Msg: "a10"},
		{File: "b.md", Line: 1, Col: 1, Msg: "b1"},
	}
	if diff := cmp.Diff(want, l.Sorted()); diff != "" {
		t.Errorf("Sorted mismatch (-want +got):\n%s", diff)
	}
}

func TestListCountAndErr(t *testing.T) {
	for _, tc := range []struct {
		name         string
		add          func(l *List)
		wantErrors   int
		wantWarnings int
		wantErr      string // "" means Err returns nil
	}{
		{name: "empty", add: func(*List) {}},
		{
			name:         "warnings only",
			add:          func(l *List) { l.Warnf("x.md", 1, 1, "w1"); l.Warnf("x.md", 2, 1, "w2") },
			wantWarnings: 2,
		},
		{
			name: "errors and warnings",
			add: func(l *List) {
				l.Errorf("y.md", 4, 2, "second")
				l.Warnf("x.md", 1, 1, "careful")
				l.Add(Problem{File: "x.md", Line: 3, Col: 1, Msg: "first", Hint: "do this"})
			},
			wantErrors:   2,
			wantWarnings: 1,
			wantErr: "x.md:1:1: warning: careful\n" +
				"x.md:3:1: error: first (do this)\n" +
				"y.md:4:2: error: second",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var l List
			tc.add(&l)
			e, w := l.Count()
			if e != tc.wantErrors || w != tc.wantWarnings {
				t.Errorf("Count() = %d, %d; want %d, %d", e, w, tc.wantErrors, tc.wantWarnings)
			}
			err := l.Err()
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("Err() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Err() = nil, want %q", tc.wantErr)
			}
			if got := err.Error(); got != tc.wantErr {
				t.Errorf("Err() mismatch (-want +got):\n%s", cmp.Diff(tc.wantErr, got))
			}
			var le *ListError
			if !errors.As(err, &le) || len(le.Problems) != tc.wantErrors+tc.wantWarnings {
				t.Errorf("Err() = %#v, want a *ListError with every problem", err)
			}
		})
	}
}

func TestListMergeAndConcurrency(t *testing.T) {
	var a, b List
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() { a.Errorf("a.md", i+1, 1, "e") })
	}
	wg.Wait()
	b.Warnf("b.md", 1, 1, "w")
	b.Merge(&a)
	if e, w := b.Count(); e != 50 || w != 1 {
		t.Errorf("after Merge, Count() = %d, %d; want 50, 1", e, w)
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"title", "description", "date", "draft", "tags", "url", "id", "weight"}
	for _, tc := range []struct {
		word string
		want string
	}{
		{"tittle", "title"}, // one letter too many
		{"titel", "title"},  // two letters swapped
		{"tilte", "title"},  // two letters swapped
		{"Title", "title"},  // only the case differs
		{"descripton", "description"},
		{"desciption", "description"},
		{"drafts", "draft"},
		{"tag", "tags"},
		{"wieght", "weight"},
		{"title", ""},      // the word itself is no typo
		{"author", ""},     // unrelated
		{"categories", ""}, // unrelated
		{"summary", ""},    // unrelated
		{"is", ""},         // "id" is too short for a one-letter edit to be a likely typo
		{"d", ""},          // very short
		{"ix", ""},         // "id" is too short
		{"", ""},
	} {
		t.Run(tc.word, func(t *testing.T) {
			if got := Suggest(tc.word, known); got != tc.want {
				t.Errorf("Suggest(%q) = %q, want %q", tc.word, got, tc.want)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"title", "title", 0},
		{"titel", "title", 1},
		{"tittle", "title", 1},
		{"kitten", "sitting", 3},
		{"café", "cafe", 1}, // runes, not bytes
		{string(make([]byte, 65)), "x", 64},
	} {
		t.Run(tc.a+"/"+tc.b, func(t *testing.T) {
			if got := editDistance(tc.a, tc.b); got != tc.want {
				t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
			}
		})
	}
}
