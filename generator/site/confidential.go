package site

import (
	"io/fs"
	"maps"
	"math"
	"slices"
	"strings"

	"resourcelib/generator/diag"
	"resourcelib/generator/directory"
)

// checkConfidential is the check that keeps a confidential location's
// address off the site: load blanks everything but its city and state
// (see package directory), and this refuses any file that repeats what
// was blanked. It collects the addresses and checks every organization
// file, the site settings, every file under content/ that is published as
// it is, and the site's own static/ and layouts/. Markdown pages are
// checked as they are read (readPage), so that the dev server's quick
// update of one page is checked too. File names are checked as well: they
// become addresses.
//
// A file that cannot be read as text (an image, most PDFs) is still
// searched for the address as it would be written, but a compressed one
// cannot be checked.
func (s *Site) checkConfidential(src fs.FS, orgs []*directory.Organization, config []byte, others []string, l *diag.List) {
	var loaded []*directory.Organization
	for _, o := range orgs {
		if o != nil {
			loaded = append(loaded, o)
		}
	}
	s.secrets = directory.CheckConfidential(loaded, l)
	if s.secrets == nil {
		return
	}
	s.secrets.CheckText(configFile, config, l)
	for _, o := range loaded {
		s.secrets.CheckName(o.File, l)
	}
	files := slices.Clone(others)
	for _, dir := range []string{"static", "layouts"} {
		_ = fs.WalkDir(src, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || d.Type()&fs.ModeSymlink != 0 || strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			files = append(files, p)
			return nil
		})
	}
	parallel(len(files), func(i int) {
		s.secrets.CheckName(files[i], l)
		if data, ok := readLimited(src, files[i], &diag.List{}); ok {
			s.secrets.CheckText(files[i], data, l)
		}
	})
}

// checkFrontMatter checks a page's front matter values as decoded, for
// what the check of the file's text could not see (a value spelled with
// escapes), and reports each at its key. leaks are the lines where the
// file's text was already found to repeat an address. It reports whether
// the page repeats one anywhere.
func (s *Site) checkFrontMatter(file string, m Meta, leaks []int, l *diag.List) bool {
	if s.secrets == nil {
		return false
	}
	values := map[string][]string{
		"title": {m.Title}, "description": {m.Description}, "summary": {m.Summary}, "slug": {m.Slug},
		"url": {m.URL}, "language": {m.Language}, "layout": {m.Layout}, "type": {m.Type},
		"aliases": m.Aliases, "tags": m.Tags, "topics": m.Topics, "audience": m.Audience,
	}
	for k, v := range m.Params {
		values[k] = stringsIn(v, nil, 0)
	}
	// A value's text runs from its key's line to the next key's.
	var starts []int
	for _, at := range m.Pos.Keys {
		starts = append(starts, at.Line)
	}
	slices.Sort(starts)
	found := len(leaks) > 0
	for _, key := range slices.Sorted(maps.Keys(values)) {
		at, ok := m.Pos.Keys[key]
		if !ok {
			continue
		}
		end := math.MaxInt // the last key's value runs to the end
		if i, _ := slices.BinarySearch(starts, at.Line+1); i < len(starts) {
			end = starts[i]
		}
		seen := slices.ContainsFunc(leaks, func(line int) bool { return line >= at.Line && line < end })
		for _, v := range values[key] {
			if !seen && s.secrets.CheckValue(file, at.Line, at.Col, v, "`"+key+"`, as it reads,", l) {
				found = true
				break
			}
		}
	}
	return found
}

// stringsIn lists the strings in a decoded front matter value.
func stringsIn(v any, out []string, depth int) []string {
	if depth > 100 {
		return out
	}
	switch v := v.(type) {
	case string:
		out = append(out, v)
	case []any:
		for _, x := range v {
			out = stringsIn(x, out, depth+1)
		}
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(v)) {
			out = stringsIn(k, out, depth+1)
			out = stringsIn(v[k], out, depth+1)
		}
	}
	return out
}

// checkRendered checks a page's text as Markdown renders it, for an
// address that only rendering puts together (4417 Quo**kka** Lane, a
// footnote). A page whose file already showed one is not checked again.
func (w *writer) checkRendered(p *Page, text string) {
	if w.site.secrets == nil || p.leaked || p.File == "" {
		return
	}
	w.site.secrets.CheckValue(p.File, 0, 0, text, "the page's text, as rendered,", w.l)
}
