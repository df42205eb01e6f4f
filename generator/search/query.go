package search

import (
	"errors"
	"fmt"
	"github.com/RoaringBitmap/roaring/v2"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Limits of a request.
const (
	maxQueryBytes = 256
	maxWords      = 12 // more words add nothing but cost
	maxFuzzyWords = 6  // words after the sixth are matched as typed
	maxSize       = 50
	defaultSize   = 10
	maxResults    = 1000 // page * size may not reach past this
	maxFilters    = 20   // values of all filters together
	maxWithinKM   = 5000.0
	defaultWithin = 50.0
)

// params is a parsed, validated request.
type params struct {
	Q        string
	Words    []string
	Filters  map[string][]string // param name -> values
	Near     *point
	WithinKM float64
	Page     int
	Size     int
	Lang     string
	NoFacets bool // facets=0: the search box needs only hits
	html     bool // for the results page
	// AllLanguages (language=all) widens a search to every language.
	AllLanguages bool
	// set by the handler: the analysis of the search's words, and the
	// language the results are kept to ("" for all)
	analysis string
	keepLang string
	// mixed: the results may be in several languages, so each word
	// also matches its stems in the other languages' analysis
	mixed bool
}

type point struct{ Lat, Lon float64 }

// cacheKey names the answer to p: two requests with the same key get the
// same answer from the same index.
func (p params) cacheKey() string {
	near := ""
	if p.Near != nil {
		near = fmt.Sprintf("%g,%g,%g", p.Near.Lat, p.Near.Lon, p.WithinKM)
	}
	// fmt prints a map's keys in order.
	return fmt.Sprintf("%t|%t|%t|%d|%d|%q|%q|%v|%q", p.html, p.NoFacets, p.AllLanguages, p.Page, p.Size, p.Lang, near, p.Filters, p.Q)
}

// badRequest is an error that the visitor can fix; its text says how.
type badRequest struct{ msg string }

func (e badRequest) Error() string { return e.msg }

func badf(format string, args ...any) error { return badRequest{fmt.Sprintf(format, args...)} }

// parseParams reads and checks a query string.
func parseParams(v url.Values) (params, error) {
	p := params{Filters: map[string][]string{}, Page: 1, Size: defaultSize}
	q := strings.TrimSpace(v.Get("q"))
	if len(q) > maxQueryBytes {
		return p, badf("the search text is %d bytes long; the limit is %d", len(q), maxQueryBytes)
	}
	if strings.ContainsRune(q, 0) {
		return p, badf("the search text contains a NUL character")
	}
	p.Q = q
	p.Words = words(q)
	n := 0
	for _, f := range facetFields {
		for _, val := range v[f.param] {
			val = strings.ToLower(strings.TrimSpace(val))
			if val == "" {
				continue
			}
			if len(val) > 100 {
				return p, badf("the %s filter is too long", f.param)
			}
			if f.param == "language" && val == "all" {
				p.AllLanguages = true
				continue
			}
			n++
			p.Filters[f.param] = append(p.Filters[f.param], val)
		}
	}
	if n > maxFilters {
		return p, badf("too many filters: %d (the limit is %d)", n, maxFilters)
	}
	var err error
	if p.Page, err = intParam(v, "page", 1); err != nil {
		return p, err
	}
	if p.Size, err = intParam(v, "size", defaultSize); err != nil {
		return p, err
	}
	if p.Size < 1 || p.Size > maxSize {
		return p, badf("size must be from 1 to %d, not %d", maxSize, p.Size)
	}
	if p.Page < 1 {
		return p, badf("page must be 1 or more, not %d", p.Page)
	}
	if p.Page > maxResults/p.Size { // not p.Page*p.Size, which can wrap around
		return p, badf("page %d with %d results a page reaches past result %d, the last one shown; narrow the search instead", p.Page, p.Size, maxResults)
	}
	if near := v.Get("near"); near != "" {
		pt, err := parsePoint(near)
		if err != nil {
			return p, err
		}
		p.Near = &pt
		p.WithinKM = defaultWithin
		if w := v.Get("within"); w != "" {
			km, err := strconv.ParseFloat(w, 64)
			if err != nil || math.IsNaN(km) || km <= 0 || km > maxWithinKM {
				return p, badf("within must be a distance in kilometres from 0 to %g, not %q", maxWithinKM, w)
			}
			p.WithinKM = km
		}
	} else if v.Get("within") != "" {
		return p, badf("within needs near=LAT,LON")
	}
	p.Lang = strings.ToLower(v.Get("lang"))
	p.NoFacets = v.Get("facets") == "0"
	return p, nil
}

func intParam(v url.Values, name string, def int) (int, error) {
	s := v.Get(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		var ne *strconv.NumError
		if errors.As(err, &ne) && errors.Is(ne.Err, strconv.ErrRange) {
			return 0, badf("%s is too large", name)
		}
		return 0, badf("%s must be a whole number, not %q", name, s)
	}
	return n, nil
}

func parsePoint(s string) (point, error) {
	a, b, ok := strings.Cut(s, ",")
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if !ok || err1 != nil || err2 != nil || math.IsNaN(lat) || math.IsNaN(lon) ||
		lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return point{}, badf("near must be LAT,LON in degrees, such as near=35.28,-120.66, not %q", s)
	}
	return point{lat, lon}, nil
}

