package site

import (
	"io/fs"
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
