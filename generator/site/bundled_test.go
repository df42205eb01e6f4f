package site

import (
	"encoding/json"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"resourcelib/generator/directory"
	"testing/fstest"
)

// buildBundled builds the repository's own site with its own layouts.
func buildBundled(t *testing.T) (string, map[string]string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(Options{Source: os.DirFS("../.."), Out: out})
	if err != nil {
		t.Fatalf("the bundled site does not build:\n%v", err)
	}
	for _, p := range res.Problems {
		t.Errorf("the bundled site has a problem: %s", p.Error())
	}
	return out, readTree(t, out)
}

var hrefRe = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// TestBundledSite checks what the issue promises of the bundled site: the
// hotline band on every page, the seven services with their hours, both
// organizations in the directory, and no broken internal link.
func TestBundledSite(t *testing.T) {
	_, files := buildBundled(t)
	pages := 0
	for name, html := range files {
		if !strings.HasSuffix(name, ".html") || strings.HasPrefix(name, "admin/") {
			continue // the CMS admin is Decap's page, tested in admin_test.go
		}
		pages++
		for _, want := range []string{
			`href="tel:&#43;18883737888"`, // html/template writes + as &#43; in attributes
			`href="sms:233733"`,
			`href="tel:711"`,
			`href="mailto:help@humantraffickinghotline.org"`,
			`id="quick-exit"`,
			`<html lang="` + pageLang(name) + `">`,
		} {
			if !strings.Contains(html, want) {
				t.Errorf("%s: missing %s", name, want)
			}
		}
		for _, bad := range []string{"ZgotmplZ", "<no value>", " style=", "<script>", "&lt;nil&gt;"} {
			if strings.Contains(html, bad) {
				t.Errorf("%s: contains %q", name, bad)
			}
		}
		if n := strings.Count(html, "<h1"); n != 1 {
			t.Errorf("%s: %d h1 elements, want 1", name, n)
		}
		checkLinks(t, files, name, html)
	}
	if pages < 20 {
		t.Errorf("only %d HTML pages", pages)
	}

	services := files["services-and-hours/index.html"]
	for _, want := range []string{
		"Crisis calls", "Reporting tips about trafficking situations",
		"Training and technical assistance requests (urgent)", "Training and technical assistance requests (non-urgent)",
		"Referrals (urgent)", "Referrals (non-urgent)", "General information requests",
		"24 hours, 7 days", "9am–7pm Eastern Time, Monday to Friday",
	} {
		if !strings.Contains(services, want) {
			t.Errorf("services page: missing %q", want)
		}
	}
	if n := strings.Count(services, `<th scope="row"`); n != 7 {
		t.Errorf("services table has %d rows, want 7", n)
	}
	// The three non-urgent services take a message after hours: their
	// badges say so (data-messages), and without JavaScript a line does.
	if n := strings.Count(services, ` data-messages="Taking messages now"`); n != 3 {
		t.Errorf("services table: %d badges taking messages after hours, want 3", n)
	}
	if n := strings.Count(services, `A message is taken at other times.`); n != 3 {
		t.Errorf("services table: %d after-hours notes, want 3", n)
	}
	dir := files["organizations/index.html"]
	for _, want := range []string{"National Human Trafficking Hotline", "Polaris Project", `href="/organizations/nhtrc/"`, `href="/organizations/polaris-project/"`} {
		if !strings.Contains(dir, want) {
			t.Errorf("directory: missing %q", want)
		}
	}
	for _, typo := range []string{"Cisis", "practioners", "NHRTC"} {
		for name, body := range files {
			if strings.Contains(body, typo) {
				t.Errorf("%s: the seed's typo %q", name, typo)
			}
		}
	}
}

// pageLang is the language of a page of the bundled site, by its path.
func pageLang(name string) string {
	if strings.HasPrefix(name, "es/") {
		return "es"
	}
	return "en"
}

// checkLinks asserts that every site-internal href and src in page resolves
// to a written file, and that every #fragment names an id on its target.
func checkLinks(t *testing.T, files map[string]string, name, html string) {
	t.Helper()
	for _, m := range hrefRe.FindAllStringSubmatch(html, -1) {
		raw := strings.ReplaceAll(m[1], "&amp;", "&")
		u, err := url.Parse(raw)
		if err != nil {
			t.Errorf("%s: bad link %q", name, raw)
			continue
		}
		if u.Scheme != "" || u.Host != "" {
			continue
		}
		target := name
		if u.Path != "" {
			p := u.Path
			if !strings.HasPrefix(p, "/") {
				p = path.Join(path.Dir("/"+name), p)
			}
			target = strings.TrimPrefix(p, "/")
			if target == "" || strings.HasSuffix(target, "/") {
				target += "index.html"
			}
		}
		body, ok := files[target]
		if !ok {
			t.Errorf("%s: broken link %q (no %s)", name, raw, target)
			continue
		}
		if u.Fragment != "" && !strings.Contains(body, `id="`+u.Fragment+`"`) {
			t.Errorf("%s: link %q: %s has no id %q", name, raw, target, u.Fragment)
		}
	}
}

