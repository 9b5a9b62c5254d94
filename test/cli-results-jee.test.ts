// `cifra results` says what the API and the dashboard say of a unit's votes at the JEE (jeeVoters:
// the voters of its actas there, an acta's electors where it states none) and, in the dashboard's
// words, whether they alone could tie or reverse the leader's margin: arithmetic, no prediction.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runResults } from '../src/cli/commands/actas.js';
import { useTableLanguage } from '../src/cli/format.js';
import type { OutputFormat } from '../src/cli/io.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { jeeNightStore } from './jee-night.js';
import { nightCsvStore } from './night-csv.js';

let store: SqliteStore;
beforeAll(async () => {
  store = await jeeNightStore('cifra-cli-results-jee-');
});
afterAll(async () => {
  useTableLanguage('en');
  await store.close();
});

const results = async (level: string, code: string | undefined, format: OutputFormat = 'table') => {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
  const args = { level: level as 'district', code, election: 'night', format };
  const rc = await runResults(store, args, io);
  expect(rc, err.join('\n')).toBe(0);
  return out.join('\n');
};

describe('cifra results: the votes at the JEE beside the margin', () => {
  it('a unit: its voters at the JEE, and whether they alone reach the margin (010101: 25 ≥ 20)', async () => {
    const t = await results('district', '010101');
    expect(t).toContain('at the JEE: 25 voters of its actas');
    expect(t).toContain('an upper bound');
    expect(t).toContain(
      "Alone they reach the leader's margin: they could tie or reverse the order of the first two.",
    );
  });

  it('010102: 10 voters at the JEE fall short of a margin of 50', async () => {
    const t = await results('district', '010102');
    expect(t).toContain('at the JEE: 10 voters of its actas');
    expect(t).toContain("Alone they fall short of the leader's margin");
  });

  it('a level: a column with each unit’s voters at the JEE and whether they reach its margin', async () => {
    const t = await results('district', undefined);
    expect(t).toContain('voters at the JEE');
    const row = (code: string) => t.split('\n').find((l) => l.includes(code)) ?? '';
    expect(row('010101')).toMatch(/│ 25\s+│ yes\s+│/);
    expect(row('010102')).toMatch(/│ 10\s+│ no\s+│/);
    expect(t).toContain('not a prediction');
  });

  it('CSV has jee_voters; JSON has jeeVoters', async () => {
    const [head, ...rows] = parse(await results('district', undefined, 'csv')) as string[][];
    const k = (head ?? []).indexOf('jee_voters');
    expect(k).toBeGreaterThan(0);
    expect(rows.map((r) => r[k])).toEqual(['25', '10']);
    const doc = JSON.parse(await results('department', '01', 'json')) as {
      units: { jeeVoters: number }[];
    };
    expect(doc.units[0]?.jeeVoters).toBe(35);
  });

  it('in Spanish, the dashboard’s Spanish sentence', async () => {
    useTableLanguage('es');
    try {
      const t = await results('district', '010101');
      expect(t).toContain('en el JEE: 25 votantes de sus actas');
      expect(t).toContain('Por sí solos alcanzan la ventaja del primero');
    } finally {
      useTableLanguage('en');
    }
  });
});

describe('cifra results: the one JEE rule (leaders.ts jeeReach) at its edges', () => {
  // 010103: FP 30, JP at 0 counted, 30 held at the JEE; 010104: every acta at the JEE (no votes)
  let edges: SqliteStore;
  beforeAll(async () => {
    edges = await nightCsvStore('cifra-cli-results-jee-edges-', [
      {
        name: 'edges.csv',
        rows: [
          '000011,010103,CONTABILIZADA,300,31,1,0,0,30,0',
          '000012,010103,OBSERVADA,300,30,0,0,0,15,15',
          '000013,010104,OBSERVADA,300,40,0,0,0,20,20',
        ],
      },
    ]);
  });
  afterAll(() => edges.close());

  it('a runner-up at 0 votes still stands; a unit with no vote counted has no margin to reach', async () => {
    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: (s: string) => out.push(s) };
    const args = {
      level: 'district' as const,
      code: undefined,
      election: 'night',
      format: 'table' as const,
    };
    expect(await runResults(edges, args, io)).toBe(0);
    const t = out.join('\n');
    const row = (code: string) => t.split('\n').find((l) => l.includes(code)) ?? '';
    expect(row('010103')).toMatch(/│ 30\s+│ yes\s+│/);
    // the old rule said "yes": a margin of 0 between two lists at 0 votes
    expect(row('010104')).toMatch(/│ 40\s+│ —\s+│/);
  });
});
