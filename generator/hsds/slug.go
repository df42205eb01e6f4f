package hsds

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// slug turns an organization's name into a file name: "Shepherd's House
// Inc." is shepherds-house-inc, "Adams & Associates" adams-and-associates.
// Accents are dropped; the result has at most 60 characters.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ReplaceAll(name, "&", " and ")) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'', r == '’':
			// accents and apostrophes vanish
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	s := b.String()
	for len(s) > 60 {
		i := strings.LastIndexByte(s[:60], '-')
		if i < 20 {
			s = s[:60]
			break
		}
		s = s[:i]
	}
	if s == "" {
		return "organization"
	}
	return s
}
