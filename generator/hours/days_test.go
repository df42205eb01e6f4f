package hours

import (
	"slices"
	"testing"
	"time"
)

func TestParseDays(t *testing.T) {
	weekdays := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	for _, tc := range []struct {
		in      string
		want    []time.Weekday
		wantErr string
	}{
		{in: "MO,TU,WE,TH,FR", want: weekdays},
		{in: "mo, tu,we th  fr", want: weekdays},
		{in: "SA,SU", want: []time.Weekday{time.Saturday, time.Sunday}},
		{in: "FR,FR,fr", want: []time.Weekday{time.Friday}},
		{in: "", want: nil},
		{in: "MON", wantErr: `"MON": "MON" is not a day code; use "MO" (days are two-letter codes: MO, TU, WE, TH, FR, SA, SU)`},
		{in: "MO,Tues", wantErr: `"MO,Tues": "Tues" is not a day code; use "TU" (days are two-letter codes: MO, TU, WE, TH, FR, SA, SU)`},
		{in: "Saturday", wantErr: `"Saturday": "Saturday" is not a day code; use "SA" (days are two-letter codes: MO, TU, WE, TH, FR, SA, SU)`},
		{in: "1MO", wantErr: `"1MO": "1MO" is a monthly rule (nth weekday of the month), which is not supported; days are two-letter codes: MO, TU, WE, TH, FR, SA, SU`},
		{in: "XX", wantErr: `"XX": "XX" is not a day code (days are two-letter codes: MO, TU, WE, TH, FR, SA, SU)`},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDays(tc.in)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("ParseDays(%q) error = %v,\nwant %s", tc.in, err, tc.wantErr)
				}
				return
			}
			if err != nil || !slices.Equal(got, tc.want) {
				t.Fatalf("ParseDays(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestDaysText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"MO,TU,WE,TH,FR", "Monday to Friday"},
		{"FR,SA", "Friday and Saturday"},
		{"MO,WE,FR", "Monday, Wednesday and Friday"},
		{"SU,MO,TU,WE,TH,FR,SA", "every day"},
		{"SA,SU", "Saturday and Sunday"},
		{"FR,SA,SU", "Friday to Sunday"},
		{"SA,SU,MO", "Saturday to Monday"},
		{"SU,MO", "Sunday and Monday"},
		{"MO,TU,WE,FR", "Monday to Wednesday and Friday"},
		{"TH", "Thursday"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			days, err := ParseDays(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if got := daysText(days); got != tc.want {
				t.Errorf("daysText(%s) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
