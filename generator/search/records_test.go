package search

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRecordRoundTrip encodes records and reads them back, and refuses
// a record cut short or with bytes after it.
func TestRecordRoundTrip(t *testing.T) {
	t.Parallel()
	for _, r := range []record{
		{},
		{URL: "/a/", Title: "A", Type: "material", Description: "d", Text: "Line one.\nLine two."},
		{URL: "/org/", Title: "Org", Type: "organization", Text: strings.Repeat("é", 300), Lat: 35.28, Lon: -120.66, HasLoc: true},
	} {
		b := appendRecord(nil, r)
		got, err := parseRecord(b)
		if err != nil {
			t.Fatalf("%+v: %v", r, err)
		}
		if diff := cmp.Diff(r, got); diff != "" {
			t.Errorf("round trip (-want +got):\n%s", diff)
		}
		if _, err := parseRecord(b[:len(b)-1]); err == nil {
			t.Errorf("%+v cut by one byte was read", r)
		}
		if _, err := parseRecord(append(b, 0)); err == nil {
			t.Errorf("%+v with a byte after it was read", r)
		}
	}
}

// TestTextCut checks where the stored text of a page ends: at the end of
// a block or sentence in the second half, else at a word.
func TestTextCut(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"First sentence here. Second one runs on", 30, "First sentence here."},
		{"A heading\nThen a paragraph that runs on", 16, "A heading"},
		{"A heading\nThen a paragraph that runs on", 22, "A heading\nThen a"}, // at a word: the block ends too early
		{"One. Two words in a long sentence", 30, "One. Two words in a long"}, // the sentence ends too early
		{"nospacesatallinthistext", 10, "nospacesat"},
	}
	for _, tt := range tests {
		if got := textCut(tt.s, tt.n); got != tt.want {
			t.Errorf("textCut(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}
