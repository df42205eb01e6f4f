package hsds_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// schemaDir holds the HSDS 3 schemas, copied from the specification (see
// testdata/corpora/README.md).
const schemaDir = corpora + "/hsds/schema"

// schemaBase is where the schemas are put in the compiler; their $refs
// ("phone.json") are relative to it.
const schemaBase = "https://hsds.invalid/schema/"

// validator checks the two kinds of file the export writes.
type validator struct {
	full, list *jsonschema.Schema
}

// newValidator compiles the HSDS schemas, with format checks (uuid, email,
// uri) on. organization.json has no `services`; organization_full adds
// them, as the specification's compiled schema does, so that nested
// services are checked too.
func newValidator(t testing.TB) *validator {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(schemaDir, "*.json"))
	if err != nil || len(files) < 20 {
		t.Fatalf("the HSDS schemas are missing from %s (found %d files): %v", schemaDir, len(files), err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if err := c.AddResource(schemaBase+filepath.Base(f), doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	add := func(name, schema string) {
		doc, err := jsonschema.UnmarshalJSON(strings.NewReader(schema))
		if err != nil {
			t.Fatal(err)
		}
		if err := c.AddResource(schemaBase+name, doc); err != nil {
			t.Fatal(err)
		}
	}
	add("organization_full.json", `{
		"allOf": [{"$ref": "organization.json"}],
		"properties": {"services": {"type": "array", "items": {"$ref": "service.json"}}}
	}`)
	add("organization_list.json", `{
		"allOf": [{"$ref": "openapi.json#/components/schemas/Page"}],
		"required": ["total_items", "contents"],
		"properties": {"contents": {"type": "array", "items": {"$ref": "organization.json"}}}
	}`)
	v := &validator{}
	if v.full, err = c.Compile(schemaBase + "organization_full.json"); err != nil {
		t.Fatal(err)
	}
	if v.list, err = c.Compile(schemaBase + "organization_list.json"); err != nil {
		t.Fatal(err)
	}
	return v
}

// check validates one exported file: organizations.json against the list
// schema, every other file against organization_full.
func (v *validator) check(t testing.TB, name string, data []byte) {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Errorf("%s: not JSON: %v", name, err)
		return
	}
	sch := v.full
	if filepath.Base(name) == "organizations.json" {
		sch = v.list
	}
	if err := sch.Validate(doc); err != nil {
		t.Errorf("%s does not validate:\n%v", name, err)
	}
}

// TestValidatorRejects makes sure the validator is not vacuous: the
// specification's own example passes, and breaking it fails.
func TestValidatorRejects(t *testing.T) {
	v := newValidator(t)
	data, err := os.ReadFile(filepath.Join(schemaDir, "../examples/organization_full.json"))
	if err != nil {
		t.Fatal(err)
	}
	v.check(t, "organization_full.json", data)
	for _, bad := range []struct{ from, to string }{
		{`"id": "d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610"`, `"id": "nhtrc"`}, // not a uuid
		{`"address_type": "postal"`, `"address_type": "confidential"`},    // not in the enum
		{`"timezone": 3`, `"timezone": "America/New_York"`},               // not a number
		{`"status": "active"`, `"status": "open"`},                        // nested service checked
		{`"name": "Example Organization Inc.",`, ``},                      // required
	} {
		broken := bytes.Replace(data, []byte(bad.from), []byte(bad.to), 1)
		if bytes.Equal(broken, data) {
			t.Fatalf("the example has no %s", bad.from)
		}
		doc, _ := jsonschema.UnmarshalJSON(bytes.NewReader(broken))
		if err := v.full.Validate(doc); err == nil {
			t.Errorf("replacing %s with %q still validates", bad.from, bad.to)
		}
	}
}
