package searchdoc

import "testing"

func TestParsePath(t *testing.T) {
	type want struct {
		lang    string
		api, ok bool
	}
	for p, w := range map[string]want{
		"/search":           {"", false, true},
		"/search/":          {"", false, true},
		"/api/search":       {"", true, true},
		"/api/search/":      {"", true, true},
		"/es/search":        {"es", false, true},
		"/es/search/":       {"es", false, true},
		"/pt-br/search":     {"pt-br", false, true},
		"/searchx":          {},
		"/es/searchx":       {},
		"/es/search/x":      {},
		"/search/x":         {},
		"/api/searchx":      {},
		"/api/search/x":     {},
		"/e/search":         {},
		"/abcdefghi/search": {},
		"/a.b/search":       {},
		"/../search":        {},
		"/es/../search":     {},
		"/%2e/search":       {},
		"/es%2fx/search":    {},
		"search":            {},
		"":                  {},
		"/":                 {},
		"//search":          {},
		"/materials/search": {},
		"/es/api/search":    {},
	} {
		lang, api, ok := ParsePath(p)
		if (want{lang, api, ok}) != w {
			t.Errorf("ParsePath(%q) = %q, %v, %v; want %q, %v, %v", p, lang, api, ok, w.lang, w.api, w.ok)
		}
		if IsPath(p) != w.ok {
			t.Errorf("IsPath(%q) = %v", p, !w.ok)
		}
	}
}
