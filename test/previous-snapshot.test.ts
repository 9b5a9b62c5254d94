// The two-snapshot arrival drift in production (issue #13): `cifra project --previous-snapshot`
// attaches an earlier cut of the same count to each unit, as calibration always did
// (scripts/calibrate.ts, PREVIOUS_AT = 0.8). On a 2021 runoff department snapshot replayed from
// the bundled per-mesa files, the CLI gives calibration's numbers, and other numbers without it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bundledActas } from '../scripts/calibration-data.js';
import { snapshotCases, type CalibrationSetup } from '../scripts/lib/calibration.js';
import { frameFromSnapshot } from '../src/core/projection/frame-snapshot.js';
import { simulate, type ProjectionResult } from '../src/core/projection/simulate.js';
import { requireJurisdiction } from '../src/jurisdictions/load.js';
import { cli, fileWriter, tempDir } from './helpers.js';
import { snapshotCsv, universeCsv } from './snapshot-csv-text.js';

const SEED = 3;
const SIMS = 400;
const write = fileWriter(tempDir('cifra-previous-'));

const numbers = (p: ProjectionResult) => ({
  choices: p.choices,
  winner: p.winner,
  actasProcessed: p.actasProcessed,
});

type DriftDoc = ProjectionResult & {
  driftUnits: string[];
  driftNote: { es: string; en: string };
};

describe('the earlier cut, production path = calibration path', () => {
  it('gives calibration’s numbers with --previous-snapshot, and others without it', async () => {
    const [r1, r2] = await Promise.all([
      bundledActas('pe-2021-presidencial'),
      bundledActas('pe-2021-presidencial-segunda'),
    ]);
    const choices = r2.def.choices.map((c) => c.label);
    const setup: CalibrationSetup = {
      actas: r2.actas,
      jurisdiction: requireJurisdiction('pe'),
      choices,
      kind: 'runoff',
      pendingFiguresCount: r2.def.pendingFiguresCount ?? false,
      sims: SIMS,
      prior: r1.actas,
      priorPendingFiguresCount: r1.def.pendingFiguresCount ?? false,
      // the two-snapshot drift applies where no count history does
      history: false,
      previousAt: 0.8,
      modes: ['department-snapshot'],
    };
    const [c] = snapshotCases(setup, 'urban-first', SEED, [0.4]);
    if (c === undefined) throw new Error('no case');
    // the universe file carries the prior's votes and electors (not its emitted votes): so here
    const units = c.units.map((u) =>
      u.prior === undefined
        ? u
        : { ...u, prior: { votes: u.prior.votes, eligible: u.prior.eligible } },
    );
    const calibrated = simulate(frameFromSnapshot(units, choices), {
      sims: SIMS,
      seed: SEED,
      kind: 'runoff',
    });
    const bare = c.units.map(({ prior: _p, previous: _b, ...u }) => u);
    const earlier = c.units.map((u) => ({
      unit: u.unit,
      actasTotal: u.actasTotal,
      eligibleTotal: u.eligibleTotal,
      ...(u.previous ?? { actasCounted: 0, votes: [], blank: 0, null: 0 }),
    }));
    const args = [
      'project',
      '--snapshot',
      write('now.csv', snapshotCsv(bare, choices)),
      '--universe',
      write(
        'universe.csv',
        universeCsv(
          c.units,
          r1.def.choices.map((x) => x.label),
        ),
      ),
      '--rules',
      'pe-2021-presidencial-segunda',
      '--format',
      'json',
      '--seed',
      String(SEED),
      '--sims',
      String(SIMS),
    ];
    const before = write('earlier.csv', snapshotCsv(earlier, choices));
    const r = await cli(...args, '--previous-snapshot', before);
    expect(r.err).toBe('');
    const production = JSON.parse(r.out) as DriftDoc;
    expect(numbers(production)).toEqual(numbers(calibrated));
    const withEarlier = c.units.filter((u) => (u.previous?.actasCounted ?? 0) > 0);
    expect(production.driftUnits).toEqual(withEarlier.map((u) => u.unit));
    expect(withEarlier.length).toBeGreaterThan(20);
    expect(production.driftNote.en).toContain('With the earlier cut in 01, 02');

    // without the earlier cut the numbers differ: the drift is active, and the output says so
    const without = JSON.parse((await cli(...args)).out) as DriftDoc;
    expect(numbers(without)).not.toEqual(numbers(calibrated));
    expect(without.driftUnits).toEqual([]);
    expect(without.driftNote.en).toContain('Without an earlier cut');
  }, 120_000);
});

