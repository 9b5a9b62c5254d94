// README review (session 30): `cifra results --election pe-2021-presidencial`, a final count,
// read "pending 32 (32 with figures: already among the processed)" with no word of why a final
// count has pending actas (the runoff's 20 unresolved actas had their note). The first round's
// manifest now carries a final status note, said beside a complete count; failed before: null.
import { describe, expect, it } from 'vitest';
import { statusOf } from '../src/results/status.js';
import { StatusSchema } from '../src/core/model/manifest.js';
import { fixtureElection } from './helpers.js';

const R1 = fixtureElection('pe-2021-presidencial');
const R2 = fixtureElection('pe-2021-presidencial-segunda');

describe("a final release's own note (manifest status.note)", () => {
  it('pe-2021-presidencial says why 32 actas are pending in a final count, in both languages', () => {
    const note = statusOf(R1, true, '100.000').note;
    expect(note?.es).toMatch(/32 actas siguen rotuladas EN PROCESO/);
    expect(note?.en).toMatch(/32 actas are still labelled EN PROCESO/);
  });

  it('is not said while the count is under way (only a complete count is that release)', () => {
    expect(statusOf(R1, false, '60.000').note).toBeNull();
  });

  it("the runoff's unresolved actas keep their own note", () => {
    expect(statusOf(R2, true, '99.977').note?.en).toMatch(/20 actas are still EN PROCESO/);
  });

  it('a note is text in both languages, never a bare string', () => {
    const bad = { kind: 'final', note: 'pending actas' };
    expect(StatusSchema.safeParse(bad).success).toBe(false);
  });
});

describe('a final release with unresolved actas and its own note', () => {
  it('says both, the unresolved actas first (neither is dropped)', () => {
    const st = R2.manifest?.status;
    if (st?.kind !== 'final' || st.unresolved === undefined) throw new Error('R2 unresolved');
    const both: typeof R2 = {
      ...R2,
      manifest: {
        ...(R2.manifest as NonNullable<typeof R2.manifest>),
        status: { ...st, note: { es: 'Nota propia.', en: 'Own note.' } },
      },
    };
    const note = statusOf(both, true, '99.977').note;
    expect(note?.en).toMatch(/20 actas are still EN PROCESO.* Own note\.$/);
    expect(note?.es).toMatch(/20 actas siguen EN PROCESO.* Nota propia\.$/);
  });
});
