package hsds_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"

	"resourcelib/generator/diag"
	"resourcelib/generator/directory"
	"resourcelib/generator/hsds"
)

// corpora holds copies of the real-world data the tests import
// (testdata/corpora/README.md says where each comes from).
const corpora = "testdata/corpora"

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	z, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return z
}

// loads checks that every file made by an import loads with no problem at
// all, and returns the organizations.
func loads(t testing.TB, res *hsds.Result) []*directory.Organization {
	t.Helper()
	var orgs []*directory.Organization
	for _, f := range res.Files {
		l := &diag.List{}
		o := directory.Load("content/organizations/"+f.Name, f.Data, l)
		if ps := l.Sorted(); len(ps) > 0 || o == nil {
			t.Errorf("%s does not load cleanly:\n%v\n%s", f.Name, (&diag.ListError{Problems: ps}).Error(), f.Data)
			continue
		}
		orgs = append(orgs, o)
	}
	return orgs
}

func problemLines(ps []diag.Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.Error() + "\n")
	}
	return b.String()
}

// TestImportCases runs testdata/import/*.txtar: each holds the CSV files
// of a folder (in/...), optionally the -timezone to use (-- timezone --),
// and the warnings and files the import must give. -update rewrites them.
func TestImportCases(t *testing.T) {
	files, _ := filepath.Glob("testdata/import/*.txtar")
	if len(files) == 0 {
		t.Fatal("no cases in testdata/import")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			fsys := fstest.MapFS{}
			var opts = hsds.Options{Source: "in"}
			var kept []txtar.File
			want := map[string]string{}
			for _, f := range ar.Files {
				switch {
				case strings.HasPrefix(f.Name, "in/"):
					fsys[strings.TrimPrefix(f.Name, "in/")] = &fstest.MapFile{Data: f.Data}
					kept = append(kept, f)
				case f.Name == "timezone":
					opts.Timezone = zone(t, strings.TrimSpace(string(f.Data)))
					kept = append(kept, f)
				default:
					want[f.Name] = string(f.Data)
				}
			}
			res, err := hsds.Import(fsys, opts)
			if err != nil {
				t.Fatal(err)
			}
			loads(t, res)
			got := map[string]string{"warnings": problemLines(res.Problems)}
			for _, f := range res.Files {
				got["out/"+f.Name] = string(f.Data)
			}
			if *update {
				ar.Files = append(kept, txtar.File{Name: "warnings", Data: []byte(got["warnings"])})
				var names []string
				for name := range got {
					names = append(names, name)
				}
				slices.Sort(names)
				for _, name := range names {
					if name != "warnings" {
						ar.Files = append(ar.Files, txtar.File{Name: name, Data: []byte(got[name])})
					}
				}
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestImportLexington imports the 69 providers of the Lexington data
// (HSDS 1.0, from Ohana API).
func TestImportLexington(t *testing.T) {
	in := filepath.Join(corpora, "lexington")
	res, err := hsds.Import(os.DirFS(in), hsds.Options{Source: "lexington", Timezone: zone(t, "America/New_York")})
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != "HSDS 1.0 (Ohana)" {
		t.Errorf("format %q, want HSDS 1.0 (Ohana)", res.Format)
	}
	if len(res.Files) != 69 {
		t.Fatalf("imported %d organizations, want 69", len(res.Files))
	}
	orgs := loads(t, res)
	names := map[string]bool{}
	for _, f := range res.Files {
		if names[f.Name] {
			t.Errorf("two organizations in %s", f.Name)
		}
		names[f.Name] = true
		if bytes.Contains(f.Data, []byte("\nlast_verified:")) {
			t.Errorf("%s: the source gives no date, so there must be no last_verified:\n%s", f.Name, f.Data)
		}
	}
	// Two providers are both called "Center for Behavioral Health".
	for _, n := range []string{"center-for-behavioral-health.yaml", "center-for-behavioral-health-2.yaml"} {
		if !names[n] {
			t.Errorf("no %s among %v", n, names)
		}
	}
	byName := map[string]*directory.Organization{}
	for _, o := range orgs {
		byName[o.Name] = o
	}
	for name, want := range map[string]string{
		"Educational Counseling of America ECOA": "+12708439130", // 270/843-9130
		"Bluegrass.org":                          "+18009288000",
		"Lighthouse Counseling Services, Inc.":   "+12706890073", // 2706890073
	} {
		o := byName[name]
		if o == nil || len(o.Phones) != 1 || o.Phones[0].E164 != want {
			t.Errorf("%s: want the phone %s, got %+v", name, want, o)
		}
	}
	ll := byName["Lifeskills, Inc. - Park Place Recovery Center"]
	if ll == nil || ll.Phones[0].Extension != "1146; 1268" {
		t.Errorf("Park Place: want extension 1146; 1268, got %+v", ll)
	}
	pollard := byName["Pollard Counseling Services"]
	if pollard == nil || len(pollard.Services) != 1 || pollard.Services[0].Hours == nil {
		t.Fatalf("Pollard: want one service with hours, got %+v", pollard)
	}
	if got := pollard.Services[0].Hours.Describe(); !slices.Equal(got, []string{"9:30am–5pm Eastern Time, Monday", "Closed 24 December 2014"}) {
		t.Errorf("Pollard's hours: %q", got)
	}
	// The warnings that matter: the bad ZIP code, at its line and column.
	warnings := problemLines(res.Problems)
	for _, w := range []string{
		"lexington/addresses.csv:43:7: warning: `postal_code` \"41240j\" is not a ZIP code: left out",
		"lexington/services.csv:3:15: warning: `name` is empty: the service is named \"Awareness and Discovery Group\"",
	} {
		if !strings.Contains(warnings, w) {
			t.Errorf("no warning %q in:\n%s", w, warnings)
		}
	}
	for _, p := range res.Problems {
		if p.Severity != diag.Warning {
			t.Errorf("an error: %v", p)
		}
	}
	// The same input gives the same files.
	again, _ := hsds.Import(os.DirFS(in), hsds.Options{Source: "lexington", Timezone: zone(t, "America/New_York")})
	if diff := cmp.Diff(res, again); diff != "" {
		t.Errorf("two imports differ:\n%s", diff)
	}
}

// TestImportLexingtonNoTimezone: without -timezone, the hours (which give
// no zone) are left out, each with a warning, and the rest is imported.
func TestImportLexingtonNoTimezone(t *testing.T) {
	res, err := hsds.Import(os.DirFS(filepath.Join(corpora, "lexington")), hsds.Options{Source: "lexington"})
	if err != nil {
		t.Fatal(err)
	}
	orgs := loads(t, res)
	if len(orgs) != 69 {
		t.Fatalf("imported %d organizations, want 69", len(orgs))
	}
	for _, o := range orgs {
		for _, s := range o.Services {
			if len(s.Schedules) > 0 {
				t.Errorf("%s: hours without a zone were imported", o.File)
			}
		}
	}
	warnings := problemLines(res.Problems)
	for _, w := range []string{
		"lexington/regular_schedules.csv:2:5: warning: `opens_at`: \"9:30\" gives no time zone, nor does the row: these hours are not imported (pass -timezone",
		"lexington/holiday_schedules.csv:70:4: warning: `start_date`: \"3/1/2015\" gives no time zone",
	} {
		if !strings.Contains(warnings, w) {
			t.Errorf("no warning %q in:\n%s", w, warnings)
		}
	}
}

// TestImportHSDS3Example imports the specification's example CSV files.
func TestImportHSDS3Example(t *testing.T) {
	res, err := hsds.Import(os.DirFS(filepath.Join(corpora, "hsds/examples/csv")), hsds.Options{Source: "csv"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Format != "HSDS 3" {
		t.Errorf("format %q, want HSDS 3", res.Format)
	}
	orgs := loads(t, res)
	if len(orgs) != 1 {
		t.Fatalf("imported %d organizations, want 1", len(orgs))
	}
	o := orgs[0]
	if o.Name != "Example Organization Inc." || o.LastVerified.Format(time.DateOnly) != "2005-01-01" ||
		len(o.Services) != 1 || o.Services[0].Eligibility == "" || *o.Services[0].MinimumAge != 12 ||
		!slices.Equal(o.Services[0].Languages, []string{"ur"}) || len(o.Phones) != 1 || o.Phones[0].E164 != "+441234234567" {
		t.Errorf("unexpected import: %+v\n%s", o, res.Files[0].Data)
	}
	// The example's location belongs to an organization that is not in
	// organizations.csv, and its only schedule repeats by week number.
	warnings := problemLines(res.Problems)
	for _, w := range []string{
		"csv/locations.csv:2:4: warning: `organization_id` \"985e4a42-bd9f-4edc-911d-0243a4640aca\" is not in organizations.csv",
		"csv/schedules.csv:2:10: warning: `count` \"3\" cannot be converted",
		"csv/funding.csv:1:1: warning: the table funding is not imported",
		"csv/services.csv:1:12: warning: `fees_description` is not imported",
	} {
		if !strings.Contains(warnings, w) {
			t.Errorf("no warning %q in:\n%s", w, warnings)
		}
	}
}

// TestImportUnreadable: a file that is not CSV stops the import, with its
// position; so does a folder without organizations.csv.
func TestImportUnreadable(t *testing.T) {
	_, err := hsds.Import(fstest.MapFS{
		"organizations.csv": {Data: []byte("id,name,description\n1,A,B\n")},
		"phones.csv":        {Data: []byte("id,organization_id,number\n1,1,\"202-555-0100\n")},
	}, hsds.Options{Source: "in"})
	if err == nil || !strings.HasPrefix(err.Error(), "in/phones.csv:2:") {
		t.Errorf("got %v, want an error at in/phones.csv:2", err)
	}
	_, err = hsds.Import(fstest.MapFS{"phones.csv": {Data: []byte("id\n")}}, hsds.Options{Source: "in"})
	if err == nil || !strings.Contains(err.Error(), "no organizations.csv") {
		t.Errorf("got %v, want no organizations.csv", err)
	}
}

// TestImportText: whatever the text in the source, it reads back from the
// YAML written as it was (quoting, folding and literal blocks), except that
// runs of spaces and single line breaks are one space.
func TestImportText(t *testing.T) {
	texts := []string{
		"Plain text",
		"yes", "~", "123", "1.5", "2014-12-24", "- a dash", "# not a comment", "key: value", `"quoted"`, "'single'",
		"a {brace} and [bracket]", "ends with a colon:", "@at", "%percent", "`backtick`", "*star", "&anchor", "!tag", "|pipe", ">greater",
		"Ünïcödé – dashes “quotes” 日本語",
		"A long description that goes on for well over the width of one line, so that it is folded across several lines of the file, and it must come back with single spaces.",
		"First paragraph.\n\nSecond paragraph, after a blank line.",
		"Line one\nLine two",
	}
	var csv strings.Builder
	csv.WriteString("id,name,description\n")
	for i, s := range texts {
		fmt.Fprintf(&csv, "%d,Org %d,\"%s\"\n", i, i, strings.ReplaceAll(s, `"`, `""`))
	}
	res, err := hsds.Import(fstest.MapFS{"organizations.csv": {Data: []byte(csv.String())}}, hsds.Options{Source: "in"})
	if err != nil {
		t.Fatal(err)
	}
	orgs := loads(t, res)
	if len(orgs) != len(texts) {
		t.Fatalf("imported %d organizations, want %d", len(orgs), len(texts))
	}
	for i, o := range orgs {
		want := texts[i]
		if i == len(texts)-1 {
			want = "Line one Line two" // a single line break inside a paragraph is a space
		}
		if o.Description != want {
			t.Errorf("description %q read back as %q from:\n%s", want, o.Description, res.Files[i].Data)
		}
	}
}
