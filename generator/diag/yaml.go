package diag

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Pos is a place in a file.
type Pos struct{ Line, Col int }

// Positions records where a decoded mapping and each of its keys' values
// stand in the file, so that validation done after decoding can still name
// the exact line and column. [DecodeYAML] fills any struct field of this type.
// The items of a list value are recorded too, as key[0], key[1], ...
type Positions struct {
	At   Pos
	Keys map[string]Pos
}

// Of returns the position of key's value, or of the mapping if key is absent.
func (p Positions) Of(key string) Pos {
	if q, ok := p.Keys[key]; ok {
		return q
	}
	return p.At
}

// aliasBudget bounds how many nodes one document may expand to through
// aliases, so that a "billion laughs" file fails in milliseconds.
const aliasBudget = 100_000

// DecodeYAML decodes one YAML document from data into v (a pointer to a
// struct) and reports every problem to l, positioned in file. lineOffset is
// added to every line number: front matter starts below its `---` line.
//
// It is stricter than yaml.v3's own Unmarshal, because editors' mistakes
// must not pass silently:
//   - duplicate keys are errors naming both lines (warnings, the later value
//     winning, for a key the program does not use or whose tag says
//     `yaml:"name,repeat"`);
//   - a second document (`---` inside a data file) is an error, not ignored;
//   - keys are matched to `yaml:"name"` struct tags. A struct with an
//     `yaml:",inline"` map keeps unknown keys there (and warns when one looks
//     like a typo of a known key, and an error when that key is then
//     missing and its field is tagged `diag:"typo-error"`: `titel:` with
//     no `title:`), and matches a key written in other cases (publishDate)
//     to a lower-case tag, as Hugo reads front matter; a struct without one
//     rejects unknown keys;
//   - wrong types name the key, the expected type and the value found;
//   - a single value where a list is expected is read as a one-item list, as
//     Hugo does for `tags: news`;
//   - time.Time accepts the date forms real sites use (see [ParseTime]);
//   - an empty string (” or "") for a number, a date or a list leaves it
//     unset, as if the key were absent: that is what a CMS (Decap) writes
//     when an editor clears such a field.
//
// It reports false if any error was found.
func DecodeYAML(file string, lineOffset int, data []byte, v any, l *List) bool {
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return true // empty document
		}
		line, msg := yamlErrLine(err, data), cleanYAMLErr(err)
		if ml, col, hint, ok := misindented(data, line, lineOffset, msg); ok {
			l.Add(Problem{File: file, Line: ml + lineOffset, Col: col, Msg: "invalid YAML: " + msg, Hint: hint})
			return false
		}
		hint := ""
		if strings.Contains(msg, "exceeded max depth") {
			hint = "lists and mappings inside each other go deeper than any page needs: flatten them"
		}
		l.Add(Problem{File: file, Line: line + lineOffset, Msg: "invalid YAML: " + msg, Hint: hint})
		return false
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		// extra.Line is the line of the `---` that starts the document.
		l.Add(Problem{File: file, Line: extra.Line + lineOffset, Col: 1,
			Msg:  "a second YAML document starts here, and only one is read",
			Hint: "remove the `---` line, or move the rest into its own file"})
		return false
	} else if !errors.Is(err, io.EOF) {
		l.Errorf(file, yamlErrLine(err, data)+lineOffset, 0, "invalid YAML: %s", cleanYAMLErr(err))
		return false
	}
	return DecodeNode(file, lineOffset, &doc, v, l)
}

// DecodeNode is [DecodeYAML] for a node tree that is already parsed (or
// built from another format, such as TOML front matter).
func DecodeNode(file string, lineOffset int, root *yaml.Node, v any, l *List) bool {
	d := &decoder{file: file, off: lineOffset, l: l, budget: aliasBudget}
	if root.Kind == yaml.DocumentNode && len(root.Content) == 1 {
		root = root.Content[0]
	}
	d.value(root, reflect.ValueOf(v).Elem(), "")
	return !d.failed
}

type decoder struct {
	file   string
	off    int
	l      *List
	budget int
	failed bool
}

