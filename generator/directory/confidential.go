package directory

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"

	"resourcelib/generator/diag"
)

// secret is what Load removed from one confidential location. It is kept in
// an unexported field of the Organization, so that no template, export or
// index can read it; only the checks below do.
type secret struct {
	file string
	line int // of the location, for messages

	street  pattern // address_1 without a unit: 4417 Quokka Lane
	name    pattern // the street without its number: Quokka Lane
	unit    pattern // Unit 9, or address_2 as written when it is no unit
	postal  pattern // 93499
	city    pattern
	states  []pattern // CA and California
	lat     float64
	lon     float64
	latDec  int // decimals the editor gave
	lonDec  int
	hasGeo  bool
	freeAd2 bool // unit is address_2's words, not a unit number
}

// keep notes what a confidential location holds before Load blanks it.
func (o *Organization) keep(loc *Location) {
	s := secret{file: o.File, line: loc.Pos.At.Line}
	a := loc.Address
	street, unit := splitUnit(tokenize(a.Address1))
	s.street = streetPattern(street)
	s.name = namePattern(s.street)
	if len(unit) > 0 {
		s.unit = unitPattern(unit)
	}
	if a2 := tokenize(a.Address2); len(a2) > 0 {
		if _, u := splitUnit(a2); len(u) > 0 && isUnitWord(a2[0].text) {
			s.unit = unitPattern(u)
		} else if len(s.unit) == 0 && (len(a2) >= 2 || hasDigit(a2)) {
			s.unit, s.freeAd2 = plain(a2), true
		}
	}
	if pc := tokenize(a.PostalCode); len(pc) > 0 {
		if len(pc) == 2 && len(pc[0].text) == 5 && len(pc[1].text) == 4 && isDigits(pc[0].text) {
			pc = pc[:1] // ZIP+4: the ZIP alone is enough to place it
		}
		s.postal = plain(pc)
	}
	s.city = plain(tokenize(a.City))
	if st := strings.TrimSpace(a.StateProvince); st != "" {
		s.states = append(s.states, plain(tokenize(st)))
		if other := stateAlias(st); other != "" {
			s.states = append(s.states, plain(tokenize(other)))
		}
	}
	if loc.Latitude != nil && loc.Longitude != nil {
		s.hasGeo = true
		s.lat, s.lon = math.Abs(*loc.Latitude), math.Abs(*loc.Longitude)
		s.latDec, s.lonDec = decimals(*loc.Latitude), decimals(*loc.Longitude)
	}
	o.secrets = append(o.secrets, s)
}

// Secrets holds the addresses of the confidential locations of a
// directory, to find them where they must not be. It is built by
// [CheckConfidential]; a nil *Secrets finds nothing.
type Secrets struct {
	list []secret
}

// CheckConfidential collects the confidential locations of every
// organization and reports, in l, each value of each organization file
// that repeats one of their addresses (see [Secrets.Find] for what counts):
// a description, a service, a phone's description, another location. The
// confidential location's own address fields are not reported: they are
// blanked at load and never published. It returns the collected secrets
// for checking other files, or nil when there is no confidential location.
func CheckConfidential(orgs []*Organization, l *diag.List) *Secrets {
	s := &Secrets{}
	for _, o := range orgs {
		s.list = append(s.list, o.secrets...)
	}
	if len(s.list) == 0 {
		return nil
	}
	for _, o := range orgs {
		s.checkOrganization(o, l)
	}
	return s
}

// A Match is one place in a text that gives away a confidential location.
// It never holds the secret itself, so that it can be printed anywhere.
type Match struct {
	Start, End int    // byte offsets in the text
	What       string // "the street address", "the postal code", ...
	Where      string // the location it belongs to: file:line
}

// window is how many words may stand between a postal code, unit or
// street name and the city (or state, or street) that make it an address.
const window = 8

