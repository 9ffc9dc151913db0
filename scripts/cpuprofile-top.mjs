#!/usr/bin/env node
// Prints where a V8 .cpuprofile spent its time: the functions with the most
// self time and the most total (self + callees) time.
//   node scripts/cpuprofile-top.mjs FILE [N]
import fs from 'node:fs';
import path from 'node:path';

const [file, limit = '25'] = process.argv.slice(2);
if (!file) {
  console.error('usage: cpuprofile-top.mjs FILE [N]');
  process.exit(2);
}
const { nodes, samples, timeDeltas } = JSON.parse(
  fs.readFileSync(file, 'utf8'),
);
const byId = new Map(nodes.map(n => [n.id, n]));
const parent = new Map();
for (const n of nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const label = n => {
  const { functionName, url, lineNumber } = n.callFrame;
  const where = url ? `${path.basename(url)}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
};
const self = new Map();
const total = new Map();
let all = 0;
samples.forEach((id, i) => {
  const dt = (timeDeltas[i] ?? 0) / 1000;
  all += dt;
  const name = label(byId.get(id));
  self.set(name, (self.get(name) ?? 0) + dt);
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const frame = label(byId.get(at));
    if (seen.has(frame)) continue;
    seen.add(frame);
    total.set(frame, (total.get(frame) ?? 0) + dt);
  }
});
const top = (map, title) => {
  console.log(`\n${title} (of ${all.toFixed(0)} ms sampled)`);
  for (const [name, ms] of [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, +limit))
    console.log(`${ms.toFixed(1).padStart(9)} ms  ${name}`);
};
top(self, 'self time');
top(total, 'total time');
