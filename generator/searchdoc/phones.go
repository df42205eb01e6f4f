package searchdoc

import (
	"bytes"
	"regexp"
)

// phoneText is a North American phone number written as text:
// 1-888-373-7888 or 888-373-7888.
var phoneText = regexp.MustCompile(`\b(?:1-)?\d{3}-\d{3}-\d{4}\b`)

// NowrapPhones wraps each phone number in the text of HTML (not in tags or
// their attributes) in <span class="phone">, which site.css keeps on one
// line: "1-888-373-/7888" must never happen. It is here, not in the site
// engine, because page text reaches the reader two ways, rendered pages
// and search snippets, and both keep numbers whole by this one rule.
func NowrapPhones(h []byte) []byte {
	if !phoneText.Match(h) {
		return h
	}
	var b bytes.Buffer
	for len(h) > 0 {
		i := bytes.IndexByte(h, '<')
		if i < 0 {
			i = len(h)
		}
		b.Write(phoneText.ReplaceAll(h[:i], []byte(`<span class="phone">$0</span>`)))
		h = h[i:]
		j := bytes.IndexByte(h, '>')
		if j < 0 {
			b.Write(h)
			break
		}
		b.Write(h[:j+1])
		h = h[j+1:]
	}
	return b.Bytes()
}
