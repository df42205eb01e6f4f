// Checks static/js/hours.js against test vectors written by the Go tests:
//   node check-js.js VECTORS.json
// Each case: {zone, always_open, ranges, checks: [{at, open, next, next_open}]}.
// Prints every disagreement and exits 1 if there is one.
"use strict";
const fs = require("fs");
const path = require("path");
const hours = require(path.join(__dirname, "../../../static/js/hours.js"));
const file = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
let bad = 0, checks = 0;
for (const c of file.cases) {
  const s = hours.compile({ zone: c.zone, always_open: c.always_open, ranges: c.ranges });
  for (const ch of c.checks) {
    checks++;
    const t = Date.parse(ch.at);
    const open = hours.isOpen(s, t);
    const n = hours.next(s, t);
    const want = ch.next ? Date.parse(ch.next) : null;
    const got = n ? n.at : null;
    if (open !== ch.open || got !== want || (n && n.open !== ch.next_open)) {
      bad++;
      if (bad <= 20) {
        console.log(`${c.name} at ${ch.at}: got open=${open} next=${got === null ? null : new Date(got).toISOString()} ${n ? n.open : ""}; ` +
          `want open=${ch.open} next=${want === null ? null : new Date(want).toISOString()} ${ch.next_open}`);
      }
    }
  }
}
console.log(`${checks} checks, ${bad} disagreements`);
process.exit(bad ? 1 : 0);