func (d *decoder) errorf(n *yaml.Node, hint, format string, args ...any) {
	d.failed = true
	d.l.Add(Problem{File: d.file, Line: n.Line + d.off, Col: n.Column, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

func (d *decoder) warnf(n *yaml.Node, hint, format string, args ...any) {
	d.l.Add(Problem{File: d.file, Line: n.Line + d.off, Col: n.Column, Severity: Warning, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// spend takes n from the alias budget, and reports once, at node at, when
// it runs out. It returns false when the budget is spent.
func (d *decoder) spend(at *yaml.Node, n int) bool {
	if d.budget < 0 {
		return false
	}
	d.budget -= n
	if d.budget < 0 {
		d.errorf(at, "remove the `*` aliases that repeat large parts of the file",
			"the file expands to more than %d values through aliases", aliasBudget)
		return false
	}
	return true
}

// resolve follows aliases.
func (d *decoder) resolve(n *yaml.Node) *yaml.Node {
	for n.Kind == yaml.AliasNode && n.Alias != nil {
		n = n.Alias
	}
	return n
}

var (
	timeType      = reflect.TypeFor[time.Time]()
	positionsType = reflect.TypeFor[Positions]()
	unmarshaler   = reflect.TypeFor[yaml.Unmarshaler]()
)

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// isEmptyString reports whether n is the text ” (quoted or not).
func isEmptyString(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!str" && n.Value == ""
}

// unsetByEmpty reports whether an empty string means "not set" for a value
// of type t: a number, a date or a list (or a pointer to one). For text it
// is the empty text, and for true/false an error, as before.
func unsetByEmpty(t reflect.Type) bool {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == timeType {
		return true
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64, reflect.Slice:
		return true
	}
	return false
}

// value decodes n into v. key names the value in messages ("" at the top).
func (d *decoder) value(n *yaml.Node, v reflect.Value, key string) {
	if !d.spend(n, 1) {
		return
	}
	n = d.resolve(n)
	if isNull(n) {
		return // leave the zero value: `description:` with nothing after it
	}
	if isEmptyString(n) && unsetByEmpty(v.Type()) {
		// A CMS writes `weight: ''` when an editor clears a field: for a
		// number, a date or a list, that is the field left out.
		return
	}
	if v.CanAddr() && v.Addr().Type().Implements(unmarshaler) {
		if err := n.Decode(v.Addr().Interface()); err != nil {
			d.errorf(n, "", "%s: %s", describeKey(key), cleanYAMLErr(err))
		}
		return
	}
	switch {
	case v.Type() == timeType:
		t, err := ParseTime(n.Value)
		if n.Kind != yaml.ScalarNode || err != nil {
			d.errorf(n, "write a date such as 2024-05-01, or 2024-05-01 14:30:00 -0500",
				"%s must be a date, not %s", describeKey(key), show(n))
			return
		}
		v.Set(reflect.ValueOf(t))
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.value(n, v.Elem(), key)
	case reflect.Struct:
		d.mapping(n, v, key)
	case reflect.Slice:
		if n.Kind == yaml.MappingNode {
			d.errorf(n, "", "%s must be a list, not a mapping", describeKey(key))
			return
		}
		items := n.Content
		if n.Kind == yaml.ScalarNode {
			items = []*yaml.Node{n}
		}
		s := reflect.MakeSlice(v.Type(), len(items), len(items))
		for i, item := range items {
			d.value(item, s.Index(i), fmt.Sprintf("%s[%d]", key, i))
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			d.errorf(n, "", "%s must be a mapping of keys to values, not %s", describeKey(key), show(n))
			return
		}
		if v.IsNil() {
			v.Set(reflect.MakeMap(v.Type()))
		}
		d.eachKey(n, nil, func(k string, kn, vn *yaml.Node) {
			e := reflect.New(v.Type().Elem()).Elem()
			d.value(vn, e, joinKey(key, k))
			v.SetMapIndex(reflect.ValueOf(k), e)
		})
	case reflect.Interface:
		var x any
		if err := n.Decode(&x); err != nil {
			hint := ""
			if strings.Contains(err.Error(), "excessive aliasing") {
				hint = "remove the `*` aliases that repeat large parts of the file"
			}
			d.errorf(n, hint, "%s: %s", describeKey(key), cleanYAMLErr(err))
			return
		}
		if x != nil {
			v.Set(reflect.ValueOf(x))
		}
	default:
		d.scalar(n, v, key)
	}
}

func (d *decoder) scalar(n *yaml.Node, v reflect.Value, key string) {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "", "%s must be %s, not %s", describeKey(key), expected(v.Type()), show(n))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(n.Value)
		return
	case reflect.Bool:
		switch strings.ToLower(n.Value) {
		case "true", "yes", "on":
			v.SetBool(true)
			return
		case "false", "no", "off":
			v.SetBool(false)
			return
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if i, err := strconv.ParseInt(strings.ReplaceAll(n.Value, "_", ""), 0, v.Type().Bits()); err == nil {
			v.SetInt(i)
			return
		}
	case reflect.Float32, reflect.Float64:
		if f, err := strconv.ParseFloat(n.Value, v.Type().Bits()); err == nil {
			v.SetFloat(f)
			return
		}
	}
	d.errorf(n, "", "%s must be %s, not %s", describeKey(key), expected(v.Type()), show(n))
}

// eachKey calls fn for every key of a mapping in order, reporting duplicate
// and non-text keys. Merge keys (`<<: *base`) are expanded.
//
// A duplicate key is an error when known(key) is true: a second `draft:` or
// `title:` would change what is published, so the editor must choose. A
// duplicate of a key the program does not use is a warning and the later
// value wins, as in YAML 1.1 parsers (real Hugo sites have such files). A nil
// known treats every key as known.
func (d *decoder) eachKey(n *yaml.Node, known func(string) bool, fn func(k string, kn, vn *yaml.Node)) {
	type seenKey struct {
		node   *yaml.Node
		merged bool
	}
	seen := map[string]seenKey{}
	active := map[*yaml.Node]bool{} // the mappings being walked, to catch `<<` loops
	var walk func(m *yaml.Node, merged bool)
	walk = func(m *yaml.Node, merged bool) {
		active[m] = true
		defer delete(active, m)
		for i := 0; i+1 < len(m.Content); i += 2 {
			kn, vn := m.Content[i], m.Content[i+1]
			if kn.Kind == yaml.ScalarNode && kn.Tag == "!!merge" {
				vn = d.resolve(vn)
				maps := []*yaml.Node{vn}
				if vn.Kind == yaml.SequenceNode {
					maps = vn.Content
				}
				for _, x := range maps {
					if x = d.resolve(x); x.Kind != yaml.MappingNode {
						d.errorf(x, "write `<<: *base` after defining `base: &base` with the shared keys",
							"`<<` must be an alias to a mapping, such as *base, or a list of them, not %s", show(x))
						continue
					}
					if active[x] {
						d.errorf(kn, "remove this `<<` line", "`<<` merges a mapping into itself")
						continue
					}
					// Each merge copies the keys again, like an alias:
					// merges of merges must not escape the budget.
					if !d.spend(kn, 1+len(x.Content)/2) {
						return
					}
					walk(x, true)
				}
				continue
			}
			if kn.Kind != yaml.ScalarNode {
				d.errorf(kn, "", "a key must be plain text, not %s", show(kn))
				continue
			}
			if prev, dup := seen[kn.Value]; dup {
				if merged {
					continue // a merged key never overrides one set here
				}
				if prev.merged {
					seen[kn.Value] = seenKey{kn, false}
					fn(kn.Value, kn, vn) // a key set here overrides a merged one
					continue
				}
				if known == nil || known(kn.Value) {
					d.errorf(kn, "remove one of them", "duplicate key `%s`: it is already set on line %d", kn.Value, prev.node.Line+d.off)
					continue
				}
				d.warnf(kn, "remove one of them; this later value is the one used", "duplicate key `%s`: it is already set on line %d", kn.Value, prev.node.Line+d.off)
				fn(kn.Value, kn, vn)
				continue
			}
			seen[kn.Value] = seenKey{kn, merged}
			fn(kn.Value, kn, vn)
		}
	}
	walk(n, false)
}

// missingIsError reports whether a typo of key, with key itself missing,
// is an error: its field is tagged `diag:"typo-error"` (a page's title,
// its draft flag), because the page would silently lack it. Other
// near-misses, such as `tag:` for `tags:` in real Hugo sites, stay
// warnings.
func missingIsError(fields []KeyField, key string) bool {
	for _, f := range fields {
		if f.Name == key {
			return f.Tag.Get("diag") == "typo-error"
		}
	}
	return false
}

// KeyField is one struct field that DecodeYAML fills from a mapping key.
type KeyField struct {
	Name string // the key: the yaml tag's name, or the field's name in lower case
	reflect.StructField
}

// KeyFields lists, in order, the keys DecodeYAML reads into a struct of
// type t. inline is the index of the `yaml:",inline"` map that keeps
// unknown keys (nil when the struct rejects them), positions that of its
// Positions field (nil when it has none). Other code that must agree with
// the decoder on a struct's keys (the CMS schema) reads them here.
func KeyFields(t reflect.Type) (fields []KeyField, inline, positions []int) {
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		if f.Type == positionsType {
			positions = f.Index
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" {
			continue
		}
		if opts == "inline" && f.Type.Kind() == reflect.Map {
			inline = f.Index
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		fields = append(fields, KeyField{Name: name, StructField: f})
	}
	return fields, inline, positions
}

func (d *decoder) mapping(n *yaml.Node, v reflect.Value, key string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "", "%s must be a mapping of keys to values, not %s", describeKey(key), show(n))
		return
	}
	keyFields, inline, positions := KeyFields(v.Type())
	fields := map[string][]int{}
	known := make([]string, len(keyFields))
	repeat := map[string]bool{}
	for i, f := range keyFields {
		fields[f.Name] = f.Index
		known[i] = f.Name
		if _, opts, _ := strings.Cut(f.Tag.Get("yaml"), ","); opts == "repeat" {
			repeat[f.Name] = true
		}
	}
	var pos *Positions
	if positions != nil {
		pos = v.FieldByIndex(positions).Addr().Interface().(*Positions)
		pos.At = Pos{n.Line + d.off, n.Column}
		pos.Keys = map[string]Pos{}
	}
	// A struct that keeps unknown keys is front matter, whose keys Hugo
	// reads in any case: publishDate is publishdate.
	field := func(k string) ([]int, bool) {
		idx, ok := fields[k]
		if !ok && inline != nil {
			idx, ok = fields[strings.ToLower(k)]
		}
		return idx, ok
	}
	// A duplicate of a known key is an error, unless its tag says
	// `,repeat`: then, as for unknown keys, a warning, and the later wins.
	isKnown := func(k string) bool {
		_, ok := field(k)
		return ok && !repeat[strings.ToLower(k)] || inline == nil
	}
	present := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		present[strings.ToLower(n.Content[i].Value)] = true
	}
	d.eachKey(n, isKnown, func(k string, kn, vn *yaml.Node) {
		if pos != nil {
			pos.Keys[k] = Pos{vn.Line + d.off, vn.Column}
			// A list's items too, as key[0], key[1]...: an alias or a
			// term can then be named exactly.
			if items := d.resolve(vn); items.Kind == yaml.SequenceNode {
				for i, item := range items.Content {
					pos.Keys[fmt.Sprintf("%s[%d]", k, i)] = Pos{item.Line + d.off, item.Column}
				}
			}
		}
		if idx, ok := field(k); ok {
			d.value(vn, v.FieldByIndex(idx), joinKey(key, k))
			return
		}
		guess := Suggest(k, known)
		if inline == nil {
			hint := "known keys are: " + strings.Join(known, ", ")
			if guess != "" {
				hint = "did you mean `" + guess + "`?"
			}
			d.errorf(kn, hint, "unknown key `%s`", joinKey(key, k))
			return
		}
		switch {
		case guess != "" && !present[guess] && missingIsError(keyFields, guess):
			// `titel:` with no `title:`: the page would silently lack
			// what the editor wrote.
			d.errorf(kn, "did you mean `"+guess+"`? There is no `"+guess+"` here", "unknown key `%s`", joinKey(key, k))
		case guess != "":
			d.warnf(kn, "did you mean `"+guess+"`?", "unknown key `%s`", joinKey(key, k))
		}
		m := v.FieldByIndex(inline)
		if m.IsNil() {
			m.Set(reflect.MakeMap(m.Type()))
		}
		e := reflect.New(m.Type().Elem()).Elem()
		d.value(vn, e, joinKey(key, k))
		m.SetMapIndex(reflect.ValueOf(k), e)
	})
}

func joinKey(parent, k string) string {
	if parent == "" {
		return k
	}
	return parent + "." + k
}

func describeKey(key string) string {
	if key == "" {
		return "the document"
	}
	return "`" + key + "`"
}

func expected(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "text"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice:
		return "a list"
	}
	return "a " + t.String()
}

func show(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	v := n.Value
	if len(v) > 40 {
		v = v[:40] + "…"
	}
	return "`" + v + "`"
}

// yamlErrLine extracts the line from a yaml.v3 error ("yaml: line 3: ...").
// yaml.v3 counts lines from 1 for scanner errors but from 0 for parser
// errors, and gives none for an unknown alias, so those are corrected here.
func yamlErrLine(err error, data []byte) int {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		return 0
	}
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(s, "line "); ok {
		j := 0
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		if n, err := strconv.Atoi(rest[:j]); err == nil {
			if parserErrors[strings.TrimPrefix(rest[j:], ": ")] {
				n++
			}
			return n
		}
	}
	if name, ok := strings.CutPrefix(s, "unknown anchor '"); ok {
		name, _, _ = strings.Cut(name, "'")
		if i := bytes.Index(data, []byte("*"+name)); i >= 0 {
			return 1 + bytes.Count(data[:i], []byte("\n"))
		}
	}
	return 1
}

