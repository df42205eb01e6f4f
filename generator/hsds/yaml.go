package hsds

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// yaml writes an organization file in the style of the bundled ones: a
// header comment saying where the facts came from, then the fields in the
// order of the directory package's documentation.
func (x *importer) yaml(o *org) []byte {
	w := &yamlWriter{}
	w.comment(0, x.header(o))
	w.field(0, "name", o.name)
	w.field(0, "alternate_name", o.alt)
	w.fieldComment(0, "description", o.desc, when(o.descIsName, "the source has no description"))
	w.field(0, "website", o.website)
	w.field(0, "email", o.email)
	if !o.verified.IsZero() {
		w.raw(0, "last_verified", o.verified.String(), "the oldest assured_date of its services")
	}
	if o.zone != nil {
		note := ""
		switch {
		case x.opts.Timezone != nil && o.zone.String() == x.opts.Timezone.String():
			note = "the zone given with -timezone"
		case strings.HasPrefix(o.zone.String(), "Etc/"):
			note = "the source's fixed UTC offset, without daylight saving time: write the place's zone, such as America/Los_Angeles"
		}
		w.fieldComment(0, "timezone", o.zone.String(), note)
	}
	if len(o.phones) > 0 {
		w.blank()
		w.key(0, "phones")
		for _, p := range o.phones {
			n := formatPhone(p.e164)
			note := ""
			if p.source != n {
				note = "source: " + p.source
			}
			w.item(2)
			w.quotedComment(4, "number", n, note)
			w.field(4, "type", p.typ)
			w.quoted(4, "extension", p.ext)
			w.quoted(4, "display", p.display)
			w.field(4, "description", p.desc)
			w.list(4, "languages", p.languages)
		}
	}
	var locs []location
	for _, l := range o.locations {
		switch {
		case l.phys != nil && l.postal != nil && *l.phys != *l.postal:
			locs = append(locs, *l, location{name: "Mailing address", typ: "postal", phys: l.postal})
		case l.phys == nil && l.postal != nil && l.typ == "physical":
			l2 := *l
			l2.typ, l2.phys = "postal", l.postal
			locs = append(locs, l2)
		case l.phys == nil:
			l2 := *l
			l2.phys = l.postal
			locs = append(locs, l2)
		default:
			locs = append(locs, *l)
		}
	}
	if len(locs) > 0 {
		w.blank()
		w.key(0, "locations")
		for _, l := range locs {
			w.item(2)
			w.field(4, "name", l.name)
			w.field(4, "location_type", l.typ)
			w.field(4, "description", l.desc)
			if a := l.phys; a != nil {
				w.key(4, "address")
				w.field(6, "attention", a.attention)
				w.field(6, "address_1", a.line1)
				w.field(6, "address_2", a.line2)
				w.field(6, "city", a.city)
				w.field(6, "region", a.region)
				w.field(6, "state_province", a.state)
				w.quoted(6, "postal_code", a.postal)
				w.field(6, "country", a.country)
			}
			if l.lat != nil {
				w.raw(4, "latitude", strconv.FormatFloat(*l.lat, 'f', -1, 64), "")
				w.raw(4, "longitude", strconv.FormatFloat(*l.lon, 'f', -1, 64), "")
			}
		}
	}
	for i, s := range o.services {
		w.blank()
		if i == 0 {
			w.key(0, "services")
		}
		w.item(2)
		w.fieldComment(4, "name", s.name, when(s.unnamed, "the source has no name for this service"))
		w.field(4, "description", s.desc)
		w.list(4, "languages", s.languages)
		w.field(4, "eligibility", s.elig)
		if s.min != nil {
			w.raw(4, "minimum_age", strconv.Itoa(*s.min), "")
		}
		if s.max != nil {
			w.raw(4, "maximum_age", strconv.Itoa(*s.max), "")
		}
		if len(s.rows) > 0 {
			w.key(4, "schedules")
		}
		for _, r := range s.rows {
			w.item(6)
			tz := ""
			if r.zone.String() != o.zone.String() {
				tz = r.zone.String()
			}
			switch {
			case r.always:
				w.raw(8, "open_24_7", "true", "")
			case r.closed:
				w.raw(8, "closed", "true", "")
			default:
				w.field(8, "byday", byday(r.days))
				w.quoted(8, "opens_at", r.opens.String())
				w.quoted(8, "closes_at", r.closes.String())
			}
			w.field(8, "timezone", tz)
			if !r.from.IsZero() {
				w.raw(8, "valid_from", r.from.String(), "")
			}
			if !r.to.IsZero() {
				w.raw(8, "valid_to", r.to.String(), "")
			}
			w.field(8, "description", r.desc)
		}
	}
	return []byte(w.b.String())
}

