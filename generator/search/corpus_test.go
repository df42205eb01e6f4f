package search

import (
	"bufio"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// corpusPages are pages of the digital.gov corpus with distinctive titles,
// each searched by its title, by a one-letter misspelling of its most
// distinctive word, and by other forms of its words. top is how high the
// page must rank: 1, or more where another page is a genuine match (the
// same title twice, or a near-identical one).
var corpusPages = []struct {
	file, url     string
	typo, stemmed string
	top           int
}{
	{"resources/hurricane-milton-guidance-for-us-government.md", "/resources/hurricane-milton-guidance-for-us-government/",
		"miltn", "milton hurricanes", 1},
	{"resources/antideficiency-act-implications-of-rtain-online-terms-of-service-agreements.md", "/resources/antideficiency-act-implications-of-rtain-online-terms-of-service-agreements/",
		"antideficency", "antideficiency implication", 1},
	{"news/2015/02/2015-02-05-focus-on-nutrition-with-dri-calculator-for-healthcare-professionals-app.md", "/news/2015/02/focus-on-nutrition-with-dri-calculator-for-healthcare-professionals-app/",
		"calculater", "nutrition calculators", 1},
	{"news/2014/07/2014-07-11-why-marketing-to-u-s-hispanics-is-like-the-offside-rule-in-soccer.md", "/news/2014/07/why-marketing-to-u-s-hispanics-is-like-the-offside-rule-in-soccer/",
		"ofside", "marketing hispanic", 1},
	{"news/2014/04/2014-04-14-announcing-fbopen-government-opportunities-made-easier.md", "/news/2014/04/announcing-fbopen-government-opportunities-made-easier/",
		"fbopn", "fbopen opportunity", 1},
	{"news/2023/12/2023-12-09-making-gsa-public-art-collection-more-accessible.md", "/news/2023/12/making-gsa-public-art-collection-more-accessible/",
		"art colection", "art collections", 1},
	{"news/2020/04/2020-04-07-spring-cleaning-tips-for-web-content.md", "/news/2020/04/spring-cleaning-tips-for-web-content/",
		"spring cleanng tips", "spring clean tip", 1},
	{"news/2014/11/2014-11-03-keeping-peace-corps-volunteers-healthy-one-text-at-a-time.md", "/news/2014/11/keeping-peace-corps-volunteers-healthy-one-text-at-a-time/",
		"peace corps volunters", "peace corps volunteer health", 1},
	{"news/2016/07/2016-07-19-unlocking-the-promise-of-broadband-for-all-americans.md", "/news/2016/07/unlocking-the-promise-of-broadband-for-all-americans/",
		"unlockng broadband", "unlock broadband promise", 1},
	// "Using Chatbots To Improve Customer Experience" is nearly the same.
	{"events/2021/02/2021-02-17-how-can-chatbots-improve-customer-experience.md", "/events/2021/02/how-can-chatbots-improve-customer-experience/",
		"chatbts", "chatbot customer experiences", 3},
	// The event and the resource page share the title.
	{"events/2018/06/2018-06-14-usability-testing-with-steve-krug.md", "/events/2018/06/usability-testing-with-steve-krug/",
		"steve krg", "usability tests krug", 2},
	{"resources/usability-testing-with-steve-krug.md", "/resources/usability-testing-with-steve-krug/",
		"steve krg", "usability tests krug", 3},
}

// frontMatterTitle reads the title: line of a Markdown file's front matter.
func frontMatterTitle(t *testing.T, name string) string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "title:"); ok {
			return strings.Trim(strings.TrimSpace(v), `"'`)
		}
	}
	t.Fatalf("%s: no title", name)
	return ""
}

// TestCorpusRelevance checks the ranking of real pages among 4,000.
func TestCorpusRelevance(t *testing.T) {
	h := corpusIndex(t)
	if corpus.count < 2500 {
		t.Errorf("only %d documents indexed from the corpus", corpus.count)
	}
	for _, p := range corpusPages {
		title := frontMatterTitle(t, filepath.Join(corpusDir, "content", p.file))
		for _, s := range []string{title, p.typo, p.stemmed} {
			r := apiSearch(t, h, q(s))
			if !within(r, p.url, p.top) {
				t.Errorf("%q: %s ranks %d, want within the first %d; got %v", s, p.url, rank(r, p.url), p.top, urls(r)[:min(5, len(r.Hits))])
			}
		}
	}
}

// hostileQueries are searches that would be costly or dangerous if the
// words were a query language, or that stretch the limits.
var hostileQueries = map[string]string{
	"star":           "*",
	"regexp":         "/.*/",
	"prefix star":    "a*",
	"stars":          "*a*",
	"field":          "title:x",
	"specials":       `+-&&||!(){}[]^"~*?:\/`,
	"fuzzy syntax":   "hotline~2 referral^10",
	"one letter 255": strings.Repeat("a", 255),
	"long words":     longWords(),
	"twelve long typo words": "governmnt servces dta digtal accesibility websit mobil contnt " +
		"serch usrs agncy informaton",
	"many short words": strings.Repeat("a b c d e f g h i j k l m n o p ", 8),
	"emoji":            "🔥🚨 help 🙏",
	"rtl":              "الاتجار بالبشر מוקד",
	"mixed scripts":    "hotline горячая линия 热线",
	"combining marks":  "cafe\u0301 e\u0301\u0301\u0301\u0301",
	"zero width":       "hot\u200bline\u200d",
	"invalid utf-8":    "hot\xffline\xfe",
	"digits":           "1-888-373-7888 233733 711",
}

// BenchmarkSearch measures searches against the digital.gov index, through
// the handler, as a visitor sends them, without the answer cache (which
// would answer every repeat).
func BenchmarkSearch(b *testing.B) {
	corpusIndex(b)
	h, err := Open(corpus.dir, Options{CacheSize: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer h.Close()
	cases := []struct{ name, q string }{
		{"normal", "customer experience"},
		{"title", "Hurricane Milton guidance for U.S. government websites and social media"},
		{"typo", "custmer experiance"},
		{"prefix", "accessib"},
		{"filter", "plain language&type=news"},
	}
	for name, q := range hostileQueries {
		cases = append(cases, struct{ name, q string }{"hostile/" + name, q})
	}
	for _, c := range cases {
		target := "/api/search?q=" + url.QueryEscape(c.q)
		if c.name == "filter" {
			target = "/api/search?q=plain+language&type=news"
		}
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				w := serve(h, "GET", target)
				if w.Code != 200 && w.Code != 400 {
					b.Fatalf("status %d: %s", w.Code, w.Body)
				}
			}
		})
	}
}

// longWords is 12 different words of 20 letters: as many words as a search
// uses, each as long as fits in the byte limit, and each tolerating two
// typos.
func longWords() string {
	const abc = "abcdefghijklmnopqrstuvwxyz"
	var ws []string
	for i := range maxWords {
		ws = append(ws, (abc + abc)[i:i+20])
	}
	return strings.Join(ws, " ")
}
