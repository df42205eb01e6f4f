// Opening hours: "Open now", "Closed now · opens 9am Eastern Time
// tomorrow" and, for a service that takes messages after hours, "Taking
// messages now; answered from 9am Eastern Time, Monday".
//
// A port of the Go package generator/hours (eval.go, status.go). Both must
// agree on generator/hours/testdata/*vectors.json; the Go tests run this
// file under Node to check (generator/hours/js_test.go). The rules, the
// same in both: wall times are read in the organization's IANA zone; a time
// skipped by a DST jump means the moment of the jump; a repeated time means
// its first occurrence; a period whose closing time is not after its
// opening time ends the next day; closures beat openings. The text names
// the next change in the organization's zone, as the hours beside it do.
//
// Without JavaScript the page shows the hours as text; this only adds the
// badge. Elements with data-schedule='{"zone":..., "always_open":...,
// "ranges":[{"byday","opens_at","closes_at","valid_from","valid_to","closed"}]}'
// get their text set and their hidden attribute removed. The work is done
// once per distinct schedule, at one instant. The build adds the zone's UTC
// offsets for the years around it ("offsets", see Go's BrowserJSONAt), so
// that wall clocks are read by arithmetic: creating an Intl.DateTimeFormat
// for a zone takes a cheap phone tens of milliseconds. Outside those years
// (or without them) one cached Intl.DateTimeFormat per zone is asked.
(function (root) {
  "use strict";
  var MIN = 60000, DAY = 86400000;
  var DAYS = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };
  var fmts = {};

  // wallOf returns the wall clock in zone ({id, offsets}) at instant t, as a
  // UTC timestamp, to the second.
  function wallOf(t, zone) {
    var sec = Math.floor(t / 1000), o = zone.offsets;
    if (o && sec >= o[0] && sec < o[o.length - 1]) {
      var i = 2;
      while (i < o.length - 1 && o[i] <= sec) i += 2;
      return (sec + o[i - 1]) * 1000;
    }
    var f = fmts[zone.id] || (fmts[zone.id] = new Intl.DateTimeFormat("en-US", {
      timeZone: zone.id, hourCycle: "h23", year: "numeric", month: "2-digit",
      day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit"
    }));
    var p = {};
    f.formatToParts(new Date(t)).forEach(function (x) { p[x.type] = +x.value; });
    return Date.UTC(p.year, p.month - 1, p.day, p.hour % 24, p.minute, p.second);
  }
  function offset(t, zone) { return wallOf(Math.floor(t / 1000) * 1000, zone) - Math.floor(t / 1000) * 1000; }

  // at: the instant the wall clock in zone first reads minute c of day d
  // (d is a UTC midnight timestamp standing for a civil date).
  function at(d, c, zone) {
    var wall = d + c * MIN;
    var offs = [offset(wall - DAY, zone), offset(wall + DAY, zone)], first = null;
    offs.forEach(function (off) {
      var u = wall - off;
      if (Math.floor(wallOf(u, zone) / MIN) === Math.floor(wall / MIN) && (first === null || u < first)) first = u;
    });
    if (first !== null) return first;
    // Skipped by a jump forward: find the jump after the instant that
    // reads just before it, to the second.
    var lo = wall - offs[1], hi = lo + DAY, o = offset(lo, zone);
    if (offset(hi, zone) === o) return lo;
    while (hi - lo > 1000) {
      var mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (offset(mid, zone) === o) lo = mid; else hi = mid;
    }
    return hi;
  }

  function parseClock(s) { var m = /^(\d{1,2}):(\d{2})/.exec(s || ""); return m ? (+m[1]) * 60 + (+m[2]) : 0; }
  function parseDate(s) { var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s || ""); return m ? Date.UTC(+m[1], m[2] - 1, +m[3]) : null; }

  function compile(spec) {
    return {
      zone: { id: spec.zone || "UTC", offsets: spec.offsets || null },
      always: !!spec.always_open,
      ranges: (spec.ranges || []).map(function (r) {
        var o = parseClock(r.opens_at), c = parseClock(r.closes_at);
        return {
          days: (r.byday || "").split(/[\s,]+/).filter(Boolean).map(function (x) { return DAYS[x.toUpperCase()]; }),
          opens: o, closes: c, from: parseDate(r.valid_from), to: parseDate(r.valid_to),
          closed: !!r.closed, whole: !!r.closed && o === 0 && c === 0
        };
      })
    };
  }

  function applies(r, d) {
    if (r.from !== null && d < r.from || r.to !== null && d > r.to) return false;
    return (r.closed && r.days.length === 0) || r.days.indexOf(new Date(d).getUTCDay()) >= 0;
  }

  function periods(s, first, last) {
    var p = { always: s.always, open: [], closed: [] };
    for (var d = first; d <= last; d += DAY) {
      s.ranges.forEach(function (r) {
        if (!applies(r, d)) return;
        var sp = [at(d, r.opens, s.zone), at(d, r.closes, s.zone)];
        if (r.whole) sp[1] = at(d + DAY, 0, s.zone);
        else if (r.closes <= r.opens) sp[1] = at(d + DAY, r.closes, s.zone);
        (r.closed ? p.closed : p.open).push(sp);
      });
    }
    return p;
  }
  function inSpan(sp, t) { return t >= sp[0] && t < sp[1]; }
  function openAt(p, t) {
    if (p.closed.some(function (sp) { return inSpan(sp, t); })) return false;
    return p.always || p.open.some(function (sp) { return inSpan(sp, t); });
  }
  function dateOf(t, zone) { var w = wallOf(t, zone); return w - ((w % DAY) + DAY) % DAY; }

  function isOpen(s, t) {
    var d = dateOf(t, s.zone);
    return openAt(periods(s, d - DAY, d + DAY), t);
  }

  function validityChanges(s) {
    var ds = [];
    s.ranges.forEach(function (r) {
      if (r.from !== null) ds.push(r.from);
      if (r.to !== null) ds.push(r.to + DAY);
    });
    return ds.sort(function (a, b) { return a - b; }).filter(function (x, i, a) { return i === 0 || a[i - 1] !== x; });
  }

  // next: the first instant after t at which the state changes, and the
  // state then; null when it never changes.
  function next(s, t) {
    var now = isOpen(s, t), changes = validityChanges(s), from = dateOf(t, s.zone);
    for (;;) {
      var to = from + 14 * DAY;
      var nx = changes.filter(function (x) { return x > from; })[0];
      if (nx !== undefined && to >= nx) to = nx - DAY;
      var end = at(to + DAY, 0, s.zone), p = periods(s, from - DAY, to);
      var edges = [];
      p.open.concat(p.closed).forEach(function (sp) { edges.push(sp[0], sp[1]); });
      edges.sort(function (a, b) { return a - b; });
      for (var i = 0; i < edges.length; i++) {
        var e = edges[i];
        if (e > t && e < end && openAt(p, e) !== now) return { at: e, open: !now };
      }
      nx = changes.filter(function (x) { return x > to; })[0];
      if (nx === undefined) return null;
      from = nx;
    }
  }

  var WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];

  // status: as Go's Schedule.StatusAt.
  function status(s, t, messages) {
    var open = isOpen(s, t), n = next(s, t);
    return { at: t, open: open, messages: !open && !!messages, next: n ? n.at : null };
  }

  // clockText: as Go's clockText: "9am", "9:30pm", "noon", "midnight".
  function clockText(c) {
    if (c === 0 || c === 1440) return "midnight";
    if (c === 720) return "noon";
    var h = Math.floor(c / 60), m = c % 60, suffix = h >= 12 ? "pm" : "am";
    h = h % 12 || 12;
    return h + (m ? ":" + (m < 10 ? "0" : "") + m : "") + suffix;
  }

  var WEEKDAYS_ES = ["domingo", "lunes", "martes", "miércoles", "jueves", "viernes", "sábado"];
  var MONTHS_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
    "agosto", "septiembre", "octubre", "noviembre", "diciembre"];

  // clockPhraseES: as Go's clockPhraseES: "las 9 a. m.", "la 1:30 p. m.",
  // "mediodía", "medianoche".
  function clockPhraseES(c) {
    if (c === 0 || c === 1440) return "medianoche";
    if (c === 720) return "mediodía";
    var h = Math.floor(c / 60), m = c % 60, suffix = h >= 12 ? "p. m." : "a. m.";
    h = h % 12 || 12;
    return (h === 1 ? "la " : "las ") + h + (m ? ":" + (m < 10 ? "0" : "") + m : "") + " " + suffix;
  }

  // text: as Go's Status.TextIn. l holds the labels (Go's Labels, lower
  // case) and l.lang the page's language: Spanish (es, es-MX...) is written
  // as Spanish does, any other language as English, as in Go.
  function text(s, st, zoneName, l) {
    var head = l.closed, verb = l.opens, sep = " · ";
    if (st.open) { head = l.open; verb = l.closes; }
    else if (st.messages) { head = l.messages; verb = l.answered; sep = "; "; }
    if (st.next === null) return head;
    var w = new Date(wallOf(st.next, s.zone)), c = w.getUTCHours() * 60 + w.getUTCMinutes();
    var days = Math.round((dateOf(st.next, s.zone) - dateOf(st.at, s.zone)) / DAY), when;
    if (/^es(-|$)/.test(l.lang || "")) {
      when = clockPhraseES(c) + ", " + zoneName;
      if (days === 0) when += ", " + l.today;
      else if (days === 1) when += ", " + l.tomorrow;
      else if (days < 7) when += ", el " + WEEKDAYS_ES[w.getUTCDay()];
      else when += ", el " + WEEKDAYS_ES[w.getUTCDay()] + " " + w.getUTCDate() + " de " + MONTHS_ES[w.getUTCMonth()];
      return head + sep + verb + " " + when;
    }
    when = clockText(c) + " " + zoneName;
    if (days === 0) when += " " + l.today;
    else if (days === 1) when += " " + l.tomorrow;
    var wd = WEEKDAYS[w.getUTCDay()];
    if (days > 1 && days < 7) when += ", " + wd;
    else if (days >= 7) when += ", " + wd + " " + w.getUTCDate() + " " + MONTHS[w.getUTCMonth()];
    return head + sep + verb + " " + when;
  }

  var api = { compile: compile, isOpen: isOpen, next: next, status: status, text: text };
  if (typeof module === "object" && module.exports) { module.exports = api; return; }

  // The badges. Services often share hours (the hotline's three non-urgent
  // lines): each distinct schedule is worked out once.
  var LABELS = ["open", "closed", "messages", "answered", "opens", "closes", "today", "tomorrow"];
  var lang = root.document && document.documentElement.lang;
  function badges() {
    var t = Date.now(), done = {};
    Array.prototype.forEach.call(document.querySelectorAll("[data-schedule]"), function (el) {
      var messages = el.hasAttribute("data-messages");
      var key = (messages ? "m" : "") + el.getAttribute("data-schedule"), b = done[key];
      if (!b) {
        try {
          var s = compile(JSON.parse(el.getAttribute("data-schedule"))), st = status(s, t, messages), l = { lang: lang };
          LABELS.forEach(function (k) { l[k] = el.getAttribute("data-" + k) || ""; });
          b = done[key] = { text: text(s, st, el.getAttribute("data-zone-name") || s.zone.id, l),
            cls: st.open ? "is-open" : st.messages ? "is-messages" : "is-closed" };
        } catch (e) { return; }
      }
      el.textContent = b.text;
      el.classList.add(b.cls);
      el.hidden = false;
    });
  }
  if (root.document) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", badges); else badges();
  }
})(this);