// header is the comment at the top of a file: what it is, where it came
// from, and what a person must check.
func (x *importer) header(o *org) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", o.name)
	fmt.Fprintf(&b, "Imported with `generator import-hsds` from the %s CSV files in %s: %s.\n", x.format(), x.opts.Source, o.src)
	switch {
	case !o.verified.IsZero():
		fmt.Fprintf(&b, "last_verified is the source's assured_date: the day someone last checked the facts there, not here.")
	default:
		fmt.Fprintf(&b, "The source gives no date on which these facts were checked, so there is no last_verified: check them, then add it.")
	}
	if !o.changed.IsZero() {
		fmt.Fprintf(&b, " The source last changed them on %s.", o.changed)
	}
	b.WriteString("\n")
	for _, l := range o.locations {
		if l.typ == "physical" && l.phys != nil && l.phys.line1 != "" {
			b.WriteString("HSDS has no confidential locations: if this is a shelter, set location_type: confidential before publishing, so that its street address is never shown.\n")
			break
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// yamlWriter writes YAML line by line. Values are quoted as YAML needs
// them (by the YAML encoder itself), long text is folded.
type yamlWriter struct {
	b       strings.Builder
	pending string // "  - " waiting for the item's first field
}

const width = 78

func (w *yamlWriter) comment(indent int, text string) {
	pad := strings.Repeat(" ", indent)
	for _, para := range strings.Split(text, "\n") {
		if para == "" {
			w.b.WriteString(pad + "#\n")
			continue
		}
		for _, line := range wrap(para, width-indent-2) {
			w.b.WriteString(pad + "# " + line + "\n")
		}
	}
}

func (w *yamlWriter) blank() { w.b.WriteString("\n") }

func (w *yamlWriter) item(indent int) { w.pending = strings.Repeat(" ", indent) + "- " }

// start begins a line at indent, or after the pending "- ".
func (w *yamlWriter) start(indent int) {
	if w.pending != "" {
		w.b.WriteString(w.pending)
		w.pending = ""
		return
	}
	w.b.WriteString(strings.Repeat(" ", indent))
}

func (w *yamlWriter) key(indent int, key string) {
	w.start(indent)
	w.b.WriteString(key + ":\n")
}

func (w *yamlWriter) raw(indent int, key, value, comment string) {
	w.start(indent)
	w.b.WriteString(key + ": " + value)
	if comment != "" {
		w.b.WriteString("  # " + comment)
	}
	w.b.WriteString("\n")
}

func (w *yamlWriter) field(indent int, key, value string) { w.fieldComment(indent, key, value, "") }

// fieldComment writes a string: folded over several lines when it is
// long, and otherwise as the YAML encoder quotes it.
func (w *yamlWriter) fieldComment(indent int, key, value, comment string) {
	if value == "" {
		return
	}
	if comment == "" && literal(value) {
		w.start(indent)
		w.b.WriteString(key + ": |-\n")
		for _, line := range strings.Split(value, "\n") {
			if line != "" {
				line = strings.Repeat(" ", indent+2) + line
			}
			w.b.WriteString(line + "\n")
		}
		return
	}
	if comment == "" && indent+len(key)+2+len(value) > width && foldable(value) {
		w.start(indent)
		w.b.WriteString(key + ": >-\n")
		for _, line := range wrap(value, width-indent-2) {
			w.b.WriteString(strings.Repeat(" ", indent+2) + line + "\n")
		}
		return
	}
	w.raw(indent, key, scalar(value, false), comment)
}

// quoted writes a string in double quotes, as the bundled files write
// numbers, times and postal codes.
func (w *yamlWriter) quoted(indent int, key, value string) { w.quotedComment(indent, key, value, "") }

func (w *yamlWriter) quotedComment(indent int, key, value, comment string) {
	if value != "" {
		w.raw(indent, key, scalar(value, true), comment)
	}
}

func (w *yamlWriter) list(indent int, key string, values []string) {
	if len(values) == 0 {
		return
	}
	var items []string
	for _, v := range values {
		items = append(items, scalar(v, false))
	}
	w.raw(indent, key, "["+strings.Join(items, ", ")+"]", "")
}

// scalar is s as one line of YAML.
func scalar(s string, quoted bool) string {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
	if quoted || strings.ContainsAny(s, "\n\t") {
		n.Style = yaml.DoubleQuotedStyle
	}
	out, err := yaml.Marshal(n)
	if err != nil {
		return strconv.Quote(s)
	}
	return strings.TrimSuffix(string(out), "\n")
}

// foldable reports whether s reads back the same from a folded block
// when broken at single spaces.
func foldable(s string) bool {
	return s == strings.TrimSpace(s) && !strings.ContainsAny(s, "\n\t\r") && !strings.Contains(s, "  ")
}

// literal reports whether s has several lines and reads back the same
// from a literal block.
func literal(s string) bool {
	if !strings.Contains(s, "\n") || strings.ContainsAny(s, "\t\r") || s != strings.TrimSpace(s) {
		return false
	}
	for _, line := range strings.Split(s, "\n") {
		if line != strings.TrimSpace(line) {
			return false
		}
	}
	return true
}

// wrap breaks s at spaces into lines of at most n characters where it can.
func wrap(s string, n int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Split(s, " ") {
		switch {
		case line == "":
			line = word
		case len(line)+1+len(word) > n:
			lines = append(lines, line)
			line = word
		default:
			line += " " + word
		}
	}
	return append(lines, line)
}

// when is s if cond holds, else "".
func when(cond bool, s string) string {
	if cond {
		return s
	}
	return ""
}
