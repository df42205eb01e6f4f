package site

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"go.yaml.in/yaml/v3"

	"resourcelib/generator/diag"
)

// Meta is a page's front matter. The keys are Hugo's, so existing content
// moves over unchanged; every key not listed here is kept in Params.
type Meta struct {
	Title       string    `yaml:"title" diag:"typo-error"`
	Description string    `yaml:"description"`
	Summary     string    `yaml:"summary"` // Hugo's name for description
	Date        time.Time `yaml:"date"`
	Lastmod     time.Time `yaml:"lastmod"`
	PublishDate time.Time `yaml:"publishdate,repeat"` // publishDate: not published before
	ExpiryDate  time.Time `yaml:"expirydate,repeat"`  // expiryDate: not published from then on
	Draft       bool      `yaml:"draft" diag:"typo-error"`
	Slug        string    `yaml:"slug"`
	URL         string    `yaml:"url"`
	Aliases     []string  `yaml:"aliases"`
	Weight      int       `yaml:"weight"`
	Tags        []string  `yaml:"tags"`
	Topics      []string  `yaml:"topics"`
	Audience    []string  `yaml:"audience"`
	Language    string    `yaml:"language"`
	// TranslationKey links translations whose files have different names.
	TranslationKey string         `yaml:"translation_key"`
	Layout         string         `yaml:"layout"`
	Type           string         `yaml:"type"`
	Params         map[string]any `yaml:",inline"`
	Pos            diag.Positions
}

// rawMatter captures the front matter text and its format; the decoding into
// Meta is ours, so that every problem gets a line and column.
type rawMatter struct {
	format string // yaml, toml or json
	data   []byte
}

func capture(format string) frontmatter.UnmarshalFunc {
	return func(data []byte, v any) error {
		r := v.(*rawMatter)
		r.format, r.data = format, bytes.Clone(data)
		return nil
	}
}

var formats = []*frontmatter.Format{
	frontmatter.NewFormat("---", "---", capture("yaml")),
	frontmatter.NewFormat("---yaml", "---", capture("yaml")),
	frontmatter.NewFormat("+++", "+++", capture("toml")),
	frontmatter.NewFormat("---toml", "---", capture("toml")),
	frontmatter.NewFormat(";;;", ";;;", capture("json")),
	frontmatter.NewFormat("---json", "---", capture("json")),
	{Start: "{", End: "}", Unmarshal: capture("json"), UnmarshalDelims: true, RequiresNewLine: true},
}

var openers = map[string]string{"---": "---", "---yaml": "---", "+++": "+++", "---toml": "---", ";;;": ";;;", "---json": "---", "{": "}"}

// parseFrontMatter splits a Markdown file into its front matter and body.
// body keeps the file's line numbers: the front matter is replaced by blank
// lines, so that goldmark positions and file lines agree.
func parseFrontMatter(file string, src []byte, l *diag.List) (m Meta, body []byte, ok bool) {
	if bytes.HasPrefix(src, []byte("\ufeff")) {
		src = src[3:] // a byte-order mark would hide the opening `---`
	}
	var raw rawMatter
	rest, err := splitFrontMatter(src, &raw, formats)
	if err != nil {
		l.Errorf(file, 1, 1, "cannot read front matter: %v", err)
		return m, nil, false
	}
	head := len(src) - len(rest)
	startLine := 1 + bytes.Count(src[:firstContentLine(src)], []byte("\n"))
	if raw.format == "" {
		// No front matter. An opening delimiter without a closing one means
		// the editor forgot it: the whole header would be published as text
		// (and a `draft: true` page would go live).
		first := strings.TrimSpace(firstLine(src[firstContentLine(src):]))
		if closer, isOpener := openers[first]; isOpener {
			hint := fmt.Sprintf("add a line `%s` after the last front matter key", closer)
			if first == "{" {
				// JSON front matter ends at a `}` line followed by a blank line.
				hint = "end the front matter with a line `}` and a blank line after it"
			}
			l.Add(diag.Problem{File: file, Line: startLine, Col: 1,
				Msg:  fmt.Sprintf("front matter starts with `%s` but is never closed", first),
				Hint: hint})
			return m, nil, false
		}
		return m, src, true
	}
	body = make([]byte, 0, len(src))
	body = append(body, bytes.Repeat([]byte("\n"), bytes.Count(src[:head], []byte("\n")))...)
	body = append(body, rest...)
	offset := startLine // the front matter's first line is below the opener
	if raw.format == "json" && bytes.HasPrefix(bytes.TrimSpace(raw.data), []byte("{")) && first(src) == "{" {
		offset = startLine - 1
	}
	switch raw.format {
	case "yaml", "json":
		// JSON is YAML, so one decoder gives both their positions.
		ok = diag.DecodeYAML(file, offset, raw.data, &m, l)
	case "toml":
		ok = decodeTOML(file, offset, raw.data, &m, l)
	}
	if m.Description == "" {
		m.Description = m.Summary
	}
	if m.Date.IsZero() {
		m.Date = m.PublishDate // as in Hugo: a page's date defaults to it
	}
	return m, body, ok
}

