package hsds

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"resourcelib/generator/diag"
)

// table is one CSV file, read whole, with the line on which each row
// starts, so that every warning can point at FILE:LINE:COLUMN.
type table struct {
	name   string // "phones", from phones.csv
	file   string // as shown in messages: the input folder + "/phones.csv"
	header []string
	line   int            // the header's line
	cols   map[string]int // lower-case column name -> index
	rows   []row
}

type row struct {
	line int
	vals []string
}

// readTable reads a CSV file. A file that is not CSV is an error with its
// position; rows of the wrong length are read as far as they go.
func readTable(fsys fs.FS, name, shown string) (*table, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read: %w", shown, err)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	t := &table{name: strings.TrimSuffix(name, ".csv"), file: shown, cols: map[string]int{}}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, diag.Problem{File: shown, Line: pe.Line, Col: pe.Column, Msg: "not valid CSV: " + pe.Err.Error(),
					Hint: "quote fields that hold commas, quotes or line breaks, and double the quotes inside them"}
			}
			return nil, fmt.Errorf("%s: %w", shown, err)
		}
		line, _ := r.FieldPos(0)
		if t.header == nil {
			t.header, t.line = rec, line
			for i, h := range rec {
				key := strings.ToLower(strings.TrimSpace(h))
				if _, dup := t.cols[key]; !dup {
					t.cols[key] = i
				}
			}
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		t.rows = append(t.rows, row{line: line, vals: rec})
	}
	return t, nil
}

// col returns the index of the first of names that the table has, or -1.
func (t *table) col(names ...string) int {
	if t == nil {
		return -1
	}
	for _, n := range names {
		if i, ok := t.cols[n]; ok {
			return i
		}
	}
	return -1
}

// has reports whether the table has one of the columns.
func (t *table) has(names ...string) bool {
	if t == nil {
		return false
	}
	for _, n := range names {
		if _, ok := t.cols[n]; ok {
			return true
		}
	}
	return false
}

// field is one cell: its cleaned value and where it is.
type field struct {
	t    *table
	line int
	col  int // 0-based; -1 when the table has no such column
	raw  string
}

// Value is the cell with spaces trimmed and placeholders such as "N/A"
// read as empty.
func (f field) Value() string { return clean(f.raw) }

// get returns the cell of r in the first of names that the table has.
func (t *table) get(r row, names ...string) field {
	i := t.col(names...)
	f := field{t: t, line: r.line, col: i}
	if i >= 0 && i < len(r.vals) {
		f.raw = r.vals[i]
	}
	return f
}

// name is the column's name as the header writes it.
func (f field) name() string {
	if f.col < 0 {
		return "?"
	}
	return strings.TrimSpace(f.t.header[f.col])
}

// clean trims a value and reads placeholders as empty.
func clean(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	switch strings.ToLower(s) {
	case "n/a", "na", "none", "null", "nil", "-":
		return ""
	}
	return s
}

// Text is the cell as a paragraph of text: like Value, but line breaks
// between paragraphs are kept.
func (f field) Text() string {
	var paras []string
	for _, p := range strings.Split(strings.ReplaceAll(f.raw, "\r\n", "\n"), "\n\n") {
		if p = clean(p); p != "" {
			paras = append(paras, p)
		}
	}
	return strings.Join(paras, "\n\n")
}

// unusedColumns reports, once per column, values in columns the importer
// does not read (see columns): the directory has no place for them. Ids
// and links are not reported.
func (x *importer) unusedColumns() {
	names := make([]string, 0, len(x.tables))
	for name := range x.tables {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		t := x.tables[name]
		other := strings.HasPrefix(name, "other:")
		read := columns[name]
		for i, h := range t.header {
			key := strings.ToLower(strings.TrimSpace(h))
			if slices.Contains(read, key) || key == "id" || strings.HasSuffix(key, "_id") || strings.HasSuffix(key, "_ids") {
				continue
			}
			if !t.anyValue(i) {
				continue
			}
			f := field{t: t, line: t.line, col: i}
			if other {
				x.l.Add(diag.Problem{File: t.file, Line: t.line, Col: 1, Severity: diag.Warning,
					Msg: "the table " + t.name + " is not imported", Hint: "the directory has no place for it"})
				break
			}
			x.warn(f, "the directory has no place for it", "`%s` is not imported", strings.TrimSpace(h))
		}
	}
}

// anyValue reports whether some row has a value in column i.
func (t *table) anyValue(i int) bool {
	for _, r := range t.rows {
		if i < len(r.vals) && clean(r.vals[i]) != "" {
			return true
		}
	}
	return false
}
