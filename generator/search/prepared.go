package search

import (
	"encoding/json"

	"github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
)

// bleve's Builder analyses each document's text under its one lock, so
// however many pages render at once, their text is analysed on one core.
// The Indexer analyses a document in Add instead, on the renderer's
// goroutine, and hands the builder the finished fields: preparedMapping
// passes them through, and analysedField keeps the builder from analysing
// them again. What the builder writes is what it would have written.

// prepare maps and analyses one document with m, as the builder would.
func prepare(m mapping.IndexMapping, id string, data map[string]any) (*document.Document, error) {
	doc := document.NewDocument(id)
	if err := m.MapDocument(doc, data); err != nil {
		return nil, err
	}
	for _, f := range doc.Fields {
		if f.Options().IsIndexed() {
			f.Analyze()
		}
	}
	return doc, nil
}

// preparedMapping is the index's mapping, which maps a document that
// prepare made by taking its fields. The builder stores the mapping in
// the index as JSON, the same JSON as the mapping's own.
type preparedMapping struct {
	*mapping.IndexMappingImpl
}

func (m preparedMapping) MapDocument(doc *document.Document, data any) error {
	p, ok := data.(*document.Document)
	if !ok {
		return m.IndexMappingImpl.MapDocument(doc, data)
	}
	for _, f := range p.Fields {
		if f.Options().IsIndexed() {
			f = analysedField{f}
		}
		doc.AddField(f)
	}
	// The composite fields (_all) are composed from the others by the
	// builder, after its analysis.
	for _, c := range p.CompositeFields {
		doc.AddField(c)
	}
	return nil
}

func (m preparedMapping) MarshalJSON() ([]byte, error) {
	return json.Marshal(m.IndexMappingImpl)
}

// analysedField is a field that prepare has analysed.
type analysedField struct {
	document.Field
}

func (analysedField) Analyze() {}
