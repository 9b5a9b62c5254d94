// `cifra results` lists the national figures the sources publish differently, as the dashboard
// does (review 6: the 2026 first round's valid votes, 17.181 % against ONPE's 17.192 %, could
// not be reconciled from the CLI).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { putPublishedElection } from '../src/results/published-load.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { cli, tempDir } from './helpers.js';

const ID = 'pe-2026-presidencial';
const db = join(tempDir('cifra-cli-discrepancies-'), 'd.db');

beforeAll(async () => {
  const store = new SqliteStore(db);
  await store.migrate();
  const put = await putPublishedElection(store, ID);
  expect(put.ok, JSON.stringify(put.ok ? null : put.error)).toBe(true);
  await store.close();
});

describe('cifra results of an election whose sources disagree on a figure', () => {
  it('prints both values with their sources, in the run language', async () => {
    const en = await cli('results', '--db', db, '--election', ID);
    expect(en.code, en.err).toBe(0);
    const lines = en.out.split('\n');
    const at = lines.indexOf('Figures the sources publish differently (both kept):');
    expect(at).toBeGreaterThan(0);
    // typed from the manifest's sources: ONPE's summary field and the sum of the candidates
    expect(lines[at + 1]).toMatch(
      /^ {2}blank: 2,372,895 \(ONPE summary \(Monitoreo Electoral\)\) · 2,372,896 \(es\.wikipedia\)\. One vote apart/,
    );
    expect(lines.find((l) => l.startsWith('  valid: '))).toContain('16,738,039');
    expect(lines.find((l) => l.startsWith('  valid: '))).toContain('16,749,424');
    const es = await cli('results', '--db', db, '--election', ID, '--lang', 'es');
    expect(es.out).toContain('Cifras que las fuentes publican distinto (se conservan ambas):');
    expect(es.out).toMatch(/ {2}en blanco: 2,372,895 \(resumen de ONPE \(Monitoreo Electoral\)\)/);
  });

  it('prints no such block for a level below the nation', async () => {
    const r = await cli('results', '--db', db, '--election', ID, '--level', 'department');
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toContain('publish differently');
  });
});