// splitFrontMatter finds the front matter of src in one of formats, as
// frontmatter.Parse does, line for line, and returns the rest of src: a
// part of src, not a copy. frontmatter.Parse reads through a bufio.Reader
// and copies the whole file into a growing buffer to return the rest,
// which was a sixth of everything a 10,000-page build allocated.
// TestSplitFrontMatter and FuzzSplitFrontMatter hold the two to the same
// answers.
func splitFrontMatter(src []byte, v any, formats []*frontmatter.Format) ([]byte, error) {
	read := 0
	// readLine is the parser's: the next line with its newline, trimmed,
	// and whether it is the last (has no newline).
	readLine := func() (string, bool) {
		i := bytes.IndexByte(src[read:], '\n')
		if i < 0 {
			line := src[read:]
			read = len(src)
			return string(bytes.TrimSpace(line)), true
		}
		line := src[read : read+i+1]
		read += i + 1
		return string(bytes.TrimSpace(line)), false
	}
	var f *frontmatter.Format
	start := 0
detect:
	for {
		before := read
		line, atEOF := readLine()
		if atEOF {
			return src, nil
		}
		if line == "" {
			continue
		}
		for _, g := range formats {
			if g.Start == line {
				start = read
				if g.UnmarshalDelims {
					start = before
				}
				f = g
				break detect
			}
		}
		return src, nil
	}
	for {
		before := read
		line, atEOF := readLine()
	checkLine:
		if line != f.End {
			if atEOF {
				return src, nil
			}
			continue
		}
		if f.RequiresNewLine {
			if line, atEOF = readLine(); line != "" {
				goto checkLine
			}
		}
		if f.UnmarshalDelims {
			before = read
		}
		if err := f.Unmarshal(src[start:before], v); err != nil {
			return nil, err
		}
		return src[read:], nil
	}
}

func first(src []byte) string {
	return strings.TrimSpace(firstLine(src[firstContentLine(src):]))
}

// firstContentLine returns the offset of the first non-blank line; the
// front matter parser skips blank lines before the opener.
func firstContentLine(src []byte) int {
	i := 0
	for i < len(src) {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			j = len(src) - i
		} else {
			j++
		}
		if len(bytes.TrimSpace(src[i:i+j])) > 0 {
			return i
		}
		i += j
	}
	return i
}

func firstLine(b []byte) string {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return string(b[:i])
	}
	return string(b)
}

// decodeTOML decodes TOML front matter by turning it into a YAML node tree,
// so that the same strict decoder checks it. TOML's parser keeps no
// positions for keys, so each key's line is found by looking for `key =`.
func decodeTOML(file string, offset int, data []byte, m *Meta, l *diag.List) bool {
	var v map[string]any
	if _, err := toml.Decode(string(data), &v); err != nil {
		line, col := 0, 0
		var pe toml.ParseError
		if ok := asParseError(err, &pe); ok {
			line, col = pe.Position.Line, pe.Position.Col
		}
		l.Errorf(file, offset+line, col, "invalid TOML front matter: %v", tomlMessage(err))
		return false
	}
	node := tomlNode(v, strings.Split(string(data), "\n"))
	return diag.DecodeNode(file, offset, node, m, l)
}

func asParseError(err error, pe *toml.ParseError) bool {
	p, ok := err.(toml.ParseError)
	if ok {
		*pe = p
	}
	return ok
}

func tomlMessage(err error) string {
	if p, ok := err.(toml.ParseError); ok {
		return p.Message
	}
	return err.Error()
}

var tomlKey = regexp.MustCompile(`^\s*"?([A-Za-z0-9_-]+)"?\s*=`)

// tomlNode builds a YAML node for a decoded TOML table, placing each
// top-level key on the line where it is written.
func tomlNode(v map[string]any, lines []string) *yaml.Node {
	keyLine := map[string]int{}
	for i, line := range lines {
		if m := tomlKey.FindStringSubmatch(line); m != nil {
			if _, seen := keyLine[m[1]]; !seen {
				keyLine[m[1]] = i + 1
			}
		}
	}
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	n := &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	for _, k := range keys {
		line := keyLine[k]
		if line == 0 {
			line = 1
		}
		kn := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: line, Column: 1}
		vn := anyNode(v[k], line)
		n.Content = append(n.Content, kn, vn)
	}
	return n
}

func anyNode(v any, line int) *yaml.Node {
	switch x := v.(type) {
	case map[string]any:
		n := tomlNode(x, nil)
		setLine(n, line)
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: line, Column: 1}
		for _, e := range x {
			n.Content = append(n.Content, anyNode(e, line))
		}
		return n
	case []map[string]any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: line, Column: 1}
		for _, e := range x {
			n.Content = append(n.Content, anyNode(e, line))
		}
		return n
	case time.Time:
		// BurntSushi/toml puts a date or time written without a zone in
		// the machine's zone, under these names. Write it without one, so
		// that it is UTC as in YAML and the build does not depend on the
		// machine; a time of day alone is then reported as not a date.
		switch x.Location().String() {
		case "date-local":
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: x.Format(time.DateOnly), Line: line, Column: 1}
		case "datetime-local":
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: x.Format("2006-01-02T15:04:05.999999999"), Line: line, Column: 1}
		case "time-local":
			return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: x.Format("15:04:05.999999999"), Line: line, Column: 1}
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: x.Format(time.RFC3339Nano), Line: line, Column: 1}
	case string:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: x, Line: line, Column: 1}
	default:
		var n yaml.Node
		_ = n.Encode(x)
		n.Line, n.Column = line, 1
		return &n
	}
}

func setLine(n *yaml.Node, line int) {
	n.Line = line
	for _, c := range n.Content {
		setLine(c, line)
	}
}
