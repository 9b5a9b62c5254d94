// `cifra acta <mesa>` says why an acta is at the JEE: ONPE's TIPO_OBSERVACION, kept as the
// source's word on the current acta and on each version that came with it, in either language.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, fileWriter, onpeRow, ONPE_COLUMNS, tempDir } from './helpers.js';

const dir = tempDir('cifra-observation-');
const db = join(dir, 'o.db');
const write = fileWriter(dir);

/** A row at the JEE (OBSERVADA) for `observation`, its figures as filed. */
const observed = (mesa: string, observation: string): string =>
  onpeRow(mesa, '010101', 40, 50).replace(',CONTABILIZADA,,', `,OBSERVADA,${observation},`);

async function ingest(name: string, rows: readonly string[]): Promise<string> {
  const file = write(name, [ONPE_COLUMNS.join(','), ...rows].join('\n') + '\n');
  const r = await cli('ingest', file, '--db', db, '--election', 'pe-2021-presidencial');
  expect(r.code, r.err).toBe(0);
  return r.out;
}

/** A boxed table's last row, its cells under each header (the table whose header has `header`). */
function cellsOf(out: string, header: string): Record<string, string> {
  const lines = out.split('\n');
  const at = lines.findIndex((l) => l.includes(header));
  const end = lines.findIndex((l, i) => i > at && l.startsWith('└'));
  const cells = (l: string | undefined) => (l ?? '').split('│').slice(1, -1);
  const row = cells(lines[end - 1]).map((c) => c.trim());
  return Object.fromEntries(cells(lines[at]).map((h, i) => [h.trim(), row[i] ?? '']));
}

let second = '';
beforeAll(async () => {
  // a first import into an empty election: the store's packed path (import-batch.ts encodeFresh)
  await ingest('a.csv', [observed('000301', 'ERROR MATERIAL'), onpeRow('000302', '010101', 1, 2)]);
  second = await ingest('b.csv', [observed('000301', 'ACTA SIN FIRMAS')]);
});

// Session 26: a version whose only change is its observation was a "state change".
describe('cifra ingest and cifra acta: a new observation on the same figures', () => {
  it('the ingest report and the import log count it as an observation change, not a state change', async () => {
    expect(cellsOf(second, 'observation changes')).toMatchObject({
      'state changes': '0',
      'observation changes': '1',
    });
    const log = await cli('imports', '--db', db, '--lang', 'es');
    expect(log.code, log.err).toBe(0);
    expect(cellsOf(log.out, 'cambios de observación')).toMatchObject({
      archivo: 'b.csv',
      cambiadas: '0',
      'cambios de observación': '1',
    });
  });

  it("the acta's versions name it (en, es)", async () => {
    const en = await cli('acta', '301', '--db', db, '--lang', 'en');
    expect(en.out).toMatch(/│ 2 +│ observation changed +│ At the JEE/);
    expect(en.out).not.toContain('state change');
    const es = await cli('acta', '301', '--db', db, '--lang', 'es');
    expect(es.out).toMatch(/│ 2 +│ cambio de observación +│ En el JEE/);
  });
});

describe('cifra acta: the observation', () => {
  it('names it on the current acta and on each version, the source’s word untranslated (en)', async () => {
    const r = await cli('acta', '301', '--db', db, '--lang', 'en');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('observation: ACTA SIN FIRMAS');
    expect(r.out).toMatch(
      /v1 · [^\n]*\n {2}figures sha256 [0-9a-f]{64}\n {2}observation ERROR MATERIAL/,
    );
    expect(r.out).toMatch(
      /v2 · [^\n]*\n {2}figures sha256 [0-9a-f]{64}\n {2}observation ACTA SIN FIRMAS/,
    );
  });

  it('in Spanish', async () => {
    const r = await cli('acta', '301', '--db', db, '--lang', 'es');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('observación: ACTA SIN FIRMAS');
    expect(r.out).toContain('  observación ERROR MATERIAL');
  });

  it('says nothing of one where the source gives none', async () => {
    const r = await cli('acta', '302', '--db', db, '--lang', 'en');
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toMatch(/observation/i);
  });
});
