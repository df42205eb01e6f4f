// Runs Lighthouse on the main page types of a locally served build and
// prints the four scores of each. Usage: node audit.mjs BASE_URL
// (make audit serves the bundled site and runs this). Chromium is
// $CHROME_PATH (default /usr/bin/chromium), started with the same flags as
// the Go browser tests and nothing else, in a fresh profile.
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";

const base = (process.argv[2] || "").replace(/\/$/, "");
if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(base)) {
  console.error("usage: node audit.mjs http://127.0.0.1:PORT");
  process.exit(2);
}
const pages = [
  ["home", "/"],
  ["material", "/materials/what-happens-when-you-call/"],
  ["directory", "/organizations/"],
  ["services", "/services-and-hours/"],
];
const categories = ["performance", "accessibility", "best-practices", "seo"];

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || "/usr/bin/chromium",
  ignoreDefaultFlags: true,
  chromeFlags: [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
const rows = [];
let failed = false;
try {
  for (const [name, path] of pages) {
    const result = await lighthouse(base + path, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: categories,
    });
    const lhr = result.lhr;
    if (lhr.runtimeError) {
      console.error(`${name}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
      failed = true;
    }
    const scores = categories.map((c) => Math.round((lhr.categories[c].score ?? 0) * 100));
    rows.push([name, ...scores]);
    // Say what keeps a score under 100.
    for (const c of categories) {
      for (const ref of lhr.categories[c].auditRefs) {
        const a = lhr.audits[ref.id];
        if (ref.weight > 0 && a.score !== null && a.score < 1) {
          console.error(`${name}: ${c}: ${a.id} (${Math.round(a.score * 100)}): ${a.title}${a.displayValue ? " — " + a.displayValue : ""}`);
        }
      }
    }
    // When the main thread is what costs performance, say what it did
    // (Lighthouse's simulated 4x slowdown: times are as simulated).
    if (lhr.audits["total-blocking-time"]?.score < 1) {
      const work = lhr.audits["mainthread-work-breakdown"]?.details?.items ?? [];
      const tasks = lhr.audits["long-tasks"]?.details?.items ?? [];
      console.error(`${name}: main thread: ${work.map((w) => `${w.groupLabel ?? w.group} ${Math.round(w.duration)} ms`).join(", ")}`);
      console.error(`${name}: long tasks: ${tasks.map((t) => `${t.url.replace(base, "")} at ${Math.round(t.startTime)} ms for ${Math.round(t.duration)} ms`).join("; ")}`);
    }
  }
} finally {
  await chrome.kill();
}
const head = ["page", "performance", "accessibility", "best-practices", "seo"];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (r) => r.map((v, i) => (i ? String(v).padStart(widths[i]) : String(v).padEnd(widths[i]))).join("  ");
console.log(line(head));
for (const r of rows) console.log(line(r));
process.exit(failed ? 1 : 0);
