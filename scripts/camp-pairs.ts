// `npm run calibrate:camp-pairs -- <election> <snapshot.csv> [universe.csv]` (run 17,
// docs/projection.md): every pair of the snapshot's counted departments kept alone (the rest
// uncounted, as at the start of a count): where the camp term (run 16) acts, does the camp's
// candidate inferred from vote levels give the same centres as the election's previousRound
// pairing? Where not, the uncounted departments' centre error (the first choice's valid share)
// against their own count in the snapshot, each way. Frames only, no simulation.
import { readSnapshotCsv } from '../src/projection/snapshot-csv.js';
import { readUniverse, universeFileOf, universePriorChoices } from '../src/elections/universe.js';
import { snapshotOverUniverse, snapshotFrame } from '../src/results/projection.js';
import { previousChoicesOf } from '../src/elections/previous-round.js';
import type { SnapshotUnit } from '../src/core/projection/frame-snapshot.js';
import type { ProjectionFrame } from '../src/core/projection/frame.js';

const [id = '', snapFile = '', universeArg] = process.argv.slice(2);
const universeFile = universeArg ?? universeFileOf(id);
const snap = readSnapshotCsv(snapFile);
if (!snap.ok || universeFile === null) throw new Error('a snapshot and a universe are needed');
const uni = readUniverse(universeFile);
const cols = universePriorChoices(universeFile);
if (!uni.ok || !cols.ok) throw new Error('the universe does not read');
const paired = previousChoicesOf(id, snap.value.choices, cols.value);
if (!paired.ok || paired.value === null) throw new Error(`${id}: no previousRound pairing`);
const over = snapshotOverUniverse(snap.value.units, uni.value);
if (!over.ok) throw new Error('the snapshot is not over the universe');
const units = over.value.units;
// Peru's departments: codes below 91 (abroad by continent above)
const deps = units.flatMap((u, i) => (u.unit < '91' && u.actasCounted > 0 ? [i] : []));
const figures = snap.value.units.every((u) => u.blank === 0 && u.null === 0) ? 'valid' : 'emitted';
const share = (v: readonly number[]): number => (v[0] ?? 0) / ((v[0] ?? 0) + (v[1] ?? 0));
const err = (f: ProjectionFrame, keep: ReadonlySet<number>): number => {
  const rest = deps.filter((i) => !keep.has(i));
  const sum = rest.reduce((a, i) => {
    const m = f.regions[i]?.mean ?? [];
    return a + Math.abs(share([m[0] ?? 0, m[1] ?? 0]) - share(units[i]?.votes ?? []));
  }, 0);
  return (100 * sum) / rest.length;
};
let acted = 0;
const differ: string[] = [];
for (let a = 0; a < deps.length; a++)
  for (let b = a + 1; b < deps.length; b++) {
    const keep = new Set([deps[a] as number, deps[b] as number]);
    const us: SnapshotUnit[] = units.map((u, i) =>
      keep.has(i)
        ? u
        : {
            ...u,
            actasCounted: 0,
            votes: u.votes.map(() => 0),
            blank: 0,
            null: 0,
            previous: undefined,
          },
    );
    const levels = snapshotFrame(us, snap.value.choices, figures, 'pe', null).frame;
    const named = snapshotFrame(us, snap.value.choices, figures, 'pe', paired.value).frame;
    if (levels.campFrom === undefined) continue;
    acted++;
    const same = levels.regions.every((r, i) =>
      r.mean.every((m, k) => m === named.regions[i]?.mean[k]),
    );
    if (!same)
      differ.push(
        `${units[deps[a] as number]?.name} + ${units[deps[b] as number]?.name}: uncounted centres' error ${err(levels, keep).toFixed(1)} pp from levels, ${err(named, keep).toFixed(1)} pp from the pairing`,
      );
  }
console.log(
  `${id}: ${(deps.length * (deps.length - 1)) / 2} pairs, the camp term acts in ${acted}, levels and pairing differ in ${differ.length}`,
);
for (const d of differ) console.log(`  ${d}`);
