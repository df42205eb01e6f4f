package site

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/tools/txtar"

	"resourcelib/generator/diag"
)

// sessionEdit is one saved file: its new text made from the old.
type sessionEdit struct {
	file string
	edit func(string) string
	// shown are pages that must be rendered again, and files of the
	// output (no leading /) that must be written again; every edit also
	// leaves most pages alone (see TestSessionEdits).
	shown []string
}

func replace(old, new string) func(string) string {
	return func(s string) string {
		if !strings.Contains(s, old) {
			panic("the test's file has no " + old)
		}
		return strings.Replace(s, old, new, 1)
	}
}

var (
	editText = sessionEdit{"content/materials/alpha.md", replace("More text.", "More text, edited."),
		[]string{"/materials/alpha/"}}
	editTitle = sessionEdit{"content/materials/alpha.md", replace("title: Alpha", "title: Alpha renamed"),
		[]string{"/materials/alpha/", "/materials/", "/", "/tags/safety/", "/tags/hotline/", "/topics/labor/"}}
	editTagAdd = sessionEdit{"content/materials/beta.md", replace("tags: [safety]", "tags: [safety, courts]"),
		[]string{"/materials/beta/", "/tags/courts/", "/tags/"}}
	editTagRemove = sessionEdit{"content/materials/gamma.md", replace("tags: [hotline]", "tags: []"),
		[]string{"/materials/gamma/", "/tags/hotline/", "/tags/"}}
	editDescription = sessionEdit{"content/materials/beta.md", replace("title: Beta", "title: Beta\ndescription: Beta described."),
		[]string{"/materials/beta/", "/materials/", "/tags/safety/"}}
	editDate = sessionEdit{"content/materials/gamma.md", replace("date: 2023-12-01", "date: 2025-01-01"),
		[]string{"/materials/gamma/", "/materials/", "/", "/topics/labor/", "/topics/housing/"}}
	editDraftOff = sessionEdit{"content/materials/delta.md", replace("draft: true", "draft: false"),
		[]string{"/materials/delta/", "/materials/", "/tags/drafts/", "/tags/"}}
	editDraftOn = sessionEdit{"content/materials/beta.md", replace("date: 2024-02-01", "date: 2024-02-01\ndraft: true"),
		[]string{"/materials/", "/tags/safety/", "/materials/alpha/"}} // alpha links to beta.md
	editOrg = sessionEdit{"content/organizations/north.yaml", replace("state_province: IL", "state_province: WI"),
		[]string{"/organizations/north/", "/organizations/", "/organizations/state/wi/", "/es/organizations/north/"}}
	editOrgText = sessionEdit{"content/organizations/south.yaml", replace("help in the south", "help in the far south"),
		[]string{"/organizations/south/", "/organizations/"}}
	// Beta is in the feeds, and its summary is its first paragraph.
	editSummary = sessionEdit{"content/materials/beta.md", replace("Beta text, linking", "Beta text, edited, linking"),
		[]string{"/materials/beta/", "/materials/", "/tags/safety/"}}
	// A heading's id is what another page's #anchor names.
	editHeading = sessionEdit{"content/materials/beta.md", replace("## Steps", "## Steps to take"),
		[]string{"/materials/beta/"}}
	// Gamma takes beta's date, then a title before beta's: it moves from
	// the second file of /materials/ (two a file) to the first.
	editGammaDate = sessionEdit{"content/materials/gamma.md", replace("date: 2023-12-01", "date: 2024-02-01"),
		[]string{"/materials/gamma/", "/materials/"}}
	editGammaTitle = sessionEdit{"content/materials/gamma.md", replace("title: Gamma", "title: Aardvark"),
		[]string{"/materials/gamma/", "/materials/", "materials/page/2/index.html", "/"}}
	// Then newer than alpha: first in every list and feed.
	editGammaNewest = sessionEdit{"content/materials/gamma.md", replace("date: 2024-02-01", "date: 2025-01-01"),
		[]string{"/materials/gamma/", "/materials/", "index.xml", "materials/index.xml", "/"}}
	// Courts is beta's alone: its term page goes with it.
	editTagGone = sessionEdit{"content/materials/beta.md", replace("tags: [safety, courts]", "tags: [safety]"),
		[]string{"/materials/beta/", "/tags/"}}
	// North moves after South in every list of organizations.
	editOrgRename = sessionEdit{"content/organizations/north.yaml", replace("name: North Help", "name: Zeta Help"),
		[]string{"/organizations/north/", "/organizations/", "/es/organizations/"}}
	// Alfa stops being alpha's translation: alpha's language links change
	// though alpha's file did not.
	editTranslationKey = sessionEdit{"content/es/materials/alpha.md", replace("title: Alfa", "title: Alfa\ntranslation_key: alfa-sola"),
		[]string{"/es/materials/alpha/", "/materials/alpha/"}}
	// The footer asks .Site.LangURL "/browsing-safely/": every Spanish
	// page shows the new address of its translation, also one whose
	// layout ran again since the build (which must have kept what it
	// asked).
	editSpanishText = sessionEdit{"content/es/materials/alpha.md", replace("Alfa trata de la seguridad.", "Alfa trata de la seguridad, editado."),
		[]string{"/es/materials/alpha/"}}
	editSpanishSlug = sessionEdit{"content/es/browsing-safely.md", replace("title: Navegar con seguridad", "title: Navegar con seguridad\nslug: navegar"),
		[]string{"/es/materials/alpha/", "/es/", "/es/organizations/"}}
	editLayout = sessionEdit{"layouts/taxonomy.html", replace(`<ul class="term-list">`, `<ul class="term-list" data-edited="1">`),
		[]string{"/tags/", "/topics/", "/es/tags/"}}
)