// Find returns the places in text that name a confidential location:
//
//   - its street address (4417 Quokka Lane), anywhere, in any case and
//     punctuation, with street types and directions written out or
//     abbreviated (Lane or Ln, North or N), with or without the street
//     type, and with HTML entities or invisible characters inside;
//   - its street without the number (Quokka Lane), its unit (Unit 9, #9,
//     Apt 9, Suite 9) and its postal code (93499), each within a few
//     words of its city, its state, its street or the word ZIP;
//   - its coordinates: the latitude and the longitude within a few words
//     of each other, to two decimals or more, rounded or cut, as decimals
//     or as degrees and minutes.
//
// Matches that overlap an earlier one are left out.
func (s *Secrets) Find(text string) []Match {
	if s == nil || text == "" {
		return nil
	}
	toks := tokenize(text)
	if len(toks) == 0 {
		return nil
	}
	var out []Match
	add := func(sec *secret, i, j int, what string) {
		if len(out) >= maxMatches {
			return
		}
		start, end := toks[i].start, toks[j-1].end
		for _, m := range out {
			if start < m.End && m.Start < end {
				return
			}
		}
		out = append(out, Match{Start: start, End: end, What: what, Where: fmt.Sprintf("%s:%d", sec.file, sec.line)})
	}
	for k := range s.list {
		sec := &s.list[k]
		// For each kind of anchor, how many end before each token and
		// start before it, so that "is one near" costs the same for any
		// number of anchors.
		var ends, starts [anchorKinds][]int
		for k := range anchorKinds {
			ends[k], starts[k] = make([]int, len(toks)+2), make([]int, len(toks)+2)
		}
		for _, a := range sec.anchors(toks) {
			ends[a.kind][a.j+1]++
			starts[a.kind][a.i+1]++
		}
		for k := range anchorKinds {
			for i := 1; i < len(toks)+2; i++ {
				ends[k][i] += ends[k][i-1]
				starts[k][i] += starts[k][i-1]
			}
		}
		// count(c, lo, hi) is the number of anchors at lo..hi in c.
		count := func(c []int, lo, hi int) int {
			lo, hi = max(lo, 0), min(hi, len(toks))
			if lo > hi {
				return 0
			}
			return c[hi+1] - c[lo]
		}
		near := func(i, j int, kinds ...int) bool {
			for _, k := range kinds {
				// An anchor that ends at most window words before i,
				// or starts at most window words after j.
				if count(ends[k], i-window, i) > 0 || count(starts[k], j, j+window) > 0 {
					return true
				}
			}
			return false
		}
		for i := range toks {
			if j, ok := sec.street.match(toks, i); ok && sec.street.required() >= 2 {
				add(sec, i, j, "the street address")
			}
		}
		for i := range toks {
			if j, ok := sec.name.match(toks, i); ok && near(i, j, anchorCity, anchorState) {
				add(sec, i, j, "the street")
			}
			if j, ok := sec.unit.match(toks, i); ok && near(i, j, anchorCity, anchorStreet, anchorState) {
				what := "the unit"
				if sec.freeAd2 {
					what = "the second address line"
				}
				add(sec, i, j, what)
			}
			if j, ok := sec.postal.match(toks, i); ok && near(i, j, anchorCity, anchorState, anchorStreet, anchorZIP) {
				add(sec, i, j, "the postal code")
			}
		}
		if sec.hasGeo {
			for i, t := range toks {
				if !t.isNum || !closeTo(t, sec.lat, sec.latDec) {
					continue
				}
				for j := max(0, i-window); j < min(len(toks), i+window+1); j++ {
					if j != i && toks[j].isNum && closeTo(toks[j], sec.lon, sec.lonDec) {
						add(sec, min(i, j), max(i, j)+1, "the coordinates")
						break
					}
				}
			}
		}
	}
	return out
}

const (
	anchorCity = iota
	anchorState
	anchorStreet
	anchorZIP
	anchorKinds
)

// maxMatches bounds the matches reported for one text: enough to fix, and
// the work stays linear in a file full of addresses.
const maxMatches = 100

type anchor struct{ i, j, kind int }

