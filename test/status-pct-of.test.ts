// Session 29: a status's `pctCounted` is a share of different actas — a count's own of the actas it
// processed, a published release's its source's counted share ("contabilizadas") — and each
// adapter guessed which from whether the election had a release. The status now says it
// (`pctOf`), set once in statusOf. Failed on the old code: no `pctOf` in any status.
import { describe, expect, it } from 'vitest';
import { FiguresStatusSchema } from '../src/results/document-schemas.js';
import { actasStatus, statusOf } from '../src/results/status.js';
import type { ElectionDef } from '../src/core/model/acta.js';
import { fixtureElection } from './helpers.js';

/** An election without its manifest: the release alone says what its figures are. */
function bare(def: ElectionDef): ElectionDef {
  const rest = { ...def };
  delete rest.manifest;
  return rest;
}

const COUNT = fixtureElection('pe-2021-presidencial');
const RELEASE = fixtureElection('pe-2026-diputados');
const FINAL_RELEASE = fixtureElection('pe-2026-presidencial-segunda');

describe('the status says what its % of actas is a share of (pctOf)', () => {
  it('a count of actas under way: the actas processed', () => {
    const { status } = actasStatus(COUNT, { total: 4, processed: 3, votesRemaining: 10 });
    expect(FiguresStatusSchema.parse(status)).toMatchObject({
      kind: 'provisional',
      pctCounted: '75.000',
      pctOf: 'actas-processed',
    });
  });

  it('a complete count of actas: still its processed actas (its own share, not a source’s)', () => {
    const { status } = actasStatus(COUNT, { total: 4, processed: 4, votesRemaining: 0 });
    expect(status).toMatchObject({
      kind: 'final',
      pctCounted: '100.000',
      pctOf: 'actas-processed',
    });
  });

  it('no actas yet: no %, and nothing it is a share of', () => {
    const { status } = actasStatus(COUNT, { total: 0, processed: 0, votesRemaining: null });
    expect([status.pctCounted, status.pctOf]).toEqual([null, null]);
  });

  it("a published release: its source's counted share, whichever of its figures gives it", () => {
    // the manifest's provisional status, the release's own %, and its units' acta counts
    expect(statusOf(RELEASE, false, null)).toMatchObject({
      pctCounted: '85.991',
      pctOf: 'actas-counted',
    });
    expect(statusOf(bare(RELEASE), false, null)).toMatchObject({ pctOf: 'actas-counted' });
    expect(statusOf(bare(FINAL_RELEASE), true, '99.999')).toMatchObject({
      pctCounted: '99.999',
      pctOf: 'actas-counted',
    });
  });

  it('a final release without acta counts: no %, no pctOf (never a made-up 100 %)', () => {
    const s = statusOf(FINAL_RELEASE, true, null);
    expect([s.kind, s.pctCounted, s.pctOf]).toEqual(['final', null, null]);
  });

  it('the schema requires the field: a status without it is no status', () => {
    const s = statusOf(FINAL_RELEASE, true, null);
    const without: Partial<typeof s> = { ...s };
    delete without.pctOf;
    expect(FiguresStatusSchema.safeParse(without).success).toBe(false);
  });
});