// TestSessionEdits checks the dev server's promise: after any sequence of
// edits, the output Session.Update has written is, file for file, the
// output of a full build of the edited source; and each edit renders the
// pages that show what changed, not the whole site.
func TestSessionEdits(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name  string
		edits []sessionEdit
	}{
		// Each kind of edit from the site as built is also each kind
		// after the others, below.
		{"text", []sessionEdit{editText}},
		{"summary in the feeds", []sessionEdit{editSummary}},
		{"layout", []sessionEdit{editLayout}},
		{"draft off and on again", []sessionEdit{editDraftOff,
			{"content/materials/delta.md", replace("draft: false", "draft: true"), []string{"/materials/", "/tags/"}}}},
		// Each of these fails if an edit skips a file whose entries moved.
		{"reordered across files", []sessionEdit{editGammaDate, editGammaTitle, editTagAdd, editTagGone, editOrgRename, editGammaNewest, editTranslationKey}},
		{"what a layout asked the site", []sessionEdit{editSpanishText, editSpanishSlug}},
		{"one after another", []sessionEdit{editText, editSummary, editHeading, editTitle, editTagAdd, editTagRemove, editDescription, editDate, editDraftOff,
			editDraftOn, editOrg, editOrgText, editLayout}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src, opts := sessionSite(t)
			sess, res, err := BuildSession(opts)
			if err != nil {
				t.Fatal(err)
			}
			defer sess.Close()
			for i, e := range tt.edits {
				before := frontMatter(t, src, e.file)
				editFile(t, src, e.file, e.edit)
				ed, err := sess.Update(e.file)
				if err != nil {
					t.Fatalf("edit %d (%s): %v", i, e.file, err)
				}
				// Neither a page's text nor a layout is read by assembly.
				kept := strings.HasPrefix(e.file, "layouts/") || strings.HasSuffix(e.file, ".md") && frontMatter(t, src, e.file) == before
				if ed.Assembled == kept {
					t.Errorf("edit %d (%s) of a page's text or a layout %v: assembled the site again %v", i, e.file, kept, ed.Assembled)
				}
				var got []string
				for _, r := range ed.Rendered {
					got = append(got, r.URL)
				}
				for _, u := range e.shown {
					if !strings.HasPrefix(u, "/") {
						if !slices.Contains(ed.Written, u) {
							t.Errorf("edit %d (%s): %s was not written again; written: %v", i, e.file, u, ed.Written)
						}
						continue
					}
					if !slices.Contains(got, u) {
						t.Errorf("edit %d (%s): %s was not rendered again; rendered: %v", i, e.file, u, ed.Rendered)
					}
				}
				if e.file == editText.file && len(got) != 1 && i == 0 {
					t.Errorf("a text edit rendered %v, want only its page", ed.Rendered)
				}
				// Every list reuses the cards of the members not edited
				// (see pageData.Card): the edited one's card is rendered
				// once in each language, whichever lists show it and
				// whichever of their files it moved.
				if !strings.HasPrefix(e.file, "layouts/") && ed.Cards > 2 {
					t.Errorf("edit %d (%s) rendered %d cards, want one in each of 2 languages at most", i, e.file, ed.Cards)
				}
				if len(got) >= res.Pages/2 {
					t.Errorf("edit %d (%s) rendered %d of %d pages: %v", i, e.file, len(got), res.Pages, ed.Rendered)
				}
				// No claim of this site collides: an edit checks the
				// claims it changed alone.
				if n := checkClaimCounts(t, sess, opts, i); ed.Claims > 8 || ed.Claims >= n/4 {
					t.Errorf("edit %d (%s) checked %d of the %d names claimed", i, e.file, ed.Claims, n)
				}
				full := filepath.Join(t.TempDir(), "public")
				fo := opts
				fo.Out = full
				if _, err := Build(fo); err != nil {
					t.Fatalf("full build after edit %d: %v", i, err)
				}
				if diff := diffTrees(t, opts.Out, full); diff != "" {
					t.Fatalf("after edit %d (%s), the session's output differs from a full build (-session +full):\n%s", i, e.file, diff)
				}
			}
		})
	}
}

