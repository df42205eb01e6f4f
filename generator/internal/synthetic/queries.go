package synthetic

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Queries returns n searches a visitor of the site o describes might type,
// made of its words, always the same for the same o and n: made-up words
// alone and beside a common word, common words alone (which match nearly
// every page), titles, and words being typed (their first letters). One
// in five has a typo in a word of five letters or more. They are many and
// mostly different, so that an answer cache cannot stand in for search.
func Queries(o Options, n int) []string {
	g := newGen(o)
	r := rand.New(rand.NewPCG(99, uint64(n)))
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	// Words that say something: the common list without its stop words.
	var content []string
	for _, w := range common {
		if len(w) >= 4 {
			content = append(content, w)
		}
	}
	out := make([]string, 0, n)
	for range n {
		var q string
		switch k := r.IntN(20); {
		case k < 6:
			q = pick(g.vocab)
		case k < 10:
			q = pick(content) + " " + pick(g.vocab)
		case k < 13:
			q = pick(content)
		case k < 15:
			q = pick(content) + " " + pick(content)
		case k < 17 && o.Materials > 0:
			q = fmt.Sprintf("synthetic material %d", r.IntN(o.Materials))
		case k < 18 && o.Organizations > 0:
			q = fmt.Sprintf("synthetic organization %d", r.IntN(o.Organizations))
		default:
			w := pick(g.vocab)
			q = w[:min(len(w), 3+r.IntN(3))]
		}
		if r.IntN(5) == 0 {
			q = typo(r, q)
		}
		out = append(out, q)
	}
	return out
}

// typo changes one letter of the first word of five letters or more in q:
// a letter left out, doubled, swapped with the next or replaced.
func typo(r *rand.Rand, q string) string {
	ws := strings.Fields(q)
	for i, w := range ws {
		if len(w) < 5 {
			continue
		}
		at := 1 + r.IntN(len(w)-2)
		switch r.IntN(4) {
		case 0:
			w = w[:at] + w[at+1:]
		case 1:
			w = w[:at] + w[at:at+1] + w[at:]
		case 2:
			w = w[:at] + w[at+1:at+2] + w[at:at+1] + w[at+2:]
		default:
			w = w[:at] + string(rune('a'+r.IntN(26))) + w[at+1:]
		}
		ws[i] = w
		break
	}
	return strings.Join(ws, " ")
}
