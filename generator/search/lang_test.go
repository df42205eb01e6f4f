package search

import (
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"resourcelib/generator/publish"
	"resourcelib/generator/site"
)

// bilingualIndex is a small synthetic index of Spanish and English pages,
// opened with the handler the site uses.
func bilingualIndex(t *testing.T) *Handler {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "public.search")
	ix, err := NewIndexer(dir)
	if err != nil {
		t.Fatal(err)
	}
	docs := []site.Document{
		{URL: "/es/llamar/", Type: "material", Language: "es", Title: "Cómo hacer una llamada",
			Body: "Una llamada a la línea directa sobre el tráfico de personas es confidencial. Atendemos servicios de crisis."},
		{URL: "/es/sin-acento/", Type: "material", Language: "es", Title: "Avisos",
			Body: "Un aviso sobre el trafico de drogas o de personas, escrito sin acento."},
		{URL: "/es/otros/", Type: "material", Language: "es", Title: "Otros recursos para víctimas",
			Body: "Recursos para víctimas y sobrevivientes."},
		{URL: "/calls/", Type: "material", Language: "en", Title: "Making a call",
			Body: "A call to the hotline about human trafficking is confidential. Services for crisis calls. The word llamada means call."},
		{URL: "/services/", Type: "material", Language: "en", Title: "Services",
			Body: "Our services for survivors."},
	}
	for _, d := range docs {
		if err := ix.Add(d); err != nil {
			t.Fatal(err)
		}
	}
	f, err := ix.Finish()
	if err != nil {
		t.Fatal(err)
	}
	if err := publish.Commit(f); err != nil {
		t.Fatal(err)
	}
	return openIndex(t, dir, Options{})
}

// TestSpanish checks search per language through the real handler:
// Spanish words are stemmed and accents folded in Spanish searches,
// results keep to the language searched in unless widened, and typos are
// corrected against the dictionary of the language searched in.
func TestSpanish(t *testing.T) {
	h := bilingualIndex(t)
	es := func(s string, extra ...string) url.Values {
		v := url.Values{"q": {s}, "lang": {"es"}}
		for i := 0; i+1 < len(extra); i += 2 {
			v.Add(extra[i], extra[i+1])
		}
		return v
	}
	tests := []struct {
		name string
		v    url.Values
		want []string // every hit, in any order
	}{
		{"plural finds singular", es("llamadas"), []string{"/es/llamar/"}},
		{"accent", es("tráfico"), []string{"/es/llamar/", "/es/sin-acento/"}},
		{"no accent", es("trafico"), []string{"/es/llamar/", "/es/sin-acento/"}},
		{"capitals and accent", es("TRÁFICO"), []string{"/es/llamar/", "/es/sin-acento/"}},
		{"stop words optional", es("el tráfico de personas"), []string{"/es/llamar/", "/es/sin-acento/"}},
		{"prefix with accent", es("vícti"), []string{"/es/otros/"}},
		{"prefix without accent", es("victi"), []string{"/es/otros/"}},
		{"spanish typo corrected in spanish", es("servicos"), []string{"/es/llamar/"}},
		{"english search keeps to english", q("llamada"), []string{"/calls/"}},
		{"english stems", q("calls"), []string{"/calls/"}},
		{"widened", es("llamada", "language", "all"), []string{"/es/llamar/", "/calls/"}},
		{"explicit filter", es("confidencial", "language", "en"), nil},
		{"unknown language searches the default", url.Values{"q": {"services"}, "lang": {"xx"}}, []string{"/calls/", "/services/"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := apiSearch(t, h, tt.v)
			got := urls(r)
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("%s: hits %v, want %v", tt.v.Encode(), got, want)
			}
		})
	}

	r := apiSearch(t, h, es("trafico"))
	if r.Language != "es" {
		t.Errorf("language of a Spanish search = %q, want es", r.Language)
	}
	for _, hit := range r.Hits {
		if !strings.Contains(hit.Snippet, "<mark>tráfico</mark>") && !strings.Contains(hit.Snippet, "<mark>trafico</mark>") {
			t.Errorf("%s: snippet %q does not mark the word", hit.URL, hit.Snippet)
		}
	}
	if r := apiSearch(t, h, es("llamada", "language", "all")); r.Language != "" {
		t.Errorf("language of a widened search = %q, want none", r.Language)
	}
}

// TestSpanishBundled checks the bundled site's Spanish results page.
func TestSpanishBundled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the bundled site")
	}
	h := bundledIndex(t)
	w := serve(h, http.MethodGet, "/es/search?q=llamadas")
	if w.Code != http.StatusOK {
		t.Fatalf("status %d", w.Code)
	}
	body := w.Body.String()
	if !strings.Contains(body, `href="/es/materials/the-six-call-types/"`) {
		t.Errorf("/es/search?q=llamadas does not list /es/materials/the-six-call-types/:\n%s", body)
	}
	if !strings.Contains(body, "Resultados en todos los idiomas") || !strings.Contains(body, "language=all") {
		t.Errorf("/es/search?q=llamadas offers no way to widen to every language:\n%s", body)
	}
	w = serve(h, http.MethodGet, "/es/search?q=llamadas&language=all")
	if body := w.Body.String(); !strings.Contains(body, "Todos los idiomas") {
		t.Errorf("a widened search does not say so:\n%s", body)
	}
	r := apiSearch(t, h, q("hotline"))
	for _, u := range urls(r) {
		if strings.HasPrefix(u, "/es/") {
			t.Errorf("an English search lists the Spanish page %s", u)
		}
	}
	if r := apiSearch(t, h, url.Values{"q": {"línea directa"}, "lang": {"es"}}); r.Total == 0 {
		t.Errorf("no Spanish page for línea directa")
	}
}
