// Prints the gzipped size of the JavaScript the first page load needs (the entry scripts that
// index.html references plus their static imports) and fails above the 150 KB budget.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BUDGET = 150 * 1024;
const dist = "dist";
const html = readFileSync(join(dist, "index.html"), "utf8");
const inline = /<script(?![^>]*\bsrc=)[^>]*>/i.exec(html);
if (inline) {
  console.error(`index.html has an inline script (${inline[0]}); the CSP forbids it.`);
  process.exit(1);
}
const entries = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
const seen = new Set();
function visit(file) {
  if (seen.has(file)) return;
  seen.add(file);
  const code = readFileSync(join(dist, file), "utf8");
  for (const m of code.matchAll(/(?:import|from)\s*["']\.\/([^"']+\.js)["']/g)) visit(`assets/${m[1]}`);
}
entries.forEach(visit);
let total = 0;
for (const file of seen) total += gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
const kb = (total / 1024).toFixed(1);
console.log(`initial JavaScript: ${kb} KB gzipped over ${seen.size} file(s) (budget 150 KB)`);
if (total > BUDGET) {
  console.error("over the 150 KB budget");
  process.exit(1);
}
