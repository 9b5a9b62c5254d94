import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Acta } from '../core/model/acta.js';
import {
  chainHash,
  GENESIS,
  importHash,
  verifyChains,
  versionHash,
  type ChainedVersion,
} from './audit.js';
import type { ImportRecord } from './records.js';
import { countedActa } from '../test-utils/acta.js';

describe('chainHash', () => {
  it('is SHA-256 of the UTF-8 bytes of prev then content, as a Hash object gives it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (a, b) => {
        expect(chainHash(a, b)).toBe(createHash('sha256').update(a).update(b).digest('hex'));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('verifyChains', () => {
  const acta = (mesa: string, voters: number): Acta =>
    countedActa({ mesa, voters, votes: [voters - 10, 10], blank: 0, null: 0 });
  /** A chain as the stores write it: mesa, version, kind, voters, current. */
  function chain(rows: readonly [string, number, string, number, boolean][]): ChainedVersion[] {
    let prev = GENESIS;
    return rows.map(([mesa, version, kind, voters, isCurrent], i) => {
      const record = {
        mesa,
        version,
        kind,
        acta: acta(mesa, voters),
        importId: 1,
        row: i + 1,
        recordedAt: '2026-12-01T00:00:00.000Z',
        warnings: '[]',
      };
      prev = versionHash(prev, record);
      return { ...record, id: i + 1, isCurrent, conflict: false, hash: prev };
    });
  }
  const rows: [string, number, string, number, boolean][] = [
    ['000031', 1, 'new', 90, false],
    ['000054', 1, 'new', 80, false],
    ['000031', 2, 'correction', 91, false],
    ['000054', 2, 'correction', 81, true],
    ['000031', 3, 'correction', 92, true],
  ];

  it('verifies an intact chain', () => {
    expect(verifyChains(chain(rows), []).breaks).toEqual([]);
  });

  // The review's case: deleting mesa 000031's version 2 was reported only as a broken link at
  // mesa 000054, the row written after it, which nobody touched.
  it('names a deleted version by the gap in its mesa, and says the broken link may be a deletion', () => {
    const all = chain(rows);
    const report = verifyChains(
      [all[0], all[1], all[3], all[4]].filter((v) => v !== undefined),
      [],
    );
    expect(report.ok).toBe(false);
    expect(report.breaks).toContainEqual(
      expect.objectContaining({ table: 'acta_versions', id: 'e/000031/2', reason: 'missing' }),
    );
    const link = report.breaks.find((b) => b.reason === 'hash_mismatch');
    expect(link).toMatchObject({ id: 4 });
    expect(link?.detail).toContain('changed or deleted');
  });
});

describe('importHash', () => {
  const record: ImportRecord = {
    id: 7,
    election: 'e',
    fileName: 'jee.jsonl',
    sha256: 'a'.repeat(64),
    size: 10,
    format: 'cifra-json',
    mode: 'correction',
    status: 'committed',
    startedAt: '2026-12-03T00:00:00.000Z',
  };
  it('an import without a ruling keeps the link it had before migration 12 (stored chains verify)', () => {
    const before = chainHash(
      GENESIS,
      JSON.stringify(
        [7, 'e', 'jee.jsonl', 'a'.repeat(64), 10, 'cifra-json', 'correction']
          .concat(['committed', '2026-12-03T00:00:00.000Z'])
          .concat(Array(9).fill(null) as never[]),
      ),
    );
    expect(importHash(GENESIS, record)).toBe(before);
  });
  it("a correction's resolution and author are in its link: editing either changes the hash", () => {
    const ruled = { ...record, resolution: '0123-2026-JEE', author: 'Ana' };
    const hashes = [
      importHash(GENESIS, record),
      importHash(GENESIS, ruled),
      importHash(GENESIS, { ...ruled, resolution: '0124-2026-JEE' }),
      importHash(GENESIS, { ...ruled, author: 'Beto' }),
    ];
    expect(new Set(hashes).size).toBe(4);
  });
  it('an import that counted its observation changes (migration 15) has the count in its link', () => {
    const counted = { ...record, observationChanges: 0 };
    const ruled = { ...record, resolution: '0123-2026-JEE', author: 'Ana' };
    const hashes = [
      importHash(GENESIS, record),
      importHash(GENESIS, counted),
      importHash(GENESIS, { ...counted, observationChanges: 3 }),
      importHash(GENESIS, ruled),
      importHash(GENESIS, { ...ruled, observationChanges: 3 }),
    ];
    expect(new Set(hashes).size).toBe(5);
  });
  it("an import with the source's cut (migration 16) has it in its link: editing it changes the hash", () => {
    const counted = { ...record, mode: 'import' as const, observationChanges: 2 };
    const cut = { ...counted, cut: '2026-06-07T22:30:00-05:00' };
    const hashes = [
      importHash(GENESIS, counted),
      importHash(GENESIS, cut),
      importHash(GENESIS, { ...cut, cut: '2026-06-07T22:31:00-05:00' }),
      // the same instant written another way is another text: the source's, kept as given
      importHash(GENESIS, { ...cut, cut: '2026-06-08T03:30:00Z' }),
    ];
    expect(new Set(hashes).size).toBe(4);
    // an import without one keeps the link of before migration 16 (stored chains verify)
    const before = chainHash(
      GENESIS,
      JSON.stringify(
        [7, 'e', 'jee.jsonl', 'a'.repeat(64), 10, 'cifra-json', 'import']
          .concat(['committed', '2026-12-03T00:00:00.000Z'])
          .concat(Array(9).fill(null) as never[])
          .concat([2] as never[]),
      ),
    );
    expect(importHash(GENESIS, counted)).toBe(before);
  });
  it('a cut is told apart from a ruling: the same text in another column changes the link', () => {
    const at = '2026-06-07T22:30:00-05:00';
    const ruled = { ...record, resolution: at, author: 'Ana' };
    const moved = { ...record, author: 'Ana', cut: at };
    expect(importHash(GENESIS, ruled)).not.toBe(importHash(GENESIS, moved));
    const cutOnly = { ...record, cut: at };
    const resolutionOnly = { ...record, resolution: at };
    expect(importHash(GENESIS, cutOnly)).not.toBe(importHash(GENESIS, resolutionOnly));
    // tagged in the link: the text alone would not say which column it was
    const plain = [7, 'e', 'jee.jsonl', 'a'.repeat(64), 10, 'cifra-json', 'correction']
      .concat(['committed', '2026-12-03T00:00:00.000Z'])
      .concat(Array(9).fill(null) as never[]);
    expect(importHash(GENESIS, cutOnly)).toBe(
      chainHash(GENESIS, JSON.stringify([...plain, { cut: at }])),
    );
  });
});
