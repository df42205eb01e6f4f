// Opening hours: "Open now" / "Opens at 9:00 AM your time" badges.
//
// A port of the Go package generator/hours (eval.go). Both must agree on
// generator/hours/testdata/*vectors.json; the Go tests run this file under
// Node to check (generator/hours/js_test.go). The rules, the same in both:
// wall times are read in the organization's IANA zone; a time skipped by a
// DST jump means the moment of the jump; a repeated time means its first
// occurrence; a period whose closing time is not after its opening time
// ends the next day; closures beat openings.
//
// Without JavaScript the page shows the hours as text; this only adds the
// badge. Elements with data-schedule='{"zone":..., "always_open":...,
// "ranges":[{"byday","opens_at","closes_at","valid_from","valid_to","closed"}]}'
// get their text set and their hidden attribute removed.
(function (root) {
  "use strict";
  var MIN = 60000, DAY = 86400000;
  var DAYS = { SU: 0, MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6 };
  var fmts = {};

  // wallOf returns the wall clock in zone at instant t, as a UTC timestamp.
  function wallOf(t, zone) {
    var f = fmts[zone] || (fmts[zone] = new Intl.DateTimeFormat("en-US", {
      timeZone: zone, hourCycle: "h23", year: "numeric", month: "2-digit",
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
      zone: spec.zone || "UTC",
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

  var api = { compile: compile, isOpen: isOpen, next: next };
  if (typeof module === "object" && module.exports) { module.exports = api; return; }

  // The badges, in the visitor's own time zone and the page's language:
  // times on a Spanish page are written as US Spanish writes them (7:00 p. m.),
  // as the page's own text is; the directory is of the United States.
  var locale = (root.document && document.documentElement.lang) || undefined;
  if (locale === "es") locale = "es-US";
  function badge(el) {
    var s;
    try { s = compile(JSON.parse(el.getAttribute("data-schedule"))); } catch (e) { return; }
    var t = Date.now(), open = isOpen(s, t), n = next(s, t);
    var fmt = function (x) {
      var sameDay = new Date(x).toDateString() === new Date(t).toDateString();
      return new Date(x).toLocaleString(locale, sameDay ? { hour: "numeric", minute: "2-digit" } :
        { weekday: "long", hour: "numeric", minute: "2-digit" });
    };
    var text = open ? el.getAttribute("data-open") : el.getAttribute("data-closed");
    if (n) text += " · " + (open ? el.getAttribute("data-closes") : el.getAttribute("data-opens")) + " " + fmt(n.at) + " " + el.getAttribute("data-yourtime");
    else if (open && el.getAttribute("data-always")) text += " · " + el.getAttribute("data-always");
    el.textContent = text;
    el.classList.add(open ? "is-open" : "is-closed");
    el.hidden = false;
  }
  if (root.document) {
    var run = function () { Array.prototype.forEach.call(document.querySelectorAll("[data-schedule]"), badge); };
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run); else run();
  }
})(this);
