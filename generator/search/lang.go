package search

import (
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/lang/es"
	porterstemmer "github.com/blevesearch/go-porterstemmer"
)

// Text is analysed per language: a document is indexed with the analysis
// of its language (the bleve document type named by analysisOf), and a
// search is analysed with the analysis of the language it searches in.
// Every language without its own analysis is analysed as English.

// analysisOf is the analysis that text in lang gets: "es" for Spanish
// ("es", "es-MX"), else "en".
func analysisOf(lang string) string {
	lang = strings.ToLower(lang)
	if lang == "es" || strings.HasPrefix(lang, "es-") {
		return "es"
	}
	return "en"
}

// analyses are the languages with their own analysis.
var analyses = []string{"en", "es"}

// queryAnalyzerName is the analyzer of a search's words: the language's
// plain analyzer, which keeps a dotted name whole.
func queryAnalyzerName(a string) string {
	if a == "es" {
		return es.AnalyzerName
	}
	return en.AnalyzerName
}

// fold is how a language compares words as written: Spanish folds accents
// ("tráfico" is "trafico", as its analyzer folds them), English does not.
func fold(a, w string) string {
	if a != "es" || isASCII(w) {
		return w
	}
	var b strings.Builder
	for _, r := range w {
		switch r {
		case 'à', 'á', 'â', 'ä':
			r = 'a'
		case 'ò', 'ó', 'ô', 'ö':
			r = 'o'
		case 'è', 'é', 'ê', 'ë':
			r = 'e'
		case 'ù', 'ú', 'û', 'ü':
			r = 'u'
		case 'ì', 'í', 'î', 'ï':
			r = 'i'
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// stemmer is the stem of a word as written, for marking snippets: the
// Porter stem in English, the Spanish light stem (accents folded) in
// Spanish.
func stemmer(a string, an analysis.Analyzer) func(string) string {
	if a != "es" || an == nil {
		return porterstemmer.StemString
	}
	return func(w string) string {
		ts := an.Analyze([]byte(w))
		if len(ts) == 0 {
			return fold(a, w)
		}
		return string(ts[0].Term)
	}
}

// vocabFileOf is the dictionary file of an analysis: search-words.txt for
// English (as before there were others), search-words.es.txt for Spanish.
func vocabFileOf(a string) string {
	if a == "en" {
		return vocabFile
	}
	return strings.TrimSuffix(vocabFile, ".txt") + "." + a + ".txt"
}
