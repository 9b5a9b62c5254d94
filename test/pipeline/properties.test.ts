// Properties of the pipeline, over generated actas written to cifra JSON files:
// import order and file boundaries never change totals; importing twice equals importing once;
// a correction changes the totals by exactly its difference.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ElectionDef } from '../../src/core/model/acta.js';
import { ingestFile } from '../../src/ingest/ingest.js';
import { buildResults } from '../../src/results/documents.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { fixedClock, tempDir } from '../helpers.js';

const ELECTION: ElectionDef = {
  id: 'prop',
  label: 'Property election',
  ruleset: 'pe-2021-presidencial',
  jurisdiction: 'pe',
  choices: ['A', 'B', 'C'].map((id) => ({ id, label: id, party: id })),
};
const UBIGEOS = ['010101', '140137', '150101', '921001', '080101'];
const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 25);

interface GenActa {
  mesa: string;
  ubigeo: string;
  state: 'counted' | 'pending' | 'not_installed';
  eligible: number;
  voters: number | null;
  votes: Record<string, number> | null;
  blank: number;
  null: number;
}

const arbActa = (mesa: number): fc.Arbitrary<GenActa> =>
  fc
    .record({
      ubigeo: fc.constantFrom(...UBIGEOS),
      kind: fc.constantFrom('counted', 'counted', 'counted', 'pending', 'not_installed'),
      a: fc.nat(120),
      b: fc.nat(120),
      c: fc.nat(50),
      blank: fc.nat(20),
      nul: fc.nat(20),
    })
    .map((x) => {
      const m = String(mesa).padStart(6, '0');
      if (x.kind !== 'counted')
        return {
          mesa: m,
          ubigeo: x.ubigeo,
          state: x.kind,
          eligible: 300,
          voters: null,
          votes: null,
          blank: 0,
          null: 0,
        };
      const voters = x.a + x.b + x.c + x.blank + x.nul;
      return {
        mesa: m,
        ubigeo: x.ubigeo,
        state: 'counted',
        eligible: 600,
        voters,
        votes: { A: x.a, B: x.b, C: x.c },
        blank: x.blank,
        null: x.nul,
      };
    });
const arbActas = fc
  .integer({ min: 1, max: 30 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => arbActa(i + 1))));

const dir = tempDir('cifra-prop-');
let files = 0;
function jsonl(actas: readonly GenActa[]): string {
  const p = join(dir, `f${files++}.jsonl`);
  writeFileSync(p, actas.map((a) => JSON.stringify(a)).join('\n') + '\n');
  return p;
}
async function storeWith(...fileGroups: (readonly GenActa[])[]): Promise<SqliteStore> {
  const s = new SqliteStore(':memory:');
  await s.migrate();
  await s.putElection(ELECTION);
  for (const g of fileGroups) {
    const r = await ingestFile(s, {
      file: jsonl(g),
      election: ELECTION,
      now: fixedClock,
    });
    expect(r.ok && r.report.quarantined).toBe(0);
  }
  return s;
}
async function totals(s: SqliteStore): Promise<unknown> {
  const [n] = (await buildResults(s, ELECTION, 'national')).units;
  const d = (await buildResults(s, ELECTION, 'district')).units.map((u) => [
    u.code,
    u.choices.map((c) => c.votes),
    u.blank,
    u.null,
    u.eligible,
    u.actas,
  ]);
  return {
    votes: n?.choices.map((c) => c.votes),
    blank: n?.blank,
    null: n?.null,
    emitted: n?.emitted,
    eligible: n?.eligible,
    actas: n?.actas,
    d,
  };
}

describe('pipeline properties', () => {
  it('any order and any split into files gives the same totals', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbActas,
        fc.infiniteStream(fc.nat()),
        fc.integer({ min: 1, max: 4 }),
        async (actas, noise, parts) => {
          const shuffled = actas
            .map((a) => ({ a, k: noise.next().value }))
            .sort((x, y) => x.k - y.k)
            .map((x) => x.a);
          const groups: GenActa[][] = Array.from({ length: parts }, () => []);
          shuffled.forEach((a, i) => groups[i % parts]?.push(a));
          const one = await storeWith(actas);
          const many = await storeWith(...groups.filter((g) => g.length > 0));
          expect(await totals(many)).toEqual(await totals(one));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('importing twice equals importing once (same file, or the same actas in another file)', async () => {
    await fc.assert(
      fc.asyncProperty(arbActas, async (actas) => {
        const once = await storeWith(actas);
        const twice = await storeWith(actas, actas);
        expect(await totals(twice)).toEqual(await totals(once));
        const same = await ingestFile(twice, {
          file: jsonl(actas),
          election: ELECTION,
          now: fixedClock,
        });
        expect(same.ok && same.report.alreadyImported).toBe(true);
        const reordered = await ingestFile(twice, {
          file: jsonl([...actas].reverse()),
          election: ELECTION,
          now: fixedClock,
        });
        expect(
          reordered.ok &&
            (actas.length === 1
              ? reordered.report.alreadyImported
              : reordered.report.unchanged === actas.length),
        ).toBe(true);
        expect(await totals(twice)).toEqual(await totals(once));
      }),
      { numRuns: RUNS },
    );
  });

  it('a correction changes the totals by exactly its difference', async () => {
    await fc.assert(
      fc.asyncProperty(arbActas, fc.nat(), fc.nat(40), fc.nat(40), async (actas, pick, da, db) => {
        const counted = actas.filter((a) => a.state === 'counted');
        fc.pre(counted.length > 0);
        const target = counted[pick % counted.length] as GenActa;
        const s = await storeWith(actas);
        const before = (await buildResults(s, ELECTION, 'national')).units[0];
        const votes = {
          A: (target.votes?.['A'] ?? 0) + da,
          B: Math.max(0, (target.votes?.['B'] ?? 0) - db),
          C: target.votes?.['C'] ?? 0,
        };
        const fixed = {
          ...target,
          votes,
          voters: votes.A + votes.B + votes.C + target.blank + target.null,
        };
        const r = await ingestFile(s, {
          file: jsonl([fixed]),
          election: ELECTION,
          now: fixedClock,
          mode: 'correction',
        });
        expect(r.ok && r.report.quarantined).toBe(0);
        const after = (await buildResults(s, ELECTION, 'national')).units[0];
        const delta = (id: string): number =>
          (after?.choices.find((c) => c.id === id)?.votes ?? 0) -
          (before?.choices.find((c) => c.id === id)?.votes ?? 0);
        expect([delta('A'), delta('B'), delta('C')]).toEqual([
          votes.A - (target.votes?.['A'] ?? 0),
          votes.B - (target.votes?.['B'] ?? 0),
          0,
        ]);
        expect((after?.emitted ?? 0) - (before?.emitted ?? 0)).toBe(
          fixed.voters - (target.voters ?? 0),
        );
      }),
      { numRuns: RUNS },
    );
  });
});
