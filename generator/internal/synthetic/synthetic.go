// Package synthetic writes a deterministic, clearly synthetic resource
// library for benchmarks: training materials of about 600 words with
// headings, lists, tables and links, and organizations with phones,
// locations, services and hours. It is a package of its own so that the
// site package's benchmarks and the command's (which run the built binary)
// measure one and the same site.
//
// Nothing in it is real: every title, name and description says it is
// synthetic, phone numbers are in the 555-0100 to 555-0199 range that is reserved for
// fiction, and web addresses are under example.org.
package synthetic

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Options size the site.
type Options struct {
	Materials     int // content/materials/synthetic-N.md
	Organizations int // content/organizations/synthetic-org-N.yaml
	Words         int // words of body text per material (600 if zero)
}

var (
	topics    = []string{"hotline", "reporting", "labor", "safety", "training", "health", "housing", "legal-help", "youth", "screening"}
	audiences = []string{"community-members", "medical-professionals", "law-enforcement", "educators", "service-providers", "students"}
	states    = []string{"CA", "NY", "TX", "WA", "IL", "FL", "GA", "OR", "AZ", "MN"}
	zones     = map[string]string{"CA": "America/Los_Angeles", "NY": "America/New_York", "TX": "America/Chicago", "WA": "America/Los_Angeles",
		"IL": "America/Chicago", "FL": "America/New_York", "GA": "America/New_York", "OR": "America/Los_Angeles", "AZ": "America/Phoenix", "MN": "America/Chicago"}
	common = strings.Fields(`the a of to and in for with on is are be that this as by from at or
		can may will should when what who how if not your their they them it its about after before
		signs trafficking worker employer contact call report help support safety training victim
		survivor shelter referral interview trust language interpreter document identity passport
		wage debt recruitment housing clinic school advocate hotline screening question answer
		listen notice record follow plan service community partner agency county local program`)
	syllables = strings.Fields("ka lo mi ne su ta ri vo pe da ge hu bi zo fa ly qu xe ch st tr pl an or el in us")
)

// Write writes the site into dir (which should be empty): content/site.yaml,
// the home page, the materials section and its pages, and the
// organizations. The same options always give the same bytes.
func Write(dir string, o Options) error {
	if o.Words == 0 {
		o.Words = 600
	}
	g := newGen(o)
	g.dir = dir
	g.write("content/site.yaml", "# SYNTHETIC: generated for benchmarks (package synthetic); nothing here is real.\n"+
		"title: Synthetic library\nbase_url: https://synthetic.example.org/\n")
	g.write("content/_index.md", "---\ntitle: Synthetic library\n---\nA synthetic site generated for benchmarks; none of it is real.\n")
	g.write("content/materials/_index.md", "---\ntitle: Materials\ndescription: Synthetic materials generated for benchmarks.\n---\nSynthetic materials.\n")
	for i := range o.Materials {
		g.write(fmt.Sprintf("content/materials/synthetic-%d.md", i), g.material(i, o))
	}
	if o.Organizations > 0 {
		g.write("content/organizations/_index.md", "---\ntitle: Organizations\ndescription: Synthetic organizations generated for benchmarks.\n---\nSynthetic organizations; none of them exists.\n")
	}
	for i := range o.Organizations {
		g.write(fmt.Sprintf("content/organizations/synthetic-org-%d.yaml", i), g.organization(i))
	}
	return g.err
}

// newGen starts the generator of the site o describes, with its
// vocabulary: a few thousand made-up words besides the common ones, so
// that the search index has a realistic number of terms.
func newGen(o Options) *gen {
	g := &gen{r: rand.New(rand.NewPCG(12, uint64(o.Materials)))}
	for range 4000 {
		var b strings.Builder
		for range 2 + g.r.IntN(3) {
			b.WriteString(syllables[g.r.IntN(len(syllables))])
		}
		g.vocab = append(g.vocab, b.String())
	}
	return g
}

type gen struct {
	r     *rand.Rand
	dir   string
	vocab []string
	err   error
}

func (g *gen) write(name, text string) {
	if g.err != nil {
		return
	}
	p := filepath.Join(g.dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		g.err = err
		return
	}
	g.err = os.WriteFile(p, []byte(text), 0o644)
}

// words returns n words of made-up text: mostly common words, a fifth from
// the larger vocabulary.
func (g *gen) words(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		if g.r.IntN(5) == 0 {
			b.WriteString(g.vocab[g.r.IntN(len(g.vocab))])
		} else {
			b.WriteString(common[g.r.IntN(len(common))])
		}
	}
	return b.String()
}

