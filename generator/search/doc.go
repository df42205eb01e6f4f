// Package search builds the site's search index at generation time and
// answers searches from it, with one http.Handler that serves both the
// local server and the production Netlify Function. It is the only package
// that knows bleve.
//
// # The index
//
// [NewIndexer] receives every page and organization from the build (a
// searchdoc.Document each: that small package keeps this one, and so the
// search function, free of the site engine) and writes a bleve index with
// an explicit mapping:
//
//	title, description, body, headings   text in the document's language, stemmed
//	                                     ("trafficking" finds "traffickers"); a dotted
//	                                     name such as "data.gov" is kept whole and
//	                                     also split
//	words                                title and headings, lower-cased but not stemmed,
//	                                     for search-as-you-type prefixes
//	titlekey                             the title's words: a search that is the
//	                                     whole title ranks that page first
//	type, tags, topics, audience,        keywords, for filters and facet counts
//	language, state
//	location                             a geopoint, for organizations with coordinates
//
// Text is analysed per language: each document is a bleve document type
// named by its language's analysis, with the same fields analysed
// differently. Spanish ("es", "es-MX") has bleve's Spanish analysis (stop
// words, light stemming, accents folded, so "tráfico" and "trafico" are
// one word and "llamadas" finds "llamada"); English and every other
// language have English analysis. The type is not a field: queries name
// the same fields whatever the language.
//
// Only the title keeps word positions (for phrases), only the location doc
// values (for sorting by distance), and bleve stores nothing but each
// document's address. What a result shows (address, title, type,
// description, coordinates, and the first 2 KB of the text, cut at the end
// of a block or sentence, for its snippet) is in search-records.bin beside
// the index, read by document number (records.go): one plain file, which a
// function's zip compresses across pages. Beside the index, search-words.txt lists every word of
// the English-analysed text as written with the number of pages holding
// it, and search-words.es.txt the Spanish text's words (accents folded):
// the dictionaries that typo tolerance corrects against, one per language
// so that a Spanish word is never corrected into an English one. Hugo shortcode tags ({{< ... >}})
// are removed from the text. On digital.gov (2,928 documents) the index
// is 11 MB, half what it was with stored bodies and term vectors.
//
// The index is written into a new folder beside its final place, and put
// in place together with the site, as one unit, only when the whole build
// succeeds (package publish): a failed build leaves the previous site and
// index, never a new index beside an old site. Its files
// are made world-readable (bleve creates them 0600), because a Lambda
// bundle runs as another user. [FunctionSize] estimates the zipped size of
// the Netlify function that embeds it; the build prints it and warns above
// 40 MB (Netlify's limit is 50 MB).
//
// # Queries
//
// A search is made in a language: the one its page is in (/LANG/search,
// or lang=LANG, which the search box sets from <html lang>), or the
// default (English if the site has it) when that names no language of the
// index. Its words are analysed, looked up and corrected in that
// language. When the index holds pages in more than one language, the
// results are kept to the search's language (the JSON answer's
// "language" names it); language=all widens to every language (the
// results page links to it), each word then also matching its stems in
// the other languages' analysis; language=LANG filters explicitly.
//
// A visitor's words are matched; they are never parsed as a query
// language, so `*`, `/.*/` or `title:x` are just text. Every word must
// match somewhere, in order of weight: the title, then headings and
// description, then the body. Only when no page has every word may any of
// them match, and the answer says so (any_word in JSON, a sentence on the
// page). Stop words ("the", "of") are optional.
//
// A word the dictionary has is matched exactly (by its stem). A word it
// lacks is taken as a typo of the nearest dictionary words, compared as
// typed, never by stem: none under 5 letters, one edit (a swap of two
// letters counts as one) under 9 letters, two from 9, at most 4
// corrections, for the first 6 words only. A correction that matches a
// title still ranks it high. A word the dictionary has in one or two
// pages only is also tried as a typo of a word ten times as common. The
// last word also matches as the start of a title or heading word, so
// results appear while a word is being typed ("traff"), and it is not
// corrected while some word starts with it. A title holding every word,
// the whole search as a phrase in a title, and a title that is exactly
// the search each score extra.
//
// A word in more than 5% of the pages of an index of 1,000 or more (on
// the synthetic site "hotline", in 10,409 of 11,000) says little about a
// page and costs most to search. Open lists, for every such term, the
// pages that lack it (common.go; on the synthetic site 521 terms, about
// 1.4 MB in memory, nothing in the index files, 30-50 ms more CPU at
// Open than the 48 terms kept before). A search made only of such
// words (stop words aside; a misspelt word counts when a correction is
// such a word), with no filter but the language, is then counted (hits
// and facets) from those lists, and ranked over the pages that have a
// word in a title, heading or description, without the body's share of
// the score; when those pages cannot fill the page of results asked for,
// the search runs as any other.
//
// Snippets are made from the stored start of the text: the part with the
// most searched words, from the start of its block or of a word, cut at a
// word boundary, blocks joined by a space, each matched word in <mark>
// (the only markup). Without a match there, the description; if that is
// shorter than 40 bytes ("sum"), the first paragraph.
//
// The postings of a term in 5% or more of a text field's documents (on
// an index of 1,000 or more) are read into memory the first time a
// search needs them, and skipped through by binary search (postings.go):
// bleve's own iterator, keeping frequencies and norms for scoring, steps
// through a list one document at a time, so a rare word beside a common
// one ("synthetic material 123") walked all of the common one's list in
// every field. bleve's searchers and scorer read the kept lists through
// a wrapped index reader, so answers are exactly the same
// (TestPostingsAgree). Open does no more work for them; on the synthetic
// site the 3,000-search mix reads 208 lists, 5.6 MB, and the heap grows
// by 7 MB more than before. Nothing changes in the index files.
//
// On the synthetic site (BenchmarkSearchMix, the mix's 3,000 searches,
// facets counted, no answer cache) a search takes about 0.6 ms of CPU,
// 0.9 ms before the kept lists, the facets of common-word searches
// counted from their base's counts and fewer allocations; on digital.gov
// about 0.5 ms. Before that, 13 ms on digital.gov, most of it spent
// expanding every word of 4 letters or more with fuzzy automata over
// every field and collecting their postings with positions for the
// highlighter.
//
// # Requests
//
//	GET /search?q=...       a full HTML page, made from the site's own search
//	                        layout: it works without JavaScript
//	GET /api/search?q=...   JSON: {"query", "total", "language", "took_ms", "hits": [{"url",
//	                        "title", "type", "snippet", "score"}], "facets": {name:
//	                        [{"value", "count"}]}}
//
// Parameters: q; lang, the language searched in; filters type, topic,
// tag, audience, state, language (language=all for every language; each
// repeatable: values of one filter are alternatives, different filters must
// all hold); near=LAT,LON with within=KM (organizations within that
// distance, nearest first, with distance_km on each hit); page and size.
//
// Limits, each answered with a clear 400: q longer than 256 bytes, size
// outside 1..50, page beyond result 1000, negative or malformed numbers, a
// malformed near. Facets are counted unless facets=0 (the search box asks
// for hits only); the results page does not count tags. They are counted
// from a table of every document's values read at Open, over all the hits.
//
// # Load and faults
//
// A few searches run at once (as many as CPUs, at least 2). More wait in a
// queue of up to 64 for up to a second; one that would wait longer, by the
// recent time per search, is answered at once with 503 and Retry-After: 1.
// A freed slot goes to the waiting client (by address) with the fewest
// searches running, so one client looping on a heavy search cannot hold
// every slot. Each search has a deadline (3 s). Answers of 1 KB or more
// are gzipped for clients that accept it. The last 512 answers are kept
// (Options.CacheSize), so a repeated search is answered without searching
// or waiting; a reopened index starts with none.
//
// The index files are memory-mapped. If one is truncated or replaced in
// place while open, the search that faults is answered with a 503 that
// says so, and the next request reopens the index (at most once a second).
// Open refuses a missing, truncated or unreadable index with an error that
// names the folder.
//
// The handler sets the security headers itself, since Netlify's [[headers]]
// do not reach function responses.
package search
