// Properties of the what-if service over generated list elections stored as published aggregates
// by circunscripción (3 districts, 14 seats, 5 lists): the election's own ruleset, however it is
// restated, changes nothing; moving a valla's share moves the lists that pass one way only; and
// no body makes the route answer anything but a result or coded issues.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorSchema, WhatIfSchema } from '../src/api/schemas.js';
import { buildApi } from '../src/api/server.js';
import { getSeats } from '../src/results/service.js';
import { parseWhatIfBody, whatIfSeats, type WhatIfDocument } from '../src/results/what-if.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { tempDir } from './helpers.js';
import { DISTRICTS, putListElection, writeStyleRuleset } from './list-election.js';

const RUNS = Number(process.env['PROPERTY_RUNS'] ?? 40);
const LISTS = ['A', 'B', 'C', 'D', 'E'];
const EMPTY = { lists: [], districts: [], entered: [], left: [] };

let store: SqliteStore;
let dir: string;
/** Ruleset files by valla: the 2026 style (5 % and 2 seats), 2021 style (5 % or 2 seats in 2 districts), a share alone. */
const RULESETS: Record<string, string> = {};
let elections = 0;

beforeAll(async () => {
  dir = tempDir('cifra-what-if-prop-');
  store = new SqliteStore(join(dir, 'prop.db'));
  await store.migrate();
  RULESETS['and'] = writeStyleRuleset(dir);
  const and = JSON.parse(readFileSync(RULESETS['and'], 'utf8')) as Record<string, unknown>;
  const variant = (name: string, change: Record<string, unknown>): void => {
    const path = join(dir, `${name}.json`);
    writeFileSync(path, JSON.stringify({ ...and, id: `test-${name}`, ...change }));
    RULESETS[name] = path;
  };
  variant('or', {
    threshold: {
      kind: 'any',
      conditions: [
        { kind: 'share', share: '5%', source: 'LOE art. 20 (2021 text)' },
        { kind: 'preliminary-seats', min: 2, minDistricts: 2, source: 'LOE art. 20 (2021 text)' },
      ],
    },
  });
  variant('share', { threshold: { kind: 'share', share: '5%', source: 'test' } });
  variant('one', { totalSeats: 4, districts: [{ name: 'Lima Metropolitana', seats: 4 }] });
});
afterAll(async () => {
  await store.close();
});

/** Votes per district and list; every list has at least one vote somewhere. */
const arbVotes = fc.array(fc.array(fc.nat(100_000), { minLength: 5, maxLength: 5 }), {
  minLength: 3,
  maxLength: 3,
});
const arbValla = fc.constantFrom('and', 'or', 'share');
const arbOptions = fc.constantFrom<Record<string, string>>({}, { 'preliminary-iterate': 'yes' });

async function stored(votes: number[][], valla: string): Promise<string> {
  const id = `prop-${++elections}`;
  await putListElection(store, {
    id,
    ruleset: RULESETS[valla] as string,
    districts: DISTRICTS,
    lists: LISTS,
    votes: votes.map((row) => row.map((v) => v + 1)),
  });
  return id;
}

async function run(body: Record<string, unknown>): Promise<WhatIfDocument> {
  const parsed = parseWhatIfBody(body);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const r = await whatIfSeats(store, parsed.value);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.value;
}

const subset = (a: readonly string[], b: readonly string[]): boolean =>
  a.every((x) => b.includes(x));