// anchors finds what makes a postal code, unit or street name an address:
// the city, the state, the street, the word ZIP.
func (sec *secret) anchors(toks []token) []anchor {
	var out []anchor
	for i, t := range toks {
		if j, ok := sec.city.match(toks, i); ok {
			out = append(out, anchor{i, j, anchorCity})
		}
		for _, st := range sec.states {
			if j, ok := st.match(toks, i); ok {
				out = append(out, anchor{i, j, anchorState})
			}
		}
		if j, ok := sec.name.match(toks, i); ok {
			out = append(out, anchor{i, j, anchorStreet})
		}
		if j, ok := sec.street.match(toks, i); ok {
			out = append(out, anchor{i, j, anchorStreet})
		}
		switch t.text {
		case "zip", "zipcode", "postal", "postcode":
			out = append(out, anchor{i, i + 1, anchorZIP})
		}
	}
	return out
}

// closeTo reports whether a number in a text is the coordinate c, as
// precise as either of them was written: 35.12 is 35.1234, and so is 35.13
// (35.1234 rounded up by an editor's map), but 35.1 is too vague to tell.
func closeTo(t token, c float64, cDec int) bool {
	if t.dec < 2 {
		return false
	}
	tol := math.Max(math.Pow10(-t.dec), math.Pow10(-cDec))
	if t.tol > 0 {
		tol = t.tol
	}
	return math.Abs(t.num-c) <= tol+1e-9
}

