// The national "decided" and the map's unit flag read one bound of the votes still out
// (core/rules/settled.ts votesStillOut): the electors of the actas not in and the impugned votes
// the JEE has yet to rule on (diff review s33: the impugned ones were left out, so a lead of 3
// with 5 of them pending "held").
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SummarySchema } from '../src/api/schemas.js';
import { ingestFile } from '../src/ingest/ingest.js';
import { getSummary } from '../src/results/summary.js';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { onpeCsv, onpeRow, storeWithElection } from './api-helpers.js';
import { fixedClock, tempDir } from './helpers.js';

/**
 * An ONPE 2021 first-round row: P1 and P2's votes, its impugned votes (VOTOS_VI), its electors
 * and state; 6 blank and 4 null, voters the sum of its votes.
 */
function row(
  mesa: string,
  o: { p1: number; p2: number; impugned: number; eligible: number; pending?: boolean },
): string {
  const cells = onpeRow(mesa, o.p1).split(',');
  cells[8] = String(o.p1 + o.p2 + 10 + o.impugned);
  cells[9] = String(o.eligible);
  cells[11] = String(o.p2);
  cells[30] = String(o.impugned);
  if (o.pending !== true) return cells.join(',');
  // pending with no figures: place, mesa, state and electors only
  return cells.map((v, i) => (i === 6 ? 'EN PROCESO' : i < 8 || i === 9 ? v : '')).join(',');
}

async function summaryOf(impugned: number) {
  const id = 'pe-2021-presidencial';
  const store: SqliteStore = await storeWithElection(id);
  const file = join(tempDir('cifra-holds-'), 'a.csv');
  // counted: 150 to 97, a lead of 53; pending: one acta of 50 electors
  writeFileSync(
    file,
    onpeCsv(
      row('000001', { p1: 150, p2: 97, impugned, eligible: 300 }),
      row('000002', { p1: 0, p2: 0, impugned: 0, eligible: 50, pending: true }),
    ),
  );
  const def = await store.getElection(id);
  if (!def) throw new Error(id);
  const r = await ingestFile(store, { file, election: def, now: fixedClock });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  const s = await getSummary(store, id);
  await store.close();
  if (!s.ok) throw new Error(JSON.stringify(s.issues));
  return SummarySchema.parse(s.value);
}

describe('the national decision counts the impugned votes still out', () => {
  it('a lead of 53 over 50 electors still out is decided', async () => {
    const s = await summaryOf(0);
    expect(s.count).toMatchObject({ complete: false, votesRemaining: 50 });
    expect(s).toMatchObject({ settled: true, settledBy: 'decided' });
  });
  it('not with 5 impugned votes pending: 50 + 5 could all go to the second', async () => {
    const s = await summaryOf(5);
    // the wire's votesRemaining stays the electors of the actas not in
    expect(s.count).toMatchObject({ complete: false, votesRemaining: 50 });
    expect(s).toMatchObject({ settled: false, settledBy: null, outcome: null });
    expect(s.openReason).not.toBeNull();
  });
});

describe("the headline's votes still to count are the decision's bound (diff review s33-2, 1)", () => {
  it('says up to the electors out plus the impugned votes, and a share under 100 % while open', async () => {
    const { leadText } = await import('../web/headline.js');
    const { state } = await import('../web/ui.js');
    state.lang = 'es';
    const s = await summaryOf(5);
    expect(s).toMatchObject({ settled: false, margin: 53, count: { votesRemaining: 50 } });
    const national = { impugned: 5, actas: { pendingWithFigures: 0 } } as unknown as Parameters<
      typeof leadText
    >[2];
    const text = leadText(s, false, national);
    // 50 electors out + 5 impugned: the lead of 53 is 96.4 % of them, not 106 % of 50
    expect(text).toContain(
      'quedan hasta 55 votos por contar, 5 votos impugnados ante el JEE entre ellos',
    );
    expect(text).toContain('la ventaja es el 96.4 % de ellos');
    // provisional figures bound nothing: no share
    const provisional = { ...national, actas: { pendingWithFigures: 1 } } as typeof national;
    expect(leadText(s, false, provisional)).not.toContain('la ventaja es');
  });
});
