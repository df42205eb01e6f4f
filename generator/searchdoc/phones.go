package searchdoc

import "bytes"

// NowrapPhones wraps each phone number in the text of HTML (not in tags or
// their attributes) in <span class="phone">, which site.css keeps on one
// line: "1-888-373-/7888" must never happen. It is here, not in the site
// engine, because page text reaches the reader two ways, rendered pages
// and search snippets, and both keep numbers whole by this one rule.
//
// A phone number is a North American number written as text, 1-888-373-7888
// or 888-373-7888, between word boundaries: what the regular expression
// \b(?:1-)?\d{3}-\d{3}-\d{4}\b matches (the test holds the two to the
// same answers). It is matched by hand because the expression, run over
// every page's HTML, cost a tenth of a build.
func NowrapPhones(h []byte) []byte {
	if _, end := nextPhone(h, 0); end < 0 {
		return h
	}
	var b bytes.Buffer
	b.Grow(len(h) + 64)
	for len(h) > 0 {
		i := bytes.IndexByte(h, '<')
		if i < 0 {
			i = len(h)
		}
		text := h[:i]
		for at := 0; ; {
			start, end := nextPhone(text, at)
			if end < 0 {
				b.Write(text[at:])
				break
			}
			b.Write(text[at:start])
			b.WriteString(`<span class="phone">`)
			b.Write(text[start:end])
			b.WriteString(`</span>`)
			at = end
		}
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

// nextPhone finds the first phone number in s at or after from, as the
// leftmost match of the expression in NowrapPhones' comment; end is -1 if
// there is none.
func nextPhone(s []byte, from int) (start, end int) {
	for p := from; p+12 <= len(s); p++ {
		// A number starts with a digit, so the boundary before it means
		// no word character there (from 0: the text starts a new run,
		// which is how the expression sees each piece of text).
		if !isDigit(s[p]) || (p > 0 && isWordByte(s[p-1])) {
			continue
		}
		if s[p] == '1' && p+14 <= len(s) && s[p+1] == '-' {
			if e := p + 2 + 12; isPhoneDigits(s[p+2:e]) && (e == len(s) || !isWordByte(s[e])) {
				return p, e
			}
		}
		if e := p + 12; isPhoneDigits(s[p:e]) && (e == len(s) || !isWordByte(s[e])) {
			return p, e
		}
	}
	return -1, -1
}

// isPhoneDigits reports whether s, of 12 bytes, is ddd-ddd-dddd.
func isPhoneDigits(s []byte) bool {
	for i, c := range s {
		if i == 3 || i == 7 {
			if c != '-' {
				return false
			}
		} else if !isDigit(c) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isWordByte is \w of the regexp package: ASCII letters, digits and _.
func isWordByte(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}
