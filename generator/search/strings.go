package search

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
)

// stringsPrefix names the interface strings of a language in an index
// folder: search-strings.LANG.json, written from layouts/i18n/LANG.yaml by
// the build, so the results page speaks the page's language.
const stringsPrefix = "search-strings."

// defaultStrings are the English interface strings of the results page,
// used for any key a site's i18n file does not have. {n}, {q}, {total}
// and {km} are filled in.
var defaultStrings = map[string]string{
	"search_page_title":      "Search",
	"search_page_title_for":  "Search results for “{q}”",
	"search_prompt":          "Type what you are looking for in the search box above, such as hotline or referrals.",
	"search_results":         "{n} results",
	"search_one_result":      "1 result",
	"search_no_results":      "No results",
	"search_for":             "for “{q}”",
	"search_filtered":        "filtered",
	"search_filters_in_use":  "Filters in use",
	"search_remove_filter":   "(remove this filter)",
	"search_filter_results":  "Filter results",
	"search_filter_in_use":   "(in use: select to remove)",
	"search_any_word":        "No page has all of these words; these pages have some of them.",
	"search_try_other_words": "Try other words, or check the spelling. The hotline can help at any hour.",
	"search_result_pages":    "Result pages",
	"search_page_of":         "Page {n} of {total}",
	"search_near":            "Near",
	"search_near_value":      "{q} (within {km} km)",
	"search_failed":          "The search page could not be shown.",
	"previous_page":          "Previous page",
	"next_page":              "Next page",
	"km_away":                "km away",
	"type_material":          "Training material",
	"type_organization":      "Organization",
	"type_page":              "Page",
	"facet_type":             "Type",
	"facet_topic":            "Topic",
	"facet_tag":              "Tag",
	"facet_audience":         "For",
	"facet_state":            "State",
	"facet_language":         "Language",
	"search_all_languages":   "Results in all languages",
	"language_all":           "All languages",
}

// loadStrings reads the interface strings stored beside an index.
func loadStrings(dir string) map[string]map[string]string {
	out := map[string]map[string]string{}
	matches, _ := filepath.Glob(filepath.Join(dir, stringsPrefix+"*.json"))
	for _, m := range matches {
		data, err := os.ReadFile(m)
		if err != nil {
			continue
		}
		var s map[string]string
		if json.Unmarshal(data, &s) == nil {
			out[strings.TrimSuffix(strings.TrimPrefix(filepath.Base(m), stringsPrefix), ".json")] = s
		}
	}
	return out
}

// translator looks strings up in one language, then in English.
type translator map[string]string

// T returns the string for key with {name} placeholders filled from pairs
// of arguments: t.T("search_page_of", "n", "2", "total", "5").
func (t translator) T(key string, args ...string) string {
	s, ok := t[key]
	if !ok {
		s, ok = defaultStrings[key]
	}
	if !ok {
		return key
	}
	if len(args) >= 2 {
		pairs := make([]string, 0, len(args))
		for i := 0; i+1 < len(args); i += 2 {
			pairs = append(pairs, "{"+args[i]+"}", args[i+1])
		}
		s = strings.NewReplacer(pairs...).Replace(s)
	}
	return s
}
