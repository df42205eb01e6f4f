// Package search builds the site's search index at generation time and
// answers searches from it, with one http.Handler that serves both the
// local server and the production Netlify Function. It is the only package
// that knows bleve.
//
// # The index
//
// [NewIndexer] receives every page and organization from the build (see
// site.Indexer) and writes a bleve index with an explicit mapping:
//
//	title, description, body, headings   English text (stemmed): "trafficking" finds "traffickers"
//	words                                title and headings, lower-cased but not stemmed, for
//	                                     search-as-you-type prefixes and typos
//	type, tags, topics, audience,        keywords, for filters and facet counts
//	language, state
//	location                             a geopoint, for organizations with coordinates
//	url, title, description, body, type  stored: what a result shows
//
// The index is written into a new folder beside its final place, and put
// in place together with the site, as one unit, only when the whole build
// succeeds (package publish): a failed build leaves the previous site and
// index, never a new index beside an old site. Its files
// are made world-readable (bleve creates them 0600), because a Lambda
// bundle runs as another user.
//
// # Queries
//
// A visitor's words are analysed and matched; they are never parsed as a
// query language, so `*`, `/.*/` or `title:x` are just text. Each word must
// match somewhere (if that finds nothing, any word may match), in order of
// weight: the title, then headings and description, then the body. Words
// of 4 to 7 letters tolerate one typo, longer words two; in titles and
// headings they are also compared as written, because a typo can change the
// stem ("browsng" is one letter from "browsing" but two from its stem
// "brows"). The last word also matches as a prefix, so results appear
// while a word is being typed. The whole query as a phrase scores extra.
//
// # Requests
//
//	GET /search?q=...       a full HTML page, made from the site's own search
//	                        layout: it works without JavaScript
//	GET /api/search?q=...   JSON: {"query", "total", "took_ms", "hits": [{"url",
//	                        "title", "type", "snippet", "score"}], "facets": {name:
//	                        [{"value", "count"}]}}
//
// Parameters: q; filters type, topic, tag, audience, state, language (each
// repeatable: values of one filter are alternatives, different filters must
// all hold); near=LAT,LON with within=KM (organizations within that
// distance, nearest first, with distance_km on each hit); page and size.
//
// Limits, each answered with a clear 400: q longer than 256 bytes, size
// outside 1..50, page beyond result 1000, negative or malformed numbers, a
// malformed near. At most a few searches run at once; one more gets a fast
// 503. Each search has a deadline. The handler sets the security headers
// itself, since Netlify's [[headers]] do not reach function responses.
package search
