// Review 8 LOW 12: every document of the count carries the store's revision of its election, as
// the summary does, so a reader who fetches results, progress and the summary across an import
// can tell the two cuts apart; and a published site's documents carry the one revision they were
// written at.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PATHS } from '../src/api/paths.js';
import { publishSite } from '../src/api/publish-site.js';
import { buildApi, buildOpenApi, hashToken } from '../src/api/server.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { uploadJsonl } from './api-helpers.js';
import { fixedClock, tempDir } from './helpers.js';
import { NIGHT } from './mesa-night.js';
import { ID, smallStore } from './publish-fixture.js';

const TOKEN = 'revision-token';
/** One cifra JSON acta: counted with its votes, or pending (no figures). */
const acta = (mesa: string, votes: { FP: number; JP: number } | null): string =>
  JSON.stringify({
    mesa,
    ubigeo: '070101',
    state: votes === null ? 'pending' : 'counted',
    eligible: 300,
    voters: votes === null ? null : votes.FP + votes.JP,
    votes,
    blank: 0,
    null: 0,
  });

/** Every document of the count the API serves for the night, at its paths and query routes. */
const URLS = [
  PATHS.results('night', 'national'),
  PATHS.results('night', 'department'),
  PATHS.unit('night', 'district', '070101'),
  PATHS.children('night', 'national', 'PE'),
  PATHS.document('night', 'progress'),
  PATHS.document('night', 'count-course'),
  PATHS.document('night', 'seats'),
  '/api/v1/results?election=night&level=province',
  '/api/v1/progress?election=night',
  '/api/v1/count-course?election=night',
  '/api/v1/seats?election=night',
];

describe('the revision in every document', () => {
  it('documents fetched before and after an import carry different revisions, each the summary’s', async () => {
    const store = new SqliteStore(':memory:');
    await store.migrate();
    await store.putElection(NIGHT);
    const api = await buildApi({ store, tokenHash: hashToken(TOKEN), now: fixedClock });
    const importActas = async (name: string, lines: readonly string[]): Promise<void> => {
      await uploadJsonl(api, 'night', TOKEN, lines, name);
    };
    /** The summary's revision, and each document's, read at one cut. */
    const revisions = async (): Promise<{ summary: string; documents: Map<string, unknown> }> => {
      const summary = await api.inject({ method: 'GET', url: PATHS.document('night', 'summary') });
      const documents = new Map<string, unknown>();
      for (const url of URLS) {
        const r = await api.inject({ method: 'GET', url });
        expect(r.statusCode, url).toBe(200);
        documents.set(url, (r.json() as { revision?: unknown }).revision);
      }
      return { summary: (summary.json() as { revision: string }).revision, documents };
    };
    try {
      await importActas('first', [acta('000001', { FP: 6, JP: 4 }), acta('000002', null)]);
      const before = await revisions();
      expect(before.summary).toBe(await store.revision('night'));
      for (const [url, revision] of before.documents) expect(revision, url).toBe(before.summary);

      await importActas('second', [acta('000002', { FP: 1, JP: 7 })]);
      const after = await revisions();
      expect(after.summary).toBe(await store.revision('night'));
      expect(after.summary).not.toBe(before.summary);
      for (const [url, revision] of after.documents) expect(revision, url).toBe(after.summary);
    } finally {
      await api.close();
      await store.close();
    }
  });

  it('a published site’s documents of an election all carry the revision it was written at', async () => {
    const dir = tempDir('cifra-publish-revision-');
    const store = await smallStore(dir);
    const out = join(dir, 'site');
    const published = await publishSite(store, out, buildOpenApi(), '2026-11-26T10:00:00.000Z');
    if (!published.ok) throw new Error(JSON.stringify(published.error));
    const root = join(out, 'api/v1/elections', ID);
    const files = (d: string): string[] =>
      readdirSync(d).flatMap((f) =>
        statSync(join(d, f)).isDirectory() ? files(join(d, f)) : [join(d, f)],
      );
    const revisionOf = new Map<string, unknown>();
    for (const f of files(root).filter((x) => x.endsWith('.json'))) {
      const doc = JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;
      if ('revision' in doc) revisionOf.set(relative(root, f), doc.revision);
    }
    // the documents of the count each carry it (projection.json: none at two mesas)
    for (const f of [
      'summary.json',
      'progress.json',
      'seats.json',
      'count-course.json',
      'results/national.json',
      'results/department.json',
      'results/district/010101.json',
      'results/national/PE/children.json',
    ])
      expect(revisionOf.has(f), f).toBe(true);
    expect(new Set(revisionOf.values())).toEqual(new Set([await store.revision(ID)]));
    await store.close();
  });
});
