package directory

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"

	"resourcelib/generator/diag"
)

// Why a suffix (description_es) rather than a mapping of languages
// (description: {en: ..., es: ...}): the plain key stays the original, so a
// file reads as before, HSDS tools and the export keep working, and a
// translation is one line beside the text it translates, the way Django's
// modeltranslation and OpenStreetMap's name:es tags do it.

// TranslatedKeys lists the keys that may carry a _LANG translation, by
// where they are: "" for the organization itself, then each item of its
// services, phones and locations.
var TranslatedKeys = map[string][]string{
	"":          {"description"},
	"services":  {"name", "description", "eligibility", "after_hours"},
	"phones":    {"description"},
	"locations": {"name", "description"},
}

// Translations maps a translated key to its text in each language:
// Translations["description"]["es"].
type Translations map[string]map[string]string

// In returns the text of key in lang, and whether there is one.
func (t Translations) In(key, lang string) (string, bool) {
	s, ok := t[key][lang]
	return s, ok && strings.TrimSpace(s) != ""
}

// translationKey splits description_es into description and es, when key
// is one of the keys that may be translated there.
func translationKey(key, where string) (field, lang string, ok bool) {
	for i := range len(key) {
		if key[i] != '_' {
			continue
		}
		field, lang = key[:i], strings.ReplaceAll(key[i+1:], "_", "-") // description_pt_BR: pt-BR
		for _, k := range TranslatedKeys[where] {
			if k == field && languageCode.MatchString(lang) {
				return field, lang, true
			}
		}
	}
	return "", "", false
}

// decodeWithTranslations decodes an organization file as diag.DecodeYAML
// does, after taking the KEY_LANG translations out of the organization's
// mapping and its services' (so that the strict decoder still rejects every
// other unknown key). It falls back to plain DecodeYAML, which reports the
// problem, for a file that is not one YAML mapping.
func decodeWithTranslations(file string, data []byte, o *Organization, l *diag.List) bool {
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	var doc, extra yaml.Node
	if err := dec.Decode(&doc); err != nil || !errors.Is(dec.Decode(&extra), io.EOF) ||
		len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return diag.DecodeYAML(file, 0, data, o, l)
	}
	root := doc.Content[0]
	ok := true
	o.Translations = takeTranslations(file, root, "", l, &ok)
	lists := map[string][]Translations{} // services, phones, locations: each item's
	for i := 0; i+1 < len(root.Content); i += 2 {
		where, items := root.Content[i].Value, root.Content[i+1]
		if TranslatedKeys[where] == nil || where == "" || items.Kind != yaml.SequenceNode {
			continue
		}
		for _, item := range items.Content {
			var t Translations
			if item.Kind == yaml.MappingNode {
				t = takeTranslations(file, item, where, l, &ok)
			}
			lists[where] = append(lists[where], t)
		}
	}
	if !diag.DecodeNode(file, 0, &doc, o, l) {
		ok = false
	}
	item := func(where string, i int) Translations {
		if i < len(lists[where]) {
			return lists[where][i]
		}
		return nil
	}
	for i := range o.Services {
		o.Services[i].Translations = item("services", i)
	}
	for i := range o.Phones {
		o.Phones[i].Translations = item("phones", i)
	}
	for i := range o.Locations {
		o.Locations[i].Translations = item("locations", i)
	}
	return ok
}

// takeTranslations removes the translated keys from mapping m and returns
// them.
func takeTranslations(file string, m *yaml.Node, where string, l *diag.List, ok *bool) Translations {
	var t Translations
	kept := m.Content[:0:0]
	for i := 0; i+1 < len(m.Content); i += 2 {
		kn, vn := m.Content[i], m.Content[i+1]
		field, lang, isTr := translationKey(kn.Value, where)
		if kn.Kind != yaml.ScalarNode || !isTr {
			kept = append(kept, kn, vn)
			continue
		}
		for vn.Kind == yaml.AliasNode && vn.Alias != nil {
			vn = vn.Alias
		}
		if vn.Kind != yaml.ScalarNode {
			l.Add(diag.Problem{File: file, Line: vn.Line, Col: vn.Column, Msg: fmt.Sprintf("`%s` must be text", kn.Value),
				Hint: fmt.Sprintf("write the %s text of `%s` on this line", lang, field)})
			*ok = false
			continue
		}
		if t == nil {
			t = Translations{}
		}
		if t[field] == nil {
			t[field] = map[string]string{}
		}
		if _, dup := t[field][lang]; dup {
			l.Add(diag.Problem{File: file, Line: kn.Line, Col: kn.Column, Msg: fmt.Sprintf("duplicate key `%s`", kn.Value), Hint: "remove one of them"})
			*ok = false
			continue
		}
		t[field][lang] = vn.Value
	}
	m.Content = kept
	return t
}