// words splits the visitor's text into words: letters and digits, with a
// dot kept between two of them ("data.gov"), so that no character has a
// meaning to the index. Repeated words count once.
func words(q string) []string {
	seen := map[string]bool{}
	var out []string
	scanWords(q, func(w string, _, _ int) {
		if seen[w] || len(out) == maxWords {
			return
		}
		seen[w] = true
		out = append(out, w)
	})
	return out
}

// field weights: a word in the title counts most.
var weights = []struct {
	field string
	boost float64
}{
	{fTitle, 6},
	{fHeadings, 3},
	{fDescription, 2.5},
	{fBody, 1},
}

// A typo's correction counts a little less than a word as typed.
const candidateBoost = 0.7

// wordPlan is how one word of a search is matched.
type wordPlan struct {
	word       string
	stems      []string // what the index's analysis makes of it
	stop       bool     // a word such as "the": optional
	prefix     bool     // the last word: also the start of a title or heading word
	candidates []string // dictionary words it may be a typo of
	candStems  [][]string
	// otherStems are its stems in the other languages' analyses, for a
	// search widened to every language
	otherStems [][]string
	// common: the word is in most documents, and lacking lists those
	// without it (common.go): it is matched by excluding them
	common  bool
	lacking *roaring.Bitmap
}

// plan decides, for each word, what it matches: exactly, when the
// dictionary has it; as the start of a word, when it is the last word and
// some word starts with it; otherwise as a typo of the nearest dictionary
// words (and then also exactly, since its stem may still be right). Typo
// tolerance applies to the word as typed, never to its stem. A word the
// dictionary has in one or two pages only, close to a much commoner word,
// is also taken as a possible typo of that word.
//
// Words are analysed, looked up and corrected in the search's language
// (p.analysis): a Spanish search against the Spanish dictionary, with
// accents folded.
func (h *index) plan(p params) []wordPlan {
	var out []wordPlan
	a := p.analysis
	if a == "" {
		a = "en"
	}
	an, voc := h.analyzer[a], h.vocab[a]
	for i, w := range p.Words {
		w = fold(a, w)
		wp := wordPlan{word: w, stems: analyze(an, w)}
		wp.stop = len(wp.stems) == 0
		if wp.stop && utf8.RuneCountInString(w) < 2 {
			continue // "a", "i": too common to find anything by
		}
		last := i == len(p.Words)-1
		wp.prefix = last && utf8.RuneCountInString(w) >= 2
		if !wp.stop && voc != nil && i < maxFuzzyWords {
			df := voc.df[w]
			switch {
			case df == 0 && wp.prefix && voc.hasPrefix(w):
				// Being typed: "traff".
			case df == 0:
				wp.candidates = voc.candidates(w)
			case df < 3:
				for _, c := range voc.candidates(w) {
					if voc.df[c] >= 10*df+10 {
						wp.candidates = append(wp.candidates, c)
					}
				}
			}
		}
		for _, c := range wp.candidates {
			wp.candStems = append(wp.candStems, analyze(an, c))
		}
		if !p.mixed && !wp.stop {
			// Its stems and its corrections' stems: common if the table
			// says which documents lack them all (common.go).
			wp.lacking = h.lackingWord(a, w, wp.prefix, append([][]string{wp.stems}, wp.candStems...))
			wp.common = wp.lacking != nil
		}
		if p.mixed && !wp.stop {
			for _, o := range analyses {
				if o == a || h.analyzer[o] == nil {
					continue
				}
				if st := analyze(h.analyzer[o], w); len(st) > 0 && !slices.Equal(st, wp.stems) {
					wp.otherStems = append(wp.otherStems, st)
				}
			}
		}
		out = append(out, wp)
	}
	return out
}

