// Session 29: an older snapshot imported late (by mistake, from a lagging mirror) moved an acta the
// latest file has at the JEE back to pending — a state_change, as if the count had moved on. It is
// a conflict now, kept and not applied, named in the ingest report (acta_state_backwards) and in
// `cifra acta`; a correction may still set any state on purpose.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ActaSchema } from '../src/api/schemas.js';
import { cli, fileWriter, onpeRow, ONPE_COLUMNS, tempDir } from './helpers.js';

const dir = tempDir('cifra-stale-snapshot-');
const db = join(dir, 's.db');
const write = fileWriter(dir);
const E = ['--election', 'pe-2021-presidencial'] as const;

/** A row at the JEE (OBSERVADA), its figures as filed. */
const observed = (mesa: string): string =>
  onpeRow(mesa, '010101', 40, 50).replace(',CONTABILIZADA,,', ',OBSERVADA,ERROR MATERIAL,');
/** A row not counted yet: its state and electors, no figure. */
const pending = (mesa: string): string =>
  ['010101', 'D', 'P', 'X', 'PRESIDENCIAL', mesa, 'EN PROCESO', '', '', '300']
    .concat(Array(21).fill(''))
    .join(',');

const file = (name: string, rows: readonly string[]): string =>
  write(name, [ONPE_COLUMNS.join(','), ...rows].join('\n') + '\n');

/** Version 2 of mesa 000401 in `cifra acta`'s table: a conflict at an earlier state, pending. */
const EARLIER_EN =
  /│ 2 +│ conflict: an earlier state than the one it held \(a stale file\?\) +│ To be counted/;
const EARLIER_ES =
  /│ 2 +│ conflicto: un estado anterior al que tenía \(¿archivo desfasado\?\) +│ Por contabilizar/;

interface Report {
  stateChanges: number;
  conflicts: number;
  conflictMesas: string[];
  issues: { code: string; path: unknown[]; details?: Record<string, unknown> }[];
}

let older: Report;
let olderText = '';
beforeAll(async () => {
  // the latest file: 000401 and 000404 at the JEE, 000402 counted, 000403 still pending
  const b = file('b.csv', [
    observed('000401'),
    onpeRow('000402', '010101', 1, 2),
    pending('000403'),
    observed('000404'),
  ]);
  expect((await cli('ingest', b, '--db', db, ...E)).code).toBe(0);
  // an older file imported late: all three pending (000403 unchanged)
  const rows = [pending('000401'), pending('000402'), pending('000403')];
  const a = await cli('ingest', file('a.csv', rows), '--db', db, ...E, '--output', 'json');
  expect(a.code, a.err).toBe(0);
  older = JSON.parse(a.out) as Report;
  // another older file, its report read as text: the same rows (kept already) and 000404's
  const text = await cli('ingest', file('a2.csv', [...rows, pending('000404')]), '--db', db, ...E);
  expect(text.code, text.err).toBe(0);
  olderText = text.out;
});

describe('an older file imported after a newer one', () => {
  it('applies no earlier state: each such acta a conflict with a coded warning', () => {
    expect(older).toMatchObject({ stateChanges: 0, conflicts: 2 });
    expect(older.conflictMesas).toEqual(['000401', '000402']);
    expect(older.issues).toEqual([
      {
        code: 'acta_state_backwards',
        severity: 'warning',
        path: ['mesa', '000401'],
        details: { importId: 2, held: 'jee', given: 'pending' },
      },
      {
        code: 'acta_state_backwards',
        severity: 'warning',
        path: ['mesa', '000402'],
        details: { importId: 2, held: 'counted', given: 'pending' },
      },
    ]);
  });

  it('the ingest report names the mesas and the states, held and given', () => {
    // the rows already kept as conflicts are unchanged: only 000404 is named
    expect(olderText).toContain('conflicts (both versions kept, not applied): mesas 000404');
    expect(olderText).toContain(
      'of them, an earlier state than the one held (a stale file? acta_state_backwards): 000404 jee → pending',
    );
  });

  it('cifra acta keeps the JEE state current and says the conflict is an earlier state', async () => {
    const r = await cli('acta', '401', '--db', db, '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const doc = ActaSchema.parse(JSON.parse(r.out));
    expect(doc.current).toMatchObject({ state: 'jee', version: 1, conflict: true });
    expect(
      doc.history.map((h) => [h.version, h.kind, h.conflict, h.acta.state, h.current]),
    ).toEqual([
      [1, 'new', null, 'jee', true],
      [2, 'conflict', 'earlier_state', 'pending', false],
    ]);
    const en = await cli('acta', '401', '--db', db, '--lang', 'en');
    expect(en.out).toContain('an earlier state than the one held');
    expect(en.out).toMatch(EARLIER_EN);
    const es = await cli('acta', '401', '--db', db, '--lang', 'es');
    expect(es.out).toMatch(EARLIER_ES);
  });

  it('a correction may still set it pending, on purpose', async () => {
    const fix = file('fix.csv', [pending('000401')]);
    const r = await cli('ingest', fix, '--db', db, ...E, '--correction', '--output', 'json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ corrected: 1, conflicts: 0, issues: [] });
    const doc = ActaSchema.parse(
      JSON.parse((await cli('acta', '401', '--db', db, '--format', 'json')).out),
    );
    expect(doc.current).toMatchObject({ state: 'pending', version: 3, conflict: false });
    // Session 30: the stale file's conflict was an earlier state than the JEE state held when it
    // came; that the acta is pending now, by a ruling, does not make it another kind of conflict
    expect(doc.history.map((h) => [h.version, h.kind, h.conflict])).toEqual([
      [1, 'new', null],
      [2, 'conflict', 'earlier_state'],
      [3, 'correction', null],
    ]);
    expect((await cli('acta', '401', '--db', db, '--lang', 'en')).out).toMatch(EARLIER_EN);
    expect((await cli('acta', '401', '--db', db, '--lang', 'es')).out).toMatch(EARLIER_ES);
  });
});
