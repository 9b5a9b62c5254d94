// No note shown to users is English only: every sentence a bundled manifest carries for screens
// (seats, discrepancies, reported totals, status `from`, a contests manifest's notes) and every
// note the server writes (seats, projection) is { es, en }, the Spanish a translation and not a
// copy. It failed on the old code, where all of them were English strings.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApi } from '../src/api/server.js';
import { builtInContestsIds } from '../src/elections/contests.js';
import { builtInElectionIds, bundledElection } from '../src/elections/manifests.js';
import { PROJECT_ROOT } from '../src/io/paths.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';

/** The keys whose values users read as sentences. */
const NOTE_KEYS = new Set(['note', 'notes', 'from', 'classification', 'resultsNote']);

/** Every value under a note key, with where it is; a list of notes gives one entry per note. */
function notesIn(value: unknown, at = ''): { at: string; note: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => notesIn(v, `${at}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  // a null note is none (FiguresStatus.note: null when a count has no note): nothing is shown
  return Object.entries(value).flatMap(([k, v]) =>
    NOTE_KEYS.has(k) && v === null
      ? []
      : NOTE_KEYS.has(k)
        ? Array.isArray(v)
          ? v.map((n, i) => ({ at: `${at}.${k}[${i}]`, note: n }))
          : [{ at: `${at}.${k}`, note: v }]
        : notesIn(v, `${at}.${k}`),
  );
}

/** A note in both languages, the Spanish not a copy of the English. */
function expectBilingual(found: readonly { at: string; note: unknown }[], where: string): void {
  for (const { at, note } of found) {
    expect(note, `${where} ${at}`).toEqual({ es: expect.any(String), en: expect.any(String) });
    const n = note as { es: string; en: string };
    expect(n.es.length, `${where} ${at}`).toBeGreaterThan(0);
    expect(n.es, `${where} ${at}: Spanish copied from English`).not.toBe(n.en);
  }
}

describe('bundled manifests', () => {
  it('write every note for users in Spanish and English', () => {
    let count = 0;
    for (const dir of ['elections', 'contests']) {
      const folder = join(PROJECT_ROOT, 'data', dir);
      for (const f of readdirSync(folder).filter((x) => x.endsWith('.json'))) {
        const m = JSON.parse(readFileSync(join(folder, f), 'utf8')) as {
          nationalParties?: { source: unknown };
        };
        // how parties were told from regional movements: shown on the ERM view
        const parties = m.nationalParties
          ? [{ at: '.nationalParties.source', note: m.nationalParties.source }]
          : [];
        const found = [...notesIn(m), ...parties];
        expectBilingual(found, `data/${dir}/${f}`);
        count += found.length;
      }
    }
    // the 2026 Congress, the 2026 first round's discrepancies, the 2021 runoff, both ERM sets
    expect(count).toBeGreaterThanOrEqual(15);
  });
});

let store: SqliteStore;
let app: FastifyInstance;
beforeAll(async () => {
  store = new SqliteStore(join(tempDir('cifra-notes-'), 'n.db'));
  await store.migrate();
  for (const id of builtInElectionIds()) {
    const published = await putPublishedElection(store, id);
    if (published.ok) continue;
    // an election counted from actas: its manifest (and so its notes) without the actas
    const def = bundledElection(id);
    if (def === null) throw new Error(id);
    await store.putElection(def);
  }
  app = await buildApi({ store, tokenHash: null });
}, 120_000);
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('the API', () => {
  it('serves every note in Spanish and English: progress, seats, projection, contests', async () => {
    const seen: string[] = [];
    const urls = [
      ...builtInElectionIds().flatMap((id) => [
        `/api/v1/progress?election=${id}`,
        `/api/v1/seats?election=${id}`,
        `/api/v1/projection?election=${id}&sims=200`,
      ]),
      ...builtInContestsIds().map((id) => `/api/v1/contests/${id}`),
    ];
    for (const url of urls) {
      const r = await app.inject({ method: 'GET', url });
      if (r.statusCode !== 200) continue;
      const found = notesIn(r.json());
      expectBilingual(found, url);
      seen.push(...found.map((f) => `${url} ${f.at}`));
    }
    // not vacuous: the seats notes the server writes, the manifests' notes, the projection's
    for (const part of [
      'seats?election=pe-2026-diputados .note',
      'seats?election=pe-2026-senado .figures.status.from',
      'progress?election=pe-2026-presidencial .about.discrepancies[0].note',
      'progress?election=pe-2021-presidencial-segunda .about.reported.note',
      'projection?election=pe-2026-presidencial-segunda-2026-06-10&sims=200 .note',
      'contests/pe-erm-2026 .notes[1]',
      'contests/pe-erm-2022 .national.classification',
    ])
      expect(
        seen.some((s) => s.includes(part)),
        part,
      ).toBe(true);
  });
});
