package hsds_test

import (
	"fmt"
	"os"
	"testing/fstest"
	"time"

	"resourcelib/generator/diag"
	"resourcelib/generator/directory"
	"resourcelib/generator/hsds"
)

// Import turns HSDS CSV files into organization files, and warns about
// each value it had to leave out.
func ExampleImport() {
	in := fstest.MapFS{
		"organizations.csv": {Data: []byte("id,name,description\n1,Hope Center,Recovery programs.\n")},
		"locations.csv":     {Data: []byte("id,organization_id,name\n1,1,Hope Center\n")},
		"services.csv":      {Data: []byte("id,location_id,name\n1,1,Outpatient program\n")},
		"phones.csv":        {Data: []byte("id,location_id,number,number_type\n1,1,(859) 1-800-928-8000,voice\n2,1,555-01,fax\n")},
		"regular_schedules.csv": {Data: []byte("id,location_id,weekday,opens_at,closes_at\n" +
			"1,1,Monday,9:30,5:00 PM\n2,1,Tuesday,9:30,5:00 PM\n")},
	}
	ny, _ := time.LoadLocation("America/New_York")
	res, err := hsds.Import(in, hsds.Options{Source: "lexington", Timezone: ny})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range res.Problems {
		fmt.Println(p.Msg)
	}
	for _, f := range res.Files {
		fmt.Printf("--- %s\n%s", f.Name, f.Data)
	}
	// Output:
	// `number` "(859) 1-800-928-8000" read as the toll-free number 1-800-928-8000: the area code 859 before it was dropped
	// `number`: "555-01" is not a valid phone number: the phone is left out
	// --- hope-center.yaml
	// # Hope Center
	// #
	// # Imported with `generator import-hsds` from the HSDS 1.0 (Ohana) CSV files in
	// # lexington: organizations.csv line 2, id 1.
	// # The source gives no date on which these facts were checked, so there is no
	// # last_verified: check them, then add it.
	// name: Hope Center
	// description: Recovery programs.
	// timezone: America/New_York  # the zone given with -timezone
	//
	// phones:
	//   - number: "1-800-928-8000"  # source: (859) 1-800-928-8000
	//     type: voice
	//
	// locations:
	//   - name: Hope Center
	//     location_type: physical
	//
	// services:
	//   - name: Outpatient program
	//     schedules:
	//       - byday: MO,TU
	//         opens_at: "09:30"
	//         closes_at: "17:00"
}

// Write exports loaded organizations as HSDS 3 JSON: organizations.json,
// then one file per organization.
func ExampleWrite() {
	data, _ := os.ReadFile("../../content/organizations/nhtrc.yaml")
	o := directory.Load("content/organizations/nhtrc.yaml", data, &diag.List{})
	hsds.Write([]*directory.Organization{o}, func(name string, data []byte) error {
		fmt.Println(name)
		return nil
	})
	// Output:
	// organizations.json
	// organizations/nhtrc.json
}
