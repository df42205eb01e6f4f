package search

import (
	"strings"
	"testing"
)

// corpusQueries are searches a visitor of digital.gov might type, with the
// page each is looking for: chosen by reading the corpus, not by running
// the search. Some are misspelt, as typed. Where two pages are equally
// right (an event and its recording share a title), want lists both.
var corpusQueries = []struct{ q, want string }{
	{"plain language guidelines", "/resources/federal-plain-language-guidelines/"},
	{"introduction to plain language", "/resources/an-introduction-to-plain-language/"},
	{"plain writing act", "/resources/plain-writing-act-of-2010/"},
	{"data.gov", "/services/data-gov/"},
	{"login.gov", "/services/service_logingov/"},
	{"challenge.gov", "/services/challenge-gov/"},
	{"search.gov", "/services/search/"},
	{"fedramp", "/services/service_fedramp/"},
	{"digital analytics program", "/services/service_dap/ /guides/dap/"},
	{"touchpoints", "/services/service_touchpoints/"},
	{"us web design system", "/services/service_uswds/ /communities/uswds/"}, // both titled "U.S. Web Design System"
	{"uswds maturity model", "/resources/uswds-maturity-model/ /news/2019/12/uswds-maturity-model/"},
	{"steve krug usability testing", "/resources/usability-testing-with-steve-krug/ /events/2018/06/usability-testing-with-steve-krug/"},
	{"open data on data.gov", "/resources/how-to-get-your-open-data-on-data-gov/"},
	{"paperwork reduction act fast track", "/resources/paperwork-reduction-act-fast-track-process/"},
	{"coppa children's privacy", "/resources/childrens-online-privacy-protection-rule-coppa/"},
	{"hurricane helene", "/resources/hurricane-helene-guidance-for-us-government/"},
	{"hurricane milton guidance", "/resources/hurricane-milton-guidance-for-us-government/"},
	{"robotic process automation guide", "/resources/guide-to-robotic-process-automation/"},
	{"web analytics playbook", "/guides/web-analytics-playbook/"},
	{"introduction to accessibility", "/resources/an-introduction-to-accessibility/"},
	{"how to test websites for accessibility", "/resources/how-test-websites-for-accessibility/"},
	{"contact center guidelines", "/resources/contact-center-guidelines/"},
	{"multilingual websites best practices", "/resources/top-10-best-practices-for-multilingual-websites/"},
	{"spanish style guide", "/resources/spanish-language-style-guide-and-glossaries/"},
	{"qr codes", "/resources/introduction-to-qr-codes/ /news/2013/02/qr-codes/"},
	{"digital millennium copyright act", "/resources/digital-millennium-copyright-act/"},
	{"no fear act", "/resources/no-fear-act/"},
	{"21st century integrated digital experience act", "/resources/delivering-digital-first-public-experience/"},
	{"moving to .gov", "/resources/moving-to-gov/"},
	{"introduction to podcasts", "/resources/an-introduction-to-podcasts/"},
	{"customer experience toolkit", "/resources/customer-experience-toolkit/"},
	{"stakeholder interview checklist", "/resources/stakeholder-user-interview-checklist/"},
	{"design systems introduction", "/resources/introduction-to-design-systems/"},
	// Misspelt.
	{"plain langauge guidelines", "/resources/federal-plain-language-guidelines/"},
	{"accesibility for teams", "/guides/accessibility-for-teams/"},
	{"paperwork reducton act fast track", "/resources/paperwork-reduction-act-fast-track-process/"},
	{"robotic proces automation", "/resources/guide-to-robotic-process-automation/ /guides/rpa/"},
	{"multilingal glossaries", "/resources/introduction-to-multilingual-glossaries/"},
	{"trademark law", "/resources/u-s-trademark-law/"},
}

// TestCorpusQueries measures how often the page a visitor looks for comes
// first (hit@1) and the mean reciprocal rank of it within the first 10,
// over corpusQueries, and asserts floors: the exact ranks may move as the
// ranking is tuned, but not the whole.
func TestCorpusQueries(t *testing.T) {
	h := corpusIndex(t)
	var first int
	var mrr float64
	for _, c := range corpusQueries {
		r := apiSearch(t, h, q(c.q))
		k := 0
		for _, u := range strings.Fields(c.want) {
			if n := rank(r, u); n > 0 && (k == 0 || n < k) {
				k = n
			}
		}
		if k == 1 {
			first++
		}
		if k > 0 {
			mrr += 1 / float64(k)
		}
		if k != 1 {
			t.Logf("%q: %s ranks %d; first %v", c.q, c.want, k, urls(r)[:min(3, len(r.Hits))])
		}
	}
	n := float64(len(corpusQueries))
	hit1, mrr := float64(first)/n, mrr/n
	t.Logf("%d queries: hit@1 %.2f, MRR %.2f", len(corpusQueries), hit1, mrr)
	if hit1 < 0.8 || mrr < 0.85 {
		t.Errorf("hit@1 %.2f, MRR %.2f: below the floor of 0.80 and 0.85", hit1, mrr)
	}
}
