/// <reference lib="dom" />
// A department whose votes still out cannot overturn its leader says so on the map (the national
// "decided" bound per unit, leaders.ts unitLeadHolds), in the dashboard's map and the embed's:
// Áncash (a lead of 560 with one acta of 300 electors out) "leads; the votes still out cannot
// overturn it"; Amazonas (a lead of 240 with 300 out) only "leads"; never "won".
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../../src/ingest/ingest.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { fixedClock, fixtureElection, tempDir } from '../helpers.js';
import { openPage, useDashboard } from './harness.js';

const ID = 'pe-2021-presidencial';
const acta = (mesa: string, ubigeo: string, votes: Record<string, number> | null) => ({
  mesa,
  ubigeo,
  state: votes ? 'counted' : 'pending',
  eligible: 300,
  voters: votes ? Object.values(votes).reduce((a, b) => a + b, 0) : null,
  votes,
  blank: 0,
  null: 0,
});

const env = useDashboard(async () => {
  const dir = tempDir('cifra-browser-lead-holds-');
  const store = new SqliteStore(join(dir, 'h.db'));
  await store.migrate();
  const e = fixtureElection(ID);
  if (!e) throw new Error('election');
  await store.putElection(e);
  const file = join(dir, 'actas.jsonl');
  const rows = [
    acta('000001', '010101', { P16: 250, P11: 10 }),
    acta('000002', '010101', null),
    acta('000003', '020101', { P11: 280 }),
    acta('000004', '020101', { P11: 280 }),
    acta('000005', '020101', null),
  ];
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n'));
  expect((await ingestFile(store, { file, election: e, now: fixedClock })).ok).toBe(true);
  return store;
});

const WORDS = {
  es: { holds: 'su ventaja ya supera los votos por contar', leads: ' lidera ' },
  en: { holds: 'the votes still out cannot overturn it', leads: ' leads ' },
} as const;

describe('a lead the votes still out cannot overturn, on the map', () => {
  for (const [lang, page] of [
    ['es', '/'],
    ['en', '/embed.html'],
  ] as const)
    it(`${lang}, ${page}: Áncash says its lead holds, Amazonas only that it leads`, async () => {
      const { page: p, errors } = await openPage(
        env.browser,
        `${env.base}${page}?election=${ID}&view=map&lang=${lang}`,
        1280,
      );
      const w = WORDS[lang];
      const shape = (code: string) =>
        p.locator(`#map path[data-level="department"][data-code="${code}"]`);
      await shape('02').waitFor();
      const ancash = (await shape('02').getAttribute('aria-label')) ?? '';
      const amazonas = (await shape('01').getAttribute('aria-label')) ?? '';
      expect(ancash).toContain(w.leads);
      expect(ancash).toContain(w.holds);
      expect(await shape('02').getAttribute('data-lead-holds')).toBe('true');
      expect(amazonas).toContain(w.leads);
      expect(amazonas).not.toContain(w.holds);
      expect(await shape('01').getAttribute('data-lead-holds')).toBeNull();
      for (const l of [ancash, amazonas]) expect(l).not.toMatch(/\b(gan[óa]|won|wins)\b/i);
      expect(errors).toEqual([]);
      await p.close();
    });
});
