// The poll-watchers' review (M5, M13): a mesa's CSV row says which version of its acta the figures
// are, the figuresHash a claim cites, whether a later version conflicts, and its polling place
// (empty where the election's data give none); the unit's list and the nation's stream alike, one
// header per election. Failed on the old code: the CSV had none of these columns.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActaSchema } from '../src/api/schemas.js';
import { runResults } from '../src/cli/commands/actas.js';
import { useTableLanguage } from '../src/cli/format.js';
import { buildApi, hashToken } from '../src/api/server.js';
import { bundledElection } from '../src/elections/manifests.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { uploadJsonl } from './api-helpers.js';
import { fixedClock, tempDir } from './helpers.js';
import { NIGHT, nightLine, nightRow, uploadNight, type NightRow } from './mesa-night.js';

const TOKEN = 'mesa-csv-columns-token';
const row = nightRow;

/** First cut: two counted mesas of 150101, one at the JEE, one counted in 150102. */
const FIRST = [
  row('000005', '150101', 20),
  row('000006', '150101', 30, 'pending'),
  row('000007', '150101', 40, 'jee'),
  row('000008', '150102', 50),
];
/** Actas at the JEE in 150102, with the observation the source words (ONPE's TIPO_OBSERVACION). */
const AT_JEE = [
  ['000009', 'ILEGIBLE'],
  ['000010', 'ILEGIBLE'],
  ['000011', 'SIN FIRMAS'],
] as const;
const jeeLine = ([mesa, observation]: readonly [string, string]): string =>
  JSON.stringify({ ...JSON.parse(nightLine(row(mesa, '150102', 1, 'jee'))), observation });

/** Second cut: 000005 counted again with other figures (a conflict), 000006 counted (version 2). */
const SECOND = [row('000005', '150101', 21), row('000006', '150101', 31)];

let store: SqliteStore;
let app: FastifyInstance;

const upload = (rows: readonly NightRow[], name: string, more: string[] = []) =>
  uploadNight(app, TOKEN, [...rows.map(nightLine), ...more], name);

beforeAll(async () => {
  store = new SqliteStore(join(tempDir('cifra-mesa-csv-columns-'), 'c.db'));
  await store.migrate();
  await store.putElection(NIGHT);
  app = await buildApi({ store, tokenHash: hashToken(TOKEN), now: fixedClock });
  await upload(FIRST, 'first.jsonl', AT_JEE.map(jeeLine));
  await upload(SECOND, 'second.jsonl');
});

afterAll(async () => {
  useTableLanguage('en');
  await app.close();
  await store.close();
});

const body = async (url: string): Promise<string> => {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode, res.body).toBe(200);
  return res.body;
};
type Row = Record<string, string>;
const rows = (csv: string): Row[] => parse(csv, { columns: true }) as Row[];
const FACTS = ['acta_state', 'version', 'figures_hash', 'conflict', 'polling_place'] as const;

/** The figuresHash the acta document gives its current version. */
const currentHash = async (mesa: string): Promise<string | undefined> => {
  const acta = ActaSchema.parse(JSON.parse(await body(`/api/v1/actas/${mesa}?election=night`)));
  return acta.history.find((h) => h.version === acta.current?.version)?.figuresHash;
};

