// `node .bench-cache/build/bench/cpu-profile-summary.js FILE.cpuprofile [TOP]`: where a CPU
// profile (node --cpu-prof) spent its time — self time per function and the hottest lines.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  positionTicks?: { line: number; ticks: number }[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

const [file, topArg] = process.argv.slice(2);
if (file === undefined) throw new Error('usage: cpu-profile-summary FILE.cpuprofile [TOP]');
const top = Number(topArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const short = (url: string): string => url.replace(/^.*\/(build|node_modules)\//, '');
const byFunction = new Map<string, number>();
const byLine = new Map<string, number>();
let total = 0;
for (const n of profile.nodes) {
  const hits = n.hitCount ?? 0;
  total += hits;
  const f = `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  byFunction.set(f, (byFunction.get(f) ?? 0) + hits);
  for (const t of n.positionTicks ?? []) {
    const l = `${short(n.callFrame.url)}:${t.line} (${n.callFrame.functionName || 'anonymous'})`;
    byLine.set(l, (byLine.get(l) ?? 0) + t.ticks);
  }
}
const print = (title: string, m: Map<string, number>): void => {
  console.log(title);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`${((100 * v) / total).toFixed(1).padStart(6)} %  ${k}`);
};
console.log(`${total} samples, ${((profile.endTime - profile.startTime) / 1e6).toFixed(2)} s`);
print('self time by function:', byFunction);
print('self time by line:', byLine);
