package hours

import (
	"fmt"
	"testing"
	"time"
)

func TestParseClock(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    Clock
		wantErr string
	}{
		{in: "09:00", want: 9 * 60},
		{in: "9:00", want: 9 * 60},
		{in: "19:30", want: 19*60 + 30},
		{in: "00:00", want: 0},
		{in: "24:00", want: EndOfDay},
		{in: "09:00:00", want: 9 * 60},
		{in: " 23:59 ", want: 23*60 + 59},
		{in: "25:00", wantErr: `"25:00": expected a time of day as HH:MM, from 00:00 to 24:00`},
		{in: "24:30", wantErr: `"24:30": expected a time of day as HH:MM, from 00:00 to 24:00`},
		{in: "09:60", wantErr: `"09:60": expected a time of day as HH:MM, from 00:00 to 24:00`},
		{in: "9", wantErr: `"9": expected a time of day as HH:MM, from 00:00 to 24:00`},
		{in: "0900", wantErr: `"0900": expected a time of day as HH:MM, from 00:00 to 24:00`},
		{in: "9:0", wantErr: `"9:0": expected a time of day as HH:MM, from 00:00 to 24:00`},
		{in: "-1:00", wantErr: `"-1:00": expected a time of day as HH:MM, from 00:00 to 24:00`},
		{in: "", wantErr: `"": expected a time of day as HH:MM, from 00:00 to 24:00`},
		{in: "9pm", wantErr: `"9pm": expected a time of day as HH:MM, from 00:00 to 24:00 (24-hour clock: write 9pm as 21:00)`},
		{in: "09:00:30", wantErr: `"09:00:30": expected whole minutes, as HH:MM or HH:MM:00`},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseClock(tc.in)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Fatalf("ParseClock(%q) error = %v, want %s", tc.in, err, tc.wantErr)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseClock(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
		})
	}
}

func TestParseClockErrorTakesFieldPrefix(t *testing.T) {
	_, err := ParseClock("25:00")
	want := `opens_at "25:00": expected a time of day as HH:MM, from 00:00 to 24:00`
	if got := fmt.Errorf("opens_at %w", err).Error(); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestClockString(t *testing.T) {
	for c, want := range map[Clock]string{0: "00:00", 9 * 60: "09:00", 19*60 + 30: "19:30", EndOfDay: "24:00"} {
		if got := c.String(); got != want {
			t.Errorf("Clock(%d).String() = %q, want %q", int(c), got, want)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, tc := range []struct {
		in      string
		want    Date
		wantErr bool
	}{
		{in: "2026-12-25", want: Date{2026, time.December, 25}},
		{in: "2028-02-29", want: Date{2028, time.February, 29}},
		{in: "", want: Date{}},
		{in: "2026-02-30", wantErr: true},
		{in: "2026-13-01", wantErr: true},
		{in: "25/12/2026", wantErr: true},
		{in: "2026-1-5", wantErr: true},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := ParseDate(tc.in)
			if tc.wantErr {
				want := fmt.Sprintf("%q: expected a calendar date as YYYY-MM-DD, e.g. 2026-12-25", tc.in)
				if err == nil || err.Error() != want {
					t.Fatalf("ParseDate(%q) error = %v, want %s", tc.in, err, want)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseDate(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
			}
			if !got.IsZero() && got.String() != tc.in {
				t.Errorf("String() = %q, want %q", got.String(), tc.in)
			}
		})
	}
}
