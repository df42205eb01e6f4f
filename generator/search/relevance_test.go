package search

import (
	"net/url"
	"strings"
	"testing"
)

// The relevance tests search the bundled site as a visitor would. Their
// expectations come from reading content/: which page a person typing
// these words is looking for.

// within reports whether url is among the first n hits.
func within(r *Result, url string, n int) bool {
	k := rank(r, url)
	return k > 0 && k <= n
}

// TestTitlesRankFirst searches each indexed page by its title: the page
// must come first, or, where several pages share the title, they must come
// first together.
func TestTitlesRankFirst(t *testing.T) {
	h := bundledIndex(t)
	facets := apiSearch(t, h, q("hotline")).Facets["type"]
	byTitle := map[string][]string{}
	n := 0
	for _, f := range facets {
		for _, hit := range all(t, url.Values{"type": {f.Value}}).Hits {
			byTitle[hit.Title] = append(byTitle[hit.Title], hit.URL)
			n++
		}
	}
	if n < 15 {
		t.Fatalf("only %d documents listed; the bundled site has more", n)
	}
	for title, want := range byTitle {
		r := apiSearch(t, h, q(title))
		for _, u := range want {
			if !within(r, u, len(want)) {
				t.Errorf("%q: %s ranks %d, want first (of %d with this title); got %v", title, u, rank(r, u), len(want), urls(r))
			}
		}
		// Lower case and no punctuation, as people type.
		typed := strings.Join(words(title), " ")
		r = apiSearch(t, h, q(typed))
		for _, u := range want {
			if !within(r, u, len(want)) {
				t.Errorf("%q: %s ranks %d, want first; got %v", typed, u, rank(r, u), urls(r))
			}
		}
	}
}

// relevance is a search and the pages it must rank near the top.
type relevance struct {
	q    string
	top  int      // each wanted page must rank within the first top hits
	urls []string // in no particular order
	why  string
}

func runRelevance(t *testing.T, cases []relevance) {
	h := bundledIndex(t)
	for _, tc := range cases {
		t.Run(tc.q, func(t *testing.T) {
			r := apiSearch(t, h, q(tc.q))
			for _, u := range tc.urls {
				if !within(r, u, tc.top) {
					t.Errorf("%s ranks %d, want within the first %d (%s); got %v", u, rank(r, u), tc.top, tc.why, urls(r))
				}
			}
		})
	}
}

const (
	hotline      = "/hotline/"
	glossary     = "/glossary/"
	callTypes    = "/call-types/"
	services     = "/services-and-hours/"
	browsing     = "/browsing-safely/"
	lawGuide     = "/materials/for-law-enforcement/"
	medicalGuide = "/materials/for-medical-professionals/"
	sixCallTypes = "/materials/the-six-call-types/"
	urgentGuide  = "/materials/urgent-and-non-urgent-requests/"
	whatHappens  = "/materials/what-happens-when-you-call/"
	whoCanCall   = "/materials/who-can-call/"
	nhtrc        = "/organizations/nhtrc/"
	polaris      = "/organizations/polaris-project/"
)

// TestTypos checks that one or two wrong letters find what the right
// spelling finds.
func TestTypos(t *testing.T) {
	runRelevance(t, []relevance{
		{"hotlne", 1, []string{hotline}, "the page titled National Human Trafficking Hotline"},
		{"refferals", 1, []string{lawGuide}, "the only title with referrals"},
		{"refferals", 5, []string{glossary, callTypes}, "their headings Referral and Referral requests"},
		{"glosary", 1, []string{glossary}, "the glossary"},
		{"polaris projet", 1, []string{polaris}, "the organization"},
		{"wallet crad", 1, []string{whoCanCall}, "the page with the printable wallet card"},
		{"browsing safly", 1, []string{browsing}, "its title"},
		{"coersion", 1, []string{glossary}, "the glossary defines coercion"},
		{"urgnt", 1, []string{urgentGuide}, "urgent in its title"},
		{"trafficing", 2, []string{hotline, nhtrc}, "titled National Human Trafficking Hotline"},
	})
	// A typo costs little: the typo finds first what the right word finds
	// first, and for a word whose stem survives the typo, the same pages
	// near the top. ("browsng" does not stem like "browsing", so it is
	// found in titles and headings only.)
	h := bundledIndex(t)
	for _, pair := range []struct {
		right, typo string
		same        int
	}{
		{"trafficking", "trafficing", 5},
		{"trafficking", "traficking", 5},
		{"hotline", "hotlne", 5},
		{"glossary", "glosary", 1},
		{"browsing", "browsng", 1},
		{"referrals", "referrels", 3},
	} {
		right, typo := apiSearch(t, h, q(pair.right)), apiSearch(t, h, q(pair.typo))
		if len(typo.Hits) == 0 || typo.Hits[0].URL != right.Hits[0].URL {
			t.Errorf("%q finds %v first, %q finds %v", pair.right, urls(right), pair.typo, urls(typo))
			continue
		}
		for _, u := range urls(right)[:min(pair.same, len(right.Hits))] {
			if !within(typo, u, pair.same+2) {
				t.Errorf("%q: %s ranks %d, but %d for %q", pair.typo, u, rank(typo, u), rank(right, u), pair.right)
			}
		}
	}
	// Short words are left alone: one typo makes another word.
	if r := apiSearch(t, h, q("tip")); rank(r, "/organizations/") > 0 {
		t.Errorf("tip matched the directory page by a typo: %v", urls(r))
	}
}

