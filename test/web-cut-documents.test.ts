// The district's mesa list and the projection's history are of one cut (their `revision`), so the
// dashboard's cut check (web/cut.ts) refuses one read across an import, as it does every count
// document: a list of mesas counted after the figures beside it would disagree with them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MesasSchema, ProjectionHistorySchema } from '../src/api/schemas.js';
import { projectionHistory } from '../src/results/projection.js';
import { getMesas } from '../src/results/service.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { decideCut } from '../web/cut.js';
import { RUNOFF as ID, runoffActa as acta, runoffStore } from './runoff-deliveries.js';

let store: SqliteStore;
let deliver: (rows: readonly object[]) => Promise<void>;

beforeAll(async () => {
  ({ store, deliver } = await runoffStore('cifra-cut-documents-'));
  await deliver([acta('000001', true), acta('000002', false)]);
});
afterAll(() => store.close());

/** The document `read` makes now, checked by its schema, and the revision after an import. */
async function acrossImport<T>(read: () => Promise<T>, rows: readonly object[]) {
  const doc = await read();
  const before = await store.revision(ID);
  await deliver(rows);
  return { doc, before, after: await store.revision(ID) };
}

describe('the cut check on the mesa list and the projection history', () => {
  it('a mesa list read before an import is refused beside the next cut, drawn beside its own', async () => {
    const read = async () => {
      const r = await getMesas(store, ID, '010101');
      if (!r.ok) throw new Error('mesas');
      return MesasSchema.parse(r.value);
    };
    const { doc, before, after } = await acrossImport(read, [acta('000002', true)]);
    expect(doc.mesas.map((m) => m.state)).toEqual(['counted', 'pending']);
    expect(after).not.toBe(before);
    expect(decideCut(before, [doc], 0)).toBe('draw');
    expect(decideCut(after, [doc], 0)).toBe('retry');
    // the list of the new cut fits it
    expect(decideCut(after, [await read()], 0)).toBe('draw');
  });

  it('a projection history read before an import is refused beside the next cut', async () => {
    const read = async () => {
      const r = await projectionHistory(store, ID);
      if (!r.ok) throw new Error('history');
      return ProjectionHistorySchema.parse(r.value);
    };
    const { doc, before, after } = await acrossImport(read, [acta('000003', true)]);
    expect(decideCut(before, [doc], 0)).toBe('draw');
    expect(decideCut(after, [doc], 0)).toBe('retry');
    expect(decideCut(after, [await read()], 0)).toBe('draw');
  });
});
