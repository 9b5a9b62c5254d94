// The previous round's count history in production (issue #13): the same projection numbers
// from `cifra project --snapshot --universe --prior-history` as from the calibration path, on a
// 2021 runoff department snapshot replayed from the bundled per-mesa files, when the history
// holds the replay's points.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledActas } from '../scripts/calibration-data.js';
import {
  HISTORY_SEED_OFFSET,
  snapshotCases,
  type CalibrationSetup,
} from '../scripts/lib/calibration.js';
import { frameFromSnapshot } from '../src/core/projection/frame-snapshot.js';
import { replayCourse } from '../scripts/lib/replay-course.js';
import { replayOrder } from '../src/core/projection/replay-order.js';
import { simulate, type ProjectionResult } from '../src/core/projection/simulate.js';
import { createRng } from '../src/core/random.js';
import { ProjectionSchema } from '../src/api/schemas.js';
import { bundledElection, checkSourceHashes, loadManifest } from '../src/elections/manifests.js';
import { getProjection } from '../src/results/projection.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { dataPath } from '../src/io/paths.js';
import { requireJurisdiction } from '../src/jurisdictions/load.js';
import { priorHistoryCsv } from '../scripts/lib/history-csv.js';
import { cli, fileWriter, tempDir } from './helpers.js';
import { snapshotCsv, universeCsv } from './snapshot-csv-text.js';

const SEED = 3;
const SIMS = 400;
const ORDER = 'urban-first' as const;
const write = fileWriter(tempDir('cifra-history-'));

/** The universe: each unit's actas, and its previous round (votes; electors then) as prior: columns. */

const numbers = (p: ProjectionResult) => ({
  choices: p.choices,
  winner: p.winner,
  actasProcessed: p.actasProcessed,
});

describe('the previous round’s count history, production path = calibration path', () => {
  it('gives the same projection numbers on a 2021 runoff department snapshot at 40 %', async () => {
    const [r1, r2] = await Promise.all([
      bundledActas('pe-2021-presidencial'),
      bundledActas('pe-2021-presidencial-segunda'),
    ]);
    const choices = r2.def.choices.map((c) => c.label);
    const priorChoices = r1.def.choices.map((c) => c.label);
    const setup: CalibrationSetup = {
      actas: r2.actas,
      jurisdiction: requireJurisdiction('pe'),
      choices,
      kind: 'runoff',
      pendingFiguresCount: r2.def.pendingFiguresCount ?? false,
      sims: SIMS,
      prior: r1.actas,
      priorPendingFiguresCount: r1.def.pendingFiguresCount ?? false,
      modes: ['department-snapshot'],
    };
    const [c] = snapshotCases(setup, ORDER, SEED, [0.4]);
    if (c === undefined) throw new Error('no case');
    const calibrated = simulate(frameFromSnapshot(c.units, choices), {
      sims: SIMS,
      seed: SEED,
      kind: 'runoff',
    });

    // the first round replayed as calibration replays it, cut where each unit reaches its point
    const sequence = replayOrder(
      r1.actas.map((a) => ({ ubigeo: a.ubigeo, eligible: a.eligible })),
      ORDER,
      createRng(SEED + HISTORY_SEED_OFFSET),
    );
    const unitOf = (place: string): string => place.slice(0, 2);
    const sizes = new Map<string, number>();
    for (const a of r1.actas) sizes.set(unitOf(a.ubigeo), (sizes.get(unitOf(a.ubigeo)) ?? 0) + 1);
    const seen = new Map<string, number>();
    const points = new Map<number, string>();
    const wanted = new Map(
      c.units.map((u) => [
        u.unit,
        Math.round((u.actasCounted / u.actasTotal) * (sizes.get(u.unit) ?? 0)),
      ]),
    );
    sequence.forEach((i, pos) => {
      const unit = unitOf(r1.actas[i]?.ubigeo ?? '');
      const n = (seen.get(unit) ?? 0) + 1;
      seen.set(unit, n);
      if (wanted.get(unit) === n) points.set(pos + 1, unit);
    });
    const course = replayCourse(
      r1.actas,
      sequence,
      unitOf,
      [...points.keys(), sequence.length],
      priorChoices.length,
      setup.priorPendingFiguresCount ?? false,
    );
    const bare = c.units.map(({ priorCounted: _c, prior: _p, ...u }) => u);
    const files = [
      '--snapshot',
      write('snapshot.csv', snapshotCsv(bare, choices)),
      '--universe',
      write('universe.csv', universeCsv(c.units, priorChoices)),
    ];
    const history = write('history.csv', priorHistoryCsv(course, priorChoices));
    const args = ['--rules', 'pe-2021-presidencial-segunda', '--format', 'json'];
    const run = ['--seed', String(SEED), '--sims', String(SIMS)];
    const r = await cli('project', ...files, '--prior-history', history, ...args, ...run);
    expect(r.err).toBe('');
    const production = JSON.parse(r.out) as ProjectionResult & { historyUnits: string[] };
    expect(numbers(production)).toEqual(numbers(calibrated));
    const partly = c.units.filter((u) => u.actasCounted > 0 && u.actasCounted < u.actasTotal);
    expect(production.historyUnits).toEqual(partly.map((u) => u.unit));
    expect(partly.length).toBeGreaterThan(20);

    // without the history the numbers differ: the test sees whether it is used
    const without = JSON.parse(
      (await cli('project', ...files, ...args, ...run)).out,
    ) as ProjectionResult;
    expect(numbers(without)).not.toEqual(numbers(calibrated));
  }, 120_000);
});