// TestStems checks that other forms of a word find it.
func TestStems(t *testing.T) {
	runRelevance(t, []relevance{
		{"referral", 1, []string{lawGuide}, "the only title with referrals"},
		{"referral", 3, []string{glossary, callTypes}, "their headings Referral and Referral requests"},
		// Four titles hold "call" or "calls"; they come before pages that
		// only mention calls.
		{"calling", 4, []string{whatHappens, whoCanCall, sixCallTypes, callTypes}, "call in their titles"},
		{"nurse", 1, []string{medicalGuide}, "for nurses"},
		{"browse", 1, []string{browsing}, "Browsing safely"},
		{"handled", 1, []string{callTypes}, "Types of calls the hotline handles"},
		{"survivors", 1, []string{glossary}, "its heading Survivor"},
		{"requesting", 1, []string{urgentGuide}, "Urgent and non-urgent requests"},
		{"crises", 1, []string{callTypes}, "its heading Crisis calls"},
	})
}

// TestPrefixes checks search as you type: the last word, unfinished, finds
// titles and headings that start with it.
func TestPrefixes(t *testing.T) {
	runRelevance(t, []relevance{
		{"traff", 5, []string{hotline, nhtrc}, "Trafficking in their titles"},
		{"servi", 1, []string{services}, "Services and hours"},
		{"glos", 1, []string{glossary}, "Glossary"},
		{"polar", 1, []string{polaris}, "Polaris Project"},
		{"wallet ca", 1, []string{whoCanCall}, "its heading Printable wallet card"},
		{"urgent and non-urg", 1, []string{urgentGuide}, "Urgent and non-urgent requests"},
		{"services and h", 1, []string{services}, "Services and hours"},
		{"browsing saf", 1, []string{browsing}, "Browsing safely"},
		{"who can c", 1, []string{whoCanCall}, "Who can call and how"},
		{"six call ty", 1, []string{sixCallTypes}, "The six call types"},
	})
	// What a prefix finds, the whole word finds too.
	h := bundledIndex(t)
	whole := urlSet(apiSearch(t, h, url.Values{"q": {"trafficking"}, "size": {"50"}}))
	for _, hit := range apiSearch(t, h, url.Values{"q": {"traff"}, "size": {"50"}}).Hits {
		if !whole[hit.URL] {
			t.Errorf("traff finds %s, trafficking does not", hit.URL)
		}
	}
	// One letter is not a prefix: it would match most of the index.
	if r := apiSearch(t, h, q("t")); r.Total != 0 {
		t.Errorf("t: %d results, want none", r.Total)
	}
}

// TestRelevanceMisc checks other searches people make on this site.
func TestRelevanceMisc(t *testing.T) {
	runRelevance(t, []relevance{
		{"quick exit", 1, []string{browsing}, "its heading The quick-exit button"},
		{"private browsing", 1, []string{browsing}, "its heading Use private browsing"},
		{"clear your history", 1, []string{browsing}, "its heading Clear your history"},
		{"discussion questions", 1, []string{sixCallTypes}, "the trainer's handout ends with them"},
		{"crisis", 1, []string{callTypes}, "its heading Crisis calls"},
		{"who runs the hotline", 3, []string{hotline}, "its heading Who runs and funds the hotline"},
		{"nhtrc", 2, []string{nhtrc}, "the hotline's alternate name"},
		{"National Human Trafficking Resource Center", 3, []string{nhtrc, hotline}, "the hotline's full name"},
		// An initialism typed without its periods, and with them: the two
		// organizations say "U.S." and never "us".
		{"us department of health", 4, []string{hotline, sixCallTypes, nhtrc, polaris}, "funded by the U.S. Department of Health and Human Services"},
		{"U.S. department of health", 4, []string{hotline, sixCallTypes, nhtrc, polaris}, "funded by the U.S. Department of Health and Human Services"},
		// No page has every word: pages with some of them.
		{"hotline zanzibar", 1, []string{hotline}, "zanzibar is nowhere"},
	})
}