// checkClaimCounts checks that what the session counts of the claims on
// the output, changed by each edit in proportion to what it moved, is what
// counting the claims of its site gives; it returns how many names are
// claimed.
func checkClaimCounts(t *testing.T, sess *Session, opts Options, i int) int {
	t.Helper()
	claims := sess.w.site.outputClaims(overlay{opts.Source, opts.Theme}, opts.Source)
	if diff := cmp.Diff(newClaimCounts(claims), sess.claims, cmp.AllowUnexported(claimCounts{})); diff != "" {
		t.Errorf("after edit %d, the session's counts of claims differ from its site's (-site +session):\n%s", i, diff)
	}
	if diff := cmp.Diff(fileClaims(claims), sess.outputs); diff != "" {
		t.Errorf("after edit %d, the session's files of the output differ from its site's claims (-claims +session):\n%s", i, diff)
	}
	return len(claims)
}

// TestSessionClaims checks that an edit whose claims on the output
// collide, which Update checks by what the edit changed, is declined with
// the errors check reports for the edited source, naming both sides, and
// that an edit that frees an address, or leaves an alias refused under
// WarnLinks, is published as a full build makes it.
func TestSessionClaims(t *testing.T) {
	t.Parallel()
	betaURL := func(u string) sessionEdit {
		return sessionEdit{file: "content/materials/beta.md", edit: replace("title: Beta\n", "title: Beta\nurl: "+u+"\n")}
	}
	gammaSafety := sessionEdit{file: "content/materials/gamma.md", edit: replace("tags: [hotline]", "tags: [hotline, safety]")}
	for _, tt := range []struct {
		name  string
		files map[string]string // added to the session's site before the build
		warn  bool
		edits []sessionEdit
		want  []string // a part of the error of each edit; "" if published
	}{
		{"a new term page differs in case from a page", map[string]string{"content/courts.md": "---\ntitle: Courts\nurl: /tags/Courts/\n---\nC.\n"}, true,
			[]sessionEdit{editTagAdd}, []string{"content/courts.md:3:6: error: this page's address /tags/Courts/ differs only in letter case from the term page /tags/courts/"}},
		{"a new term page where a static file is", map[string]string{"static/tags/courts": "x"}, true,
			[]sessionEdit{editTagAdd}, []string{"static/tags/courts: error: this file would be a file where the term page /tags/courts/ needs the folder /tags/courts/"}},
		{"a term list's new second file over a page", map[string]string{"content/two.md": "---\ntitle: Two\nurl: /tags/safety/page/2/\n---\nT.\n"}, true,
			[]sessionEdit{gammaSafety}, []string{"content/two.md:3:6: error: this page's address /tags/safety/page/2/ is also page 2 of the list /tags/safety/"}},
		{"a draft published where a static file is", map[string]string{"static/tags/drafts/index.html": "x"}, true,
			[]sessionEdit{editDraftOff}, []string{"static/tags/drafts/index.html: error: this file is also the term page /tags/drafts/"}},
		{"a url over an alias", nil, false,
			[]sessionEdit{betaURL("/about-us/")}, []string{`content/about.md:3:11: error: alias "/about-us/" is the address of the page /about-us/ (content/materials/beta.md)`}},
		{"a url over an alias, then away", nil, true,
			[]sessionEdit{betaURL("/about-us/"), {file: "content/materials/beta.md", edit: replace("url: /about-us/\n", "")}}, []string{"", ""}},
		{"an alias refused since the build, then a new term page", map[string]string{"content/us.md": "---\ntitle: Us\nurl: /about-us/\n---\nU.\n"}, true,
			[]sessionEdit{editTagAdd}, []string{""}},
		{"a url into a reserved folder", nil, true,
			[]sessionEdit{betaURL("/hsds/beta/")}, []string{"content/materials/beta.md:3:6: error: this page's address /hsds/beta/ is inside the directory's HSDS export"}},
		{"a url where another page's file needs a folder", nil, true,
			[]sessionEdit{betaURL("/materials/alpha/index.html")}, []string{"content/materials/beta.md:3:6: error: this page's address /materials/alpha/index.html/ needs the folder /materials/alpha/index.html/, where the page /materials/alpha/ (content/materials/alpha.md) is a file"}},
		{"a url that differs in case from a page, then one that does not", nil, true,
			[]sessionEdit{betaURL("/Materials/Alpha/"), betaURL("/materials/beta-moved/")}, []string{"content/materials/beta.md:3:6: error: this page's address /Materials/Alpha/ differs only in letter case from the page /materials/alpha/", ""}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src, opts := sessionSite(t)
			opts.WarnLinks = tt.warn
			for name, text := range tt.files {
				editFile(t, src, name, func(string) string { return text })
			}
			sess, _, err := BuildSession(opts)
			if err != nil {
				t.Fatal(err)
			}
			defer sess.Close()
			for i, e := range tt.edits {
				orig, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(e.file)))
				if err != nil {
					t.Fatal(err)
				}
				before := readTree(t, opts.Out)
				editFile(t, src, e.file, e.edit)
				res, _ := Check(opts)
				var want []string
				for _, p := range res.Problems {
					if p.Severity == diag.Error {
						want = append(want, p.Error())
					}
				}
				_, err = sess.Update(e.file)
				if tt.want[i] == "" {
					if err != nil {
						t.Fatalf("edit %d: %v; want it published", i, err)
					}
					if len(want) > 0 {
						t.Fatalf("edit %d: check reports %q", i, want)
					}
					checkClaimCounts(t, sess, opts, i)
					full := filepath.Join(t.TempDir(), "public")
					fo := opts
					fo.Out = full
					if _, err := Build(fo); err != nil {
						t.Fatal(err)
					}
					if diff := diffTrees(t, opts.Out, full); diff != "" {
						t.Fatalf("after edit %d, the session's output differs from a full build (-session +full):\n%s", i, diff)
					}
					continue
				}
				if len(want) == 0 || !strings.Contains(strings.Join(want, "\n"), tt.want[i]) {
					t.Fatalf("edit %d: check reports %q; want %q among them", i, want, tt.want[i])
				}
				var le *diag.ListError
				if !errors.As(err, &le) {
					t.Fatalf("edit %d: declined with %v; want the errors check reports: %q", i, err, want)
				}
				var got []string
				for _, p := range le.Problems {
					if p.Severity == diag.Error {
						got = append(got, p.Error())
					}
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("edit %d: errors mismatch (-check +session):\n%s", i, diff)
				}
				if diff := cmp.Diff(before, readTree(t, opts.Out)); diff != "" {
					t.Errorf("edit %d: a declined edit changed the output:\n%s", i, diff)
				}
				// The session is as before the edit: so is the source.
				editFile(t, src, e.file, func(string) string { return string(orig) })
				checkClaimCounts(t, sess, opts, i)
			}
		})
	}
}