// TestConfidentialAddressNeverWritten builds a site with a confidential
// location and searches every output file for its street address.
func TestConfidentialAddressNeverWritten(t *testing.T) {
	ar, err := txtar.ParseFile("testdata/sites/organizations.txtar")
	if err != nil {
		t.Fatal(err)
	}
	src := fstest.MapFS{}
	for _, f := range ar.Files {
		if !strings.HasPrefix(f.Name, "want/") {
			src[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	// Use the real layouts, which print every address field they have.
	for name, f := range src {
		if strings.HasPrefix(name, "layouts/") {
			delete(src, name)
			_ = f
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: src, Theme: os.DirFS("../.."), Out: out}); err != nil {
		t.Fatal(err)
	}
	files := readTree(t, out)
	if !strings.Contains(files["organizations/shelter/index.html"], "San Luis Obispo") {
		t.Errorf("the shelter's city is missing from its page")
	}
	for name, body := range files {
		if vendored(name) {
			continue // the CMS's files, written as vendored (TestAdminOnlyThirdParty)
		}
		for _, secret := range []string{"123 Secret Street", "Secret", "93401", "35.28", "-120.66"} {
			if strings.Contains(body, secret) {
				t.Errorf("%s: the confidential location's %q is published", name, secret)
			}
		}
	}
}

// TestDirectoryPages checks the directory's filter pages, the open-now
// badges' data and the JSON-LD of organizations on the bundled site.
func TestDirectoryPages(t *testing.T) {
	_, files := buildBundled(t)
	dc := files["organizations/state/dc/index.html"]
	if !strings.Contains(dc, `href="/organizations/polaris-project/"`) || strings.Contains(dc, `class="item-title"><a href="/organizations/nhtrc/"`) {
		t.Errorf("/organizations/state/dc/ should list Polaris Project (DC) and not the NHTRC (no location)")
	}
	if !strings.Contains(dc, `<a href="/organizations/state/dc/" aria-current="page">DC</a>`) {
		t.Errorf("the DC filter is not marked current on its own page")
	}
	always := files["organizations/open-24-7/index.html"]
	if !strings.Contains(always, `href="/organizations/nhtrc/"`) {
		t.Errorf("/organizations/open-24-7/ does not list the NHTRC")
	}
	if _, ok := files["organizations/service/referrals-urgent/index.html"]; !ok {
		t.Errorf("no page for the service filter 'Referrals (urgent)'")
	}
	nhtrc := files["organizations/nhtrc/index.html"]
	if n := strings.Count(nhtrc, `class="open-badge" hidden data-schedule=`); n != 7 {
		t.Errorf("%d open-now badges on the NHTRC page, want one per service (7)", n)
	}
	// Each badge carries its zone's offsets (BrowserJSONAt), so that
	// hours.js creates no Intl time zone at load.
	if n := strings.Count(nhtrc, `&#34;offsets&#34;:[`); n != 7 {
		t.Errorf("%d of the NHTRC page's badges carry their zone's offsets, want 7", n)
	}
	if !strings.Contains(nhtrc, "search.js") || strings.Contains(nhtrc, `<script src="/js/search.js`) {
		t.Errorf("the NHTRC page should name search.js for site.js to load on first use, not load it")
	}
	// Its facts come from the coalition's page, which is named as the
	// source; no person has checked them, so there is no "last checked".
	for name, html := range map[string]string{"nhtrc": nhtrc, "polaris-project": files["organizations/polaris-project/index.html"]} {
		if !strings.Contains(html, `<h2 id="sources-title">Sources</h2>`) || !strings.Contains(html, `&#34;National Human Trafficking Hotline&#34; page</li>`) {
			t.Errorf("%s: the coalition's page is not listed as a source", name)
		}
		if strings.Contains(html, "last checked on") || !strings.Contains(html, "no one has checked them") {
			t.Errorf("%s: the page says its facts were checked", name)
		}
	}
	m := regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`).FindStringSubmatch(nhtrc)
	if m == nil {
		t.Fatal("no JSON-LD on the NHTRC page")
	}
	var ld map[string]any
	if err := json.Unmarshal([]byte(m[1]), &ld); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, m[1])
	}
	if ld["@type"] != "Organization" || ld["name"] != "National Human Trafficking Hotline" {
		t.Errorf("JSON-LD: %v", ld)
	}
	if !strings.Contains(m[1], `"hoursAvailable"`) || !strings.Contains(m[1], `"telephone":"+18883737888"`) {
		t.Errorf("JSON-LD lacks hoursAvailable or the hotline's telephone: %s", m[1])
	}
}

// TestJSONLDCannotCloseScript feeds organizationLD text that tries to end
// the script element.
func TestJSONLDCannotCloseScript(t *testing.T) {
	o := &directory.Organization{Name: `Evil </script><script>alert(1)</script>`, Description: "a <!-- b"}
	got := string(jsonLD(organizationLD(o, "https://example.org/x/")))
	for _, bad := range []string{"</script", "<script", "<!--"} {
		if strings.Contains(strings.ToLower(got), bad) {
			t.Errorf("JSON-LD contains %q: %s", bad, got)
		}
	}
	var back map[string]any
	if err := json.Unmarshal([]byte(got), &back); err != nil || back["name"] != o.Name {
		t.Errorf("JSON-LD does not round-trip: %v %v", err, back["name"])
	}
}
