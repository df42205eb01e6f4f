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
	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"

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

// maxSnippetSource is how much of the start of a page's text is kept for
// snippets (records.go): a match further in shows the description or
// first paragraph.
const maxSnippetSource = 2 << 10

// Indexer writes a search index during a build. It implements
// site.Indexer.
//
// bleve's Builder analyses and writes documents under one lock, a batch at
// a time, so a page renderer that called it directly would wait there for
// the whole batch. Add analyses the document on the caller's goroutine
// (see prepare), so that the renderers analyse in parallel, and hands it
// to one goroutine that feeds the builder, which now only writes segments;
// the renderers go on with the next page meanwhile.
type Indexer struct {
	folder  *publish.Folder // the new index, beside the one it replaces
	tmp     string          // folder.Dir
	builder bleve.Builder
	mapping mapping.IndexMapping
	records *recordWriter // what results show, written by feed
	vocab   vocabBuilder  // every analysis's dictionary
	queue   chan queued   // documents for the goroutine that feeds the builder
	fed     chan struct{} // closed when that goroutine has finished
	sending sync.RWMutex  // held by Add while it sends, by wait to close the queue
	mu      sync.Mutex    // guards count, err and done
	count   int
	err     error // the first error of the builder
	done    bool
}

type queued struct {
	id  string
	doc *document.Document // analysed (see prepare)
	rec record
}

// queueSize is how many documents may wait for the builder: enough to
// smooth out a batch, few enough to hold little memory (they are
// analysed, so each holds its terms).
const queueSize = 32

// batchSize is how many documents the builder writes to one segment. The
// builder holds a whole batch, analysed, until it writes it: at 500 rather
// than bleve's 1,000, a synthetic-2000 build peaked at 169 MB instead of
// 265 MB, for more segments to merge at the end.
const batchSize = 500

// NewIndexer starts an index in a new folder beside dir, which the build
// puts in dir's place together with the site (see site.Indexer).
func NewIndexer(dir string) (*Indexer, error) {
	f, err := publish.New(dir)
	if err != nil {
		return nil, err
	}
	m := newMapping()
	b, err := bleve.NewBuilder(filepath.Join(f.Dir, bleveDir), preparedMapping{m.(*mapping.IndexMappingImpl)}, map[string]any{
		"buildPathPrefix": f.Dir, // stay on one file system, for the final rename
		"batchSize":       batchSize,
	})
	if err != nil {
		f.Discard()
		return nil, err
	}
	rw, err := newRecordWriter(f.Dir)
	if err != nil {
		f.Discard()
		return nil, err
	}
	x := &Indexer{folder: f, tmp: f.Dir, builder: b, mapping: m, records: rw, queue: make(chan queued, queueSize), fed: make(chan struct{})}
	go x.feed()
	return x, nil
}

// feed hands the queued documents to the builder, in the order they came.
func (x *Indexer) feed() {
	defer close(x.fed)
	for q := range x.queue {
		x.mu.Lock()
		failed := x.err != nil
		x.mu.Unlock()
		if failed {
			continue // drain the queue
		}
		err := x.records.add(q.rec)
		if err == nil {
			err = x.builder.Index(q.id, q.doc)
		}
		x.mu.Lock()
		if err != nil {
			x.err = fmt.Errorf("cannot index %s: %w", q.id, err)
		} else {
			x.count++
		}
		x.mu.Unlock()
	}
}

// wait stops the queue and waits until the builder has every document.
func (x *Indexer) wait() error {
	x.sending.Lock()
	close(x.queue)
	x.sending.Unlock()
	<-x.fed
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.err
}

// titleKeys are the exact-title keys of a title: its words joined by
// spaces, and when it has an initialism written with periods ("U.S. Web
// Design System") the same with the initialism's letters joined ("us web
// design system"), as a visitor types it.
func titleKeys(a, title string) []string {
	ws := words(title)
	keys := []string{fold(a, strings.Join(ws, " "))}
	changed := false
	for i, w := range ws {
		if j, ok := initialism(w); ok {
			ws[i], changed = j, true
		}
	}
	if changed {
		keys = append(keys, fold(a, strings.Join(ws, " ")))
	}
	return keys
}

// Add indexes one document. It is safe for concurrent use. The builder
// works in the background: an error it meets is returned by a later Add
// or by Finish.
func (x *Indexer) Add(d searchdoc.Document) error {
	body := cutAt(stripShortcodes(d.Body), maxBody)
	desc := strings.TrimSpace(stripShortcodes(d.Description))
	titleWords := d.Title + "\n" + strings.Join(d.Headings, "\n")
	a := analysisOf(d.Language)
	doc := map[string]any{
		typeField: a,
		// Keyword fields in lower case, as parseParams makes filter values.
		fType: strings.ToLower(d.Type), fTitle: d.Title, fDescription: desc,
		fTitleKey: titleKeys(a, d.Title),
		fBody:     body, fHeadings: d.Headings, fWords: titleWords,
		fTags: lower(d.Tags), fTopics: lower(d.Topics), fAudience: lower(d.Audience),
		fLanguage: strings.ToLower(d.Language), fState: lower(d.States),
	}
	rec := record{URL: d.URL, Title: d.Title, Type: strings.ToLower(d.Type), Description: desc,
		Text: textCut(body, maxSnippetSource)}
	if d.Lat != nil && d.Lon != nil {
		// map[string]any, not map[string]float64: bleve reads a geopoint
		// only from the former, and silently skips anything else.
		doc[fLocation] = map[string]any{"lat": *d.Lat, "lon": *d.Lon}
		rec.Lat, rec.Lon, rec.HasLoc = *d.Lat, *d.Lon, true
	}
	prepared, err := prepare(x.mapping, d.URL, doc)
	if err != nil {
		return fmt.Errorf("cannot index %s: %w", d.URL, err)
	}
	x.sending.RLock()
	defer x.sending.RUnlock()
	x.mu.Lock()
	err, done := x.err, x.done
	x.mu.Unlock()
	if err != nil {
		return err
	}
	if done {
		return fmt.Errorf("index already finished or aborted")
	}
	x.vocab.add(a, titleWords, desc, body)
	x.queue <- queued{d.URL, prepared, rec}
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
	x.mu.Lock()
	done := x.done
	x.done = true
	x.mu.Unlock()
	if done {
		return nil, fmt.Errorf("index already finished or aborted")
	}
	if err := x.wait(); err != nil {
		x.folder.Discard()
		return nil, err
	}
	if err := x.closeBuilder(); err != nil {
		x.folder.Discard()
		return nil, err
	}
	if err := x.records.finish(x.tmp, filepath.Join(x.tmp, bleveDir), x.Count()); err != nil {
		x.folder.Discard()
		return nil, err
	}
	if err := x.vocab.write(x.tmp); err != nil {
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
	x.mu.Lock()
	done := x.done
	x.done = true
	x.mu.Unlock()
	if done {
		return
	}
	x.wait()
	x.records.f.Close()
	// The builder's and the records' files are all inside tmp. (Its Close must not be
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
