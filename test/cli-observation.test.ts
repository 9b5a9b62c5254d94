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

async function ingest(name: string, rows: readonly string[]): Promise<void> {
  const file = write(name, [ONPE_COLUMNS.join(','), ...rows].join('\n') + '\n');
  const r = await cli('ingest', file, '--db', db, '--election', 'pe-2021-presidencial');
  expect(r.code, r.err).toBe(0);
}

beforeAll(async () => {
  // a first import into an empty election: the store's packed path (import-batch.ts encodeFresh)
  await ingest('a.csv', [observed('000301', 'ERROR MATERIAL'), onpeRow('000302', '010101', 1, 2)]);
  await ingest('b.csv', [observed('000301', 'ACTA SIN FIRMAS')]);
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
