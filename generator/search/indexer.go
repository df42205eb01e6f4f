package search

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2"

	"resourcelib/generator/publish"
	"resourcelib/generator/searchdoc"
)

// The files of an index folder.
const (
	bleveDir   = "index.bleve"
	pagePrefix = "search-page."
)

// maxBody is how much of a page's text is indexed: about 10,000 words,
// more than any handout.
const maxBody = 64 << 10

// maxSnippetSource is how much of the start of a page's text is stored for
// snippets: a match further in shows the description or first paragraph.
const maxSnippetSource = 6 << 10

// Indexer writes a search index during a build. It implements
// site.Indexer.
type Indexer struct {
	folder  *publish.Folder // the new index, beside the one it replaces
	tmp     string          // folder.Dir
	builder bleve.Builder
	vocab   vocabBuilder
	mu      sync.Mutex
	count   int
	done    bool
}

// NewIndexer starts an index in a new folder beside dir, which the build
// puts in dir's place together with the site (see site.Indexer).
func NewIndexer(dir string) (*Indexer, error) {
	f, err := publish.New(dir)
	if err != nil {
		return nil, err
	}
	b, err := bleve.NewBuilder(filepath.Join(f.Dir, bleveDir), newMapping(), map[string]any{
		"buildPathPrefix": f.Dir, // stay on one file system, for the final rename
	})
	if err != nil {
		f.Discard()
		return nil, err
	}
	return &Indexer{folder: f, tmp: f.Dir, builder: b}, nil
}

// Add indexes one document. It is safe for concurrent use.
func (x *Indexer) Add(d searchdoc.Document) error {
	body := cutAt(stripShortcodes(d.Body), maxBody)
	desc := strings.TrimSpace(stripShortcodes(d.Description))
	titleWords := d.Title + "\n" + strings.Join(d.Headings, "\n")
	doc := map[string]any{
		// Keyword fields in lower case, as parseParams makes filter values.
		fURL: d.URL, fType: strings.ToLower(d.Type), fTitle: d.Title, fDescription: desc,
		fTitleKey: strings.Join(words(d.Title), " "),
		fBody:     body, fSnippet: cutAt(body, maxSnippetSource), fHeadings: d.Headings, fWords: titleWords,
		fTags: lower(d.Tags), fTopics: lower(d.Topics), fAudience: lower(d.Audience),
		fLanguage: strings.ToLower(d.Language), fState: lower(d.States),
	}
	if d.Lat != nil && d.Lon != nil {
		// map[string]any, not map[string]float64: bleve reads a geopoint
		// only from the former, and silently skips anything else.
		doc[fLocation] = map[string]any{"lat": *d.Lat, "lon": *d.Lon}
		doc[fLat], doc[fLon] = *d.Lat, *d.Lon
	}
	if err := x.builder.Index(d.URL, doc); err != nil {
		return err
	}
	x.vocab.add(titleWords, desc, body)
	x.mu.Lock()
	x.count++
	x.mu.Unlock()
	return nil
}

// Count is the number of documents added.
func (x *Indexer) Count() int {
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.count
}

func lower(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.ToLower(strings.TrimSpace(s))
	}
	return out
}

// SearchPage stores the site's search results page for a language, and
// the language's interface strings for the results in it.
func (x *Indexer) SearchPage(lang string, html []byte, text map[string]string) error {
	if strings.ContainsAny(lang, `/\.`) || lang == "" {
		return fmt.Errorf("bad language code %q", lang)
	}
	if err := os.WriteFile(filepath.Join(x.tmp, pagePrefix+lang+".html"), html, 0o644); err != nil {
		return err
	}
	data, err := json.MarshalIndent(text, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(x.tmp, stringsPrefix+lang+".json"), data, 0o644)
}

// Finish completes the index in its new folder and returns the folder, for
// the build to publish with the site.
func (x *Indexer) Finish() (*publish.Folder, error) {
	if x.done {
		return nil, fmt.Errorf("index already finished or aborted")
	}
	x.done = true
	if err := x.closeBuilder(); err != nil {
		x.folder.Discard()
		return nil, err
	}
	if err := x.vocab.write(filepath.Join(x.tmp, vocabFile)); err != nil {
		x.folder.Discard()
		return nil, err
	}
	// A function bundle runs as another user than the one who built it.
	err := filepath.WalkDir(x.tmp, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		mode := os.FileMode(0o644)
		if d.IsDir() {
			mode = 0o755
		}
		return os.Chmod(p, mode)
	})
	if err != nil {
		x.folder.Discard()
		return nil, err
	}
	return x.folder, nil
}

// Abort throws the new index away, leaving the previous one as it was.
func (x *Indexer) Abort() {
	if x.done {
		return
	}
	x.done = true
	// The builder's files are all inside tmp. (Its Close must not be
	// called here: with no documents it panics, as of bleve v2.6.3.)
	x.folder.Discard()
}

// closeBuilder finishes the offline index. bleve's builder panics when it
// closes with no documents, so an empty site gets an empty regular index.
func (x *Indexer) closeBuilder() error {
	path := filepath.Join(x.tmp, bleveDir)
	if x.Count() > 0 {
		return x.builder.Close()
	}
	if err := os.RemoveAll(path); err != nil {
		return err
	}
	idx, err := bleve.New(path, newMapping())
	if err != nil {
		return err
	}
	return idx.Close()
}
