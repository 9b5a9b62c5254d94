// Session 32: a ruling (a correction) reopened a counted acta; a new file of the source, not yet
// caught up, still gave it counted with the same figures, and the import applied it as a state
// change: the ruling was silently undone. It is a conflict now, kept and not applied, warned
// acta_superseded_by_correction and named in `cifra acta`; other figures are the count moving on.
// The same file read again is test/reread-keeps-ruling.test.ts.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ActaSchema } from '../src/api/schemas.js';
import type { Issue } from '../src/core/issues.js';
import { issueSentence } from '../src/core/issue-words.js';
import { cli, fileWriter, onpeRow, ONPE_COLUMNS, tempDir } from './helpers.js';

const dir = tempDir('cifra-superseded-');
const db = join(dir, 's.db');
const write = fileWriter(dir);
const E = ['--election', 'pe-2021-presidencial'] as const;

/** A row not counted yet: its state and electors, no figure (a ruling reopened it). */
const pending = (mesa: string): string =>
  ['010101', 'D', 'P', 'X', 'PRESIDENCIAL', mesa, 'EN PROCESO', '', '', '300']
    .concat(Array(21).fill(''))
    .join(',');
const counted = (mesa: string): string => onpeRow(mesa, '010101', 40, 50);

const file = (name: string, rows: readonly string[]): string =>
  write(name, [ONPE_COLUMNS.join(','), ...rows].join('\n') + '\n');

interface Report {
  importId: number;
  stateChanges: number;
  unchanged: number;
  corrected: number;
  conflicts: number;
  conflictMesas: string[];
  issues: { code: string; path: unknown[]; details?: Record<string, unknown> }[];
}
const json = async (...argv: string[]): Promise<Report> => {
  const r = await cli(...argv, '--output', 'json');
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as Report;
};

const MESAS = ['000501', '000502', '000503', '000504'];
let ruling: Report;
let later: Report;
beforeAll(async () => {
  // the source's snapshot: every acta counted
  const first = file('a.csv', MESAS.map(counted));
  expect((await cli('ingest', first, '--db', db, ...E)).code).toBe(0);
  // the JEE's ruling reopens all four
  ruling = await json(
    'ingest',
    file('ruling.csv', MESAS.map(pending)),
    '--db',
    db,
    ...E,
    '--correction',
  );
  // the source's next file: 000501 as before the ruling, 000502 recounted (other figures)
  const b = file('b.csv', [counted('000501'), onpeRow('000502', '010101', 39, 51)]);
  later = await json('ingest', b, '--db', db, ...E, '--cut', '2026-06-07T22:00:00-05:00');
});

describe('a new file that still gives the version a ruling replaced', () => {
  it('keeps it as a conflict, warned with the correction; other figures are applied', () => {
    expect(ruling).toMatchObject({ corrected: 4, conflicts: 0 });
    expect(later).toMatchObject({ stateChanges: 1, conflicts: 1, conflictMesas: ['000501'] });
    expect(later.issues).toEqual([
      {
        code: 'acta_superseded_by_correction',
        severity: 'warning',
        path: ['mesa', '000501'],
        details: { importId: later.importId, correction: ruling.importId },
      },
    ]);
  });

  // session 32 review: a source that recounted to the same figures gives the same row, which
  // cifra cannot tell from a lagging one: the words say what the row is and what to do, not lag
  it('the warning says the row repeats a replaced version and how to record a recount', () => {
    const issue = { severity: 'warning', ...later.issues[0] } as Issue;
    expect(issueSentence(issue, 'en')).toBe(
      `the row repeats a version a correction replaced (a source not yet caught up with the ruling gives it again; if the source recounted to the same figures, record the row with --correction): kept as a conflict, not applied (the correction is import #${ruling.importId})`,
    );
    expect(issueSentence(issue, 'es')).toBe(
      `la fila repite una versión que una corrección reemplazó (la da de nuevo una fuente que aún no se ha puesto al día con la resolución; si la fuente recontó con las mismas cifras, registre la fila con --correction): se guarda como conflicto sin aplicarse (la corrección es la importación #${ruling.importId})`,
    );
  });

  it('the ingest report names the mesa and the correction, in English and Spanish', async () => {
    const en = await cli('ingest', file('c.csv', [counted('000503')]), '--db', db, ...E);
    expect(en.code, en.err).toBe(0);
    expect(en.out).toContain('conflicts (both versions kept, not applied): mesas 000503');
    expect(en.out).toContain(
      `of them, the version a correction replaced (the source not caught up? acta_superseded_by_correction): 000503 (correction #${ruling.importId})`,
    );
    const es = await cli(
      'ingest',
      file('d.csv', [counted('000504')]),
      '--db',
      db,
      ...E,
      '--lang',
      'es',
    );
    expect(es.code, es.err).toBe(0);
    expect(es.out).toContain(
      `de ellos, la versión que una corrección reemplazó (¿la fuente no se ha puesto al día? acta_superseded_by_correction): 000504 (corrección #${ruling.importId})`,
    );
  });

  it('cifra acta keeps the ruling current and says why the conflict was kept', async () => {
    const r = await cli('acta', '501', '--db', db, '--format', 'json');
    expect(r.code, r.err).toBe(0);
    const doc = ActaSchema.parse(JSON.parse(r.out));
    expect(doc.current).toMatchObject({ state: 'pending', version: 2, conflict: true });
    expect(doc.history.map((h) => [h.version, h.kind, h.conflict, h.acta.state])).toEqual([
      [1, 'new', null, 'counted'],
      [2, 'correction', null, 'pending'],
      [3, 'conflict', 'superseded', 'counted'],
    ]);
    const en = (await cli('acta', '501', '--db', db, '--lang', 'en')).out;
    expect(en).toContain(
      'CONFLICT: a later import gave the version the correction replaced (the source not caught up?), not applied',
    );
    expect(en).toMatch(
      /│ 3 +│ conflict: the version a correction replaced \(the source not caught up\?\) +│ Counted/,
    );
    const es = (await cli('acta', '501', '--db', db, '--lang', 'es')).out;
    expect(es).toContain(
      'una importación posterior trajo la versión que la corrección reemplazó (¿la fuente no se ha puesto al día?), no aplicada',
    );
    expect(es).toMatch(
      /│ 3 +│ conflicto: la versión que una corrección reemplazó \(¿la fuente no se ha puesto al día\?\) +│ Contabilizada/,
    );
  });

  it('the recounted acta moved on: counted with its new figures, no conflict', async () => {
    const doc = ActaSchema.parse(
      JSON.parse((await cli('acta', '502', '--db', db, '--format', 'json')).out),
    );
    expect(doc.current).toMatchObject({ state: 'counted', version: 3, conflict: false });
    expect(doc.history.map((h) => [h.version, h.kind, h.conflict])).toEqual([
      [1, 'new', null],
      [2, 'correction', null],
      [3, 'state_change', null],
    ]);
  });

  it('a later correction still sets it, and clears the conflict', async () => {
    const r = await json(
      'ingest',
      file('recount.csv', [counted('000501')]),
      '--db',
      db,
      ...E,
      '--correction',
    );
    expect(r).toMatchObject({ corrected: 1, conflicts: 0, issues: [] });
    const doc = ActaSchema.parse(
      JSON.parse((await cli('acta', '501', '--db', db, '--format', 'json')).out),
    );
    expect(doc.current).toMatchObject({ state: 'counted', version: 4, conflict: false });
  });
});
