// What a snapshot projection with a count history spends per store revision on its files (the
// universe, the universe's prior: choices, the history CSV) and attaching the history: each
// revision computes a new frame, so in a server these run once per revision. The 2021 runoff's
// 40 % replay over its universe, with the first round's 20-cut course (README's example).
// `npx tsc -p tsconfig.bench.json && node .bench-cache/build/bench/history-reads.js`
import { loadavg } from 'node:os';
import { historyOverUniverseFile } from '../src/elections/prior-history.js';
import { readUniverse } from '../src/elections/universe.js';
import { dataPath } from '../src/io/paths.js';
import { readSnapshotCsv } from '../src/projection/snapshot-csv.js';
import { snapshotOverUniverse } from '../src/results/projection.js';

const UNIVERSE = dataPath('peru/2021/presidential_r2/universe_2021_r2_departments.csv');
const COURSE = dataPath('peru/2021/presidential_r1/count_course_2021_r1_replay_urban-first.csv.gz');
const SNAPSHOT = dataPath('peru/2021/presidential_r2/snapshot_2021_r2_replay_40pct.csv');
const REVISIONS = 50;

const snapshot = readSnapshotCsv(SNAPSHOT);
if (!snapshot.ok) throw new Error(JSON.stringify(snapshot.error));
const units = snapshot.value.units;

/** One revision's file work: the universe, the snapshot over it, the history attached. */
function revision(): number {
  const universe = readUniverse(UNIVERSE);
  if (!universe.ok) throw new Error('universe');
  const over = snapshotOverUniverse(units, universe.value);
  if (!over.ok) throw new Error('over');
  const h = historyOverUniverseFile(over.value.units, COURSE, UNIVERSE);
  if (!h.ok) throw new Error(JSON.stringify(h.error));
  return h.value.used.length;
}

revision(); // the first revision reads every file (and warms the JIT): not counted
const cpu = process.cpuUsage();
let used = 0;
for (let i = 0; i < REVISIONS; i++) used += revision();
const c = process.cpuUsage(cpu);
const ms = (c.user + c.system) / 1000 / REVISIONS;
console.log(
  `history projection file work per later revision: ${ms.toFixed(2)} ms CPU (${REVISIONS} revisions, ${used / REVISIONS} units with history; load ${loadavg()[0]?.toFixed(1)})`,
);
