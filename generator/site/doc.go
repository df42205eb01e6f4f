// Package site turns a folder of Markdown and YAML into a static website.
// This comment is the content editor's reference: everything a page can say
// about itself, and where each file ends up.
//
// Data flows one way: load (read every file, decode front matter and
// organization data), validate (collect every problem, with its file, line
// and column), render (Markdown to HTML, layouts, in parallel), write (into a
// new folder that replaces the output, together with the search index, only
// when all went well: see package publish).
//
// # Folders
//
//	content/            Markdown pages, organization data, site settings
//	content/site.yaml   the site settings (see Config)
//	content/organizations/*.yaml
//	                    one organization per file (see package directory)
//	layouts/            html/template layouts (optional: the bundled ones
//	                    are used for any file the site does not have)
//	static/             copied to the output as it is (CSS, JS, images)
//
// # Pages and their addresses
//
// Every Markdown file under content/ is a page. Its address follows its
// path, with a trailing slash, and it is written as index.html in a folder of
// that name ("pretty URLs"):
//
//	content/about.md                       /about/
//	content/materials/recognizing-signs.md /materials/recognizing-signs/
//	content/materials/_index.md            /materials/        (the section's own page)
//	content/materials/card/index.md        /materials/card/   (a page bundle)
//	content/_index.md                      /                  (the home page)
//
// A folder with an index.md is a page bundle: every other file in it (a PDF
// handout, an image, even another .md file) is copied beside the page and
// listed on it with its type and size. Every other non-Markdown file under
// content/ is copied to the same path in the output.
//
// Every folder that holds pages is a section with a list page, whether or
// not it has an _index.md. A list shows pages with a weight first (lowest
// first), then the newest first, then by title; it is split into pages of
// page_size (20 by default): /materials/, /materials/page/2/, ...
//
// # Languages
//
// A site in several languages lists them in site.yaml, the default first:
//
//	languages:
//	  - code: en
//	  - code: es
//	    title: Biblioteca de recursos     # each may have its own title,
//	    menu:                             # tagline, description, copyright
//	      - {name: Obtener ayuda, url: /es/hotline/}   # and menu
//
// A page is in another language when its file is under a folder named by
// the code (content/es/about.md) or has the code before .md
// (content/about.es.md); front matter `language: es` does the same. Its
// address starts with /es/: both files above are /es/about/. A page is the
// translation of another when it has the same path below its language's
// root (content/about.md and content/es/about.md), or the same front
// matter translation_key (for files named differently). Generated pages
// (sections without an _index.md, taxonomies, the directory) are linked by
// their address without the language's prefix; each organization file
// gives one page per language (see package directory for its translated
// keys).
//
// Every page of a site in several languages gets a language switcher
// (layouts/partials/languages.html) that leads to its translation, or to
// the other language's home page when it has none; <link rel="alternate"
// hreflang> for each translation and x-default (the default language's),
// in <head> and in sitemap.xml; and <html lang>. Each language has its own
// feed (/es/index.xml), search page (/es/search) and not-found page
// (/es/404.html, with a line in _redirects). Interface strings come from
// layouts/i18n/LANG.yaml; dates, hours, time zones, language names and
// file types are written in the page's language (English and Spanish are
// built in; other languages get English forms).
//
// `check` warns about a translation whose original (in the default
// language) is missing, and once per language lists the pages of the
// default language it lacks; a translation_key used twice in one language
// is an error.
//
// # Front matter
//
// A page starts with front matter in YAML (between --- lines), TOML
// (between +++ lines) or JSON (an object followed by a blank line). YAML is
// read as YAML 1.2, so `no` is the word "no", not false. The keys are
// Hugo's:
//
//	title        the page's title (default: from the file name)
//	description  one or two sentences for lists, search and previews
//	summary      the same as description (Hugo's name)
//	date         2024-05-01, 2024-05-01 14:30:00 -0500, or RFC 3339
//	lastmod      the date of the last real change
//	publishDate  the page is not published before then (unless -future);
//	             without it, a date still to come does the same
//	expiryDate   the page is not published from then on (unless -expired)
//	draft        true keeps the page out of the build (unless -drafts)
//	slug         replaces the last part of the address
//	url          replaces the whole address (/about/team/)
//	aliases      old addresses that redirect here (301)
//	weight       orders lists: lower first; pages without come after
//	tags, topics, audience
//	             lists of terms; each term gets a page (/topics/hotline/)
//	language     the page's language code (default: from its folder or
//	             file name; see Languages)
//	translation_key
//	             links translations whose files have different names
//	layout       the layout to use (layouts/LAYOUT.html)
//	type         looks for layouts/TYPE/KIND.html first
//
// Keys are read in any case, as Hugo does: publishDate is publishdate.
// Any other key is kept and reachable from layouts as .Page.Params.KEY. A
// key that looks like a misspelling of one above (`tittle`) is a warning.
// A key given twice is an error if it is one of the above (except
// publishDate and expiryDate, where the later wins, with a warning), a
// warning otherwise. An empty string for a number, a date or a list
// (weight: "", date, lastmod, tags) is the key left out: that is what the
// CMS writes when an editor clears a field.
//
// Dates are compared with the build's clock (Options.Now, the time the
// build starts): a page is built when it is not a draft, its publishDate
// (or date) is not after now, and its expiryDate is after now. A link to a
// page left out is a broken link, whose hint says why the page is out.
//
// # Markdown
//
// Markdown is CommonMark with GitHub's tables, strikethrough, autolinks and
// task lists, plus footnotes and typographic quotes and dashes. Raw HTML is
// left out of the output; an HTML comment, <script>, <style>, <pre> or
// <textarea> that starts a line and is never closed would take the rest of
// the page with it, so it is an error. Every heading gets an id from its text and a
// visible # link to itself, so a trainer can link to one section; a page
// with three or more headings gets a table of contents. `## Title {#id}`
// sets an id by hand. A link to another Markdown file
// ([steps](../guides/intro.md#steps)) becomes a link to that page.
//
// Hugo shortcodes, so that a site moved from Hugo never shows one as text,
// on a page or in search:
//
//	[text]({{< ref "intro.md" >}})   a link to that page: a path from content/
//	                                 when it starts with /, else from the
//	                                 page's folder, else any page whose file
//	                                 has that name; relref is the same. A
//	                                 missing page is a broken link.
//	{{< figure src="chart.png" alt="..." caption="..." >}}
//	                                 <figure> with the image (from the page
//	                                 bundle or static/) and its caption, when
//	                                 on a paragraph of its own. An image on
//	                                 another host is not loaded: its caption
//	                                 is shown, with a warning.
//	{{< highlight go >}} ... {{< /highlight >}}
//	                                 a code block (tags on lines of their own)
//	{{</* name */>}}                 the text {{< name >}}
//
// Any other shortcode is a warning at its line and column (once per name
// and page) and is left out; the text between an opening and a closing tag
// ({{< note >}}...{{< /note >}}) is kept.
//
// # Layouts
//
// Each layout is an html/template file. layouts/base.html is the page
// skeleton and calls {{block "main" .}}; a page's own layout defines
// "main". Shared pieces live in layouts/partials/*.html. For a page, the
// first layout that exists is used:
//
//	layouts/LAYOUT.html            (front matter layout)
//	layouts/TYPE/KIND.html         (front matter type)
//	layouts/SECTION/KIND.html      (first folder of its address)
//	layouts/KIND.html              (page, section, home, taxonomy, term, organization, 404)
//	layouts/list.html              (list kinds)
//	layouts/page.html
//
// In a layout, dot has .Site (Config, Pages, Organizations, Hotline,
// Taxonomies, and .Site.Section "/materials/"), .Page (see Page), .Pager on
// list pages, and .Hotline (the featured hotline organization). .Site is
// the site as the page's language sees it: .Site.Config has that
// language's title and menu, .Site.Home is its home page ("/es/"),
// .Site.LangURL "/browsing-safely/" the Spanish translation of that page
// (or the page itself), and .Site.Section looks in the language first.
// .LanguageLinks (the switcher), .Alternates (hreflang), .Local ORG-OR-
// SERVICE "field" (a translated organization text, with .Lang set when it
// fell back to the original), .OrigLang and .OrgURL help with languages. .T "key"
// gives an interface string in the page's language from
// layouts/i18n/LANG.yaml; .Canonical, .AbsURL, .TermURL and .Breadcrumbs
// help with addresses. .JSONLD is the page's schema.org JSON-LD (a WebSite
// with a SearchAction on the home page, a LearningResource for a page of
// /materials/), already escaped for <script type="application/ld+json">:
// base.html writes it. Template functions: date, isoDate, humanSize,
// hoursText, zoneName, phonesOf, dial (a phone's tel: or sms: link),
// phoneLabel, phoneText (escapes text, keeping phone numbers on one line),
// displayURL, languageName, humanize, inSection (the menu's
// current section), first, regular.
//
// .Card NAME MEMBER renders the template NAME of the page's layout for
// one member of a list, an organization (.Org in the card, as in
// layouts/organizations/section.html's org-card) or a page (.Page, as in
// partials/lists.html's page-card: its kind, address, language, section,
// title, description, summary, dates and weight), with .D, which has .T,
// .Local, .OrigLang and .OrgURL in the page's language, and nothing else
// of the page or the site: each card is rendered once per member and
// language, and every list that shows it (a section and its terms, the
// directory and its filtered pages, the lists a dev server renders again
// after an edit of another member) reuses it.
//
// # Output
//
// Besides the pages: sitemap.xml (an index of several sitemaps past 50,000
// addresses), an Atom feed of the newest pages for the site (/index.xml),
// each other language (/es/index.xml) and each section
// (/materials/index.xml), robots.txt, _redirects (Netlify's format, from
// aliases) and 404.html. Two builds of the same source at the same clock
// (Options.Now) give the same bytes: nothing else depends on the time or on
// map order.
//
// The build also writes the content manager's files under /admin/: Sveltia
// CMS (vendored, pinned by SHA-256, patched to ask no other host for its
// fonts, updates or GitHub's status), its licences, and /admin/config.yml,
// its collections (materials, materials kept as page bundles, pages,
// organizations) made from Meta and directory.Organization, the structs
// the checks below decode into; on a site in several languages, also each
// other language's materials and pages (content/es/...) and the
// organizations' translated fields (description_es). The backend is the
// GitHub repository named by site.yaml's repository (owner/name), with the
// editorial workflow: every change is a pull request. The page /admin/
// itself is package generator/admin's, answered by a Netlify function with
// headers of its own.
//
// # Checks
//
// `generator check` runs everything a build runs, renders every page, and
// writes nothing; a build runs the same checks and replaces the output only
// when none of them is an error. Every problem is reported at once, as
// path:line:col: error: message (hint). Besides the front matter and data
// rules above:
//
//   - Links. Every Markdown link and image that stays on the site must name
//     a page, a file (static/, content/, a bundle's files), a redirect or
//     the search page, and its #anchor an id on that page as it is
//     published. External links must be well-formed (nothing is fetched):
//     http and https with a host, mailto with an address, tel and sms with
//     digits; javascript:, data:, vbscript: and file: are refused. A link
//     that looks like a forgotten https:// or mailto: says so. With
//     Options.WarnLinks (the build and serve commands' default; check's
//     -warn-links) broken links are warnings; a refused scheme is always an
//     error.
//   - Addresses. Two files with one address are an error naming both (also
//     when their names differ only in Unicode normalization). Every part of
//     an address from a file name, slug, url or alias must be usable as a
//     file name everywhere: not empty, no .., NUL or control characters, no
//     leading dot (.git), none of < > : " \ | ? *, and not a name Windows
//     reserves (CON, PRN, AUX, NUL, COM1 to COM9, LPT1 to LPT9). The same
//     rules apply to tags, topics and audience, since each term is a folder
//     (/tags/NAME/). A slug that starts with / is a warning: a slug stays
//     inside the page's folder. In a url or an alias, %-escapes are checked
//     decoded, as the server decodes them (%2e%2e is ..); a url's address
//     is the decoded one (url: /caf%C3%A9/ is the folder café).
//   - Collisions. Every file of the output is claimed once, before
//     anything is written: pages and their list pages (/materials/page/2/),
//     term pages, static/ and content/ files, and what the build makes
//     itself (404.html, sitemap.xml, the Atom feeds index.xml, _redirects,
//     robots.txt). Some addresses are not files of the site but are taken
//     all the same: /search/ and /LANG/search/ and /api/search (the search
//     function), everything under /admin/ (the content manager) and /hsds/
//     (the HSDS export), and /_reload (serve). Two claims on one file, or a
//     file where another needs a folder (url: /robots.txt), are an error at
//     the source that asked (its url or slug line), naming the other side.
//     So are two addresses that differ only in letter case (/About/ and
//     /about/): one file on Windows and macOS, one address on Netlify.
//   - Aliases. An alias at the address of a page, a file or a reserved
//     address, or one that differs from it only in letter case, would never
//     be followed (Netlify serves a file before it reads _redirects), and one alias in two pages can redirect to only
//     one: both are errors like a broken link (warnings under WarnLinks),
//     and such a redirect is left out of _redirects.
//   - Images. An image must be a file of the site (static/, content/, a
//     bundle's files): one on another site is an error, even with
//     Options.WarnLinks, since the page would load it from there. Put the
//     file in the page's bundle folder. A heading's {...} attributes keep
//     only id and class: style, tabindex, on* and data-* are dropped, and
//     a table column's alignment is an align attribute, never a style.
//   - Confidential locations. No file may repeat the address of a
//     confidential location (see package directory for what is looked
//     for): every organization value, every Markdown file (front matter
//     included, drafts too) as written, its front matter values as they
//     decode and its text as it renders, content/site.yaml, every other
//     file under content/, static/ and layouts/ of the site, and every
//     file's name. The error gives the place, never the address. A
//     compressed file (most PDFs, Word documents, images) cannot be
//     checked: check those yourself.
//   - Quick exit. quick_exit_url in content/site.yaml must be an absolute
//     https:// address on another site than base_url (as set in
//     site.yaml): a relative, malformed or script address would keep the
//     visitor on the library or do nothing.
//   - Files. Symbolic links are never followed: one that points outside
//     content/ is an error, one inside a warning. A file over 8 MB is an
//     error.
//   - Rendering time. Markdown that goldmark would take long to render is
//     refused at its line, before it is rendered: lists or quotes nested
//     more than 100 deep, lines indented more than 400 spaces, more than
//     500 `](` on one line, tables of more than 100 columns, more than
//     20,000 lines and markup characters (brackets, emphasis marks,
//     quotes) in one paragraph, or 100,000 in the page. No page of the
//     digital.gov corpus comes within a tenth of these; nothing is timed.
package site
