// A published election with an earlier capture of the same count, for the store contract and the
// API: the bundled 2021 runoff replay (scripts/prior-history.ts) at 40 % as the source and at 32 %
// as its previousSnapshot, both rewritten as cifra aggregate CSV in a temp folder at test time.
// REPLAYS built by cifra from ONPE's per-mesa file (data/peru/2021/presidential_r2/PROVENANCE.md),
// not ONPE captures.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readSnapshotCsv } from '../src/projection/snapshot-csv.js';
import { AGGREGATE_FIGURES } from '../src/elections/aggregate.js';
import { dataPath } from '../src/io/paths.js';
import { csvLine } from '../src/results/csv.js';
import { fileWriter, tempDir } from './helpers.js';

const D = dataPath('peru/2021/presidential_r2');
export const LATER = join(D, 'snapshot_2021_r2_replay_40pct.csv');
export const EARLIER = join(D, 'snapshot_2021_r2_replay_32pct.csv');
/** The fixture's election id (not a bundled one: no universe, the source's units only). */
export const REPLAY_ID = 'test-2021-r2-replay-40';
/** The earlier capture's time the manifest gives (the replay has none: a fixed label). */
export const EARLIER_AS_OF = '2021-06-07T03:00:00Z';
const CHOICES = [
  { id: 'P1', label: 'PEDRO CASTILLO TERRONES', party: 'PARTIDO POLITICO NACIONAL PERU LIBRE' },
  { id: 'P2', label: 'KEIKO SOFIA FUJIMORI HIGUCHI', party: 'FUERZA POPULAR' },
];

/** A department snapshot CSV (snapshot-csv.ts) as an aggregate CSV of level `department`. */
export function aggregateOf(snapshotFile: string): string {
  const s = readSnapshotCsv(snapshotFile);
  if (!s.ok) throw new Error(JSON.stringify(s.error));
  const lines = [
    csvLine(['level', 'code', 'name', ...AGGREGATE_FIGURES, ...CHOICES.map((c) => c.id)]),
  ];
  for (const u of s.value.units)
    lines.push(
      csvLine([
        'department',
        u.unit,
        u.unit,
        u.blank,
        u.null,
        '',
        u.eligibleTotal ?? '',
        u.actasCounted,
        u.actasTotal,
        u.actasTotal - u.actasCounted,
        ...CHOICES.map((c) => u.votes[s.value.choices.indexOf(c.label)] ?? 0),
      ]),
    );
  return `${lines.join('\n')}\n`;
}

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Writes the manifest and its files; `previous: false` leaves previousSnapshot out, `swap` gives
 * the 32 % file as the source and the 40 % one as the "earlier" capture (not earlier).
 */
export function replayManifest(o: { previous?: boolean; swap?: boolean; sha256?: string } = {}): {
  readonly path: string;
} {
  const write = fileWriter(tempDir('cifra-previous-cut-'));
  const [now, before] = o.swap === true ? [EARLIER, LATER] : [LATER, EARLIER];
  const source = aggregateOf(now);
  const earlier = aggregateOf(before);
  const publisher = {
    es: 'cifra, una repetición del conteo a partir de los datos abiertos de ONPE por mesa (no una captura de ONPE)',
    en: "cifra, a replay of the count from ONPE's open data per mesa (not an ONPE capture)",
  };
  const manifest = {
    format: 'cifra-election/1',
    id: REPLAY_ID,
    label: { es: 'Réplica 2021, segunda vuelta al 40 %', en: '2021 replay, runoff at 40 %' },
    jurisdiction: 'pe',
    ruleset: 'pe-2021-presidencial-segunda',
    date: '2021-06-06',
    status: { kind: 'provisional', pctCounted: '40.000', cut: '2021-06-07T06:00:00Z' },
    asOf: '2021-06-07T06:00:00Z',
    choices: CHOICES,
    sources: [
      {
        format: 'cifra-aggregate-csv',
        file: write('later.results.csv', source),
        sha256: sha(source),
        publisher,
      },
    ],
    ...(o.previous === false
      ? {}
      : {
          previousSnapshot: {
            file: write('earlier.results.csv', earlier),
            sha256: o.sha256 ?? sha(earlier),
            publisher,
            asOf: EARLIER_AS_OF,
          },
        }),
    provenance: 'peru/2021/presidential_r2/PROVENANCE.md',
    figures: 'complete',
  };
  return { path: write(`${REPLAY_ID}.json`, JSON.stringify(manifest, null, 2)) };
}
