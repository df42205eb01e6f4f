package hours

import (
	"fmt"
	"time"
)

// Status is what a service's hours mean at one instant: open, closed, or
// closed but taking messages (a service with an after-hours policy, such
// as the hotline's non-urgent lines, which take a message at any hour),
// and when that next changes. static/js/hours.js computes the same status
// and the same text in the browser; js_test.go checks that they agree.
type Status struct {
	At       time.Time // the instant asked about, in the schedule's zone
	Open     bool
	Messages bool      // closed, but a message is taken now
	Next     time.Time // the next change, in the schedule's zone; zero if none
	Zone     string    // ZoneName of the schedule's zone
}

// StatusAt is the status at t. takesMessages says that the service takes
// messages when it is closed (it has an after_hours policy).
func (s Schedule) StatusAt(t time.Time, takesMessages bool) Status {
	loc := s.location()
	st := Status{At: t.In(loc), Open: s.IsOpen(t), Zone: ZoneName(loc)}
	st.Messages = !st.Open && takesMessages
	if next, _, ok := s.Next(t); ok {
		st.Next = next
	}
	return st
}

// Labels are the words of Status.Text, from the site's interface strings
// (layouts/i18n: open_now, closed_now, taking_messages, answered_from,
// opens, closes, today, tomorrow).
type Labels struct {
	Open, Closed, Messages, AnsweredFrom, Opens, Closes, Today, Tomorrow string
}

// English are the English labels.
var English = Labels{
	Open: "Open now", Closed: "Closed now", Messages: "Taking messages now",
	AnsweredFrom: "answered from", Opens: "opens", Closes: "closes",
	Today: "today", Tomorrow: "tomorrow",
}

// Text says the status in one short line, with the next change in the
// schedule's own zone, as the hours above it are written:
//
//	Open now · closes 7pm Eastern Time today
//	Closed now · opens 9am Eastern Time tomorrow
//	Taking messages now; answered from 9am Eastern Time, Monday
//	Open now
//
// The day is "today" or "tomorrow" (in the schedule's zone), else the
// weekday, with the date when it is a week or more away.
func (st Status) Text(l Labels) string { return st.TextIn("en", l) }

// TextIn is Text in a language: "es" (or es-MX...) writes the time, zone
// and day as Spanish does, with the labels of layouts/i18n/es.yaml:
//
//	Abierto ahora · cierra a las 7 p. m., hora del Este, hoy
//	Cerrado ahora · abre a la 1 p. m., hora del Este, mañana
//	Se reciben mensajes ahora; se responden desde las 9 a. m., hora del Este, el lunes
//
// any other language as Text does in English, as DescribeIn does.
func (st Status) TextIn(lang string, l Labels) string {
	var head, verb, sep string
	switch {
	case st.Open:
		head, verb, sep = l.Open, l.Closes, " · "
	case st.Messages:
		head, verb, sep = l.Messages, l.AnsweredFrom, "; "
	default:
		head, verb, sep = l.Closed, l.Opens, " · "
	}
	if st.Next.IsZero() {
		return head
	}
	if isSpanish(lang) {
		return head + sep + verb + " " + st.whenES(l)
	}
	return head + sep + verb + " " + st.when(l)
}

// whenES is when in Spanish: "las 9 a. m., hora del Este, mañana", "la 1
// p. m., hora del Este, el lunes", "mediodía, hora del Este, el lunes 4 de
// enero". The labels end in their preposition ("abre a", "se responden
// desde"), so the article goes with the hour.
func (st Status) whenES(l Labels) string {
	next := st.Next.In(st.At.Location())
	zone := st.Zone
	if es, ok := zoneNamesES[zone]; ok {
		zone = es
	}
	s := clockPhraseES(Clock(next.Hour()*60+next.Minute())) + ", " + zone
	days := int(dateOf(next).noon().Sub(dateOf(st.At).noon()).Hours() / 24)
	switch {
	case days == 0:
		return s + ", " + l.Today
	case days == 1:
		return s + ", " + l.Tomorrow
	case days < 7:
		return s + ", el " + weekdaysES[next.Weekday()]
	default:
		return s + fmt.Sprintf(", el %s %d de %s", weekdaysES[next.Weekday()], next.Day(), monthsES[next.Month()])
	}
}

// clockPhraseES is clockTextES with the article an hour takes after a
// preposition: "las 9 a. m.", "la 1:30 p. m.", and "mediodía" and
// "medianoche" without one ("a mediodía", "desde medianoche").
func clockPhraseES(c Clock) string {
	t := clockTextES(c)
	switch {
	case c == 0 || c == EndOfDay || c == 12*60:
		return t
	case int(c)/60%12 == 1:
		return "la " + t
	}
	return "las " + t
}

// when is "9am Eastern Time today", "9am Eastern Time, Monday" or
// "9am Eastern Time, Monday 4 January".
func (st Status) when(l Labels) string {
	next := st.Next.In(st.At.Location())
	s := clockText(Clock(next.Hour()*60+next.Minute())) + " " + st.Zone
	days := int(dateOf(next).noon().Sub(dateOf(st.At).noon()).Hours() / 24)
	switch {
	case days == 0:
		return s + " " + l.Today
	case days == 1:
		return s + " " + l.Tomorrow
	case days < 7:
		return s + ", " + next.Weekday().String()
	default:
		return s + fmt.Sprintf(", %s %d %s", next.Weekday(), next.Day(), next.Month())
	}
}
