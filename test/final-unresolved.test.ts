// A final release that leaves actas unresolved (ONPE's 2021 runoff file: 20 actas EN PROCESO out of
// the count) settles its round only when the lead is larger than those actas' electors, as a count
// still going would (LOE art. 301; R-0837-2025 art. 15(f)): the summary, the seats' outcome, the
// map's flag, the headline and `cifra seats` agree (s35: it was settled 'complete' unchecked).
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ingestFile } from '../src/ingest/ingest.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { settlementAnswers } from './settlement-answers.js';
import { fixedClock, fixtureElection, tempDir } from './helpers.js';

const ID = 'pe-2021-presidencial-segunda';
const HEADER =
  'UBIGEO,DEPARTAMENTO,PROVINCIA,DISTRITO,TIPO_ELECCION,MESA_DE_VOTACION,DESCRIP_ESTADO_ACTA,TIPO_OBSERVACION,N_CVAS,N_ELEC_HABIL,VOTOS_P1,VOTOS_P2,VOTOS_VB,VOTOS_VN,VOTOS_VI';
const row = (mesa: string, state: string, electors: number, p1 = 0, p2 = 0): string =>
  ['010101', 'D', 'P', 'X', 'SEGUNDA ELECCION PRESIDENCIAL', mesa, state, '']
    .concat(state === 'EN PROCESO' ? ['', String(electors), '', '', '', '', ''] : [])
    .concat(
      state === 'EN PROCESO'
        ? []
        : [String(p1 + p2 + 10), String(electors), String(p1), String(p2), '6', '4', '0'],
    )
    .join(',');

/** A final release of two actas: one counted, 200 to 50 (a lead of 150); one EN PROCESO. */
async function answersOf(unresolvedElectors: number) {
  const store = new SqliteStore(join(tempDir('cifra-final-unresolved-'), 'u.db'));
  await store.migrate();
  const e = fixtureElection(ID);
  const m = e.manifest;
  if (!m || m.status.kind !== 'final' || !m.status.unresolved) throw new Error(ID);
  // this release leaves one acta unresolved (the bundled one: 20)
  const status = { ...m.status, unresolved: { ...m.status.unresolved, actas: 1 } };
  await store.putElection({ ...e, manifest: { ...m, status } });
  const file = join(tempDir('cifra-final-unresolved-'), 'r2.csv');
  const csv = [
    HEADER,
    row('000001', 'CONTABILIZADA', 300, 200, 50),
    row('000002', 'EN PROCESO', unresolvedElectors),
  ];
  writeFileSync(file, `${csv.join('\n')}\n`);
  const def = await store.getElection(ID);
  if (!def) throw new Error(ID);
  const r = await ingestFile(store, { file, election: def, now: fixedClock });
  expect(r.ok, JSON.stringify(r)).toBe(true);
  return settlementAnswers(store, def, ID);
}

describe('a final release with actas left unresolved', () => {
  it('150 votes of lead against 300 electors out: no winner anywhere, and why', async () => {
    const { summary, seats, holds, cli } = await answersOf(300);
    expect(summary.status.kind).toBe('final');
    expect(summary.count).toMatchObject({
      complete: true,
      actasTotal: 2,
      actasProcessed: 1,
      votesRemaining: 300,
    });
    expect(summary).toMatchObject({
      margin: 150,
      settled: false,
      settledBy: null,
      openReason: 'unresolved_actas',
      outcome: null,
    });
    expect(seats).toMatchObject({
      settled: false,
      settledBy: null,
      openReason: 'unresolved_actas',
    });
    expect(seats.result.outcome).toBeNull();
    expect(holds).toBe(false);
    expect(cli.en).toContain(
      'no outcome yet: a final count whose unresolved actas could still change it (final',
    );
    expect(cli.es).toContain(
      'aún sin resultado: un cómputo final cuyas actas sin resolver aún pueden cambiarlo (final',
    );
    const { leadText } = await import('../web/headline.js');
    const { state } = await import('../web/ui.js');
    const national = { impugned: 0, actas: { pendingWithFigures: 0 } } as unknown as Parameters<
      typeof leadText
    >[2];
    state.lang = 'es';
    const es = leadText(summary, false, national);
    expect(es).toContain('Cómputo final con 1 acta sin resolver (300 electores).');
    expect(es).not.toContain('por contar');
    state.lang = 'en';
    expect(leadText(summary, false, national)).toContain(
      'Final count with 1 acta unresolved (300 electors).',
    );
  });

  it('150 votes of lead against 149 electors out: decided, not complete, in every answer', async () => {
    const { summary, seats, holds } = await answersOf(149);
    expect(summary).toMatchObject({
      settled: true,
      settledBy: 'decided',
      openReason: null,
      outcome: { kind: 'winner', winner: 'P1', round: 'runoff' },
    });
    expect(seats).toMatchObject({ settled: true, settledBy: 'decided', openReason: null });
    expect(holds).toBe(true);
    const { leadLine } = await import('../web/headline.js');
    const { state } = await import('../web/ui.js');
    state.lang = 'es';
    expect(leadLine(summary)).toContain(
      '(decidido: la ventaja supera a los electores de 1 acta sin resolver (149))',
    );
    state.lang = 'en';
    expect(leadLine(summary)).toContain(
      '(decided: the lead is larger than the electors of 1 unresolved acta (149))',
    );
  });
});
