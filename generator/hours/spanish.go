package hours

import (
	"fmt"
	"strings"
	"time"
)

// DescribeIn is Describe in a language: "es" (or a regional Spanish such
// as es-MX) writes the hours the way Spanish does, any other language as
// Describe does in English:
//
//	24 horas, 7 días
//	de 9 a. m. a 7 p. m., hora del Este, de lunes a viernes
//	de 10 p. m. a 6 a. m., hora del Este, viernes y sábado
//	de 10 a. m. a 2 p. m., hora del Este, de lunes a jueves, del 21 al 24 de diciembre de 2026
//	Cerrado el 25 de diciembre de 2026
func (s Schedule) DescribeIn(lang string) []string {
	if !isSpanish(lang) {
		return s.Describe()
	}
	zone := ZoneNameIn(s.Zone, lang)
	var lines []string
	if s.AlwaysOpen {
		lines = append(lines, "24 horas, 7 días")
	}
	for _, r := range s.Ranges {
		if !r.Closed {
			lines = append(lines, describeRuleES(r, zone))
		}
	}
	for _, r := range s.Ranges {
		if r.Closed {
			lines = append(lines, "Cerrado "+describeRuleES(r, zone))
		}
	}
	return lines
}

func isSpanish(lang string) bool { return lang == "es" || strings.HasPrefix(lang, "es-") }

func describeRuleES(r Range, zone string) string {
	var parts []string
	switch {
	case r.wholeDays():
	case r.Opens == 0 && r.Closes == EndOfDay:
		parts = append(parts, "las 24 horas ("+zone+")")
	default:
		parts = append(parts, "de "+clockTextES(r.Opens)+" a "+clockTextES(r.Closes)+", "+zone)
	}
	if len(r.Days) > 0 {
		parts = append(parts, daysTextES(r.Days))
	} else if r.ValidFrom.IsZero() && r.ValidTo.IsZero() {
		parts = append(parts, "todos los días")
	}
	if dates := datesTextES(r.ValidFrom, r.ValidTo); dates != "" {
		parts = append(parts, dates)
	}
	return strings.Join(parts, ", ")
}

// clockTextES is the 12-hour form of Spanish in the United States (and of
// the RAE's Ortografía): "9 a. m.", "9:30 p. m.", "mediodía", "medianoche".
func clockTextES(c Clock) string {
	switch c {
	case 0, EndOfDay:
		return "medianoche"
	case 12 * 60:
		return "mediodía"
	}
	h, m := int(c)/60, int(c)%60
	suffix := "a. m."
	if h >= 12 {
		suffix = "p. m."
	}
	if h = h % 12; h == 0 {
		h = 12
	}
	if m == 0 {
		return fmt.Sprintf("%d %s", h, suffix)
	}
	return fmt.Sprintf("%d:%02d %s", h, m, suffix)
}

var weekdaysES = [7]string{"domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"}

var monthsES = [13]string{"", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	"agosto", "septiembre", "octubre", "noviembre", "diciembre"}

// daysES are the words of daysTextES.
var daysES = dayWords{
	name:     func(d time.Weekday) string { return weekdaysES[d] },
	everyDay: "todos los días",
	run:      func(first, last string) string { return "de " + first + " a " + last },
	and:      " y ",
}

// daysTextES names days as daysText does: "de lunes a viernes", "viernes y
// sábado", "lunes, miércoles y viernes", "todos los días".
func daysTextES(days []time.Weekday) string { return daysIn(days, daysES) }

// LongDateES writes a date as Spanish does: "25 de diciembre de 2026".
func LongDateES(d Date) string {
	return fmt.Sprintf("%d de %s de %d", d.Day, monthsES[d.Month], d.Year)
}

// datesTextES is datesText in Spanish, with its preposition: "el 25 de
// diciembre de 2026", "del 21 al 24 de diciembre de 2026", "desde el 1 de
// marzo de 2026", "hasta el 5 de abril de 2026".
func datesTextES(from, to Date) string {
	switch {
	case from.IsZero() && to.IsZero():
		return ""
	case to.IsZero():
		return "desde el " + LongDateES(from)
	case from.IsZero():
		return "hasta el " + LongDateES(to)
	case from == to:
		return "el " + LongDateES(from)
	case from.Year == to.Year && from.Month == to.Month:
		return fmt.Sprintf("del %d al %s", from.Day, LongDateES(to))
	case from.Year == to.Year:
		return fmt.Sprintf("del %d de %s al %s", from.Day, monthsES[from.Month], LongDateES(to))
	default:
		return "del " + LongDateES(from) + " al " + LongDateES(to)
	}
}

var zoneNamesES = map[string]string{
	"Eastern Time":            "hora del Este",
	"Central Time":            "hora del Centro",
	"Mountain Time":           "hora de la Montaña",
	"Mountain Time (Arizona)": "hora de la Montaña (Arizona)",
	"Pacific Time":            "hora del Pacífico",
	"Alaska Time":             "hora de Alaska",
	"Hawaii Time":             "hora de Hawái",
	"Atlantic Time":           "hora del Atlántico",
}

// ZoneNameIn is ZoneName in a language: "hora del Este" in Spanish.
func ZoneNameIn(loc *time.Location, lang string) string {
	name := ZoneName(loc)
	if isSpanish(lang) {
		if es, ok := zoneNamesES[name]; ok {
			return es
		}
	}
	return name
}
