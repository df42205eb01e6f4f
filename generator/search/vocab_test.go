package search

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestCandidatesNearestOnly checks that a word one typo away shuts out
// words two typos away, which are still offered when nothing is nearer.
func TestCandidatesNearestOnly(t *testing.T) {
	t.Parallel()
	v, err := readVocab(strings.NewReader("interpreted 90\ninterpreter 50\ninterpreting 40\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		typed string
		want  []string
	}{
		{"intepreter", []string{"interpreter"}},                 // one away; "interpreted" is two
		{"interpretxy", []string{"interpreted", "interpreter"}}, // both two away, commoner first
	} {
		if diff := cmp.Diff(c.want, v.candidates(c.typed)); diff != "" {
			t.Errorf("candidates(%q) (-want +got):\n%s", c.typed, diff)
		}
	}
}