describe('whatIfSeats (property)', () => {
  it('the election’s own ruleset — nothing, the whole file, a patch restating it — gives an empty diff and the seats service’s seats', async () => {
    await fc.assert(
      fc.asyncProperty(arbVotes, arbValla, async (votes, valla) => {
        const election = await stored(votes, valla);
        const own = await getSeats(store, election);
        const file = JSON.parse(readFileSync(RULESETS[valla] as string, 'utf8')) as unknown;
        for (const rules of [{}, file, { method: 'dhondt', totalSeats: 14 }]) {
          const w = await run({ election, rules });
          expect(w.diff).toMatchObject(EMPTY);
          expect(own.ok && own.value.kind === 'list' && own.value.result.seats).toEqual(
            w.result.seats,
          );
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('lowering the valla’s share never removes a list that passed', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbVotes,
        arbValla,
        arbOptions,
        fc.integer({ min: 0, max: 50 }),
        async (votes, valla, options, tenths) => {
          const election = await stored(votes, valla);
          const own = await run({ election, options });
          const lower = await run({ election, options, whatIf: { threshold: `${tenths / 10}%` } });
          expect(subset(own.result.passed, lower.result.passed)).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('raising it never adds one; and between any two shares, the higher passes a subset', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbVotes,
        arbValla,
        arbOptions,
        fc.integer({ min: 50, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        async (votes, valla, options, higher, other) => {
          const election = await stored(votes, valla);
          const own = await run({ election, options });
          const raised = await run({ election, options, whatIf: { threshold: `${higher / 10}%` } });
          expect(subset(raised.result.passed, own.result.passed)).toBe(true);
          const [lo, hi] = other < higher ? [other, higher] : [higher, other];
          const atLo = await run({ election, options, whatIf: { threshold: `${lo / 10}%` } });
          const atHi = await run({ election, options, whatIf: { threshold: `${hi / 10}%` } });
          expect(subset(atHi.result.passed, atLo.result.passed)).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('not so when the preliminary allocation counts only the lists over the share (preliminary-among=share-qualified): a lower share lets C into it, and B falls to 1 seat', async () => {
    // one district of 4: at 30 % the preliminary allocation among A and B gives A 2 B 2;
    // at 20 % C joins it: A 40, B 35, C 25, A 20 → A 2 B 1 C 1, and B no longer has 2 seats
    const one = [{ name: 'Lima Metropolitana', code: '15' }];
    const election = 'prop-share-qualified';
    await putListElection(store, {
      id: election,
      ruleset: RULESETS['one'] as string,
      districts: one,
      lists: ['A', 'B', 'C'],
      votes: [[40_000, 35_000, 25_000]],
    });
    const options = { 'preliminary-among': 'share-qualified' };
    const at = (share: string) => run({ election, options, whatIf: { threshold: share } });
    expect((await at('30%')).result.passed).toEqual(['A', 'B']);
    expect((await at('20%')).result.passed).toEqual(['A']);
    const all = (share: string) => run({ election, whatIf: { threshold: share } });
    expect((await all('30%')).result.passed).toEqual(['A']);
    expect((await all('20%')).result.passed).toEqual(['A']);
  });
});

describe('POST /api/v1/what-if (property)', () => {
  let app: FastifyInstance;
  const election = 'prop-api';
  beforeAll(async () => {
    await putListElection(store, {
      id: election,
      ruleset: RULESETS['and'] as string,
      districts: DISTRICTS,
      lists: LISTS,
      votes: [
        [5, 4, 3, 2, 1],
        [1, 2, 3, 4, 5],
        [9, 0, 9, 0, 9],
      ].map((r) => r.map((v) => v * 1000)),
    });
    app = await buildApi({ store, tokenHash: null });
  });
  afterAll(async () => {
    await app.close();
  });

  const KEYS = ['format', 'id', 'kind', 'label', 'totalSeats', 'districts', 'method'] as const;
  const arbRules = fc.dictionary(
    fc.constantFrom(...KEYS, 'threshold', 'tiers', 'tieBreak', 'options', 'apportionment', 'x'),
    fc.oneof(
      { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
      { arbitrary: fc.constantFrom('dhondt', 'hare', 'list', 14, 7, null, ['lot']), weight: 3 },
      {
        // an option switch, well or badly formed
        arbitrary: fc.record({
          $option: fc.constantFrom('nullity', 'exhausted-list', 'x'),
          cases: fc.oneof(
            fc.jsonValue({ maxDepth: 2 }),
            fc.dictionary(fc.constantFrom('const-184', 'loe-365', 'vacant'), fc.jsonValue()),
          ),
        }),
        weight: 1,
      },
    ),
    { maxKeys: 2 },
  );
  /** Mostly a valid value, sometimes anything: the refusals then come one field at a time. */
  const mostly = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
    fc.oneof(
      { arbitrary: valid, weight: 6 },
      { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 },
    );
  const arbBody = fc.oneof(
    { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 1 },
    {
      weight: 6,
      arbitrary: fc.record(
        {
          election: mostly(fc.constant(election)),
          rules: mostly(arbRules),
          options: mostly(
            fc.oneof(
              fc.constant({}),
              fc.record(
                { 'preliminary-among': fc.constantFrom('all', 'share-qualified') },
                { requiredKeys: [] },
              ),
              fc.dictionary(
                fc.constantFrom('preliminary-iterate', 'x'),
                fc.constantFrom('yes', ''),
              ),
            ),
          ),
          whatIf: mostly(
            fc.record(
              {
                method: mostly(
                  fc.constantFrom('sainte-lague', 'hare', 'droop', 'adams', 'kieswet'),
                ),
                threshold: mostly(fc.constantFrom('4%', 'none', '1/3', '0', '100%', '12.5%')),
                // a house size fits only a one-district ruleset here: rare, or every body fails on it
                seats: fc.oneof(
                  { arbitrary: fc.constant(undefined), weight: 6 },
                  { arbitrary: mostly(fc.integer({ min: 1, max: 40 })), weight: 1 },
                ),
              },
              { requiredKeys: [] },
            ),
          ),
          seed: mostly(fc.nat(1000)),
        },
        { requiredKeys: ['election'] },
      ),
    },
  );

  it('answers any JSON body with a result (200) or coded issues (422), never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(arbBody, async (body) => {
        const r = await app.inject({
          method: 'POST',
          url: '/api/v1/what-if',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
        expect([200, 422]).toContain(r.statusCode);
        if (r.statusCode === 200) WhatIfSchema.parse(r.json());
        else expect(ErrorSchema.parse(r.json()).issues.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS * 10 },
    );
  });
});