// TestSessionTextDeclined checks that an edit of a page's text that is
// declined (a broken link) leaves the session as it was: the edits after
// it are published as a full build makes them.
func TestSessionTextDeclined(t *testing.T) {
	t.Parallel()
	src, opts := sessionSite(t)
	opts.WarnLinks = false // a broken link is an error
	sess, _, err := BuildSession(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer sess.Close()
	orig, err := os.ReadFile(filepath.Join(src, "content/materials/beta.md"))
	if err != nil {
		t.Fatal(err)
	}
	// Gamma is beta's only link: its summary and its links change.
	editFile(t, src, "content/materials/beta.md", replace("Beta text, linking to [Gamma](gamma.md)", "Beta, linking to [Gone](gone.md)"))
	var le *diag.ListError
	if _, err := sess.Update("content/materials/beta.md"); !errors.As(err, &le) {
		t.Fatalf("a broken link was published or declined with %v; want the edit's problems", err)
	}
	editFile(t, src, "content/materials/beta.md", func(string) string { return string(orig) })
	for i, e := range []sessionEdit{editSummary, editText, editTitle} {
		editFile(t, src, e.file, e.edit)
		ed, err := sess.Update(e.file)
		if err != nil {
			t.Fatalf("edit %d (%s): %v", i, e.file, err)
		}
		if text := i < 2; ed.Assembled == text { // the summary and the text
			// The session kept the site, whose page the declined edit
			// changed and put back.
			t.Errorf("edit %d (%s) of the text alone %v: assembled the site again %v", i, e.file, text, ed.Assembled)
		}
		full := filepath.Join(t.TempDir(), "public")
		fo := opts
		fo.Out = full
		if _, err := Build(fo); err != nil {
			t.Fatal(err)
		}
		if diff := diffTrees(t, opts.Out, full); diff != "" {
			t.Fatalf("after edit %d (%s), the session's output differs from a full build (-session +full):\n%s", i, e.file, diff)
		}
	}
}

// frontMatter is the front matter of a page of src: what is before its
// second ---.
func frontMatter(t *testing.T, src, file string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(file)))
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.SplitN(string(data), "---", 3)
	if len(parts) < 3 {
		return string(data)
	}
	return parts[1]
}

