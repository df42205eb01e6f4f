// Checks static/js/hours.js against test vectors written by the Go tests:
//   node check-js.js VECTORS.json
// Each case: {zone, zone_name, zone_name_es, offsets, always_open, ranges,
// checks: [{at, open, next, next_open, text, messages_text, text_es,
// messages_text_es}]}; the texts (Go's Status.Text with English labels,
// TextIn("es") with the file's labels_es) are checked when present. A case
// with an offset table is read twice: through Intl and through the table.
// Prints every disagreement and exits 1 if there is one.
"use strict";
const fs = require("fs");
const path = require("path");
const hours = require(path.join(__dirname, "../../../static/js/hours.js"));
const english = { open: "Open now", closed: "Closed now", messages: "Taking messages now",
  answered: "answered from", opens: "opens", closes: "closes", today: "today", tomorrow: "tomorrow" };
const file = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
let bad = 0, checks = 0;
const runs = [];
for (const c of file.cases) {
  runs.push([c, hours.compile({ zone: c.zone, always_open: c.always_open, ranges: c.ranges }), ""]);
  if (c.offsets) runs.push([c, hours.compile({ zone: c.zone, always_open: c.always_open, ranges: c.ranges, offsets: c.offsets }), " (offset table)"]);
}
for (const [c, s, how] of runs) {
  for (const ch of c.checks) {
    checks++;
    const t = Date.parse(ch.at);
    const open = hours.isOpen(s, t);
    const n = hours.next(s, t);
    const want = ch.next ? Date.parse(ch.next) : null;
    const got = n ? n.at : null;
    const st = { at: t, open, messages: false, next: n ? n.at : null };
    for (const [field, messages, es] of [["text", false], ["messages_text", true], ["text_es", false, true], ["messages_text_es", true, true]]) {
      if (ch[field] === undefined) continue;
      st.messages = !open && messages;
      const text = es ? hours.text(s, st, c.zone_name_es, file.labels_es) : hours.text(s, st, c.zone_name, english);
      if (text !== ch[field]) {
        bad++;
        if (bad <= 20) console.log(`${c.name}${how} at ${ch.at}: ${field} ${JSON.stringify(text)}, want ${JSON.stringify(ch[field])}`);
      }
    }
    if (open !== ch.open || got !== want || (n && n.open !== ch.next_open)) {
      bad++;
      if (bad <= 20) {
        console.log(`${c.name}${how} at ${ch.at}: got open=${open} next=${got === null ? null : new Date(got).toISOString()} ${n ? n.open : ""}; ` +
          `want open=${ch.open} next=${want === null ? null : new Date(want).toISOString()} ${ch.next_open}`);
      }
    }
  }
}
console.log(`${checks} checks, ${bad} disagreements`);
process.exit(bad ? 1 : 0);
