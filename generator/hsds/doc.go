// Package hsds converts the organization directory to and from Open
// Referral's Human Services Data Specification (HSDS,
// https://docs.openreferral.org), the format in which referral directories
// exchange their data: a coalition can publish its directory for 211 lines
// and other tools, and start its own from theirs.
//
// It is a package of its own because it is a translation at the edge of
// the project, not a step in building pages: it knows HSDS's tables, field
// names and quirks, which nothing else should have to, and it reads only
// the loaded directory (package directory) and its hours (package hours).
//
// # Export
//
// [Write] turns the loaded organizations into HSDS 3 JSON files:
//
//	organizations.json      every organization, without its nested records,
//	                        shaped as HSDS's API answers GET /organizations
//	                        (total_items, ..., contents)
//	organizations/ID.json   one organization, fully nested as HSDS's
//	                        "organization_full": phones, locations with
//	                        addresses, services with schedules and languages
//
// ID is the organization file's name: nhtrc.yaml gives organizations/nhtrc.json.
// Every `build` writes the export into public/hsds/, inside the new output
// folder before it replaces the old one, so the export is published with
// the pages or not at all; `go run ./generator export-hsds -out DIR` writes
// it on its own. The bytes depend only on the directory: the same files give
// the same export, whatever the clock or the order of loading, and the test
// of this package validates every file against the HSDS 3 JSON schemas.
//
// # Ids
//
// HSDS wants a UUID on every record. Each is a version 5 (name-based) UUID
// of the record's path in the directory, in a namespace fixed for this
// generator: nhtrc for the organization, nhtrc/services/3 for its fourth
// service, nhtrc/services/3/schedules/0 for that service's first schedule
// row. An id stays the same from one build to the next for as long as the
// file keeps its name and the record its place in its list; moving a
// service up the file gives it, and those below it, new ids.
//
// # From our YAML to HSDS 3
//
// Our format differs from HSDS on purpose (see package directory); the
// export maps each difference back:
//
//	address (one per location)   addresses: a list of one, address_type =
//	                             the location_type; country US when none
//	                             is given, as the directory is of the United
//	                             States (its phone numbers are read so too)
//	eligibility                  eligibility_description
//	languages: [en, es]          language records {id, code, name}, the
//	                             name in English ("Spanish")
//	phone type hotline           type voice, description "Hotline. ..."
//	phone type tty               textphone (HSDS uses RFC 6350's types)
//	phone number                 international format, "+1 888-373-7888";
//	                             short codes (233733, 711) as they are
//	extension "204"              extension 204 (a number in HSDS); any other
//	                             extension goes into the description
//	last_verified                each service's assured_date ("the date that
//	                             the information about the service was last
//	                             checked"); HSDS has no such organization field
//	a service                    status active (required by HSDS)
//	after_hours                  the notes of the service's opening schedules
//
// Left out, because HSDS has no place for them: a service's urgency,
// phones' display text, tags, and sources (HSDS 3's metadata records
// changes to fields, not where facts were found). Draft organizations are
// not exported at all.
//
// # Schedules and time zones
//
// Each schedule row becomes one HSDS schedule, with freq WEEKLY, byday in
// HSDS's form (MO,TU,WE,TH,FR), opens_at and closes_at as HH:MM, and
// valid_from and valid_to. Its description says the rule in words, as the
// site does ("9am–7pm Eastern Time, Monday to Friday"), followed by the
// row's own description.
//
// HSDS gives a schedule's time zone as one number, a UTC offset in hours,
// where we give an IANA zone (America/New_York) whose offset changes with
// daylight saving time. No single number is right all year, so:
//
//   - opens_at and closes_at are local wall-clock times, without an offset
//     suffix: 09:00 means nine in the morning where the service is, in
//     winter and in summer;
//   - timezone is the zone's standard-time offset (-5 for New York), or,
//     for a rule whose dates lie wholly in daylight or in standard time (a
//     holiday), the offset in force on those dates;
//   - notes name the zone and both offsets in words: "Times are in Eastern
//     Time, IANA time zone America/New_York: UTC-05:00, or UTC-04:00 during
//     daylight saving time. The timezone field gives standard time."
//
// A reader that takes timezone literally is an hour off in summer; one that
// reads the notes, or just shows opens_at to people, is right. That loss is
// HSDS's, and the notes are there to undo it.
//
// open_24_7 becomes byday MO,TU,WE,TH,FR,SA,SU from 00:00 to 23:59, the
// convention of schema.org that the site's JSON-LD follows too; a rule that
// runs to midnight closes at 23:59, as HSDS has no 24:00. HSDS has no
// closures: a closed row (a holiday) becomes a schedule with its dates, a
// description such as "Closed 25 December 2026", a note that it is a
// closure, and no days or times, so that no program can take it for
// opening hours.
//
// # Confidential locations
//
// HSDS has no confidential locations. A confidential location (a shelter)
// is exported as a physical location without a name whose address gives
// its city, state and country only: address_1 and postal_code, which HSDS
// requires, are empty, and attention, address_2, region and the
// coordinates are left out. Its description is "Confidential location:
// only its city and state are published.", and nothing else: the editor's
// description may say how to get in. directory.Load blanks those fields already; the export does
// not read them for a confidential location anyway, so an organization
// built some other way cannot leak them either. The tests check both.
//
// # Import
//
// [Import] reads a folder of HSDS tabular CSV files and makes one
// organization file in our YAML format per organization:
//
//	go run ./generator import-hsds -in DIR [-out content/organizations] [-timezone America/New_York] [-force]
//
// It reads HSDS 3.x (as in the specification's examples/csv) and HSDS 1.0
// as exported by Ohana API (as in the Lexington data). The folder is HSDS 3
// when it has schedules.csv or service_at_location.csv, or its addresses
// have an address_type; otherwise it is HSDS 1.0. Either way each column
// is looked for under both names (address_1 or street_1, type or
// number_type, eligibility_description or eligibility), so a folder halfway
// between the two is read too.
//
// Each file is named after the organization (Hope Center is hope-center.yaml;
// a second one is hope-center-2.yaml) and starts with a comment that says
// where it came from (the folder, and the line and id of the organization
// in organizations.csv) and what a person must check. Nothing depends on
// the clock: last_verified is written only when the source gives a date on
// which the facts were checked (HSDS 3's assured_date; the oldest of the
// organization's services), and is never invented.
//
// What goes where: every phone of an organization, its locations' and its
// services' and its contacts' alike, is a phone of the organization (ours
// have no others), listed once. A location keeps one address: its physical
// one, or else its postal one; a different postal address becomes a second
// location named "Mailing address". Hours and languages given for a
// location go to each service at that location (HSDS 1.0: the services
// with its location_id; HSDS 3: service_at_location.csv). A service with
// no name is named after its location, or its organization. Contacts
// (people) are not imported. The importer never marks a location
// confidential, since HSDS cannot say so: the header of each file with a
// street address says to set location_type: confidential for a shelter
// before publishing.
//
// # Phone numbers
//
// Numbers are read with directory.NormalizePhone, as the directory reads
// them, after taking off quotes around them. Separators do not matter, so
// 270/843-9130, (606)-526-9552 and 800.713.0954 are all fine. One more
// rule mends a mistake common in hand-kept lists: an area code written
// before a whole toll-free number, (859) 1-800-928-8000, is dropped, since
// toll-free numbers have no area code; that number is read as
// 1-800-928-8000, with a warning to check it. A number is written back as
// 202-555-0100 (1-800-928-8000 for toll-free ones, international format
// outside North America), with the source's spelling in a comment when it
// differs. An extension keeps what follows its label: "Ext 1146; 1268" is
// extension "1146; 1268". Phone types: cell, mobile, main and work are
// voice; sms is text; textphone and tdd are tty.
//
// # Hours
//
// HSDS 1.0 regular_schedules give one weekday per row, as a name (Monday,
// Mon) or a number from 1 (Monday) to 7 (Sunday), Ohana's ISO numbering;
// rows of a service with the same hours are merged into one byday list.
// holiday_schedules rows that are closed become closures (closed: true
// from start_date to end_date); special opening hours on holidays are
// left out with a warning, because our format writes them by bounding the
// regular hours (see package hours), which takes a person's judgement.
// HSDS 3 schedules are read when they repeat weekly (freq WEEKLY or DAILY,
// interval 1): a row that needs count, byweekno, bymonthday, byyearday or
// a monthly rule is left out, rather than turned into hours that are wrong
// on some days; dtstart and until narrow valid_from and valid_to.
//
// Times may be 24-hour (17:00, 17:00:00, 1700) or 12-hour (5:00 PM, 5pm,
// 5 p.m.); a time without am or pm is a 24-hour time, so "5:00" is five in
// the morning. 00:00 to 00:00 is the whole day, and a closing time of 23:59
// is read as midnight. Dates are ISO (2015-01-01) or US month first
// (1/1/2015). A rule of every day around the clock becomes open_24_7.
//
// Our hours are in an IANA zone; HSDS data gives a UTC offset at best, and
// HSDS 1.0 none. A row's own offset (HSDS 3's timezone, or one written on
// opens_at: 09:00-05:00) is read as the -timezone zone when that zone has
// this offset in standard or daylight time, and otherwise as a fixed zone
// (Etc/GMT+5 for UTC-5; a half-hour offset has none, and is left out).
// Hours with no offset are in the -timezone zone; without -timezone they
// are left out, each with a warning (HSDS 3 reads such times as UTC, which
// is rarely what the data means). The organization's timezone is the zone
// of its first hours; a service whose hours are in two zones keeps those in
// the first.
//
// # Warnings
//
// Each value that cannot be converted is reported at its place and left
// out, and the rest is imported:
//
//	lexington/phones.csv:4:6: warning: `number`: "555-01" is not a valid phone number: the phone is left out (...)
//
// The position is the CSV line (of the row's first line, for fields with
// line breaks) and the column, both from 1, and the message names the
// column. Values in columns the directory has no place for are reported
// once per column, at the header; tables with nothing for the directory
// (funding, taxonomies, ...) once per file. The command exits 0 with
// warnings, and 1 when a file cannot be read at all (it is not valid CSV,
// or organizations.csv is missing), when an organization file to write
// exists already (pass -force to replace it), or when what it would write
// does not load without errors; then it writes nothing.
package hsds
