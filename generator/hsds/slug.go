package hsds

import "resourcelib/generator/directory"

// slug turns an organization's name into a file name (see directory.Slug).
func slug(name string) string {
	if s := directory.Slug(name); s != "" {
		return s
	}
	return "organization"
}
