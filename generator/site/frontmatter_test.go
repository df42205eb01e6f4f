package site

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/adrg/frontmatter"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"resourcelib/generator/diag"
)

const fmFile = "content/shelters.md"

func TestParseFrontMatter(t *testing.T) {
	may1 := time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC)
	est := time.FixedZone("", -5*3600)
	for _, tc := range []struct {
		name     string
		src      string
		want     Meta
		wantBody string
		wantOK   bool
		// wantProblems lists every problem in diag.List.Sorted order; File
		// is filled in with fmFile.
		wantProblems []diag.Problem
	}{
		{
			name:     "yaml",
			src:      "---\ntitle: Shelters\ndate: 2023-05-01\ndraft: yes\ntags: news\nweight: 2\n---\n\n# Shelters\n",
			want:     Meta{Title: "Shelters", Date: may1, Draft: true, Tags: []string{"news"}, Weight: 2},
			wantBody: strings.Repeat("\n", 7) + "\n# Shelters\n",
			wantOK:   true,
		},
		{
			name:     "yaml with a named opener",
			src:      "---yaml\ntitle: Shelters\n---\nBody\n",
			want:     Meta{Title: "Shelters"},
			wantBody: "\n\n\nBody\n",
			wantOK:   true,
		},
		{
			name:     "yaml delimiters with trailing spaces",
			src:      "---  \ntitle: Shelters\n--- \nBody\n",
			want:     Meta{Title: "Shelters"},
			wantBody: "\n\n\nBody\n",
			wantOK:   true,
		},
		{
			name: "toml",
			src: "+++\ntitle = \"Shelters\"\ndate = 2023-05-01T09:30:00-05:00\nlastmod = 2023-05-01\n" +
				"draft = true\nweight = 3\ntags = [\"housing\", \"safety\"]\n[params]\nhero = \"a.png\"\n+++\nBody\n",
			want: Meta{
				Title: "Shelters", Date: time.Date(2023, 5, 1, 9, 30, 0, 0, est), Lastmod: may1,
				Draft: true, Weight: 3, Tags: []string{"housing", "safety"},
				Params: map[string]any{"params": map[string]any{"hero": "a.png"}},
			},
			wantBody: strings.Repeat("\n", 10) + "Body\n",
			wantOK:   true,
		},
		{
			name:     "toml dates without a zone are UTC",
			src:      "+++\ndate = 2023-05-01T14:30:00\nlastmod = 2023-05-01 14:30:00.25\nopens = 09:30:00\n+++\n",
			want:     Meta{Date: time.Date(2023, 5, 1, 14, 30, 0, 0, time.UTC), Lastmod: time.Date(2023, 5, 1, 14, 30, 0, 250e6, time.UTC), Params: map[string]any{"opens": "09:30:00"}},
			wantBody: "\n\n\n\n\n",
			wantOK:   true,
		},
		{
			name:     "toml time of day where a date is expected",
			src:      "+++\ntitle = \"x\"\nlastmod = 10:00:00\n+++\n",
			want:     Meta{Title: "x"},
			wantBody: "\n\n\n\n",
			wantProblems: []diag.Problem{
				{Line: 3, Col: 1, Msg: "`lastmod` must be a date, not `10:00:00`", Hint: "write a date such as 2024-05-01, or 2024-05-01 14:30:00 -0500"},
			},
		},
		{
			name:     "toml with a named opener",
			src:      "---toml\ntitle = \"Shelters\"\n---\nBody\n",
			want:     Meta{Title: "Shelters"},
			wantBody: "\n\n\nBody\n",
			wantOK:   true,
		},
		{
			name:     "json object",
			src:      "{\n  \"title\": \"Shelters\",\n  \"tags\": [\"a\"],\n  \"draft\": false\n}\n\nBody\n",
			want:     Meta{Title: "Shelters", Tags: []string{"a"}},
			wantBody: "\n\n\n\n\n\nBody\n",
			wantOK:   true,
		},
		{
			name:     "json object indented with tabs",
			src:      "{\n\t\"title\": \"Shelters\"\n}\n\nBody\n",
			want:     Meta{Title: "Shelters"},
			wantBody: "\n\n\n\nBody\n",
			wantOK:   true,
		},
		{
			name:     "json between ;;;",
			src:      ";;;\n{\"title\": \"Shelters\"}\n;;;\nBody\n",
			want:     Meta{Title: "Shelters"},
			wantBody: "\n\n\nBody\n",
			wantOK:   true,
		},
		{
			name:     "json with a named opener",
			src:      "---json\n{\"title\": \"Shelters\", \"weight\": 4}\n---\nBody\n",
			want:     Meta{Title: "Shelters", Weight: 4},
			wantBody: "\n\n\nBody\n",
			wantOK:   true,
		},
		{
			name:     "byte-order mark",
			src:      "\ufeff---\ntitle: Shelters\n---\nBody\n",
			want:     Meta{Title: "Shelters"},
			wantBody: "\n\n\nBody\n",
			wantOK:   true,
		},
		{
			name:     "byte-order mark without front matter",
			src:      "\ufeffJust text\n",
			wantBody: "Just text\n",
			wantOK:   true,
		},
		{
			name:     "CRLF line endings",
			src:      "---\r\ntitle: Shelters\r\ntags:\r\n  - a\r\n  - b\r\n---\r\nBody\r\nMore\r\n",
			want:     Meta{Title: "Shelters", Tags: []string{"a", "b"}},
			wantBody: "\n\n\n\n\n\nBody\r\nMore\r\n",
			wantOK:   true,
		},
		{
			name:     "leading blank lines before ---",
			src:      "\n  \n---\ntitle: Shelters\n---\nBody\n",
			want:     Meta{Title: "Shelters"},
			wantBody: "\n\n\n\n\nBody\n",
			wantOK:   true,
		},
		{
			name:     "empty front matter",
			src:      "---\n---\nBody\n",
			wantBody: "\n\nBody\n",
			wantOK:   true,
		},
		{
			name:     "front matter at the end of the file",
			src:      "---\ntitle: Shelters\n---",
			want:     Meta{Title: "Shelters"},
			wantBody: "\n\n",
			wantOK:   true,
		},
		{
			name:     "a later --- is Markdown",
			src:      "---\ntitle: Shelters\n---\nText\n\n---\n\nMore\n",
			want:     Meta{Title: "Shelters"},
			wantBody: "\n\n\nText\n\n---\n\nMore\n",
			wantOK:   true,
		},
		{
			name:     "no front matter",
			src:      "# Shelters\n\ntitle: not front matter\n",
			wantBody: "# Shelters\n\ntitle: not front matter\n",
			wantOK:   true,
		},
		{
			name:   "empty file",
			src:    "",
			wantOK: true,
		},
		{
			name: "unclosed ---",
			src:  "---\ntitle: Shelters\ndraft: true\n\nBody\n",
			wantProblems: []diag.Problem{
				{Line: 1, Col: 1, Msg: "front matter starts with `---` but is never closed", Hint: "add a line `---` after the last front matter key"},
			},
		},
		{
			name: "unclosed --- alone",
			src:  "---",
			wantProblems: []diag.Problem{
				{Line: 1, Col: 1, Msg: "front matter starts with `---` but is never closed", Hint: "add a line `---` after the last front matter key"},
			},
		},
		{
			name: "unclosed --- after blank lines",
			src:  "\n\n---\ntitle: Shelters\n",
			wantProblems: []diag.Problem{
				{Line: 3, Col: 1, Msg: "front matter starts with `---` but is never closed", Hint: "add a line `---` after the last front matter key"},
			},
		},
		{
			name: "unclosed +++",
			src:  "+++\ntitle = \"Shelters\"\n",
			wantProblems: []diag.Problem{
				{Line: 1, Col: 1, Msg: "front matter starts with `+++` but is never closed", Hint: "add a line `+++` after the last front matter key"},
			},
		},
		{
			name: "unclosed ---json",
			src:  "---json\n{\"title\": \"Shelters\"}\n",
			wantProblems: []diag.Problem{
				{Line: 1, Col: 1, Msg: "front matter starts with `---json` but is never closed", Hint: "add a line `---` after the last front matter key"},
			},
		},
		{
			// Without the blank line the JSON would be published as text,
			// and a draft would go live.
			name: "json without a blank line after the closing brace",
			src:  "{\n  \"title\": \"Shelters\",\n  \"draft\": true\n}\nBody\n",
			wantProblems: []diag.Problem{
				{Line: 1, Col: 1, Msg: "front matter starts with `{` but is never closed", Hint: "end the front matter with a line `}` and a blank line after it"},
			},
		},
		{
			name:     "json at the end of the file",
			src:      "{\n  \"title\": \"Shelters\"\n}",
			want:     Meta{Title: "Shelters"},
			wantBody: "\n\n",
			wantOK:   true,
		},
		{
			name:     "text that starts with a brace on a longer line",
			src:      "{.lead} Shelters\nBody\n",
			wantBody: "{.lead} Shelters\nBody\n",
			wantOK:   true,
		},
		{
			name:     "summary is copied to description",
			src:      "---\nsummary: Where to stay\n---\n",
			want:     Meta{Summary: "Where to stay", Description: "Where to stay"},
			wantBody: "\n\n\n",
			wantOK:   true,
		},
		{
			name:     "description wins over summary",
			src:      "---\nsummary: Short\ndescription: Long\n---\n",
			want:     Meta{Summary: "Short", Description: "Long"},
			wantBody: "\n\n\n\n",
			wantOK:   true,
		},
		{
			name:     "unknown keys land in Params",
			src:      "---\ntitle: Shelters\nauthor: Jo\ncategories: [a, b]\nhero:\n  image: a.png\n---\n",
			want:     Meta{Title: "Shelters", Params: map[string]any{"author": "Jo", "categories": []any{"a", "b"}, "hero": map[string]any{"image": "a.png"}}},
			wantBody: strings.Repeat("\n", 7),
			wantOK:   true,
		},
		{
			name:     "typo of a known key is kept with a warning at its file line",
			src:      "---\ntitle: Shelters\ndraft: false\ndarft: true\n---\n",
			want:     Meta{Title: "Shelters", Params: map[string]any{"darft": true}},
			wantBody: "\n\n\n\n\n",
			wantOK:   true,
			wantProblems: []diag.Problem{
				{Line: 4, Col: 1, Severity: diag.Warning, Msg: "unknown key `darft`", Hint: "did you mean `draft`?"},
			},
		},
		{
			// `darft: true` alone would publish a page meant to be a draft.
			name:     "typo of a key the page lacks is an error",
			src:      "---\ntitle: Shelters\ndarft: true\n---\n",
			want:     Meta{Title: "Shelters", Params: map[string]any{"darft": true}},
			wantBody: "\n\n\n\n",
			wantOK:   false,
			wantProblems: []diag.Problem{
				{Line: 3, Col: 1, Severity: diag.Error, Msg: "unknown key `darft`", Hint: "did you mean `draft`? There is no `draft` here"},
			},
		},
		{
			name:     "yaml error on file line 3",
			src:      "---\ntitle: Shelters\nweight: heavy\n---\nBody\n",
			want:     Meta{Title: "Shelters"},
			wantBody: "\n\n\n\nBody\n",
			wantProblems: []diag.Problem{
				{Line: 3, Col: 9, Msg: "`weight` must be a whole number, not `heavy`"},
			},
		},
		{
			name:     "yaml error after blank lines and a byte-order mark",
			src:      "\ufeff\n\n---\ntitle: Shelters\ndate: someday\n---\n",
			want:     Meta{Title: "Shelters"},
			wantBody: "\n\n\n\n\n\n",
			wantProblems: []diag.Problem{
				{Line: 5, Col: 7, Msg: "`date` must be a date, not `someday`", Hint: "write a date such as 2024-05-01, or 2024-05-01 14:30:00 -0500"},
			},
		},
		{
			name:     "yaml error with CRLF",
			src:      "---\r\ntitle: Shelters\r\ndraft: maybe\r\n---\r\n",
			want:     Meta{Title: "Shelters"},
			wantBody: "\n\n\n\n",
			wantProblems: []diag.Problem{
				{Line: 3, Col: 8, Msg: "`draft` must be true or false, not `maybe`"},
			},
		},
		{
			name:     "duplicate key names file lines",
			src:      "---\ntitle: A\ndraft: true\ntitle: B\n---\n",
			want:     Meta{Title: "A", Draft: true},
			wantBody: "\n\n\n\n\n",
			wantProblems: []diag.Problem{
				{Line: 4, Col: 1, Msg: "duplicate key `title`: it is already set on line 2", Hint: "remove one of them"},
			},
		},
		{
			name:     "yaml syntax error line",
			src:      "---\ntitle: Shelters\n  draft: true\n---\n",
			wantBody: "\n\n\n\n",
			wantProblems: []diag.Problem{
				{Line: 3, Msg: "invalid YAML: mapping values are not allowed in this context"},
			},
		},
		{
			name:     "toml syntax error line",
			src:      "+++\ntitle = \"Shelters\"\nweight =\n+++\n",
			wantBody: "\n\n\n\n",
			wantProblems: []diag.Problem{
				{Line: 3, Col: 9, Msg: "invalid TOML front matter: expected value but found '\\n' instead"},
			},
		},
		{
			name:     "toml syntax error after blank lines",
			src:      "\n+++\ntitle = \"Shelters\"\n\ndraft = yes\n+++\n",
			wantBody: "\n\n\n\n\n\n",
			wantProblems: []diag.Problem{
				{Line: 5, Col: 9, Msg: "invalid TOML front matter: expected value but found \"yes\" instead"},
			},
		},
		{
			name:     "toml type error line",
			src:      "+++\ntitle = \"Shelters\"\nweight = \"heavy\"\n+++\n",
			want:     Meta{Title: "Shelters"},
			wantBody: "\n\n\n\n",
			wantProblems: []diag.Problem{
				{Line: 3, Col: 1, Msg: "`weight` must be a whole number, not `heavy`"},
			},
		},
		{
			name:     "json error position",
			src:      "{\n  \"title\": \"Shelters\",\n  \"weight\": \"heavy\"\n}\n",
			want:     Meta{Title: "Shelters"},
			wantBody: "\n\n\n\n",
			wantProblems: []diag.Problem{
				{Line: 3, Col: 13, Msg: "`weight` must be a whole number, not `heavy`"},
			},
		},
		{
			name:     "json between ;;; error position",
			src:      ";;;\n{\n  \"draft\": \"maybe\"\n}\n;;;\n",
			wantBody: "\n\n\n\n\n",
			wantProblems: []diag.Problem{
				{Line: 3, Col: 12, Msg: "`draft` must be true or false, not `maybe`"},
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var l diag.List
			got, body, ok := parseFrontMatter(fmFile, []byte(tc.src), &l)
			for i := range tc.wantProblems {
				tc.wantProblems[i].File = fmFile
			}
			if diff := cmp.Diff(tc.wantProblems, l.Sorted()); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
			if ok != tc.wantOK {
				t.Errorf("ok = %v, want %v", ok, tc.wantOK)
			}
			if diff := cmp.Diff(tc.want, got, cmpopts.IgnoreFields(Meta{}, "Pos")); diff != "" {
				t.Errorf("Meta mismatch (-want +got):\n%s", diff)
			}
			if string(body) != tc.wantBody {
				t.Errorf("body = %q, want %q", body, tc.wantBody)
			}
			// The body keeps the file's line numbers: as many lines as the
			// file, whatever the front matter took.
			if len(body) > 0 && strings.Count(string(body), "\n") != strings.Count(tc.src, "\n") {
				t.Errorf("body has %d newlines, the file %d", strings.Count(string(body), "\n"), strings.Count(tc.src, "\n"))
			}
		})
	}
}

