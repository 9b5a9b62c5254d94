// SOURCE: Ministerio del Interior, Infoelectoral 02202307_TOTA.zip (escrutinio general, 23-Jul-2023),
// as bundled in data/spain/2023 (PROVENANCE.md): votes per candidacy, blank votes, seats per
// province and the official seats won. Expected seats are the official file, never our output.
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeSeats } from '../../src/core/pipeline/seats.js';
import { loadRuleset } from '../../src/elections/rulesets.js';
import { readCsvFile } from '../../src/io/csv.js';
import { dataPath } from '../../src/io/paths.js';
import type { ListRuleset } from '../../src/core/rulesets/ruleset.js';
import { parse } from 'csv-parse/sync';
import { putPublishedElection } from '../../src/results/published-load.js';
import { getSeats } from '../../src/results/service.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { tempDir } from '../helpers.js';

function rows(path: string): Record<string, string>[] {
  const text = path.endsWith('.gz')
    ? gunzipSync(readFileSync(path)).toString('utf8')
    : readFileSync(path, 'utf8');
  return parse(text, { columns: true }) as Record<string, string>[];
}

const votes = rows(dataPath('spain/2023/votes_congreso_2023.csv.gz'));
const districts = rows(dataPath('spain/2023/districts_congreso_2023.csv'));
const official = rows(dataPath('spain/2023/seats_official_congreso_2023.csv'));
const rs = loadRuleset('es-congreso');
if (!rs.ok || rs.value.kind !== 'list') throw new Error('es-congreso missing');
const ruleset: ListRuleset = rs.value;

describe('es-congreso reproduces the official 2023 Congreso de los Diputados', () => {
  const result = computeSeats(ruleset, {
    votes: votes.map((v) => ({
      district: v['district'] ?? '',
      party: v['party'] ?? '',
      votes: Number(v['votes']),
    })),
    districts: districts.map((d) => ({
      district: d['district'] ?? '',
      seats: Number(d['seats']),
      blank: Number(d['blank']),
      null: Number(d['null']),
    })),
  });

  it('with no issues and no ties, 350 seats', () => {
    expect(result.issues).toEqual([]);
    expect(result.ties).toEqual([]);
    expect(result.totalSeats).toBe(350);
  });

  it.each(districts.map((d) => d['district'] as string))(
    '%s: every candidacy gets exactly its official seats',
    (name) => {
      const got = result.districts.find((d) => d.district === name)?.seats ?? {};
      const want = Object.fromEntries(
        official.filter((o) => o['district'] === name).map((o) => [o['party'], Number(o['seats'])]),
      );
      expect(got).toEqual(want);
    },
  );

  it('national totals: PP 137, PSOE 85 (without PSC etc.), VOX 33', () => {
    expect(result.seats['PP']).toBe(137);
    expect(result.seats['PSOE']).toBe(85);
    expect(result.seats['VOX']).toBe(33);
  });

  it('the CSV reader gives the same bundled file (sanity of the test input)', () => {
    const t = readCsvFile(dataPath('spain/2023/districts_congreso_2023.csv'), 'districts');
    expect(t.ok && t.value.rows.length).toBe(52);
  });
});

describe('es-congreso apportionment (LOREG art. 162) from the 2023 population', () => {
  it('reproduces the seats of every province', async () => {
    const { apportionSeats } = await import('../../src/core/rules/apportion.js');
    const appo = ruleset.apportionment;
    if (appo === null) throw new Error('no apportionment');
    const a = apportionSeats(
      appo,
      districts.map((d) => ({
        district: d['district'] ?? '',
        electorate: Number(d['population']),
      })),
    );
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    const mismatches = districts
      .filter((d) => a.value.seats.get(d['district'] ?? '') !== Number(d['seats']))
      .map((d) => `${d['district']}: ${a.value.seats.get(d['district'] ?? '')} vs ${d['seats']}`);
    expect(mismatches).toEqual([]);
  });
});

// The bundled election (data/elections/es-2023-congreso.json) is the same count as the dashboard
// shows it: its aggregate CSV per province, seats computed by cifra with its ruleset. A province's
// PSOE and SUMAR candidacies are one choice there (formations_congreso_2023.csv), never two in one
// province, so each province's seats per choice are the official table's per candidacy.
describe('the bundled election es-2023-congreso reproduces the official seats', () => {
  const formation = new Map(
    rows(dataPath('spain/2023/formations_congreso_2023.csv')).map((r) => [
      r['party'] ?? '',
      r['formation'] ?? '',
    ]),
  );
  const of = (party: string): string => formation.get(party) ?? party;

  it('per province, every choice gets exactly its official seats; 350 in all', async () => {
    const store = new SqliteStore(join(tempDir('cifra-es-2023-'), 'es.db'));
    await store.migrate();
    try {
      const put = await putPublishedElection(store, 'es-2023-congreso');
      expect(put.ok && put.value.ruleset).toBe('es-congreso');
      const got = await getSeats(store, 'es-2023-congreso');
      if (!got.ok || got.value.kind !== 'list') throw new Error('no list seats');
      const doc = got.value;
      expect(doc.result.issues).toEqual([]);
      expect(doc.result.ties).toEqual([]);
      expect(doc.result.totalSeats).toBe(350);
      const want = new Map<string, Record<string, number>>();
      for (const o of official) {
        const d = want.get(o['district'] ?? '') ?? {};
        const f = of(o['party'] ?? '');
        expect(d[f], `${o['district']}: two candidacies of ${f}`).toBeUndefined();
        d[f] = Number(o['seats']);
        want.set(o['district'] ?? '', d);
      }
      expect(doc.result.districts).toHaveLength(52);
      for (const d of doc.result.districts)
        expect(
          Object.fromEntries(Object.entries(d.seats).filter(([, n]) => n > 0)),
          d.district,
        ).toEqual(want.get(d.district));
      // the national result as published: PSOE with PSC and the others, SUMAR with its allies
      expect(doc.result.seats).toMatchObject({ PP: 137, PSOE: 121, VOX: 33, SUMAR: 31 });
      // the published composition the manifest carries agrees, party by party
      expect(doc.reported?.seats).toEqual(
        Object.fromEntries(Object.entries(doc.result.seats).filter(([, n]) => n > 0)),
      );
    } finally {
      await store.close();
    }
  });
});
