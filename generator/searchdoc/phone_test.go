package searchdoc

import (
	"math/rand/v2"
	"regexp"
	"testing"
)

// phoneRe is the specification of NowrapPhones' hand-written matcher.
var phoneRe = regexp.MustCompile(`\b(?:1-)?\d{3}-\d{3}-\d{4}\b`)

// wantPhones is NowrapPhones as it was written with phoneRe.
func wantPhones(h []byte) []byte {
	var out []byte
	for len(h) > 0 {
		i := 0
		for i < len(h) && h[i] != '<' {
			i++
		}
		out = append(out, phoneRe.ReplaceAll(h[:i], []byte(`<span class="phone">$0</span>`))...)
		h = h[i:]
		j := 0
		for j < len(h) && h[j] != '>' {
			j++
		}
		if j == len(h) {
			out = append(out, h...)
			break
		}
		out = append(out, h[:j+1]...)
		h = h[j+1:]
	}
	return out
}

func TestNowrapPhones(t *testing.T) {
	t.Parallel()
	cases := []string{
		"",
		"Call 1-888-373-7888 now.",
		"Call 888-373-7888.",
		"<p>Text 233733 or 1-888-373-7888</p>",
		`<a href="tel:1-888-373-7888">1-888-373-7888</a>`,
		"11-888-373-7888 and x888-373-7888 and 888-373-78889 and _888-373-7888",
		"1-888-373-7888-1 1-1-888-373-7888 888-373-7888x",
		"é888-373-7888 (888-373-7888) 888-373-788 8883737888",
		"1-888-373-7888",
		"<b>888-373-7888",
		"unclosed <tag 888-373-7888",
	}
	for _, c := range cases {
		if got, want := string(NowrapPhones([]byte(c))), string(wantPhones([]byte(c))); got != want {
			t.Errorf("NowrapPhones(%q):\n got %q\nwant %q", c, got, want)
		}
	}
	// Random text made of the pieces of numbers, against the expression.
	r := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"888-373-", "888-", "373", "7888", "-", "1-", "1", "8", " ", "a", "_", ".", "<", ">", "é", "<a href=\"tel:"}
	matched := 0
	for range 20000 {
		var b []byte
		for range r.IntN(12) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		got, want := string(NowrapPhones(b)), string(wantPhones(b))
		if got != want {
			t.Fatalf("NowrapPhones(%q):\n got %q\nwant %q", b, got, want)
		}
		if got != string(b) {
			matched++
		}
	}
	if matched < 100 {
		t.Errorf("only %d random texts held a number: the test checks too little", matched)
	}
}
