package hsds

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nyaruka/phonenumbers"

	"resourcelib/generator/directory"
)

// cleanPhone reads a phone number as referral data writes it and returns
// it in E.164 form (or a short code), with a note when it had to guess.
// See "Phone numbers" in the package documentation for the rules.
func cleanPhone(raw, typ, countryPrefix string) (e164, note string, err error) {
	s := strings.Trim(strings.TrimSpace(raw), `"'`)
	if s == "" {
		return "", "", fmt.Errorf("the phone has no number")
	}
	if p := strings.TrimPrefix(strings.TrimSpace(countryPrefix), "+"); p != "" && p != "1" && !strings.HasPrefix(s, "+") {
		s = "+" + p + " " + s
	}
	if e, err := directory.NormalizePhone(s, typ); err == nil {
		return e, "", nil
	}
	// "(859) 1-800-928-8000": an area code before a whole toll-free
	// number. Toll-free numbers have no area code, so it is a stray.
	groups := strings.FieldsFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if len(groups) > 1 {
		rest := strings.Join(groups[1:], "-")
		if e, err := directory.NormalizePhone(rest, typ); err == nil && tollFree(e) && len(groups[0]) == 3 {
			return e, fmt.Sprintf("read as the toll-free number %s: the area code %s before it was dropped", formatPhone(e), groups[0]), nil
		}
	}
	return "", "", fmt.Errorf("%q is not a valid phone number", raw)
}

// tollFree reports whether a normalised number is a North American
// toll-free number.
func tollFree(e164 string) bool {
	num, err := phonenumbers.Parse(e164, "US")
	return err == nil && phonenumbers.GetNumberType(num) == phonenumbers.TOLL_FREE
}

// formatPhone writes a normalised number the way the bundled organization
// files do: 202-745-1001 for US numbers, 1-888-373-7888 for toll-free ones,
// international format for others, short codes as they are.
func formatPhone(e164 string) string {
	if !strings.HasPrefix(e164, "+") {
		return e164
	}
	num, err := phonenumbers.Parse(e164, "US")
	if err != nil {
		return e164
	}
	if num.GetCountryCode() != 1 {
		return phonenumbers.Format(num, phonenumbers.INTERNATIONAL)
	}
	n := phonenumbers.GetNationalSignificantNumber(num)
	if len(n) != 10 {
		return phonenumbers.Format(num, phonenumbers.INTERNATIONAL)
	}
	us := n[:3] + "-" + n[3:6] + "-" + n[6:]
	if tollFree(e164) {
		return "1-" + us
	}
	return us
}

// phoneTypesIn maps HSDS 3 (RFC 6350) and Ohana phone types to ours.
var phoneTypesIn = map[string]string{
	"": "voice", "voice": "voice", "cell": "voice", "mobile": "voice", "main": "voice", "work": "voice",
	"text": "text", "sms": "text",
	"fax": "fax",
	"tty": "tty", "textphone": "tty", "tdd": "tty",
	"hotline": "hotline",
}

// cleanExtension reads "Ext 1146; 1268", "x204" or "100" as the part after
// the label.
func cleanExtension(s string) string {
	s = strings.TrimSpace(s)
	low := strings.ToLower(s)
	for _, label := range []string{"extension", "ext.", "ext", "x"} {
		if strings.HasPrefix(low, label) {
			s = strings.TrimLeft(s[len(label):], " .:#")
			break
		}
	}
	return strings.TrimSuffix(s, ".0")
}

// phoneOrg finds the organization of a phone: its own, or that of its
// location, service or contact.
func (x *importer) phoneOrg(t *table, r row) *org {
	if o := x.orgByID[t.get(r, "organization_id").Value()]; o != nil {
		return o
	}
	if l := x.locByID[t.get(r, "location_id").Value()]; l != nil {
		return l.org
	}
	if s := x.svcByID[t.get(r, "service_id").Value()]; s != nil {
		return s.org
	}
	if s := x.salByID[t.get(r, "service_at_location_id").Value()]; s != nil {
		return s.org
	}
	if c, ok := x.contactByID[t.get(r, "contact_id").Value()]; ok {
		if o := x.orgByID[c.org]; o != nil {
			return o
		}
		if l := x.locByID[c.loc]; l != nil {
			return l.org
		}
		if s := x.svcByID[c.svc]; s != nil {
			return s.org
		}
	}
	return nil
}

func (x *importer) phones() {
	t := x.tables["phones"]
	if t == nil {
		return
	}
	for _, r := range t.rows {
		num := t.get(r, "number")
		o := x.phoneOrg(t, r)
		if o == nil {
			x.warn(num, "", "the phone belongs to no organization, location, service or contact that was imported: left out")
			continue
		}
		p := &phone{org: o, source: strings.Trim(num.Value(), `"'`)}
		tf := t.get(r, "type", "number_type")
		typ, ok := phoneTypesIn[strings.ToLower(tf.Value())]
		if !ok {
			typ = "voice"
			x.warn(tf, "use voice, text, fax, tty or hotline", "`%s` %q is not known: voice is used", tf.name(), tf.Value())
		}
		p.typ = typ
		e164, note, err := cleanPhone(num.Value(), typ, t.get(r, "country_prefix").Value())
		if err != nil {
			x.warn(num, "write a US number with its area code, such as 202-555-0100, or a full international number starting with +",
				"`number`: %v: the phone is left out", err)
			continue
		}
		if note != "" {
			x.warn(num, "check the number", "`number` %q %s", num.Value(), note)
		}
		p.e164 = e164
		p.ext = cleanExtension(t.get(r, "extension").Value())
		p.desc = t.get(r, "description", "department").Text()
		p.display = t.get(r, "vanity_number").Value()
		for _, q := range o.phones {
			if q.e164 == p.e164 && q.ext == p.ext && q.typ == p.typ {
				p = q // the same phone listed for the location and the service
			}
		}
		if !slices.Contains(o.phones, p) {
			o.phones = append(o.phones, p)
		}
		x.phoneByID[idOf(t, r)] = p
	}
}
