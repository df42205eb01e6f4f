package directory

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"resourcelib/generator/diag"
)

func TestTranslations(t *testing.T) {
	o, problems := load(t, `name: Line
description: Answers calls.
description_es: Atiende llamadas.
description_pt_BR: Atende chamadas.
phones:
  - number: "202-555-0100"
    type: hotline
    description: Calls
    description_es: Llamadas
locations:
  - name: Office
    name_es: Oficina
    location_type: postal
services:
  - name: Crisis calls
    name_es: Llamadas de crisis
    eligibility: Anyone
    eligibility_es: Cualquier persona
    after_hours_es: &msg Se toma un mensaje.
  - name: Letters
    after_hours_es: *msg
`)
	if len(problems) > 0 {
		t.Fatalf("problems: %v", problems)
	}
	for _, tc := range []struct {
		tr         Translations
		key, lang  string
		want       string
		translated bool
	}{
		{o.Translations, "description", "es", "Atiende llamadas.", true},
		{o.Translations, "description", "pt-BR", "Atende chamadas.", true},
		{o.Translations, "description", "fr", "", false},
		{o.Phones[0].Translations, "description", "es", "Llamadas", true},
		{o.Locations[0].Translations, "name", "es", "Oficina", true},
		{o.Services[0].Translations, "name", "es", "Llamadas de crisis", true},
		{o.Services[0].Translations, "eligibility", "es", "Cualquier persona", true},
		{o.Services[1].Translations, "after_hours", "es", "Se toma un mensaje.", true},
		{o.Services[1].Translations, "name", "es", "", false},
	} {
		got, ok := tc.tr.In(tc.key, tc.lang)
		if got != tc.want || ok != tc.translated {
			t.Errorf("%s in %s = %q, %v; want %q, %v", tc.key, tc.lang, got, ok, tc.want, tc.translated)
		}
	}
	if o.Description != "Answers calls." || o.Services[0].Name != "Crisis calls" {
		t.Errorf("the originals changed: %q, %q", o.Description, o.Services[0].Name)
	}
}

// TestTranslationProblems: only the translatable keys take a language
// suffix; anything else is still an unknown key, and a translation must be
// text, given once.
func TestTranslationProblems(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []diag.Problem
	}{
		{"a key that is not translated", "name: A\nname_es: B\ndescription: C\n",
			[]diag.Problem{{Line: 2, Col: 1, Msg: "unknown key `name_es`", Hint: "known keys are: name, alternate_name, description, website, email, last_verified, sources, draft, timezone, phones, locations, services, tags"}}},
		{"not a language code", "name: A\ndescription: C\ndescription_spanish: D\n",
			[]diag.Problem{{Line: 3, Col: 1, Msg: "unknown key `description_spanish`", Hint: "known keys are: name, alternate_name, description, website, email, last_verified, sources, draft, timezone, phones, locations, services, tags"}}},
		{"not text", "name: A\ndescription: C\ndescription_es: [D]\n",
			[]diag.Problem{{Line: 3, Col: 17, Msg: "`description_es` must be text", Hint: "write the es text of `description` on this line"}}},
		{"twice", "name: A\ndescription: C\ndescription_es: D\ndescription_es: E\n",
			[]diag.Problem{{Line: 4, Col: 1, Msg: "duplicate key `description_es`", Hint: "remove one of them"}}},
		{"in a service", "name: A\ndescription: C\nservices:\n  - name: S\n    urgency_es: urgente\n",
			[]diag.Problem{{Line: 5, Col: 5, Msg: "unknown key `services[0].urgency_es`", Hint: "known keys are: id, name, description, urgency, languages, eligibility, minimum_age, maximum_age, schedules, after_hours"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, got := load(t, tc.src)
			for i := range got {
				got[i].File, got[i].Severity = "", 0
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("problems mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
