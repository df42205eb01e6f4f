package search

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/blevesearch/bleve/v2"
	bindex "github.com/blevesearch/bleve_index_api"
)

// What a result shows of a page (its address, title, type, description,
// the start of its text for the snippet, its coordinates) is kept in one
// file beside the bleve index, recordsFile, not in bleve's stored fields.
// bleve compresses each document's stored fields on their own with
// snappy, and a Netlify function's zip then hardly compresses them again:
// on the synthetic 10,000-material site they were 29 MB in the segment
// and 21 MB of the function's zip. The records are plain, so zip
// compresses them across pages (what pages repeat, it stores once), and a
// hit reads its record with one positioned read, decompressing nothing.
// A hit's record is found by its document number, as its facet values
// are (facets.go), so a search loads no stored field from bleve at all.
//
// The file is the records in document-number order, then a footer: the
// offset of every record and the end of the last (little-endian uint64s),
// the number of records, and recordsMagic. A record is its address,
// title, type, description and text, each as a uvarint length and the
// bytes, then a byte 1 and the latitude and longitude as float64 bits, or
// a byte 0 for a page without coordinates.
const (
	recordsFile  = "search-records.bin"
	recordsMagic = "RLRECS01"
)

// record is what a result shows of one document.
type record struct {
	URL, Title, Type, Description string
	Text                          string // the start of the text, for snippets
	Lat, Lon                      float64
	HasLoc                        bool
}

// appendRecord encodes r onto b.
func appendRecord(b []byte, r record) []byte {
	for _, s := range []string{r.URL, r.Title, r.Type, r.Description, r.Text} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	if !r.HasLoc {
		return append(b, 0)
	}
	b = append(b, 1)
	b = binary.LittleEndian.AppendUint64(b, math.Float64bits(r.Lat))
	return binary.LittleEndian.AppendUint64(b, math.Float64bits(r.Lon))
}

var errBadRecord = errors.New("malformed record")

// parseRecord decodes one record.
func parseRecord(b []byte) (record, error) {
	var r record
	for _, s := range []*string{&r.URL, &r.Title, &r.Type, &r.Description, &r.Text} {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return r, errBadRecord
		}
		*s = string(b[k : k+int(n)])
		b = b[k+int(n):]
	}
	switch {
	case len(b) == 1 && b[0] == 0:
	case len(b) == 17 && b[0] == 1:
		r.HasLoc = true
		r.Lat = math.Float64frombits(binary.LittleEndian.Uint64(b[1:]))
		r.Lon = math.Float64frombits(binary.LittleEndian.Uint64(b[9:]))
	default:
		return r, errBadRecord
	}
	return r, nil
}

// recordWriter collects the records of a build in the order they come,
// in a spill file inside the new index folder, until the index is
// finished and the document numbers are known (the builder numbers
// documents in its own order).
type recordWriter struct {
	f   *os.File
	w   *bufio.Writer
	at  int64
	pos map[string][2]int64 // address -> offset and length in the spill file
	buf []byte
}

const spillFile = ".records.spill"

func newRecordWriter(dir string) (*recordWriter, error) {
	f, err := os.Create(filepath.Join(dir, spillFile))
	if err != nil {
		return nil, err
	}
	return &recordWriter{f: f, w: bufio.NewWriterSize(f, 256<<10), pos: map[string][2]int64{}}, nil
}

// add writes one record. It is not safe for concurrent use (the
// Indexer's feed goroutine calls it).
func (rw *recordWriter) add(r record) error {
	rw.buf = appendRecord(rw.buf[:0], r)
	if _, err := rw.w.Write(rw.buf); err != nil {
		return err
	}
	rw.pos[r.URL] = [2]int64{rw.at, int64(len(rw.buf))}
	rw.at += int64(len(rw.buf))
	return nil
}

