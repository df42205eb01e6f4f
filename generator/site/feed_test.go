package site

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"image/png"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// atomElement is any element of an Atom document, kept whole so that the
// test sees exactly what was written, not what a struct lets through.
type atomElement struct {
	XMLName  xml.Name
	Attrs    []xml.Attr    `xml:",any,attr"`
	Text     string        `xml:",chardata"`
	Children []atomElement `xml:",any"`
}

const atomNS = "http://www.w3.org/2005/Atom"

func (e atomElement) all(name string) []atomElement {
	var out []atomElement
	for _, c := range e.Children {
		if c.XMLName.Space == atomNS && c.XMLName.Local == name {
			out = append(out, c)
		}
	}
	return out
}

// checkAtom reports what RFC 4287 (section 4.1) requires of a feed and its
// entries and the file lacks: atom:feed has exactly one id, title and
// updated, and an author unless every entry has one; each atom:entry has
// exactly one id, title and updated. Ids are absolute IRIs, dates RFC 3339
// (section 3.3), and a person has a name (3.2).
func checkAtom(data []byte) []string {
	var feed atomElement
	if err := xml.Unmarshal(data, &feed); err != nil {
		return []string{"not XML: " + err.Error()}
	}
	var bad []string
	if feed.XMLName.Space != atomNS || feed.XMLName.Local != "feed" {
		return []string{"the root is not atom:feed"}
	}
	exactlyOne := func(where string, e atomElement, names ...string) {
		for _, n := range names {
			if k := len(e.all(n)); k != 1 {
				bad = append(bad, fmt.Sprintf("%s: %s appears %d times, want once", where, n, k))
			}
		}
	}
	checkValues := func(where string, e atomElement) {
		for _, id := range e.all("id") {
			if u, err := url.Parse(strings.TrimSpace(id.Text)); err != nil || !u.IsAbs() {
				bad = append(bad, where+": id "+id.Text+" is not an absolute IRI")
			}
		}
		for _, u := range e.all("updated") {
			if _, err := time.Parse(time.RFC3339, strings.TrimSpace(u.Text)); err != nil {
				bad = append(bad, where+": updated "+u.Text+" is not an RFC 3339 date")
			}
		}
		for _, a := range e.all("author") {
			if names := a.all("name"); len(names) != 1 || strings.TrimSpace(names[0].Text) == "" {
				bad = append(bad, where+": an author has no name")
			}
		}
	}
	exactlyOne("feed", feed, "id", "title", "updated")
	checkValues("feed", feed)
	feedAuthor := len(feed.all("author")) > 0
	for i, e := range feed.all("entry") {
		where := fmt.Sprintf("entry %d", i+1)
		exactlyOne(where, e, "id", "title", "updated")
		checkValues(where, e)
		if !feedAuthor && len(e.all("author")) == 0 {
			bad = append(bad, where+": no author, and the feed has none")
		}
	}
	return bad
}

// TestAtomFeeds checks every feed of the bundled site against RFC 4287's
// required elements.
func TestAtomFeeds(t *testing.T) {
	_, files := buildBundled(t)
	feeds := 0
	for name, data := range files {
		if !strings.HasSuffix(name, "index.xml") {
			continue
		}
		feeds++
		for _, problem := range checkAtom([]byte(data)) {
			t.Errorf("%s: %s", name, problem)
		}
	}
	if feeds < 2 {
		t.Errorf("only %d feeds written", feeds)
	}
}

// TestCheckAtom makes sure the checker finds what it looks for: a feed
// without an author, and an entry without an id.
func TestCheckAtom(t *testing.T) {
	bad := `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>https://example.org/</id><updated>2026-01-01T00:00:00Z</updated>
<entry><title>A</title><updated>2026-01-01T00:00:00Z</updated></entry></feed>`
	got := checkAtom([]byte(bad))
	want := []string{"entry 1: id appears 0 times, want once", "entry 1: no author, and the feed has none"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("checkAtom = %q, want %q", got, want)
	}
}

// TestIconsAndPreview checks the link-preview metadata of the bundled
// site's pages and that the images they name are published and readable.
func TestIconsAndPreview(t *testing.T) {
	out, files := buildBundled(t)
	page := files["materials/who-can-call/index.html"]
	for _, want := range []string{
		`<meta property="og:image" content="https://stop-enslavement-library.netlify.app/og-image.png">`,
		`<meta property="og:locale" content="en_US">`,
		`<meta property="article:published_time" content="2026-10-19T00:00:00Z">`,
		`<link rel="icon" href="/favicon.ico" sizes="32x32">`,
		`<link rel="apple-touch-icon" href="/apple-touch-icon.png">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("materials/who-can-call/: missing %s", want)
		}
	}
	if home := files["index.html"]; strings.Contains(home, "article:published_time") || !strings.Contains(home, `property="og:image"`) {
		t.Errorf("home page: want og:image and no article:published_time")
	}
	for name, size := range map[string]int{"og-image.png": 1200, "apple-touch-icon.png": 180} {
		data, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if w := img.Bounds().Dx(); w != size {
			t.Errorf("%s is %d pixels wide, want %d", name, w, size)
		}
	}
	ico, err := os.ReadFile(filepath.Join(out, "favicon.ico"))
	if err != nil {
		t.Fatal(err)
	}
	var head struct{ Reserved, Type, Count uint16 }
	if err := binary.Read(bytes.NewReader(ico), binary.LittleEndian, &head); err != nil || head.Type != 1 || head.Count == 0 {
		t.Errorf("favicon.ico is not an icon file: %+v %v", head, err)
	}
}
