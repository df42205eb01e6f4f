package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

// firstRenderBudget is the budget for what a page needs before it
// can show anything: its HTML and stylesheets, gzipped, within the ten
// packets (about 14 KB) a server sends in its first round trip.
const firstRenderBudget = 14 * 1024

var (
	tagRe  = regexp.MustCompile(`(?is)<(script|link|img)\b([^>]*)>`)
	attrRe = regexp.MustCompile(`(?is)([a-z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?`)
)

func attrs(s string) map[string]string {
	m := map[string]string{}
	for _, a := range attrRe.FindAllStringSubmatch(s, -1) {
		m[strings.ToLower(a[1])] = a[2] + a[3] + a[4]
	}
	return m
}

func gzipSize(t *testing.T, data []byte) int {
	t.Helper()
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	w.Write(data)
	w.Close()
	return buf.Len()
}

// TestBudget checks each page type of the bundled site, as served: HTML
// plus stylesheets at most 14 KB gzipped; no script that blocks rendering;
// images sized, and lazy unless they may be in the first screen. It
// prints the sizes, scripts counted apart since they are deferred.
func TestBudget(t *testing.T) {
	s := serveBundled(t)
	client := &http.Client{Timeout: 10 * time.Second}
	fetchBody := func(path string) []byte {
		t.Helper()
		resp, err := client.Get(s.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		data, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	var table strings.Builder
	fmt.Fprintf(&table, "%-16s %6s %6s %7s %6s  (gzipped bytes)\n", "page", "html", "css", "1st", "js")
	for _, pt := range pageTypes {
		html := fetchBody(pt.path)
		htmlSize, cssSize, jsSize := gzipSize(t, html), 0, 0
		body := bytes.Index(html, []byte("<body"))
		for _, m := range tagRe.FindAllSubmatchIndex(html, -1) {
			tag := strings.ToLower(string(html[m[2]:m[3]]))
			a := attrs(string(html[m[4]:m[5]]))
			switch {
			case tag == "link" && strings.Contains(" "+a["rel"]+" ", " stylesheet "):
				cssSize += gzipSize(t, fetchBody(a["href"]))
			case tag == "script" && a["src"] != "":
				jsSize += gzipSize(t, fetchBody(a["src"]))
				_, deferred := a["defer"]
				_, async := a["async"]
				// A script at the end of <body> blocks nothing either.
				atEnd := body >= 0 && m[0] > body && !bytes.Contains(bytes.ToLower(html[m[1]:]), []byte("<main"))
				if !deferred && !async && a["type"] != "module" && !atEnd {
					t.Errorf("%s: <script src=%q> blocks rendering: give it defer", pt.name, a["src"])
				}
			case tag == "script":
				if typ := a["type"]; typ != "application/ld+json" && typ != "application/json" {
					t.Errorf("%s: an inline script (type %q): the CSP forbids it", pt.name, typ)
				}
			case tag == "img":
				if a["width"] == "" || a["height"] == "" {
					t.Errorf("%s: <img src=%q> has no width and height, so the page jumps as it loads", pt.name, a["src"])
				}
				if a["loading"] != "lazy" && a["fetchpriority"] != "high" {
					t.Errorf("%s: <img src=%q> is neither loading=lazy nor marked fetchpriority=high as a first-screen image", pt.name, a["src"])
				}
			}
		}
		first := htmlSize + cssSize
		fmt.Fprintf(&table, "%-16s %6d %6d %7d %6d\n", pt.name, htmlSize, cssSize, first, jsSize)
		if first > firstRenderBudget {
			t.Errorf("%s: HTML and CSS are %d bytes gzipped, over the budget of %d", pt.name, first, firstRenderBudget)
		}
	}
	t.Logf("sizes of the first render (HTML + CSS) and of the deferred scripts:\n%s", table.String())
}