// finish writes recordsFile into dir from the spill file, in the document
// numbers of the finished bleve index at path, and removes the spill file.
func (rw *recordWriter) finish(dir, path string, docs int) error {
	defer os.Remove(rw.f.Name())
	defer rw.f.Close()
	if err := rw.w.Flush(); err != nil {
		return err
	}
	ids := []string{}
	if docs > 0 {
		var err error
		if ids, err = documentIDs(path); err != nil {
			return err
		}
	}
	out, err := os.Create(filepath.Join(dir, recordsFile))
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(out, 256<<10)
	var offs []byte
	var at int64
	for _, id := range ids {
		offs = binary.LittleEndian.AppendUint64(offs, uint64(at))
		p, ok := rw.pos[id]
		if id == "" || !ok {
			continue // a number without a document: an empty record
		}
		if _, err := io.Copy(w, io.NewSectionReader(rw.f, p[0], p[1])); err != nil {
			out.Close()
			return err
		}
		at += p[1]
	}
	offs = binary.LittleEndian.AppendUint64(offs, uint64(at))
	offs = binary.LittleEndian.AppendUint64(offs, uint64(len(ids)))
	offs = append(offs, recordsMagic...)
	if _, err := w.Write(offs); err != nil {
		out.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// documentIDs lists the address of every document of the index at path
// by document number ("" for a number without one).
func documentIDs(path string) ([]string, error) {
	idx, err := bleve.OpenUsing(path, map[string]any{"read_only": true})
	if err != nil {
		return nil, err
	}
	defer idx.Close()
	r, err := reader(idx)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	dr, err := r.DocIDReaderAll()
	if err != nil {
		return nil, err
	}
	defer dr.Close()
	var ids []string
	for id, err := dr.Next(); id != nil || err != nil; id, err = dr.Next() {
		if err != nil {
			return nil, err
		}
		n := id.Value()
		if n >= 1<<31 {
			return nil, fmt.Errorf("document number %d is out of range", n)
		}
		ext, err := r.ExternalID(id)
		if err != nil {
			return nil, err
		}
		for uint64(len(ids)) <= n {
			ids = append(ids, "")
		}
		ids[n] = ext
	}
	return ids, nil
}

// records reads recordsFile.
type records struct {
	f    *os.File
	offs []uint64 // record n is at offs[n] to offs[n+1]
}

// openRecords opens the records of an index of docs documents in dir.
func openRecords(dir string, docs uint64) (*records, error) {
	f, err := os.Open(filepath.Join(dir, recordsFile))
	if err != nil {
		return nil, err
	}
	rs, err := readFooter(f, docs)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", recordsFile, err)
	}
	return rs, nil
}

func readFooter(f *os.File, docs uint64) (*records, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	size := st.Size()
	tail := make([]byte, 16)
	if size < 24 {
		return nil, errors.New("too short")
	}
	if _, err := f.ReadAt(tail, size-16); err != nil {
		return nil, err
	}
	if string(tail[8:]) != recordsMagic {
		return nil, errors.New("not a records file, or cut short")
	}
	n := binary.LittleEndian.Uint64(tail)
	// The index's documents all have a record; a number without a
	// document has an empty one.
	if n < docs || n > uint64(size-16)/8-1 {
		return nil, fmt.Errorf("%d records for %d documents", n, docs)
	}
	table := make([]byte, 8*(n+1))
	start := size - 16 - int64(len(table))
	if _, err := f.ReadAt(table, start); err != nil {
		return nil, err
	}
	rs := &records{f: f, offs: make([]uint64, n+1)}
	for i := range rs.offs {
		rs.offs[i] = binary.LittleEndian.Uint64(table[8*i:])
		if i > 0 && rs.offs[i] < rs.offs[i-1] {
			return nil, errors.New("malformed offsets")
		}
	}
	if rs.offs[n] != uint64(start) {
		return nil, errors.New("the offsets do not match the file's length")
	}
	return rs, nil
}

// get reads the record of the hit numbered id, whose address is url,
// through buf, which it returns (grown if it had to be) for the next.
func (rs *records) get(id bindex.IndexInternalID, url string, buf []byte) (record, []byte, error) {
	n := id.Value()
	if n+1 >= uint64(len(rs.offs)) {
		return record{}, buf, fmt.Errorf("no record for document %d", n)
	}
	size := int(rs.offs[n+1] - rs.offs[n])
	if cap(buf) < size {
		buf = make([]byte, size)
	}
	b := buf[:size]
	if _, err := rs.f.ReadAt(b, int64(rs.offs[n])); err != nil {
		return record{}, buf, err
	}
	r, err := parseRecord(b)
	if err != nil {
		return r, buf, err
	}
	if r.URL != url {
		return r, buf, fmt.Errorf("the record of document %d is %q's, not %q's", n, r.URL, url)
	}
	return r, buf, nil
}

func (rs *records) Close() error { return rs.f.Close() }

// textCut is where the stored text of a page ends, at most n bytes in: at
// the end of a block (a paragraph, heading or list item) or of a sentence
// in its second half if there is one, else at a word boundary.
func textCut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	head := s[:n+1]
	cut := strings.LastIndexByte(head, '\n')
	for _, end := range []string{". ", "! ", "? "} {
		if i := strings.LastIndex(head, end); i+1 > cut {
			cut = i + 1
		}
	}
	if cut >= n/2 {
		return s[:cut]
	}
	return cutAt(s, n)
}
