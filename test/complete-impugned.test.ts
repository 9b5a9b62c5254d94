// Every acta processed is not the end while impugned votes wait at the JEE (LOE arts. 282,
// 311–312; R-0837-2025 arts. 7, 16): the summary, the seats' outcome, the map's flag and the
// headline agree (s34: the summary said "settled: complete" with 60 impugned votes out and a lead
// of 53 while the map's flag said the lead did not hold).
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../src/ingest/ingest.js';
import { onpeCsv, onpeRow, storeWithElection } from './api-helpers.js';
import { settlementAnswers } from './settlement-answers.js';
import { fixedClock, tempDir } from './helpers.js';

const ID = 'pe-2021-presidencial';

/** An ONPE 2021 first-round row, counted: P1 and P2's votes, its impugned votes (VOTOS_VI). */
function row(mesa: string, o: { p1: number; p2: number; impugned: number }): string {
  const cells = onpeRow(mesa, o.p1).split(',');
  cells[8] = String(o.p1 + o.p2 + 10 + o.impugned);
  cells[9] = '400';
  cells[11] = String(o.p2);
  cells[30] = String(o.impugned);
  return cells.join(',');
}

/** The store's answers with its one acta counted: 150 to 97 (a lead of 53, 60.7 % of valid). */
async function answersOf(impugned: number) {
  const store = await storeWithElection(ID);
  const file = join(tempDir('cifra-complete-impugned-'), 'a.csv');
  writeFileSync(file, onpeCsv(row('000001', { p1: 150, p2: 97, impugned })));
  const def = await store.getElection(ID);
  if (!def) throw new Error(ID);
  const r = await ingestFile(store, { file, election: def, now: fixedClock });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  return settlementAnswers(store, def, ID);
}

describe('a complete count with impugned votes at the JEE', () => {
  it('60 impugned votes against a lead of 53: open in the summary, the seats and the map', async () => {
    const { summary, seats, holds, unit } = await answersOf(60);
    expect(unit.impugned).toBe(60);
    expect(summary.count.complete).toBe(true);
    expect(summary).toMatchObject({
      settled: false,
      settledBy: null,
      outcome: null,
      openReason: 'impugned_at_jee',
      margin: 53,
    });
    expect(seats).toMatchObject({
      settled: false,
      settledBy: null,
      openReason: 'impugned_at_jee',
    });
    expect(seats.result.outcome).toBeNull();
    expect(holds).toBe(false);
  });

  it('cifra seats says why there is no outcome, not "provisional" on a final count', async () => {
    const { seats, cli } = await answersOf(60);
    expect(seats.status.kind).toBe('final');
    expect(cli.en).toContain(
      'no outcome yet: every acta processed, but the impugned votes awaiting the JEE could still change it',
    );
    expect(cli.es).toContain(
      'aún sin resultado: todas las actas procesadas, pero los votos impugnados que esperan al JEE aún pueden cambiarlo',
    );
    for (const text of [cli.en, cli.es]) expect(text).not.toContain('provisional');
  });

  it('52 impugned votes: decided (not "complete") everywhere, the lead holding on the map', async () => {
    const { summary, seats, holds } = await answersOf(52);
    const outcome = { kind: 'winner', round: 'first' };
    expect(summary).toMatchObject({
      settled: true,
      settledBy: 'decided',
      openReason: null,
      outcome,
    });
    expect(seats).toMatchObject({ settled: true, settledBy: 'decided', openReason: null });
    expect(seats.result.outcome).toMatchObject(outcome);
    expect(holds).toBe(true);
  });

  it('52 impugned votes: the headline says why it is decided, not "votes still to count" (s35)', async () => {
    const { leadLine } = await import('../web/headline.js');
    const { state } = await import('../web/ui.js');
    const { summary, unit } = await answersOf(52);
    expect(unit.impugned).toBe(52);
    // the API's unit as the web reads it (its types are the schema's, not readonly)
    const national = unit as unknown as Parameters<typeof leadLine>[1];
    state.lang = 'es';
    const es = leadLine(summary, national);
    expect(es).toContain('decidido: 52 votos impugnados ante el JEE, menos que la ventaja');
    expect(es).not.toContain('por contar');
    state.lang = 'en';
    const en = leadLine(summary, national);
    expect(en).toContain('decided: 52 impugned votes at the JEE, fewer than the lead');
    expect(en).not.toContain('still to count');
  });

  it('none: settled by the complete count, as before', async () => {
    const { summary, seats, holds } = await answersOf(0);
    expect(summary).toMatchObject({ settled: true, settledBy: 'complete' });
    expect(seats).toMatchObject({ settled: true, settledBy: 'complete' });
    expect(holds).toBe(true);
  });

  it('the headline says every acta is processed and the impugned votes await the JEE', async () => {
    const { leadText } = await import('../web/headline.js');
    const { state } = await import('../web/ui.js');
    const { summary, unit } = await answersOf(60);
    const national = { impugned: 60, actas: { pendingWithFigures: 0 } } as unknown as Parameters<
      typeof leadText
    >[2];
    expect(unit.impugned).toBe(60);
    state.lang = 'es';
    const es = leadText(summary, false, national);
    expect(es).toContain(
      'Todas las actas procesadas; 60 votos impugnados esperan la resolución del JEE.',
    );
    expect(es).not.toContain('por contar');
    state.lang = 'en';
    expect(leadText(summary, false, national)).toContain(
      "Every acta processed; 60 impugned votes await the JEE's ruling.",
    );
  });
});
