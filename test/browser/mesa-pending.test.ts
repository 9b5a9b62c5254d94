/// <reference lib="dom" />
// A pending mesa on the page: its acta says "por contabilizar"/"to be counted" (pending) and that
// it has no figures yet, never a table of zeros — the page reads the acta (the mesa-level results it matches say null:
// test/results-mesa-pending.test.ts). In Spanish and English, on a phone.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ElectionDef } from '../../src/core/model/acta.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from '../helpers.js';
import { openPage, useDashboard } from './harness.js';

const NIGHT: ElectionDef = {
  id: 'night',
  label: 'A runoff night',
  ruleset: 'pe-2026-presidencial-segunda',
  jurisdiction: 'pe',
  choices: [
    { id: 'FP', label: 'KEIKO FUJIMORI', party: 'FUERZA POPULAR' },
    { id: 'JP', label: 'ROBERTO SÁNCHEZ', party: 'JUNTOS POR EL PERÚ' },
  ],
};

const env = useDashboard(async () => {
  const dir = tempDir('cifra-browser-mesa-pending-');
  const store = new SqliteStore(join(dir, 'p.db'));
  await store.migrate();
  await store.putElection(NIGHT);
  const file = join(dir, 'night.jsonl');
  const acta = (mesa: string, counted: boolean): string =>
    JSON.stringify({
      mesa,
      ubigeo: '010101',
      state: counted ? 'counted' : 'pending',
      eligible: 300,
      voters: counted ? 105 : null,
      votes: counted ? { FP: 60, JP: 40 } : null,
      blank: counted ? 3 : 0,
      null: counted ? 2 : 0,
    });
  writeFileSync(file, `${acta('000001', true)}\n${acta('000003', false)}\n`);
  const r = await ingestFile(store, {
    election: NIGHT,
    file,
    format: 'cifra-json',
    now: fixedClock,
  });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  return store;
});

describe('a pending mesa on the page', () => {
  for (const [lang, state, none] of [
    ['es', 'por contabilizar', 'sin cifras: esta acta aún no trae votos'],
    ['en', 'to be counted', 'no figures: this acta carries no votes yet'],
  ] as const)
    it(`says ${state}, no zeros (${lang})`, async () => {
      const { page, errors } = await openPage(
        env.browser,
        `${env.base}/?election=night&mesa=000003&lang=${lang}`,
        390,
      );
      await page.waitForSelector('#acta-state');
      expect((await page.textContent('#acta-state'))?.toLowerCase()).toContain(state);
      expect((await page.textContent('#acta-no-figures'))?.toLowerCase()).toContain(none);
      expect(await page.locator('#acta > table').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    }, 120_000);
});