describe('the bundled example (README), replays built by cifra', () => {
  const D = 'data/peru/2021';
  const example = [
    'project',
    '--snapshot',
    `${D}/presidential_r2/snapshot_2021_r2_replay_40pct.csv`,
    '--rules',
    'pe-2021-presidencial-segunda',
    '--universe',
    `${D}/presidential_r2/universe_2021_r2_departments.csv`,
    '--format',
    'json',
    '--sims',
    '500',
  ];
  const course = `${D}/presidential_r1/count_course_2021_r1_replay_urban-first.csv.gz`;

  it('runs as written: every partly counted department has its history, and the output says so', async () => {
    const r = await cli(...example, '--prior-history', course);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as {
      historyUnits: string[];
      historyNote: { es: string; en: string };
    };
    // 40 % urban-first: the 25 departments partly counted, abroad (91–95) not yet
    expect(doc.historyUnits).toHaveLength(25);
    expect(doc.historyUnits).not.toContain('92');
    expect(doc.historyNote.en).toContain("With the previous round's count history in 01, 02");
    expect(doc.historyNote.es).toContain('Con el historial del conteo');
    const bare = JSON.parse((await cli(...example)).out) as {
      historyUnits: string[];
      historyNote: { en: string };
    };
    expect(bare.historyUnits).toEqual([]);
    expect(bare.historyNote.en).toContain("Without the previous round's count history");
    // the table prints the note in both languages, as its title
    const table = await cli(...example.slice(0, -4), '--sims', '300', '--prior-history', course);
    expect(table.out).toContain("With the previous round's count history");
    expect(table.out).not.toContain('Con el historial del conteo');
    expect(table.out).toContain("With the previous round's count history in 01, 02");
  }, 90_000);

  it('refuses a history with a unit the universe does not know, and --prior-history alone', async () => {
    const h = 'cut,unit,actas_counted,actas_total,choice,votes\n1,99,1,2,A,1\n1,99,1,2,B,2\n';
    const r = await cli(...example, '--prior-history', write('unknown.csv', h));
    expect(r.code).not.toBe(0);
    expect(r.out + r.err).toContain('history_unit_unknown');
    const alone = await cli('project', '--prior-history', course);
    expect(alone.code).not.toBe(0);
    expect(alone.err).toContain('--prior-history goes with --snapshot');
  }, 60_000);
});

