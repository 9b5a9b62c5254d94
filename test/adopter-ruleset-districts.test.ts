// An adopter's own election (Ruritania, test/fixtures/rt): a ruleset district that is no unit of
// the jurisdiction's electoral-district level ("Sued" for the region "Süd") is refused where the
// ruleset meets the jurisdiction — not served as 0 seats and "no threshold" for every party.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApi } from '../src/api/server.js';
import { loadManifest } from '../src/elections/manifests.js';
import { getSeats } from '../src/results/service.js';
import { openStore } from '../src/store/open.js';
import { tempDir } from './helpers.js';
import { copyRt, ingestRt, rtFolder } from './rt-fixture.js';

const dir = tempDir('cifra-adopter-');

/** A copy of the Ruritania folder whose ruleset's districts are edited. */
function copyWith(name: string, edit: (d: { name: string; code?: string }[]) => void): string {
  return copyRt(join(dir, name), {
    ruleset: (rs) => {
      edit(rs['districts'] as { name: string }[]);
      return rs;
    },
  }).dir;
}

describe('a ruleset district that matches no unit of the jurisdiction', () => {
  it('the fixture as written loads', () => {
    const rt = rtFolder();
    const m = loadManifest(rt.manifest, { jurisdictions: rt.jurisdictions });
    expect(m.ok ? [] : m.error).toEqual([]);
  });

  it('a misspelt name (its code right): ruleset_district_unmatched naming the file and districts[2].name', () => {
    const to = copyWith('sued', (d) => void (d[2]!.name = 'Sued'));
    const m = loadManifest(join(to, 'rt-2026.json'), { jurisdictions: join(to, 'jurisdictions') });
    expect(m.ok).toBe(false);
    const issues = m.ok ? [] : m.error;
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['ruleset_district_unmatched', ['districts', 2, 'name']],
    ]);
    expect(issues[0]?.details).toMatchObject({
      file: join(to, 'rt-parliament.json'),
      district: 'Sued',
      code: '3',
      unitName: 'Süd',
      level: 'region',
    });
  });

  it('the name right, its code another unit’s: the issue is at districts[i].code', () => {
    const to = copyWith('code', (d) => void (d[0]!.code = '2'));
    const m = loadManifest(join(to, 'rt-2026.json'), { jurisdictions: join(to, 'jurisdictions') });
    const issues = m.ok ? [] : m.error;
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['ruleset_district_unmatched', ['districts', 0, 'code']],
    ]);
  });

  it('ingest refuses it (exit 1, the coded error), and the seats API answers a coded error, never empty seats', async () => {
    const to = copyWith('served', () => undefined);
    const db = join(dir, 'served.db');
    // the fixture's actas into the store, under its manifest and jurisdictions
    const ingest = () => ingestRt(rtFolder(to), db);
    const good = await ingest();
    expect(good.err).toBe('');
    expect(good.code).toBe(0);
    // the ruleset edited after the ingest: the file the store names now has "Sued"
    const file = join(to, 'rt-parliament.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"Süd"', '"Sued"'));
    const again = await ingest();
    expect(again.code).toBe(1);
    expect(again.err).toContain('ruleset_district_unmatched');
    expect(again.err).toContain('districts.2.name');
    const store = openStore(db);
    try {
      const seats = await getSeats(store, 'rt-2026-parlament');
      expect(seats.ok).toBe(false);
      expect(seats.ok ? [] : seats.issues.map((i) => i.code)).toEqual([
        'ruleset_district_unmatched',
      ]);
      // the API: the operator's file is at fault, not the request (500, not 422), and the client
      // learns the election and the code, never the server's path (failed on the old code: 422
      // with details.file)
      const app = await buildApi({ store, tokenHash: null });
      try {
        for (const url of [
          '/api/v1/seats?election=rt-2026-parlament',
          '/api/v1/elections/rt-2026-parlament/seats.json',
        ]) {
          const res = await app.inject({ method: 'GET', url });
          expect(res.statusCode, url).toBe(500);
          expect(res.headers['cache-control']).toBe('no-store');
          expect(JSON.parse(res.body)).toEqual({
            error: 'ruleset_district_unmatched',
            issues: [
              {
                code: 'ruleset_district_unmatched',
                severity: 'error',
                path: ['ruleset'],
                details: { election: 'rt-2026-parlament' },
              },
            ],
          });
          expect(res.body).not.toContain(dir);
        }
      } finally {
        await app.close();
      }
    } finally {
      await store.close();
    }
  });

  it('a ruleset issue raised through the manifest names the ruleset file; a missing one is at `ruleset`', () => {
    const to = copyWith('zero', (d) => void ((d[2] as unknown as { seats: number }).seats = 0));
    const m = loadManifest(join(to, 'rt-2026.json'), { jurisdictions: join(to, 'jurisdictions') });
    const issues = m.ok ? [] : m.error;
    expect(issues.map((i) => [i.code, i.path.join('.')])).toContainEqual([
      'ruleset_invalid',
      'districts.2.seats',
    ]);
    expect(issues[0]?.details?.['file']).toBe(join(to, 'rt-parliament.json'));
    const gone = copyRt(join(dir, 'gone')).dir;
    writeFileSync(
      join(gone, 'rt-2026.json'),
      readFileSync(join(gone, 'rt-2026.json'), 'utf8').replace('rt-parliament.json', 'nope.json'),
    );
    const g = loadManifest(join(gone, 'rt-2026.json'), {
      jurisdictions: join(gone, 'jurisdictions'),
    });
    expect(g.ok ? [] : g.error.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['ruleset_not_found', 'ruleset'],
    ]);
  });
});
