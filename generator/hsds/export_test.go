package hsds_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	_ "time/tzdata" // tests must not depend on the host's zoneinfo

	"github.com/google/go-cmp/cmp"

	"resourcelib/generator/diag"
	"resourcelib/generator/directory"
	"resourcelib/generator/hsds"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// loadDir loads every organization file in dir (a content/organizations
// folder) and fails the test on any error.
func loadDir(t testing.TB, dir string) []*directory.Organization {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no organization files in %s: %v", dir, err)
	}
	var orgs []*directory.Organization
	l := &diag.List{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if o := directory.Load("content/organizations/"+filepath.Base(f), data, l); o != nil {
			orgs = append(orgs, o)
		}
	}
	if err := l.Err(); err != nil {
		t.Fatalf("loading %s:\n%v", dir, err)
	}
	return orgs
}

// export runs hsds.Write into a map of file name to contents.
func export(t testing.TB, orgs []*directory.Organization) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	var order []string
	err := hsds.Write(orgs, func(name string, data []byte) error {
		if _, dup := files[name]; dup {
			t.Errorf("%s written twice", name)
		}
		files[name] = bytes.Clone(data)
		order = append(order, name)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(order) == 0 || order[0] != "organizations.json" {
		t.Errorf("files written in the order %v, want organizations.json first", order)
	}
	return files
}

// TestExportGolden compares the export of testdata/export with the golden
// files beside it (go test -run TestExportGolden -update rewrites them),
// and validates it against the schemas.
func TestExportGolden(t *testing.T) {
	files := export(t, loadDir(t, "testdata/export"))
	v := newValidator(t)
	for name, data := range files {
		v.check(t, name, data)
		golden := filepath.Join("testdata/export", "golden", filepath.FromSlash(name))
		if *update {
			os.MkdirAll(filepath.Dir(golden), 0o755)
			if err := os.WriteFile(golden, data, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Errorf("%s: %v (run go test -run TestExportGolden -update)", name, err)
			continue
		}
		if diff := cmp.Diff(string(want), string(data)); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", name, diff)
		}
	}
}

// TestExportBundled exports the bundled site's directory; it must validate.
func TestExportBundled(t *testing.T) {
	orgs := loadDir(t, "../../content/organizations")
	files := export(t, orgs)
	if len(files) != len(orgs)+1 {
		t.Errorf("wrote %d files for %d organizations, want one each and the list", len(files), len(orgs))
	}
	v := newValidator(t)
	for name, data := range files {
		v.check(t, name, data)
	}
	var nhtrc hsds.Organization
	if err := json.Unmarshal(files["organizations/nhtrc.json"], &nhtrc); err != nil {
		t.Fatal(err)
	}
	if len(nhtrc.Services) != 7 || nhtrc.Services[0].Schedules[0].Byday != "MO,TU,WE,TH,FR,SA,SU" {
		t.Errorf("nhtrc: want seven services, the first open 24/7; got %+v", nhtrc.Services)
	}
}

// TestExportDeterministic: the same directory gives the same bytes, in
// whatever order the organizations come.
func TestExportDeterministic(t *testing.T) {
	orgs := loadDir(t, "../../content/organizations")
	a := export(t, orgs)
	reversed := make([]*directory.Organization, len(orgs))
	for i, o := range orgs {
		reversed[len(orgs)-1-i] = o
	}
	b := export(t, reversed)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two exports differ (-first +second):\n%s", diff)
	}
}

// TestExportConfidential: a confidential location's name, description,
// region, street, postal code and coordinates never reach the export, even
// from an organization that did not go through directory.Load (which
// blanks them already).
func TestExportConfidential(t *testing.T) {
	lat, lng := 38.2512, -85.7634
	o := &directory.Organization{ID: "hidden", Name: "Hidden Shelter", Description: "A shelter.",
		Locations: []directory.Location{{Name: "Maple St house", LocationType: "confidential", Description: "Gate code 1234.",
			Address: directory.Address{Attention: "Ms Secret", Address1: "1200 Hidden Lane", Address2: "Unit 9",
				City: "Louisville", Region: "Hidden Hills", StateProvince: "KY", PostalCode: "40299", Country: "US"},
			Latitude: &lat, Longitude: &lng}}}
	files := export(t, []*directory.Organization{o})
	for name, data := range files {
		for _, secret := range []string{"Hidden Lane", "Unit 9", "Ms Secret", "40299", "38.25", "85.76", "latitude", "longitude",
			"Maple", "Gate code", "Hidden Hills", `"region"`} {
			if bytes.Contains(data, []byte(secret)) {
				t.Errorf("%s contains %q:\n%s", name, secret, data)
			}
		}
	}
	var got hsds.Organization
	if err := json.Unmarshal(files["organizations/hidden.json"], &got); err != nil {
		t.Fatal(err)
	}
	want := []hsds.Address{{City: "Louisville", StateProvince: "KY", Country: "US", AddressType: "physical"}}
	if len(got.Locations) != 1 {
		t.Fatalf("want one location, got %+v", got.Locations)
	}
	addrs := got.Locations[0].Addresses
	for i := range addrs {
		addrs[i].ID, addrs[i].LocationID = "", ""
	}
	if diff := cmp.Diff(want, addrs); diff != "" {
		t.Errorf("address mismatch (-want +got):\n%s", diff)
	}
	newValidator(t).check(t, "organizations/hidden.json", files["organizations/hidden.json"])

	// And the golden export's shelter, loaded from YAML, the same.
	for name, data := range export(t, loadDir(t, "testdata/export")) {
		if bytes.Contains(data, []byte("Hidden Lane")) || bytes.Contains(data, []byte("Intake desk")) || bytes.Contains(data, []byte("38.25,")) {
			t.Errorf("%s leaks the confidential address", name)
		}
	}
}

// TestExportIDs: every id is a distinct UUID, and references point to
// records that exist.
func TestExportIDs(t *testing.T) {
	files := export(t, append(loadDir(t, "testdata/export"), loadDir(t, "../../content/organizations")...))
	seen := map[string]string{}
	for name, data := range files {
		if name == "organizations.json" {
			continue
		}
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatal(err)
		}
		walkIDs(v, "", func(where, key, val string) {
			if key == "id" {
				if prev, dup := seen[val]; dup {
					t.Errorf("%s%s: id %s is also %s", name, where, val, prev)
				}
				seen[val] = name + where
			}
		})
	}
	for name, data := range files {
		var v any
		json.Unmarshal(data, &v)
		walkIDs(v, "", func(where, key, val string) {
			if key != "id" && strings.HasSuffix(key, "_id") {
				if _, ok := seen[val]; !ok {
					t.Errorf("%s%s: %s %s points to no record", name, where, key, val)
				}
			}
		})
	}
}

func walkIDs(v any, where string, f func(where, key, val string)) {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if s, ok := x.(string); ok && (k == "id" || strings.HasSuffix(k, "_id")) {
				f(where, k, s)
			}
			walkIDs(x, where+"."+k, f)
		}
	case []any:
		for i, x := range v {
			walkIDs(x, where+"["+strconv.Itoa(i)+"]", f)
		}
	}
}
