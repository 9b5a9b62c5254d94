// The reliability harness's digest of a store's current actas keys each acta as the versioning
// does (versioning.ts's content key): every figure that makes a new version changes the digest.
import { describe, expect, it } from 'vitest';
import { digest } from '../scripts/lib/reliability.js';
import type { Store, StoredActa } from '../src/store/store.js';

const acta: StoredActa = {
  election: 'pe-2021-presidencial',
  mesa: '000001',
  ubigeo: '010101',
  state: 'counted',
  stateLabel: 'CONTABILIZADA',
  eligible: 300,
  voters: 200,
  votes: [100, 80],
  blank: 10,
  null: 6,
  impugned: 4,
  version: 1,
  conflict: false,
  warnings: [],
};

/** A store that only lists current actas: all the digest reads. */
function storeOf(...actas: StoredActa[]): Store {
  return { currentActas: async () => actas } as unknown as Store;
}

describe('reliability digest', () => {
  const changes: readonly Partial<StoredActa>[] = [
    { state: 'resolved' },
    { ubigeo: '010102' },
    { eligible: 301 },
    { voters: 201 },
    { votes: [101, 80] },
    { blank: 11 },
    { null: 7 },
    { impugned: 5 },
    { preferential: [[3, 2], [1]] },
    { version: 2 },
  ];
  for (const change of changes)
    it(`changes with ${Object.keys(change).join()}`, async () => {
      expect(await digest(storeOf({ ...acta, ...change }))).not.toBe(await digest(storeOf(acta)));
    });

  it('ignores the source’s label and the order the store lists the actas in', async () => {
    const other = { ...acta, mesa: '000002' };
    expect(await digest(storeOf({ ...acta, stateLabel: 'otra' }, other))).toBe(
      await digest(storeOf(other, acta)),
    );
  });
});
