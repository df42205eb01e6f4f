package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"resourcelib/generator/directory"
)

// cmdNew writes a new material or organization file from a template in
// which every field is explained, so that an editor starts from a file that
// already passes check.
func cmdNew(args []string, stdout, stderr io.Writer) int {
	fl := newFlagSet("new", stderr, "[-source DIR] material|organization TITLE")
	source := fl.String("source", ".", "the site's folder, holding content/")
	if err := fl.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fl.NArg() != 2 || strings.TrimSpace(fl.Arg(1)) == "" {
		fmt.Fprintln(stderr, `generator new: give a kind and a title, such as: generator new material "Recognizing the signs"`)
		fl.Usage()
		return 2
	}
	kind, title := fl.Arg(0), strings.TrimSpace(fl.Arg(1))
	if _, err := sourceFS(*source); err != nil {
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 2
	}
	slug := slugify(title)
	if slug == "" {
		fmt.Fprintf(stderr, "generator new: %q has no letters or digits to make a file name from\n", title)
		return 2
	}
	var name, text string
	switch kind {
	case "material":
		name = filepath.Join("content", "materials", slug+".md")
		text = materialTemplate(title, time.Now())
	case "organization":
		name = filepath.Join("content", "organizations", slug+".yaml")
		text = organizationTemplate(title)
	default:
		fmt.Fprintf(stderr, "generator new: unknown kind %q: use material or organization\n", kind)
		return 2
	}
	full := filepath.Join(*source, name)
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 1
	}
	// O_EXCL: never overwrite, even if the file appears meanwhile.
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(stderr, "generator new: %s already exists; edit it, or choose another title\n", filepath.ToSlash(name))
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 1
	}
	if _, err := io.WriteString(f, text); err != nil {
		f.Close()
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 1
	}
	if err := f.Close(); err != nil {
		fmt.Fprintf(stderr, "generator: %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, filepath.ToSlash(name))
	return 0
}

// slugify makes a file name from a title: "Recognizing the Signs (2026)"
// is recognizing-the-signs-2026 (see directory.Slug).
func slugify(title string) string { return directory.Slug(title) }

// yamlString quotes a value for YAML.
func yamlString(s string) string { return strconv.Quote(s) }

func materialTemplate(title string, now time.Time) string {
	return `---
# The material's title: its heading, and its name in lists, search and feeds.
title: ` + yamlString(title) + `
# One or two sentences shown in lists, search results and link previews.
# Leave it empty to use the start of the text.
description: ""
# The day the material was first published, as YYYY-MM-DD.
date: ` + now.Format("2006-01-02") + `
# The day of the last real change. Add it when you change the material.
# lastmod: ` + now.Format("2006-01-02") + `
# Terms that group materials. Each term gets its own page (/topics/hotline/).
# Write them as a list: [hotline, reporting].
topics: []
# Who the material is for, such as [community-members, medical-professionals].
audience: []
# Free-form tags, such as [nhtrc].
tags: []
# Lists show materials with a weight first, lowest first. Leave it out to
# list the material by date.
# weight: 10
# Replaces the last part of the address, /materials/SLUG/.
# slug: a-shorter-address
# Replaces the whole address.
# url: /training/a-shorter-address/
# Old addresses that now redirect here.
# aliases: [/old/address/]
# The material's language code, if it is not the site's.
# language: es
# A special layout from layouts/, such as services. Rarely needed.
# layout: services
# type: materials
# A draft is left out of the site. Remove this line when the material is
# ready; ` + "`generator serve -drafts`" + ` shows drafts while you write.
draft: true
---

Write the material here, in Markdown. Start sections with ` + "`## Heading`" + `:
each heading gets a link to itself, and long pages get a table of contents.
`
}

func organizationTemplate(name string) string {
	return `# An organization of the directory, after Open Referral HSDS 3.
# Never write a phone number, address or coordinates you have not checked
# against a source. List each source under sources, and set last_verified
# to the day a person checked the facts against them.

# The organization's name. Required.
name: ` + yamlString(name) + `
# Another name it is known by, such as its initials.
# alternate_name: ABC
# What it does and for whom, in a sentence or two. Required.
description: >-
  Describe what ` + strings.ReplaceAll(name, "\n", " ") + ` does, and for whom, in a sentence or two.
# Its website, starting with https://.
# website: https://example.org
# An email address people may write to.
# email: help@example.org
# Where the facts come from, shown on the organization's page: what the
# source is (title), its address if it has one (url), and the day it was
# read (accessed). Write sources here, not in comments.
sources: []
#  - title: Coast Shelter Network's "Get help" page
#    url: https://example.org/get-help
#    accessed: 2026-01-31
# The day a person checked these facts against the sources, as YYYY-MM-DD.
# Leave it out for facts nobody has checked yet.
# last_verified: 2026-01-31
# The IANA time zone of its opening hours, such as America/Los_Angeles.
# timezone: America/Los_Angeles
# Terms for search and filters.
tags: []

# Phone numbers. type is one of: voice, text, fax, tty, hotline.
phones: []
#  - number: "1-888-373-7888"     # as written; checked and turned into a tel: link
#    type: hotline
#    display: "1-888-373-7888"    # how to show it, if not as written
#    extension: ""
#    description: Call 24 hours a day
#    languages: [en, es]          # ISO 639-1 codes

# Places. location_type is one of: physical, postal, virtual, confidential.
# A confidential location (a shelter) shows only its city and state.
locations: []
#  - name: Office
#    location_type: physical
#    description: Enter from the side door.
#    address:
#      attention: ""
#      address_1: 100 Main Street
#      address_2: Suite 2
#      city: San Luis Obispo
#      region: ""
#      state_province: CA
#      postal_code: "93401"
#      country: US
#    latitude: 35.28
#    longitude: -120.66

# What it does for people. urgency is urgent or non-urgent.
services: []
#  - id: crisis-calls
#    name: Crisis calls
#    description: Someone answers at any hour.
#    urgency: urgent
#    languages: [en]
#    eligibility: Anyone
#    minimum_age: 0
#    maximum_age: 99
#    schedules:
#      - open_24_7: true             # or days and times:
#      - byday: MO,TU,WE,TH,FR        # MO TU WE TH FR SA SU
#        opens_at: "09:00"           # HH:MM, 24-hour clock
#        closes_at: "17:00"          # before opens_at means past midnight
#        timezone: America/Los_Angeles
#        valid_from: 2026-12-24      # a date range, for holidays
#        valid_to: 2026-12-26
#        closed: false               # true: closed in that range
#        description: Holiday hours
#    after_hours: Leave a message; staff call back the next business day.

# A draft is left out of the site, the search and the HSDS export. Remove
# this line when the description and contacts are filled in;
# ` + "`generator serve -drafts`" + ` shows drafts while you write.
draft: true
`
}
