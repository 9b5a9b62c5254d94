// `npm run prior-history`: the bundled example of the previous round's count history
// (docs/projection.md, "The previous round's count history"), REPLAYS built by cifra from
// ONPE's per-mesa open data, not ONPE captures:
// - the 2021 first round's count course by department and abroad by continent: the bundled
//   per-mesa file replayed urban-first (seed 1), a cut every 5 % of the actas arrived (20 cuts);
// - a 2021 runoff department snapshot at 40 % of the actas arrived: the bundled runoff per-mesa
//   file replayed urban-first (seed 2), as ONPE's results site shows a count (with eligible_total);
// - the same replay's earlier cut at 32 % (0.8 × 40 %, calibration's PREVIOUS_AT): the units'
//   earlier shares for the two-snapshot arrival drift (`--previous-snapshot`).
// `cifra project --snapshot <snapshot> --universe <r2 universe> --prior-history <course>
// [--previous-snapshot <earlier>]` reads them (README).
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { departmentSnapshot, partialCount } from './lib/calibration.js';
import { replayCourse } from './lib/replay-course.js';
import { replayOrder, type ReplayOrder } from '../src/core/projection/replay-order.js';
import { createRng } from '../src/core/random.js';
import { dataPath } from '../src/io/paths.js';
import { priorHistoryCsv } from './lib/history-csv.js';
import { BLANK, NULL } from '../src/projection/snapshot-csv.js';
import { csvLine } from '../src/results/csv.js';
import { bundledActas } from './calibration-data.js';

const ORDER: ReplayOrder = 'urban-first';
const COURSE_SEED = 1;
const SNAPSHOT_SEED = 2;
const SNAPSHOT_AT = 0.4;
/** scripts/calibrate.ts's PREVIOUS_AT: the earlier cut at 0.8 of the later one's actas. */
const EARLIER_AT = 0.8 * SNAPSHOT_AT;
const COURSE = dataPath('peru/2021/presidential_r1/count_course_2021_r1_replay_urban-first.csv.gz');
const SNAPSHOT = dataPath('peru/2021/presidential_r2/snapshot_2021_r2_replay_40pct.csv');
const EARLIER = dataPath('peru/2021/presidential_r2/snapshot_2021_r2_replay_32pct.csv');
// a department (2 digits); abroad (9…) by continent, the same 2 digits
const unitOf = (place: string): string => place.slice(0, 2);

const orderOf = (actas: readonly { ubigeo: string; eligible: number }[], seed: number) =>
  replayOrder(
    actas.map((a) => ({ ubigeo: a.ubigeo, eligible: a.eligible })),
    ORDER,
    createRng(seed),
  );

const r1 = await bundledActas('pe-2021-presidencial');
const s1 = orderOf(r1.actas, COURSE_SEED);
const cuts = Array.from({ length: 20 }, (_, i) => Math.round(((i + 1) / 20) * s1.length));
const course = replayCourse(
  r1.actas,
  s1,
  unitOf,
  cuts,
  r1.def.choices.length,
  r1.def.pendingFiguresCount ?? false,
);
const percent = new Map(cuts.map((c, i) => [c, `${String((i + 1) * 5).padStart(3, '0')}%`]));
const text = priorHistoryCsv(
  course,
  r1.def.choices.map((c) => c.label),
  (c) => percent.get(c) ?? String(c),
);
writeFileSync(COURSE, gzipSync(text, { level: 9 }));
console.error(`${COURSE}: ${cuts.length} cuts × ${new Set(course.map((r) => r.unit)).size} units`);

const r2 = await bundledActas('pe-2021-presidencial-segunda');
const K = r2.def.choices.length;
const s2 = orderOf(r2.actas, SNAPSHOT_SEED);

/** The runoff's department snapshot after the first `at` of the actas in the replay's order. */
function writeSnapshot(file: string, at: number): void {
  const partial = partialCount(r2.actas, s2, Math.round(at * r2.actas.length));
  const units = departmentSnapshot(partial, K, r2.def.pendingFiguresCount ?? false);
  const lines = [
    csvLine(['unit', 'actas_counted', 'actas_total', 'choice', 'votes', 'eligible_total']),
  ];
  for (const u of units) {
    const head = [u.unit, u.actasCounted, u.actasTotal];
    const tail = [u.eligibleTotal ?? ''];
    r2.def.choices.forEach((c, k) =>
      lines.push(csvLine([...head, c.label, u.votes[k] ?? 0, ...tail])),
    );
    lines.push(
      csvLine([...head, BLANK, u.blank, ...tail]),
      csvLine([...head, NULL, u.null, ...tail]),
    );
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  const counted = units.reduce((a, u) => a + u.actasCounted, 0);
  console.error(`${file}: ${units.length} units, ${counted} of ${r2.actas.length} actas counted`);
}
writeSnapshot(SNAPSHOT, SNAPSHOT_AT);
writeSnapshot(EARLIER, EARLIER_AT);
