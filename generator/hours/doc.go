// Package hours models a service's opening hours and answers three
// questions about them: is it open at a given instant, when does that next
// change, and how do we say the hours to people (and to schema.org).
//
// # Schedules
//
// A Schedule is a list of weekly rules in one IANA time zone, the zone of
// the organization, not of the reader or the build machine. Each Range says:
// on these weekdays, open from Opens to Closes, wall-clock time in that
// zone. This is the shape of an HSDS schedule row (byday, opens_at,
// closes_at, valid_from, valid_to); ParseDays, ParseClock and ParseDate read
// those fields. For example, Monday to Friday 9am–7pm in New York is
//
//	ny, _ := time.LoadLocation("America/New_York")
//	hours.Schedule{Zone: ny, Ranges: []hours.Range{{
//		Days:  []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
//		Opens: 9 * 60, Closes: 19 * 60,
//	}}}
//
// Clock values are minutes since midnight. 24:00 (EndOfDay) is allowed as a
// closing time only, meaning "until midnight at the end of the day".
//
// Rules may overlap or touch; the service is open whenever any opening rule
// says so, and the periods merge. Monday 9–12 plus Monday 12–17 is one
// opening from 9 to 17: Next at 10:00 reports the close at 17:00, not
// anything at 12:00.
//
// Run Validate on every schedule read from data. It reports all problems at
// once, each with what was expected and how to fix it.
//
// # Crossing midnight
//
// A rule whose Closes is at or before its Opens ends on the next day:
// Friday 22:00–06:00 is open from Friday 22:00 until Saturday 06:00. Days
// always name the day a period starts on, so that rule is open on Saturday
// at 03:00 and the week wraps too: Sunday 22:00–06:00 ends on Monday
// morning. A rule cannot open and close at the same time; use 00:00–24:00
// for a whole day.
//
// # 24/7
//
// Set Schedule.AlwaysOpen for a service that is open 24 hours, 7 days.
// Closures still apply to it. Opening rules are redundant alongside it, and
// Validate rejects them.
//
// # Validity dates
//
// ValidFrom and ValidTo limit a rule to a date range. Both are inclusive
// civil dates in the schedule's zone, and the zero Date means unbounded. A
// rule is tested against the date on which a period OPENS: a Friday
// 22:00–06:00 rule valid to Friday still runs until Saturday 06:00, and
// one valid from Saturday does not cover the small hours of that Saturday.
//
// Special hours for a holiday week are written by bounding the regular rule
// (valid to the week before, and a copy valid from the week after) and
// adding a rule for the special week. Closures cannot be used to replace
// hours, because they override every opening rule, including the new one.
//
// # Closures
//
// A Range with Closed set is a closure: while one of its periods runs, the
// service is closed whatever the opening rules say. A closure uses the same
// fields as an opening rule, with two differences. Opens == Closes == 0
// means whole calendar days (midnight to midnight). No Days means every day
// within its dates. So a holiday is
//
//	christmas, _ := hours.ParseDate("2026-12-25")
//	hours.Range{Closed: true, ValidFrom: christmas, ValidTo: christmas}
//
// and a staff lunch is a closure from 12:00 to 13:00 on the days it
// happens. A closure needs days or dates (or both), since with neither it
// would close the service forever.
//
// # Daylight saving time
//
// Rules are wall-clock times, so a 9am–7pm rule in New York is 13:00–23:00
// UTC in summer and 14:00–00:00 UTC in winter. All instants are computed in
// Schedule.Zone: inputs are converted with t.In(zone), and results are
// returned in the zone.
//
// On the days the clocks change, a wall-clock time turns into an instant by
// one rule: it is the first moment at which the wall clock reads that time
// or later. Two consequences follow.
//
//   - Times repeated when clocks go back resolve to their first
//     occurrence. In New York on 2026-11-01 the clock reads 01:00–02:00
//     twice, so a 01:00–03:00 rule opens at 01:00 EDT and closes at 03:00
//     EST: three real hours.
//   - Times skipped when clocks go forward resolve to the moment of the
//     jump. In New York on 2026-03-08 the clock goes from 01:59 EST to 03:00
//     EDT, so a rule opening at 02:30 opens at 03:00 EDT, and a 01:00–03:00
//     rule lasts one real hour. (time.Date gives no such guarantee: for
//     New York it turns 02:30 into 01:30 EST, opening half an hour before
//     the jump, and for London it moves skipped times an hour later.) A
//     period that lies wholly inside the skipped hour does not happen that
//     day.
//
// A JavaScript port of IsOpen and Next must follow the same rule; the cases
// in testdata/vectors.json are shared test vectors for it.
//
// # Next
//
// Next finds the next change of state strictly after an instant. It never
// loops: rules repeat weekly between the dates on which some rule's
// validity starts or ends, so it examines two weeks after the instant and
// two weeks after each such date, and if nothing changes there, nothing
// ever will (ok is false).
//
// # Status
//
// StatusAt says what the hours mean at one instant, for the open-now badge:
// open, closed, or, for a service that takes messages when it is closed
// (an after_hours policy), taking messages; and Status.Text says it in one
// line, with the next change in the schedule's zone: "Taking messages now;
// answered from 9am Eastern Time, Monday". The browser's port
// (static/js/hours.js) must produce the same text; js_test.go checks it.
//
// # Describing hours
//
// Describe renders one line per rule, in the schedule's zone, with a
// friendly zone name from ZoneName: "9am–7pm Eastern Time, Monday to
// Friday", "Closed 25 December 2026". OpeningHoursSpecs gives the data for
// schema.org OpeningHoursSpecification.
package hours
