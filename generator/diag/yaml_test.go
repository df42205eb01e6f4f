package diag

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"go.yaml.in/yaml/v3"
)

// page is shaped like front matter: unknown keys are kept in Params.
type page struct {
	Title       string         `yaml:"title"`
	Description string         `yaml:"description"`
	Draft       bool           `yaml:"draft"`
	Weight      int            `yaml:"weight"`
	Score       float64        `yaml:"score"`
	Tags        []string       `yaml:"tags"`
	Date        time.Time      `yaml:"date"`
	Contact     contact        `yaml:"contact"`
	Params      map[string]any `yaml:",inline"`
}

// contact is strict: it has no inline map, so unknown keys are errors.
type contact struct {
	Name  string `yaml:"name"`
	Phone string `yaml:"phone"`
	Email string `yaml:"email"`
	Pos   Positions
}

const testFile = "content/x.md"

func TestDecodeYAML(t *testing.T) {
	est := time.FixedZone("", -5*3600)
	for _, tc := range []struct {
		name   string
		src    string
		offset int
		want   page
		wantOK bool
		// wantProblems lists every problem, in List.Sorted order; File is
		// filled in with testFile.
		wantProblems []Problem
	}{
		{
			name:   "empty",
			src:    "",
			wantOK: true,
		},
		{
			name:   "only a comment",
			src:    "# nothing yet\n",
			wantOK: true,
		},
		{
			name:   "known keys",
			src:    "title: Shelters\ndescription: Where to stay\ndraft: true\nweight: 3\nscore: 1.5\ntags: [housing, safety]\n",
			want:   page{Title: "Shelters", Description: "Where to stay", Draft: true, Weight: 3, Score: 1.5, Tags: []string{"housing", "safety"}},
			wantOK: true,
		},
		{
			name: "strict struct records positions",
			src:  "title: x\ncontact:\n  name: Hotline\n  phone: \"711\"\n",
			want: page{Title: "x", Contact: contact{Name: "Hotline", Phone: "711", Pos: Positions{
				At:   Pos{3, 3},
				Keys: map[string]Pos{"name": {3, 9}, "phone": {4, 10}},
			}}},
			wantOK: true,
		},
		{
			name: "duplicate key names both lines",
			src:  "title: One\ndraft: false\ntitle: Two\n",
			want: page{Title: "One"},
			wantProblems: []Problem{
				{Line: 3, Col: 1, Msg: "duplicate key `title`: it is already set on line 1", Hint: "remove one of them"},
			},
		},
		{
			name: "duplicate key in a strict struct",
			src:  "contact:\n  name: A\n  email: a@example.org\n  name: B\n",
			want: page{Contact: contact{Name: "A", Email: "a@example.org", Pos: Positions{
				At:   Pos{2, 3},
				Keys: map[string]Pos{"name": {2, 9}, "email": {3, 10}},
			}}},
			wantProblems: []Problem{
				{Line: 4, Col: 3, Msg: "duplicate key `name`: it is already set on line 2", Hint: "remove one of them"},
			},
		},
		{
			name: "duplicate unknown key in an inline-map struct warns and keeps the later value",
			src:  "author: A\nauthor: B\n",
			want: page{Params: map[string]any{"author": "B"}},
			wantProblems: []Problem{
				{Line: 2, Col: 1, Severity: Warning, Msg: "duplicate key `author`: it is already set on line 1", Hint: "remove one of them; this later value is the one used"},
			},
			wantOK: true,
		},
		{
			name: "unknown key in strict struct close to a known one",
			src:  "contact:\n  nmae: Hotline\n",
			want: page{Contact: contact{Pos: Positions{At: Pos{2, 3}, Keys: map[string]Pos{"nmae": {2, 9}}}}},
			wantProblems: []Problem{
				{Line: 2, Col: 3, Msg: "unknown key `contact.nmae`", Hint: "did you mean `name`?"},
			},
		},
		{
			name: "unknown key in strict struct far from every known one",
			src:  "contact:\n  website: https://example.org\n",
			want: page{Contact: contact{Pos: Positions{At: Pos{2, 3}, Keys: map[string]Pos{"website": {2, 12}}}}},
			wantProblems: []Problem{
				{Line: 2, Col: 3, Msg: "unknown key `contact.website`", Hint: "known keys are: name, phone, email"},
			},
		},
		{
			name:   "unknown key in inline-map struct is kept",
			src:    "author: Jo\nhero:\n  image: a.png\nlinks: [a, b]\n",
			want:   page{Params: map[string]any{"author": "Jo", "hero": map[string]any{"image": "a.png"}, "links": []any{"a", "b"}}},
			wantOK: true,
		},
		{
			name: "typo in inline-map struct is kept with a warning",
			src:  "titel: Shelters\n",
			want: page{Params: map[string]any{"titel": "Shelters"}},
			wantProblems: []Problem{
				{Line: 1, Col: 1, Severity: Warning, Msg: "unknown key `titel`", Hint: "did you mean `title`?"},
			},
			wantOK: true,
		},
		{
			name: "typo descripton",
			src:  "descripton: x\n",
			want: page{Params: map[string]any{"descripton": "x"}},
			wantProblems: []Problem{
				{Line: 1, Col: 1, Severity: Warning, Msg: "unknown key `descripton`", Hint: "did you mean `description`?"},
			},
			wantOK: true,
		},
		{
			name:   "number and bool where text is expected are read as text",
			src:    "title: 2024\ndescription: true\n",
			want:   page{Title: "2024", Description: "true"},
			wantOK: true,
		},
		{
			name: "list where text is expected",
			src:  "title: [a, b]\n",
			wantProblems: []Problem{
				{Line: 1, Col: 8, Msg: "`title` must be text, not a list"},
			},
		},
		{
			name: "mapping where text is expected",
			src:  "title:\n  en: Shelters\n",
			wantProblems: []Problem{
				{Line: 2, Col: 3, Msg: "`title` must be text, not a mapping"},
			},
		},
		{
			name: "mapping where nested text is expected",
			src:  "contact:\n  name: {first: A}\n",
			want: page{Contact: contact{Pos: Positions{At: Pos{2, 3}, Keys: map[string]Pos{"name": {2, 9}}}}},
			wantProblems: []Problem{
				{Line: 2, Col: 9, Msg: "`contact.name` must be text, not a mapping"},
			},
		},
		{
			name: "text where a whole number is expected",
			src:  "weight: heavy\n",
			wantProblems: []Problem{
				{Line: 1, Col: 9, Msg: "`weight` must be a whole number, not `heavy`"},
			},
		},
		{
			name: "fraction where a whole number is expected",
			src:  "weight: 1.5\n",
			wantProblems: []Problem{
				{Line: 1, Col: 9, Msg: "`weight` must be a whole number, not `1.5`"},
			},
		},
		{
			name: "list where a number is expected",
			src:  "score: [1]\n",
			wantProblems: []Problem{
				{Line: 1, Col: 8, Msg: "`score` must be a number, not a list"},
			},
		},
		{
			name: "text where a bool is expected",
			src:  "draft: maybe\n",
			wantProblems: []Problem{
				{Line: 1, Col: 8, Msg: "`draft` must be true or false, not `maybe`"},
			},
		},
		{
			name: "long value is shortened in the message",
			src:  "weight: " + strings.Repeat("x", 50) + "\n",
			wantProblems: []Problem{
				{Line: 1, Col: 9, Msg: "`weight` must be a whole number, not `" + strings.Repeat("x", 40) + "…`"},
			},
		},
		{
			name: "scalar where a mapping is expected",
			src:  "contact: Hotline\n",
			wantProblems: []Problem{
				{Line: 1, Col: 10, Msg: "`contact` must be a mapping of keys to values, not `Hotline`"},
			},
		},
		{
			name: "mapping where a list is expected",
			src:  "tags:\n  a: b\n",
			wantProblems: []Problem{
				{Line: 2, Col: 3, Msg: "`tags` must be a list, not a mapping"},
			},
		},
		{
			name: "wrong item in a list",
			src:  "tags: [a, [b]]\n",
			want: page{Tags: []string{"a", ""}},
			wantProblems: []Problem{
				{Line: 1, Col: 11, Msg: "`tags[1]` must be text, not a list"},
			},
		},
		{
			name: "document is not a mapping",
			src:  "- a\n- b\n",
			wantProblems: []Problem{
				{Line: 1, Col: 1, Msg: "the document must be a mapping of keys to values, not a list"},
			},
		},
		{
			name: "key is not text",
			src:  "? [a]\n: b\ntitle: x\n",
			want: page{Title: "x"},
			wantProblems: []Problem{
				{Line: 1, Col: 3, Msg: "a key must be plain text, not a list"},
			},
		},
		{
			name:   "yes and no for bool",
			src:    "draft: yes\n",
			want:   page{Draft: true},
			wantOK: true,
		},
		{
			name:   "no for bool",
			src:    "draft: no\n",
			want:   page{},
			wantOK: true,
		},
		{
			name:   "On for bool",
			src:    "draft: On\n",
			want:   page{Draft: true},
			wantOK: true,
		},
		{
			name:   "underscores in whole numbers",
			src:    "weight: 1_000\n",
			want:   page{Weight: 1000},
			wantOK: true,
		},
		{
			name:   "scalar where a list is expected becomes a one-item list",
			src:    "tags: news\n",
			want:   page{Tags: []string{"news"}},
			wantOK: true,
		},
		{
			name:   "null values stay zero",
			src:    "description:\ntitle: ~\ntags:\ndate: null\ndraft:\ncontact:\n",
			want:   page{},
			wantOK: true,
		},
		{
			name:   "date only",
			src:    "date: 2023-05-01\n",
			want:   page{Date: time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC)},
			wantOK: true,
		},
		{
			name:   "date with time and numeric zone",
			src:    "date: 2023-05-01 14:30:00 -0500\n",
			want:   page{Date: time.Date(2023, 5, 1, 14, 30, 0, 0, est)},
			wantOK: true,
		},
		{
			name:   "date with one-digit hour",
			src:    "date: 2020-01-01 9:00:00 -0500\n",
			want:   page{Date: time.Date(2020, 1, 1, 9, 0, 0, 0, est)},
			wantOK: true,
		},
		{
			name:   "RFC 3339 with Z",
			src:    "date: 2023-05-01T14:30:00Z\n",
			want:   page{Date: time.Date(2023, 5, 1, 14, 30, 0, 0, time.UTC)},
			wantOK: true,
		},
		{
			name:   "RFC 3339 with offset",
			src:    "date: 2023-05-01T14:30:00-05:00\n",
			want:   page{Date: time.Date(2023, 5, 1, 14, 30, 0, 0, est)},
			wantOK: true,
		},
		{
			name:   "date and time without zone is UTC",
			src:    "date: 2023-05-01T14:30:00\n",
			want:   page{Date: time.Date(2023, 5, 1, 14, 30, 0, 0, time.UTC)},
			wantOK: true,
		},
		{
			name:   "quoted date",
			src:    "date: \"2023-05-01\"\n",
			want:   page{Date: time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC)},
			wantOK: true,
		},
		{
			name: "bad date",
			src:  "title: x\ndate: 2023-13-01\n",
			want: page{Title: "x"},
			wantProblems: []Problem{
				{Line: 2, Col: 7, Msg: "`date` must be a date, not `2023-13-01`", Hint: "write a date such as 2024-05-01, or 2024-05-01 14:30:00 -0500"},
			},
		},
		{
			name: "date written as US month/day",
			src:  "date: 05/01/2023\n",
			wantProblems: []Problem{
				{Line: 1, Col: 7, Msg: "`date` must be a date, not `05/01/2023`", Hint: "write a date such as 2024-05-01, or 2024-05-01 14:30:00 -0500"},
			},
		},
		{
			name: "list where a date is expected",
			src:  "date: [2023-05-01]\n",
			wantProblems: []Problem{
				{Line: 1, Col: 7, Msg: "`date` must be a date, not a list", Hint: "write a date such as 2024-05-01, or 2024-05-01 14:30:00 -0500"},
			},
		},
		{
			name:   "line offset is added",
			src:    "title: x\nweight: heavy\n",
			offset: 4,
			want:   page{Title: "x"},
			wantProblems: []Problem{
				{Line: 6, Col: 9, Msg: "`weight` must be a whole number, not `heavy`"},
			},
		},
		{
			name:   "line offset in positions and duplicate messages",
			src:    "contact:\n  name: A\n  name: B\n",
			offset: 1,
			want:   page{Contact: contact{Name: "A", Pos: Positions{At: Pos{3, 3}, Keys: map[string]Pos{"name": {3, 9}}}}},
			wantProblems: []Problem{
				{Line: 4, Col: 3, Msg: "duplicate key `name`: it is already set on line 3", Hint: "remove one of them"},
			},
		},
		{
			name: "second document",
			src:  "title: x\n---\nweight: 2\n",
			wantProblems: []Problem{
				{Line: 2, Col: 1, Msg: "a second YAML document starts here, and only one is read", Hint: "remove the `---` line, or move the rest into its own file"},
			},
		},
		{
			name:   "second document with line offset",
			src:    "title: x\ndraft: true\n---\n\nweight: 2\n",
			offset: 1,
			wantProblems: []Problem{
				{Line: 4, Col: 1, Msg: "a second YAML document starts here, and only one is read", Hint: "remove the `---` line, or move the rest into its own file"},
			},
		},
		{
			name: "empty second document",
			src:  "title: x\n---\n",
			wantProblems: []Problem{
				{Line: 2, Col: 1, Msg: "a second YAML document starts here, and only one is read", Hint: "remove the `---` line, or move the rest into its own file"},
			},
		},
		{
			name:   "document end marker alone is fine",
			src:    "title: x\n...\n",
			want:   page{Title: "x"},
			wantOK: true,
		},
		{
			name: "syntax error: bad indentation",
			src:  "title: x\n  draft: true\n",
			wantProblems: []Problem{
				{Line: 2, Msg: "invalid YAML: mapping values are not allowed in this context"},
			},
		},
		{
			name:   "syntax error with line offset",
			src:    "title: x\ndescription: y\n  draft: true\n",
			offset: 1,
			wantProblems: []Problem{
				{Line: 4, Msg: "invalid YAML: mapping values are not allowed in this context"},
			},
		},
		{
			name: "syntax error: tab indentation",
			src:  "title: x\n\tdraft: true\n",
			wantProblems: []Problem{
				{Line: 2, Msg: "invalid YAML: found a tab character that violates indentation"},
			},
		},
		{
			name: "syntax error: unclosed quote",
			src:  "title: \"Shelters\ndraft: true\n",
			wantProblems: []Problem{
				{Line: 3, Msg: "invalid YAML: found unexpected end of stream"},
			},
		},
		{
			name: "syntax error in a second document",
			src:  "title: x\n---\na: [b\n",
			wantProblems: []Problem{
				{Line: 3, Msg: "invalid YAML: did not find expected ',' or ']'"},
			},
		},
		{
			name: "syntax error: unclosed flow list",
			src:  "title: x\ntags: [a, b\ndraft: true\n",
			wantProblems: []Problem{
				{Line: 2, Msg: "invalid YAML: did not find expected ',' or ']'"},
			},
		},
		{
			name: "syntax error: list item in a mapping",
			src:  "title: x\ncontact:\n  name: a\n - b\n",
			wantProblems: []Problem{
				{Line: 4, Col: 2, Msg: "invalid YAML: did not find expected key",
					Hint: "this line's indentation, 1, lines up with no line above it: indent it 2 spaces, like line 3, or 0, like line 1"},
			},
		},
		{
			name: "syntax error: second document after the end marker",
			src:  "title: x\n...\ndraft: true\n",
			wantProblems: []Problem{
				{Line: 3, Msg: "invalid YAML: did not find expected <document start>"},
			},
		},
		{
			name: "unknown alias on a later line",
			src:  "title: x\ndescription: *nope\n",
			wantProblems: []Problem{
				{Line: 2, Msg: "invalid YAML: unknown anchor 'nope' referenced"},
			},
		},
		{
			name: "unknown alias",
			src:  "title: *nope\n",
			wantProblems: []Problem{
				{Line: 1, Msg: "invalid YAML: unknown anchor 'nope' referenced"},
			},
		},
		{
			name: "merge key",
			src:  "base: &base\n  name: Hotline\n  phone: \"1\"\ncontact:\n  <<: *base\n  email: a@example.org\n",
			want: page{
				Contact: contact{Name: "Hotline", Phone: "1", Email: "a@example.org", Pos: Positions{
					At:   Pos{5, 3},
					Keys: map[string]Pos{"name": {2, 9}, "phone": {3, 10}, "email": {6, 10}},
				}},
				Params: map[string]any{"base": map[string]any{"name": "Hotline", "phone": "1"}},
			},
			wantOK: true,
		},
		{
			name: "key after a merge key overrides the merged one",
			src:  "base: &base\n  name: Hotline\n  phone: \"1\"\ncontact:\n  <<: *base\n  phone: \"2\"\n",
			want: page{
				Contact: contact{Name: "Hotline", Phone: "2", Pos: Positions{
					At:   Pos{5, 3},
					Keys: map[string]Pos{"name": {2, 9}, "phone": {6, 10}},
				}},
				Params: map[string]any{"base": map[string]any{"name": "Hotline", "phone": "1"}},
			},
			wantOK: true,
		},
		{
			name: "key before a merge key overrides the merged one",
			src:  "base: &base\n  name: Hotline\n  phone: \"1\"\ncontact:\n  phone: \"2\"\n  <<: *base\n",
			want: page{
				Contact: contact{Name: "Hotline", Phone: "2", Pos: Positions{
					At:   Pos{5, 3},
					Keys: map[string]Pos{"name": {2, 9}, "phone": {5, 10}},
				}},
				Params: map[string]any{"base": map[string]any{"name": "Hotline", "phone": "1"}},
			},
			wantOK: true,
		},
		{
			name: "merge a list of mappings: the first one wins",
			src:  "a: &a {name: A}\nb: &b {name: B, phone: \"2\"}\ncontact:\n  <<: [*a, *b]\n",
			want: page{
				Contact: contact{Name: "A", Phone: "2", Pos: Positions{
					At:   Pos{4, 3},
					Keys: map[string]Pos{"name": {1, 14}, "phone": {2, 24}},
				}},
				Params: map[string]any{"a": map[string]any{"name": "A"}, "b": map[string]any{"name": "B", "phone": "2"}},
			},
			wantOK: true,
		},
		{
			name: "merged unknown key in a strict struct",
			src:  "base: &base\n  nmae: Hotline\ncontact:\n  <<: *base\n",
			want: page{
				Contact: contact{Pos: Positions{At: Pos{4, 3}, Keys: map[string]Pos{"nmae": {2, 9}}}},
				Params:  map[string]any{"base": map[string]any{"nmae": "Hotline"}},
			},
			wantProblems: []Problem{
				{Line: 2, Col: 3, Msg: "unknown key `contact.nmae`", Hint: "did you mean `name`?"},
			},
		},
		{
			name: "merge key without an alias",
			src:  "contact:\n  <<: base\n  name: A\n",
			want: page{Contact: contact{Name: "A", Pos: Positions{At: Pos{2, 3}, Keys: map[string]Pos{"name": {3, 9}}}}},
			wantProblems: []Problem{
				{Line: 2, Col: 7, Msg: "`<<` must be an alias to a mapping, such as *base, or a list of them, not `base`", Hint: "write `<<: *base` after defining `base: &base` with the shared keys"},
			},
		},
		{
			name: "a mapping that merges itself",
			src:  "contact: &x\n  name: A\n  <<: *x\n",
			want: page{Contact: contact{Name: "A", Pos: Positions{At: Pos{1, 10}, Keys: map[string]Pos{"name": {2, 9}}}}},
			wantProblems: []Problem{
				{Line: 3, Col: 3, Msg: "`<<` merges a mapping into itself", Hint: "remove this `<<` line"},
			},
		},
		{
			name:   "alias of a scalar",
			src:    "x: &t Shelters\ntitle: *t\n",
			want:   page{Title: "Shelters", Params: map[string]any{"x": "Shelters"}},
			wantOK: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got page
			var l List
			ok := DecodeYAML(testFile, tc.offset, []byte(tc.src), &got, &l)
			for i := range tc.wantProblems {
				tc.wantProblems[i].File = testFile
			}
			if diff := cmp.Diff(tc.wantProblems, l.Sorted()); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
			if ok != tc.wantOK {
				t.Errorf("DecodeYAML returned %v, want %v", ok, tc.wantOK)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("decoded value mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// billionLaughs returns a document whose nine levels of nine-fold aliases
// expand to 9^9 strings, used as the value of key.
func billionLaughs(key string) string {
	var b strings.Builder
	b.WriteString(`a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	for c := 'b'; c <= 'i'; c++ {
		prev := string(c - 1)
		fmt.Fprintf(&b, "%c: &%c [%s*%s]\n", c, c, strings.Repeat("*"+prev+",", 8), prev)
	}
	b.WriteString(key + ": *i\n")
	return b.String()
}

// deep can hold the whole billion-laughs expansion, so that only the alias
// budget stops it.
type deep struct {
	Tree [][][][][][][][][]string `yaml:"tree"`
	A    [][]string               `yaml:"a"`
	B    [][]string               `yaml:"b"`
	C    [][][]string             `yaml:"c"`
	D    [][][][]string           `yaml:"d"`
	E    [][][][][]string         `yaml:"e"`
	F    [][][][][][]string       `yaml:"f"`
	G    [][][][][][][]string     `yaml:"g"`
	H    [][][][][][][][]string   `yaml:"h"`
	I    [][][][][][][][][]string `yaml:"i"`
}

func TestDecodeYAMLAliasBomb(t *testing.T) {
	const budgetMsg = "the file expands to more than 100000 values through aliases"
	for _, tc := range []struct {
		name    string
		src     string
		v       any
		wantMsg string // one of the problems must have this message
	}{
		{
			name:    "into typed lists",
			src:     billionLaughs("tree"),
			v:       &deep{},
			wantMsg: budgetMsg,
		},
		{
			name:    "into the inline map",
			src:     billionLaughs("lulz"),
			v:       &page{},
			wantMsg: "`lulz`: document contains excessive aliasing",
		},
		{
			name:    "into a list of text",
			src:     billionLaughs("tags"),
			v:       &page{},
			wantMsg: "`tags[0]` must be text, not a list",
		},
		{
			// Each level merges the one below nine times; walking the
			// merges must spend the same budget as expanding values.
			name:    "through merge keys",
			src:     mergeBomb(),
			v:       &struct{ M contact }{},
			wantMsg: budgetMsg,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var l List
			if DecodeYAML(testFile, 0, []byte(tc.src), tc.v, &l) {
				t.Errorf("DecodeYAML returned true, want false")
			}
			var msgs []string
			for _, p := range l.Sorted() {
				if p.Msg == tc.wantMsg {
					if p.Severity != Error || p.Line < 1 || p.File != testFile {
						t.Errorf("problem %#v: want an error with a file and line", p)
					}
					return
				}
				msgs = append(msgs, p.Msg)
			}
			t.Errorf("no problem %q among:\n%s", tc.wantMsg, strings.Join(msgs, "\n"))
		})
	}
}

// mergeBomb builds nine levels of mappings, each merging the level below it
// nine times, with 50 keys at the bottom.
func mergeBomb() string {
	var b strings.Builder
	b.WriteString("l0: &l0\n")
	for i := range 50 {
		fmt.Fprintf(&b, "  k%d: v\n", i)
	}
	for i := 1; i <= 9; i++ {
		fmt.Fprintf(&b, "l%d: &l%d\n  <<: [%s*l%d]\n", i, i, strings.Repeat(fmt.Sprintf("*l%d, ", i-1), 8), i-1)
	}
	b.WriteString("m:\n  <<: *l9\n  name: x\n")
	return b.String()
}

func TestParseTime(t *testing.T) {
	est := time.FixedZone("", -5*3600)
	for _, tc := range []struct {
		in      string
		want    time.Time
		wantErr bool
	}{
		{in: "2023-05-01", want: time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC)},
		{in: "  2023-05-01\n", want: time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC)},
		{in: "2023-05-01 14:30:00 -0500", want: time.Date(2023, 5, 1, 14, 30, 0, 0, est)},
		{in: "2023-05-01 14:30:00 -05:00", want: time.Date(2023, 5, 1, 14, 30, 0, 0, est)},
		{in: "2020-01-01 9:00:00 -0500", want: time.Date(2020, 1, 1, 9, 0, 0, 0, est)},
		{in: "2020-01-01T9:00:00Z", want: time.Date(2020, 1, 1, 9, 0, 0, 0, time.UTC)},
		{in: "2023-05-01T14:30:00Z", want: time.Date(2023, 5, 1, 14, 30, 0, 0, time.UTC)},
		{in: "2023-05-01T14:30:00-05:00", want: time.Date(2023, 5, 1, 14, 30, 0, 0, est)},
		{in: "2023-05-01T14:30:00.123456789Z", want: time.Date(2023, 5, 1, 14, 30, 0, 123456789, time.UTC)},
		{in: "2023-05-01T14:30:00-0500", want: time.Date(2023, 5, 1, 14, 30, 0, 0, est)},
		{in: "2023-05-01T14:30:00", want: time.Date(2023, 5, 1, 14, 30, 0, 0, time.UTC)},
		{in: "2023-05-01T14:30", want: time.Date(2023, 5, 1, 14, 30, 0, 0, time.UTC)},
		{in: "2023-05-01 14:30:00", want: time.Date(2023, 5, 1, 14, 30, 0, 0, time.UTC)},
		{in: "2023-05-01 14:30", want: time.Date(2023, 5, 1, 14, 30, 0, 0, time.UTC)},
		{in: "2023-05-01 14:30 -0500", want: time.Date(2023, 5, 1, 14, 30, 0, 0, est)},
		{in: "2023-05-01 14:30:00Z", want: time.Date(2023, 5, 1, 14, 30, 0, 0, time.UTC)},
		{in: "2023-05-01 14:30:00 UTC", want: time.Date(2023, 5, 1, 14, 30, 0, 0, time.UTC)},
		{in: "", wantErr: true},
		{in: "yesterday", wantErr: true},
		{in: "2023-13-01", wantErr: true},
		{in: "2023-02-30", wantErr: true},
		{in: "05/01/2023", wantErr: true},
		{in: "2023-05-01 25:00:00", wantErr: true},
		{in: "2023-05-01 14:30:00 -0500 extra", wantErr: true},
		{in: "2023-05-01T", wantErr: true},
		{in: "2023-05-01 9", wantErr: true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseTime(tc.in)
			if tc.wantErr {
				if err == nil {
					t.Fatalf("ParseTime(%q) = %v, want an error", tc.in, got)
				}
				if want := fmt.Sprintf("cannot read %q as a date", strings.TrimSpace(tc.in)); err.Error() != want {
					t.Errorf("error = %q, want %q", err, want)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseTime(%q): %v", tc.in, err)
			}
			if !got.Equal(tc.want) {
				t.Errorf("ParseTime(%q) = %v, want %v", tc.in, got, tc.want)
			}
			_, gotOff := got.Zone()
			_, wantOff := tc.want.Zone()
			if gotOff != wantOff {
				t.Errorf("ParseTime(%q) zone offset = %d, want %d", tc.in, gotOff, wantOff)
			}
		})
	}
}

// TestDecodeNode checks the entry point used for TOML front matter: a tree
// built by hand rather than parsed, with a line offset.
func TestDecodeNode(t *testing.T) {
	str := func(v string, line int) *yaml.Node {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v, Line: line, Column: 1}
	}
	root := &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1, Content: []*yaml.Node{
		str("title", 1), str("Shelters", 1),
		str("weight", 2), str("heavy", 2),
		str("tittle", 3), str("x", 3),
	}}
	var got page
	var l List
	if DecodeNode(testFile, 1, root, &got, &l) {
		t.Errorf("DecodeNode returned true for a bad weight")
	}
	want := []Problem{
		{File: testFile, Line: 3, Col: 1, Msg: "`weight` must be a whole number, not `heavy`"},
		{File: testFile, Line: 4, Col: 1, Severity: Warning, Msg: "unknown key `tittle`", Hint: "did you mean `title`?"},
	}
	if diff := cmp.Diff(want, l.Sorted()); diff != "" {
		t.Errorf("problems mismatch (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(page{Title: "Shelters", Params: map[string]any{"tittle": "x"}}, got); diff != "" {
		t.Errorf("decoded value mismatch (-want +got):\n%s", diff)
	}
}
