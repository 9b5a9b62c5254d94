// What-ifs on the bundled elections whose seats depend on more than the lists' votes: Spain's
// valla counts blank votes (LOREG art. 163.1.a), Peru's report checks nullity (Const. art. 184).
// A what-if that changes nothing must be the election's own seats; for Spain those are the
// official composition the manifest carries (the Ministry's, never our output).
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeatResult } from '../src/core/pipeline/seats.js';
import { putPublishedElection } from '../src/results/published-load.js';
import { getSeats } from '../src/results/service.js';
import { parseWhatIfBody, whatIfSeats } from '../src/results/what-if.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';

const ELECTIONS = ['es-2023-congreso', 'pe-2026-diputados', 'pe-2026-senado'] as const;
let store: SqliteStore;

beforeAll(async () => {
  store = new SqliteStore(join(tempDir('cifra-what-if-bundled-'), 'w.db'));
  await store.migrate();
  for (const id of ELECTIONS) {
    const put = await putPublishedElection(store, id);
    if (!put.ok) throw new Error(JSON.stringify(put.error));
  }
});
afterAll(async () => {
  await store.close();
});

async function plain(election: string): Promise<SeatResult> {
  const got = await getSeats(store, election);
  if (!got.ok || got.value.kind !== 'list') throw new Error(`${election}: no list seats`);
  return got.value.result;
}

async function whatIf(body: Record<string, unknown>) {
  const parsed = parseWhatIfBody(body);
  if (!parsed.ok) return parsed;
  return whatIfSeats(store, parsed.value);
}

/** What a seat result decides: seats by list and district, exclusions, nullity, ties. */
const decided = (r: SeatResult) => ({
  seats: r.seats,
  districts: r.districts.map((d) => [d.district, d.totalSeats, d.seats]),
  passed: r.passed,
  excluded: r.excluded,
  nullity: r.nullity,
  ties: r.ties,
});

describe('a what-if that changes nothing is the election’s own result', () => {
  it.each(ELECTIONS)('%s: no change, the same seats, exclusions and nullity', async (id) => {
    const own = await plain(id);
    const r = await whatIf({ election: id });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(decided(r.value.result)).toEqual(decided(own));
    expect(r.value.diff.lists).toEqual([]);
    expect(r.value.diff.districts).toEqual([]);
  });

  it('Spain: the law’s own 3 % is the official composition, party by party', async () => {
    const got = await getSeats(store, 'es-2023-congreso');
    if (!got.ok || got.value.kind !== 'list') throw new Error('no list seats');
    const official = got.value.reported?.seats;
    expect(official).toBeDefined();
    const r = await whatIf({ election: 'es-2023-congreso', whatIf: { threshold: '3%' } });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const byChoice = Object.fromEntries(
      got.value.differences?.filter((d) => d.reported > 0).map((d) => [d.party, d.reported]) ?? [],
    );
    expect(
      Object.fromEntries(Object.entries(r.value.result.seats).filter(([, n]) => n > 0)),
    ).toEqual(byChoice);
    expect(r.value.result.totalSeats).toBe(350);
  });

  it('Peru: the nullity report is kept (blank and null per circunscripción)', async () => {
    const r = await whatIf({ election: 'pe-2026-diputados', whatIf: { method: 'sainte-lague' } });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.result.nullity).not.toBeNull();
    expect(r.value.result.nullity).toEqual((await plain('pe-2026-diputados')).nullity);
  });
});

describe('Spain what-ifs compute (blank votes per province reach the valla)', () => {
  it.each([{ method: 'sainte-lague' }, { threshold: '5%' }, { threshold: 'none' }])(
    '%o',
    async (w) => {
      const r = await whatIf({ election: 'es-2023-congreso', whatIf: w });
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      expect(r.value.result.issues.filter((i) => i.code === 'blank_votes_required')).toEqual([]);
      expect(r.value.result.totalSeats).toBe(350);
      expect(r.value.result.districts).toHaveLength(52);
    },
  );
});

describe('--seats on Peru: the districts apportioned anew from the bundled padrón', () => {
  const totals = (r: SeatResult) =>
    Object.fromEntries(r.districts.map((d) => [d.district, d.totalSeats]));

  it('130, the law’s own house: every circunscripción keeps its seats (R-0053-2025-JNE)', async () => {
    const r = await whatIf({ election: 'pe-2026-diputados', whatIf: { seats: 130 } });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(totals(r.value.result)).toEqual(totals(await plain('pe-2026-diputados')));
  });

  it('150: the seats `cifra apportion --rules pe-2026-diputados --seats 150` gives', async () => {
    const r = await whatIf({ election: 'pe-2026-diputados', whatIf: { seats: 150 } });
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.value.result.totalSeats).toBe(150);
    const { cli } = await import('./helpers.js');
    const a = await cli(
      'apportion',
      '--rules',
      'pe-2026-diputados',
      '--seats',
      '150',
      '--format',
      'json',
    );
    expect(a.code).toBe(0);
    const apportioned = JSON.parse(a.out) as { seats: Record<string, number> };
    expect(totals(r.value.result)).toEqual(apportioned.seats);
  });
});