// analyze is what the index's analysis makes of a word as a query: its
// stem, or nothing for a stop word.
func analyze(an analysis.Analyzer, w string) []string {
	var out []string
	for _, t := range an.Analyze([]byte(w)) {
		out = append(out, string(t.Term))
	}
	return out
}

// termsQuery matches the analysed terms of one form of a word in a field:
// all of them, where a word analyses into several.
func termsQuery(terms []string, field string, boost float64) query.Query {
	var qs []query.Query
	for _, t := range terms {
		tq := bleve.NewTermQuery(t)
		tq.SetField(field)
		tq.SetBoost(boost)
		qs = append(qs, tq)
	}
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewConjunctionQuery(qs...)
}

// wordQuery matches one word anywhere, weighted by field.
func wordQuery(wp wordPlan) query.Query { return fieldsQuery(wp, false) }

// fieldsQuery is wordQuery, without the body when noBody is set: the
// scoring part of a common word (common.go).
func fieldsQuery(wp wordPlan, noBody bool) query.Query {
	var alts []query.Query
	for _, f := range weights {
		if noBody && f.field == fBody {
			continue
		}
		if len(wp.stems) > 0 {
			alts = append(alts, termsQuery(wp.stems, f.field, f.boost))
		}
		for _, os := range wp.otherStems {
			alts = append(alts, termsQuery(os, f.field, f.boost))
		}
		for _, cs := range wp.candStems {
			if len(cs) > 0 {
				alts = append(alts, termsQuery(cs, f.field, f.boost*candidateBoost))
			}
		}
	}
	if wp.stop {
		// Only in titles and headings, where the index keeps such words.
		t := bleve.NewTermQuery(wp.word)
		t.SetField(fWords)
		t.SetBoost(2)
		alts = append(alts, t)
	}
	if wp.prefix {
		// Search as you type: "traff" finds "trafficking".
		pq := bleve.NewPrefixQuery(wp.word)
		pq.SetField(fWords)
		pq.SetBoost(2)
		alts = append(alts, pq)
	}
	if len(alts) == 1 {
		return alts[0]
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// textQuery builds the query for a plan. all=true requires every word
// (stop words are optional unless there is nothing else); all=false any of
// them. The whole search as a phrase in a title scores extra.
func textQuery(p params, plan []wordPlan, all, noBody bool) query.Query {
	var required, optional []query.Query
	for _, wp := range plan {
		switch {
		case wp.stop:
			optional = append(optional, wordQuery(wp))
		case wp.common && noBody:
			// Found by exclusion (common.go), scored where it says something.
			required = append(required, fieldsQuery(wp, true))
		default:
			required = append(required, wordQuery(wp))
		}
	}
	if len(required) == 0 {
		required, optional = optional, nil
	}
	var main query.Query
	switch {
	case len(required) == 1:
		main = required[0]
	case all:
		main = bleve.NewConjunctionQuery(required...)
	default:
		main = bleve.NewDisjunctionQuery(required...)
	}
	if (all || noBody) && len(required) >= 2 {
		// Every word in the title: the page is about the search.
		var inTitle []query.Query
		for _, wp := range plan {
			if wp.stop {
				continue
			}
			var alts []query.Query
			if len(wp.stems) > 0 {
				alts = append(alts, termsQuery(wp.stems, fTitle, 4))
			}
			for _, os := range wp.otherStems {
				alts = append(alts, termsQuery(os, fTitle, 4))
			}
			for _, cs := range wp.candStems {
				if len(cs) > 0 {
					alts = append(alts, termsQuery(cs, fTitle, 4*candidateBoost))
				}
			}
			if wp.prefix {
				pq := bleve.NewPrefixQuery(wp.word)
				pq.SetField(fWords)
				alts = append(alts, pq)
			}
			if len(alts) == 0 {
				inTitle = nil
				break
			}
			inTitle = append(inTitle, bleve.NewDisjunctionQuery(alts...))
		}
		if len(inTitle) > 0 {
			optional = append(optional, bleve.NewConjunctionQuery(inTitle...))
		}
	}
	// The title exactly: "data.gov" finds the page titled Data.gov first.
	tk := bleve.NewTermQuery(fold(p.analysis, strings.Join(p.Words, " ")))
	tk.SetField(fTitleKey)
	tk.SetBoost(10)
	optional = append(optional, tk)
	if len(p.Words) >= 2 {
		pq := bleve.NewMatchPhraseQuery(strings.Join(p.Words, " "))
		pq.SetField(fTitle)
		pq.Analyzer = queryAnalyzerName(p.analysis)
		pq.SetBoost(8)
		optional = append(optional, pq)
	}
	if len(optional) == 0 {
		return main
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(main)
	b.AddShould(optional...)
	return b
}

// filterQuery is the conjunction of the request's filters and distance.
func filterQuery(p params) []query.Query {
	var qs []query.Query
	if p.keepLang != "" {
		t := bleve.NewTermQuery(p.keepLang)
		t.SetField(fLanguage)
		qs = append(qs, t)
	}
	for _, f := range facetFields {
		vals := p.Filters[f.param]
		if len(vals) == 0 {
			continue
		}
		var alts []query.Query
		for _, v := range vals {
			t := bleve.NewTermQuery(v)
			t.SetField(f.field)
			alts = append(alts, t)
		}
		qs = append(qs, bleve.NewDisjunctionQuery(alts...))
	}
	if p.Near != nil {
		g := bleve.NewGeoDistanceQuery(p.Near.Lon, p.Near.Lat, strconv.FormatFloat(p.WithinKM, 'f', -1, 64)+"km")
		g.SetField(fLocation)
		qs = append(qs, g)
	}
	return qs
}

// newRequest builds the bleve request for p; all says whether every word
// must match. Facets are not asked of bleve: see facets.go.
func newRequest(p params, plan []wordPlan, all bool) *bleve.SearchRequest {
	return newRequestWith(p, plan, all, false)
}

// newRequestWith is newRequest, with common words scored without the
// body when noBody is set (common.go).
func newRequestWith(p params, plan []wordPlan, all, noBody bool) *bleve.SearchRequest {
	var parts []query.Query
	if len(plan) > 0 {
		parts = append(parts, textQuery(p, plan, all, noBody))
	}
	parts = append(parts, filterQuery(p)...)
	var q query.Query
	switch len(parts) {
	case 0:
		q = bleve.NewMatchNoneQuery()
	case 1:
		q = parts[0]
	default:
		q = bleve.NewConjunctionQuery(parts...)
	}
	if len(plan) == 0 && len(p.Filters) == 0 && p.Near == nil {
		// Only words that match nothing ("a*"): the page's language
		// alone is no reason to list every page.
		q = bleve.NewMatchNoneQuery()
	} else if len(plan) == 0 && len(parts) > 0 {
		// Filters alone list everything that passes them.
		q = bleve.NewConjunctionQuery(append([]query.Query{bleve.NewMatchAllQuery()}, parts...)...)
	}
	req := bleve.NewSearchRequestOptions(q, p.Size, (p.Page-1)*p.Size, false)
	// No stored fields: a hit's record is read by number (records.go).
	if p.Near != nil {
		req.SortByCustom(search.SortOrder{
			&search.SortGeoDistance{Field: fLocation, Unit: "km", Lon: p.Near.Lon, Lat: p.Near.Lat},
			&search.SortScore{Desc: true},
		})
	}
	return req
}

// distanceKM is the great-circle distance between two points.
func distanceKM(a, b point) float64 {
	const r = 6371.0088
	rad := math.Pi / 180
	dLat := (b.Lat - a.Lat) * rad
	dLon := (b.Lon - a.Lon) * rad
	h := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(a.Lat*rad)*math.Cos(b.Lat*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * r * math.Asin(math.Min(1, math.Sqrt(h)))
}