func (g *gen) sentence(n int) string {
	s := g.words(n)
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (g *gen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *gen) material(i int, o Options) string {
	date := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.r.IntN(2000))
	var b strings.Builder
	fmt.Fprintf(&b, "---\n# SYNTHETIC: generated for benchmarks; nothing here is real.\ntitle: Synthetic material %d\n", i)
	fmt.Fprintf(&b, "description: Synthetic page %d, generated for a benchmark. %s\n", i, g.sentence(12))
	fmt.Fprintf(&b, "date: %s\n", date.Format("2006-01-02"))
	if g.r.IntN(3) == 0 {
		fmt.Fprintf(&b, "lastmod: %s\n", date.AddDate(0, 1+g.r.IntN(12), 0).Format("2006-01-02"))
	}
	fmt.Fprintf(&b, "topics: [%s, %s]\naudience: [%s]\ntags: [tag-%d, tag-%d]\n---\n\n",
		g.pick(topics), g.pick(topics), g.pick(audiences), g.r.IntN(200), g.r.IntN(200))
	left := o.Words
	para := func(n int) {
		n = min(n, max(left, 5))
		for n > 0 {
			k := min(n, 8+g.r.IntN(12))
			b.WriteString(g.sentence(k))
			b.WriteByte(' ')
			n -= k
			left -= k
		}
		b.WriteString("\n\n")
	}
	other := func() int {
		if o.Materials <= 1 {
			return 0
		}
		return g.r.IntN(o.Materials)
	}
	b.WriteString("*This page is synthetic: generated for a benchmark, not written by anyone.*\n\n")
	para(60)
	for h := 1; left > 0; h++ {
		fmt.Fprintf(&b, "## Part %d: %s {#part-%d}\n\n", h, g.words(3), h)
		para(50 + g.r.IntN(40))
		switch h % 4 {
		case 1:
			for k := range 4 {
				fmt.Fprintf(&b, "%d. %s\n", k+1, g.sentence(6))
				left -= 6
			}
			fmt.Fprintf(&b, "5. See [another material](synthetic-%d.md#part-1) and [the list](/materials/).\n\n", other())
		case 2:
			b.WriteString("| Who | When | What |\n|---|---|---|\n")
			for range 3 {
				fmt.Fprintf(&b, "| %s | %s | %s |\n", g.words(2), g.words(2), g.words(4))
				left -= 8
			}
			b.WriteString("\n")
		case 3:
			fmt.Fprintf(&b, "### %s\n\n", g.sentence(3))
			for range 4 {
				fmt.Fprintf(&b, "- %s\n", g.sentence(5))
				left -= 5
			}
			if o.Organizations > 0 && g.r.IntN(2) == 0 {
				fmt.Fprintf(&b, "- Ask [a synthetic organization](/organizations/synthetic-org-%d/).\n", g.r.IntN(o.Organizations))
			}
			b.WriteString("\n")
		case 0:
			fmt.Fprintf(&b, "Read more on [an example site](https://example.org/synthetic/%d) or [material %d](/materials/synthetic-%d/).\n\n", i, other(), other())
		}
	}
	return b.String()
}

func (g *gen) organization(i int) string {
	st := g.pick(states)
	var b strings.Builder
	fmt.Fprintf(&b, "# SYNTHETIC: generated for benchmarks; this organization does not exist.\n")
	fmt.Fprintf(&b, "name: Synthetic Organization %d\n", i)
	fmt.Fprintf(&b, "description: >-\n  A synthetic organization generated for a benchmark. %s\n", g.sentence(20))
	fmt.Fprintf(&b, "website: https://example.org/synthetic-org-%d\n", i)
	fmt.Fprintf(&b, "last_verified: %s\n", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.r.IntN(300)).Format("2006-01-02"))
	fmt.Fprintf(&b, "timezone: %s\n", zones[st])
	fmt.Fprintf(&b, "phones:\n  - number: \"202-555-01%02d\"\n    type: voice\n    description: Synthetic number (555-01xx numbers are reserved for fiction)\n", i%100)
	fmt.Fprintf(&b, "locations:\n  - name: Synthetic office\n    location_type: physical\n    address:\n      address_1: %d Example Street\n      city: Synthetic City %d\n      state_province: %s\n      postal_code: \"00000\"\n      country: US\n", 1+i%900, i%50, st)
	fmt.Fprintf(&b, "    latitude: %.4f\n    longitude: %.4f\n", 30+g.r.Float64()*15, -120+g.r.Float64()*40)
	b.WriteString("services:\n")
	for k := range 1 + g.r.IntN(3) {
		fmt.Fprintf(&b, "  - name: Synthetic service %d\n    description: >-\n      %s\n    eligibility: %s\n", k+1, g.sentence(15), g.sentence(6))
		if g.r.IntN(2) == 0 {
			b.WriteString("    schedules:\n      - byday: MO,TU,WE,TH,FR\n        opens_at: \"09:00\"\n        closes_at: \"17:00\"\n")
		} else {
			b.WriteString("    schedules:\n      - open_24_7: true\n")
		}
	}
	return b.String()
}