describe("a mesa's CSV row: version, figures hash, conflict, polling place", () => {
  it("a unit's list: the acta's current version, its document's figuresHash, the conflict", async () => {
    const csv = await body('/api/v1/results?election=night&level=mesa&unit=150101&format=csv');
    const header = csv.split('\n')[0]?.split(',') ?? [];
    const at = header.indexOf('acta_state');
    expect(header.slice(at, at + FACTS.length)).toEqual([...FACTS]);
    const list = rows(csv).map((r) => FACTS.map((c) => r[c]));
    expect(list).toEqual([
      ['counted', '1', await currentHash('000005'), 'true', ''],
      ['counted', '2', await currentHash('000006'), 'false', ''],
      ['jee', '1', await currentHash('000007'), 'false', ''],
    ]);
    for (const [, , hash] of list) expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("the nation's stream: one header, every mesa with the same columns", async () => {
    const csv = await body('/api/v1/results?election=night&level=mesa&format=csv');
    const unit = await body('/api/v1/results?election=night&level=mesa&unit=150101&format=csv');
    expect(csv.split('\n')[0]).toBe(unit.split('\n')[0]);
    expect(csv.match(/^level,/gm)).toHaveLength(1);
    const byCode = new Map(rows(csv).map((r) => [r['code'], r]));
    expect([...byCode.keys()]).toEqual([
      '000005',
      '000006',
      '000007',
      '000008',
      '000009',
      '000010',
      '000011',
    ]);
    expect(FACTS.map((c) => byCode.get('000008')?.[c])).toEqual([
      'counted',
      '1',
      await currentHash('000008'),
      'false',
      '',
    ]);
    const one = JSON.parse(await body('/api/v1/results?election=night&level=mesa&code=000005'));
    expect(one.units[0]).toMatchObject({ version: 1, conflict: true, pollingPlace: null });
  });
});

describe("a unit's conflicted actas and its actas at the JEE by observation (M5, JEE reasons)", () => {
  const unit = async (level: string, code: string) =>
    JSON.parse(await body(`/api/v1/results?election=night&level=${level}&code=${code}`)).units[0];

  it('each place level counts its own; a coarser one sums its places', async () => {
    expect(await unit('district', '150101')).toMatchObject({
      actasConflicted: 1,
      jeeObservations: [{ observation: null, actas: 1 }],
    });
    expect(await unit('district', '150102')).toMatchObject({
      actasConflicted: 0,
      jeeObservations: [
        { observation: 'ILEGIBLE', actas: 2 },
        { observation: 'SIN FIRMAS', actas: 1 },
      ],
    });
    const lima = await unit('province', '1501');
    expect([lima.actasConflicted, lima.jeeObservations, lima.actas.jee]).toEqual([
      1,
      [
        { observation: 'ILEGIBLE', actas: 2 },
        { observation: null, actas: 1 },
        { observation: 'SIN FIRMAS', actas: 1 },
      ],
      4,
    ]);
  });

  it('the progress and summary documents give the national counts', async () => {
    const p = JSON.parse(await body('/api/v1/progress?election=night'));
    expect([p.actasConflicted, p.jeeObservations.length, p.actas.jee]).toEqual([1, 3, 4]);
    const summary = JSON.parse(await body('/api/v1/summary?election=night'));
    expect(summary.actasConflicted).toBe(1);
  });
});

describe('cifra results: the JEE by observation and the conflicts, each line only where nonzero', () => {
  const results = async (code: string): Promise<string> => {
    const out: string[] = [];
    const io = { out: (x: string) => out.push(x), err: (x: string) => out.push(x) };
    const args = { level: 'district' as const, code, election: 'night', format: 'table' as const };
    expect(await runResults(store, args, io)).toBe(0);
    return out.join('\n');
  };

  it('in English and in Spanish', async () => {
    const a = await results('150101');
    expect(a).toContain('At the JEE: 1 acta — 1 with no observation given');
    expect(a).toContain('1 acta with a conflict: a later version not applied');
    const b = await results('150102');
    expect(b).toContain('At the JEE: 3 actas — ILEGIBLE 2, SIN FIRMAS 1');
    expect(b).not.toContain('conflict');
    useTableLanguage('es');
    expect(await results('150102')).toContain('En el JEE: 3 actas — ILEGIBLE 2, SIN FIRMAS 1');
    expect(await results('150101')).toContain('1 acta con conflicto');
    useTableLanguage('en');
  });
});

describe("the CSV's header: documented, and English in every language (L19, M10)", () => {
  it("each column is in docs/ingest.md's table; --lang es keeps the header as it is", async () => {
    const csv = async (): Promise<string> => {
      const out: string[] = [];
      const io = { out: (x: string) => out.push(x), err: (x: string) => out.push(x) };
      const args = {
        level: 'mesa' as const,
        code: '000005',
        election: 'night',
        format: 'csv' as const,
      };
      expect(await runResults(store, args, io)).toBe(0);
      return out.join('\n').split('\n')[0] ?? '';
    };
    const en = await csv();
    useTableLanguage('es');
    expect(await csv()).toBe(en);
    useTableLanguage('en');
    const doc = readFileSync(join(import.meta.dirname, '..', 'docs', 'ingest.md'), 'utf8');
    const table = doc.split('\n').filter((l) => l.startsWith('| `'));
    const columns = en.split(',').filter((c) => !/^[A-Z0-9]+_(votes|pct_valid) /.test(c));
    for (const c of columns)
      expect([c, table.some((l) => l.includes(`\`${c}\``))]).toEqual([c, true]);
  });
});

describe("the mesa CSV's polling_place where the election's data give one (M13)", () => {
  const ID = 'pe-2021-presidencial-segunda';
  let s2: SqliteStore;
  let api: FastifyInstance;
  beforeAll(async () => {
    s2 = new SqliteStore(join(tempDir('cifra-mesa-csv-polling-'), 'p.db'));
    await s2.migrate();
    const def = bundledElection(ID);
    if (def === null) throw new Error(ID);
    await s2.putElection(def);
    api = await buildApi({ store: s2, tokenHash: hashToken(TOKEN), now: fixedClock });
    // a night's counted mesa, its votes under this election's choice ids
    const line = (mesa: string): string =>
      JSON.stringify({
        ...JSON.parse(nightLine(row(mesa, '010101', 50))),
        votes: { P1: 50, P2: 10 },
      });
    await uploadJsonl(api, ID, TOKEN, [line('000001'), line('999999')], 'one.jsonl');
  });
  afterAll(async () => {
    await api.close();
    await s2.close();
  });

  it("the 2021 runoff's mesa 000001 votes at IE 18288 ISABEL LYNCH DE RUBIO; a mesa the source lacks, empty", async () => {
    const res = await api.inject({
      method: 'GET',
      url: `/api/v1/results?election=${ID}&level=mesa&unit=010101&format=csv`,
    });
    expect(res.statusCode, res.body).toBe(200);
    const got = rows(res.body).map((r) => [r['code'], r['polling_place']]);
    // ronderos.pe's scrape of ONPE's polling places (the manifest's pollingPlaces source)
    expect(got).toEqual([
      ['000001', 'IE 18288 ISABEL LYNCH DE RUBIO'],
      ['999999', ''],
    ]);
  });
});
