package search

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// Limits of a request.
const (
	maxQueryBytes = 256
	maxWords      = 12 // more words add nothing but cost
	maxFuzzyWords = 6  // typo tolerance builds an automaton per word and field: the costly part
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
}

type point struct{ Lat, Lon float64 }

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

// words splits the visitor's text into words: letters and digits only, so
// that no character has a meaning to the index. Repeated words count once.
func words(q string) []string {
	fields := strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\''
	})
	seen := map[string]bool{}
	var out []string
	for _, f := range fields {
		f = strings.Trim(f, "'")
		if f == "" || seen[f] {
			continue
		}
		seen[f] = true
		out = append(out, f)
		if len(out) == maxWords {
			break
		}
	}
	return out
}

// fuzziness is how many typos a word may have: none for short words, where
// one typo makes another word, one for 4 to 7 letters, two for longer.
func fuzziness(w string) int {
	switch n := len([]rune(w)); {
	case n >= 8:
		return 2
	case n >= 4:
		return 1
	}
	return 0
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

// textQuery builds the query for the visitor's words. all=true requires
// every word; all=false any of them.
func textQuery(p params, all bool) query.Query {
	var perWord []query.Query
	for i, w := range p.Words {
		var alts []query.Query
		for _, f := range weights {
			m := bleve.NewMatchQuery(w)
			m.SetField(f.field)
			m.Analyzer = en.AnalyzerName
			m.SetBoost(f.boost)
			alts = append(alts, m)
			if fz := fuzziness(w); fz > 0 && i < maxFuzzyWords {
				fm := bleve.NewMatchQuery(w)
				fm.SetField(f.field)
				fm.Analyzer = en.AnalyzerName
				fm.SetFuzziness(fz)
				fm.SetBoost(f.boost * 0.4)
				alts = append(alts, fm)
			}
		}
		if fz := fuzziness(w); fz > 0 && i < maxFuzzyWords {
			// The fuzzy matches above compare stems, and a typo can change
			// the stem: "browsng" is one letter from "browsing" but two
			// from its stem "brows". Titles and headings match as written.
			fq := bleve.NewFuzzyQuery(w)
			fq.SetField(fWords)
			fq.SetFuzziness(fz)
			fq.SetBoost(2)
			alts = append(alts, fq)
		}
		if i == len(p.Words)-1 && len([]rune(w)) >= 2 {
			// Search as you type: "traff" finds "trafficking".
			pq := bleve.NewPrefixQuery(w)
			pq.SetField(fWords)
			pq.SetBoost(2)
			alts = append(alts, pq)
		}
		perWord = append(perWord, bleve.NewDisjunctionQuery(alts...))
	}
	var main query.Query
	if all {
		main = bleve.NewConjunctionQuery(perWord...)
	} else {
		main = bleve.NewDisjunctionQuery(perWord...)
	}
	if len(p.Words) < 2 {
		return main
	}
	b := bleve.NewBooleanQuery()
	b.AddMust(main)
	phrase := strings.Join(p.Words, " ")
	for _, f := range []struct {
		field string
		boost float64
	}{{fTitle, 8}, {fBody, 3}} {
		pq := bleve.NewMatchPhraseQuery(phrase)
		pq.SetField(f.field)
		pq.Analyzer = en.AnalyzerName
		pq.SetBoost(f.boost)
		b.AddShould(pq)
	}
	return b
}

// filterQuery is the conjunction of the request's filters and distance.
func filterQuery(p params) []query.Query {
	var qs []query.Query
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
// must match.
func newRequest(p params, all bool) *bleve.SearchRequest {
	var parts []query.Query
	if len(p.Words) > 0 {
		parts = append(parts, textQuery(p, all))
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
	if len(p.Words) == 0 && len(parts) > 0 {
		// Filters alone list everything that passes them.
		q = bleve.NewConjunctionQuery(append([]query.Query{bleve.NewMatchAllQuery()}, parts...)...)
	}
	req := bleve.NewSearchRequestOptions(q, p.Size, (p.Page-1)*p.Size, false)
	req.Fields = []string{fURL, fTitle, fType, fDescription, fLat, fLon}
	req.Highlight = bleve.NewHighlightWithStyle("html")
	req.Highlight.AddField(fBody)
	req.Highlight.AddField(fDescription)
	for _, f := range facetFields {
		req.AddFacet(f.param, bleve.NewFacetRequest(f.field, 25))
	}
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