// misindented finds the line that a yaml.v3 block error is really about.
// For a key indented less than the keys around it, yaml.v3 reports "did not
// find expected key" or "did not find expected '-' indicator" at the line
// before, with no column. Reading the indentation from the top, the
// culprit is the first line (at or after the reported one) that goes back
// to an indentation no line above it opened. It gives that line, its
// column (the first character) and how to fix it; lineOffset turns lines
// of data into lines of the file, for the hint.
func misindented(data []byte, reported, lineOffset int, msg string) (line, col int, hint string, ok bool) {
	if msg != "did not find expected key" && msg != "did not find expected '-' indicator" {
		return 0, 0, "", false
	}
	type level struct{ indent, line int }
	var open []level
	for i, text := range strings.Split(string(data), "\n") {
		n := i + 1
		body := strings.TrimLeft(text, " ")
		if body == "" || body[0] == '#' {
			continue
		}
		ind := len(text) - len(body)
		if len(open) == 0 || ind > open[len(open)-1].indent {
			open = append(open, level{ind, n})
		} else {
			var closed level
			for len(open) > 0 && open[len(open)-1].indent > ind {
				closed, open = open[len(open)-1], open[:len(open)-1]
			}
			if (len(open) == 0 || open[len(open)-1].indent != ind) && n >= reported {
				hint = fmt.Sprintf("this line's indentation, %d, lines up with no line above it: indent it %d spaces, like line %d", ind, closed.indent, closed.line+lineOffset)
				if len(open) > 0 {
					hint += fmt.Sprintf(", or %d, like line %d", open[len(open)-1].indent, open[len(open)-1].line+lineOffset)
				}
				return n, ind + 1, hint, true
			}
			if len(open) == 0 || open[len(open)-1].indent != ind {
				open = append(open, level{ind, n})
			}
		}
		// The keys of a list item line up after its "- ".
		if rest, isItem := strings.CutPrefix(body, "- "); isItem {
			open = append(open, level{ind + 2 + len(rest) - len(strings.TrimLeft(rest, " ")), n})
		}
	}
	return 0, 0, "", false
}