// TestSessionDeclines checks the edits Update leaves to a full build, and
// that it then writes nothing.
func TestSessionDeclines(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name     string
		file     string
		edit     func(string) string
		warn     bool // -warn-links
		problems bool // declined with the edit's problems, not ErrFullBuild
	}{
		{"front matter error", "content/materials/alpha.md", replace("title: Alpha", "title: Alpha\nweight: heavy"), true, true},
		{"broken link", "content/materials/alpha.md", replace("beta.md#steps", "beta.md#no-such-heading"), false, true},
		{"draft on, linked", "content/materials/beta.md", replace("date: 2024-02-01", "date: 2024-02-01\ndraft: true"), false, true},
		{"organization error", "content/organizations/north.yaml", replace("name: North Help", "name: [North"), true, true},
		{"partial layout", "layouts/partials/footer.html", func(s string) string { return s + "\n" }, true, false},
		{"new file", "content/materials/epsilon.md", func(string) string { return "---\ntitle: E\n---\nE.\n" }, true, false},
		{"site settings", "content/site.yaml", replace("page_size: 2", "page_size: 3"), true, false},
		// A confidential location's address is looked for in every file.
		{"confidential location", "content/organizations/south.yaml", replace("location_type: physical\n    address: {city: Austin", "location_type: confidential\n    address: {city: Austin"), true, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src, opts := sessionSite(t)
			opts.WarnLinks = tt.warn
			sess, _, err := BuildSession(opts)
			if err != nil {
				t.Fatal(err)
			}
			defer sess.Close()
			before := readTree(t, opts.Out)
			editFile(t, src, tt.file, tt.edit)
			_, err = sess.Update(tt.file)
			var le *diag.ListError
			switch {
			case err == nil:
				t.Fatal("the edit was published; want it declined")
			case tt.problems && !errors.As(err, &le):
				t.Fatalf("declined with %v; want the edit's problems", err)
			case !tt.problems && !errors.Is(err, ErrFullBuild):
				t.Fatalf("declined with %v; want ErrFullBuild", err)
			}
			if diff := cmp.Diff(before, readTree(t, opts.Out)); diff != "" {
				t.Errorf("a declined edit changed the output:\n%s", diff)
			}
		})
	}
}