describe('the bundled example (README): the 2021 runoff replay at 40 % and at 32 %', () => {
  const D = 'data/peru/2021/presidential_r2';
  const example = [
    'project',
    '--snapshot',
    `${D}/snapshot_2021_r2_replay_40pct.csv`,
    '--rules',
    'pe-2021-presidencial-segunda',
    '--universe',
    `${D}/universe_2021_r2_departments.csv`,
    '--format',
    'json',
    '--sims',
    '300',
  ];
  const earlier = `${D}/snapshot_2021_r2_replay_32pct.csv`;

  it('runs as written: the 25 departments partly counted at 32 % feed the drift', async () => {
    const r = await cli(...example, '--previous-snapshot', earlier);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as DriftDoc;
    expect(doc.driftUnits).toHaveLength(25);
    expect(doc.driftUnits).not.toContain('92');
    expect(doc.driftNote.es).toContain('Con el corte anterior en 01, 02');
    const table = await cli(...example.slice(0, -4), '--previous-snapshot', earlier);
    // the notes in the run's language: English by default, Spanish with --lang es
    expect(table.out).toContain('With the earlier cut in 01');
    const es = await cli(...example.slice(0, -4), '--previous-snapshot', earlier, '--lang', 'es');
    expect(es.out).toContain('Con el corte anterior en 01');
    expect(es.out).not.toContain('With the earlier cut');
    expect(table.out).toContain('With the earlier cut in 01');
  }, 60_000);

  /** The 32 % file with one unit's rows edited. */
  function edited(name: string, edit: (cells: string[]) => string[] | null): string {
    const text = readBundled(earlier);
    const [head, ...rows] = text.trimEnd().split('\n');
    const out = rows.flatMap((row) => {
      const cells = row.split(',');
      if (cells[0] !== '05') return [row];
      const e = edit(cells);
      return e === null ? [] : [e.join(',')];
    });
    return write(name, `${[head, ...out].join('\n')}\n`);
  }

  const cell = (c: readonly string[], i: number): string => c[i] ?? '';
  it.each([
    // 05 all counted (its total), more than the 40 % file has
    [
      'more actas counted than the snapshot',
      (c: string[]) => [cell(c, 0), cell(c, 2), ...c.slice(2)],
    ],
    [
      'a different actas_total',
      (c: string[]) => [cell(c, 0), cell(c, 1), String(Number(c[2]) + 1), ...c.slice(3)],
    ],
    ['units the snapshot does not have', (c: string[]) => ['77', ...c.slice(1)]],
  ])(
    'refuses an earlier file with %s (previous_snapshot_invalid)',
    async (problem, edit) => {
      const r = await cli(...example, '--previous-snapshot', edited(`${problem}.csv`, edit));
      expect(r.code).not.toBe(0);
      expect(r.out + r.err).toContain('previous_snapshot_invalid');
      expect(r.out + r.err).toContain(problem);
    },
    60_000,
  );

  it('lets a unit absent from the earlier file go without a previous cut', async () => {
    const r = await cli(
      ...example,
      '--previous-snapshot',
      edited('absent.csv', () => null),
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as DriftDoc;
    expect(doc.driftUnits).toHaveLength(24);
    expect(doc.driftUnits).not.toContain('05');
  }, 60_000);

  it('refuses --previous-snapshot without --snapshot, and a malformed earlier file', async () => {
    const alone = await cli('project', '--previous-snapshot', earlier);
    expect(alone.code).not.toBe(0);
    expect(alone.err).toContain('--previous-snapshot goes with --snapshot');
    const bad = await cli(
      ...example,
      '--previous-snapshot',
      write('bad.csv', 'unit,votes\n01,1\n'),
    );
    expect(bad.code).not.toBe(0);
    expect(bad.out + bad.err).toContain('columns_missing');
  }, 60_000);
});

function readBundled(path: string): string {
  return readFileSync(path, 'utf8');
}
