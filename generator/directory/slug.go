package directory

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Slug turns a name into a file name or an address segment: lower-case
// ASCII letters and digits joined by hyphens. "Shepherd's House Inc." is
// shepherds-house-inc, "Adams & Associates" adams-and-associates,
// "Referrals (urgent)" referrals-urgent. Accents are dropped; the result
// has at most 60 characters, cut at a hyphen where it can be. It is "" for
// a name with no Latin letters or digits; callers choose a fallback.
func Slug(name string) string {
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
	return s
}