// sessionSite writes testdata/session/library.txtar into a folder, with
// a copy of the bundled taxonomy layout to edit, and returns the folder
// and the options that build it.
func sessionSite(t *testing.T) (string, Options) {
	t.Helper()
	ar, err := txtar.ParseFile("testdata/session/library.txtar")
	if err != nil {
		t.Fatal(err)
	}
	src := t.TempDir()
	layout, err := os.ReadFile("../../layouts/taxonomy.html")
	if err != nil {
		t.Fatal(err)
	}
	ar.Files = append(ar.Files, txtar.File{Name: "layouts/taxonomy.html", Data: layout})
	for _, f := range ar.Files {
		name := filepath.Join(src, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return src, Options{Source: os.DirFS(src), Theme: os.DirFS("../.."), Out: filepath.Join(t.TempDir(), "public"),
		WarnLinks: true, Now: time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)}
}

func editFile(t *testing.T, src, file string, edit func(string) string) {
	t.Helper()
	name := filepath.Join(src, filepath.FromSlash(file))
	data, err := os.ReadFile(name)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(edit(string(data))), 0o644); err != nil {
		t.Fatal(err)
	}
}

// diffTrees compares two folders file by file: which files only one has,
// and a diff of each file that differs.
func diffTrees(t *testing.T, a, b string) string {
	t.Helper()
	ta, tb := readTree(t, a), readTree(t, b)
	var out strings.Builder
	for _, name := range keysSorted(ta) {
		if _, ok := tb[name]; !ok {
			out.WriteString("only in the session's output: " + name + "\n")
		}
	}
	for _, name := range keysSorted(tb) {
		got, ok := ta[name]
		if !ok {
			out.WriteString("only in the full build: " + name + "\n")
			continue
		}
		if got != tb[name] {
			out.WriteString(name + ":\n" + cmp.Diff(strings.Split(got, "\n"), strings.Split(tb[name], "\n")) + "\n")
		}
	}
	return out.String()
}

// TestOrganizationCards checks that each list of organizations shows the
// cards of its own language, though every card is rendered once per
// organization and language and reused by the lists that show it.
func TestOrganizationCards(t *testing.T) {
	t.Parallel()
	_, opts := sessionSite(t)
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		file    string
		want    []string
		wantNot []string
	}{
		{"organizations/index.html",
			[]string{`<a href="/organizations/north/">North Help</a>`, `<a href="/organizations/south/">South Help</a>`, `<span class="way">Call</span>`},
			[]string{`lang="en"`, "Llamar"}},
		{"organizations/state/il/index.html",
			[]string{`<a href="/organizations/north/">North Help</a>`},
			[]string{"South Help"}},
		{"es/organizations/index.html",
			[]string{`<a href="/es/organizations/north/" lang="en">North Help</a>`, `<span class="way">Llamar</span>`, "Idiomas: Inglés, Español"},
			[]string{`href="/organizations/north/"`, `<span class="way">Call</span>`}},
		{"es/organizations/state/il/index.html",
			[]string{`<a href="/es/organizations/north/" lang="en">North Help</a>`},
			[]string{"South Help"}},
	} {
		data, err := os.ReadFile(filepath.Join(opts.Out, tt.file))
		if err != nil {
			t.Fatal(err)
		}
		_, list, _ := strings.Cut(string(data), `<ul class="org-list">`)
		for _, w := range tt.want {
			if !strings.Contains(list, w) {
				t.Errorf("%s lists no %s:\n%s", tt.file, w, list)
			}
		}
		for _, w := range tt.wantNot {
			if strings.Contains(list, w) {
				t.Errorf("%s lists %s:\n%s", tt.file, w, list)
			}
		}
	}
}
