package directory

import (
	"testing"
)

func TestNormalizePhone(t *testing.T) {
	for _, tc := range []struct {
		number, typ string
		want        string
		wantErr     string
	}{
		{number: "1-888-373-7888", typ: "hotline", want: "+18883737888"},
		{number: "(202) 745-1001", typ: "voice", want: "+12027451001"},
		{number: "202.745.1119", typ: "fax", want: "+12027451119"},
		{number: "1.888.3737.888", typ: "hotline", want: "+18883737888"}, // as the coalition page writes it
		{number: "+1 202 745 1001", typ: "voice", want: "+12027451001"},
		{number: "  202-745-1001  ", typ: "voice", want: "+12027451001"},
		{number: "+44 20 7946 0000", typ: "voice", want: "+442079460000"},
		{number: "233733", typ: "text", want: "233733"},
		{number: "23373", typ: "text", want: "23373"},
		{number: "711", typ: "tty", want: "711"},
		{number: "711", typ: "voice", want: "711"},
		{number: "211", typ: "voice", want: "211"},
		{number: "233733", typ: "voice", wantErr: `"233733" is not a valid phone number`}, // short codes are for texts only
		{number: "+233733", typ: "text", wantErr: `"+233733" is not a valid phone number`},
		{number: "+711", typ: "tty", wantErr: `"+711" is not a valid phone number`},
		{number: "011", typ: "tty", wantErr: `"011" is not a valid phone number`},
		{number: "555", typ: "voice", wantErr: `"555" is not a valid phone number`},
		{number: "745-1001", typ: "voice", wantErr: `"745-1001" is not a valid phone number`}, // no area code
		{number: "abc", typ: "voice", wantErr: `"abc" is not a valid phone number`},
		{number: "+44 20", typ: "voice", wantErr: `"+44 20" is not a valid phone number`},
		{number: "", typ: "voice", wantErr: "the phone has no `number`"},
		{number: "   ", typ: "text", wantErr: "the phone has no `number`"},
	} {
		t.Run(tc.typ+"/"+tc.number, func(t *testing.T) {
			got, err := NormalizePhone(tc.number, tc.typ)
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr {
					t.Errorf("NormalizePhone(%q, %q) = %q, %v; want error %q", tc.number, tc.typ, got, err, tc.wantErr)
				}
				if got != "" {
					t.Errorf("NormalizePhone(%q, %q) = %q with an error, want \"\"", tc.number, tc.typ, got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("NormalizePhone(%q, %q) = %q, %v; want %q", tc.number, tc.typ, got, err, tc.want)
			}
		})
	}
}

func TestPhoneHrefAndText(t *testing.T) {
	for _, tc := range []struct {
		p                  Phone
		wantHref, wantText string
	}{
		{Phone{Number: "1-888-373-7888", Type: "hotline", E164: "+18883737888"}, "tel:+18883737888", "1-888-373-7888"},
		{Phone{Number: "233733", Type: "text", E164: "233733", Display: "Text 233733"}, "sms:233733", "Text 233733"},
		{Phone{Number: "711", Type: "tty", E164: "711"}, "tel:711", "711"},
	} {
		t.Run(tc.p.Number, func(t *testing.T) {
			if got := tc.p.Href(); got != tc.wantHref {
				t.Errorf("Href() = %q, want %q", got, tc.wantHref)
			}
			if got := tc.p.Text(); got != tc.wantText {
				t.Errorf("Text() = %q, want %q", got, tc.wantText)
			}
		})
	}
}