describe('a manifest naming the history (universe.priorHistory)', () => {
  const D = dataPath('peru/2021');
  const course = `${D}/presidential_r1/count_course_2021_r1_replay_urban-first.csv.gz`;
  const sha = createHash('sha256').update(readFileSync(course)).digest('hex');
  /** The bundled runoff's manifest, its files absolute, with a universe and its history. */
  function manifest(name: string, history: Record<string, string>): string {
    const m = JSON.parse(
      readFileSync(dataPath('elections/pe-2021-presidencial-segunda.json'), 'utf8'),
    ) as Record<string, unknown> & { sources: { file: string }[]; crossCheck: { file: string }[] };
    const abs = (f: string): string => resolve(dataPath('elections'), f);
    for (const s of [...m.sources, ...m.crossCheck]) s.file = abs(s.file);
    m['universe'] = {
      file: `${D}/presidential_r2/universe_2021_r2_departments.csv`,
      publisher: 'cifra (scripts/universe.ts)',
      prior: 'the 2021 first round per department',
      priorHistory: {
        file: course,
        publisher: 'cifra, a replay (scripts/prior-history.ts)',
        ...history,
      },
    };
    return write(name, JSON.stringify(m));
  }
  const snapshot = `${D}/presidential_r2/snapshot_2021_r2_replay_40pct.csv`;
  const args = ['--rules', 'pe-2021-presidencial-segunda', '--format', 'json', '--sims', '300'];

  it('is used by cifra project --election <manifest> as --prior-history would be', async () => {
    const path = manifest('with-history.json', { sha256: sha });
    const loaded = loadManifest(path);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
    expect(loaded.value.priorHistory).toBe(course);
    expect(checkSourceHashes(loaded.value)).toEqual([]);
    const r = await cli('project', '--snapshot', snapshot, '--election', path, ...args);
    const viaManifest = JSON.parse(r.out) as ProjectionResult & { historyUnits: string[] };
    const direct = JSON.parse(
      (
        await cli(
          'project',
          '--snapshot',
          snapshot,
          '--universe',
          `${D}/presidential_r2/universe_2021_r2_departments.csv`,
          '--prior-history',
          course,
          ...args,
        )
      ).out,
    ) as ProjectionResult & { historyUnits: string[] };
    expect(viaManifest.historyUnits).toHaveLength(25);
    expect(numbers(viaManifest)).toEqual(numbers(direct));
  }, 60_000);

  it('refuses a history file that is not the one the manifest names (sha256)', () => {
    const loaded = loadManifest(manifest('wrong-sha.json', { sha256: '0'.repeat(64) }));
    if (!loaded.ok) throw new Error('load');
    expect(checkSourceHashes(loaded.value).map((i) => [i.code, i.path.join('.')])).toEqual([
      ['election_invalid', 'universe.priorHistory.sha256'],
    ]);
  });
});

describe('the API’s snapshot projection', () => {
  it('says when no count history was given (the 2026 capture: only one first-round cut exists)', async () => {
    const id = 'pe-2026-presidencial-segunda-2026-06-10';
    const store = new SqliteStore(join(tempDir('cifra-history-api-'), 'h.db'));
    await store.migrate();
    const put = await putPublishedElection(store, id);
    if (!put.ok) throw new Error(JSON.stringify(put.error));
    const def = bundledElection(id);
    if (def === null) throw new Error(id);
    const p = await getProjection(store, def, { sims: 200 });
    await store.close();
    if (!p.ok) throw new Error(JSON.stringify(p.issues));
    const doc = ProjectionSchema.parse(p.value);
    expect(doc.historyUnits).toEqual([]);
    expect(doc.historyNote?.en).toContain("Without the previous round's count history");
    expect(doc.historyNote?.es).toContain('Sin el historial del conteo');
  }, 60_000);
});
