package hsds_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"resourcelib/generator/diag"
	"resourcelib/generator/directory"
	"resourcelib/generator/hsds"
)

// FuzzImport imports a folder of three CSV tables (organizations, phones
// and schedules, the ones with the most parsing) in either HSDS version:
// it must not panic, and every file it writes must have a unique name and
// load, with its problems reported, not a panic. Seeded with the Lexington
// data (HSDS 1.0) and the specification's example (HSDS 3).
func FuzzImport(f *testing.F) {
	for _, seed := range []struct{ dir, schedules string }{
		{"lexington", "regular_schedules.csv"},
		{"hsds/examples/csv", "schedules.csv"},
	} {
		read := func(name string) []byte {
			data, err := os.ReadFile(filepath.Join(corpora, seed.dir, name))
			if err != nil {
				f.Fatal(err)
			}
			return data
		}
		f.Add(read("organizations.csv"), read("phones.csv"), seed.schedules, read(seed.schedules))
	}
	f.Add([]byte("id,name,description\n1,\"A\"\"\",\n"), []byte("id,organization_id,number\n1,1,(859) 1-800-928-8000\n"),
		"schedules.csv", []byte("id,service_id,byday,opens_at,closes_at\n1,1,MO,25:00,9\n"))
	f.Fuzz(func(t *testing.T, orgs, phones []byte, schedName string, schedules []byte) {
		if schedName != "schedules.csv" {
			schedName = "regular_schedules.csv"
		}
		res, err := hsds.Import(fstest.MapFS{
			"organizations.csv": {Data: orgs},
			"phones.csv":        {Data: phones},
			schedName:           {Data: schedules},
		}, hsds.Options{Source: "in", Timezone: zone(t, "America/New_York")})
		if err != nil {
			return
		}
		names := map[string]bool{}
		for _, file := range res.Files {
			if names[file.Name] || !strings.HasSuffix(file.Name, ".yaml") || strings.ContainsAny(file.Name, `/\`) {
				t.Errorf("file name %q (again, or not a plain .yaml name)", file.Name)
			}
			names[file.Name] = true
			var l diag.List
			if o := directory.Load("content/organizations/"+file.Name, file.Data, &l); o == nil {
				if errs, _ := l.Count(); errs == 0 {
					t.Errorf("%s: not loaded, and no error:\n%s", file.Name, file.Data)
				}
			}
		}
	})
}
