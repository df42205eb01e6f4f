package directory

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// LanguageName is the one place a language code becomes a name for people:
// the name of code written in the language in, from the CLDR data of
// golang.org/x/text ("es" in "en" is "Spanish", in "es" "Español"; with
// in == code it is the language's own name). The first letter is upper
// case, as for a label or the start of a list item. A code that does not
// parse is returned as it is.
func LanguageName(code, in string) string {
	tag, err := language.Parse(code)
	if err != nil {
		return code
	}
	var name string
	if t, err := language.Parse(in); err == nil {
		if n := display.Languages(t); n != nil {
			name = n.Name(tag)
		}
	}
	if name == "" {
		name = display.English.Languages().Name(tag)
	}
	if name == "" {
		return code
	}
	r, size := utf8.DecodeRuneInString(name)
	return string(unicode.ToTitle(r)) + name[size:]
}