// decimals is the number of decimals x was written with (35.1234: 4).
func decimals(x float64) int {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// A token is a word or number of a text, folded so that spellings of one
// address compare equal: lower case, accents dropped, street types and
// directions abbreviated the way the USPS does.
type token struct {
	text       string
	start, end int // byte offsets in the text
	isNum      bool
	num        float64 // a number with a decimal point, and its decimals
	dec        int
	tol        float64 // set for degrees and minutes
}

// tokenize splits text into tokens. Any character that is not a letter or
// digit separates them, except a decimal point between digits; invisible
// characters (zero-width spaces, soft hyphens) are dropped, and HTML
// entities (&#52;, &nbsp;) are read as the characters they stand for.
func tokenize(text string) []token {
	toks := make([]token, 0, len(text)/6)
	var cur []rune
	start, end := -1, 0
	flush := func() {
		if len(cur) > 0 {
			toks = append(toks, newToken(string(cur), start, end))
		}
		cur, start = cur[:0], -1
	}
	emit := func(r rune, at, to int, next func() rune) {
		switch {
		case unicode.Is(unicode.Cf, r):
			return // zero-width space, soft hyphen: inside a word
		case r == '.' && len(cur) > 0 && isDigits(string(cur)) && unicode.IsDigit(next()):
			cur = append(cur, '.')
			end = to
			return
		case r == '#' || r == '№':
			flush()
			toks = append(toks, token{text: "unit", start: at, end: to})
			return
		}
		if r < utf8.RuneSelf {
			switch {
			case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			case 'A' <= r && r <= 'Z':
				r += 'a' - 'A'
			default:
				flush()
				return
			}
			if start < 0 {
				start = at
			}
			cur = append(cur, r)
			end = to
			return
		}
		for _, d := range norm.NFKD.String(string(r)) {
			switch {
			case unicode.Is(unicode.Mn, d):
				continue
			case unicode.IsLetter(d) || unicode.IsDigit(d):
				if start < 0 {
					start = at
				}
				cur = append(cur, unicode.ToLower(d))
				end = to
			default:
				flush()
			}
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		if r == '%' {
			// A web address's escapes: 4417%20Quokka%20Lane.
			var raw []byte
			j := i
			for j+2 < len(text) && text[j] == '%' && isHex(text[j+1]) && isHex(text[j+2]) {
				b, _ := strconv.ParseUint(text[j+1:j+3], 16, 8)
				raw = append(raw, byte(b))
				j += 3
			}
			if len(raw) > 0 {
				rs := []rune(string(raw))
				for k, d := range rs {
					emit(d, i, j, func() rune {
						if k+1 < len(rs) {
							return rs[k+1]
						}
						n, _ := utf8.DecodeRuneInString(text[j:])
						return n
					})
				}
				i = j
				continue
			}
		}
		if r == '&' {
			if semi := strings.IndexByte(text[i:min(len(text), i+12)], ';'); semi > 1 {
				ent := text[i : i+semi+1]
				if dec := html.UnescapeString(ent); dec != ent {
					rs := []rune(dec)
					for k, d := range rs {
						emit(d, i, i+semi+1, func() rune {
							if k+1 < len(rs) {
								return rs[k+1]
							}
							n, _ := utf8.DecodeRuneInString(text[i+semi+1:])
							return n
						})
					}
					i += semi + 1
					continue
				}
			}
		}
		emit(r, i, i+size, func() rune {
			n, _ := utf8.DecodeRuneInString(text[i+size:])
			return n
		})
		i += size
	}
	flush()
	return degrees(text, toks)
}

func newToken(s string, start, end int) token {
	t := token{text: s, start: start, end: end}
	if c, ok := abbreviations[s]; ok {
		t.text = c
	}
	// A number, also with a letter after it: 35.1234N.
	n := strings.IndexFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	if n < 0 {
		n = len(s)
	}
	if num := s[:n]; num != "" && num[0] != '.' && (n == len(s) || strings.Contains(num, ".")) {
		if f, err := strconv.ParseFloat(num, 64); err == nil {
			t.isNum, t.num = true, f
			if i := strings.IndexByte(num, '.'); i >= 0 {
				t.dec = len(num) - i - 1
			}
		}
	}
	return t
}

func isHex(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }

// dms is a coordinate in degrees and minutes (35°7′24.2″), whose parts the
// tokenizer would otherwise take for three numbers.
var dms = regexp.MustCompile(`(\d{1,3}(?:\.\d+)?)\s*°\s*(\d{1,2}(?:\.\d+)?)\s*['′’]\s*(?:(\d{1,2}(?:\.\d+)?)\s*(?:"|″|”|''))?`)

// degrees replaces the tokens of each degrees-and-minutes coordinate with
// one number in decimal degrees.
func degrees(text string, toks []token) []token {
	if !strings.Contains(text, "°") {
		return toks
	}
	for _, m := range dms.FindAllStringSubmatchIndex(text, -1) {
		deg, _ := strconv.ParseFloat(text[m[2]:m[3]], 64)
		minutes, _ := strconv.ParseFloat(text[m[4]:m[5]], 64)
		v, tol := deg+minutes/60, 1.0/60
		if m[6] >= 0 {
			sec, _ := strconv.ParseFloat(text[m[6]:m[7]], 64)
			v, tol = v+sec/3600, 0.001
		}
		num := token{text: strconv.FormatFloat(v, 'f', 6, 64), start: m[0], end: m[1], isNum: true, num: v, dec: 6, tol: tol}
		var kept []token
		placed := false
		for _, t := range toks {
			if t.start >= m[0] && t.end <= m[1] {
				if !placed {
					kept, placed = append(kept, num), true
				}
				continue
			}
			kept = append(kept, t)
		}
		toks = kept
	}
	return toks
}

// A pattern is a sequence of folded words; an optional word (a street type)
// may be missing from the text. Directions are left out of both sides: N
// Quokka Ln is Quokka Lane.
type pattern []struct {
	text     string
	optional bool
}

func (p pattern) required() int {
	n := 0
	for _, w := range p {
		if !w.optional {
			n++
		}
	}
	return n
}

// match reports whether p starts at toks[i], and where it ends. The
// first word must be there; directions in the text between words are
// skipped unless the pattern names them.
func (p pattern) match(toks []token, i int) (int, bool) {
	if len(p) == 0 || i >= len(toks) || toks[i].text != p[0].text {
		return 0, false
	}
	j := i + 1
	for _, w := range p[1:] {
		k := j
		for k < len(toks) && toks[k].text != w.text && isDirection(toks[k].text) {
			k++
		}
		if k < len(toks) && toks[k].text == w.text {
			j = k + 1
			continue
		}
		if !w.optional {
			return 0, false
		}
	}
	return j, true
}

func plain(toks []token) pattern {
	var p pattern
	for _, t := range toks {
		p = append(p, struct {
			text     string
			optional bool
		}{t.text, false})
	}
	return p
}

// streetPattern is address_1: directions dropped, street types optional.
func streetPattern(toks []token) pattern {
	var p pattern
	for _, t := range toks {
		if isDirection(t.text) {
			continue
		}
		p = append(p, struct {
			text     string
			optional bool
		}{t.text, suffixes[t.text] && len(p) > 0})
	}
	if p.required() == 0 {
		return nil
	}
	return p
}

// namePattern is the street without its number, its street type required:
// "Quokka Ln", not just "Quokka". A street without a type (Broadway) gives
// no pattern: its name alone is too common a word.
func namePattern(street pattern) pattern {
	var p pattern
	for i, w := range street {
		if i == 0 && startsWithDigit(w.text) {
			continue
		}
		w.optional = false
		p = append(p, w)
	}
	hasSuffix := false
	for _, w := range p {
		hasSuffix = hasSuffix || suffixes[w.text]
	}
	if len(p) < 2 || !hasSuffix || len(p) == len(street) {
		return nil
	}
	return p
}

// unitPattern matches any unit word before the unit's number: Unit 9 is
// also #9, Apt 9 and Suite 9.
func unitPattern(id []token) pattern {
	p := pattern{{text: "unit"}}
	for _, t := range id {
		p = append(p, struct {
			text     string
			optional bool
		}{t.text, false})
	}
	return p
}

// splitUnit cuts an address line at its unit word: "4417 Quokka Ln Apt 9"
// is the street "4417 Quokka Ln" and the unit "9".
func splitUnit(toks []token) (street, unit []token) {
	for i, t := range toks {
		if isUnitWord(t.text) && i+1 < len(toks) {
			return toks[:i], toks[i+1:]
		}
	}
	return toks, nil
}

func isUnitWord(s string) bool { return s == "unit" }

func isDirection(s string) bool {
	switch s {
	case "n", "s", "e", "w", "ne", "nw", "se", "sw":
		return true
	}
	return false
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func startsWithDigit(s string) bool { return s != "" && s[0] >= '0' && s[0] <= '9' }

func hasDigit(toks []token) bool {
	for _, t := range toks {
		if strings.ContainsAny(t.text, "0123456789") {
			return true
		}
	}
	return false
}

// abbreviations folds the words of addresses to one spelling: the USPS
// street suffix and secondary unit abbreviations, directions, ordinals.
var abbreviations = map[string]string{}

// suffixes are the folded street types.
var suffixes = map[string]bool{}

func init() {
	for _, group := range [][]string{
		{"st", "street", "str", "strt"}, {"rd", "road"}, {"ave", "avenue", "av", "aven", "avn"},
		{"ln", "lane"}, {"dr", "drive", "drv"}, {"blvd", "boulevard", "boul"}, {"ct", "court", "crt"},
		{"hwy", "highway", "hiway", "hway"}, {"pl", "place"}, {"ter", "terrace", "terr"},
		{"cir", "circle", "circ"}, {"pkwy", "parkway", "pky", "parkwy"}, {"sq", "square"},
		{"trl", "trail"}, {"way", "wy"}, {"aly", "alley"}, {"cres", "crescent"},
		{"expy", "expressway"}, {"fwy", "freeway"}, {"rte", "route", "rt"}, {"plz", "plaza"},
		{"ctr", "center", "centre"}, {"hts", "heights"}, {"rdg", "ridge"}, {"grv", "grove"},
		{"loop"}, {"row"}, {"run"}, {"path"}, {"pike"}, {"xing", "crossing"}, {"cv", "cove"},
		{"pt", "point"}, {"mt", "mount"}, {"byp", "bypass"}, {"walk"}, {"crk", "creek"},
	} {
		for _, w := range group {
			abbreviations[w] = group[0]
		}
		suffixes[group[0]] = true
	}
	for _, group := range [][]string{
		{"n", "north"}, {"s", "south"}, {"e", "east"}, {"w", "west"},
		{"ne", "northeast"}, {"nw", "northwest"}, {"se", "southeast"}, {"sw", "southwest"},
		{"unit", "#", "apt", "apartment", "suite", "ste", "room", "rm", "number", "num", "space", "spc", "lot", "bldg", "building", "fl", "floor"},
		{"1st", "first"}, {"2nd", "second"}, {"3rd", "third"}, {"4th", "fourth"}, {"5th", "fifth"},
		{"6th", "sixth"}, {"7th", "seventh"}, {"8th", "eighth"}, {"9th", "ninth"}, {"10th", "tenth"},
		{"st", "saint"}, {"ft", "fort"},
	} {
		for _, w := range group {
			if _, taken := abbreviations[w]; !taken {
				abbreviations[w] = group[0]
			}
		}
	}
	for code, name := range usStates {
		stateNames[strings.ToLower(name)] = code
	}
}

// stateAlias gives a US state's name for its code and its code for its
// name, so that CA and California are both found.
func stateAlias(s string) string {
	if name, ok := usStates[strings.ToUpper(s)]; ok {
		return name
	}
	return stateNames[strings.ToLower(s)]
}

var stateNames = map[string]string{}

var usStates = map[string]string{
	"AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
	"CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
	"FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
	"IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
	"ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
	"MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
	"NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
	"NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon",
	"PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota",
	"TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia",
	"WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
	"PR": "Puerto Rico", "GU": "Guam", "VI": "Virgin Islands", "AS": "American Samoa",
	"MP": "Northern Mariana Islands",
}

// CheckText reports, in l, every place in a file's text (a Markdown page,
// the site settings, any file published as it is) that gives away a
// confidential location, at its line and column. It returns the lines.
func (s *Secrets) CheckText(file string, data []byte, l *diag.List) (lines []int) {
	if s == nil {
		return nil
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	for _, m := range s.Find(string(data)) {
		line, col := position(data, m.Start)
		l.Add(leak(file, line, col, m))
		lines = append(lines, line)
	}
	return lines
}

// CheckValue reports a value that reaches the site some other way than
// as it is written in the file (a front matter value with escapes, a
// page's text as Markdown renders it), at line and col, for what the
// check of the file's text did not find. It reports whether it found one.
func (s *Secrets) CheckValue(file string, line, col int, value, what string, l *diag.List) bool {
	if s == nil {
		return false
	}
	ms := s.Find(value)
	for _, m := range ms {
		p := leak(file, line, col, m)
		p.Msg = what + " " + strings.TrimPrefix(p.Msg, "this ")
		l.Add(p)
	}
	return len(ms) > 0
}

// CheckName reports a file whose path gives away a confidential location:
// a file's or folder's name becomes a page's address.
func (s *Secrets) CheckName(file string, l *diag.List) {
	if s == nil {
		return
	}
	for _, m := range s.Find(file) {
		l.Add(diag.Problem{File: file,
			Msg:  fmt.Sprintf("the file's name gives %s of the confidential location at %s, and would be published as an address", m.What, m.Where),
			Hint: "rename the file or its folder"})
	}
}

func leak(file string, line, col int, m Match) diag.Problem {
	return diag.Problem{File: file, Line: line, Col: col,
		Msg: fmt.Sprintf("this gives %s of the confidential location at %s, which must never be published", m.What, m.Where),
		Hint: "remove it: only the city and state of a confidential location may appear anywhere; " +
			"its address belongs in its own `address`, which is never published"}
}

// position is the line and column (in characters) of a byte offset.
func position(data []byte, off int) (line, col int) {
	off = min(off, len(data))
	start := bytes.LastIndexByte(data[:off], '\n') + 1
	return 1 + bytes.Count(data[:off], []byte("\n")), 1 + utf8.RuneCount(data[start:off])
}

// unpublished are the keys of a confidential location that Load blanks:
// what they hold is never published, so it is not checked.
var unpublished = map[string]bool{"name": true, "description": true, "address": true, "latitude": true, "longitude": true}

// checkOrganization checks every value of one organization file, as
// decoded (aliases followed, escapes read), and reports each match at its
// place in the file.
func (s *Secrets) checkOrganization(o *Organization, l *diag.List) {
	if len(o.src) == 0 {
		return
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(o.src, &doc); err != nil {
		return // reported by Load
	}
	// Every scalar in the order of the file, so that the text of a value
	// is known to end where the next one starts.
	var order []*yaml.Node
	var collect func(n *yaml.Node)
	collect = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode {
			order = append(order, n)
		}
		for _, c := range n.Content {
			collect(c)
		}
	}
	collect(&doc)
	next := map[*yaml.Node]int{}
	for i, n := range order {
		end := len(o.src)
		if i+1 < len(order) {
			end = offsetOf(o.src, order[i+1].Line, order[i+1].Column)
		}
		next[n] = end
	}
	hidden := func(path []string) bool {
		if len(path) < 3 || path[0] != "locations" {
			return false
		}
		i, err := strconv.Atoi(path[1])
		return err == nil && i < len(o.Locations) && o.Locations[i].Confidential() && unpublished[path[2]]
	}
	budget := 100_000 // Load refused alias bombs; this only bounds the walk
	var visit func(n *yaml.Node, path []string, alias *yaml.Node)
	visit = func(n *yaml.Node, path []string, alias *yaml.Node) {
		if budget--; budget < 0 || hidden(path) {
			return
		}
		if n.Kind == yaml.AliasNode && n.Alias != nil {
			if alias == nil {
				alias = n
			}
			visit(n.Alias, path, alias)
			return
		}
		switch n.Kind {
		case yaml.DocumentNode:
			for _, c := range n.Content {
				visit(c, path, alias)
			}
		case yaml.SequenceNode:
			for i, c := range n.Content {
				visit(c, append(slices.Clone(path), strconv.Itoa(i)), alias)
			}
		case yaml.MappingNode:
			if len(path) == 1 && path[0] == "locations" {
				path = append(path, "0") // one location written without a list
			}
			for i := 0; i+1 < len(n.Content); i += 2 {
				if key := n.Content[i].Value; key == "<<" {
					visit(n.Content[i+1], path, alias)
				} else {
					visit(n.Content[i+1], append(slices.Clone(path), key), alias)
				}
			}
		case yaml.ScalarNode:
			for _, m := range s.Find(n.Value) {
				at := n
				if alias != nil {
					at = alias
				}
				line, col := at.Line, at.Column
				if alias == nil {
					// The exact place, when the file spells the value
					// as it reads (no escapes).
					start := offsetOf(o.src, n.Line, n.Column)
					if end := next[n]; start < end {
						for _, r := range s.Find(string(o.src[start:end])) {
							if r.What == m.What && r.Where == m.Where {
								line, col = position(o.src, start+r.Start)
								break
							}
						}
					}
				}
				l.Add(leak(o.File, line, col, m))
			}
		}
	}
	visit(&doc, nil, nil)
	// Coordinates are two values: check another location's as a pair.
	for _, loc := range o.Locations {
		if loc.Confidential() || loc.Latitude == nil || loc.Longitude == nil {
			continue
		}
		pair := strconv.FormatFloat(*loc.Latitude, 'f', -1, 64) + " " + strconv.FormatFloat(*loc.Longitude, 'f', -1, 64)
		for _, m := range s.Find(pair) {
			at := loc.Pos.Of("latitude")
			l.Add(leak(o.File, at.Line, at.Col, m))
		}
	}
}

// offsetOf is the byte offset of a 1-based line and column (in characters).
func offsetOf(data []byte, line, col int) int {
	off := 0
	for ; line > 1; line-- {
		i := bytes.IndexByte(data[off:], '\n')
		if i < 0 {
			return len(data)
		}
		off += i + 1
	}
	for ; col > 1 && off < len(data); col-- {
		if data[off] == '\n' {
			break
		}
		_, size := utf8.DecodeRune(data[off:])
		off += size
	}
	return off
}