// parserErrors are the messages of yaml.v3's parser (as opposed to its
// scanner), whose line numbers count from 0.
var parserErrors = map[string]bool{
	"did not find expected <stream-start>":   true,
	"did not find expected <document start>": true,
	"found undefined tag handle":             true,
	"did not find expected node content":     true,
	"did not find expected '-' indicator":    true,
	"did not find expected key":              true,
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found duplicate %TAG directive":         true,
}

// cleanYAMLErr drops yaml.v3's "yaml: line N:" prefix, which the caller has
// already turned into a position.
func cleanYAMLErr(err error) string {
	s := strings.TrimPrefix(err.Error(), "yaml: ")
	if strings.HasPrefix(s, "line ") {
		if i := strings.Index(s, ": "); i >= 0 {
			s = s[i+2:]
		}
	}
	return s
}

// timeLayouts are the date forms accepted in front matter and data files, in
// the order they are tried. Real Hugo sites use all of them.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -07:00",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04 -0700",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006-01-02T15:04:05-0700",
}

// ParseTime parses a date in any of the forms sites commonly use:
// 2023-05-01, 2023-05-01 14:30:00 -0500 (also with a one-digit hour),
// RFC 3339. A date without a zone is taken as UTC, so that a build does not
// depend on the machine's zone.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	// "2020-01-01 9:00:00 -0500": pad a one-digit hour.
	if len(s) > 12 && (s[10] == ' ' || s[10] == 'T') && s[12] == ':' {
		s = s[:11] + "0" + s[11:]
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot read %q as a date", s)
}