// TestParseFrontMatterZone runs TestParseFrontMatter again in other time
// zones: a date written without a zone must not depend on the machine's
// (BurntSushi/toml reads its local dates in the zone of the process).
func TestParseFrontMatterZone(t *testing.T) {
	if os.Getenv("FRONTMATTER_TZ_CHILD") != "" {
		t.Skip("already in a child process")
	}
	if testing.Short() {
		t.Skip("starts processes")
	}
	for _, tz := range []string{"America/Los_Angeles", "Asia/Tokyo"} {
		t.Run(tz, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestParseFrontMatter$", "-test.count=1")
			cmd.Env = append(os.Environ(), "TZ="+tz, "FRONTMATTER_TZ_CHILD=1")
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Errorf("TZ=%s: %v\n%s", tz, err, out)
			}
		})
	}
}

// TestParseFrontMatterPositions checks that the positions the decoder keeps
// for later validation are file lines, not front matter lines.
func TestParseFrontMatterPositions(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want map[string]diag.Pos
	}{
		{
			name: "yaml",
			src:  "\n---\ntitle: Shelters\nurl: /x/\n---\n",
			want: map[string]diag.Pos{"title": {Line: 3, Col: 8}, "url": {Line: 4, Col: 6}},
		},
		{
			name: "json",
			src:  "{\n\"title\": \"Shelters\",\n\"url\": \"/x/\"\n}\n",
			want: map[string]diag.Pos{"title": {Line: 2, Col: 10}, "url": {Line: 3, Col: 8}},
		},
		{
			name: "toml",
			src:  "+++\ntitle = \"Shelters\"\n\nurl = \"/x/\"\n+++\n",
			want: map[string]diag.Pos{"title": {Line: 2, Col: 1}, "url": {Line: 4, Col: 1}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var l diag.List
			m, _, ok := parseFrontMatter(fmFile, []byte(tc.src), &l)
			if !ok {
				t.Fatalf("parseFrontMatter: %v", l.Err())
			}
			if diff := cmp.Diff(tc.want, m.Pos.Keys); diff != "" {
				t.Errorf("positions mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// FuzzParseFrontMatter checks that no file makes parseFrontMatter panic or
// hang, that it fails exactly when it reports an error, and that the body
// keeps the file's line count.
func FuzzParseFrontMatter(f *testing.F) {
	for _, seed := range []string{
		"",
		"---\ntitle: Shelters\ndraft: yes\ntags: news\n---\nBody\n",
		"\ufeff\r\n---\r\ntitle: x\r\n---\r\n",
		"+++\ntitle = \"x\"\ndate = 2023-05-01\n[params]\na = [1, 2]\n[[list]]\nb = 1\n+++\nBody\n",
		"{\n\"title\": \"x\"\n}\n\nBody\n",
		";;;\n{\"title\": 1}\n;;;\n",
		"---json\n[1]\n---\n",
		"---\ntitle: [a\n---\n",
		"---\n",
		"+++\nlastmod = 10:00:00\nweight = 1e9\n+++\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var l diag.List
		_, body, ok := parseFrontMatter(fmFile, src, &l)
		errs, _ := l.Count()
		if ok != (errs == 0) {
			t.Errorf("ok = %v with %d errors: %v", ok, errs, l.Sorted())
		}
		for _, p := range l.Sorted() {
			if p.File != fmFile || p.Line < 1 {
				t.Errorf("problem without a line: %#v", p)
			}
		}
		if body != nil && strings.Count(string(body), "\n") != strings.Count(string(src), "\n") {
			t.Errorf("body has %d newlines, the file %d", strings.Count(string(body), "\n"), strings.Count(string(src), "\n"))
		}
	})
}

// splitCases are front matter shapes at the edges of frontmatter.Parse's
// line reading: blank lines first, no newline at the end, delimiters with
// spaces, JSON's closing brace that needs a blank line after it, and a
// front matter that is never closed.
var splitCases = []string{
	"", "\n", "---", "---\n", "---\n---", "---\n---\n", "---\ntitle: A\n---\nbody\n",
	"\n\n  ---  \ntitle: A\n  ---\t\nbody", "---\ntitle: A\n", "---\ntitle: A\n---", "no front matter\n---\n",
	"+++\ntitle = 'A'\n+++\nbody", "---toml\ntitle = 'A'\n---\n", ";;;\n{\"title\": \"A\"}\n;;;\nx",
	"---json\n{\"title\": \"A\"}\n---\n", "{\n\"title\": \"A\"\n}\n\nbody", "{\n\"title\": \"A\"\n}\nnot blank\n}\n\nbody",
	"{\n\"a\": 1\n}", "{\n\"a\": 1\n}\n", "{\n}\n}\n\n", "---yaml\r\ntitle: A\r\n---\r\nbody\r\n", "\ufeff---\n---\n",
	"---\na: 1\n---\n---\nb: 2\n---\n",
}

// TestSplitFrontMatter holds splitFrontMatter to frontmatter.Parse's
// answers: the same format and text captured, the same rest.
func TestSplitFrontMatter(t *testing.T) {
	for _, src := range splitCases {
		checkSplit(t, []byte(src))
	}
}

func FuzzSplitFrontMatter(f *testing.F) {
	for _, src := range splitCases {
		f.Add([]byte(src))
	}
	f.Fuzz(checkSplit)
}

func checkSplit(t *testing.T, src []byte) {
	var want, got rawMatter
	wantRest, wantErr := frontmatter.Parse(bytes.NewReader(src), &want, formats...)
	gotRest, gotErr := splitFrontMatter(src, &got, formats)
	if (wantErr != nil) != (gotErr != nil) || want.format != got.format || !bytes.Equal(want.data, got.data) || !bytes.Equal(wantRest, gotRest) {
		t.Errorf("%q: got (%q, %q, rest %q, %v), want (%q, %q, rest %q, %v)",
			src, got.format, got.data, gotRest, gotErr, want.format, want.data, wantRest, wantErr)
	}
}
